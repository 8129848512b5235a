// The portal's actions: start-up, the form's checks and submission, following requests.
// Every answer of the server lands here; the screens only draw AppState.
#include "app_actions.h"

#include <algorithm>
#include <cstdlib>
#include <charconv>

#include "embedded_assets.h"
#include "http_client.h"
#include "platform.h"
#include "redraw.h"
#include "text.h"

namespace spoc::web {
namespace {

constexpr const char* kFollowedKey = "spoc.requests";
constexpr const char* kDraftKey = "spoc.draft";
constexpr const char* kLanguageKey = "spoc.lang";

json parse_or_null(const std::string& text) {
    json j = json::parse(text, nullptr, false);
    return j.is_discarded() ? json() : j;
}

// The message of the API's JSON error, or a plain one when the body is not that.
std::string error_message(const AppState& app, const HttpResponse& res) {
    if (res.status == 0) return app.t("error.unreachable");
    const json j = parse_or_null(res.body);
    std::string message = "HTTP " + std::to_string(res.status);
    if (j.is_object() && j.contains("error") && j["error"].is_object() && j["error"].value("message", json()).is_string())
        message = j["error"]["message"].get<std::string>();
    return app.t("error.server", {{"message", message}});
}

HttpCall call(const AppState& app, const std::string& method, const std::string& path) {
    HttpCall c;
    c.method = method;
    c.path = path;
    c.language = app.lang;
    return c;
}

// [SECTION] Saved in the browser

void save_followed(const AppState& app) {
    if (app.kiosk) return;
    json list = json::array();
    for (const auto& r : app.followed) list.push_back({{"id", r.id}, {"ref", r.ref}, {"follow_token", r.follow_token}});
    store(kFollowedKey, list.dump());
}

void load_followed(AppState& app) {
    const json list = parse_or_null(stored(kFollowedKey));
    if (!list.is_array()) return;
    for (const auto& item : list) {
        if (!item.is_object() || !item.value("id", json()).is_number_integer() ||
            !item.value("follow_token", json()).is_string())
            continue;
        FollowedRequest r;
        r.id = item["id"].get<std::int64_t>();
        r.ref = item.value("ref", json()).is_string() ? item["ref"].get<std::string>() : format_ref(r.id);
        r.follow_token = item["follow_token"].get<std::string>();
        if (r.id > 0 && !app.find_followed(r.id)) app.followed.push_back(std::move(r));
    }
    std::sort(app.followed.begin(), app.followed.end(), [](const auto& a, const auto& b) { return a.id > b.id; });
}

json draft_json(const Draft& d) {
    return {{"kind", d.kind}, {"type", d.type},
            {"impact", d.impact}, {"urgency", d.urgency}, {"subject", d.subject},
            {"description", d.description}, {"name", d.name}, {"email", d.email}, {"fields", d.fields},
            {"sending_key", d.sending_key}};
}

void save_draft(const AppState& app) {
    if (!app.kiosk) store(kDraftKey, draft_json(app.draft).dump());
}

void load_draft(AppState& app) {
    const json j = parse_or_null(stored(kDraftKey));
    if (!j.is_object()) return;
    try {
        Draft d;
        d.kind = j.value("kind", json()).get<Kind>();
        if (d.kind == Kind::invalid) d.kind = Kind::incident;
        d.type = j.value("type", "");
        d.impact = j.value("impact", json()).get<Level>();
        d.urgency = j.value("urgency", json()).get<Level>();
        d.subject = j.value("subject", "");
        d.description = j.value("description", "");
        d.name = j.value("name", "");
        d.email = j.value("email", "");
        d.fields = j.value("fields", std::map<std::string, std::string>{});
        d.sending_key = j.value("sending_key", "");
        app.draft = std::move(d);
    } catch (const json::exception&) {
        // a draft this version cannot read is dropped, not fatal
    }
}

// portal.json's texts are plain strings or {"en": ..., "de": ...}, like the catalog's.
void apply_config(AppState& app) {
    const json& j = app.config_json;
    if (!j.is_object()) return;
    auto text = [&](const char* key, std::string& out) {
        const std::string value = localize(j.value(key, json()), app.lang);
        if (!value.empty()) out = value;
    };
    text("organisation", app.config.organisation);
    text("service_name", app.config.service_name);
    text("logo", app.config.logo);
    text("contact", app.config.contact);
    if (j.value("refresh_seconds", json()).is_number_integer())
        app.config.refresh_seconds = std::clamp(j["refresh_seconds"].get<int>(), 2, 3600);
    set_page_title(app.config.service_name + " – " + app.config.organisation);
}

void load_config(AppState& app) {
    http_send(call(app, "GET", "portal.json"), [&app](const HttpResponse& res) {
        const json j = parse_or_null(res.body);
        if (res.status != 200 || !j.is_object()) return;
        app.config_json = j;
        apply_config(app);
    });
}

// The server's catalog replaces the built-in one when it answers: it is the one it checks against.
void load_catalog(AppState& app) {
    const std::string lang = app.lang;
    http_send(call(app, "GET", "/api/v1/catalog?lang=" + lang), [&app, lang](const HttpResponse& res) {
        if (res.status != 200 || lang != app.lang) return;
        try {
            Catalog c = parse_or_null(res.body).get<Catalog>();
            if (!c.types.empty()) app.catalog = std::move(c);
        } catch (const json::exception&) {
        }
    });
}

void apply_request(AppState& app, std::int64_t id, const HttpResponse& res) {
    FollowedRequest* r = app.find_followed(id);
    if (!r) return;
    r->loading = false;
    if (res.status == 200) {
        try {
            Request latest = parse_or_null(res.body).get<Request>();
            if (r->latest && r->latest->state != latest.state && app.screen == Screen::detail && app.open_id == id)
                announce(latest.ref + ": " +
                         app.t("detail.event.state_changed", {{"to", app.t(std::string("state.") + to_string(latest.state))}}));
            r->latest = std::move(latest);
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
    HttpCall c = call(app, "GET", "/api/v1/requests/" + std::to_string(r.id));
    c.bearer = r.follow_token;
    const std::int64_t id = r.id;
    http_send(c, [&app, id](const HttpResponse& res) { apply_request(app, id, res); });
}

}  // namespace

// [SECTION] Start-up and navigation

void start(AppState& app) {
    app.messages_config = json::parse(assets::messages_json);
    std::string lang = stored(kLanguageKey);
    if (lang.empty()) lang = browser_language();
    if (const auto kiosk = page_parameter("kiosk")) {
        app.kiosk = true;
        char* end = nullptr;
        const double seconds = std::strtod(kiosk->c_str(), &end);
        if (!kiosk->empty() && end && *end == '\0' && seconds >= 2) app.kiosk_idle_seconds = seconds;
    } else {
        load_followed(app);
        load_draft(app);
    }
    set_language(app, lang);
    load_config(app);
    follow_location(app, location_hash());
}

void set_language(AppState& app, const std::string& lang) {
    app.lang = pick_language(lang, app.messages_config);
    app.messages = Messages(app.messages_config, app.lang);
    app.catalog = catalog_from_config(json::parse(assets::catalog_json), app.lang);
    if (!app.kiosk) store(kLanguageKey, app.lang);
    set_page_language(app.lang);
    apply_config(app);
    load_catalog(app);
}

namespace {

// What a screen reader says when a screen opens.
std::string screen_title(const AppState& app, Screen screen) {
    switch (screen) {
        case Screen::home: return app.t("home.title");
        case Screen::form:
            return app.t(app.draft.kind == Kind::service_request ? "form.title.service_request" : "form.title.incident");
        case Screen::submitted: return app.t("done.title") + ". " + app.t("done.reference", {{"ref", app.submitted_ref}});
        case Screen::mine: return app.t("mine.title");
        case Screen::detail: return format_ref(app.open_id);
    }
    return "";
}

void show(AppState& app, Screen screen) {
    if (screen != app.screen) announce(screen_title(app, screen));
    app.screen = screen;
    if (screen == Screen::mine || screen == Screen::detail) refresh_followed(app);
}

// Where the portal is, as the address's fragment: "" (home), #/report, #/request,
// #/done, #/mine, #/mine/42.
std::string location_of(const AppState& app) {
    switch (app.screen) {
        case Screen::home: return "";
        case Screen::form: return app.draft.kind == Kind::service_request ? "#/request" : "#/report";
        case Screen::submitted: return "#/done";
        case Screen::mine: return "#/mine";
        case Screen::detail: return "#/mine/" + std::to_string(app.open_id);
    }
    return "";
}

}  // namespace

void go(AppState& app, Screen screen) {
    show(app, screen);
    const std::string here = location_of(app);
    if (here != location_hash()) push_location(here);
}

void follow_location(AppState& app, const std::string& hash) {
    if (hash == "#/report" || hash == "#/request") {
        app.draft.kind = hash == "#/report" ? Kind::incident : Kind::service_request;
        return show(app, Screen::form);
    }
    if (hash == "#/done" && !app.submitted_ref.empty()) return show(app, Screen::submitted);
    if (hash == "#/mine") return show(app, Screen::mine);
    // A follow link (#/follow/42/<token>, from "follow on another device") adds the
    // request to this browser's list; the token then leaves the address bar.
    const std::string follow = "#/follow/";
    if (hash.rfind(follow, 0) == 0 && !app.kiosk) {
        const std::string rest = hash.substr(follow.size());
        const auto slash = std::min(rest.find('/'), rest.size());
        std::int64_t id = 0;
        const auto [end, ec] = std::from_chars(rest.data(), rest.data() + slash, id);
        const std::string token = slash < rest.size() ? rest.substr(slash + 1) : "";
        if (ec == std::errc() && end == rest.data() + slash && id > 0 && !token.empty() &&
            token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
                std::string::npos) {
            FollowedRequest* known = app.find_followed(id);
            if (!known) {
                FollowedRequest r;
                r.id = id;
                r.ref = format_ref(id);
                app.followed.push_back(std::move(r));
                std::sort(app.followed.begin(), app.followed.end(),
                          [](const auto& a, const auto& b) { return a.id > b.id; });
                known = app.find_followed(id);
            }
            known->follow_token = token;
            known->gone = false;
            save_followed(app);
            app.open_id = id;
            show(app, Screen::detail);
            replace_location(location_of(app));
            return;
        }
    }
    const std::string detail = "#/mine/";
    if (hash.rfind(detail, 0) == 0) {
        std::int64_t id = 0;
        const std::string digits = hash.substr(detail.size());
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
        if (ec == std::errc() && end == digits.data() + digits.size() && app.find_followed(id)) {
            app.open_id = id;
            return show(app, Screen::detail);
        }
    }
    show(app, Screen::home);
}

// [SECTION] The request form

void begin_form(AppState& app, Kind kind) {
    if (app.draft.kind != kind) {
        app.draft.kind = kind;
        const RequestType* type = app.catalog.find(app.draft.type);
        if (type && type->kind != kind) {
            app.draft.type.clear();
            app.draft.fields.clear();
        }
    }
    app.form_notice.clear();
    go(app, Screen::form);
}

NewRequest to_new_request(const Draft& d, const Catalog& catalog) {
    NewRequest r;
    r.type = d.type;
    r.subject = std::string(trim(d.subject));
    r.description = std::string(trim(d.description));
    r.impact = d.impact;
    r.urgency = d.urgency;
    r.requester = {std::string(trim(d.name)), std::string(trim(d.email))};
    r.fields = json::object();
    // Only the chosen type's own fields go with it: answers left from another type stay in the draft.
    if (const RequestType* type = catalog.find(d.type))
        for (const FormField& f : type->fields)
            if (auto it = d.fields.find(f.id); it != d.fields.end() && !trim(it->second).empty())
                r.fields[f.id] = std::string(trim(it->second));
    return r;
}

FieldErrors form_errors(const AppState& app) {
    return validate_new_request(to_new_request(app.draft, app.catalog), app.catalog);
}

std::string field_error(const AppState& app, const FieldErrors& errors, const std::string& field) {
    if (auto it = app.server_errors.find(field); it != app.server_errors.end()) return it->second;
    if (!app.show_errors) return "";
    const FieldError* e = error_for(errors, field);
    return e ? app.messages.error(*e) : "";
}

void draft_changed(AppState& app, const std::string& field) {
    app.server_errors.erase(field);
    // The server knows a send by its subject and email: changed, it is another request.
    if (field == "subject" || field == "requester.email") app.draft.sending_key.clear();
    save_draft(app);
}

void submit_request(AppState& app) {
    if (app.sending) return;
    app.show_errors = true;
    app.form_notice.clear();
    if (!form_errors(app).empty()) {
        app.form_notice = app.t("form.fix_errors");
        announce(app.form_notice);
        return;
    }
    if (app.draft.sending_key.empty()) {
        app.draft.sending_key = random_key();
        save_draft(app);
    }
    HttpCall c = call(app, "POST", "/api/v1/requests");
    c.body = json(to_new_request(app.draft, app.catalog)).dump();
    c.idempotency_key = app.draft.sending_key;
    app.sending = true;
    http_send(c, [&app](const HttpResponse& res) {
        app.sending = false;
        const json j = parse_or_null(res.body);
        if ((res.status == 201 || res.status == 200) && j.is_object() && j.value("id", json()).is_number_integer() &&
            j.value("follow_token", json()).is_string()) {
            FollowedRequest r;
            r.id = j["id"].get<std::int64_t>();
            r.ref = j.value("ref", format_ref(r.id));
            r.follow_token = j["follow_token"].get<std::string>();
            try {
                r.latest = j.get<Request>();
            } catch (const json::exception&) {
            }
            app.submitted_id = r.id;
            app.submitted_ref = r.ref;
            // The next form starts empty, but the person's name and email are kept (not on a kiosk).
            Draft next;
            if (!app.kiosk) {
                app.followed.insert(app.followed.begin(), std::move(r));
                save_followed(app);
                next.name = app.draft.name;
                next.email = app.draft.email;
            }
            app.draft = next;
            app.show_errors = false;
            app.server_errors.clear();
            save_draft(app);
            go(app, Screen::submitted);
            return;
        }
        if (res.status == 422 && j.is_object() && j.contains("error") && j["error"].is_object()) {
            for (const auto& d : j["error"].value("details", json::array()))
                if (d.is_object() && d.value("field", json()).is_string() && d.value("message", json()).is_string())
                    app.server_errors[d["field"].get<std::string>()] = d["message"].get<std::string>();
            app.form_notice = app.t("form.fix_errors");
            if (app.server_errors.empty()) app.form_notice = error_message(app, res);
            announce(app.form_notice);
            return;
        }
        app.form_notice = error_message(app, res);
        announce(app.form_notice);
    });
}

// [SECTION] Following requests

std::string follow_link(const FollowedRequest& r) {
    return page_address() + "#/follow/" + std::to_string(r.id) + "/" + r.follow_token;
}

void open_request(AppState& app, std::int64_t id) {
    app.open_id = id;
    go(app, Screen::detail);
}

void refresh_followed(AppState& app) {
    app.next_refresh = seconds_since_start() + app.config.refresh_seconds;
    app.refreshed_at = wall_clock();
    if (app.screen == Screen::detail) {
        if (FollowedRequest* r = app.find_followed(app.open_id)) fetch_request(app, *r);
        return;
    }
    for (auto& r : app.followed) fetch_request(app, r);
}

void kiosk_idle(AppState& app, double idle_seconds) {
    if (!app.kiosk || app.screen == Screen::home || idle_seconds < app.kiosk_idle_seconds) return;
    app.draft = Draft();
    app.show_errors = false;
    app.server_errors.clear();
    app.form_notice.clear();
    app.submitted_ref.clear();
    set_language(app, browser_language());
    go(app, Screen::home);
    wake();
}

void poll(AppState& app) {
    if (const auto moved = popped_location()) {
        follow_location(app, *moved);
        wake();
    }
    if (app.screen != Screen::mine && app.screen != Screen::detail) return;
    if (seconds_since_start() >= app.next_refresh) refresh_followed(app);
}

void send_reply(AppState& app, FollowedRequest& r) {
    if (r.reply_sending || validate_comment(std::string(trim(r.reply))).size() > 0) return;
    HttpCall c = call(app, "POST", "/api/v1/requests/" + std::to_string(r.id) + "/comments");
    c.bearer = r.follow_token;
    c.body = json{{"body", std::string(trim(r.reply))}, {"internal", false}}.dump();
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
    app.followed.erase(std::remove_if(app.followed.begin(), app.followed.end(),
                                      [id](const FollowedRequest& r) { return r.id == id; }),
                       app.followed.end());
    save_followed(app);
    go(app, Screen::mine);
}

// [SECTION] AppState

const char* screen_name(Screen s) {
    switch (s) {
        case Screen::home: return "home";
        case Screen::form: return "form";
        case Screen::submitted: return "submitted";
        case Screen::mine: return "mine";
        case Screen::detail: return "detail";
    }
    return "home";
}

FollowedRequest* AppState::find_followed(std::int64_t id) {
    for (auto& r : followed)
        if (r.id == id) return &r;
    return nullptr;
}

}  // namespace spoc::web
