// Full-text search over the desk's requests (issue 7 item 5, DESIGN.md "Requests, as the desk
// sees them"): GET /api/v1/requests?q= over subject, description and replies, internal notes
// for staff only, with the usual filters, queues and scopes, snippets, hostile queries and paging.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <set>
#include <string>
#include <vector>

#include "accounts_helpers.h"
#include "api_helpers.h"
#include "queue.h"
#include "server_process.h"

using namespace spoc_test;

namespace {

// A desk with two organisations, a requester and a partner help desk in the first, a
// requester in the second, an agent and a resolver (in the Network group).
struct SearchWorld {
    SpocServer server;
    httplib::Client client = server.client();
    long long org_a = 0, org_b = 0, network = 0;
    json rita, hugo, otto, agent, resolver;
    std::string rita_token, hugo_token, otto_token, agent_token, resolver_token;

    SearchWorld() {
        org_a = as_desk("POST", "/api/v1/organisations", json{{"name", "Northwind"}}, 201)["id"];
        org_b = as_desk("POST", "/api/v1/organisations", json{{"name", "Contoso"}}, 201)["id"];
        rita = person("rita@northwind.example", "requester", org_a, rita_token);
        hugo = person("hugo@northwind.example", "org_helpdesk", org_a, hugo_token);
        otto = person("otto@contoso.example", "requester", org_b, otto_token);
        agent = person("anna@desk.example", "agent", nullptr, agent_token);
        resolver = person("rolf@desk.example", "resolver", nullptr, resolver_token);
        network = as_desk("POST", "/api/v1/groups",
                          json{{"name", "Network"}, {"tier", 2}, {"members", {resolver["id"]}}}, 201)["id"];
    }

    json person(const std::string& email, const std::string& role, const json& org, std::string& token) {
        return signed_in_user(client, email, role, org, token);
    }

    json as(const std::string& token, const std::string& method, const std::string& path,
            const std::optional<json>& body, int status) {
        return expect_as(client, token, method, path, body, status);
    }
    json as_desk(const std::string& method, const std::string& path, const std::optional<json>& body, int status) {
        return as(kDeskToken, method, path, body, status);
    }
    json file_as(const std::string& token, const std::string& subject, const std::string& description) {
        return as(token, "POST", "/api/v1/requests",
                  new_request_body({{"subject", subject}, {"description", description}}), 201);
    }
    json comment(const std::string& token, const json& r, const std::string& body, bool internal = false) {
        return as(token, "POST", request_path(r, "/comments"), json{{"body", body}, {"internal", internal}}, 201);
    }
    // GET /api/v1/requests?q=<query>&<more>, 200 expected.
    json search(const std::string& token, const std::string& query, const std::string& more = "") {
        return as(token, "GET", "/api/v1/requests?q=" + httplib::detail::encode_query_param(query) +
                                    (more.empty() ? "" : "&" + more),
                  std::nullopt, 200);
    }
};

std::set<long long> ids_of(const json& page) {
    std::set<long long> out;
    for (const json& r : page["items"]) out.insert(r["id"].get<long long>());
    return out;
}

long long id_of(const json& r) { return r["id"].get<long long>(); }

}  // namespace

