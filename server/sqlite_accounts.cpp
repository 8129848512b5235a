// SQLite implementation of the store's people, organisations, support groups (schema v3, v4)
// and sessions.
// Uniqueness is checked inside the write, where the one writer makes it race-free.
#include <sqlite3.h>

#include "sqlite_statement.h"
#include "sqlite_store.h"

namespace spoc {
namespace {

constexpr const char* kUserColumns = "id, email, name, role, organisation, active";

// The kUserColumns starting at column `first`.
User read_user_row(Statement& s, int first = 0) {
    User u;
    u.id = s.integer(first);
    u.email = s.text(first + 1);
    u.name = s.text(first + 2);
    u.role = json(s.text(first + 3)).get<Role>();
    if (!s.is_null(first + 4)) u.organisation = s.integer(first + 4);
    u.active = s.integer(first + 5) != 0;
    return u;
}

// "3,7,12" (as group_concat gives them) -> {3, 7, 12}
std::vector<std::int64_t> ids_in(const std::string& list) {
    std::vector<std::int64_t> out;
    std::int64_t n = 0;
    bool digits = false;
    for (const char c : list) {
        if (c >= '0' && c <= '9') {
            n = n * 10 + (c - '0');
            digits = true;
        } else if (digits) {
            out.push_back(n);
            n = 0;
            digits = false;
        }
    }
    if (digits) out.push_back(n);
    return out;
}

// The ids of the groups a user is a member of, ascending.
std::vector<std::int64_t> groups_of(sqlite3* db, std::int64_t user_id) {
    Statement s(db, "SELECT group_id FROM group_members WHERE user_id = ? ORDER BY group_id");
    s.bind(1, user_id);
    std::vector<std::int64_t> out;
    while (s.step()) out.push_back(s.integer(0));
    return out;
}

std::optional<User> user_where(sqlite3* db, const char* where, const std::string& key) {
    Statement s(db, std::string("SELECT ") + kUserColumns + " FROM users WHERE " + where);
    s.bind(1, key);
    if (!s.step()) return std::nullopt;
    User u = read_user_row(s);
    u.groups = groups_of(db, u.id);
    return u;
}

std::vector<std::int64_t> members_of(sqlite3* db, std::int64_t group_id) {
    Statement s(db, "SELECT user_id FROM group_members WHERE group_id = ? ORDER BY user_id");
    s.bind(1, group_id);
    std::vector<std::int64_t> out;
    while (s.step()) out.push_back(s.integer(0));
    return out;
}

bool group_name_taken(sqlite3* db, const std::string& name, std::int64_t by_other_than) {
    Statement s(db, "SELECT 1 FROM support_groups WHERE name = ? AND id <> ?");
    s.bind(1, name).bind(2, by_other_than);
    return s.step();
}

void set_members(sqlite3* db, std::int64_t group_id, const std::vector<std::int64_t>& members) {
    Statement clear(db, "DELETE FROM group_members WHERE group_id = ?");
    clear.bind(1, group_id);
    clear.step();
    for (const std::int64_t user : members) {
        Statement add(db, "INSERT INTO group_members (group_id, user_id) VALUES (?, ?)");
        add.bind(1, group_id).bind(2, user);
        add.step();
    }
}

bool email_taken(sqlite3* db, const std::string& email, std::int64_t by_other_than) {
    Statement s(db, "SELECT 1 FROM users WHERE email = ? AND id <> ?");
    s.bind(1, email).bind(2, by_other_than);
    return s.step();
}

bool organisation_name_taken(sqlite3* db, const std::string& name, std::int64_t by_other_than) {
    Statement s(db, "SELECT 1 FROM organisations WHERE name = ? AND id <> ?");
    s.bind(1, name).bind(2, by_other_than);
    return s.step();
}

void bind_organisation(Statement& s, int i, const std::optional<std::int64_t>& organisation) {
    if (organisation) s.bind(i, *organisation);
    else s.bind_null(i);
}

}  // namespace

// [SECTION] People --------------------------------------------------------------------------

std::optional<User> SqliteStore::create_user(const User& u, const std::string& password_hash) {
    std::optional<User> out;
    write([&](sqlite3* db) {
        if (email_taken(db, u.email, 0)) return false;
        Statement s(db, "INSERT INTO users (email, name, role, organisation, active, password_hash) VALUES (?, ?, ?, ?, ?, ?)");
        s.bind(1, u.email).bind(2, u.name).bind(3, json(u.role).get<std::string>());
        bind_organisation(s, 4, u.organisation);
        s.bind(5, u.active ? 1 : 0).bind(6, password_hash);
        s.step();
        out = u;
        out->id = sqlite3_last_insert_rowid(db);
        return true;
    });
    return out;
}

std::optional<User> SqliteStore::find_user(std::int64_t id) {
    return read([id](sqlite3* db) { return user_where(db, "id = ?", std::to_string(id)); });
}

std::optional<std::pair<User, std::string>> SqliteStore::user_by_email(const std::string& email) {
    return read([&email](sqlite3* db) -> std::optional<std::pair<User, std::string>> {
        Statement s(db, std::string("SELECT ") + kUserColumns + ", password_hash FROM users WHERE email = ?");
        s.bind(1, email);
        if (!s.step()) return std::nullopt;
        User u = read_user_row(s);
        const std::string hash = s.text(6);
        u.groups = groups_of(db, u.id);
        return std::make_pair(std::move(u), hash);
    });
}

std::optional<std::string> SqliteStore::password_hash(std::int64_t user_id) {
    return read([user_id](sqlite3* db) -> std::optional<std::string> {
        Statement s(db, "SELECT password_hash FROM users WHERE id = ?");
        s.bind(1, user_id);
        if (!s.step()) return std::nullopt;
        return s.text(0);
    });
}

UserPage SqliteStore::list_users(const UserFilter& f) {
    return read([&f](sqlite3* db) {
        std::string sql = std::string("SELECT ") + kUserColumns + " FROM users WHERE id > ?";
        if (f.organisation) sql += " AND organisation = ?";
        if (f.role) sql += " AND role = ?";
        sql += " ORDER BY id LIMIT ?";
        Statement s(db, sql);
        int i = 1;
        s.bind(i++, f.after_id);
        if (f.organisation) s.bind(i++, *f.organisation);
        if (f.role) s.bind(i++, json(*f.role).get<std::string>());
        s.bind(i++, f.limit + 1);
        UserPage page;
        while (s.step()) page.items.push_back(read_user_row(s));
        for (User& u : page.items) u.groups = groups_of(db, u.id);
        if (static_cast<int>(page.items.size()) > f.limit) {
            page.items.pop_back();
            page.next = page.items.back().id;
        }
        return page;
    });
}

Store::UpdateResult SqliteStore::update_user(const User& u) {
    UpdateResult result = UpdateResult::unknown;
    write([&](sqlite3* db) {
        if (email_taken(db, u.email, u.id)) {
            result = UpdateResult::conflict;
            return false;
        }
        Statement s(db, "UPDATE users SET email = ?, name = ?, role = ?, organisation = ?, active = ? WHERE id = ?");
        s.bind(1, u.email).bind(2, u.name).bind(3, json(u.role).get<std::string>());
        bind_organisation(s, 4, u.organisation);
        s.bind(5, u.active ? 1 : 0).bind(6, u.id);
        s.step();
        result = sqlite3_changes(db) > 0 ? UpdateResult::done : UpdateResult::unknown;
        return true;
    });
    return result;
}

void SqliteStore::set_password(std::int64_t user_id, const std::string& password_hash) {
    write([&](sqlite3* db) {
        Statement s(db, "UPDATE users SET password_hash = ? WHERE id = ?");
        s.bind(1, password_hash).bind(2, user_id);
        s.step();
        return true;
    });
}

// [SECTION] Organisations ---------------------------------------------------------------------

std::optional<Organisation> SqliteStore::create_organisation(const std::string& name) {
    std::optional<Organisation> out;
    write([&](sqlite3* db) {
        if (organisation_name_taken(db, name, 0)) return false;
        Statement s(db, "INSERT INTO organisations (name) VALUES (?)");
        s.bind(1, name);
        s.step();
        out = Organisation{sqlite3_last_insert_rowid(db), name};
        return true;
    });
    return out;
}

std::optional<Organisation> SqliteStore::find_organisation(std::int64_t id) {
    return read([id](sqlite3* db) -> std::optional<Organisation> {
        Statement s(db, "SELECT id, name FROM organisations WHERE id = ?");
        s.bind(1, id);
        if (!s.step()) return std::nullopt;
        return Organisation{s.integer(0), s.text(1)};
    });
}

std::vector<Organisation> SqliteStore::list_organisations() {
    return read([](sqlite3* db) {
        Statement s(db, "SELECT id, name FROM organisations ORDER BY name, id");
        std::vector<Organisation> out;
        while (s.step()) out.push_back({s.integer(0), s.text(1)});
        return out;
    });
}

Store::UpdateResult SqliteStore::rename_organisation(std::int64_t id, const std::string& name) {
    UpdateResult result = UpdateResult::unknown;
    write([&](sqlite3* db) {
        if (organisation_name_taken(db, name, id)) {
            result = UpdateResult::conflict;
            return false;
        }
        Statement s(db, "UPDATE organisations SET name = ? WHERE id = ?");
        s.bind(1, name).bind(2, id);
        s.step();
        result = sqlite3_changes(db) > 0 ? UpdateResult::done : UpdateResult::unknown;
        return true;
    });
    return result;
}

// [SECTION] Support groups --------------------------------------------------------------------

std::optional<SupportGroup> SqliteStore::create_group(const SupportGroup& g) {
    std::optional<SupportGroup> out;
    write([&](sqlite3* db) {
        if (group_name_taken(db, g.name, 0)) return false;
        Statement s(db, "INSERT INTO support_groups (name, tier) VALUES (?, ?)");
        s.bind(1, g.name).bind(2, tier_text(g.tier));
        s.step();
        out = g;
        out->id = sqlite3_last_insert_rowid(db);
        set_members(db, out->id, g.members);
        return true;
    });
    return out;
}

std::optional<SupportGroup> SqliteStore::find_group(std::int64_t id) {
    return read([id](sqlite3* db) -> std::optional<SupportGroup> {
        Statement s(db, "SELECT id, name, tier FROM support_groups WHERE id = ?");
        s.bind(1, id);
        if (!s.step()) return std::nullopt;
        return SupportGroup{s.integer(0), s.text(1), tier_from_text(s.text(2)), members_of(db, id)};
    });
}

std::vector<SupportGroup> SqliteStore::list_groups() {
    return read([](sqlite3* db) {
        Statement s(db, "SELECT id, name, tier FROM support_groups ORDER BY tier, name, id");
        std::vector<SupportGroup> out;
        while (s.step()) out.push_back({s.integer(0), s.text(1), tier_from_text(s.text(2)), {}});
        for (SupportGroup& g : out) g.members = members_of(db, g.id);
        return out;
    });
}

Store::UpdateResult SqliteStore::update_group(const SupportGroup& g) {
    UpdateResult result = UpdateResult::unknown;
    write([&](sqlite3* db) {
        if (group_name_taken(db, g.name, g.id)) {
            result = UpdateResult::conflict;
            return false;
        }
        Statement s(db, "UPDATE support_groups SET name = ?, tier = ? WHERE id = ?");
        s.bind(1, g.name).bind(2, tier_text(g.tier)).bind(3, g.id);
        s.step();
        if (sqlite3_changes(db) == 0) return false;
        set_members(db, g.id, g.members);
        result = UpdateResult::done;
        return true;
    });
    return result;
}

void SqliteStore::remove_from_groups(std::int64_t user_id) {
    write([&](sqlite3* db) {
        Statement s(db, "DELETE FROM group_members WHERE user_id = ?");
        s.bind(1, user_id);
        s.step();
        return true;
    });
}

// [SECTION] Sessions ----------------------------------------------------------------------------

void SqliteStore::create_session(const Session& session) {
    write([&](sqlite3* db) {
        Statement s(db, "INSERT INTO sessions (token_hash, csrf_hash, user_id, created_at, last_seen) VALUES (?, ?, ?, ?, ?)");
        s.bind(1, session.token_hash).bind(2, session.csrf_hash).bind(3, session.user_id);
        s.bind(4, session.created_at).bind(5, session.last_seen);
        s.step();
        return true;
    });
}

std::optional<Session> SqliteStore::find_session(const std::string& token_hash) {
    return read([&token_hash](sqlite3* db) -> std::optional<Session> {
        Statement s(db, "SELECT token_hash, csrf_hash, user_id, created_at, last_seen FROM sessions WHERE token_hash = ?");
        s.bind(1, token_hash);
        if (!s.step()) return std::nullopt;
        return Session{s.text(0), s.text(1), s.integer(2), s.integer(3), s.integer(4)};
    });
}

// One statement, so one read transaction: the session, its user and the user's groups.
std::optional<std::pair<Session, std::optional<User>>> SqliteStore::find_signed_in(const std::string& token_hash) {
    return read([&token_hash](sqlite3* db) -> std::optional<std::pair<Session, std::optional<User>>> {
        Statement s(db,
                    "SELECT s.token_hash, s.csrf_hash, s.user_id, s.created_at, s.last_seen, "
                    "u.id, u.email, u.name, u.role, u.organisation, u.active, "
                    "(SELECT group_concat(group_id) FROM (SELECT group_id FROM group_members "
                    "WHERE user_id = s.user_id ORDER BY group_id)) "
                    "FROM sessions s LEFT JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?");
        s.bind(1, token_hash);
        if (!s.step()) return std::nullopt;
        Session session{s.text(0), s.text(1), s.integer(2), s.integer(3), s.integer(4)};
        std::optional<User> user;
        if (!s.is_null(5)) {
            user = read_user_row(s, 5);
            user->groups = ids_in(s.text(11));
        }
        return std::make_pair(std::move(session), std::move(user));
    });
}

void SqliteStore::touch_session(const std::string& token_hash, Timestamp at) {
    write([&](sqlite3* db) {
        Statement s(db, "UPDATE sessions SET last_seen = ? WHERE token_hash = ? AND last_seen < ?");
        s.bind(1, at).bind(2, token_hash).bind(3, at);
        s.step();
        return true;
    });
}

void SqliteStore::delete_session(const std::string& token_hash) {
    write([&](sqlite3* db) {
        Statement s(db, "DELETE FROM sessions WHERE token_hash = ?");
        s.bind(1, token_hash);
        s.step();
        return true;
    });
}

void SqliteStore::delete_sessions_of(std::int64_t user_id, const std::string& except_hash) {
    write([&](sqlite3* db) {
        Statement s(db, "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?");
        s.bind(1, user_id).bind(2, except_hash);
        s.step();
        return true;
    });
}

}  // namespace spoc
