// Following requests: asking the server for their latest state now and then, replies,
// the follow link, and forgetting a request on this device.
#include <algorithm>

#include "app_actions.h"
#include "app_support.h"
#include "platform.h"
#include "redraw.h"
#include "text.h"

namespace spoc::web {
namespace {

void apply_request(AppState& app, std::int64_t id, const HttpResponse& res) {
    FollowedRequest* r = app.find_followed(id);
    if (!r) return;
    r->loading = false;
    if (res.status == 200) {
        try {
            Request latest = parse_or_null(res.body).get<Request>();
            if (r->latest && (latest.updated_at < r->latest->updated_at ||
                              latest.timeline.size() < r->latest->timeline.size()))
                return;  // an older answer that arrived late
            if (r->latest && r->latest->state != latest.state && app.screen == Screen::detail && app.open_id == id)
                announce(latest.ref + ": " +
                         app.t("detail.event.state_changed", {{"to", app.t(std::string("state.") + to_string(latest.state))}}));
            r->latest = std::move(latest);
            app.refreshed_at = wall_clock();
            r->gone = false;
            r->notice.clear();
        } catch (const json::exception&) {
            r->notice = app.t("error.server", {{"message", "unreadable answer"}});
        }
    } else if (res.status == 404) {
        r->gone = true;
    } else {
        r->notice = error_message(app, res);
    }
}

void fetch_request(AppState& app, FollowedRequest& r) {
    if (r.loading) return;
    r.loading = true;
    HttpCall c = api_call(app, "GET", "/api/v1/requests/" + std::to_string(r.id));
    c.bearer = r.follow_token;
    const std::int64_t id = r.id;
    http_send(c, [&app, id](const HttpResponse& res) { apply_request(app, id, res); });
}

// A signed-in person's own requests (and a partner help desk's organisation's), as the
// server lists them for their session: they join those this browser follows by token.
void fetch_account_requests(AppState& app) {
    if (!app.account.user) return;
    http_send(api_call(app, "GET", "/api/v1/requests?limit=200"), [&app](const HttpResponse& res) {
        const json j = parse_or_null(res.body);
        if (res.status != 200 || !j.is_object() || !j.value("items", json()).is_array()) return;
        for (const json& item : j["items"]) {
            Request listed;
            try {
                listed = item.get<Request>();
            } catch (const json::exception&) {
                continue;
            }
            if (listed.id <= 0 || app.forgotten.count(listed.id)) continue;
            FollowedRequest* known = app.find_followed(listed.id);
            if (!known) {
                FollowedRequest r;
                r.id = listed.id;
                r.ref = listed.ref;
                r.from_account = true;
                app.followed.push_back(std::move(r));
                known = &app.followed.back();
            }
            if (!known->latest || known->latest->updated_at < listed.updated_at) {
                listed.timeline.clear();  // the list has none; the detail view asks for it
                if (known->latest) listed.timeline = known->latest->timeline;
                known->latest = std::move(listed);
            }
        }
        std::sort(app.followed.begin(), app.followed.end(), [](const auto& a, const auto& b) { return a.id > b.id; });
        app.refreshed_at = wall_clock();
        wake();
    });
}

void refresh_followed(AppState& app) {
    app.next_refresh = seconds_since_start() + app.config.refresh_seconds;
    if (app.screen == Screen::detail) {
        if (FollowedRequest* r = app.find_followed(app.open_id)) fetch_request(app, *r);
        return;
    }
    load_followed(app);  // what other tabs filed meanwhile
    fetch_account_requests(app);
    for (auto& r : app.followed)
        if (!r.from_account) fetch_request(app, r);
}

}  // namespace

std::string follow_link(const FollowedRequest& r) {
    return page_address() + "#/follow/" + std::to_string(r.id) + "/" + r.follow_token;
}

void open_request(AppState& app, std::int64_t id) {
    app.open_id = id;
    go(app, Screen::detail);
}

void poll(AppState& app) {
    if (const auto moved = popped_location()) {
        follow_location(app, *moved);
        wake();
    }
    if (app.screen == Screen::queue || app.screen == Screen::desk_request || app.screen == Screen::knowledge)
        return console_poll(app);
    if (app.screen != Screen::mine && app.screen != Screen::detail) return;
    if (seconds_since_start() >= app.next_refresh) refresh_followed(app);
}

void send_reply(AppState& app, FollowedRequest& r) {
    if (r.reply_sending || !validate_comment(r.reply).empty()) return;
    HttpCall c = api_call(app, "POST", "/api/v1/requests/" + std::to_string(r.id) + "/comments");
    c.bearer = r.follow_token;
    c.body = json{{"body", r.reply}, {"internal", false}}.dump();
    r.reply_sending = true;
    r.notice.clear();
    const std::int64_t id = r.id;
    http_send(c, [&app, id](const HttpResponse& res) {
        FollowedRequest* r = app.find_followed(id);
        if (!r) return;
        r->reply_sending = false;
        if (res.status == 201) {
            r->reply.clear();
            apply_request(app, id, {200, res.body});
        } else {
            r->notice = error_message(app, res);  // the reply stays in the box
            announce(r->notice);
        }
    });
}

void forget_request(AppState& app, std::int64_t id) {
    app.forgotten.insert(id);
    app.followed.erase(std::remove_if(app.followed.begin(), app.followed.end(),
                                      [id](const FollowedRequest& r) { return r.id == id; }),
                       app.followed.end());
    save_followed(app);
    go(app, Screen::mine);
}

}  // namespace spoc::web
