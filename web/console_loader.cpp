// The requester's program's side of console/console.h: it has no console. Where the shell would
// open one (staff signed in, a #/desk address), it asks the page to load the staff program
// (spoc-staff.js, through start.js) at the console's address. Nothing typed is lost: the request
// form's draft and the followed requests are in localStorage, the session in its cookie.
#include "app_actions.h"
#include "console/console.h"
#include "platform.h"
#include "ui.h"

namespace spoc::web {
namespace {

std::string g_address = "#/desk";  // where the staff program is to open
bool g_refused = false;            // the page would not switch (see switch_program)

void to_staff_program(AppState& app, const std::string& address, bool push) {
    g_address = address;
    if (push) go(app, Screen::queue);
    else show(app, Screen::queue);
    g_refused = !switch_program("staff", address);
}

}  // namespace

bool console_here() { return false; }
void console_start(AppState&) {}

// Between the switch and the page's reload, or when the staff program cannot be had.
void ShowConsoleScreen(AppState& app) {
    const ui::Column c = ui::begin_column(520);
    ui::gap(24);
    ui::title(app.t("console.title"));
    ui::shown("console.loading", g_refused ? "refused" : "yes");
    if (g_refused) ui::notice(app.t("console.unavailable"), ui::Tone::error);
    else ui::paragraph(app.t("console.switching"), ui::color::muted);
    ui::end_column(c);
}

std::string console_title(const AppState& app, Screen) { return app.t("console.title"); }
std::string console_location(const AppState&) { return g_address; }

bool follow_console_location(AppState& app, const std::string& hash) {
    to_staff_program(app, hash, false);
    return true;
}

void open_console(AppState& app) {
    if (!signed_in_staff(app)) return go(app, Screen::sign_in);
    to_staff_program(app, "#/desk", true);
}

void open_desk_request(AppState& app, std::int64_t id) { to_staff_program(app, "#/desk/" + std::to_string(id), true); }

void console_poll(AppState&) {}
void console_session_known(AppState&) {}
void console_reset(AppState&) { g_refused = false; }

}  // namespace spoc::web
