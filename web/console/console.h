// The seam between the portal's shell (main.cpp, portal/) and the desk's console (console/): all
// the shell calls of the console, and nothing else. The portal is linked twice from the same
// sources (web/CMakeLists.txt):
//  - spoc-staff (spoc-staff.js/.wasm/.data): the shell and console/, whose console.cpp implements
//    this header with the console's screens;
//  - spoc (spoc.js/.wasm/.data), the requester's program: the shell and console_loader.cpp, which
//    implements it by asking the page (start.js) for the staff program, so that a requester or a
//    guest never downloads the console's code.
// Which program a page loads is remembered in localStorage ('spoc.program'): the requester's
// program switches to the staff one when staff sign in or open a #/desk address; the staff program
// switches back (for the next load) when it starts without a staff session or someone signs out.
#pragma once
#include <cstdint>
#include <string>

#include "app_state.h"

namespace spoc::web {

// The console's screens (the queue, a request at the desk, routing, the knowledge base).
inline bool is_console_screen(Screen s) {
    return s == Screen::queue || s == Screen::desk_request || s == Screen::routing || s == Screen::knowledge ||
           s == Screen::kb_article || s == Screen::desk_search;
}
inline bool is_console_location(const std::string& hash) { return hash == "#/desk" || hash.rfind("#/desk/", 0) == 0; }

bool console_here();                                         // false in the requester's program
void console_start(AppState& app);                           // at start-up, before anything else of it
void ShowConsoleScreen(AppState& app);                       // the frame of app.screen, one of the console's
std::string console_title(const AppState& app, Screen s);    // what a screen reader says when it opens
std::string console_location(const AppState& app);           // app.screen's address: #/desk...
// A #/desk... address (Back, Forward, reload, a link) with staff signed in: opens what it names
// (false: it names nothing of the console).
bool follow_console_location(AppState& app, const std::string& hash);
void open_console(AppState& app);                       // the queue, loading what it needs
void open_desk_request(AppState& app, std::int64_t id);  // one request at the desk (after logging a call)
void console_poll(AppState& app);                       // between frames, on a console screen
void console_session_known(AppState& app);              // after the session check or a sign-in
void console_reset(AppState& app);                      // on sign-out: nothing of the desk stays

}  // namespace spoc::web