TEST_CASE("search finds requests by subject, description and public reply, every word, the last as a prefix") {
    SearchWorld w;
    const json printer = w.file_as(w.rita_token, "Printer on floor 3 jams", "Paper gets stuck in tray two.");
    const json vpn = w.file_as(w.rita_token, "VPN drops every hour", "The tunnel to the office closes.");
    const json mail = w.file_as(w.rita_token, "Mailbox full", "I cannot send anything.");
    w.comment(w.agent_token, mail, "Archived the old folders; the quota is back to normal.");

    CHECK(ids_of(w.search(w.agent_token, "printer")) == std::set<long long>{id_of(printer)});
    CHECK(ids_of(w.search(w.agent_token, "tunnel")) == std::set<long long>{id_of(vpn)});
    CHECK(ids_of(w.search(w.agent_token, "quota")) == std::set<long long>{id_of(mail)});   // a reply
    CHECK(ids_of(w.search(w.rita_token, "quota")) == std::set<long long>{id_of(mail)});    // public: hers too
    CHECK(ids_of(w.search(w.agent_token, "PRINTER tray")) == std::set<long long>{id_of(printer)});
    CHECK(ids_of(w.search(w.agent_token, "printer tunnel")).empty());  // every word must match
    CHECK(ids_of(w.search(w.agent_token, "tun")) == std::set<long long>{id_of(vpn)});    // the last word: a prefix
    CHECK(ids_of(w.search(w.agent_token, "tun office")).empty());  // only the last one
    CHECK(ids_of(w.search(w.agent_token, "nothing-like-this")).empty());

    SUBCASE("a reply added later is found at once, and so is a new subject from triage") {
        w.comment(w.rita_token, vpn, "It also happens on the hotel wifi.");
        CHECK(ids_of(w.search(w.agent_token, "hotel")) == std::set<long long>{id_of(vpn)});
        w.as(w.agent_token, "PATCH", request_path(printer), json{{"subject", "Kyocera jams on floor 3"}}, 200);
        CHECK(ids_of(w.search(w.agent_token, "kyocera")) == std::set<long long>{id_of(printer)});
        CHECK(ids_of(w.search(w.agent_token, "printer")).empty());  // the old subject is gone from the index
        CHECK(ids_of(w.search(w.agent_token, "tray")) == std::set<long long>{id_of(printer)});
    }
    SUBCASE("without q, items carry no snippet") {
        const json all = w.as(w.agent_token, "GET", "/api/v1/requests", std::nullopt, 200);
        REQUIRE(all["items"].size() == 3);
        for (const json& r : all["items"]) CHECK_FALSE(r.contains("snippet"));
    }
}

TEST_CASE("search folds case and accents: drucker finds Drücker, and the other way round") {
    SearchWorld w;
    const json drucker = w.file_as(w.rita_token, "Der Drücker im 2. Stock druckt nicht", "Seit Montag: Papierstau.");
    const json cafe = w.file_as(w.rita_token, "Coffee machine", "The cafe on the ground floor has no network.");
    w.file_as(w.rita_token, "Druckauftrag hängt", "Nichts passiert.");
    CHECK(ids_of(w.search(w.agent_token, "drucker")) == std::set<long long>{id_of(drucker)});
    CHECK(ids_of(w.search(w.agent_token, "DRÜCKER")) == std::set<long long>{id_of(drucker)});
    CHECK(ids_of(w.search(w.agent_token, "café")) == std::set<long long>{id_of(cafe)});
    CHECK(ids_of(w.search(w.agent_token, "papierstau")) == std::set<long long>{id_of(drucker)});
    CHECK(ids_of(w.search(w.agent_token, "hangt")).size() == 1);
    CHECK(ids_of(w.search(w.agent_token, "druck")).size() == 2);  // prefix: Drücker, Druckauftrag (and druckt)
}

TEST_CASE("search combines with the state, queue and other filters and keeps to the caller's scope") {
    SearchWorld w;
    const json a = w.file_as(w.rita_token, "Laptop battery swollen", "The battery bulges.");
    const json b = w.file_as(w.hugo_token, "Spare battery for the projector", "Ours is empty.");
    const json c = w.file_as(w.otto_token, "Battery warning on the phone", "It says service battery.");
    const json d = w.file_as(w.agent_token, "Replace UPS battery", "Server room.");
    w.as(w.agent_token, "POST", request_path(b, "/assignments"), json{{"group", w.network}}, 200);
    w.as(w.agent_token, "POST", request_path(d, "/transitions"), json{{"to", "resolved"}, {"reason", "done"}}, 200);

    CHECK(ids_of(w.search(w.agent_token, "battery")) == std::set<long long>{id_of(a), id_of(b), id_of(c), id_of(d)});
    CHECK(ids_of(w.search(w.agent_token, "battery", "state=resolved")) == std::set<long long>{id_of(d)});
    CHECK(ids_of(w.search(w.agent_token, "battery", "queue=unassigned")) ==
          std::set<long long>{id_of(a), id_of(b), id_of(c)});  // open, no assignee (b: a group only)
    CHECK(ids_of(w.search(w.agent_token, "battery", "state=new&organisation=" + std::to_string(w.org_a))) ==
          std::set<long long>{id_of(a)});  // b is assigned now
    CHECK(ids_of(w.search(w.agent_token, "battery", "group=" + std::to_string(w.network))) ==
          std::set<long long>{id_of(b)});
    CHECK(ids_of(w.search(w.agent_token, "battery", "organisation=" + std::to_string(w.org_b))) ==
          std::set<long long>{id_of(c)});
    CHECK(ids_of(w.search(w.resolver_token, "battery", "queue=my_groups")) == std::set<long long>{id_of(b)});
    CHECK(ids_of(w.search(w.resolver_token, "battery")) == std::set<long long>{id_of(b)});  // its groups only

    // A partner help desk finds its organisation's requests only, a requester only their own.
    CHECK(ids_of(w.search(w.hugo_token, "battery")) == std::set<long long>{id_of(a), id_of(b)});
    CHECK(ids_of(w.search(w.rita_token, "battery")) == std::set<long long>{id_of(a)});
    CHECK(ids_of(w.search(w.otto_token, "battery")) == std::set<long long>{id_of(c)});
    CHECK(ids_of(w.search(w.otto_token, "laptop")).empty());
    // The desk token sees everything, as in the list without q.
    CHECK(ids_of(w.search(kDeskToken, "battery")).size() == 4);
}

