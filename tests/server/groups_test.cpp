// Covers support groups (issue 6, DESIGN.md "Accounts and sessions"): create, read, list (by tier,
// then name) and PATCH; tier one of 1, 1.5, 2, 3; names unique whatever their case; members are
// existing, active staff, ascending, and PATCH replaces the set; a user's "groups" in /users,
// /users/{id}, /me and the sign-in; and the four endpoints x every role, the desk token and nobody.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "accounts_helpers.h"
#include "api_helpers.h"
#include "server_process.h"

using namespace spoc_test;

namespace {

using Body = std::optional<json>;

httplib::Result call(httplib::Client& c, const std::string& method, const std::string& path,
                     const std::string& token, const Body& body = std::nullopt) {
    const std::string text = body ? body->dump() : "";
    if (method == "POST") return c.Post(path.c_str(), bearer(token), text, "application/json");
    if (method == "PATCH") return c.Patch(path.c_str(), bearer(token), text, "application/json");
    return c.Get(path.c_str(), bearer(token));
}

std::string describe(const httplib::Result& res) { return res ? std::to_string(res->status) + " " + res->body : "-"; }

// Calls (as the desk token unless told) and REQUIREs the status; returns the body.
json expect(httplib::Client& c, const std::string& method, const std::string& path, const Body& body, int status,
            const std::string& token = kDeskToken) {
    auto res = call(c, method, path, token, body);
    INFO(method << " " << path << " " << (body ? body->dump() : "") << " -> " << describe(res));
    REQUIRE(status_of(res) == status);
    return json_of(res);
}

// CHECKs 422 invalid_field naming `field`.
void refused(httplib::Client& c, const std::string& method, const std::string& path, const json& body,
             const std::string& field) {
    auto res = call(c, method, path, kDeskToken, body);
    INFO(method << " " << path << " " << body.dump() << " -> " << describe(res));
    CHECK(status_of(res) == 422);
    if (status_of(res) == 422) CHECK(require_error(res, 422, "invalid_field")["field"] == field);
}

long long id(const json& thing) { return thing.at("id").get<long long>(); }
std::string group_path(const json& g) { return "/api/v1/groups/" + std::to_string(id(g)); }
std::string user_path(const json& u) { return "/api/v1/users/" + std::to_string(id(u)); }
const std::string kGroups = "/api/v1/groups";
json post_group(httplib::Client& c, const json& body) { return expect(c, "POST", kGroups, body, 201); }
json get_group(httplib::Client& c, const json& g) { return expect(c, "GET", group_path(g), std::nullopt, 200); }
json group(const json& id, const std::string& name, const json& tier) {  // with no members
    return {{"id", id}, {"name", name}, {"tier", tier}, {"members", json::array()}};
}
json ascending(std::vector<long long> ids) { return std::sort(ids.begin(), ids.end()), ids; }

// The groups' names in the list's order, "|A|B|"; CHECKs the {"items","next":null} shape.
std::string listed_names(httplib::Client& c) {
    const json body = expect(c, "GET", kGroups, std::nullopt, 200);
    CHECK(body["next"].is_null());
    std::string names = "|";
    for (const json& g : body["items"]) names += g["name"].get<std::string>() + "|";
    return names;
}

const std::vector<std::string> kRoles = {"requester", "org_helpdesk", "agent", "resolver", "manager", "admin"};

// A desk with a user of every role (requester and org_helpdesk in a partner organisation); the
// admin is signed in, the others sign in on demand (Argon2id costs ~0.1 s a time).
struct Staffed : Desk {
    std::map<std::string, json> users;
    std::map<std::string, std::string> tokens;

    static std::string email(const std::string& role) { return role == "admin" ? kAdminEmail : role + "@example.org"; }
    std::string password(const std::string& role) const { return role == "admin" ? admin_password : role + "-pw-123"; }

