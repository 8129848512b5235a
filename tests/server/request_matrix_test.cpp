// The authorization matrix of the request endpoints (DESIGN.md "Accounts and sessions" and "Requests, as
// the desk sees them"): every endpoint x every caller x every kind of request, the lists, and what each view hides.
#include <doctest/doctest.h>

#include <functional>
#include <iomanip>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "accounts_helpers.h"
#include "api_helpers.h"
#include "server_process.h"

using namespace spoc_test;

namespace {

using Body = std::optional<json>;

long long id_of(const json& thing) { return thing.at("id").get<long long>(); }

std::string describe(const httplib::Result& res) {
    if (!res) return "no answer: " + httplib::to_string(res.error());
    return std::to_string(res->status) + " " + res->body.substr(0, 300);
}

// GET, POST, PATCH or PUT (a JSON body for the last three) with a bearer token, none for "".
httplib::Result send(httplib::Client& c, const std::string& method, const std::string& path, const std::string& token,
                     const Body& body = std::nullopt) {
    const std::string text = body ? body->dump() : "";
    if (method == "POST") return c.Post(path.c_str(), bearer(token), text, "application/json");
    if (method == "PATCH") return c.Patch(path.c_str(), bearer(token), text, "application/json");
    if (method == "PUT") return c.Put(path.c_str(), bearer(token), text, "application/json");
    return c.Get(path.c_str(), bearer(token));
}

// Calls and REQUIREs the status; returns the body.
json expect(httplib::Client& c, const std::string& method, const std::string& path, const std::string& token,
            const Body& body, int status) {
    auto res = send(c, method, path, token, body);
    INFO(method << " " << path << " " << (body ? body->dump() : "") << " -> " << describe(res));
    REQUIRE(status_of(res) == status);
    return json_of(res);
}

// The callers: three requesters (two of organisation A, one of B), A's help desk, the staff, the desk token,
// nobody (no credentials) and a guest holding the follow token of the request it filed.
const std::vector<std::string> kCallers = {"reqA",    "reqA2", "reqB", "hdA",    "agent", "resolver",
                                           "manager", "admin", "desk", "nobody", "follow"};
// The requests: filed by reqA (signed in), by reqA2, by reqB; filed by guests and assigned to Network (the
// resolver's group) or to Other team (not theirs); filed by a guest and left as routed (Service Desk); filed
// by the resolver for themselves.
const std::vector<std::string> kKinds = {"reqA's",       "reqA2's", "reqB's",    "Network's",
                                         "Other team's", "guest's", "resolver's"};

// How far a caller reaches a request, by the table of DESIGN.md "Accounts and sessions".
enum class Reach { none, requester, partner, resolver, desk };

bool desk_side(const std::string& caller) {
    return caller == "agent" || caller == "manager" || caller == "admin" || caller == "desk";
}

Reach expected_reach(const std::string& caller, const std::string& kind) {
    if (desk_side(caller)) return Reach::desk;
    if ((caller == "reqA" && kind == "reqA's") || (caller == "reqA2" && kind == "reqA2's") ||
        (caller == "reqB" && kind == "reqB's") || (caller == "follow" && kind == "guest's") ||
        (caller == "resolver" && kind == "resolver's"))
        return Reach::requester;
    if (caller == "hdA" && (kind == "reqA's" || kind == "reqA2's")) return Reach::partner;
    if (caller == "resolver" && kind == "Network's") return Reach::resolver;
    return Reach::none;
}

const std::string kNote = "Internal: the switch in room 4 is suspect, do not tell the customer yet.";
const std::vector<std::string> kDeskFields = {"owner", "group", "assignee", "escalated"};

// One server with two organisations, four support groups, a person of every role signed in once, and one
// request of each kind.
struct Matrix : Desk {
    json org_a, org_b;
    std::map<std::string, json> users;          // by caller name
    std::map<std::string, std::string> tokens;  // by caller name; "" for nobody
    json service_desk, network, vendor, other_team;
    std::map<std::string, json> base;           // one request of each kind, as the desk token sees it
    std::string guest_token;                    // the follow token of base["guest's"]
    int guests = 0;

