// `spoc-server --demo` (issue 6, item 9): an empty database gets a desk a newcomer can click
// through in every role (two partner organisations, people of every role, groups of every tier,
// about 200 requests in every state with their timelines); a database with data is left alone.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "accounts_helpers.h"
#include "api_helpers.h"
#include "server_process.h"

using namespace spoc_test;

namespace {

const std::string kDemoPassword = "demo-password-2026";

ServerOptions with_demo() {
    ServerOptions options;
    options.extra_args = {"--demo"};
    return options;
}

// A server started with --demo on a fresh database, with every request as the desk sees it,
// timelines included, and the support groups.
struct DemoDesk {
    SpocServer server{with_demo()};
    std::optional<httplib::Client> http{server.client()};
    std::string first_output = server.process().startup_output();
    json requests = json::array();
    json groups = json_of(call(client(), "GET", "/api/v1/groups", as_bearer(kDeskToken)))["items"];

    httplib::Client& client() { return *http; }
    // After a restart the server listens on another port.
    void reconnect() { http.emplace(server.client()); }

    DemoDesk() {
        for (const json& item : list(as_bearer(kDeskToken))) {
            auto res = call(client(), "GET", "/api/v1/requests/" + std::to_string(item["id"].get<long long>()),
                            as_bearer(kDeskToken));
            REQUIRE(status_of(res) == 200);
            requests.push_back(json_of(res));
        }
    }

    // Every request the caller's list holds, page by page with the cursor.
    json list(const Auth& auth, const std::string& filters = "") {
        json items = json::array();
        std::string cursor;
        for (int page = 0; page < 100; ++page) {
            const std::string path = "/api/v1/requests?limit=50" + filters + (cursor.empty() ? "" : "&cursor=" + cursor);
            auto res = call(client(), "GET", path, auth);
            INFO("GET " << path << " -> " << status_of(res) << " " << (res ? res->body : ""));
            REQUIRE(status_of(res) == 200);
            const json body = json_of(res);
            for (const json& r : body["items"]) items.push_back(r);
            if (body["next"].is_null()) return items;
            cursor = body["next"].get<std::string>();
        }
        FAIL("more than 100 pages");
        return items;
    }

