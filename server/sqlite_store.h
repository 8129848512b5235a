// The SQLite store: WAL, synchronous=FULL, schema migrated at open, every write
// in one transaction. One connection, serialised by a mutex.
#pragma once
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include "store.h"

struct sqlite3;

namespace spoc {

struct StoreError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class SqliteStore final : public Store {
public:
    explicit SqliteStore(const std::string& path);  // throws StoreError
    ~SqliteStore() override;
    SqliteStore(const SqliteStore&) = delete;
    SqliteStore& operator=(const SqliteStore&) = delete;

    bool healthy() override;
    Request create(const Request& r, const std::string& follow_token_hash) override;
    std::optional<Request> find(std::int64_t id) override;
    std::optional<std::string> follow_token_hash(std::int64_t id) override;
    RequestPage list(const RequestFilter& filter) override;
    std::optional<Request> update(std::int64_t id, const std::function<bool(Request&)>& change) override;
    std::optional<std::string> setting(const std::string& key) override;
    void set_setting(const std::string& key, const std::string& value) override;

private:
    void migrate();
    std::optional<Request> find_locked(std::int64_t id);
    void insert_event(std::int64_t request_id, const Event& e);

    std::mutex mutex_;
    sqlite3* db_ = nullptr;
};

}  // namespace spoc
