// The desk's work at the API (issue 6, DESIGN.md "Requests, as the desk sees them"): routing
// of new requests, filing for someone with a diagnosis, logging a call, triage with its audit,
// assignment, escalation, first-contact resolution, queues, sort orders and paging.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "accounts_helpers.h"
#include "api_helpers.h"
#include "server_process.h"

using namespace spoc_test;

namespace {

// A desk with two organisations, groups of three tiers and one person of each role, each
// signed in once.
struct DeskWorld {
    SpocServer server;
    httplib::Client client = server.client();
    long long org_a = 0, org_b = 0;
    long long service_desk = 0, network = 0, vendor = 0;
    json requester, helpdesk, agent, resolver, manager;
    std::string requester_token, helpdesk_token, agent_token, resolver_token, manager_token;

    DeskWorld() {
        org_a = as_desk("POST", "/api/v1/organisations", json{{"name", "Northwind"}}, 201)["id"];
        org_b = as_desk("POST", "/api/v1/organisations", json{{"name", "Contoso"}}, 201)["id"];
        requester = person("rita@northwind.example", "requester", org_a, requester_token);
        helpdesk = person("hugo@northwind.example", "org_helpdesk", org_a, helpdesk_token);
        agent = person("anna@desk.example", "agent", nullptr, agent_token);
        resolver = person("rolf@desk.example", "resolver", nullptr, resolver_token);
        manager = person("mia@desk.example", "manager", nullptr, manager_token);
        service_desk = as_desk("POST", "/api/v1/groups",
                               json{{"name", "Service Desk"}, {"tier", 1}, {"members", {agent["id"]}}}, 201)["id"];
        network = as_desk("POST", "/api/v1/groups",
                          json{{"name", "Network"}, {"tier", 2}, {"members", {resolver["id"]}}}, 201)["id"];
        vendor = as_desk("POST", "/api/v1/groups", json{{"name", "Vendor"}, {"tier", 3}}, 201)["id"];
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
    json file_as(const std::string& token, const json& changes = json::object(), int status = 201) {
        return as(token, "POST", "/api/v1/requests", new_request_body(changes), status);
    }
};

std::string path_of(const json& r, const std::string& suffix = "") { return request_path(r, suffix); }

std::set<long long> ids_of(const json& page) {
    std::set<long long> out;
    for (const json& r : page["items"]) out.insert(r["id"].get<long long>());
    return out;
}

}  // namespace

TEST_CASE("a new request lands in the group the routing rules name, and the desk changes the rules") {
    DeskWorld w;
    const json first = w.file_as(w.requester_token);
    CHECK_FALSE(first.contains("group"));  // the desk's own field: not shown to the requester
    const json as_agent = w.as(w.agent_token, "GET", path_of(first), std::nullopt, 200);
    CHECK(as_agent["group"] == w.service_desk);  // assets/routing.json: everything to "Service Desk"
    CHECK(as_agent["state"] == "new");

    const json rules = w.as(w.agent_token, "GET", "/api/v1/routing", std::nullopt, 200);
    CHECK(rules["default"] == "Service Desk");
    w.as(w.agent_token, "PUT", "/api/v1/routing",
         json{{"default", "Service Desk"},
              {"types", {{"network_vpn", "network"}}},
              {"organisations", {{"Northwind", {{"types", {{"question", "Vendor"}}}}}}}},
         200);
    const json vpn = w.as_desk("POST", "/api/v1/requests",
                               new_request_body({{"type", "network_vpn"}, {"fields", {{"connection", "vpn"}}}}), 201);
    CHECK(vpn["group"] == w.network);
    const json northwind = w.file_as(w.requester_token);
    CHECK(w.as(w.agent_token, "GET", path_of(northwind), std::nullopt, 200)["group"] == w.vendor);
    CHECK(w.as_desk("POST", "/api/v1/requests", new_request_body(), 201)["group"] == w.service_desk);

    SUBCASE("rules naming a group or an organisation that does not exist are refused, and nothing changes") {
        auto res = call(w.client, "PUT", "/api/v1/routing", as_bearer(w.agent_token),
                        json{{"default", "Nobody's team"}});
        CHECK(require_error(res, 422)["field"] == "default");
        res = call(w.client, "PUT", "/api/v1/routing", as_bearer(w.agent_token),
                   json{{"organisations", {{"Initech", {{"default", "Network"}}}}}});
        CHECK(require_error(res, 422)["field"] == "organisations.Initech");
        CHECK(w.as(w.agent_token, "GET", "/api/v1/routing", std::nullopt, 200)["types"]["network_vpn"] == "network");
    }
    SUBCASE("a resolver reads the rules but may not change them") {
        w.as(w.resolver_token, "GET", "/api/v1/routing", std::nullopt, 200);
        require_error(call(w.client, "PUT", "/api/v1/routing", as_bearer(w.resolver_token), json::object()), 403);
    }
}

TEST_CASE("a partner help desk files a pre-diagnosed request for its user, and the desk sees the diagnosis") {
    DeskWorld w;
    const json diagnosis = {{"checked", "Cable, other port, restarted the dock"},
                            {"errors", "Adapter not connected (0x80070490)"},
                            {"affected", 3}};
    const json filed = w.file_as(w.helpdesk_token, {{"on_behalf_of", w.requester["id"]},
                                                   {"diagnosis", diagnosis},
                                                   {"requester", nullptr}});
    CHECK(filed["requester"]["user"] == w.requester["id"]);
    CHECK(filed["requester"]["email"] == "rita@northwind.example");
    CHECK(filed["filed_by"] == w.helpdesk["id"]);
    CHECK(filed["organisation"] == w.org_a);
    CHECK(filed["diagnosis"] == diagnosis);
    CHECK(filed["timeline"][0]["actor"] == w.helpdesk["id"]);

    const json as_agent = w.as(w.agent_token, "GET", path_of(filed), std::nullopt, 200);
    CHECK(as_agent["diagnosis"] == diagnosis);
    const json as_requester = w.as(w.requester_token, "GET", path_of(filed), std::nullopt, 200);
    CHECK_FALSE(as_requester.contains("diagnosis"));
    CHECK(as_requester["requester"]["user"] == w.requester["id"]);

    SUBCASE("not for another organisation's people, and not by a requester") {
        std::string token;
        const json outsider = w.person("otto@contoso.example", "requester", w.org_b, token);
        auto res = call(w.client, "POST", "/api/v1/requests", as_bearer(w.helpdesk_token),
                        new_request_body({{"on_behalf_of", outsider["id"]}}));
        CHECK(require_error(res, 422, "invalid_field")["field"] == "on_behalf_of");
        res = call(w.client, "POST", "/api/v1/requests", as_bearer(w.helpdesk_token),
                   new_request_body({{"on_behalf_of", {{"name", "Otto"}, {"email", "OTTO@contoso.example"}}}}));
        CHECK(require_error(res, 422, "invalid_field")["field"] == "on_behalf_of.email");
        res = call(w.client, "POST", "/api/v1/requests", as_bearer(w.requester_token),
                   new_request_body({{"on_behalf_of", outsider["id"]}}));
        require_error(res, 403, "forbidden");
        res = post_json(w.client, "/api/v1/requests", new_request_body({{"diagnosis", "I checked"}}));
        require_error(res, 403, "forbidden");
        res = call(w.client, "POST", "/api/v1/requests", as_bearer(w.helpdesk_token),
                   new_request_body({{"diagnosis", {{"affected", 0}}}}));
        CHECK(require_error(res, 422)["field"] == "diagnosis.affected");
    }
    SUBCASE("a partner's user without an account yet, by name and email: the request is the partner's") {
        const json r = w.file_as(w.helpdesk_token,
                                 {{"on_behalf_of", {{"name", "Nina New"}, {"email", "nina@northwind.example"}}}});
        CHECK(r["requester"]["name"] == "Nina New");
        CHECK(r["requester"]["user"].is_null());
        CHECK(r["organisation"] == w.org_a);
        CHECK(r["filed_by"] == w.helpdesk["id"]);
    }
}

TEST_CASE("an agent logs a call for a caller without an account and resolves it at once") {
    DeskWorld w;
    const json call_logged = w.file_as(
        w.agent_token, {{"on_behalf_of", {{"name", "Carl Caller"}, {"email", "carl@example.org"}}},
                        {"subject", "Cannot print the payslip"}});
    CHECK(call_logged["requester"]["name"] == "Carl Caller");
    CHECK(call_logged["organisation"].is_null());
    CHECK(call_logged["filed_by"] == w.agent["id"]);
    CHECK(call_logged["timeline"][0]["party"] == "desk");
    const json resolved = w.as(w.agent_token, "POST", path_of(call_logged, "/transitions"),
                               json{{"to", "resolved"}, {"reason", "Set the default printer with the caller"}}, 200);
    CHECK(resolved["state"] == "resolved");
    CHECK(resolved["first_contact_resolution"] == true);
    CHECK(resolved["timeline"].back()["actor"] == w.agent["id"]);

    SUBCASE("handed to a second line group first, it is not a first-contact resolution") {
        const json r = w.file_as(w.agent_token, {{"on_behalf_of", w.requester["id"]}});
        w.as(w.agent_token, "POST", path_of(r, "/assignments"), json{{"group", w.network}}, 200);
        const json done =
            w.as(w.resolver_token, "POST", path_of(r, "/transitions"), json{{"to", "resolved"}, {"reason", "fixed"}}, 200);
        CHECK(done["first_contact_resolution"] == false);
    }
}

TEST_CASE("triage: the priority follows impact and urgency, each change is audited, the agent owns it") {
    DeskWorld w;
    const json r = w.file_as(w.requester_token);
    const json triaged = w.as(w.agent_token, "PATCH", path_of(r),
                              json{{"impact", "high"}, {"urgency", "high"}, {"subject", "Calendar sharing broken"}}, 200);
    CHECK(triaged["priority"] == 1);
    CHECK(triaged["subject"] == "Calendar sharing broken");
    CHECK(triaged["owner"] == w.agent["id"]);
    std::map<std::string, json> changed;
    for (const json& e : triaged["timeline"])
        if (e["kind"] == "field_changed") {
            CHECK(e["actor"] == w.agent["id"]);
            changed[e["field"]] = json{e["from"], e["to"]};
        }
    CHECK(changed["impact"] == json{"low", "high"});
    CHECK(changed["urgency"] == json{"medium", "high"});
    CHECK(changed["priority"] == json{4, 1});
    CHECK(changed["subject"] == json{"How do I share my calendar?", "Calendar sharing broken"});
    CHECK(changed["owner"] == json{nullptr, w.agent["id"]});

    // The requester sees none of it; the store kept all of it.
    const json seen = w.as(w.requester_token, "GET", path_of(r), std::nullopt, 200);
    for (const json& e : seen["timeline"]) CHECK(e["kind"] != "field_changed");
    CHECK(seen["priority"] == 1);

    SUBCASE("the owner is an active agent, manager or admin") {
        auto res = call(w.client, "PATCH", path_of(r), as_bearer(w.agent_token), json{{"owner", w.resolver["id"]}});
        CHECK(require_error(res, 422)["field"] == "owner");
        res = call(w.client, "PATCH", path_of(r), as_bearer(w.agent_token), json{{"owner", 999999}});
        CHECK(require_error(res, 422)["field"] == "owner");
        CHECK(w.as(w.agent_token, "PATCH", path_of(r), json{{"owner", w.manager["id"]}}, 200)["owner"] == w.manager["id"]);
    }
    SUBCASE("unknown members and the derived priority are refused") {
        auto res = call(w.client, "PATCH", path_of(r), as_bearer(w.agent_token), json{{"priority", 1}});
        CHECK(require_error(res, 422)["field"] == "priority");
        res = call(w.client, "PATCH", path_of(r), as_bearer(w.agent_token), json::object());
        require_error(res, 422);
    }
}

TEST_CASE("assignment and escalation: the resolver's group sees the request until it moves on") {
    DeskWorld w;
    const json r = w.file_as(w.requester_token);
    require_error(call(w.client, "GET", path_of(r), as_bearer(w.resolver_token)), 404, "not_found");
    auto res = call(w.client, "POST", path_of(r, "/assignments"), as_bearer(w.agent_token),
                    json{{"group", w.network}, {"assignee", w.agent["id"]}});
    CHECK(require_error(res, 422)["field"] == "assignee");
    const json assigned = w.as(w.agent_token, "POST", path_of(r, "/assignments"),
                               json{{"group", w.network}, {"assignee", w.resolver["id"]}, {"reason", "VPN"}}, 200);
    CHECK(assigned["state"] == "assigned");
    CHECK(assigned["group"] == w.network);
    CHECK(assigned["assignee"] == w.resolver["id"]);
    CHECK(assigned["owner"] == w.agent["id"]);

    // The resolver asks in public and notes internally; the requester sees only the question.
    w.as(w.resolver_token, "POST", path_of(r, "/comments"), json{{"body", "Which VPN client version?"}}, 201);
    w.as(w.resolver_token, "POST", path_of(r, "/comments"),
         json{{"body", "Looks like the 5.2 bug"}, {"internal", true}}, 201);
    w.as(w.resolver_token, "POST", path_of(r, "/transitions"), json{{"to", "in_progress"}}, 200);
    const json for_requester = w.as(w.requester_token, "GET", path_of(r), std::nullopt, 200);
    int public_replies = 0;
    for (const json& e : for_requester["timeline"]) {
        CHECK(e["kind"] != "assigned");
        CHECK_FALSE((e["kind"] == "comment" && e["internal"] == true));
        public_replies += e["kind"] == "comment";
    }
    CHECK(public_replies == 1);
    require_error(call(w.client, "PATCH", path_of(r), as_bearer(w.resolver_token), json{{"urgency", "high"}}), 403);
    require_error(call(w.client, "POST", path_of(r, "/assignments"), as_bearer(w.resolver_token),
                       json{{"group", w.network}}),
                  403);

    res = call(w.client, "POST", path_of(r, "/escalations"), as_bearer(w.resolver_token),
               json{{"kind", "functional"}, {"group", w.service_desk}, {"reason", "back"}});
    CHECK(require_error(res, 422, "tier_not_higher")["field"] == "group");
    res = call(w.client, "POST", path_of(r, "/escalations"), as_bearer(w.resolver_token),
               json{{"kind", "functional"}, {"group", w.vendor}});
    require_error(res, 422, "reason_required");
    const json escalated = w.as(w.resolver_token, "POST", path_of(r, "/escalations"),
                                json{{"kind", "functional"}, {"group", w.vendor}, {"reason", "client bug"}}, 200);
    CHECK(escalated["group"] == w.vendor);
    CHECK(escalated["assignee"].is_null());
    CHECK(escalated["owner"] == w.agent["id"]);  // the owner stays whoever works on it
    require_error(call(w.client, "GET", path_of(r), as_bearer(w.resolver_token)), 404, "not_found");

    const json flagged = w.as(w.agent_token, "POST", path_of(r, "/escalations"),
                              json{{"kind", "hierarchical"}, {"reason", "Blocking 40 people"}}, 200);
    CHECK(flagged["escalated"] == true);
    CHECK(flagged["timeline"].back()["escalation"] == "hierarchical");
    const json managers = w.as(w.manager_token, "GET", "/api/v1/requests?escalated=true", std::nullopt, 200);
    CHECK(ids_of(managers) == std::set<long long>{r["id"].get<long long>()});
}

TEST_CASE("queues: unassigned, mine, my groups and owned, each for the person asking") {
    DeskWorld w;
    const json a = w.file_as(w.requester_token);
    const json b = w.file_as(w.requester_token);
    const json c = w.file_as(w.requester_token);
    w.as(w.agent_token, "POST", path_of(b, "/assignments"), json{{"group", w.network}, {"assignee", w.resolver["id"]}},
         200);
    w.as(w.agent_token, "POST", path_of(c, "/assignments"), json{{"group", w.service_desk}, {"assignee", w.agent["id"]}},
         200);
    auto queue = [&w](const std::string& token, const std::string& name) {
        return ids_of(w.as(token, "GET", "/api/v1/requests?queue=" + name, std::nullopt, 200));
    };
    const long long ida = a["id"], idb = b["id"], idc = c["id"];
    CHECK(queue(w.agent_token, "unassigned") == std::set<long long>{ida});
    CHECK(queue(w.agent_token, "mine") == std::set<long long>{idc});
    CHECK(queue(w.agent_token, "my_groups") == std::set<long long>{ida, idc});  // a was routed to the desk
    CHECK(queue(w.agent_token, "owned") == std::set<long long>{idb, idc});
    CHECK(queue(w.resolver_token, "mine") == std::set<long long>{idb});
    CHECK(queue(w.resolver_token, "my_groups") == std::set<long long>{idb});
    CHECK(queue(w.resolver_token, "unassigned").empty());  // what the resolver may see at all
    CHECK(queue(w.manager_token, "all") == std::set<long long>{ida, idb, idc});
    CHECK(ids_of(w.as(w.agent_token, "GET", "/api/v1/requests?group=" + std::to_string(w.network), std::nullopt,
                      200)) == std::set<long long>{idb});
    CHECK(ids_of(w.as(w.agent_token, "GET", "/api/v1/requests?assignee=none", std::nullopt, 200)) ==
          std::set<long long>{ida});
    CHECK(ids_of(w.as(w.agent_token, "GET", "/api/v1/requests?organisation=" + std::to_string(w.org_a), std::nullopt,
                      200)) == std::set<long long>{ida, idb, idc});
    CHECK(ids_of(w.as(w.agent_token, "GET", "/api/v1/requests?organisation=" + std::to_string(w.org_b), std::nullopt,
                      200))
              .empty());

    w.as(w.agent_token, "POST", path_of(c, "/transitions"), json{{"to", "resolved"}, {"reason", "done"}}, 200);
    CHECK(queue(w.agent_token, "mine").empty());
    CHECK(ids_of(w.as(w.agent_token, "GET", "/api/v1/requests?queue=mine&state=resolved", std::nullopt, 200)) ==
          std::set<long long>{idc});
    require_error(call(w.client, "GET", "/api/v1/requests?queue=everything", as_bearer(w.agent_token)), 422);
}

TEST_CASE("sorting by priority or by update pages through every request once, with the same sort's cursor") {
    DeskWorld w;
    const char* levels[] = {"high", "medium", "low"};
    std::set<long long> filed;
    for (int i = 0; i < 12; ++i)
        filed.insert(w.as_desk("POST", "/api/v1/requests",
                               new_request_body({{"impact", levels[i % 3]}, {"urgency", levels[(i / 3) % 3]}}), 201)["id"]
                         .get<long long>());
    for (const std::string sort : {"priority", "updated", "created"}) {
        CAPTURE(sort);
        std::set<long long> seen;
        int last_priority = 0;
        std::string next;
        int pages = 0;
        do {
            const std::string cursor = next.empty() ? "" : "&cursor=" + next;
            const json page =
                w.as(w.agent_token, "GET", "/api/v1/requests?limit=5&sort=" + sort + cursor, std::nullopt, 200);
            for (const json& r : page["items"]) {
                CHECK(seen.insert(r["id"].get<long long>()).second);
                if (sort == "priority") {
                    CHECK(r["priority"].get<int>() >= last_priority);
                    last_priority = r["priority"];
                }
            }
            next = page["next"].is_null() ? "" : page["next"].get<std::string>();
            ++pages;
        } while (!next.empty() && pages < 10);
        CHECK(seen == filed);
        CHECK(pages == 3);
    }
    require_error(call(w.client, "GET", "/api/v1/requests?sort=priority&cursor=12", as_bearer(w.agent_token)), 422);
    require_error(call(w.client, "GET", "/api/v1/requests?sort=oldest", as_bearer(w.agent_token)), 422);
}
