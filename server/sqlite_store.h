// The SQLite store: WAL, synchronous=FULL, schema migrated at open.
// Writes go through one writer thread that commits whatever is queued together
// (group commit): each write is durable when its call returns, and many
// concurrent writes share one fsync. Reads use a small pool of connections.
#pragma once
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "store.h"

struct sqlite3;

namespace spoc {

struct StoreError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class SqliteStore final : public Store {
public:
    explicit SqliteStore(const std::string& path, int readers = 8);  // throws StoreError
    ~SqliteStore() override;
    SqliteStore(const SqliteStore&) = delete;
    SqliteStore& operator=(const SqliteStore&) = delete;

    bool healthy() override;
    Created create(const Request& r, const std::string& follow_token_hash,
                   const std::string& idempotency_key = "") override;
    std::optional<Request> find(std::int64_t id) override;
    std::optional<std::string> follow_token_hash(std::int64_t id) override;
    RequestPage list(const RequestQuery& query) override;
    std::optional<Request> update(std::int64_t id, const std::function<bool(Request&)>& change) override;
    std::optional<User> create_user(const User& u, const std::string& password_hash) override;
    std::optional<User> find_user(std::int64_t id) override;
    std::optional<std::pair<User, std::string>> user_by_email(const std::string& email) override;
    std::optional<std::string> password_hash(std::int64_t user_id) override;
    UserPage list_users(const UserFilter& filter) override;
    UpdateResult update_user(const User& u) override;
    void set_password(std::int64_t user_id, const std::string& password_hash) override;
    std::optional<Organisation> create_organisation(const std::string& name) override;
    std::optional<Organisation> find_organisation(std::int64_t id) override;
    std::vector<Organisation> list_organisations() override;
    UpdateResult rename_organisation(std::int64_t id, const std::string& name) override;
    std::optional<SupportGroup> create_group(const SupportGroup& g) override;
    std::optional<SupportGroup> find_group(std::int64_t id) override;
    std::vector<SupportGroup> list_groups() override;
    UpdateResult update_group(const SupportGroup& g) override;
    void remove_from_groups(std::int64_t user_id) override;
    void create_session(const Session& s) override;
    std::optional<Session> find_session(const std::string& token_hash) override;
    std::optional<std::pair<Session, std::optional<User>>> find_signed_in(const std::string& token_hash) override;
    void touch_session(const std::string& token_hash, Timestamp at) override;
    void delete_session(const std::string& token_hash) override;
    void delete_sessions_of(std::int64_t user_id, const std::string& except_hash) override;
    ArticlePage list_articles(const ArticleQuery& query) override;
    std::optional<Article> find_article(Id id) override;
    std::vector<Article> published_articles() override;
    ArticleWrite create_article(const Article& a, const Actor& by, bool suffix_taken_slug) override;
    ArticleWrite update_article(Id id, const Actor& by, const std::function<bool(Article&)>& change) override;
    ArticleVersionPage article_versions(Id id, std::optional<int> before, int limit) override;
    std::optional<ArticleFeedback> add_feedback(const ArticleFeedback& f) override;
    std::optional<Deflection> add_deflection(const Deflection& d) override;
    std::size_t seed_articles(const std::vector<Article>& articles) override;
    std::optional<std::string> setting(const std::string& key) override;
    void set_setting(const std::string& key, const std::string& value) override;

private:
    // A write runs on the writer connection inside the batch's transaction; it
    // returns false to undo its own changes. Rethrows what the write threw.
    void write(const std::function<bool(sqlite3*)>& work);
    void run_writer();

    // Borrows a reader connection for the duration of fn.
    template <typename Fn>
    auto read(Fn&& fn);

    struct WriteJob {
        const std::function<bool(sqlite3*)>* work;
        std::exception_ptr error;
        bool done = false;
    };

    sqlite3* writer_ = nullptr;
    std::mutex write_mutex_;
    std::condition_variable write_queued_, write_done_;
    std::deque<WriteJob*> write_queue_;
    bool stopping_ = false;
    std::thread writer_thread_;

    // A full-text search ranks its matches best first up to this many; more: newest first.
    static constexpr std::int64_t kRankedMatches = 2000;
    bool many_matches(const std::string& fts_words);

    std::mutex read_mutex_;
    std::condition_variable reader_free_;
    std::vector<sqlite3*> readers_, idle_readers_;
};

// Borrows a reader connection for the duration of fn (shared by the store's files).
template <typename Fn>
auto SqliteStore::read(Fn&& fn) {
    sqlite3* db = nullptr;
    {
        std::unique_lock lock(read_mutex_);
        reader_free_.wait(lock, [this] { return !idle_readers_.empty(); });
        db = idle_readers_.back();
        idle_readers_.pop_back();
    }
    struct Return {
        SqliteStore* store;
        sqlite3* db;
        ~Return() {
            {
                std::lock_guard lock(store->read_mutex_);
                store->idle_readers_.push_back(db);
            }
            store->reader_free_.notify_one();
        }
    } give_back{this, db};
    return fn(db);
}

}  // namespace spoc
