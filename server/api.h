// What every route shares: JSON responses, the JSON error of DESIGN.md, reading
// a JSON body (415/400), the bearer token and the person's language.
#pragma once
#include <httplib.h>

#include <optional>
#include <string>
#include <string_view>

#include "messages.h"
#include "request.h"
#include "validation.h"

namespace spoc {

constexpr std::size_t kMaxBodyBytes = 1 << 20;  // 1 MiB; larger bodies get 413

void send_json(httplib::Response& res, int status, const json& body);
// The same for JSON already written as text (request_view_text).
void send_json_text(httplib::Response& res, int status, std::string body);

// {"error": {"code", "message", "field"?, "details"?}}
void send_error(httplib::Response& res, int status, const std::string& code, const std::string& message,
                const std::string& field = "");

// 422 (or the given status) listing every field error, the first one as "field".
void send_field_errors(httplib::Response& res, const FieldErrors& errors, const Messages& messages,
                       int status = 422);

// The body as JSON, or nullopt after answering 415 (not JSON), 400 (malformed) or
// 422 (a text that is not UTF-8, named by its field as validation would).
std::optional<json> read_json_body(const httplib::Request& req, httplib::Response& res, const Messages& messages);

// "42" as 42; nullopt for anything that is not a whole number (signs, spaces, overflow).
std::optional<std::int64_t> whole_number(std::string_view text);

// The id in the path's first group (/api/v1/users/(\d+)), or nullopt when it is not a positive number.
std::optional<std::int64_t> path_id(const httplib::Request& req);

// The token of "Authorization: Bearer <token>", or "".
std::string bearer_token(const httplib::Request& req);

// "de" for "Accept-Language: de-DE,de;q=0.9" or ?lang=de, else "en".
std::string request_language(const httplib::Request& req, const json& messages_config);

// Turns any response of 400 and above without a body into the JSON error (used
// for httplib's own answers: unknown path, 413, malformed HTTP).
void fill_error_body(const httplib::Request& req, httplib::Response& res);

}  // namespace spoc
