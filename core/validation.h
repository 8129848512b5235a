// Field-level validation shared by the portal (before sending) and the server
// (before storing). Each problem names its field and a message key of the
// message catalog, so each side can show it in the person's language.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "catalog.h"
#include "request.h"

namespace spoc {

struct FieldError {
    std::string field;  // "subject", "requester.email", "fields.asset_tag"; empty for the whole body
    std::string code;   // message key, e.g. "error.length"
    std::map<std::string, std::string> params;
};

using FieldErrors = std::vector<FieldError>;

namespace limits {
constexpr std::size_t subject_min = 3;
constexpr std::size_t subject_max = 200;
constexpr std::size_t description_max = 20000;
constexpr std::size_t name_max = 100;
constexpr std::size_t field_max = 1000;
constexpr std::size_t comment_max = 20000;
constexpr std::size_t reason_max = 2000;
constexpr std::int64_t affected_max = 1000000;  // people affected, in a diagnosis
}  // namespace limits

// Reads a POST /api/v1/requests body, checking the shape and the JSON types of
// every member. Errors here mean the body cannot even be read as a request.
// "on_behalf_of" is a user id or {"name","email"}; "diagnosis" is text or
// {"checked","errors","affected"} (affected: 1 to 1,000,000 people).
FieldErrors parse_new_request(const json& body, NewRequest& out);

// The rules: type from the catalog, subject 3-200 characters, description at
// most 20,000, impact and urgency given, a name, a well-formed email, and the
// type's own required fields and choices; on_behalf_of's name and email when given by
// name; a diagnosis's texts at most 20,000 characters. Who may file for whom is access.h's.
FieldErrors validate_new_request(const NewRequest& r, const Catalog& catalog);

// A reply or an internal note: 1-20,000 characters.
FieldErrors validate_comment(const std::string& body);

// Building blocks of the rules: a member of the wrong JSON type, and a text that must be
// UTF-8 without control characters and min-max characters long once trimmed.
FieldError wrong_type(const std::string& field, const char* expected);
void check_text(const std::string& field, const std::string& value, std::size_t min, std::size_t max,
                FieldErrors& errs);

// The first error for one field, or nullptr: what a form shows under that field.
const FieldError* error_for(const FieldErrors& errors, const std::string& field);

}  // namespace spoc
