// SQLite implementation of Store.
//
// [SECTION] Schema and migrations
// [SECTION] Queries shared by reads and writes
// [SECTION] Opening and closing
// [SECTION] Group commit
// [SECTION] Reads
// [SECTION] Writes
#include "sqlite_store.h"

#include <sqlite3.h>

#include <map>
#include <string_view>
#include <variant>

#include "sqlite_statement.h"

namespace spoc {
namespace {

std::string str(const json& v) { return v.get<std::string>(); }

constexpr const char* kRequestColumns =
    "id, kind, type, subject, description, impact, urgency, priority, state, requester_name, requester_email, "
    "fields, created_at, updated_at, requester_user, organisation, filed_by, diagnosis, owner, group_id, assignee, "
    "escalated, handed_off, first_contact";

std::optional<std::int64_t> optional_id(Statement& s, int col) {
    if (s.is_null(col)) return std::nullopt;
    return s.integer(col);
}

void bind_optional(Statement& s, int i, const std::optional<std::int64_t>& v) {
    if (v) s.bind(i, *v);
    else s.bind_null(i);
}

void bind_json(Statement& s, int i, const json& v) {
    if (v.is_null()) s.bind_null(i);
    else s.bind(i, v.dump());
}

Request read_request(Statement& s) {
    Request r;
    r.id = s.integer(0);
    r.ref = format_ref(r.id);
    r.kind = json(s.text(1)).get<Kind>();
    r.type = s.text(2);
    r.subject = s.text(3);
    r.description = s.text(4);
    r.impact = level_from_string(s.text(5));
    r.urgency = level_from_string(s.text(6));
    r.priority = static_cast<int>(s.integer(7));
    r.state = state_from_string(s.text(8));
    r.requester = {s.text(9), s.text(10), std::nullopt};
    r.fields = json::parse(s.text(11), nullptr, false);
    if (!r.fields.is_object()) r.fields = json::object();
    r.created_at = s.integer(12);
    r.updated_at = s.integer(13);
    r.requester.user = optional_id(s, 14);
    r.organisation = optional_id(s, 15);
    r.filed_by = optional_id(s, 16);
    if (!s.is_null(17)) r.diagnosis = json::parse(s.text(17), nullptr, false);
    if (r.diagnosis.is_discarded()) r.diagnosis = nullptr;
    r.owner = optional_id(s, 18);
    r.group = optional_id(s, 19);
    r.assignee = optional_id(s, 20);
    r.escalated = s.integer(21) != 0;
    r.handed_off = s.integer(22) != 0;
    r.first_contact_resolution = s.integer(23) != 0;
    return r;
}

// [SECTION] Schema and migrations ----------------------------------------------------

// Each entry moves the schema one version forward; PRAGMA user_version says how far a file is.
const char* const kMigrations[] = {
    R"sql(
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE requests (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        type TEXT NOT NULL,
        subject TEXT NOT NULL,
        description TEXT NOT NULL,
        impact TEXT NOT NULL,
        urgency TEXT NOT NULL,
        priority INTEGER NOT NULL,
        state TEXT NOT NULL,
        requester_name TEXT NOT NULL,
        requester_email TEXT NOT NULL,
        fields TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        follow_token_hash TEXT NOT NULL
    );
    CREATE INDEX requests_state ON requests (state, id);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        request_id INTEGER NOT NULL REFERENCES requests (id),
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        kind TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT,
        reason TEXT,
        body TEXT,
        internal INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX events_request ON events (request_id, id);
    )sql",
    R"sql(
    ALTER TABLE requests ADD COLUMN idempotency_key TEXT;
    CREATE UNIQUE INDEX requests_idempotency_key ON requests (idempotency_key) WHERE idempotency_key IS NOT NULL;
    )sql",
    R"sql(
    CREATE TABLE organisations (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE
    );
    CREATE TABLE users (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        organisation INTEGER REFERENCES organisations (id),
        active INTEGER NOT NULL DEFAULT 1,
        password_hash TEXT NOT NULL
    );
    CREATE INDEX users_organisation ON users (organisation, id);
    CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        csrf_hash TEXT NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users (id),
        created_at INTEGER NOT NULL,
        last_seen INTEGER NOT NULL
    );
    CREATE INDEX sessions_user ON sessions (user_id);
    )sql",
    R"sql(
    CREATE TABLE support_groups (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        tier TEXT NOT NULL
    );
    CREATE TABLE group_members (
        group_id INTEGER NOT NULL REFERENCES support_groups (id),
        user_id INTEGER NOT NULL REFERENCES users (id),
        PRIMARY KEY (group_id, user_id)
    );
    CREATE INDEX group_members_user ON group_members (user_id, group_id);
    )sql",
    R"sql(
    ALTER TABLE requests ADD COLUMN requester_user INTEGER REFERENCES users (id);
    ALTER TABLE requests ADD COLUMN organisation INTEGER REFERENCES organisations (id);
    ALTER TABLE requests ADD COLUMN filed_by INTEGER REFERENCES users (id);
    ALTER TABLE requests ADD COLUMN diagnosis TEXT;
    ALTER TABLE requests ADD COLUMN owner INTEGER REFERENCES users (id);
    ALTER TABLE requests ADD COLUMN group_id INTEGER REFERENCES support_groups (id);
    ALTER TABLE requests ADD COLUMN assignee INTEGER REFERENCES users (id);
    ALTER TABLE requests ADD COLUMN escalated INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE requests ADD COLUMN handed_off INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE requests ADD COLUMN first_contact INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX requests_requester_email ON requests (lower(trim(requester_email)), id);
    CREATE INDEX requests_requester_user ON requests (requester_user, id);
    CREATE INDEX requests_filed_by ON requests (filed_by, id);
    CREATE INDEX requests_organisation ON requests (organisation, id);
    CREATE INDEX requests_group ON requests (group_id, id);
    CREATE INDEX requests_assignee ON requests (assignee, id);
    CREATE INDEX requests_owner ON requests (owner, id);
    CREATE INDEX requests_priority ON requests (priority, id);
    CREATE INDEX requests_updated ON requests (updated_at, id);
    ALTER TABLE events ADD COLUMN actor_user INTEGER;
    ALTER TABLE events ADD COLUMN detail TEXT;
    )sql",
    // The full text of each request, for GET /api/v1/requests?q= (see kRequestText below).
    R"sql(
    CREATE VIRTUAL TABLE request_text USING fts5 (subject, description, replies, notes,
        tokenize = 'unicode61 remove_diacritics 2');
    INSERT INTO request_text (rowid, subject, description, replies, notes)
    SELECT id, subject, description,
        (SELECT coalesce(group_concat(body, char(10)), '') FROM events
         WHERE request_id = requests.id AND kind = 'comment' AND internal = 0),
        (SELECT coalesce(group_concat(body, char(10)), '') FROM events
         WHERE request_id = requests.id AND kind = 'comment' AND internal = 1)
    FROM requests;
    )sql",
    // The desk's queues: unassigned by priority reads in index order (it sorted every unassigned
    // request for each page), and the open requests by priority, whatever share is closed.
    R"sql(
    CREATE INDEX requests_assignee_priority ON requests (assignee, priority, id);
    CREATE INDEX requests_open_priority ON requests (priority, id) WHERE state NOT IN ('resolved', 'closed', 'cancelled');
    CREATE INDEX requests_open_updated ON requests (updated_at, id) WHERE state NOT IN ('resolved', 'closed', 'cancelled');
    )sql",
    // Knowledge (sqlite_knowledge.cpp): each article as its newest version with the counters of
    // its feedback and deflections; every version whole in article_versions, with who wrote it.
    // Tags and types are JSON arrays of text.
    R"sql(
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        slug TEXT NOT NULL,
        lang TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        tags TEXT NOT NULL,
        types TEXT NOT NULL,
        visibility TEXT NOT NULL,
        state TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        helpful INTEGER NOT NULL DEFAULT 0,
        unhelpful INTEGER NOT NULL DEFAULT 0,
        deflections INTEGER NOT NULL DEFAULT 0,
        UNIQUE (lang, slug)
    );
    CREATE INDEX articles_state ON articles (state, id);
    CREATE TABLE article_versions (
        article_id INTEGER NOT NULL REFERENCES articles (id),
        version INTEGER NOT NULL,
        slug TEXT NOT NULL,
        lang TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        tags TEXT NOT NULL,
        types TEXT NOT NULL,
        visibility TEXT NOT NULL,
        state TEXT NOT NULL,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        actor_user INTEGER REFERENCES users (id),
        PRIMARY KEY (article_id, version)
    );
    CREATE TABLE article_feedback (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles (id),
        helpful INTEGER NOT NULL,
        query TEXT NOT NULL,
        at INTEGER NOT NULL,
        user_id INTEGER REFERENCES users (id)
    );
    CREATE INDEX article_feedback_article ON article_feedback (article_id, id);
    CREATE TABLE deflections (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles (id),
        query TEXT NOT NULL,
        type TEXT,
        at INTEGER NOT NULL,
        user_id INTEGER REFERENCES users (id)
    );
    CREATE INDEX deflections_article ON deflections (article_id, id);
    )sql",
};