    std::set<long long> ids(const json& items) const {
        std::set<long long> out;
        for (const json& r : items) out.insert(r["id"].get<long long>());
        return out;
    }
    // The ids of the desk's requests for which `pick` holds.
    template <typename Pick>
    std::set<long long> ids_where(Pick pick) const {
        std::set<long long> out;
        for (const json& r : requests)
            if (pick(r)) out.insert(r["id"].get<long long>());
        return out;
    }
};

bool has_event(const json& r, const std::function<bool(const json&)>& pick) {
    return std::any_of(r["timeline"].begin(), r["timeline"].end(), pick);
}

void check_sign_ins_printed(DemoDesk& d) {
    const std::string& out = d.first_output;
    INFO(out);
    CHECK(out.find("Demo: seeded 21 people, 2 organisations, 6 support groups and 200 requests") != std::string::npos);
    CHECK(out.find(kDemoPassword) != std::string::npos);
    for (const char* email : {"requester@demo.spoc.example", "helpdesk@demo.spoc.example", "agent@demo.spoc.example",
                              "resolver@demo.spoc.example", "manager@demo.spoc.example", "admin@demo.spoc.example"})
        CHECK(out.find(email) != std::string::npos);
}

// About 200 requests over 45 days, in every state, with the desk's work in the timelines.
void check_requests(DemoDesk& d) {
    const json& all = d.requests;
    long long vendor = 0;
    for (const json& g : d.groups)
        if (g["tier"] == 3) vendor = g["id"];
    REQUIRE(vendor > 0);
    REQUIRE(all.size() >= 180);

    std::map<std::string, int> states;
    for (const json& r : all) ++states[r["state"].get<std::string>()];
    INFO("states: " << json(states).dump());
    for (const char* s : {"new", "assigned", "in_progress", "pending", "resolved", "closed", "cancelled"})
        CHECK(states[s] > 0);

    std::set<std::string> types;
    int diagnosed = 0, filed_for = 0, logged_calls = 0, first_contact = 0, functional = 0, to_vendor = 0,
        hierarchical = 0, triaged = 0, notes = 0, answered = 0, waiting_for_requester = 0, resolved_with_reason = 0;
    for (const json& r : all) {
        INFO(r["ref"] << " " << r["subject"]);
        types.insert(r["type"].get<std::string>());
        const json& timeline = r["timeline"];
        REQUIRE(!timeline.empty());
        CHECK(timeline.front()["kind"] == "created");
        CHECK(timeline.front()["at"] == r["created_at"]);
        CHECK(timeline.back()["at"] == r["updated_at"]);
        for (std::size_t i = 1; i < timeline.size(); ++i) CHECK(timeline[i - 1]["at"] <= timeline[i]["at"]);
        // People act by their id; guests as "requester"; a requester's answer to a request pending on them
        // moves it on as "system".
        for (const json& e : timeline)
            CHECK((e["actor"].is_number_integer() || e["actor"] == "requester" ||
                   (e["actor"] == "system" && e["kind"] == "state_changed" && e["to"] == "in_progress")));

        if (r["diagnosis"].is_object()) {
            ++diagnosed;
            CHECK(r["diagnosis"]["checked"].is_string());
            CHECK(r["diagnosis"]["affected"].is_number_integer());
        }
        if (!r["filed_by"].is_null()) {
            ++filed_for;
            CHECK(timeline.front()["actor"] == r["filed_by"]);
            if (timeline.front()["party"] == "desk") ++logged_calls;
        }
        if (r["first_contact_resolution"] == true) ++first_contact;
        for (const json& e : timeline) {
            if (e["kind"] == "escalated" && e["escalation"] == "functional") {
                ++functional;
                CHECK(!e.value("reason", "").empty());
                if (e["group"] == vendor) ++to_vendor;
            }
            if (e["kind"] == "escalated" && e["escalation"] == "hierarchical") ++hierarchical;
            if (e["kind"] == "field_changed" && e["field"] != "owner") ++triaged;
            if (e["kind"] == "comment" && e["internal"] == true) ++notes;
            if (e["kind"] == "comment" && e["internal"] == false && e["party"] == "requester") ++answered;
            if (e["kind"] == "state_changed" && e["to"] == "pending" &&
                e.value("reason", "").rfind("Waiting for the requester: ", 0) == 0)
                ++waiting_for_requester;
            if (e["kind"] == "state_changed" && e["to"] == "resolved" && !e.value("reason", "").empty())
                ++resolved_with_reason;
        }
        if (r["escalated"] == true)
            CHECK(has_event(r, [](const json& e) { return e["escalation"] == "hierarchical"; }));
    }
    INFO("diagnosed " << diagnosed << ", filed for " << filed_for << ", logged calls " << logged_calls
                      << ", first contact " << first_contact << ", functional " << functional << ", hierarchical "
                      << hierarchical << ", triage changes " << triaged << ", notes " << notes
                      << ", requester replies " << answered);
    CHECK(types.size() == 7);
    CHECK(diagnosed > 0);
    CHECK(filed_for > 0);
    CHECK(logged_calls > 0);
    CHECK(first_contact > 0);
    CHECK(functional > 0);
    CHECK(to_vendor > 0);
    CHECK(hierarchical > 0);
    CHECK(triaged > 0);
    CHECK(notes > 0);
    CHECK(answered > 0);
    CHECK(waiting_for_requester > 0);
    CHECK(resolved_with_reason > 0);
}

// One sign-in per role (Argon2 is slow on purpose), each seeing what DESIGN.md says.
void check_roles(DemoDesk& d) {
    const std::set<long long> everything = d.ids(d.requests);
    {
        INFO("a requester: their own requests, without the desk's fields and notes");
        const Session s = sign_in_ok(d.client(), "requester@demo.spoc.example", kDemoPassword);
        const long long me = s.user["id"];
        const json mine = d.list(as_bearer(s.token));
        CHECK(d.ids(mine) == d.ids_where([&](const json& r) {
                  return r["requester"]["user"] == me || r["filed_by"] == me;
              }));
        REQUIRE(!mine.empty());
        for (const json& item : mine) {
            CHECK_FALSE(item.contains("owner"));
            CHECK_FALSE(item.contains("diagnosis"));
            auto res = call(d.client(), "GET", request_path(item), as_bearer(s.token));
            REQUIRE(status_of(res) == 200);
            for (const json& e : json_of(res)["timeline"]) {
                CHECK((e["kind"] == "created" || e["kind"] == "state_changed" || e["kind"] == "comment"));
                CHECK(e.value("internal", false) == false);
            }
        }
        const long long other = *d.ids_where([&](const json& r) { return r["requester"]["user"] != me && r["filed_by"] != me; }).begin();
        CHECK(status_of(call(d.client(), "GET", "/api/v1/requests/" + std::to_string(other), as_bearer(s.token))) == 404);
    }
    {
        INFO("a partner help desk: its organisation's requests only, with its diagnoses");
        const Session s = sign_in_ok(d.client(), "helpdesk@demo.spoc.example", kDemoPassword);
        CHECK(s.user["role"] == "org_helpdesk");
        const json organisation = s.user["organisation"];
        REQUIRE(organisation.is_number_integer());
        const json theirs = d.list(as_bearer(s.token));
        CHECK(d.ids(theirs) == d.ids_where([&](const json& r) { return r["organisation"] == organisation; }));
        CHECK(d.ids(theirs).size() < everything.size());
        CHECK(std::any_of(theirs.begin(), theirs.end(), [&](const json& r) {
            return r["filed_by"] == s.user["id"] && r["diagnosis"].is_object();
        }));
    }
    {
        INFO("an agent: every request");
        const Session s = sign_in_ok(d.client(), "agent@demo.spoc.example", kDemoPassword);
        CHECK(s.user["role"] == "agent");
        CHECK(d.ids(d.list(as_bearer(s.token))) == everything);
        CHECK(!d.list(as_bearer(s.token), "&queue=owned").empty());
    }
    {
        INFO("a resolver: the requests of their groups, or assigned to them");
        const Session s = sign_in_ok(d.client(), "resolver@demo.spoc.example", kDemoPassword);
        CHECK(s.user["role"] == "resolver");
        const json groups = s.user["groups"];
        REQUIRE(!groups.empty());
        auto theirs = [&](const json& r) {
            return r["assignee"] == s.user["id"] ||
                   std::find(groups.begin(), groups.end(), r["group"]) != groups.end();
        };
        const std::set<long long> seen = d.ids(d.list(as_bearer(s.token)));
        CHECK(seen == d.ids_where(theirs));
        CHECK(!seen.empty());
        const long long other = *d.ids_where([&](const json& r) { return !theirs(r); }).begin();
        CHECK(status_of(call(d.client(), "GET", "/api/v1/requests/" + std::to_string(other), as_bearer(s.token))) == 404);
    }
    {
        INFO("a manager: every request, and the escalated ones");
        const Session s = sign_in_ok(d.client(), "manager@demo.spoc.example", kDemoPassword);
        CHECK(s.user["role"] == "manager");
        CHECK(d.ids(d.list(as_bearer(s.token))) == everything);
        CHECK(d.ids(d.list(as_bearer(s.token), "&escalated=true")) ==
              d.ids_where([](const json& r) { return r["escalated"] == true; }));
    }
    {
        INFO("an admin: the people, organisations and groups of every tier");
        const Session s = sign_in_ok(d.client(), "admin@demo.spoc.example", kDemoPassword);
        CHECK(s.user["role"] == "admin");
        const json users = json_of(call(d.client(), "GET", "/api/v1/users?limit=200", as_bearer(s.token)));
        std::set<std::string> roles;
        for (const json& u : users["items"]) roles.insert(u["role"].get<std::string>());
        CHECK(roles == std::set<std::string>{"admin", "agent", "manager", "org_helpdesk", "requester", "resolver"});
        const json organisations = json_of(call(d.client(), "GET", "/api/v1/organisations", as_bearer(s.token)));
        std::set<std::string> names;
        for (const json& o : organisations["items"]) names.insert(o["name"].get<std::string>());
        CHECK(names == std::set<std::string>{"Contoso Pharma", "Northwind Traders"});
        const json groups = json_of(call(d.client(), "GET", "/api/v1/groups", as_bearer(s.token)));
        std::set<std::string> tiers;
        for (const json& g : groups["items"]) tiers.insert(g["tier"].dump());
        CHECK(tiers == std::set<std::string>{"1", "1.5", "2", "3"});
    }
}

// Starting again with --demo on the same database adds nothing.
void check_restart_adds_nothing(DemoDesk& d) {
    const std::set<long long> before = d.ids(d.requests);
    d.server.restart();
    d.reconnect();
    const std::string& out = d.server.process().startup_output();
    INFO(out);
    CHECK(out.find("the demo data is already there") != std::string::npos);
    CHECK(out.find("Demo: seeded") == std::string::npos);
    CHECK(d.ids(d.list(as_bearer(kDeskToken))) == before);
    const json users = json_of(call(d.client(), "GET", "/api/v1/users?limit=200", as_bearer(kDeskToken)));
    CHECK(users["items"].size() == 21);
}

}  // namespace

TEST_CASE("spoc-server --demo seeds an empty database with a desk to click through in every role, once") {
    DemoDesk d;
    check_sign_ins_printed(d);
    check_requests(d);
    check_roles(d);
    check_restart_adds_nothing(d);
}

TEST_CASE("--demo leaves a database that already has people alone") {
    Desk desk({"--demo"});  // an admin made with --create-admin before the server started
    const std::string& out = desk.server->process().startup_output();
    INFO(out);
    CHECK(out.find("the database is not empty") != std::string::npos);
    httplib::Client client = desk.client();
    const json page = json_of(call(client, "GET", "/api/v1/requests", as_bearer(kDeskToken)));
    CHECK(page["items"].empty());
    CHECK(status_of(sign_in(client, "agent@demo.spoc.example", kDemoPassword)) == 401);
}