    Matrix() {
        auto c = client();
        tokens["desk"] = kDeskToken;
        tokens["nobody"] = "";
        const Session admin = sign_in_ok(c, kAdminEmail, admin_password);
        tokens["admin"] = admin.token;
        users["admin"] = admin.user;
        org_a = expect(c, "POST", "/api/v1/organisations", kDeskToken, json{{"name", "Alpha Partners"}}, 201);
        org_b = expect(c, "POST", "/api/v1/organisations", kDeskToken, json{{"name", "Beta Partners"}}, 201);
        const std::vector<std::pair<std::string, std::pair<std::string, json>>> people = {
            {"reqA", {"requester", org_a["id"]}},  {"reqA2", {"requester", org_a["id"]}},
            {"reqB", {"requester", org_b["id"]}},  {"hdA", {"org_helpdesk", org_a["id"]}},
            {"agent", {"agent", nullptr}},         {"resolver", {"resolver", nullptr}},
            {"manager", {"manager", nullptr}}};
        for (const auto& [name, how] : people)
            users[name] = expect(c, "POST", "/api/v1/users", kDeskToken,
                                 json{{"email", name + "@matrix.example"}, {"name", "The " + name},
                                      {"role", how.first}, {"organisation", how.second},
                                      {"password", "matrix-password-1"}},
                                 201);
        for (const auto& [name, how] : people)
            tokens[name] = sign_in_ok(c, name + "@matrix.example", "matrix-password-1").token;
        auto group = [&](const std::string& name, const json& tier, const json& members) {
            return expect(c, "POST", "/api/v1/groups", kDeskToken,
                          json{{"name", name}, {"tier", tier}, {"members", members}}, 201);
        };
        service_desk = group("Service Desk", 1, json::array({id_of(users["agent"])}));
        network = group("Network", 2, json::array({id_of(users["resolver"])}));
        vendor = group("Vendor X", 3, json::array());
        other_team = group("Other team", 2, json::array());
        for (const std::string& kind : kKinds) {
            std::string token;
            base[kind] = make(kind, &token);
            if (kind == "guest's") guest_token = token;
        }
        tokens["follow"] = guest_token;
    }

    // A new request of this kind, as the desk token sees it; a guest's follow token in *follow_token.
    json make(const std::string& kind, std::string* follow_token = nullptr) {
        auto c = client();
        const std::string subject = "Matrix: " + kind + " #" + std::to_string(++guests);
        const std::string filer = kind == "reqA's"       ? "reqA"
                                  : kind == "reqA2's"    ? "reqA2"
                                  : kind == "reqB's"     ? "reqB"
                                  : kind == "resolver's" ? "resolver"
                                                         : "";
        json changes = {{"subject", subject}};
        if (filer.empty())
            changes["requester"] = {{"name", "Walk-in " + std::to_string(guests)},
                                    {"email", "walk-in-" + std::to_string(guests) + "@guests.example"}};
        const json filed = expect(c, "POST", "/api/v1/requests", filer.empty() ? "" : tokens.at(filer),
                                  new_request_body(changes), 201);
        if (follow_token) *follow_token = filed.value("follow_token", "");
        const std::string path = request_path(filed);
        if (kind == "Network's" || kind == "Other team's")
            expect(c, "POST", path + "/assignments", tokens.at("agent"),
                   json{{"group", (kind == "Network's" ? network : other_team)["id"]}}, 200);
        return expect(c, "GET", path, kDeskToken, std::nullopt, 200);
    }

    // Every request the caller's list holds (following "next"); REQUIREs 200 on each page.
    std::set<long long> listed(const std::string& caller, std::vector<json>* items = nullptr) {
        auto c = client();
        std::set<long long> ids;
        std::string path = "/api/v1/requests?limit=200";
        for (int page = 0; page < 50; ++page) {
            const json body = expect(c, "GET", path, tokens.at(caller), std::nullopt, 200);
            REQUIRE(body["items"].is_array());
            for (const json& r : body["items"]) {
                ids.insert(id_of(r));
                if (items) items->push_back(r);
            }
            if (body["next"].is_null()) return ids;
            path = "/api/v1/requests?limit=200&cursor=" + body["next"].get<std::string>();
        }
        FAIL("more than 50 pages of requests for " << caller);
        return ids;
    }
};

bool has_internal_event(const json& request) {
    for (const json& e : request.value("timeline", json::array())) {
        if (e.value("internal", false)) return true;
        const std::string kind = e.value("kind", "");
        if (kind != "created" && kind != "state_changed" && kind != "comment") return true;
    }
    return false;
}

}  // namespace

