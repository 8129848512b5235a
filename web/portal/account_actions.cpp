// Signing in and out: the session lives in the spoc_session cookie (HttpOnly, the browser's);
// the portal keeps the sign-in's CSRF token to sign changes. Staff go to the console;
// everyone else finds their requests under "My requests".
#include "account.h"

#include "access.h"
#include "app_actions.h"
#include "app_support.h"
#include "platform.h"
#include "redraw.h"

namespace spoc::web {
namespace {

constexpr const char* kCsrfKey = "spoc.csrf";

void signed_in(AppState& app, const json& user, const std::string& csrf) {
    try {
        app.account.user = user.get<User>();
    } catch (const json::exception&) {
        return;
    }
    app.account.csrf = csrf;
    app.account.password.clear();
    app.account.notice.clear();
    app.next_refresh = 0;  // the person's own requests join "My requests"
}

void forget_account_requests(AppState& app) {
    std::vector<FollowedRequest> kept;
    for (auto& r : app.followed)
        if (!r.from_account) kept.push_back(std::move(r));
    app.followed = std::move(kept);
}

}  // namespace

bool signed_in_staff(const AppState& app) { return app.account.user && is_staff(app.account.user->role); }

void check_session(AppState& app) {
    if (app.kiosk) {  // a kiosk is nobody's
        app.account.checked = true;
        console_session_known(app);
        return;
    }
    http_send(api_call(app, "GET", "/api/v1/me"), [&app](const HttpResponse& res) {
        app.account.checked = true;
        const json j = parse_or_null(res.body);
        if (res.status == 200 && j.is_object()) {
            signed_in(app, j, stored(kCsrfKey));
        }
        console_session_known(app);
        if (signed_in_staff(app)) {
            // A console address (a reload, a link, or the requester's program handing over) waited
            // for this check; from home, staff go on to the console.
            const std::string hash = location_hash();
            if (is_console_location(hash)) follow_location(app, hash);
            else if (app.screen == Screen::home) open_console(app);
        }
        wake();
    });
}

void sign_in(AppState& app) {
    if (app.account.busy) return;
    app.account.busy = true;
    app.account.notice.clear();
    HttpCall c = api_call(app, "POST", "/api/v1/sessions");
    c.body = json{{"email", app.account.email}, {"password", app.account.password}}.dump();
    http_send(c, [&app](const HttpResponse& res) {
        app.account.busy = false;
        const json j = parse_or_null(res.body);
        if (res.status == 201 && j.is_object() && j.value("csrf_token", json()).is_string()) {
            store(kCsrfKey, j["csrf_token"].get<std::string>());
            signed_in(app, j.value("user", json()), j["csrf_token"].get<std::string>());
            announce(app.t("account.welcome", {{"name", app.account.user ? app.account.user->name : ""}}));
            console_session_known(app);
            if (signed_in_staff(app)) open_console(app);
            else go(app, Screen::mine);
            return;
        }
        app.account.password.clear();
        app.account.notice = res.status == 401 ? app.t("account.wrong") : error_message(app, res);
        announce(app.account.notice);
    });
}

void sign_out(AppState& app) {
    http_send(api_call(app, "DELETE", "/api/v1/sessions/current"), [](const HttpResponse&) { wake(); });
    app.account.user.reset();
    app.account.csrf.clear();
    store(kCsrfKey, "");
    forget_account_requests(app);
    console_reset(app);  // in the staff program: the requester's program at the next load
    go(app, Screen::home);
}

}  // namespace spoc::web
