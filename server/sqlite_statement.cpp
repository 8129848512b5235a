// See sqlite_statement.h: the per-connection cache of prepared statements. A connection is
// used by one thread at a time (the writer thread, or the reader who borrowed it), so its
// cache needs no lock; the registry of caches changes only when a store opens or closes.
#include "sqlite_statement.h"

#include <map>
#include <memory>
#include <shared_mutex>
#include <unordered_map>

namespace spoc {

namespace {

// At most this many idle statements per connection: the SQL of lists is built from the
// filters asked for, so there are more texts than the fixed ones; beyond this they are compiled
// each time, as before.
constexpr std::size_t kMaxIdle = 96;

using IdleStatements = std::map<std::string, sqlite3_stmt*, std::less<>>;

std::shared_mutex registry_mutex;
std::unordered_map<sqlite3*, std::unique_ptr<IdleStatements>> registry;

IdleStatements* idle_statements(sqlite3* db) {
    std::shared_lock lock(registry_mutex);
    const auto found = registry.find(db);
    return found == registry.end() ? nullptr : found->second.get();
}

}  // namespace

void keep_statements(sqlite3* db) {
    std::unique_lock lock(registry_mutex);
    registry.emplace(db, std::make_unique<IdleStatements>());
}

void drop_statements(sqlite3* db) {
    std::unique_ptr<IdleStatements> idle;
    {
        std::unique_lock lock(registry_mutex);
        const auto found = registry.find(db);
        if (found == registry.end()) return;
        idle = std::move(found->second);
        registry.erase(found);
    }
    for (auto& [sql, stmt] : *idle) sqlite3_finalize(stmt);
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    if (IdleStatements* idle = idle_statements(db)) {
        const auto found = idle->find(sql);
        if (found != idle->end()) {
            stmt_ = found->second;
            idle->erase(found);
            return;
        }
    }
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK) {
        sqlite3_finalize(stmt_);
        throw StoreError(std::string("prepare: ") + sqlite3_errmsg(db));
    }
}

Statement::~Statement() {
    if (!stmt_) return;
    IdleStatements* idle = idle_statements(db_);
    const char* sql = sqlite3_sql(stmt_);
    if (idle && sql && idle->size() < kMaxIdle && idle->find(std::string_view(sql)) == idle->end()) {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
        idle->emplace(sql, stmt_);
    } else {
        sqlite3_finalize(stmt_);
    }
}

}  // namespace spoc