TEST_CASE("internal notes are searched for staff only: never for the requester or the partner help desk") {
    SearchWorld w;
    const json r = w.file_as(w.rita_token, "Cannot open the shared drive", "Access denied on S:.");
    const json other = w.file_as(w.rita_token, "Monitor flickers", "Only in the morning.");
    w.comment(w.agent_token, r, "Looks like the zebracorn permission group is missing.", true);
    w.comment(w.agent_token, other, "Asked about the zebracorn cable in public.");  // a public reply

    // The agent finds both; the snippet of r comes from the note.
    const json as_agent = w.search(w.agent_token, "zebracorn");
    CHECK(ids_of(as_agent) == std::set<long long>{id_of(r), id_of(other)});
    for (const json& item : as_agent["items"]) CHECK(item["snippet"].get<std::string>().find("**zebracorn**") != std::string::npos);
    // Requester and partner: only the public reply matches; no snippet shows the note.
    for (const std::string& token : {w.rita_token, w.hugo_token}) {
        const json page = w.search(token, "zebracorn");
        CHECK(ids_of(page) == std::set<long long>{id_of(other)});
        CHECK(page.dump().find("permission") == std::string::npos);
        CHECK(ids_of(w.search(token, "permission")).empty());
        CHECK(ids_of(w.search(token, "drive permission")).empty());  // a public word and a note's word
        // The public text of r still finds it, and its snippet holds no note.
        const json drive = w.search(token, "shared");
        REQUIRE(ids_of(drive) == std::set<long long>{id_of(r)});
        CHECK(drive["items"][0]["snippet"].get<std::string>().find("zebracorn") == std::string::npos);
    }
    CHECK(ids_of(w.search(w.agent_token, "drive permission")) == std::set<long long>{id_of(r)});

    SUBCASE("a resolver searches the notes of its groups' requests, not of its own requests elsewhere") {
        w.as(w.agent_token, "POST", request_path(r, "/assignments"), json{{"group", w.network}}, 200);
        CHECK(ids_of(w.search(w.resolver_token, "permission")) == std::set<long long>{id_of(r)});
        const json own = w.file_as(w.resolver_token, "My own keyboard", "Keys stick.");
        w.comment(w.agent_token, own, "Internal: the quokka stock is empty.", true);
        w.comment(w.agent_token, r, "Ordered a quokka for the share.", true);
        CHECK(ids_of(w.search(w.resolver_token, "quokka")) == std::set<long long>{id_of(r)});
        CHECK(ids_of(w.search(w.agent_token, "quokka")) == std::set<long long>{id_of(r), id_of(own)});
        CHECK(ids_of(w.search(w.resolver_token, "keyboard")) == std::set<long long>{id_of(own)});
    }
}

