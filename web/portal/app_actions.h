// What the portal does, apart from drawing: start-up, language, the request form's
// checks (core's rules), and the calls to the API with what happens to their answers.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include "app_state.h"
#include "console/console.h"  // what the shell calls of the desk's console

namespace spoc::web {

void start(AppState& app);                          // configuration, saved requests, language
void finish_start(AppState& app);  // after the first frame: the saved draft, the built-in catalog
std::string first_screen_texts(const AppState& app);  // what the first frame may show (the fonts' first glyphs)
void set_language(AppState& app, const std::string& lang, bool chosen = false);  // chosen: remembered
void go(AppState& app, Screen screen);                     // and a history entry for it
void show(AppState& app, Screen screen);                   // without one (the address is there already)
std::optional<std::int64_t> parse_id(std::string_view digits);  // an id from an address: digits, above 0
void follow_location(AppState& app, const std::string& hash);  // Back, Forward, reload, a link

// [SECTION] The request form
void begin_form(AppState& app, Kind kind);
void set_draft_kind(AppState& app, Kind kind);  // drops a chosen type of the other kind
NewRequest to_new_request(const Draft& d, const Catalog& catalog);
// The draft as this person files it: signed in, as themselves; a help desk for someone (an
// account or a typed-in caller) with its diagnosis.
NewRequest to_new_request(const AppState& app);
bool files_for_others(const AppState& app);
void load_people(AppState& app);  // whom the signed-in help desk may file for
FieldErrors form_errors(const AppState& app);       // core's validation of the draft
std::string field_error(const AppState& app, const FieldErrors& errors, const std::string& field);
void draft_changed(AppState& app, const std::string& field);  // saves it, drops a stale server error
void submit_request(AppState& app);

// [SECTION] Knowledge (knowledge_actions.cpp)
void first_frame_drawn(AppState& app);  // once, from main: the knowledge index may come now
// The UI language's search index, unless it is there or on its way; a failed download is
// asked for again at the next visit of the form (no hints meanwhile, and no error).
void load_hint_index(AppState& app);
std::string hint_query(const Draft& d);  // what the hints search for: subject and description
void update_hints(AppState& app);        // in the form's frame: searches again when the text changed
void open_article(AppState& app, std::int64_t id);
void article_solved(AppState& app);       // a deflection: nothing filed, the draft cleared
void article_not_helpful(AppState& app);  // feedback on the article, back to the form
void back_to_request(AppState& app);      // the form, with everything typed

// [SECTION] Following requests
void open_request(AppState& app, std::int64_t id);
std::string follow_link(const FollowedRequest& r);  // opens the request in another browser
// Between frames: follows Back and Forward, and asks the server for the latest state of
// what is on screen when due (at once after opening the list or a request).
void poll(AppState& app);
bool kiosk_idle(AppState& app, double idle_seconds);  // back home for the next person: true when it was                           // refreshes now and then, while someone looks
void send_reply(AppState& app, FollowedRequest& r);
void forget_request(AppState& app, std::int64_t id);

// [SECTION] Signing in (account_actions.cpp)
void check_session(AppState& app);   // at start: GET /api/v1/me with the cookie, if any
void sign_in(AppState& app);         // the form's email and password
void sign_out(AppState& app);
bool signed_in_staff(const AppState& app);  // the desk's console is theirs

}  // namespace spoc::web