    Staffed() {
        auto c = client();
        const json org = expect(c, "POST", "/api/v1/organisations", json{{"name", "Alpha Partners"}}, 201);
        for (const std::string& role : kRoles) {
            if (role == "admin") continue;
            const bool partner = role == "requester" || role == "org_helpdesk";
            const json user = {{"email", email(role)},   {"name", "The " + role},       {"role", role},
                               {"password", password(role)}, {"organisation", partner ? org["id"] : json(nullptr)}};
            users[role] = expect(c, "POST", "/api/v1/users", user, 201);
        }
        users["admin"] = sign_in("admin")["user"];
    }
    json sign_in(const std::string& role) {  // the sign-in's answer
        auto c = client();
        const json me = {{"email", email(role)}, {"password", password(role)}};
        const json answer = expect(c, "POST", "/api/v1/sessions", me, 201, "");
        return tokens[role] = answer["token"], answer;
    }
    std::string token(const std::string& role) {
        return tokens.count(role) ? tokens[role] : sign_in(role)["token"].get<std::string>();
    }
    long long uid(const std::string& role) const { return id(users.at(role)); }
    json uids(const std::vector<std::string>& roles) const {  // in the order given
        json out = json::array();
        for (const std::string& role : roles) out.push_back(uid(role));
        return out;
    }
};

}  // namespace

TEST_CASE("groups: create, read, list by tier then name, and change by PATCH; unknown ids 404") {
    Desk desk;
    auto c = desk.client();
    const json vendor = post_group(c, {{"name", "Vendor Acme"}, {"tier", 3}});
    const json network = post_group(c, {{"name", "Network"}, {"tier", 2}});
    post_group(c, {{"name", "Service Desk"}, {"tier", 1}});
    post_group(c, {{"name", "Applications"}, {"tier", 2}});
    const json support = post_group(c, {{"name", "Customer Support"}, {"tier", 1.5}});
    post_group(c, {{"name", "Front Office"}, {"tier", 1}});
    CHECK(support["id"].is_number_integer());
    CHECK(support == group(support["id"], "Customer Support", 1.5));
    CHECK((vendor["tier"] == 3 && id(vendor) != id(network)));
    CHECK(listed_names(c) == "|Front Office|Service Desk|Customer Support|Applications|Network|Vendor Acme|");
    CHECK(get_group(c, support) == support);

    const json changed = expect(c, "PATCH", group_path(network), json{{"name", "Networks"}, {"tier", 3}}, 200);
    CHECK(changed == group(network["id"], "Networks", 3));
    CHECK(get_group(c, network) == changed);
    CHECK(expect(c, "PATCH", group_path(support), json{{"tier", 1}}, 200)["name"] == "Customer Support");
    CHECK(listed_names(c) == "|Customer Support|Front Office|Service Desk|Applications|Networks|Vendor Acme|");

    require_error(call(c, "GET", kGroups + "/999999", kDeskToken), 404, "not_found");
    require_error(call(c, "PATCH", kGroups + "/999999", kDeskToken, json{{"name", "Nobody's"}}), 404, "not_found");
}

TEST_CASE("groups: tier is one of 1, 1.5, 2, 3; a name has 1-200 characters; a missing field is named") {
    Desk desk;
    auto c = desk.client();
    const json target = post_group(c, {{"name", "Target"}, {"tier", 2}});
    int n = 0;
    for (const json& tier : {json(1), json(1.5), json(2), json(3), json(2.0)}) {
        CAPTURE(tier.dump());
        CHECK(post_group(c, {{"name", "Tier group " + std::to_string(++n)}, {"tier", tier}})["tier"] == tier);
        CHECK(expect(c, "PATCH", group_path(target), json{{"tier", tier}}, 200)["tier"] == tier);
    }
    for (const json& tier : {json(0), json(4), json(2.5), json("2"), json(nullptr), json(-1), json(true)}) {
        refused(c, "POST", kGroups, {{"name", "Refused"}, {"tier", tier}}, "tier");
        refused(c, "PATCH", group_path(target), {{"tier", tier}}, "tier");
    }
    refused(c, "POST", kGroups, {{"tier", 1}}, "name");
    refused(c, "POST", kGroups, {{"name", "No tier"}}, "tier");
    for (const json& name : {json(""), json(42), json(nullptr), json(std::string(201, 'x'))}) {
        refused(c, "POST", kGroups, {{"name", name}, {"tier", 1}}, "name");
        refused(c, "PATCH", group_path(target), {{"name", name}}, "name");
    }
    post_group(c, {{"name", std::string(200, 'y')}, {"tier", 1}});
    CHECK(get_group(c, target) == group(target["id"], "Target", 2));
    const std::string names = listed_names(c);
    CHECK(std::count(names.begin(), names.end(), '|') == 8);  // 7 groups: nothing refused was made
}

