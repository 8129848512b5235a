// Knowledge in the portal: the search index downloaded after the first frame, hints for the
// draft as it is typed (core's search, in the frame), opening an article, and what the person
// says of it ("This solved it" records a deflection and files nothing; "Not helpful" is feedback).
#include <emscripten.h>

#include <algorithm>

#include "app_actions.h"
#include "app_support.h"
#include "knowledge.h"
#include "platform.h"
#include "redraw.h"
#include "text.h"

namespace spoc::web {
namespace {

constexpr std::size_t kHintCount = 3;

// At most max_characters of s (UTF-8), cut before a character, not inside one.
std::string cut_characters(std::string_view s, std::size_t max_characters) {
    std::size_t characters = 0, end = 0;
    for (; end < s.size(); ++end)
        if ((static_cast<unsigned char>(s[end]) & 0xC0) != 0x80 && characters++ == max_characters) break;
    return std::string(s.substr(0, end));
}

// What a deflection or feedback carries of the draft: as much as the API takes.
std::string query_sent(const Draft& d) { return cut_characters(trim(hint_query(d)), limits::kb_query_max); }

void apply_article(AppState& app, std::int64_t id, const HttpResponse& res) {
    KnowledgeState& k = app.knowledge;
    if (k.open_id != id) return;  // another article was opened meanwhile
    k.article_loading = false;
    const json j = parse_or_null(res.body);
    if (res.status == 200 && j.is_object() && j.value("title", json()).is_string() && j.value("body", json()).is_string()) {
        KnowledgeArticle a;
        a.id = id;
        a.title = j["title"].get<std::string>();
        a.lang = j.value("lang", json()).is_string() ? j["lang"].get<std::string>() : app.lang;
        a.body = parse_markdown(j["body"].get<std::string>());
        k.article = std::move(a);
        k.article_notice.clear();
        if (app.screen == Screen::article) announce(k.article->title);
    } else if (res.status == 404) {
        k.article_notice = app.t("article.missing");
    } else {
        k.article_notice = error_message(app, res);
    }
    if (!k.article_notice.empty() && app.screen == Screen::article) announce(k.article_notice);
    wake();
}

// Fire and forget: the person's next step does not wait for the record.
void post_quietly(AppState& app, const std::string& path, const json& body) {
    HttpCall c = api_call(app, "POST", path);
    c.body = body.dump();
    http_send(c, [path](const HttpResponse& res) {
        if (res.status < 200 || res.status >= 300)
            emscripten_log(EM_LOG_WARN, "spoc: POST %s answered %d", path.c_str(), res.status);
    });
}

}  // namespace

// [SECTION] The index and the hints

void first_frame_drawn(AppState& app) {
    if (app.knowledge.first_frame_drawn) return;
    app.knowledge.first_frame_drawn = true;
    load_hint_index(app);
}

void load_hint_index(AppState& app) {
    KnowledgeState& k = app.knowledge;
    if (!k.first_frame_drawn || !k.index_loading.empty() || k.indexes.count(app.lang)) return;
    const std::string lang = app.lang;
    k.index_loading = lang;
    // The browser keeps the answer by its ETag: a later visit revalidates instead of downloading.
    http_send(api_call(app, "GET", "/api/v1/kb/index?lang=" + lang), [&app, lang](const HttpResponse& res) {
        KnowledgeState& k = app.knowledge;
        k.index_loading.clear();
        if (res.status == 200) {
            const double started = emscripten_get_now();
            if (auto index = search::SearchIndex::from_json(res.body)) k.indexes[lang] = std::move(*index);
            k.index_load_ms = emscripten_get_now() - started;
        }
        // Anything else means no hints for now: the next visit of the form asks again.
        if (app.lang != lang) load_hint_index(app);  // the person switched language meanwhile
        wake();
    });
}

std::string hint_query(const Draft& d) { return d.subject + " " + d.description; }

void update_hints(AppState& app) {
    KnowledgeState& k = app.knowledge;
    const auto found = k.indexes.find(app.lang);
    if (found == k.indexes.end()) {
        k.hints.clear();
        return;
    }
    const search::SearchIndex& index = found->second;
    const std::string query = hint_query(app.draft);
    if (query == k.hints_query && app.lang == k.hints_lang && index.article_count() == k.hints_articles) return;
    k.hints_query = query;
    k.hints_lang = app.lang;
    k.hints_articles = index.article_count();
    const double started = emscripten_get_now();
    search::SearchOptions options;
    options.limit = kHintCount + k.not_helpful.size();
    options.lang = app.lang;
    options.typing = true;
    k.hints = index.search(query, options);
    k.hints.erase(std::remove_if(k.hints.begin(), k.hints.end(),
                                 [&](const search::SearchHit& h) { return k.not_helpful.count(h.id) > 0; }),
                  k.hints.end());
    if (k.hints.size() > kHintCount) k.hints.resize(kHintCount);
    k.hint_ms = emscripten_get_now() - started;
    ++k.hints_computed;
}

// [SECTION] An article

void open_article(AppState& app, std::int64_t id) {
    KnowledgeState& k = app.knowledge;
    if (k.open_id != id || (!k.article && !k.article_loading)) {
        k.open_id = id;
        k.article.reset();
        k.article_notice.clear();
        k.article_loading = true;
        http_send(api_call(app, "GET", "/api/v1/kb/articles/" + std::to_string(id)),
                  [&app, id](const HttpResponse& res) { apply_article(app, id, res); });
    }
    go(app, Screen::article);
}

void article_solved(AppState& app) {
    const KnowledgeState& k = app.knowledge;
    if (!k.article) return;
    json body = {{"article", k.article->id}, {"query", query_sent(app.draft)}};
    if (!app.draft.type.empty()) body["type"] = app.draft.type;
    post_quietly(app, "/api/v1/deflections", body);
    // Nothing is filed: the draft goes, as after a request is sent (the name and email stay).
    Draft next;
    if (!app.kiosk) {
        next.name = app.draft.name;
        next.email = app.draft.email;
    }
    app.draft = next;
    app.show_errors = false;
    app.server_errors.clear();
    app.form_notice.clear();
    app.knowledge.not_helpful.clear();
    save_draft(app);
    go(app, Screen::solved);
}

void article_not_helpful(AppState& app) {
    KnowledgeState& k = app.knowledge;
    if (!k.article) return back_to_request(app);
    post_quietly(app, "/api/v1/kb/articles/" + std::to_string(k.article->id) + "/feedback",
                 {{"helpful", false}, {"query", query_sent(app.draft)}});
    k.not_helpful.insert(k.article->id);
    k.hints_query.clear();  // searched again without it
    back_to_request(app);
}

void back_to_request(AppState& app) { go(app, Screen::form); }

}  // namespace spoc::web
