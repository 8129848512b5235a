// The console's knowledge actions (see kb_console_actions.h): every article loaded whole (pages
// of 200), filtered and sorted in the browser; the editor's saves as POST (a new article) or
// PATCH with the version they are based on (a new version, or 409 when someone saved meanwhile).
#include "kb_console_actions.h"
#include "kb_display.h"

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "access.h"
#include "console_actions.h"
#include "app_support.h"
#include "console_support.h"
#include "platform.h"
#include "redraw.h"
#include "search/fold.h"
#include "text.h"

namespace spoc::web {
namespace {

// An article or a version as the API wrote it; nullopt for anything else.
template <typename T>
std::optional<T> read_as(const json& j) {
    if (!j.is_object()) return std::nullopt;
    try {
        return j.get<T>();
    } catch (const json::exception&) {
        return std::nullopt;
    }
}

std::string article_path(Id id, const std::string& suffix = "") {
    return "/api/v1/kb/articles/" + std::to_string(id) + suffix;
}

std::string join_tags(const std::vector<std::string>& tags) {
    std::string typed;
    for (const std::string& t : tags) typed += (typed.empty() ? "" : ", ") + t;
    return typed;
}

ArticleDraft draft_of(const Article& a) {
    ArticleDraft d;
    d.id = a.id;
    d.version = a.version;
    d.title = a.title;
    d.body = a.body;
    d.tags = join_tags(a.tags);
    d.types = a.types;
    d.lang = a.lang;
    d.visibility = a.visibility;
    d.state = a.state;
    return d;
}

// The members a save sends: all of them for a new article; for a change, those that differ
// from the article as read, with the version they are based on.
json save_body(const ArticleDraft& d, const std::optional<Article>& before) {
    const std::vector<std::string> tags = split_tags(d.tags);
    json all = {{"title", d.title}, {"body", d.body}, {"tags", tags},        {"types", d.types},
                {"lang", d.lang},   {"visibility", d.visibility}, {"state", d.state}};
    if (d.id == 0 || !before) return all;
    json changes = json::object();
    if (d.title != before->title) changes["title"] = all["title"];
    if (d.body != before->body) changes["body"] = all["body"];
    if (tags != before->tags) changes["tags"] = all["tags"];
    if (d.types != before->types) changes["types"] = all["types"];
    if (d.lang != before->lang) changes["lang"] = all["lang"];
    if (d.visibility != before->visibility) changes["visibility"] = all["visibility"];
    if (d.state != before->state) changes["state"] = all["state"];
    if (!changes.empty()) changes["version"] = d.version;
    return changes;
}

// The list shows the article as the server now has it.
void take_row(KnowledgeDesk& k, const Article& a) {
    for (Article& row : k.rows)
        if (row.id == a.id) {
            row = a;
            k.view_stale = true;
            return;
        }
    k.rows.push_back(a);
    k.view_stale = true;
}

void load_versions(AppState& app) {
    KnowledgeDesk& k = app.console->kb;
    if (k.draft.id == 0) return;
    const Id id = k.draft.id;
    k.versions_loading = true;
    auto into = std::make_shared<std::vector<ArticleVersion>>();
    load_list(
        app, article_path(id, "/versions?limit=100"),
        [into](const json& item) {
            if (const auto v = read_as<ArticleVersion>(item)) into->push_back(*v);
        },
        [&app, id, into] {
            KnowledgeDesk& k = app.console->kb;
            if (k.draft.id != id) return;
            k.versions_loading = false;
            const int shown = k.version_shown >= 0 && k.version_shown < static_cast<int>(k.versions.size())
                                  ? k.versions[static_cast<std::size_t>(k.version_shown)].article.version
                                  : -1;
            k.versions = std::move(*into);
            k.version_shown = -1;
            for (std::size_t i = 0; i < k.versions.size(); ++i)
                if (k.versions[i].article.version == shown) k.version_shown = static_cast<int>(i);
        },
        [&app, id] { return app.console->kb.draft.id == id; });
}

// The open article as the server has it; the draft follows only when nothing is typed in it.
void fetch_article(AppState& app, Id id) {
    KnowledgeDesk& k = app.console->kb;
    k.open_loading = true;
    http_send(api_call(app, "GET", article_path(id)), [&app, id](const HttpResponse& res) {
        KnowledgeDesk& k = app.console->kb;
        if (k.draft.id != id) return;
        k.open_loading = false;
        const auto a = res.status == 200 ? read_as<Article>(parse_or_null(res.body)) : std::nullopt;
        if (a) {
            if (!k.open || !kb_draft_changed(k)) k.draft = draft_of(*a);
            if (k.newer_version) k.newer_version = a->version;
            k.open = *a;
            take_row(k, *a);
        } else {
            k.notice = error_message(app, res);
            k.notice_ok = false;
        }
        wake();
    });
}

bool contains_folded(const Article& a, const std::string& folded_text) {
    std::string hay = a.title + " " + a.slug;
    for (const std::string& t : a.tags) hay += " " + t;
    return search::fold(hay).find(folded_text) != std::string::npos;
}

}  // namespace

std::vector<std::string> split_tags(const std::string& typed) {
    std::vector<std::string> tags;
    std::size_t start = 0;
    while (start <= typed.size()) {
        const std::size_t comma = std::min(typed.find(',', start), typed.size());
        const std::string tag(trim(std::string_view(typed).substr(start, comma - start)));
        if (!tag.empty()) tags.push_back(tag);
        start = comma + 1;
    }
    return tags;
}

bool may_use_knowledge(const AppState& app) {
    return app.account.user && may_see_article_history(app.account.user->role);
}

bool may_write_knowledge(const AppState& app) { return app.account.user && may_write_articles(app.account.user->role); }

void open_knowledge(AppState& app) {
    if (!may_use_knowledge(app)) return;
    go(app, Screen::knowledge);
    if (!app.console->kb.loaded && !app.console->kb.loading) load_articles(app);
}

void load_articles(AppState& app) {
    KnowledgeDesk& k = app.console->kb;
    k.incoming.clear();
    k.loading = true;
    k.load_notice.clear();
    const bool first = k.rows.empty();  // a first load shows as it arrives; a reload when whole
    const int generation = ++k.generation;
    app.next_refresh = seconds_since_start() + std::max(app.config.refresh_seconds, 30);
    load_list(
        app, "/api/v1/kb/articles?state=all&limit=200",
        [&app, generation, first](const json& item) {
            KnowledgeDesk& k = app.console->kb;
            const auto a = read_as<Article>(item);
            if (k.generation != generation || !a) return;
            (first ? k.rows : k.incoming).push_back(*a);
            k.view_stale = k.view_stale || first;
        },
        [&app, generation, first] {
            KnowledgeDesk& k = app.console->kb;
            if (k.generation != generation) return;
            k.loading = false;
            k.loaded = true;
            if (first || !k.load_notice.empty()) return;
            // The same article stays selected across the reload.
            const Id selected_id = k.selected < static_cast<int>(k.view.size()) ? k.rows[k.view[k.selected]].id : 0;
            k.rows = std::move(k.incoming);
            k.incoming.clear();
            k.view_stale = true;
            refresh_article_view(app);
            for (int i = 0; i < static_cast<int>(k.view.size()); ++i)
                if (k.rows[k.view[i]].id == selected_id) k.selected = i;
        },
        [&app, generation] { return app.console->kb.generation == generation; },
        [&app](const HttpResponse& res) { app.console->kb.load_notice = error_message(app, res); });
}

void knowledge_poll(AppState& app) {
    if (seconds_since_start() < app.next_refresh || app.console->kb.loading) return;
    load_articles(app);
}

void refresh_article_view(AppState& app) {
    KnowledgeDesk& k = app.console->kb;
    if (!k.view_stale) return;
    const std::string text = search::fold(trim(k.text_filter));
    k.view.clear();
    for (int i = 0; i < static_cast<int>(k.rows.size()); ++i) {
        const Article& a = k.rows[static_cast<std::size_t>(i)];
        if (k.lang_filter && a.lang != *k.lang_filter) continue;
        if (k.state_filter && a.state != *k.state_filter) continue;
        if (!text.empty() && !contains_folded(a, text)) continue;
        k.view.push_back(i);
    }
    auto key_before = [&](const Article& a, const Article& b) -> int {  // <0, 0, >0
        auto cmp = [](auto x, auto y) { return x < y ? -1 : y < x ? 1 : 0; };
        switch (k.sort) {
            case ArticleColumn::title: return cmp(search::fold(a.title), search::fold(b.title));
            case ArticleColumn::lang: return cmp(a.lang, b.lang);
            case ArticleColumn::visibility: return cmp(a.visibility, b.visibility);
            case ArticleColumn::state: return cmp(a.state, b.state);
            case ArticleColumn::version: return cmp(a.version, b.version);
            case ArticleColumn::updated: return cmp(a.updated_at, b.updated_at);
            case ArticleColumn::helpful: return cmp(a.helpful, b.helpful);
            case ArticleColumn::unhelpful: return cmp(a.unhelpful, b.unhelpful);
            case ArticleColumn::deflections: return cmp(a.deflections, b.deflections);
        }
        return 0;
    };
    std::stable_sort(k.view.begin(), k.view.end(), [&](int x, int y) {
        const Article& a = k.rows[static_cast<std::size_t>(x)];
        const Article& b = k.rows[static_cast<std::size_t>(y)];
        const int order = key_before(a, b);
        if (order != 0) return k.descending ? order > 0 : order < 0;
        return a.id < b.id;  // ties: the older article first
    });
    k.selected = std::clamp(k.selected, 0, std::max(0, static_cast<int>(k.view.size()) - 1));
    k.view_stale = false;
}

namespace {

// Nothing of the article the editor had open: its draft, versions, errors and conflict.
void forget_open_article(KnowledgeDesk& k) {
    k.draft = ArticleDraft{};
    k.open.reset();
    k.versions.clear();
    k.version_shown = -1;
    k.field_errors.clear();
    k.notice.clear();
    k.newer_version.reset();
    k.based_on.reset();
}

}  // namespace

void open_kb_article(AppState& app, Id id) {
    KnowledgeDesk& k = app.console->kb;
    const bool same = k.draft.id == id;
    if (!same) {  // another article: what was typed in this one is kept only for it
        forget_open_article(k);
        k.draft.id = id;
        for (const Article& a : k.rows)
            if (a.id == id) {
                k.open = a;
                k.draft = draft_of(a);
            }
    }
    go(app, Screen::kb_article);
    fetch_article(app, id);
    load_versions(app);
}

void new_kb_article(AppState& app) {
    if (!may_write_knowledge(app)) return;
    KnowledgeDesk& k = app.console->kb;
    if (k.draft.id != 0 || k.open) {  // a new article typed earlier and not saved stays
        forget_open_article(k);
        k.draft.lang = app.lang == "de" ? ArticleLang::de : ArticleLang::en;
    }
    k.focus = 1;
    go(app, Screen::kb_article);
}

bool kb_draft_changed(const KnowledgeDesk& k) {
    if (!k.open) return !k.draft.title.empty() || !k.draft.body.empty() || !k.draft.tags.empty();
    return !save_body(k.draft, k.based_on ? k.based_on : k.open).empty();
}

void save_kb_article(AppState& app, std::optional<ArticleState> to) {
    KnowledgeDesk& k = app.console->kb;
    if (k.saving || !may_write_knowledge(app)) return;
    ArticleDraft d = k.draft;
    if (to) d.state = *to;
    // After a conflict, only what the agent changed goes over the newer version.
    const json body = save_body(d, k.based_on ? k.based_on : k.open);
    if (body.empty()) {
        k.notice = app.t("kb.nothing_changed");
        k.notice_ok = true;
        return;
    }
    const bool creating = d.id == 0;
    HttpCall call = api_call(app, creating ? "POST" : "PATCH", creating ? "/api/v1/kb/articles" : article_path(d.id));
    call.body = body.dump();
    k.saving = true;
    k.notice.clear();
    const Id id = d.id;
    http_send(call, [&app, id, creating](const HttpResponse& res) {
        KnowledgeDesk& k = app.console->kb;
        k.saving = false;
        if (k.draft.id != id) return;  // the agent moved to another article meanwhile
        const json j = parse_or_null(res.body);
        const json error = j.is_object() ? j.value("error", json()) : json();
        const auto saved = res.status == 200 || res.status == 201 ? read_as<Article>(j) : std::nullopt;
        if (saved) {
            const Article& a = *saved;
            k.open = a;
            k.draft = draft_of(a);
            k.field_errors.clear();
            k.newer_version.reset();
            k.based_on.reset();
            k.notice = app.t("kb.saved", {{"version", std::to_string(a.version)},
                                          {"state", article_state_text(app, a.state)}});
            k.notice_ok = true;
            take_row(k, a);
            if (creating) replace_location(kb_location(app));
            load_versions(app);
        } else if (res.status == 409 && error.is_object() && error.value("code", "") == "version_conflict") {
            // Someone saved meanwhile: the draft stays; the article as it now is comes to compare.
            k.newer_version = 0;  // known once the article comes
            if (!k.based_on) k.based_on = k.open;
            fetch_article(app, id);
            k.notice = app.t("kb.conflict");
            k.notice_ok = false;
            load_versions(app);
        } else if (res.status == 422 && error.is_object() && error.value("details", json()).is_array()) {
            k.field_errors.clear();
            for (const json& e : error["details"])
                if (e.is_object() && e.value("field", json()).is_string() && e.value("message", json()).is_string())
                    k.field_errors.emplace(e["field"].get<std::string>(), e["message"].get<std::string>());
            k.notice = app.t("form.fix_errors");
            k.notice_ok = false;
        } else {
            k.notice = error_message(app, res);
            k.notice_ok = false;
        }
        announce(k.notice);
        wake();
    });
}

void save_over_newer(AppState& app) {
    KnowledgeDesk& k = app.console->kb;
    if (!k.open || !k.newer_version || *k.newer_version != k.open->version) return;
    k.draft.version = k.open->version;  // the agent's changes go over what the server has
    save_kb_article(app);
}

std::string kb_location(const AppState& app) {
    if (app.screen == Screen::knowledge) return "#/desk/kb";
    const Id id = app.console->kb.draft.id;
    return id == 0 ? "#/desk/kb/new" : "#/desk/kb/" + std::to_string(id);
}

std::optional<Screen> follow_kb_location(AppState& app, const std::string& hash) {
    if (hash == "#/desk/kb") {
        if (!app.console->kb.loaded && !app.console->kb.loading) load_articles(app);
        return Screen::knowledge;
    }
    const std::string prefix = "#/desk/kb/";
    if (hash.rfind(prefix, 0) != 0) return std::nullopt;
    const std::string rest = hash.substr(prefix.size());
    if (rest == "new") {
        if (app.console->kb.draft.id != 0) new_kb_article(app);
        return may_write_knowledge(app) ? Screen::kb_article : Screen::knowledge;
    }
    if (rest.empty() || rest.size() > 15 || rest.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    const Id id = std::strtoll(rest.c_str(), nullptr, 10);
    if (id <= 0) return std::nullopt;
    if (app.console->kb.draft.id != id || !app.console->kb.open) open_kb_article(app, id);
    return Screen::kb_article;
}

}  // namespace spoc::web
