// What the portal's actions share: reading the API's answers, making a call in the
// person's language, and what the portal keeps in the browser (localStorage).
#pragma once
#include <string>

#include "app_state.h"
#include "http_client.h"

namespace spoc::web {

json parse_or_null(const std::string& text);  // null when the text is not JSON
// The message of the API's JSON error in the person's words, or a plain one.
std::string error_message(const AppState& app, const HttpResponse& res);
HttpCall api_call(const AppState& app, const std::string& method, const std::string& path);

// [SECTION] Kept in the browser (nothing on a kiosk)
// Merges what other tabs saved meanwhile, then saves; false when the browser refused.
bool save_followed(AppState& app);
void load_followed(AppState& app);  // adds what is saved and not yet known (nor forgotten here)
void save_draft(const AppState& app);
void load_draft(AppState& app);
void save_language(const AppState& app);
std::string saved_language();

}  // namespace spoc::web