TEST_CASE("search: each item found carries a short snippet with the matched words between ** and **") {
    SearchWorld w;
    std::string long_text;
    for (int i = 0; i < 60; ++i) long_text += "filler" + std::to_string(i) + " ";
    long_text += "the scanner stopped after the update ";
    for (int i = 60; i < 120; ++i) long_text += "filler" + std::to_string(i) + " ";
    w.file_as(w.rita_token, "Something odd", long_text);
    const json page = w.search(w.agent_token, "scanner");
    REQUIRE(page["items"].size() == 1);
    const std::string snippet = page["items"][0]["snippet"];
    CHECK(snippet.find("**scanner**") != std::string::npos);
    CHECK(snippet.size() < 200);  // short: an extract, not the description
    CHECK(snippet.find("…") != std::string::npos);
    // Prefix and folded matches are marked as they are written in the text.
    w.file_as(w.rita_token, "Drücker defekt", "Bitte prüfen.");
    const json folded = w.search(w.agent_token, "druck");
    REQUIRE(folded["items"].size() == 1);
    CHECK(folded["items"][0]["snippet"] == "**Drücker** defekt");
}

TEST_CASE("search: hostile q values answer 200 or 422, never 500, and inject nothing") {
    SearchWorld w;
    const json r = w.file_as(w.rita_token, "Printer near the door", "Toner AND paper OR nothing.");
    const std::vector<std::string> hostile = {
        "\"", "\"\"", "printer\"", "\"printer", "a\"b", "printer\" OR \"x", "NEAR(printer door)", "NEAR",
        "printer NEAR/2 door", "AND", "OR", "NOT", "printer AND", "OR printer", "NOT printer", "printer NOT door",
        "*", "printer*", "*printer", "^printer", "^", ":", "subject:printer", "notes:printer", "{notes}: printer",
        "(", ")", "(printer", "printer)", "((((", "- printer", "+printer", "printer -door", "'", "';--",
        "'); DROP TABLE requests; --", "\\", "%", "%25", "\xC3", "\xFF\xFE", "€", "🖨️ printer", "“printer”",
        "printer\tdoor", "принтер", "打印机", "rowid", "rank", "request_text", "printer:", "x:y:z", "\"*\"",
        "near/ near/3", "printer,door", "\x01\x02"};
    for (const std::string& q : hostile) {
        const auto res = call(w.client, "GET", "/api/v1/requests?q=" + httplib::detail::encode_query_param(q),
                              as_bearer(w.agent_token));
        INFO("q=" << q << " -> " << (res ? std::to_string(res->status) + " " + res->body : "no answer"));
        REQUIRE(res);
        CHECK((res->status == 200 || res->status == 422));
        if (res->status == 422) CHECK(require_error(res, 422, "invalid_field")["field"] == "q");
        else CHECK(json_of(res)["items"].is_array());
    }
    // Operator words are searched as words: "NEAR" is in the subject, "AND", "OR" in the text.
    CHECK(ids_of(w.search(w.agent_token, "near")) == std::set<long long>{id_of(r)});
    CHECK(ids_of(w.search(w.agent_token, "toner AND paper")) == std::set<long long>{id_of(r)});
    CHECK(ids_of(w.search(w.agent_token, "\"printer\" OR \"nothing")) == std::set<long long>{id_of(r)});
    CHECK(ids_of(w.search(w.agent_token, "printer OR fax")).empty());  // OR is a word, and "fax" is not there
    // A requester cannot reach the notes column by naming it.
    w.comment(w.agent_token, r, "secretnote", true);
    CHECK(ids_of(w.search(w.rita_token, "notes:secretnote")).empty());
    CHECK(ids_of(w.search(w.rita_token, "{notes}: secretnote")).empty());
    CHECK(ids_of(w.search(w.rita_token, "notes : secretnote")).empty());
    CHECK(ids_of(w.search(w.agent_token, "secretnote")) == std::set<long long>{id_of(r)});

    SUBCASE("empty, wordless and too long q are refused with 422 on field q") {
        for (const std::string& q : {std::string(), std::string("   "), std::string("*"), std::string("\"\""),
                                     std::string("()"), std::string(201, 'a'), std::string(201, 'x') + " y"}) {
            const auto res = call(w.client, "GET", "/api/v1/requests?q=" + httplib::detail::encode_query_param(q),
                                  as_bearer(w.agent_token));
            INFO("q=" << q);
            CHECK(require_error(res, 422, "invalid_field")["field"] == "q");
        }
        std::string umlauts;  // 200 characters, 225 bytes: still allowed
        for (int i = 0; i < 25; ++i) umlauts += "drücker ";
        CHECK(w.search(w.agent_token, umlauts)["items"].empty());
        // One long word (an error code, a hash) is a word too.
        const std::string hash(64, 'f');
        const json r2 = w.file_as(w.rita_token, "Checksum mismatch", "Got " + hash + " instead.");
        CHECK(ids_of(w.search(w.agent_token, hash)) == std::set<long long>{id_of(r2)});
    }
    check_still_serving(w.server);
}