// Full text (RequestQuery::q). request_text is an FTS5 table with one row per request, its
// rowid the request's id, and four columns: subject, description, replies (the public
// comments) and notes (the internal ones), so that a requester's or partner's search leaves
// the notes out with an FTS5 column filter. It keeps its own copy of the text: a contentless
// table cannot give snippet() the text, and external content needs one table that holds each
// column, which replies and notes (many events each) are not. The tokenizer is unicode61 with
// remove_diacritics 2: case and accents fold, so "drucker" finds "Drücker".
// It changes in the same transaction as the request (create, and update when the subject
// changes or a comment is added): reindex_text() rebuilds the request's row from the requests
// and events tables, with the same SELECT as the migration that filled it for older files.
constexpr const char* kRequestText =
    "INSERT INTO request_text (rowid, subject, description, replies, notes) "
    "SELECT id, subject, description, "
    "(SELECT coalesce(group_concat(body, char(10)), '') FROM events "
    " WHERE request_id = requests.id AND kind = 'comment' AND internal = 0), "
    "(SELECT coalesce(group_concat(body, char(10)), '') FROM events "
    " WHERE request_id = requests.id AND kind = 'comment' AND internal = 1) "
    "FROM requests WHERE id = ?";


// [SECTION] Queries shared by reads and writes ---------------------------------------

