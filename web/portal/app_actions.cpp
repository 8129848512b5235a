// The portal's actions: start-up, language, where the person is (screens and the
// browser's history), kiosks, and the request form's checks and submission.
// Following requests is in follow_actions.cpp; the screens only draw AppState.
#include "app_actions.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "access.h"
#include "app_support.h"
#include "embedded_assets.h"
#include "platform.h"
#include "redraw.h"
#include "text.h"

namespace spoc::web {
namespace {

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
    http_send(api_call(app, "GET", "portal.json"), [&app](const HttpResponse& res) {
        const json j = parse_or_null(res.body);
        if (res.status != 200 || !j.is_object()) return;
        app.config_json = j;
        apply_config(app);
    });
}

// The server's catalog replaces the built-in one when it answers: it is the one it checks against.
void load_catalog(AppState& app) {
    const std::string lang = app.lang;
    http_send(api_call(app, "GET", "/api/v1/catalog?lang=" + lang), [&app, lang](const HttpResponse& res) {
        if (res.status != 200 || lang != app.lang) return;
        try {
            Catalog c = parse_or_null(res.body).get<Catalog>();
            if (!c.types.empty()) app.catalog = std::move(c);
        } catch (const json::exception&) {
        }
    });
}

// The messages in that language, the page's language, portal.json's texts, and the server's
// catalog asked for (set_language also puts the built-in one in its place until it answers).
void use_language(AppState& app, const std::string& lang, bool chosen) {
    app.messages_config = parse_messages(assets::messages_json, lang);
    app.lang = pick_language(lang, app.messages_config);
    app.messages = Messages(app.messages_config, app.lang);
    if (chosen) save_language(app);
    set_page_language(app.lang);
    apply_config(app);
    load_catalog(app);
    load_hint_index(app);  // not before the first frame
}

}  // namespace

// [SECTION] Start-up and navigation

// Only what the first screen needs comes before the first frame: on the home screen that is the
// messages, the language and the requests this browser follows (it counts them).
void start(AppState& app) {
    console_start(app);
    load_config(app);  // first: it needs nothing, and its texts are the header's
    std::string lang = saved_language();
    if (lang.empty()) lang = browser_language();
    if (const auto kiosk = page_parameter("kiosk")) {
        app.kiosk = true;
        char* end = nullptr;
        const double seconds = std::strtod(kiosk->c_str(), &end);
        if (!kiosk->empty() && end && *end == '\0' && seconds >= 2) app.kiosk_idle_seconds = seconds;
    } else {
        load_followed(app);
    }
    use_language(app, lang, false);
    const std::string hash = location_hash();
    if (!hash.empty()) finish_start(app);  // another first screen may need the draft or the catalog
    follow_location(app, hash);
    check_session(app);
}

void finish_start(AppState& app) {
    if (app.start_finished) return;
    app.start_finished = true;
    if (!app.kiosk) load_draft(app);
    if (app.catalog.types.empty()) app.catalog = catalog_from_config(json::parse(assets::catalog_json), app.lang);
}

// The person's messages and English ones (their fallback), every language's name (the header's
// switch) and portal.json's texts as far as they are known.
std::string first_screen_texts(const AppState& app) {
    std::string all = app.config.organisation + app.config.service_name + app.config.contact;
    for (const auto& [lang, texts] : app.messages_config.items()) {
        if (!texts.is_object()) continue;
        if (lang != app.lang && lang != "en") {
            all += texts.value("language.name", "");
            continue;
        }
        for (const auto& [key, text] : texts.items())
            if (text.is_string()) all += text.get_ref<const std::string&>();
    }
    return all;
}

void set_language(AppState& app, const std::string& lang, bool chosen) {
    use_language(app, lang, chosen);
    app.catalog = catalog_from_config(json::parse(assets::catalog_json), app.lang);
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
        case Screen::sign_in: return app.t("account.title");
        case Screen::article: return app.knowledge.article ? app.knowledge.article->title : app.t("article.loading");
        case Screen::solved: return app.t("solved.title");
        case Screen::queue:
        case Screen::desk_request:
        case Screen::routing:
        case Screen::knowledge:
        case Screen::kb_article:
        case Screen::desk_search: return console_title(app, screen);
    }
    return "";
}

}  // namespace

void show(AppState& app, Screen screen) {
    if (screen != app.screen) announce(screen_title(app, screen));
    app.screen = screen;
    // Asked at the start of the next frame (poll), not while a screen is being drawn.
    if (screen == Screen::mine || screen == Screen::detail) app.next_refresh = 0;
    if (screen == Screen::form) load_hint_index(app);  // after a failed download: again
}

// A request id from the address: digits only, above 0.
std::optional<std::int64_t> parse_id(std::string_view digits) {
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (ec != std::errc() || end != digits.data() + digits.size() || id <= 0) return std::nullopt;
    return id;
}