TEST_CASE("groups: a name is unique whatever its case (409 conflict, field name)") {
    Desk desk;
    auto c = desk.client();
    const json network = post_group(c, {{"name", "Network"}, {"tier", 2}});
    const json apps = post_group(c, {{"name", "Applications"}, {"tier", 2}});
    for (const std::string name : {"Network", "NETWORK", "network"}) {
        CAPTURE(name);
        auto res = call(c, "POST", kGroups, kDeskToken, json{{"name", name}, {"tier", 3}});
        CHECK(require_error(res, 409, "conflict")["field"] == "name");
    }
    auto res = call(c, "PATCH", group_path(apps), kDeskToken, json{{"name", "netWORK"}});
    CHECK(require_error(res, 409, "conflict")["field"] == "name");
    CHECK(expect(c, "PATCH", group_path(network), json{{"name", "Network"}}, 200)["name"] == "Network");  // its own
    CHECK(expect(c, "PATCH", group_path(network), json{{"name", "NETWORK"}}, 200)["name"] == "NETWORK");  // recased
    CHECK(listed_names(c) == "|Applications|NETWORK|");
}

TEST_CASE("groups: members are active staff, ascending; PATCH replaces the set; anything else is 422 members") {
    Staffed desk;
    auto c = desk.client();
    const json gone = expect(c, "POST", "/api/v1/users",
                             json{{"email", "gone@example.org"}, {"name", "Gone"}, {"role", "agent"}}, 201);
    CHECK(expect(c, "PATCH", user_path(gone), json{{"active", false}}, 200)["active"] == false);

    const json g = post_group(c, {{"name", "Specialists"}, {"tier", 2}, {"members", desk.uids({"resolver", "agent"})}});
    CHECK(g["members"] == ascending({desk.uid("resolver"), desk.uid("agent")}));
    CHECK(get_group(c, g)["members"] == g["members"]);
    CHECK(post_group(c, {{"name", "Empty"}, {"tier", 1}, {"members", json::array()}})["members"] == json::array());

    const json agent = desk.uid("agent");
    for (const json& members :
         {desk.uids({"requester"}), desk.uids({"org_helpdesk"}), desk.uids({"agent", "requester"}),
          json::array({id(gone)}), json::array({999999}), json::array({agent, 999999}), json("3"), json(3),
          json(nullptr), json::array({"1"}), json::array({1.5}), json::array({nullptr}), json{{"id", agent}}}) {
        refused(c, "POST", kGroups, {{"name", "Refused"}, {"tier", 2}, {"members", members}}, "members");
        refused(c, "PATCH", group_path(g), {{"members", members}}, "members");
    }
    CHECK(get_group(c, g)["members"] == g["members"]);  // unchanged

    const json replaced = expect(c, "PATCH", group_path(g), json{{"members", desk.uids({"manager", "admin"})}}, 200);
    CHECK(replaced["members"] == ascending({desk.uid("manager"), desk.uid("admin")}));
    CHECK(expect(c, "PATCH", group_path(g), json{{"name", "Specialists 2"}}, 200)["members"] == replaced["members"]);
    CHECK(expect(c, "PATCH", group_path(g), json{{"members", json::array()}}, 200)["members"] == json::array());
    const json staff = desk.uids({"admin", "resolver", "manager", "agent"});
    CHECK(expect(c, "PATCH", group_path(g), json{{"members", staff}}, 200)["members"] == ascending(staff));
    CHECK(get_group(c, g)["members"] == ascending(staff));
    // A member deactivated since does not stop changing the group's other fields.
    expect(c, "PATCH", user_path(desk.users["manager"]), json{{"active", false}}, 200);
    auto retiered = call(c, "PATCH", group_path(g), kDeskToken, json{{"tier", 3}});
    CHECK_MESSAGE(status_of(retiered) == 200, "PATCH {tier: 3} with a deactivated member -> " << describe(retiered));
    CHECK(listed_names(c) == "|Empty|Specialists 2|");
}