// What an event of the desk (field_changed, assigned, escalated) holds beyond the columns.
json detail_of(const Event& e) {
    switch (e.kind) {
        case EventKind::state_changed: {
            json j = json::object();
            if (!e.waiting_for.empty()) j["waiting_for"] = e.waiting_for;
            if (!e.resolution.empty()) j["resolution"] = e.resolution;
            return j.empty() ? json() : j;
        }
        case EventKind::field_changed: return {{"field", e.field}, {"from", e.old_value}, {"to", e.new_value}};
        case EventKind::assigned:
        case EventKind::escalated: {
            json j = {{"group", e.group ? json(*e.group) : json(nullptr)},
                      {"assignee", e.assignee ? json(*e.assignee) : json(nullptr)}};
            if (e.kind == EventKind::escalated) j["escalation"] = e.escalation;
            return j;
        }
        default: return nullptr;
    }
}

void read_detail(const json& j, Event& e) {
    if (!j.is_object()) return;
    e.field = j.value("field", "");
    e.old_value = j.value("from", json());
    e.new_value = j.value("to", json());
    if (j.contains("group") && j["group"].is_number_integer()) e.group = j["group"].get<std::int64_t>();
    if (j.contains("assignee") && j["assignee"].is_number_integer()) e.assignee = j["assignee"].get<std::int64_t>();
    if (j.contains("escalation")) e.escalation = j["escalation"].get<Escalation>();
    e.waiting_for = j.value("waiting_for", "");
    e.resolution = j.value("resolution", "");
}

// kRequestColumns, each prefixed with "<table>." (for a query that joins requests with another
// table that has columns of the same names).
std::string qualified_request_columns(const std::string& table) {
    std::string out = table + ".";
    for (const char* c = kRequestColumns; *c; ++c) out += *c == ' ' ? " " + table + "." : std::string(1, *c);
    return out;
}

Event read_event(Statement& ev, int first) {
    Event e;
    e.at = ev.integer(first);
    e.party = ev.text(first + 1);
    e.kind = json(ev.text(first + 2)).get<EventKind>();
    e.from = state_from_string(ev.text(first + 3));
    e.to = state_from_string(ev.text(first + 4));
    e.reason = ev.text(first + 5);
    e.body = ev.text(first + 6);
    e.internal = ev.integer(first + 7) != 0;
    e.actor_user = optional_id(ev, first + 8);
    if (!ev.is_null(first + 9)) read_detail(json::parse(ev.text(first + 9), nullptr, false), e);
    return e;
}

// The request and its timeline in one statement (one read transaction, one snapshot): a row
// per event, the request's columns repeated; a request without events has one row of NULLs.
std::optional<Request> find_request(sqlite3* db, std::int64_t id) {
    static const std::string sql = "SELECT " + qualified_request_columns("r") +
                                   ", e.at, e.actor, e.kind, e.from_state, e.to_state, e.reason, e.body, e.internal, "
                                   "e.actor_user, e.detail FROM requests r LEFT JOIN events e ON e.request_id = r.id "
                                   "WHERE r.id = ? ORDER BY e.id";
    constexpr int kFirstEventColumn = 24;
    Statement s(db, sql);
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    Request r = read_request(s);
    do {
        if (!s.is_null(kFirstEventColumn)) r.timeline.push_back(read_event(s, kFirstEventColumn));
    } while (s.step());
    return r;
}