namespace {

// Where the portal is, as the address's fragment: "" (home), #/report, #/request,
// #/done, #/mine, #/mine/42, #/kb/7 (a knowledge article), #/solved.
std::string location_of(const AppState& app) {
    switch (app.screen) {
        case Screen::home: return "";
        case Screen::form: return app.draft.kind == Kind::service_request ? "#/request" : "#/report";
        case Screen::submitted: return "#/done";
        case Screen::mine: return "#/mine";
        case Screen::detail: return "#/mine/" + std::to_string(app.open_id);
        case Screen::sign_in: return "#/sign-in";
        case Screen::article: return "#/kb/" + std::to_string(app.knowledge.open_id);
        case Screen::solved: return "#/solved";
        case Screen::queue:
        case Screen::desk_request:
        case Screen::routing:
        case Screen::knowledge:
        case Screen::kb_article:
        case Screen::desk_search: return console_location(app);  // #/desk...
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
        set_draft_kind(app, hash == "#/report" ? Kind::incident : Kind::service_request);
        return show(app, Screen::form);
    }
    if (hash == "#/done" && !app.submitted_ref.empty()) return show(app, Screen::submitted);
    if (hash.rfind("#/kb/", 0) == 0)
        if (const auto id = parse_id(std::string_view(hash).substr(5))) return open_article(app, *id);
    if (hash == "#/mine" && !app.kiosk) return show(app, Screen::mine);
    if (hash == "#/sign-in" && !app.kiosk) return show(app, Screen::sign_in);
    // The console's places wait for the session check; without staff signed in, sign in first.
    // In the requester's program a console address loads the staff program (console/console.h).
    if (is_console_location(hash)) {
        if (!signed_in_staff(app)) return show(app, app.kiosk ? Screen::home : Screen::sign_in);
        if (follow_console_location(app, hash)) return;
    }
    // A follow link (#/follow/42/<token>, from "follow on another device") adds the
    // request to this browser's list; the token then leaves the address bar.
    const std::string follow = "#/follow/";
    if (hash.rfind(follow, 0) == 0 && !app.kiosk) {
        const std::string rest = hash.substr(follow.size());
        const auto slash = std::min(rest.find('/'), rest.size());
        const auto id = parse_id(std::string_view(rest).substr(0, slash));
        const std::string token = slash < rest.size() ? rest.substr(slash + 1) : "";
        if (id && !token.empty() &&
            token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
                std::string::npos) {
            FollowedRequest* known = app.find_followed(*id);
            if (!known) {
                FollowedRequest r;
                r.id = *id;
                r.ref = format_ref(*id);
                app.followed.push_back(std::move(r));  // save_followed puts it in its place
                known = &app.followed.back();
            }
            // A working token stays: an old or mistyped link must not replace it.
            if (known->follow_token.empty() || known->gone) {
                known->follow_token = token;
                known->gone = false;
                known->latest.reset();
            }
            save_followed(app);
            app.open_id = *id;
            show(app, Screen::detail);
            replace_location(location_of(app));
            return;
        }
    }
    const std::string detail = "#/mine/";
    if (hash.rfind(detail, 0) == 0) {
        if (const auto id = parse_id(std::string_view(hash).substr(detail.size())); id && app.find_followed(*id)) {
            app.open_id = *id;
            return show(app, Screen::detail);
        }
    }
    show(app, Screen::home);
}

bool kiosk_idle(AppState& app, double idle_seconds) {
    if (!app.kiosk || app.sending || app.screen == Screen::home || idle_seconds < app.kiosk_idle_seconds) return false;
    app.draft = Draft();
    app.show_errors = false;
    app.server_errors.clear();
    app.form_notice.clear();
    app.submitted_ref.clear();
    app.forgotten.clear();
    app.knowledge.not_helpful.clear();
    set_language(app, browser_language());
    go(app, Screen::home);
    wake();
    return true;
}

// [SECTION] The request form

void set_draft_kind(AppState& app, Kind kind) {
    if (app.draft.kind == kind) return;
    app.draft.kind = kind;
    const RequestType* type = app.catalog.find(app.draft.type);
    if (type && type->kind != kind) {
        app.draft.type.clear();
        app.draft.fields.clear();
    }
}

void begin_form(AppState& app, Kind kind) {
    set_draft_kind(app, kind);
    app.form_notice.clear();
    go(app, Screen::form);
}

NewRequest to_new_request(const Draft& d, const Catalog& catalog) {
    NewRequest r;
    r.type = d.type;
    r.subject = d.subject;
    r.description = d.description;
    r.impact = d.impact;
    r.urgency = d.urgency;
    r.requester = {d.name, d.email, std::nullopt};
    r.fields = json::object();
    // Only the chosen type's own fields go with it: answers left from another type stay in the draft.
    if (const RequestType* type = catalog.find(d.type))
        for (const FormField& f : type->fields)
            if (auto it = d.fields.find(f.id); it != d.fields.end() && !trim(it->second).empty())
                r.fields[f.id] = it->second;
    return r;
}

bool files_for_others(const AppState& app) {
    return app.account.user && may_file_for_others(app.account.user->role);
}

NewRequest to_new_request(const AppState& app) {
    const Draft& d = app.draft;
    NewRequest r = to_new_request(d, app.catalog);
    if (!app.account.user) return r;
    const User& me = *app.account.user;
    r.requester = {me.name, me.email, std::nullopt};
    if (!files_for_others(app)) return r;
    if (d.for_whom == "person") {
        r.on_behalf_of = d.for_user > 0 ? json(d.for_user) : json();
        for (const User& u : app.people)
            if (u.id == d.for_user) r.requester = {u.name, u.email, std::nullopt};
    } else if (d.for_whom == "other") {
        r.on_behalf_of = {{"name", d.other_name}, {"email", d.other_email}};
        r.requester = {d.other_name, d.other_email, std::nullopt};
    }
    json diagnosis = json::object();
    if (!trim(d.diagnosis_checked).empty()) diagnosis["checked"] = std::string(trim(d.diagnosis_checked));
    if (!trim(d.diagnosis_errors).empty()) diagnosis["errors"] = std::string(trim(d.diagnosis_errors));
    const std::string affected(trim(d.diagnosis_affected));
    if (!affected.empty()) {
        std::int64_t n = 0;
        const auto [end, ec] = std::from_chars(affected.data(), affected.data() + affected.size(), n);
        diagnosis["affected"] = ec == std::errc() && end == affected.data() + affected.size() ? json(n) : json(affected);
    }
    if (!diagnosis.empty()) r.diagnosis = diagnosis;
    return r;
}

FieldErrors form_errors(const AppState& app) {
    const NewRequest r = to_new_request(app);
    FieldErrors errors = validate_new_request(r, app.catalog);
    if (files_for_others(app) && app.draft.for_whom == "person" && app.draft.for_user <= 0)
        errors.push_back({"on_behalf_of", "error.required", {}});
    if (r.diagnosis.is_object() && r.diagnosis.contains("affected") &&
        (!r.diagnosis["affected"].is_number_integer() || r.diagnosis["affected"].get<std::int64_t>() < 1))
        errors.push_back({"diagnosis.affected", "error.whole_number", {}});
    return errors;
}

void load_people(AppState& app) {
    if (app.people_asked || !files_for_others(app)) return;
    app.people_asked = true;
    http_send(api_call(app, "GET", "/api/v1/users?limit=200"), [&app](const HttpResponse& res) {
        const json j = parse_or_null(res.body);
        if (res.status != 200 || !j.is_object() || !j.value("items", json()).is_array()) {
            app.people_asked = false;
            return;
        }
        for (const json& item : j["items"]) {
            try {
                User u = item.get<User>();
                if (u.active) app.people.push_back(std::move(u));
            } catch (const json::exception&) {
            }
        }
        wake();
    });
}

std::string field_error(const AppState& app, const FieldErrors& errors, const std::string& field) {
    if (auto it = app.server_errors.find(field); it != app.server_errors.end()) return it->second;
    if (!app.show_errors) return "";
    const FieldError* e = error_for(errors, field);
    return e ? app.messages.error(*e) : "";
}

void draft_changed(AppState& app, const std::string& field) {
    app.server_errors.erase(field);
    // Edited after a send whose answer was lost, it is another request: a new key.
    app.draft.sending_key.clear();
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
    HttpCall c = api_call(app, "POST", "/api/v1/requests");
    c.body = json(to_new_request(app)).dump();
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
                if (FollowedRequest* known = app.find_followed(r.id))
                    *known = std::move(r);  // a repeat answered with a new token
                else
                    app.followed.insert(app.followed.begin(), std::move(r));
                app.storage_refused = !save_followed(app);
                next.name = app.draft.name;
                next.email = app.draft.email;
            }
            app.draft = next;
            app.show_errors = false;
            app.server_errors.clear();
            save_draft(app);
            if (signed_in_staff(app)) return open_desk_request(app, app.submitted_id);  // a logged call: on with it
            if (app.screen == Screen::form)
                go(app, Screen::submitted);
            else
                announce(app.t("done.reference", {{"ref", app.submitted_ref}}));
            return;
        }
        if (res.status == 409) app.draft.sending_key.clear();  // the next send is a new request
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

// [SECTION] AppState

const char* screen_name(Screen s) {
    switch (s) {
        case Screen::home: return "home";
        case Screen::form: return "form";
        case Screen::submitted: return "submitted";
        case Screen::mine: return "mine";
        case Screen::detail: return "detail";
        case Screen::sign_in: return "sign_in";
        case Screen::queue: return "queue";
        case Screen::desk_request: return "desk_request";
        case Screen::routing: return "routing";
        case Screen::article: return "article";
        case Screen::solved: return "solved";
        case Screen::knowledge: return "knowledge";
        case Screen::kb_article: return "kb_article";
        case Screen::desk_search: return "desk_search";
    }
    return "home";
}

FollowedRequest* AppState::find_followed(std::int64_t id) {
    for (auto& r : followed)
        if (r.id == id) return &r;
    return nullptr;
}

}  // namespace spoc::web
