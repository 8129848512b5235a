// The console's actions: loading a queue whole (pages of 200, up to 10,000 requests), filtering
// and sorting it in the browser with core's rules, opening one request, and the desk's changes
// to it (reply or note, triage, assignment, escalation, state). Screens only draw ConsoleState.
#include <algorithm>
#include <chrono>

#include "access.h"
#include "routing.h"
#include "console_actions.h"
#include "app_support.h"
#include "console_support.h"
#include "kb_console_actions.h"
#include "lifecycle.h"
#include "platform.h"
#include "redraw.h"
#include "text.h"

namespace spoc::web {

// See console_support.h.
void load_list(AppState& app, const std::string& path, std::function<void(const json&)> each,
               std::function<void()> done, std::function<bool()> wanted, std::function<void(const HttpResponse&)> failed) {
    http_send(api_call(app, "GET", path), [&app, path, each, done, wanted, failed](const HttpResponse& res) {
        if (wanted && !wanted()) return;
        const json j = parse_or_null(res.body);
        if (res.status != 200 || !j.is_object() || !j.value("items", json()).is_array()) {
            if (failed) failed(res);
            if (done) done();
            wake();
            return;
        }
        for (const json& item : j["items"]) each(item);
        const json next = j.value("next", json());
        if (next.is_string() && !next.get<std::string>().empty()) {
            const std::string base = path.substr(0, path.find("&cursor="));
            load_list(app, base + "&cursor=" + next.get<std::string>(), each, done, wanted, failed);
        } else if (done) {
            done();
        }
        wake();
    });
}

namespace {

constexpr std::size_t kMaxRows = 10000;

std::string request_path(std::int64_t id, const std::string& suffix = "") {
    return "/api/v1/requests/" + std::to_string(id) + suffix;
}

const char* queue_param(Queue q) {
    switch (q) {
        case Queue::unassigned: return "unassigned";
        case Queue::mine: return "mine";
        case Queue::my_groups: return "my_groups";
        case Queue::owned: return "owned";
        case Queue::all:
        case Queue::invalid: break;
    }
    return "all";
}

void load_directory(AppState& app) {
    if (app.console->directory_loaded) return;
    app.console->directory_loaded = true;
    load_list(app, "/api/v1/users?limit=200", [&app](const json& u) {
        try {
            User user = u.get<User>();
            app.console->people[user.id] = std::move(user);
        } catch (const json::exception&) {
        }
    });
    load_list(app, "/api/v1/groups?limit=200", [&app](const json& g) {
        try {
            app.console->groups.push_back(g.get<SupportGroup>());
        } catch (const json::exception&) {
        }
    });
    load_list(app, "/api/v1/organisations?limit=200", [&app](const json& o) {
        if (o.is_object() && o.value("id", json()).is_number_integer() && o.value("name", json()).is_string())
            app.console->organisations[o["id"].get<Id>()] = o["name"].get<std::string>();
    });
}

// The form's choices follow the request as it now is.
void take_request(AppState& app, Request r) {
    ConsoleState& c = *app.console;
    const bool first = !c.open || c.open->id != r.id;
    if (first || c.open->updated_at != r.updated_at) {
        c.type = r.type;
        c.impact = r.impact;
        c.urgency = r.urgency;
        c.assign_group = r.group;
        c.assign_person = r.assignee;
        c.to = State::invalid;
    }
    c.open = std::move(r);
    c.open_loading = false;
    // The queue's row shows the change too.
    for (Request& row : c.rows)
        if (row.id == c.open->id) {
            Request copy = *c.open;
            copy.timeline.clear();
            row = std::move(copy);
            c.view_stale = true;
        }
}

void fetch_open(AppState& app) {
    ConsoleState& c = *app.console;
    if (c.open_loading || c.open_id == 0) return;
    c.open_loading = true;
    const std::int64_t id = c.open_id;
    http_send(api_call(app, "GET", request_path(id)), [&app, id](const HttpResponse& res) {
        ConsoleState& c = *app.console;
        c.open_loading = false;
        if (c.open_id != id) return;
        const json j = parse_or_null(res.body);
        if (res.status == 200 && j.is_object()) {
            try {
                take_request(app, j.get<Request>());
            } catch (const json::exception&) {
                c.notice = app.t("error.server", {{"message", "unreadable answer"}});
            }
        } else {
            c.notice = error_message(app, res);
        }
        wake();
    });
}

// A change to the open request; its answer is the request as it now is.
void send_change(AppState& app, const std::string& method, const std::string& suffix, const json& body,
                 std::function<void()> on_success = {}) {
    ConsoleState& c = *app.console;
    if (c.sending || !c.open) return;
    c.sending = true;
    c.notice.clear();
    HttpCall call = api_call(app, method, request_path(c.open->id, suffix));
    call.body = body.dump();
    const std::int64_t id = c.open->id;
    http_send(call, [&app, id, on_success](const HttpResponse& res) {
        ConsoleState& c = *app.console;
        c.sending = false;
        const json j = parse_or_null(res.body);
        if ((res.status == 200 || res.status == 201) && j.is_object()) {
            try {
                if (c.open_id == id) take_request(app, j.get<Request>());
            } catch (const json::exception&) {
            }
            if (on_success) on_success();
            announce(app.t("console.saved"));
        } else {
            c.notice = error_message(app, res);  // what was typed stays
            announce(c.notice);
            if (res.status == 404) c.open.reset();  // no longer this person's to see
        }
        wake();
    });
}

bool contains_folded(const std::string& haystack, const std::string& needle) {
    return ascii_lowercase(haystack).find(needle) != std::string::npos;
}

}  // namespace

void open_console(AppState& app) {
    if (!signed_in_staff(app)) return go(app, Screen::sign_in);
    remember_program("staff");  // this browser's next load is the staff program at once
    load_directory(app);
    go(app, Screen::queue);
    if (app.console->rows.empty() && !app.console->loading) load_queue(app, app.console->queue);
}

void load_queue(AppState& app, Queue queue) {
    ConsoleState& c = *app.console;
    // Another queue starts empty; the same queue again stays on screen until the new one is whole.
    if (queue != c.queue || c.rows.empty()) {
        c.rows.clear();
        c.view.clear();
        c.selected = 0;
    }
    c.queue = queue;
    c.incoming.clear();
    c.loading = true;
    const bool first = c.rows.empty();  // a first load shows as it arrives; a reload when whole
    c.load_notice.clear();
    const int generation = ++c.generation;
    app.next_refresh = seconds_since_start() + std::max(app.config.refresh_seconds, 30);
    load_list(
        app, std::string("/api/v1/requests?limit=200&queue=") + queue_param(queue),
        [&app, generation, first](const json& item) {
            ConsoleState& c = *app.console;
            std::vector<Request>& into = first ? c.rows : c.incoming;
            if (c.generation != generation || into.size() >= kMaxRows) return;
            try {
                into.push_back(item.get<Request>());
                c.view_stale = c.view_stale || first;
            } catch (const json::exception&) {
            }
        },
        [&app, generation, first] {
            ConsoleState& c = *app.console;
            if (c.generation != generation) return;
            if (first) {
                c.loading = false;
                return;
            }
            // The same request stays selected across the reload.
            const std::int64_t selected_id =
                c.selected < static_cast<int>(c.view.size()) ? c.rows[c.view[c.selected]].id : 0;
            c.rows = std::move(c.incoming);
            c.incoming.clear();
            c.loading = false;
            c.view_stale = true;
            refresh_view(app);
            for (int i = 0; i < static_cast<int>(c.view.size()); ++i)
                if (c.rows[c.view[i]].id == selected_id) c.selected = i;
        },
        [&app, generation] { return app.console->generation == generation; });
}

void console_poll(AppState& app) {
    if (!signed_in_staff(app)) return;
    load_directory(app);
    if (app.screen == Screen::knowledge) return knowledge_poll(app);
    ConsoleState& c = *app.console;
    if (app.screen == Screen::desk_request && (!c.open || c.open->id != c.open_id)) fetch_open(app);
    if (seconds_since_start() < app.next_refresh) return;
    app.next_refresh = seconds_since_start() + std::max(app.config.refresh_seconds, 30);
    if (app.screen == Screen::desk_request) fetch_open(app);
    else if (!c.loading) load_queue(app, c.queue);
}

void refresh_view(AppState& app) {
    ConsoleState& c = *app.console;
    if (!c.view_stale) return;
    const double started = seconds_since_start();
    RequestQuery q;
    q.state = c.state_filter;
    q.priority = c.priority_filter;
    q.organisation = c.organisation_filter;
    q.group = c.group_filter;
    const std::string text = ascii_lowercase(trim(c.text_filter));
    c.view.clear();
    const Timestamp newest = wall_clock() - Timestamp{c.older_than_days} * 86400;
    for (int i = 0; i < static_cast<int>(c.rows.size()); ++i) {
        const Request& r = c.rows[i];
        if (!matches(q, r)) continue;
        if (c.older_than_days > 0 && r.created_at > newest) continue;
        if (!text.empty() && !contains_folded(r.subject, text) && !contains_folded(r.ref, text) &&
            !contains_folded(r.requester.name, text) && !contains_folded(r.requester.email, text))
            continue;
        c.view.push_back(i);
    }
    auto before = [&](const Request& a, const Request& b) -> bool {
        switch (c.sort) {
            case QueueColumn::priority: return comes_before(RequestSort::priority, a, b);
            case QueueColumn::updated: return comes_before(RequestSort::updated, a, b);
            case QueueColumn::ref:
            case QueueColumn::age: return comes_before(RequestSort::created, b, a);  // oldest first
            case QueueColumn::state: return a.state != b.state ? a.state < b.state : a.id < b.id;
            case QueueColumn::subject: return a.subject != b.subject ? a.subject < b.subject : a.id < b.id;
            case QueueColumn::requester: {
                const auto x = ascii_lowercase(a.requester.name), y = ascii_lowercase(b.requester.name);
                return x != y ? x < y : a.id < b.id;
            }
            case QueueColumn::organisation: {
                const auto x = c.organisation_name(a.organisation), y = c.organisation_name(b.organisation);
                return x != y ? x < y : a.id < b.id;
            }
            case QueueColumn::group: {
                const auto x = c.group_name(a.group), y = c.group_name(b.group);
                return x != y ? x < y : a.id < b.id;
            }
            case QueueColumn::assignee: {
                const auto x = c.person_name(a.assignee), y = c.person_name(b.assignee);
                return x != y ? x < y : a.id < b.id;
            }
        }
        return a.id < b.id;
    };
    std::stable_sort(c.view.begin(), c.view.end(), [&](int x, int y) {
        return c.descending ? before(c.rows[y], c.rows[x]) : before(c.rows[x], c.rows[y]);
    });
    c.selected = std::clamp(c.selected, 0, std::max(0, static_cast<int>(c.view.size()) - 1));
    c.view_stale = false;
    c.last_view_ms = (seconds_since_start() - started) * 1000;
}

void open_desk_request(AppState& app, std::int64_t id) {
    ConsoleState& c = *app.console;
    if (c.open_id != id) {
        c.open.reset();
        c.reply.clear();
        c.reply_internal = false;
        c.notice.clear();
        c.state_reason.clear();
        c.escalate_reason.clear();
    }
    c.open_id = id;
    go(app, Screen::desk_request);
    fetch_open(app);
}

void console_reply(AppState& app) {
    ConsoleState& c = *app.console;
    if (!validate_comment(c.reply).empty()) return;
    send_change(app, "POST", "/comments", {{"body", c.reply}, {"internal", c.reply_internal}},
                [&app] { app.console->reply.clear(); });
}

void console_triage(AppState& app) {
    ConsoleState& c = *app.console;
    if (!c.open) return;
    json body = json::object();
    if (c.type != c.open->type) body["type"] = c.type;
    if (c.impact != c.open->impact) body["impact"] = c.impact;
    if (c.urgency != c.open->urgency) body["urgency"] = c.urgency;
    if (body.empty()) return;
    send_change(app, "PATCH", "", body);
}

void console_assign(AppState& app) {
    ConsoleState& c = *app.console;
    if (!c.assign_group) return;
    json body = {{"group", *c.assign_group}};
    if (c.assign_person) body["assignee"] = *c.assign_person;
    send_change(app, "POST", "/assignments", body);
}

void console_escalate(AppState& app, bool functional) {
    ConsoleState& c = *app.console;
    json body = {{"kind", functional ? "functional" : "hierarchical"}, {"reason", c.escalate_reason}};
    if (functional) {
        if (!c.escalate_group) return;
        body["group"] = *c.escalate_group;
    }
    send_change(app, "POST", "/escalations", body, [&app] { app.console->escalate_reason.clear(); });
}

void console_transition(AppState& app) {
    ConsoleState& c = *app.console;
    if (!c.open || c.to == State::invalid) return;
    json body = {{"to", c.to}, {"reason", std::string(trim(c.state_reason))}};
    if (c.to == State::pending) body["waiting_for"] = c.waiting_for;
    if (c.to == State::resolved) body["resolution"] = c.resolution_code;
    send_change(app, "POST", "/transitions", body, [&app] {
        app.console->state_reason.clear();
        app.console->to = State::invalid;
    });
}

void open_routing(AppState& app) {
    load_directory(app);
    ConsoleState& c = *app.console;
    c.routing_notice.clear();
    c.routing_saved = false;
    http_send(api_call(app, "GET", "/api/v1/routing"), [&app](const HttpResponse& res) {
        ConsoleState& c = *app.console;
        RoutingRules rules;
        if (res.status == 200 && read_routing(parse_or_null(res.body), app.catalog, rules).empty()) c.routing = rules;
        else c.routing_notice = error_message(app, res);
        wake();
    });
}

void save_routing(AppState& app) {
    ConsoleState& c = *app.console;
    if (!c.routing || c.routing_saving) return;
    c.routing_saving = true;
    c.routing_notice.clear();
    HttpCall call = api_call(app, "PUT", "/api/v1/routing");
    call.body = json(*c.routing).dump();
    http_send(call, [&app](const HttpResponse& res) {
        ConsoleState& c = *app.console;
        c.routing_saving = false;
        c.routing_saved = res.status == 200;
        c.routing_notice = c.routing_saved ? app.t("console.saved") : error_message(app, res);  // the edits stay
        announce(c.routing_notice);
        wake();
    });
}

}  // namespace spoc::web
