// SQLite implementation of the store's knowledge articles (schema v8): the articles, every
// version of each, feedback and deflections with their counters, and the seed articles.
// Slugs are checked inside the write, where the one writer makes it race-free.
#include <sqlite3.h>

#include "sqlite_statement.h"
#include "sqlite_store.h"

namespace spoc {
namespace {

constexpr const char* kArticleColumns =
    "id, slug, lang, title, body, tags, types, visibility, state, version, updated_at, helpful, unhelpful, deflections";

std::vector<std::string> text_list(const std::string& stored) {
    const json j = json::parse(stored, nullptr, false);
    std::vector<std::string> out;
    if (!j.is_array()) return out;
    for (const json& e : j)
        if (e.is_string()) out.push_back(e.get<std::string>());
    return out;
}

std::string stored_list(const std::vector<std::string>& items) {
    return json(items).dump(-1, ' ', false, json::error_handler_t::replace);
}

Article read_article(Statement& s) {
    Article a;
    a.id = s.integer(0);
    a.slug = s.text(1);
    a.lang = article_lang_from_string(s.text(2));
    a.title = s.text(3);
    a.body = s.text(4);
    a.tags = text_list(s.text(5));
    a.types = text_list(s.text(6));
    a.visibility = visibility_from_string(s.text(7));
    a.state = article_state_from_string(s.text(8));
    a.version = static_cast<int>(s.integer(9));
    a.updated_at = s.integer(10);
    a.helpful = s.integer(11);
    a.unhelpful = s.integer(12);
    a.deflections = s.integer(13);
    return a;
}

std::optional<Article> find_article_in(sqlite3* db, Id id) {
    Statement s(db, std::string("SELECT ") + kArticleColumns + " FROM articles WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_article(s);
}

bool slug_taken(sqlite3* db, const std::string& lang, const std::string& slug, Id by_other_than) {
    Statement s(db, "SELECT 1 FROM articles WHERE lang = ? AND slug = ? AND id <> ?");
    s.bind(1, lang).bind(2, slug).bind(3, by_other_than);
    return s.step();
}

// The article as it is now, kept whole as its version a.version, written by `by`.
void insert_version(sqlite3* db, const Article& a, const Actor& by) {
    Statement s(db,
                "INSERT INTO article_versions (article_id, version, slug, lang, title, body, tags, types, visibility, "
                "state, at, actor, actor_user) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, a.id).bind(2, a.version).bind(3, a.slug).bind(4, to_string(a.lang)).bind(5, a.title).bind(6, a.body);
    s.bind(7, stored_list(a.tags)).bind(8, stored_list(a.types)).bind(9, to_string(a.visibility));
    s.bind(10, to_string(a.state)).bind(11, a.updated_at).bind(12, by.party);
    if (by.user) s.bind(13, *by.user);
    else s.bind_null(13);
    s.step();
}

// Inserts a new article as version 1 (its slug free: the caller checked) and returns its id.
Id insert_article(sqlite3* db, Article a, const Actor& by) {
    Statement s(db,
                "INSERT INTO articles (slug, lang, title, body, tags, types, visibility, state, version, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)");
    s.bind(1, a.slug).bind(2, to_string(a.lang)).bind(3, a.title).bind(4, a.body).bind(5, stored_list(a.tags));
    s.bind(6, stored_list(a.types)).bind(7, to_string(a.visibility)).bind(8, to_string(a.state)).bind(9, a.updated_at);
    s.step();
    a.id = sqlite3_last_insert_rowid(db);
    a.version = 1;
    insert_version(db, a, by);
    return a.id;
}

}  // namespace

// [SECTION] Reads ------------------------------------------------------------------------

ArticlePage SqliteStore::list_articles(const ArticleQuery& q) {
    std::string sql = std::string("SELECT ") + kArticleColumns + " FROM articles WHERE 1=1";
    std::vector<std::string> texts;  // bound in this order, before the cursor and the limit
    auto where = [&](const char* condition, std::string value) {
        sql += condition;
        texts.push_back(std::move(value));
    };
    if (q.state) where(" AND state = ?", to_string(*q.state));
    if (q.visibility) where(" AND visibility = ?", to_string(*q.visibility));
    if (q.lang) where(" AND lang = ?", to_string(*q.lang));
    if (!q.type.empty()) where(" AND EXISTS (SELECT 1 FROM json_each(articles.types) WHERE value = ?)", q.type);
    if (!q.tag.empty()) where(" AND EXISTS (SELECT 1 FROM json_each(articles.tags) WHERE lower(value) = lower(?))", q.tag);
    if (q.before) sql += " AND id < ?";
    sql += " ORDER BY id DESC LIMIT ?";
    return read([&](sqlite3* db) {
        Statement s(db, sql);
        int at = 0;
        for (const std::string& t : texts) s.bind(++at, t);
        if (q.before) s.bind(++at, *q.before);
        s.bind(++at, std::int64_t{q.limit} + 1);  // one more tells whether a next page exists
        ArticlePage page;
        while (s.step()) page.items.push_back(read_article(s));
        if (static_cast<int>(page.items.size()) > q.limit) {
            page.items.pop_back();
            page.next = page.items.back().id;
        }
        return page;
    });
}

std::optional<Article> SqliteStore::find_article(Id id) {
    return read([id](sqlite3* db) { return find_article_in(db, id); });
}

std::vector<Article> SqliteStore::published_articles() {
    return read([](sqlite3* db) {
        Statement s(db, std::string("SELECT ") + kArticleColumns + " FROM articles WHERE state = 'published' ORDER BY id");
        std::vector<Article> out;
        while (s.step()) out.push_back(read_article(s));
        return out;
    });
}

ArticleVersionPage SqliteStore::article_versions(Id id, std::optional<int> before, int limit) {
    return read([&](sqlite3* db) {
        Statement s(db,
                    "SELECT article_id, version, slug, lang, title, body, tags, types, visibility, state, at, actor, "
                    "actor_user FROM article_versions WHERE article_id = ? AND version < ? ORDER BY version DESC LIMIT ?");
        s.bind(1, id).bind(2, before ? std::int64_t{*before} : INT64_MAX).bind(3, std::int64_t{limit} + 1);
        ArticleVersionPage page;
        while (s.step()) {
            ArticleVersion v;
            Article& a = v.article;
            a.id = s.integer(0);
            a.version = static_cast<int>(s.integer(1));
            a.slug = s.text(2);
            a.lang = article_lang_from_string(s.text(3));
            a.title = s.text(4);
            a.body = s.text(5);
            a.tags = text_list(s.text(6));
            a.types = text_list(s.text(7));
            a.visibility = visibility_from_string(s.text(8));
            a.state = article_state_from_string(s.text(9));
            a.updated_at = s.integer(10);
            v.actor = Actor(s.text(11), s.is_null(12) ? std::nullopt : std::optional<Id>(s.integer(12)));
            page.items.push_back(std::move(v));
        }
        if (static_cast<int>(page.items.size()) > limit) {
            page.items.pop_back();
            page.next = page.items.back().article.version;
        }
        return page;
    });
}

// [SECTION] Writes -----------------------------------------------------------------------

Store::ArticleWrite SqliteStore::create_article(const Article& a, const Actor& by, bool suffix_taken_slug) {
    ArticleWrite out;
    write([&](sqlite3* db) {
        Article made = a;
        const std::string lang = to_string(a.lang);
        for (int n = 2; slug_taken(db, lang, made.slug, 0); ++n) {
            if (!suffix_taken_slug) {
                out.slug_taken = true;
                return false;
            }
            made.slug = slug_with_suffix(a.slug, n);
        }
        out.article = find_article_in(db, insert_article(db, made, by));
        return true;
    });
    return out;
}

Store::ArticleWrite SqliteStore::update_article(Id id, const Actor& by, const std::function<bool(Article&)>& change) {
    ArticleWrite out;
    write([&](sqlite3* db) {
        out.article = find_article_in(db, id);
        if (!out.article) return false;
        Article a = *out.article;
        if (!change(a)) return false;
        if (a.slug != out.article->slug || a.lang != out.article->lang) {
            if (slug_taken(db, to_string(a.lang), a.slug, id)) {
                out.slug_taken = true;
                return false;
            }
        }
        Statement s(db,
                    "UPDATE articles SET slug = ?, lang = ?, title = ?, body = ?, tags = ?, types = ?, visibility = ?, "
                    "state = ?, version = ?, updated_at = ? WHERE id = ?");
        s.bind(1, a.slug).bind(2, to_string(a.lang)).bind(3, a.title).bind(4, a.body).bind(5, stored_list(a.tags));
        s.bind(6, stored_list(a.types)).bind(7, to_string(a.visibility)).bind(8, to_string(a.state));
        s.bind(9, a.version).bind(10, a.updated_at).bind(11, id);
        s.step();
        insert_version(db, a, by);
        out.article = find_article_in(db, id);
        return true;
    });
    return out;
}

std::optional<ArticleFeedback> SqliteStore::add_feedback(const ArticleFeedback& f) {
    std::optional<ArticleFeedback> out;
    write([&](sqlite3* db) {
        Statement count(db, f.helpful ? "UPDATE articles SET helpful = helpful + 1 WHERE id = ?"
                                      : "UPDATE articles SET unhelpful = unhelpful + 1 WHERE id = ?");
        count.bind(1, f.article);
        count.step();
        if (sqlite3_changes(db) == 0) return false;
        Statement s(db, "INSERT INTO article_feedback (article_id, helpful, query, at, user_id) VALUES (?, ?, ?, ?, ?)");
        s.bind(1, f.article).bind(2, f.helpful ? 1 : 0).bind(3, f.query).bind(4, f.at);
        if (f.user) s.bind(5, *f.user);
        else s.bind_null(5);
        s.step();
        out = f;
        out->id = sqlite3_last_insert_rowid(db);
        return true;
    });
    return out;
}

std::optional<Deflection> SqliteStore::add_deflection(const Deflection& d) {
    std::optional<Deflection> out;
    write([&](sqlite3* db) {
        Statement count(db, "UPDATE articles SET deflections = deflections + 1 WHERE id = ?");
        count.bind(1, d.article);
        count.step();
        if (sqlite3_changes(db) == 0) return false;
        Statement s(db, "INSERT INTO deflections (article_id, query, type, at, user_id) VALUES (?, ?, ?, ?, ?)");
        s.bind(1, d.article).bind(2, d.query);
        if (d.type.empty()) s.bind_null(3);
        else s.bind(3, d.type);
        s.bind(4, d.at);
        if (d.user) s.bind(5, *d.user);
        else s.bind_null(5);
        s.step();
        out = d;
        out->id = sqlite3_last_insert_rowid(db);
        return true;
    });
    return out;
}

std::size_t SqliteStore::seed_articles(const std::vector<Article>& articles) {
    std::size_t stored = 0;
    write([&](sqlite3* db) {
        // "Never had an article": none now, and none seeded before (an article is never deleted
        // today; the mark keeps it so if that changes).
        Statement any(db, "SELECT EXISTS (SELECT 1 FROM articles) OR EXISTS (SELECT 1 FROM settings WHERE key = 'knowledge_seeded')");
        if (any.step() && any.integer(0) != 0) return false;
        for (const Article& a : articles) {
            if (slug_taken(db, to_string(a.lang), a.slug, 0))
                throw StoreError("seed article " + std::string(to_string(a.lang)) + "/" + a.slug + " is there twice");
            insert_article(db, a, Actor("system"));
            ++stored;
        }
        exec(db, "INSERT INTO settings (key, value) VALUES ('knowledge_seeded', '1')");
        return true;
    });
    return stored;
}

}  // namespace spoc
