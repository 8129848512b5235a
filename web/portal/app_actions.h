// What the portal does, apart from drawing: start-up, language, the request form's
// checks (core's rules), and the calls to the API with what happens to their answers.
#pragma once
#include "app_state.h"

namespace spoc::web {

void start(AppState& app);                          // configuration, saved requests and draft
void set_language(AppState& app, const std::string& lang, bool chosen = false);  // chosen: remembered
void go(AppState& app, Screen screen);                     // and a history entry for it
void follow_location(AppState& app, const std::string& hash);  // Back, Forward, reload, a link

// [SECTION] The request form
void begin_form(AppState& app, Kind kind);
void set_draft_kind(AppState& app, Kind kind);  // drops a chosen type of the other kind
NewRequest to_new_request(const Draft& d, const Catalog& catalog);
FieldErrors form_errors(const AppState& app);       // core's validation of the draft
std::string field_error(const AppState& app, const FieldErrors& errors, const std::string& field);
void draft_changed(AppState& app, const std::string& field);  // saves it, drops a stale server error
void submit_request(AppState& app);

// [SECTION] Following requests
void open_request(AppState& app, std::int64_t id);
std::string follow_link(const FollowedRequest& r);  // opens the request in another browser
// Between frames: follows Back and Forward, and asks the server for the latest state of
// what is on screen when due (at once after opening the list or a request).
void poll(AppState& app);
bool kiosk_idle(AppState& app, double idle_seconds);  // back home for the next person: true when it was                           // refreshes now and then, while someone looks
void send_reply(AppState& app, FollowedRequest& r);
void forget_request(AppState& app, std::int64_t id);

}  // namespace spoc::web
