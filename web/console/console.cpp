// The staff program's side of console.h: the console's screens behind the shell's calls. The
// requester's program has console_loader.cpp instead.
#include "console.h"

#include <memory>

#include "console_actions.h"
#include "kb_console_actions.h"
#include "platform.h"

namespace spoc::web {

bool console_here() { return true; }

void console_start(AppState& app) { app.console = std::make_shared<ConsoleState>(); }

void ShowConsoleScreen(AppState& app) {
    switch (app.screen) {
        case Screen::queue: return ShowQueue(app);
        case Screen::desk_request: return ShowDeskRequest(app);
        case Screen::routing: return ShowRouting(app);
        case Screen::knowledge: return ShowKnowledge(app);
        case Screen::kb_article: return ShowKbArticle(app);
        case Screen::desk_search: return ShowRequestSearch(app);
        default: return;
    }
}

std::string console_title(const AppState& app, Screen s) {
    switch (s) {
        case Screen::queue: return app.t("console.title");
        case Screen::desk_request: return format_ref(app.console->open_id);
        case Screen::routing: return app.t("routing.title");
        case Screen::desk_search: return app.t("search.title");
        case Screen::knowledge: return app.t("kb.title");
        case Screen::kb_article: return app.console->kb.draft.title.empty() ? app.t("kb.new") : app.console->kb.draft.title;
        default: return "";
    }
}

std::string console_location(const AppState& app) {
    switch (app.screen) {
        case Screen::queue: return "#/desk";
        case Screen::desk_request: return "#/desk/" + std::to_string(app.console->open_id);
        case Screen::routing: return "#/desk/routing";
        case Screen::desk_search: return "#/desk/search";
        case Screen::knowledge:
        case Screen::kb_article: return kb_location(app);
        default: return "";
    }
}

bool follow_console_location(AppState& app, const std::string& hash) {
    if (hash == "#/desk") {
        show(app, Screen::queue);
        return true;
    }
    if (const auto kb = follow_kb_location(app, hash)) {
        show(app, *kb);
        return true;
    }
    if (hash == "#/desk/search") {
        open_request_search(app, false);
        return true;
    }
    if (hash == "#/desk/routing") {
        open_routing(app);
        show(app, Screen::routing);
        return true;
    }
    if (const auto id = parse_id(std::string_view(hash).substr(7))) {
        app.console->open_id = *id;
        show(app, Screen::desk_request);
        return true;
    }
    return false;
}

void console_session_known(AppState& app) { remember_program(signed_in_staff(app) ? "staff" : "requester"); }

void console_reset(AppState& app) {
    app.console = std::make_shared<ConsoleState>();
    remember_program("requester");  // the next load is the requester's program again
}

}  // namespace spoc::web
