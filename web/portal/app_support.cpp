// See app_support.h.
#include "app_support.h"

#include <algorithm>

#include "platform.h"

namespace spoc::web {
namespace {

constexpr const char* kFollowedKey = "spoc.requests";
constexpr const char* kDraftKey = "spoc.draft";
constexpr const char* kLanguageKey = "spoc.lang";

}  // namespace

json parse_or_null(const std::string& text) {
    json j = json::parse(text, nullptr, false);
    return j.is_discarded() ? json() : j;
}

std::string error_message(const AppState& app, const HttpResponse& res) {
    if (res.status == 0) return app.t("error.unreachable");
    const json j = parse_or_null(res.body);
    std::string message = "HTTP " + std::to_string(res.status);
    if (j.is_object() && j.contains("error") && j["error"].is_object() && j["error"].value("message", json()).is_string())
        message = j["error"]["message"].get<std::string>();
    return app.t("error.server", {{"message", message}});
}

HttpCall api_call(const AppState& app, const std::string& method, const std::string& path) {
    HttpCall c;
    c.method = method;
    c.path = path;
    c.language = app.lang;
    if (app.account.user && method != "GET") c.csrf = app.account.csrf;
    return c;
}

// [SECTION] Kept in the browser

bool save_followed(AppState& app) {
    if (app.kiosk) return true;
    load_followed(app);
    json list = json::array();
    for (const auto& r : app.followed)
        if (!r.follow_token.empty()) list.push_back({{"id", r.id}, {"ref", r.ref}, {"follow_token", r.follow_token}});
    return store(kFollowedKey, list.dump());
}

void load_followed(AppState& app) {
    json list = parse_or_null(stored(kFollowedKey));
    if (!list.is_array()) list = json::array();
    for (const auto& item : list) {
        if (!item.is_object() || !item.value("id", json()).is_number_integer() ||
            !item.value("follow_token", json()).is_string())
            continue;
        FollowedRequest r;
        r.id = item["id"].get<std::int64_t>();
        r.ref = item.value("ref", json()).is_string() ? item["ref"].get<std::string>() : format_ref(r.id);
        r.follow_token = item["follow_token"].get<std::string>();
        if (r.id > 0 && !app.find_followed(r.id) && !app.forgotten.count(r.id)) app.followed.push_back(std::move(r));
    }
    std::sort(app.followed.begin(), app.followed.end(), [](const auto& a, const auto& b) { return a.id > b.id; });
}

namespace {

json draft_json(const Draft& d) {
    return {{"kind", d.kind}, {"type", d.type},
            {"impact", d.impact}, {"urgency", d.urgency}, {"subject", d.subject},
            {"description", d.description}, {"name", d.name}, {"email", d.email}, {"fields", d.fields},
            {"sending_key", d.sending_key}, {"for_whom", d.for_whom}, {"for_user", d.for_user},
            {"other_name", d.other_name}, {"other_email", d.other_email}, {"diagnosis_checked", d.diagnosis_checked},
            {"diagnosis_errors", d.diagnosis_errors}, {"diagnosis_affected", d.diagnosis_affected}};
}

}  // namespace

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
        d.for_whom = j.value("for_whom", "self");
        d.for_user = j.value("for_user", std::int64_t{0});
        d.other_name = j.value("other_name", "");
        d.other_email = j.value("other_email", "");
        d.diagnosis_checked = j.value("diagnosis_checked", "");
        d.diagnosis_errors = j.value("diagnosis_errors", "");
        d.diagnosis_affected = j.value("diagnosis_affected", "");
        app.draft = std::move(d);
    } catch (const json::exception&) {
        // a draft this version cannot read is dropped, not fatal
    }
}

void save_language(const AppState& app) {
    if (!app.kiosk) store(kLanguageKey, app.lang);
}

std::string saved_language() { return stored(kLanguageKey); }

}  // namespace spoc::web
