// Helpers of the server tests for talking JSON to the API: a valid request body, filing
// a request, requests with a bearer token, and checking the error format of DESIGN.md.
#pragma once
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

namespace spoc_test {

class SpocServer;

using json = nlohmann::json;

// "Authorization: Bearer <token>", or no header for "".
httplib::Headers bearer(const std::string& token);

// A valid body for POST /api/v1/requests (a question), with `changes` merged in
// (JSON merge patch: a null removes a member).
json new_request_body(const json& changes = json::object());

// Files new_request_body(changes); REQUIREs 201 and returns the answer.
json file_request(httplib::Client& client, const json& changes = json::object());

httplib::Result post_json(httplib::Client& client, const std::string& path, const json& body,
                          const std::string& token = "");
httplib::Result get(httplib::Client& client, const std::string& path, const std::string& token = "");

// The status, or -1 when no answer came.
int status_of(const httplib::Result& res);

// The body as JSON; REQUIREs an answer with Content-Type application/json and well-formed JSON.
json json_of(const httplib::Result& res);

// REQUIREs status and the error format {"error": {"code", "message", ...}} as JSON (never
// HTML), and, when given, the code. Returns the "error" object.
json require_error(const httplib::Result& res, int status, const std::string& code = "");

// The error's code ({"error": {"code"}}), or "" when the answer is not such an error.
std::string error_code(const httplib::Result& res);
// The path of one request: /api/v1/requests/{id}[/suffix]
std::string request_path(const json& request, const std::string& suffix = "");

// After something hostile: the server still answers /healthz, still files a request, and
// wrote no "error:" line.
void check_still_serving(SpocServer& server);

}  // namespace spoc_test