TEST_CASE("request authorization matrix: each caller sees and does with each kind of request what its role allows") {
    Matrix m;
    auto c = m.client();
    int cases = 0, failures = 0;
    std::vector<std::string> wrong_views;
    const auto check_view = [&](bool ok, const std::string& what) {
        ++cases;
        if (!ok) {
            ++failures;
            wrong_views.push_back(what);
        }
    };

    // [SECTION] The views: the desk's own fields and internal notes are for the staff only ------------------
    const json& own = m.base["reqA's"];
    expect(c, "POST", request_path(own, "/assignments"), m.tokens["agent"],
           json{{"group", m.service_desk["id"]}, {"assignee", id_of(m.users["agent"])}}, 200);
    for (const std::string kind : {"reqA's", "Network's", "guest's", "resolver's"})
        expect(c, "POST", request_path(m.base[kind], "/comments"), m.tokens["agent"],
               json{{"body", kNote}, {"internal", true}}, 201);
    struct View {
        std::string caller, kind;
        bool internal;  // sees the desk's fields and the internal notes
    };
    const std::vector<View> views = {{"reqA", "reqA's", false},     {"hdA", "reqA's", false},
                                     {"follow", "guest's", false},  {"resolver", "Network's", true},
                                     {"agent", "reqA's", true},     {"manager", "reqA's", true},
                                     {"admin", "reqA's", true},     {"desk", "reqA's", true},
                                     {"agent", "Network's", true},  {"resolver", "resolver's", false}};
    // Whether a request shows every one of the desk's fields (want true) or none of them (want false).
    const auto desk_fields = [](const json& r, bool want) {
        for (const std::string& field : kDeskFields)
            if (r.contains(field) != want) return false;
        return true;
    };
    for (const View& v : views) {
        const json r = expect(c, "GET", request_path(m.base[v.kind]), m.tokens[v.caller], std::nullopt, 200);
        const std::string what = "GET " + v.kind + " as " + v.caller + ": ";
        const bool note = r.dump().find(kNote) != std::string::npos;
        check_view(note == v.internal,
                   what + (v.internal ? "the internal note is missing" : "shows the internal note"));
        check_view(has_internal_event(r) == v.internal,
                   what + (v.internal ? "no desk event in the timeline" : "a desk event in the timeline"));
        check_view(desk_fields(r, v.internal),
                   what + (v.internal ? "lacks one of " : "shows one of ") + "owner, group, assignee, escalated");
    }
    const json seen_by_agent = expect(c, "GET", request_path(own), m.tokens["agent"], std::nullopt, 200);
    const json agent_id = m.users["agent"]["id"];
    check_view(seen_by_agent["owner"] == agent_id && seen_by_agent["assignee"] == agent_id &&
                   seen_by_agent["group"] == m.service_desk["id"],
               "reqA's request after the agent's assignment: owner, assignee or group is not as assigned");
    const json seen_by_resolver =
        expect(c, "GET", request_path(m.base["Network's"]), m.tokens["resolver"], std::nullopt, 200);
    check_view(seen_by_resolver["group"] == m.network["id"], "GET Network's as resolver: group is not Network");
    // In the lists too, item by item: the resolver's own request (as its requester) hides them, its group's shows.
    for (const std::string caller : {"reqA", "hdA", "resolver", "agent"}) {
        std::vector<json> items;
        m.listed(caller, &items);
        std::string wrong;
        for (const std::string& kind : kKinds) {
            const Reach reach = expected_reach(caller, kind);
            for (const json& r : items)
                if (id_of(r) == id_of(m.base[kind]) &&
                    !desk_fields(r, reach == Reach::resolver || reach == Reach::desk))
                    wrong += " " + kind;
        }
        check_view(!items.empty() && wrong.empty(),
                   "GET requests as " + caller + ": the desk's fields shown or hidden wrongly for" + wrong);
    }

    // [SECTION] The matrix: endpoint x kind of request x caller --------------------------------------------
    struct Action {
        std::string label, method, suffix;
        bool changes;     // a request that changed is replaced by a fresh one of its kind
        bool staff_only;  // refused to nobody with 401 (where it may not know the request: 404 otherwise)
        int ok;
        std::function<bool(Reach)> may;
        json body;
    };
    const auto anyone = [](Reach r) { return r != Reach::none; };
    const auto staff = [](Reach r) { return r == Reach::resolver || r == Reach::desk; };
    const auto desk_only = [](Reach r) { return r == Reach::desk; };
    const std::vector<Action> actions = {
        {"GET one", "GET", "", false, false, 200, anyone, nullptr},
        {"public reply", "POST", "/comments", false, false, 201, anyone, json{{"body", "A public reply."}}},
        {"internal note", "POST", "/comments", false, false, 201, staff,
         json{{"body", "An internal note."}, {"internal", true}}},
        {"transition", "POST", "/transitions", true, true, 200, staff, json{{"to", "in_progress"}}},
        {"triage", "PATCH", "", true, true, 200, desk_only, json{{"urgency", "high"}}},
        {"assign", "POST", "/assignments", true, true, 200, desk_only,
         json{{"group", m.service_desk["id"]}, {"reason", "Back to the desk."}}},
        {"escalate hier.", "POST", "/escalations", true, true, 200, staff,
         json{{"kind", "hierarchical"}, {"reason", "The customer's director called."}}},
        {"escalate func.", "POST", "/escalations", true, true, 200, staff,
         json{{"kind", "functional"}, {"group", m.vendor["id"]}, {"reason", "A firmware bug: the vendor's."}}},
    };

    // Requests that change: one unchanged request of each kind (with its follow token), replaced after a
    // call that succeeded; a refused call must leave it as it was (checked at the end).
    struct Fresh {
        json request;
        std::string follow_token;
        bool changed = false;
    };
    std::map<std::string, std::vector<Fresh>> fresh;
    const auto fresh_of = [&](const std::string& kind) -> Fresh& {
        auto& list = fresh[kind];
        if (list.empty() || list.back().changed) {
            Fresh f;
            f.request = m.make(kind, &f.follow_token);
            list.push_back(f);
        }
        return list.back();
    };

    std::ostringstream table;
    const int first = 34, width = 12;
    table << std::left << std::setw(first) << "endpoint | request \\ caller";
    for (const std::string& caller : kCallers) table << std::setw(width) << caller;
    table << "\n";
    const auto record = [&](bool ok, const std::string& got, const std::string& want) {
        ++cases;
        if (!ok) ++failures;
        table << std::setw(width) << (ok ? got : "!" + got + "(" + want + ")");
    };
    const auto code_for = [](int status) -> std::string {
        return status == 401 ? "unauthorized" : status == 403 ? "forbidden" : status == 404 ? "not_found" : "";
    };

    for (const Action& a : actions) {
        for (const std::string& kind : kKinds) {
            table << std::setw(first) << (a.label + " | " + kind);
            for (const std::string& caller : kCallers) {
                const Reach reach = expected_reach(caller, kind);
                const int want = reach == Reach::none ? (caller == "nobody" && a.staff_only ? 401 : 404)
                                 : a.may(reach)       ? a.ok
                                                      : 403;
                Fresh* target = a.changes ? &fresh_of(kind) : nullptr;
                const json& request = target ? target->request : m.base[kind];
                std::string token = m.tokens[caller];
                if (caller == "follow" && target && kind == "guest's") token = target->follow_token;
                auto res = send(c, a.method, request_path(request, a.suffix), token,
                                a.body.is_null() ? Body() : Body(a.body));
                const int got = status_of(res);
                if (target && got >= 200 && got < 300) target->changed = true;
                const bool code_ok = error_code(res) == code_for(want);
                record(got == want && code_ok, std::to_string(got) + (code_ok ? "" : " " + error_code(res)),
                       std::to_string(want));
            }
            table << "\n";
        }
    }

    // The lists: which requests each caller's GET /api/v1/requests holds.
    std::map<std::string, std::set<long long>> lists;
    table << std::setw(first) << "GET requests";
    for (const std::string& caller : kCallers) {
        const bool anonymous = caller == "nobody" || caller == "follow";
        auto res = send(c, "GET", "/api/v1/requests?limit=1", m.tokens[caller]);
        const int want = anonymous ? 401 : 200;
        record(status_of(res) == want && error_code(res) == code_for(want), std::to_string(status_of(res)),
               std::to_string(want));
        if (!anonymous && status_of(res) == 200) lists[caller] = m.listed(caller);
    }
    table << "\n";
    for (const std::string& kind : kKinds) {
        table << std::setw(first) << ("listed | " + kind);
        for (const std::string& caller : kCallers) {
            if (!lists.count(caller)) {
                table << std::setw(width) << "-";
                continue;
            }
            const bool want = expected_reach(caller, kind) != Reach::none;
            const bool got = lists[caller].count(id_of(m.base[kind])) > 0;
            record(got == want, got ? "yes" : "no", want ? "yes" : "no");
        }
        table << "\n";
    }

    // Filing for someone else, with a diagnosis: help desks for their organisation's people, the desk for anyone.
    std::map<std::string, long long> filed_for_reqA;
    for (const std::string target : {"reqA", "reqB"}) {
        table << std::setw(first) << ("POST requests for " + target);
        for (const std::string& caller : kCallers) {
            const bool desk = desk_side(caller);
            const int want = desk ? 201 : caller == "hdA" ? (target == "reqA" ? 201 : 422) : 403;
            const json body = new_request_body({{"subject", "Filed by " + caller + " for " + target},
                                                {"on_behalf_of", id_of(m.users[target])},
                                                {"diagnosis", "Restarted the laptop and the dock; no change."}});
            auto res = send(c, "POST", "/api/v1/requests", m.tokens[caller], body);
            const std::string want_code = want == 403 ? "forbidden" : want == 422 ? "invalid_field" : "";
            record(status_of(res) == want && error_code(res) == want_code, std::to_string(status_of(res)),
                   std::to_string(want));
            if (status_of(res) == 201 && target == "reqA") filed_for_reqA[caller] = id_of(json_of(res));
        }
        table << "\n";
    }

    // The routing rules: staff read them, the desk changes them.
    const json routing = expect(c, "GET", "/api/v1/routing", kDeskToken, std::nullopt, 200);
    for (const std::string method : {"GET", "PUT"}) {
        table << std::setw(first) << (method + " routing");
        for (const std::string& caller : kCallers) {
            const bool allowed = desk_side(caller) || (method == "GET" && caller == "resolver");
            const int want = caller == "nobody" || caller == "follow" ? 401 : allowed ? 200 : 403;
            auto res = send(c, method, "/api/v1/routing", m.tokens[caller], method == "PUT" ? Body(routing) : Body());
            record(status_of(res) == want && error_code(res) == code_for(want), std::to_string(status_of(res)),
                   std::to_string(want));
        }
        table << "\n";
    }

    // What the refused callers asked for did not happen: the requests that were only refused are unchanged.
    for (const auto& [kind, list] : fresh)
        for (const Fresh& f : list) {
            if (f.changed) continue;
            const json now = expect(c, "GET", request_path(f.request), kDeskToken, std::nullopt, 200);
            check_view(now == f.request, "a request of kind " + kind + " changed though every call on it was refused");
        }
    // The help desk's diagnosis is for the help desk and the staff, not for the requester it filed for.
    if (filed_for_reqA.count("hdA")) {
        const std::string path = "/api/v1/requests/" + std::to_string(filed_for_reqA["hdA"]);
        const json for_requester = expect(c, "GET", path, m.tokens["reqA"], std::nullopt, 200);
        const json for_helpdesk = expect(c, "GET", path, m.tokens["hdA"], std::nullopt, 200);
        const json for_agent = expect(c, "GET", path, m.tokens["agent"], std::nullopt, 200);
        check_view(!for_requester.contains("diagnosis"), "the requester sees the help desk's diagnosis");
        check_view(for_helpdesk.value("diagnosis", json()).is_string(), "the help desk does not see its diagnosis");
        check_view(for_agent.value("diagnosis", json()).is_string(), "the agent does not see the diagnosis");
        check_view(for_agent["filed_by"] == m.users["hdA"]["id"] && for_agent["organisation"] == m.org_a["id"],
                   "filed by the help desk for reqA: filed_by or organisation wrong");
    }

    MESSAGE("request authorization matrix: " << cases << " cases, " << cases - failures << " as expected");
    std::string views_text;
    for (const std::string& w : wrong_views) views_text += "  " + w + "\n";
    CHECK_MESSAGE(failures == 0, "request authorization matrix: " << failures << " of " << cases
                                                                  << " cases wrong (!got(expected)):\n"
                                                                  << table.str() << views_text);
}