TEST_CASE("paging through search results: best match first, or the sort asked for, with cursors") {
    SearchWorld w;
    std::set<long long> filed;
    for (int i = 0; i < 7; ++i) {
        const std::string subject = i == 3 ? "Outlook Outlook crashes in outlook" : "Request number " + std::to_string(i);
        filed.insert(id_of(w.file_as(w.rita_token, subject, "Something about outlook, number " + std::to_string(i))));
    }
    w.file_as(w.rita_token, "Unrelated", "Nothing to see.");

    // Ranked (no sort): the one with "outlook" in its subject first; pages of 3 cover all 7 once.
    std::vector<long long> seen;
    std::string cursor;
    int pages = 0;
    do {
        const json page = w.search(w.agent_token, "outlook", "limit=3" + (cursor.empty() ? "" : "&cursor=" + cursor));
        for (const json& r : page["items"]) seen.push_back(r["id"]);
        cursor = page["next"].is_null() ? "" : page["next"].get<std::string>();
        REQUIRE(++pages <= 4);
    } while (!cursor.empty());
    CHECK(pages == 3);
    CHECK(std::set<long long>(seen.begin(), seen.end()) == filed);
    CHECK(seen.size() == 7);
    CHECK(w.as(w.agent_token, "GET", "/api/v1/requests/" + std::to_string(seen[0]), std::nullopt, 200)["subject"] ==
          "Outlook Outlook crashes in outlook");

    // An explicit sort: the usual order and cursors (created: newest first).
    seen.clear();
    cursor.clear();
    do {
        const json page =
            w.search(w.agent_token, "outlook", "sort=created&limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor));
        for (const json& r : page["items"]) seen.push_back(r["id"]);
        cursor = page["next"].is_null() ? "" : page["next"].get<std::string>();
    } while (!cursor.empty());
    CHECK(std::vector<long long>(filed.rbegin(), filed.rend()) == seen);
    const json by_priority = w.search(w.agent_token, "outlook", "sort=priority&limit=100");
    CHECK(by_priority["items"].size() == 7);

    // A bad cursor for the ranked order is a 422 on cursor, as elsewhere.
    auto res = call(w.client, "GET", "/api/v1/requests?q=outlook&cursor=abc", as_bearer(w.agent_token));
    CHECK(require_error(res, 422)["field"] == "cursor");
}

TEST_CASE("search: when more requests match than are worth ranking, the newest come first, page after page") {
    SearchWorld w;
    // More than the store ranks (SqliteStore::kRankedMatches, 2,000): every one mentions the printer.
    constexpr int kMany = 2010;
    std::vector<long long> filed;
    for (int i = 0; i < kMany; ++i)
        filed.push_back(id_of(w.file_as(w.rita_token, "Printer request " + std::to_string(i), "The printer is slow.")));
    const json secret = w.file_as(w.rita_token, "Printer in the lobby", "Shows an error.");
    filed.push_back(id_of(secret));
    w.comment(w.agent_token, secret, "printer password is hunter2", true);  // an internal note

    // The desk: newest first, cursors of ids, every request once.
    std::vector<long long> seen;
    std::string cursor;
    int pages = 0;
    do {
        const json page = w.search(w.agent_token, "printer", "limit=200" + (cursor.empty() ? "" : "&cursor=" + cursor));
        for (const json& r : page["items"]) seen.push_back(r["id"]);
        if (!page["next"].is_null()) CHECK(page["next"].get<std::string>().find('.') == std::string::npos);
        cursor = page["next"].is_null() ? "" : page["next"].get<std::string>();
        REQUIRE(++pages <= 12);
    } while (!cursor.empty());
    CHECK(seen == std::vector<long long>(filed.rbegin(), filed.rend()));

    // The note is searched and shown for the desk, never for the requester.
    const json desk_page = w.search(w.agent_token, "printer hunter2");
    REQUIRE(desk_page["items"].size() == 1);
    CHECK(desk_page["items"][0]["snippet"].get<std::string>().find("hunter2") != std::string::npos);
    const json first = w.search(w.rita_token, "printer", "limit=5");
    REQUIRE(first["items"].size() == 5);
    CHECK(id_of(first["items"][0]) == id_of(secret));
    for (const json& r : first["items"]) {
        CHECK(r["snippet"].get<std::string>().find("**") != std::string::npos);
        CHECK(r["snippet"].get<std::string>().find("hunter2") == std::string::npos);
    }
    CHECK(w.search(w.rita_token, "hunter2")["items"].empty());
}

TEST_CASE("search: an older database gets its full-text index filled by the migration") {
    TempFolder folder;
    ServerOptions options;
    options.data = folder.path() / "spoc.db";
    long long id = 0;
    {
        ServerProcess server(options);
        auto client = server.client();
        id = file_request(client, {{"subject", "Beamer im Saal Ölberg"}})["id"];
        CHECK(server.terminate() == 0);
    }
    {   // Back to schema 5, before request_text, as a database of that release: what migrations 6 (the
        // full text), 7 (the queues' indexes) and 8 (knowledge) made goes.
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(options.data.c_str(), &db) == SQLITE_OK);
        sqlite3_stmt* v = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &v, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_step(v) == SQLITE_ROW);
        REQUIRE(sqlite3_column_int(v, 0) == 8);  // a new migration: drop what it made here too
        sqlite3_finalize(v);
        const std::string sql =
            "DROP TABLE request_text; DROP INDEX requests_assignee_priority; DROP INDEX requests_open_priority; "
            "DROP INDEX requests_open_updated; DROP TABLE deflections; DROP TABLE article_feedback; "
            "DROP TABLE article_versions; DROP TABLE articles; DELETE FROM settings WHERE key = 'knowledge_seeded'; "
            "PRAGMA user_version = 5;";
        CHECK(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    ServerProcess server(options);
    auto client = server.client();
    auto res = call(client, "GET", "/api/v1/requests?q=olberg", as_bearer(kDeskToken));
    REQUIRE(status_of(res) == 200);
    const json page = json_of(res);
    REQUIRE(page["items"].size() == 1);
    CHECK(page["items"][0]["id"] == id);
    CHECK(page["items"][0]["snippet"] == "Beamer im Saal **Ölberg**");
}

TEST_CASE("search: core's matches() follows the same rule as the store for q") {
    using namespace spoc;
    Request r;
    r.subject = "Der Drücker druckt nicht";
    r.description = "Papierstau im Fach";
    r.group = 7;
    Event reply;
    reply.kind = EventKind::comment;
    reply.body = "Bitte neu starten";
    Event note = reply;
    note.body = "zebracorn";
    note.internal = true;
    r.timeline = {reply, note};

    RequestQuery desk;
    desk.q = "drucker";
    CHECK(matches(desk, r));
    desk.q = "papierstau druck";  // the last word as a prefix
    CHECK(matches(desk, r));
    desk.q = "druck papierstau";  // not the others
    CHECK_FALSE(matches(desk, r));
    desk.q = "NEU \"starten\"";
    CHECK(matches(desk, r));
    desk.q = "zebracorn";
    CHECK(matches(desk, r));

    RequestQuery requester = desk;
    requester.scope = RequestScope{};
    requester.scope.everything = false;
    CHECK_FALSE(matches(requester, r));  // out of scope anyway
    requester.scope.organisation = 3;
    r.organisation = 3;
    CHECK_FALSE(matches(requester, r));  // in scope as a partner: no notes
    requester.q = "starten";
    CHECK(matches(requester, r));
    RequestQuery resolver = desk;
    resolver.scope = RequestScope{};
    resolver.scope.everything = false;
    resolver.scope.groups = {7};
    CHECK(matches(resolver, r));  // its group's request: notes too
    CHECK(notes_visible(resolver.scope, r));
    CHECK_FALSE(notes_visible(requester.scope, r));
    CHECK(query_words("a\"b (NEAR) c*") == std::vector<std::string>{"a", "b", "NEAR", "c"});
}
