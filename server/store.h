// The store interface the routes use. One implementation today (SQLite); a
// PostgreSQL one can follow without touching the routes.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "account.h"
#include "knowledge.h"
#include "queue.h"
#include "request.h"

namespace spoc {

struct RequestPage {
    std::vector<Request> items;  // in the query's order, without timelines
    std::optional<std::string> next;  // cursor for the following page (cursor_of the last item)
    // With a full-text query (RequestQuery::q): for each item, a short extract of the text that
    // matched, the matched words between ** and ** (see SqliteStore::list). Empty otherwise.
    std::vector<std::string> snippets;
};

struct UserFilter {
    std::optional<std::int64_t> organisation;
    std::optional<Role> role;
    std::int64_t after_id = 0;  // paging cursor: only ids above this
    int limit = 50;
};

struct UserPage {
    std::vector<User> items;  // by id
    std::optional<std::int64_t> next;
};

// A signed-in session; the token and the CSRF token are kept only as hashes.
struct Session {
    std::string token_hash;
    std::string csrf_hash;
    std::int64_t user_id = 0;
    Timestamp created_at = 0;
    Timestamp last_seen = 0;
};

// Which knowledge articles a list holds: newest first, one page after the cursor (an id).
struct ArticleQuery {
    std::optional<ArticleState> state = ArticleState::published;  // nullopt: every state
    std::optional<Visibility> visibility;                          // nullopt: both
    std::optional<ArticleLang> lang;
    std::string type;  // only articles for this catalog request type; "" for any
    std::string tag;   // only articles with this tag (ASCII case aside); "" for any
    std::optional<Id> before;  // paging: only ids below this
    int limit = 50;
};

struct ArticlePage {
    std::vector<Article> items;
    std::optional<Id> next;  // the cursor of the following page (the last item's id)
};

struct ArticleVersionPage {
    std::vector<ArticleVersion> items;  // newest first
    std::optional<int> next;            // the cursor of the following page (the last item's version)
};

class Store {
public:
    virtual ~Store() = default;

    virtual bool healthy() = 0;

    // Stores a new request with its timeline and the hash of its follow token;
    // returns it with id and ref assigned. Durable when it returns.
    // With an idempotency key that an earlier request was filed with, nothing new is
    // stored: that earlier request gets the new follow token hash and is returned with
    // replayed set (a client whose first answer was lost files once, not twice). When
    // the key belongs to a request with another subject or requester, nothing changes
    // and key_conflict is set.
    struct Created {
        Request request;
        bool replayed = false;
        bool key_conflict = false;
    };
    virtual Created create(const Request& r, const std::string& follow_token_hash,
                           const std::string& idempotency_key = "") = 0;

    // One request with its whole timeline (internal notes included).
    virtual std::optional<Request> find(std::int64_t id) = 0;
    virtual std::optional<std::string> follow_token_hash(std::int64_t id) = 0;

    // The requests matching the query (queue.h's matches), in its order, one page.
    virtual RequestPage list(const RequestQuery& query) = 0;

    // Reads the request, lets change() apply a rule of core to it, and stores the request's
    // changed fields and the events change() appended, all in one transaction. change()
    // returns false to leave everything as it was. nullopt when the id is unknown.
    virtual std::optional<Request> update(std::int64_t id, const std::function<bool(Request&)>& change) = 0;

    // People and organisations. create_user and create_organisation return nullopt when the
    // email (or name) is taken; update_user likewise, or when the id is unknown.
    virtual std::optional<User> create_user(const User& u, const std::string& password_hash) = 0;
    virtual std::optional<User> find_user(std::int64_t id) = 0;
    // The user with this (normalised) email and the hash of their password.
    virtual std::optional<std::pair<User, std::string>> user_by_email(const std::string& email) = 0;
    virtual std::optional<std::string> password_hash(std::int64_t user_id) = 0;
    virtual UserPage list_users(const UserFilter& filter) = 0;
    enum class UpdateResult { done, unknown, conflict };
    virtual UpdateResult update_user(const User& u) = 0;
    virtual void set_password(std::int64_t user_id, const std::string& password_hash) = 0;

    virtual std::optional<Organisation> create_organisation(const std::string& name) = 0;
    virtual std::optional<Organisation> find_organisation(std::int64_t id) = 0;
    virtual std::vector<Organisation> list_organisations() = 0;
    virtual UpdateResult rename_organisation(std::int64_t id, const std::string& name) = 0;

    // Support groups; create returns nullopt when the name is taken (case aside).
    virtual std::optional<SupportGroup> create_group(const SupportGroup& g) = 0;
    virtual std::optional<SupportGroup> find_group(std::int64_t id) = 0;
    virtual std::vector<SupportGroup> list_groups() = 0;  // by tier, then name
    virtual UpdateResult update_group(const SupportGroup& g) = 0;
    virtual void remove_from_groups(std::int64_t user_id) = 0;

    // Sessions live in the store, so that several servers can share them.
    virtual void create_session(const Session& s) = 0;
    virtual std::optional<Session> find_session(const std::string& token_hash) = 0;
    // The session and its user (nullopt when the user is gone) in one read: every signed-in
    // request asks for both.
    virtual std::optional<std::pair<Session, std::optional<User>>> find_signed_in(const std::string& token_hash) = 0;
    virtual void touch_session(const std::string& token_hash, Timestamp at) = 0;
    virtual void delete_session(const std::string& token_hash) = 0;
    // Ends every session of a user but the one given (none: all of them).
    virtual void delete_sessions_of(std::int64_t user_id, const std::string& except_hash = "") = 0;

    // Knowledge articles. Every version of an article is kept whole in its history (who wrote
    // it and when); the article itself is its newest version with the counters of its feedback
    // and deflections.
    virtual ArticlePage list_articles(const ArticleQuery& query) = 0;
    virtual std::optional<Article> find_article(Id id) = 0;
    // Every published article (both visibilities), by id: what the search indexes hold.
    virtual std::vector<Article> published_articles() = 0;
    // Stores a new article as its version 1 by `by`. A slug taken in its language: with
    // suffix_taken_slug the first free "<slug>-2", "-3", ... instead, else nothing is stored
    // and slug_taken is set.
    struct ArticleWrite {
        std::optional<Article> article;
        bool slug_taken = false;
    };
    virtual ArticleWrite create_article(const Article& a, const Actor& by, bool suffix_taken_slug) = 0;
    // Reads the article, lets change() apply core's patch to it and, when change() returns true,
    // stores the result as a new version by `by`, all in one transaction. The article comes
    // back as stored (unchanged when change() returned false); nullopt when the id is unknown;
    // slug_taken (and nothing stored) when the new slug is another article's in its language.
    virtual ArticleWrite update_article(Id id, const Actor& by, const std::function<bool(Article&)>& change) = 0;
    // An article's versions, newest first, those below `before` (a version number) when given.
    virtual ArticleVersionPage article_versions(Id id, std::optional<int> before, int limit) = 0;
    // Stores the feedback or deflection (with its id) and counts it on its article, in one
    // transaction; nullopt when the article does not exist.
    virtual std::optional<ArticleFeedback> add_feedback(const ArticleFeedback& f) = 0;
    virtual std::optional<Deflection> add_deflection(const Deflection& d) = 0;
    // Stores these articles, each as its version 1 by the system, when the store has never
    // had an article; returns how many it stored (0 when it had some).
    virtual std::size_t seed_articles(const std::vector<Article>& articles) = 0;

    virtual std::optional<std::string> setting(const std::string& key) = 0;
    virtual void set_setting(const std::string& key, const std::string& value) = 0;
};

}  // namespace spoc