TEST_CASE("a user's groups, ascending, in /users/{id}, /users, /me and the sign-in's answer") {
    Staffed desk;
    auto c = desk.client();
    const json second = post_group(c, {{"name", "Second"}, {"tier", 2}, {"members", desk.uids({"resolver"})}});
    const json first = post_group(c, {{"name", "First"}, {"tier", 1}, {"members", desk.uids({"agent", "resolver"})}});
    const json third = post_group(c, {{"name", "Third"}, {"tier", 3}, {"members", desk.uids({"agent"})}});
    const json resolver_groups = ascending({id(second), id(first)});
    const auto groups_of = [&](const std::string& role) {
        return expect(c, "GET", user_path(desk.users[role]), std::nullopt, 200)["groups"];
    };
    CHECK(groups_of("resolver") == resolver_groups);
    CHECK(groups_of("agent") == ascending({id(first), id(third)}));
    CHECK(groups_of("manager") == json::array());
    const json all = expect(c, "GET", "/api/v1/users?limit=200", std::nullopt, 200);
    int listed = 0;
    for (const json& u : all["items"]) listed += u["id"] == desk.uid("resolver") && u["groups"] == resolver_groups;
    CHECK(listed == 1);
    CHECK(desk.sign_in("resolver")["user"]["groups"] == resolver_groups);
    const auto my_groups = [&] {
        return expect(c, "GET", "/api/v1/me", std::nullopt, 200, desk.token("resolver"))["groups"];
    };
    CHECK(my_groups() == resolver_groups);

    expect(c, "PATCH", group_path(first), json{{"members", desk.uids({"agent"})}}, 200);
    CHECK(my_groups() == json::array({id(second)}));
    CHECK(groups_of("resolver") == json::array({id(second)}));
}

TEST_CASE("authorization matrix: the four group endpoints x every role, the desk token and nobody") {
    Staffed desk;
    auto c = desk.client();
    const json g = post_group(c, {{"name", "Matrix"}, {"tier", 2}});
    const std::vector<std::string> callers = {"requester", "org_helpdesk", "agent", "resolver",
                                              "manager",   "admin",        "desk",  "nobody"};
    // GETs are for staff (and the desk token); POST and PATCH for admins and the desk token.
    const std::vector<std::pair<std::string, std::string>> rows = {
        {"GET", kGroups}, {"GET", group_path(g)}, {"POST", kGroups}, {"PATCH", group_path(g)}};
    std::string wrong;
    for (const auto& [method, path] : rows) {
        for (const std::string& who : callers) {
            const bool staff = who == "agent" || who == "resolver" || who == "manager";
            const bool allowed = who == "admin" || who == "desk" || (method == "GET" && staff);
            const int want = who == "nobody" ? 401 : !allowed ? 403 : method == "POST" ? 201 : 200;
            const std::string token = who == "desk" ? kDeskToken : who == "nobody" ? "" : desk.token(who);
            const Body body = method == "POST"    ? Body(json{{"name", "By " + who}, {"tier", 3}})
                              : method == "PATCH" ? Body(json{{"name", "Renamed by " + who}})
                                                  : Body();
            auto res = call(c, method, path, token, body);
            const json answer = res ? json::parse(res->body, nullptr, false) : json();
            const std::string code = answer.contains("error") ? answer["error"].value("code", "") : "";
            const std::string want_code = want == 401 ? "unauthorized" : want == 403 ? "forbidden" : "";
            if (status_of(res) != want || code != want_code)
                wrong += method + " " + path + " as " + who + ": got " + std::to_string(status_of(res)) + " " + code +
                         ", expected " + std::to_string(want) + " " + want_code + "\n";
        }
    }
    CHECK_MESSAGE(wrong.empty(), "authorization matrix, 32 cases; wrong:\n" << wrong);
    const std::string names = listed_names(c);
    for (const std::string& who : callers) {
        CAPTURE(who);
        CHECK((names.find("|By " + who + "|") != std::string::npos) == (who == "admin" || who == "desk"));
    }
    CHECK(get_group(c, g)["name"] == "Renamed by desk");
}

TEST_CASE("who stops being active staff leaves their groups; the others stay") {
    Desk desk;
    auto c = desk.client();
    auto make = [&](const std::string& email, const std::string& role) {
        return expect(c, "POST", "/api/v1/users", json{{"email", email}, {"name", role}, {"role", role}}, 201);
    };
    const json agent = make("agent@example.org", "agent"), resolver = make("resolver@example.org", "resolver");
    const json g = post_group(c, {{"name", "Network"}, {"tier", 2}, {"members", {id(agent), id(resolver)}}});
    expect(c, "PATCH", user_path(agent), json{{"active", false}}, 200);
    const json demoted = expect(c, "PATCH", user_path(resolver), json{{"role", "requester"}}, 200);
    CHECK(demoted["groups"] == json::array());
    CHECK(get_group(c, g)["members"] == json::array());
    CHECK(expect(c, "GET", user_path(agent), std::nullopt, 200)["groups"] == json::array());
}