void insert_event(sqlite3* db, std::int64_t request_id, const Event& e) {
    Statement s(db,
                "INSERT INTO events (request_id, at, actor, kind, from_state, to_state, reason, body, internal, "
                "actor_user, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, request_id).bind(2, e.at).bind(3, e.party).bind(4, str(json(e.kind)));
    s.bind(5, e.kind == EventKind::state_changed ? to_string(e.from) : "");
    s.bind(6, e.kind == EventKind::state_changed ? to_string(e.to) : "");
    s.bind(7, e.reason).bind(8, e.body).bind(9, e.internal ? 1 : 0);
    bind_optional(s, 10, e.actor_user);
    bind_json(s, 11, detail_of(e));
    s.step();
}

// Rebuilds request id's row of request_text from the request and its comments.
void reindex_text(sqlite3* db, std::int64_t id) {
    Statement gone(db, "DELETE FROM request_text WHERE rowid = ?");
    gone.bind(1, id);
    gone.step();
    Statement s(db, kRequestText);
    s.bind(1, id);
    s.step();
}

// The user's words as an FTS5 query that cannot say anything else: each word (query_words:
// runs of letters and digits) becomes a quoted string, its quotes doubled (none are left, but
// the quoting does not rely on that), so operators (AND, OR, NOT, NEAR), *, ^, :, parentheses
// and column names are only ever words or separators; the last word also matches as the start
// of a word ("druck" finds "Drucker"). All words must match (FTS5's implicit AND). Without
// notes, a column filter keeps the internal notes out. Empty when the text has no word.
std::string fts_query(const std::string& text, bool with_notes) {
    const std::vector<std::string> words = query_words(text);
    if (words.empty()) return "";
    std::string phrases;
    for (std::size_t i = 0; i < words.size(); ++i) {
        std::string quoted = "\"";
        for (const char c : words[i]) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        quoted += i + 1 == words.size() ? "\"*" : "\"";
        phrases += (phrases.empty() ? "" : " ") + quoted;
    }
    return (with_notes ? "(" : "{subject description replies} : (") + phrases + ")";
}

sqlite3* open_connection(const std::string& path, int flags) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);  // its statements were never kept
        throw StoreError("cannot open " + path + ": " + msg);
    }
    sqlite3_busy_timeout(db, 5000);
    keep_statements(db);
    return db;
}

void close_connection(sqlite3* db) {
    if (!db) return;
    drop_statements(db);
    sqlite3_close(db);
}

void migrate(sqlite3* db) {
    Statement version(db, "PRAGMA user_version");
    version.step();
    const auto current = version.integer(0);
    const auto latest = static_cast<std::int64_t>(std::size(kMigrations));
    if (current > latest)
        throw StoreError("the database was written by a newer spoc (schema " + std::to_string(current) + ")");
    for (auto v = current; v < latest; ++v) {
        exec(db, "BEGIN IMMEDIATE");
        try {
            exec(db, kMigrations[v]);
            exec(db, ("PRAGMA user_version=" + std::to_string(v + 1)).c_str());
            exec(db, "COMMIT");
        } catch (...) {
            sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
    }
}

constexpr std::size_t kMaxBatch = 256;

}  // namespace

// [SECTION] Opening and closing --------------------------------------------------------

