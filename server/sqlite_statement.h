// What the SQLite store's files share: a prepared statement with RAII and typed binding,
// and running plain SQL. Only the store includes it.
//
// Statements are kept per connection once prepared: a Statement of the same SQL on the same
// connection reuses an idle one (reset, bindings cleared) instead of compiling the SQL again,
// which was most of the cost of a read. A connection's statements live from
// keep_statements(db) after opening it to drop_statements(db) before closing it.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "sqlite_store.h"

namespace spoc {

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);  // throws StoreError when the SQL does not compile
    ~Statement();  // gives the statement back to its connection's idle ones
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int i, std::int64_t v) { return check(sqlite3_bind_int64(stmt_, i, v)); }
    Statement& bind(int i, int v) { return check(sqlite3_bind_int(stmt_, i, v)); }
    Statement& bind(int i, const std::string& v) {
        return check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
    }
    Statement& bind(int i, const char* v) { return bind(i, std::string(v)); }
    Statement& bind_null(int i) { return check(sqlite3_bind_null(stmt_, i)); }

    // true while there is a row
    bool step() {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw StoreError(std::string("step: ") + sqlite3_errmsg(db_));
    }
    std::int64_t integer(int col) { return sqlite3_column_int64(stmt_, col); }
    bool is_null(int col) { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
    std::string text(int col) {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
    }

private:
    Statement& check(int rc) {
        if (rc != SQLITE_OK) throw StoreError(std::string("bind: ") + sqlite3_errmsg(db_));
        return *this;
    }
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

// A connection's statement cache: from just after opening to just before closing.
void keep_statements(sqlite3* db);
void drop_statements(sqlite3* db);  // finalizes them all, so that sqlite3_close succeeds

inline void exec(sqlite3* db, const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw StoreError(msg);
    }
}

}  // namespace spoc