SqliteStore::SqliteStore(const std::string& path, int readers) {
    try {
        writer_ = open_connection(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        // temp_store=MEMORY: each filing's write (a savepoint of the group commit) changes several
        // rows of the full-text index, and SQLite's statement journal for that went to a new temp
        // file every time (filing with 8 clients: 1,450 -> 2,450 a second).
        exec(writer_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;");
        migrate(writer_);
        for (int i = 0; i < readers; ++i) {
            readers_.push_back(open_connection(path, SQLITE_OPEN_READONLY));
            idle_readers_.push_back(readers_.back());
        }
    } catch (...) {
        for (sqlite3* db : readers_) close_connection(db);
        close_connection(writer_);
        throw;
    }
    writer_thread_ = std::thread([this] { run_writer(); });
}

SqliteStore::~SqliteStore() {
    {
        std::lock_guard lock(write_mutex_);
        stopping_ = true;
    }
    write_queued_.notify_all();
    writer_thread_.join();
    for (sqlite3* db : readers_) close_connection(db);
    close_connection(writer_);
}

// [SECTION] Group commit -----------------------------------------------------------------

void SqliteStore::write(const std::function<bool(sqlite3*)>& work) {
    WriteJob job{&work, nullptr};
    std::unique_lock lock(write_mutex_);
    if (stopping_) throw StoreError("the store is closing");
    write_queue_.push_back(&job);
    write_queued_.notify_one();
    write_done_.wait(lock, [&job] { return job.done; });
    if (job.error) std::rethrow_exception(job.error);
}

// Takes everything queued, runs each write under its own savepoint inside one
// transaction, commits once (one fsync), then wakes the writers' callers.
void SqliteStore::run_writer() {
    for (;;) {
        std::vector<WriteJob*> batch;
        {
            std::unique_lock lock(write_mutex_);
            write_queued_.wait(lock, [this] { return stopping_ || !write_queue_.empty(); });
            if (write_queue_.empty()) return;  // stopping, nothing left
            while (!write_queue_.empty() && batch.size() < kMaxBatch) {
                batch.push_back(write_queue_.front());
                write_queue_.pop_front();
            }
        }
        std::exception_ptr batch_error;
        try {
            exec(writer_, "BEGIN IMMEDIATE");
        } catch (...) {
            batch_error = std::current_exception();
        }
        for (WriteJob* job : batch) {
            if (batch_error) break;
            try {
                exec(writer_, "SAVEPOINT job");
                const bool keep = (*job->work)(writer_);
                exec(writer_, keep ? "RELEASE job" : "ROLLBACK TO job; RELEASE job");
            } catch (...) {
                job->error = std::current_exception();
                sqlite3_exec(writer_, "ROLLBACK TO job; RELEASE job", nullptr, nullptr, nullptr);
            }
        }
        if (!batch_error) {
            try {
                exec(writer_, "COMMIT");
            } catch (...) {
                batch_error = std::current_exception();
                sqlite3_exec(writer_, "ROLLBACK", nullptr, nullptr, nullptr);
            }
        }
        {
            std::lock_guard lock(write_mutex_);
            for (WriteJob* job : batch) {
                if (batch_error) job->error = batch_error;
                job->done = true;
            }
        }
        write_done_.notify_all();
    }
}

// [SECTION] Reads ------------------------------------------------------------------------

bool SqliteStore::healthy() {
    try {
        return read([](sqlite3* db) {
            Statement s(db, "SELECT count(*) FROM settings");
            return s.step();
        });
    } catch (const StoreError&) {
        return false;
    }
}

std::optional<Request> SqliteStore::find(std::int64_t id) {
    return read([id](sqlite3* db) { return find_request(db, id); });
}

std::optional<std::string> SqliteStore::follow_token_hash(std::int64_t id) {
    return read([id](sqlite3* db) -> std::optional<std::string> {
        Statement s(db, "SELECT follow_token_hash FROM requests WHERE id = ?");
        s.bind(1, id);
        if (!s.step()) return std::nullopt;
        return s.text(0);
    });
}

constexpr const char* kSnippet = "snippet(request_text, -1, '**', '**', '…', 12)";

// Whether more requests match these words than are worth ranking (kRankedMatches): the index
// stops counting there.
bool SqliteStore::many_matches(const std::string& fts_words) {
    return read([&fts_words](sqlite3* db) {
        Statement s(db, "SELECT rowid FROM request_text WHERE request_text MATCH ? LIMIT 1 OFFSET ?");
        s.bind(1, fts_words).bind(2, std::int64_t{kRankedMatches});
        return s.step();
    });
}

// queue.h's matches() and comes_before(), as SQL.
//
// With full text (q.q), the requests are joined to the matches in request_text: with the notes
// where the scope lets the caller see them (notes_visible: the desk, a resolver's groups and
// assignments), without them everywhere else (a requester's or partner's own requests, and a
// resolver's own requests outside their groups). A caller who may see no notes runs only the
// second query, the desk only the first; a resolver both, each row kept by the one that fits it.
// The order is then q.by_rank's (bm25, subject weighted 4, description 2, replies and notes 1,
// as a whole number so that the cursor "<rank key>.<id>" is exact), or the sort asked for with
// its usual cursor. A ranked cursor is as stable as the ranks: writes between two pages can
// move a request across the page boundary (bm25 depends on the whole index).
RequestPage SqliteStore::list(const RequestQuery& q) {
    std::vector<std::variant<std::int64_t, std::string>> args;
    auto arg = [&args](auto v) {
        args.emplace_back(v);
        return "?" + std::to_string(args.size());
    };
    auto ids = [&arg](const std::vector<std::int64_t>& list) {
        std::string in;
        for (const std::int64_t id : list) in += (in.empty() ? "" : ", ") + arg(id);
        return in;
    };
    const bool text = !q.q.empty();
    static const std::string columns = qualified_request_columns("requests");  // request_text has some of them
    std::string sql = "SELECT " + columns;
    bool ranked = text && q.by_rank;
    bool streamed = false;
    RequestSort sort = q.sort;
    if (text) {
        // Whether the notes of the row are the caller's to search (the SQL of notes_visible).
        std::string notes = "0";
        if (q.scope.everything) notes = "1";
        if (!q.scope.groups.empty()) notes += " OR group_id IN (" + ids(q.scope.groups) + ")";
        if (q.scope.assigned_to_user && q.scope.user) notes += " OR assignee = " + arg(*q.scope.user);
        const bool some_notes = notes != "0", all_notes = q.scope.everything;
        const std::string words = fts_query(q.q, some_notes);
        if (words.empty()) return {};
        // Best first only when few enough match to rank them all (bm25 scores every match and
        // costs most of a common word's search): beyond that, newest first; the first page's
        // cursor says which for the pages after it.
        if (ranked && !q.after && many_matches(words)) {
            ranked = false;
            sort = RequestSort::created;
        }
        // The full-text index drives the query: its matches newest first (FTS5 walks its lists
        // by rowid, backwards, and stops at the page's end), each joined to its request.
        // Newest first, the index streams its matches and the page's snippets come with them;
        // a sorted page would make one for every match, so those are looked up afterwards.
        streamed = !ranked && (sort == RequestSort::created || sort == RequestSort::invalid);
        sql += ", " + std::string(ranked ? "CAST(-bm25(request_text, 4.0, 2.0, 1.0, 1.0) * 1e9 AS INTEGER)" : "0") +
               " AS rank_key, " + (streamed ? kSnippet : "NULL") + " AS snippet FROM request_text JOIN requests ON requests.id = request_text.rowid WHERE request_text MATCH " +
               arg(words);
        // A row whose notes the caller may not see must match without them.
        if (some_notes && !all_notes)
            sql += " AND ((" + notes + ") IS 1 OR EXISTS (SELECT 1 FROM request_text AS plain WHERE plain.request_text MATCH " +
                   arg(fts_query(q.q, false)) + " AND plain.rowid = requests.id))";
    } else {
        sql += " FROM requests WHERE 1=1";
    }
    if (!q.scope.everything) {
        std::string any = "0";
        if (q.scope.user) {
            const std::string user = arg(*q.scope.user);
            any += " OR requester_user = " + user + " OR filed_by = " + user;
            if (q.scope.assigned_to_user) any += " OR assignee = " + user;
        }
        if (!q.scope.email.empty()) any += " OR lower(trim(requester_email)) = " + arg(q.scope.email);
        if (q.scope.organisation) any += " OR organisation = " + arg(*q.scope.organisation);
        if (!q.scope.groups.empty()) any += " OR group_id IN (" + ids(q.scope.groups) + ")";
        sql += " AND (" + any + ")";
    }
    if (q.state) sql += " AND state = " + arg(std::string(to_string(*q.state)));
    if (q.open_only) sql += " AND state NOT IN ('resolved', 'closed', 'cancelled')";
    if (q.kind) sql += " AND kind = " + arg(str(json(*q.kind)));
    if (q.priority) sql += " AND priority = " + arg(std::int64_t{*q.priority});
    if (q.type) sql += " AND type = " + arg(*q.type);
    if (q.escalated) sql += std::string(" AND escalated = ") + (*q.escalated ? "1" : "0");
    if (q.organisation) sql += " AND organisation = " + arg(*q.organisation);
    if (q.group) sql += " AND group_id = " + arg(*q.group);
    if (q.assignee) sql += " AND assignee = " + arg(*q.assignee);
    if (q.owner) sql += " AND owner = " + arg(*q.owner);
    if (q.unassigned) sql += " AND assignee IS NULL";
    if (q.in_groups) sql += " AND group_id IN (" + ids(q.groups) + ")";
    if (ranked) {
        if (q.after) {
            const std::string key = arg(q.after->first), id = arg(q.after->second);
            sql += " AND (rank_key < " + key + " OR (rank_key = " + key + " AND requests.id < " + id + "))";
        }
        sql += " ORDER BY rank_key DESC, requests.id DESC";
    } else {
        switch (sort) {
            case RequestSort::priority:
                if (q.after) {
                    const std::string key = arg(q.after->first), id = arg(q.after->second);
                    sql += " AND (priority > " + key + " OR (priority = " + key + " AND requests.id > " + id + "))";
                }
                sql += " ORDER BY priority, requests.id";
                break;
            case RequestSort::updated:
                if (q.after) {
                    const std::string key = arg(q.after->first), id = arg(q.after->second);
                    sql += " AND (updated_at < " + key + " OR (updated_at = " + key + " AND requests.id < " + id + "))";
                }
                sql += " ORDER BY updated_at DESC, requests.id DESC";
                break;
            case RequestSort::created:
            case RequestSort::invalid: {
                // With full text, in the index's own order, which it can give without sorting.
                const char* id = text ? "request_text.rowid" : "requests.id";
                if (q.after) sql += std::string(" AND ") + id + " < " + arg(q.after->second);
                sql += std::string(" ORDER BY ") + id + " DESC";
                break;
            }
        }
    }
    sql += " LIMIT " + arg(std::int64_t{q.limit} + 1);  // one more tells whether a next page exists
    return read([&](sqlite3* db) {
        Statement s(db, sql);
        for (std::size_t i = 0; i < args.size(); ++i) {
            const int at = static_cast<int>(i + 1);
            if (const auto* n = std::get_if<std::int64_t>(&args[i])) s.bind(at, *n);
            else s.bind(at, std::get<std::string>(args[i]));
        }
        RequestPage page;
        std::vector<std::int64_t> ranks;
        std::vector<std::optional<std::string>> snippets;
        while (s.step()) {
            page.items.push_back(read_request(s));
            if (ranked) ranks.push_back(s.integer(24));  // after kRequestColumns' 24 columns
            // One from every column, the notes included: kept where the caller may see them.
            if (streamed && notes_visible(q.scope, page.items.back())) snippets.push_back(s.text(25));
            else snippets.emplace_back();
        }
        if (static_cast<int>(page.items.size()) > q.limit) {
            page.items.pop_back();
            page.next = ranked ? std::to_string(ranks[page.items.size() - 1]) + "." + std::to_string(page.items.back().id)
                               : cursor_of(sort, page.items.back());
        }
        if (text) {
            // The other snippets, from the columns this caller searched. The words that matched
            // stand between ** and ** (Markdown's bold); "…" marks a cut. Ranked, at most
            // kRankedMatches match: one pass over them per kind of query makes the page's
            // snippets (a lookup per row would evaluate the query again each time, and a
            // prefix's whole list with it); otherwise one lookup per row.
            if (ranked) {
                for (const bool with_notes : {true, false}) {
                    std::string wanted;
                    for (std::size_t i = 0; i < page.items.size(); ++i)
                        if (!snippets[i] && notes_visible(q.scope, page.items[i]) == with_notes)
                            wanted += (wanted.empty() ? "" : ",") + std::to_string(page.items[i].id);
                    if (wanted.empty()) continue;
                    Statement snip(db, "SELECT rowid, CASE WHEN rowid IN (" + wanted + ") THEN " + kSnippet +
                                           " END FROM request_text WHERE request_text MATCH ?");
                    snip.bind(1, fts_query(q.q, with_notes));
                    std::map<std::int64_t, std::string> found;
                    while (snip.step())
                        if (!snip.is_null(1)) found[snip.integer(0)] = snip.text(1);
                    for (std::size_t i = 0; i < page.items.size(); ++i)
                        if (!snippets[i] && notes_visible(q.scope, page.items[i]) == with_notes)
                            snippets[i] = found[page.items[i].id];
                }
            }
            for (std::size_t i = 0; i < page.items.size(); ++i) {
                if (snippets[i]) {
                    page.snippets.push_back(std::move(*snippets[i]));
                    continue;
                }
                const Request& r = page.items[i];
                Statement snip(db, std::string("SELECT ") + kSnippet + " FROM request_text WHERE request_text MATCH ? AND rowid = ?");
                snip.bind(1, fts_query(q.q, notes_visible(q.scope, r))).bind(2, r.id);
                page.snippets.push_back(snip.step() ? snip.text(0) : std::string());
            }
        }
        return page;
    });
}

std::optional<std::string> SqliteStore::setting(const std::string& key) {
    return read([&key](sqlite3* db) -> std::optional<std::string> {
        Statement s(db, "SELECT value FROM settings WHERE key = ?");
        s.bind(1, key);
        if (!s.step()) return std::nullopt;
        return s.text(0);
    });
}

// [SECTION] Writes -----------------------------------------------------------------------

Store::Created SqliteStore::create(const Request& r, const std::string& follow_token_hash,
                                  const std::string& idempotency_key) {
    Created out{r, false};
    write([&](sqlite3* db) {
        if (!idempotency_key.empty()) {
            Statement earlier(db, "SELECT id, subject, requester_email FROM requests WHERE idempotency_key = ?");
            earlier.bind(1, idempotency_key);
            if (earlier.step()) {
                const std::int64_t id = earlier.integer(0);
                if (earlier.text(1) != r.subject || earlier.text(2) != r.requester.email) {
                    out.key_conflict = true;
                    return false;
                }
                Statement rotate(db, "UPDATE requests SET follow_token_hash = ? WHERE id = ?");
                rotate.bind(1, follow_token_hash).bind(2, id);
                rotate.step();
                out = {*find_request(db, id), true};
                return true;
            }
        }
        Statement s(db,
                    "INSERT INTO requests (kind, type, subject, description, impact, urgency, priority, state, "
                    "requester_name, requester_email, fields, created_at, updated_at, follow_token_hash, "
                    "idempotency_key, requester_user, organisation, filed_by, diagnosis, owner, group_id, assignee, "
                    "escalated, handed_off, first_contact) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        s.bind(1, str(json(r.kind))).bind(2, r.type).bind(3, r.subject).bind(4, r.description);
        s.bind(5, str(json(r.impact))).bind(6, str(json(r.urgency))).bind(7, r.priority);
        s.bind(8, to_string(r.state)).bind(9, r.requester.name).bind(10, r.requester.email);
        s.bind(11, r.fields.dump()).bind(12, r.created_at).bind(13, r.updated_at).bind(14, follow_token_hash);
        if (idempotency_key.empty())
            s.bind_null(15);
        else
            s.bind(15, idempotency_key);
        bind_optional(s, 16, r.requester.user);
        bind_optional(s, 17, r.organisation);
        bind_optional(s, 18, r.filed_by);
        bind_json(s, 19, r.diagnosis);
        bind_optional(s, 20, r.owner);
        bind_optional(s, 21, r.group);
        bind_optional(s, 22, r.assignee);
        s.bind(23, r.escalated ? 1 : 0).bind(24, r.handed_off ? 1 : 0).bind(25, r.first_contact_resolution ? 1 : 0);
        s.step();
        out = {r, false};
        out.request.id = sqlite3_last_insert_rowid(db);
        out.request.ref = format_ref(out.request.id);
        for (const Event& e : r.timeline) insert_event(db, out.request.id, e);
        reindex_text(db, out.request.id);
        return true;
    });
    return out;
}

std::optional<Request> SqliteStore::update(std::int64_t id, const std::function<bool(Request&)>& change) {
    std::optional<Request> r;
    write([&](sqlite3* db) {
        r = find_request(db, id);
        if (!r) return false;
        const std::size_t known_events = r->timeline.size();
        const std::string subject = r->subject;
        if (!change(*r)) return false;
        Statement s(db,
                    "UPDATE requests SET kind = ?, type = ?, subject = ?, impact = ?, urgency = ?, priority = ?, "
                    "state = ?, updated_at = ?, owner = ?, group_id = ?, assignee = ?, escalated = ?, "
                    "handed_off = ?, first_contact = ? WHERE id = ?");
        s.bind(1, str(json(r->kind))).bind(2, r->type).bind(3, r->subject);
        s.bind(4, str(json(r->impact))).bind(5, str(json(r->urgency))).bind(6, r->priority);
        s.bind(7, to_string(r->state)).bind(8, r->updated_at);
        bind_optional(s, 9, r->owner);
        bind_optional(s, 10, r->group);
        bind_optional(s, 11, r->assignee);
        s.bind(12, r->escalated ? 1 : 0).bind(13, r->handed_off ? 1 : 0).bind(14, r->first_contact_resolution ? 1 : 0);
        s.bind(15, id);
        s.step();
        bool text_changed = r->subject != subject;
        for (std::size_t i = known_events; i < r->timeline.size(); ++i) {
            insert_event(db, id, r->timeline[i]);
            text_changed = text_changed || r->timeline[i].kind == EventKind::comment;
        }
        if (text_changed) reindex_text(db, id);  // request_text, in this same transaction
        return true;
    });
    return r;
}

void SqliteStore::set_setting(const std::string& key, const std::string& value) {
    write([&](sqlite3* db) {
        Statement s(db,
                    "INSERT INTO settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        s.bind(1, key).bind(2, value);
        s.step();
        return true;
    });
}

}  // namespace spoc
