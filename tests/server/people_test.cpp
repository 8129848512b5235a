// Covers people and tenants (issue 6, DESIGN.md "Accounts and sessions"): organisations and users
// created, read, listed and changed by admins and the desk token; duplicate emails and names 409;
// one-time passwords on create and on reset_password; a deactivated user cannot sign in and its
// sessions end; a partner's help desk sees only its own organisation's users; and the
// authorization matrix: every one of these endpoints x every role, the desk token and nobody.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <iomanip>
#include <map>
#include <memory>
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

std::string describe(const httplib::Result& res) {
    if (!res) return "no answer: " + httplib::to_string(res.error());
    return std::to_string(res->status) + " " + res->body.substr(0, 300);
}

// Calls and REQUIREs the status; returns the body as JSON (null for an empty body).
json expect(httplib::Client& client, const std::string& method, const std::string& path, const Auth& auth,
            const std::optional<json>& body, int status) {
    auto res = call(client, method, path, auth, body);
    INFO(method << " " << path << " " << (body ? body->dump() : "") << " -> " << describe(res));
    REQUIRE(status_of(res) == status);
    if (res->body.empty()) return nullptr;
    return json_of(res);
}

std::string id_path(const std::string& collection, const json& thing) {
    return "/api/v1/" + collection + "/" + std::to_string(thing.at("id").get<long long>());
}
std::string user_path(const json& user) { return id_path("users", user); }
std::string org_path(const json& org) { return id_path("organisations", org); }

// Every page of a list, following `next` as the cursor; REQUIREs 200 and the {"items","next"} shape.
std::vector<json> all_pages(httplib::Client& client, const std::string& path, const Auth& auth) {
    std::vector<json> items;
    std::string next_path = path;
    for (int page = 0; page < 100; ++page) {
        const json body = expect(client, "GET", next_path, auth, std::nullopt, 200);
        REQUIRE(body["items"].is_array());
        REQUIRE(body.contains("next"));
        for (const json& item : body["items"]) items.push_back(item);
        if (body["next"].is_null()) return items;
        REQUIRE(body["next"].is_string());
        next_path = path + (path.find('?') == std::string::npos ? "?" : "&") + "cursor=" + body["next"].get<std::string>();
    }
    FAIL("more than 100 pages of " << path);
    return items;
}

std::set<long long> ids_of(const std::vector<json>& items) {
    std::set<long long> ids;
    for (const json& item : items) ids.insert(item.at("id").get<long long>());
    return ids;
}

// The user object's shape of DESIGN.md.
void check_user_shape(const json& user) {
    CAPTURE(user.dump());
    REQUIRE(user.is_object());
    CHECK(user["id"].is_number_integer());
    CHECK(user["email"].is_string());
    CHECK(user["name"].is_string());
    CHECK(user["role"].is_string());
    CHECK((user["organisation"].is_null() || user["organisation"].is_number_integer()));
    CHECK(user["groups"] == json::array());
    CHECK(user["active"].is_boolean());
    CHECK_FALSE(user.contains("password_hash"));
}

// The people of every role, in two partner organisations (Alpha and Beta) and the provider.
const std::vector<std::string> kRoles = {"requester", "org_helpdesk", "agent", "resolver", "manager", "admin"};

struct Staffed : Desk {
    json alpha, beta;              // partner organisations
    std::map<std::string, json> users;         // by role; requester and org_helpdesk in Alpha
    std::map<std::string, Session> sessions;   // by role, signed in with a bearer token
    json ann, ben;                 // requesters of Alpha and Beta who are not signed in

    static std::string password_of(const std::string& role) { return role + "-password-123"; }

    Staffed() {
        auto c = client();
        sessions["admin"] = sign_in_ok(c, kAdminEmail, admin_password);
        users["admin"] = sessions["admin"].user;
        const Auth desk = as_bearer(kDeskToken);
        alpha = expect(c, "POST", "/api/v1/organisations", desk, json{{"name", "Alpha Partners"}}, 201);
        beta = expect(c, "POST", "/api/v1/organisations", desk, json{{"name", "Beta Partners"}}, 201);
        for (const std::string& role : kRoles) {
            if (role == "admin") continue;
            const bool partner = role == "requester" || role == "org_helpdesk";
            users[role] = expect(c, "POST", "/api/v1/users", desk,
                                 json{{"email", role + "@example.org"}, {"name", "The " + role},
                                      {"role", role}, {"organisation", partner ? alpha["id"] : json(nullptr)},
                                      {"password", password_of(role)}},
                                 201);
            sessions[role] = sign_in_ok(c, role + "@example.org", password_of(role));
        }
        ann = expect(c, "POST", "/api/v1/users", desk,
                     json{{"email", "ann@alpha.example"}, {"name", "Ann Alpha"}, {"role", "requester"},
                          {"organisation", alpha["id"]}},
                     201);
        ben = expect(c, "POST", "/api/v1/users", desk,
                     json{{"email", "ben@beta.example"}, {"name", "Ben Beta"}, {"role", "requester"},
                          {"organisation", beta["id"]}},
                     201);
    }
    Auth as(const std::string& role) const { return as_bearer(sessions.at(role).token); }
};

}  // namespace

// [SECTION] The authorization matrix -----------------------------------------------------------

TEST_CASE("authorization matrix: every people endpoint x every role, the desk token and nobody") {
    Staffed desk;
    auto client = desk.client();
    const json gamma = expect(client, "POST", "/api/v1/organisations", as_bearer(kDeskToken),
                              json{{"name", "Gamma Renamed Often"}}, 201);

    const std::vector<std::string> callers = {"requester", "org_helpdesk", "agent", "resolver", "manager",
                                              "admin",     "desk",         "nobody"};
    const auto auth_of = [&](const std::string& caller) {
        if (caller == "desk") return as_bearer(kDeskToken);
        if (caller == "nobody") return Auth{};
        return desk.as(caller);
    };
    // Expected statuses: `ok` for the callers in `allowed`, `otherwise` for the rest, 401 for nobody.
    const auto statuses = [&](int ok, const std::set<std::string>& allowed, int otherwise = 403) {
        std::map<std::string, int> out;
        for (const std::string& c : callers) out[c] = allowed.count(c) ? ok : otherwise;
        out["nobody"] = 401;
        return out;
    };
    const std::set<std::string> persons = {"requester", "org_helpdesk", "agent", "resolver", "manager", "admin"};
    const std::set<std::string> org_readers = {"agent", "manager", "admin", "desk"};
    const std::set<std::string> user_readers = {"org_helpdesk", "agent", "resolver", "manager", "admin", "desk"};
    const std::set<std::string> admins = {"admin", "desk"};

    struct Row {
        std::string method, path, label;
        std::function<std::optional<json>(const std::string& caller)> body;
        std::map<std::string, int> expected;
        std::string code_403 = "forbidden";
    };
    const auto no_body = [](const std::string&) { return std::optional<json>(); };
    std::vector<Row> rows = {
        {"GET", "/api/v1/organisations", "GET organisations", no_body, statuses(200, org_readers)},
        {"POST", "/api/v1/organisations", "POST organisations",
         [](const std::string& c) { return std::optional<json>(json{{"name", "Made by " + c}}); }, statuses(201, admins)},
        {"GET", org_path(desk.alpha), "GET organisations/{id}", no_body, statuses(200, org_readers)},
        {"PATCH", org_path(gamma), "PATCH organisations/{id}",
         [](const std::string& c) { return std::optional<json>(json{{"name", "Gamma renamed by " + c}}); },
         statuses(200, admins)},
        {"GET", "/api/v1/users", "GET users", no_body, statuses(200, user_readers)},
        {"POST", "/api/v1/users", "POST users",
         [](const std::string& c) {
             return std::optional<json>(json{{"email", "made-by-" + c + "@example.org"}, {"name", "Made by " + c},
                                             {"role", "requester"}, {"password", "made-password-123"}});
         },
         statuses(201, admins)},
        {"GET", user_path(desk.ann), "GET users/{own organisation's}", no_body, statuses(200, user_readers)},
        {"GET", user_path(desk.ben), "GET users/{another organisation's}", no_body,
         [&] {
             auto s = statuses(200, {"agent", "resolver", "manager", "admin", "desk"});
             s["org_helpdesk"] = 404;  // outside what it may see
             return s;
         }()},
        {"PATCH", user_path(desk.ann), "PATCH users/{own organisation's}",
         [](const std::string& c) { return std::optional<json>(json{{"name", "Ann, named by " + c}}); },
         statuses(200, admins)},
        {"GET", "/api/v1/me", "GET me", no_body, statuses(200, persons, 404)},
        {"POST", "/api/v1/me/password", "POST me/password (wrong current)",
         [](const std::string&) {
             return std::optional<json>(json{{"current", "not-the-password"}, {"new", "a-new-password-123"}});
         },
         statuses(403, persons, 404), "wrong_password"},
        // Last: it ends the callers' sessions.
        {"DELETE", "/api/v1/sessions/current", "DELETE sessions/current", no_body, statuses(204, persons, 404)},
    };

    int cases = 0, failures = 0;
    std::ostringstream table;
    table << std::left << std::setw(36) << "endpoint \\ caller";
    for (const std::string& c : callers) table << std::setw(19) << c;
    table << "\n";
    for (const Row& row : rows) {
        table << std::setw(36) << row.label;
        for (const std::string& caller : callers) {
            const int want = row.expected.at(caller);
            const std::string want_code = want == 401   ? "unauthorized"
                                          : want == 403 ? row.code_403
                                          : want == 404 ? "not_found"
                                                        : "";
            auto res = call(client, row.method, row.path, auth_of(caller), row.body(caller));
            const int got = status_of(res);
            const std::string got_code = error_code(res);
            ++cases;
            const bool ok = got == want && (want_code.empty() || got_code == want_code);
            std::string cell = std::to_string(got);
            if (!got_code.empty() && (!ok || got >= 400)) cell += " " + got_code.substr(0, 14);
            if (!ok) {
                ++failures;
                cell = "!" + cell + " (" + std::to_string(want) + ")";
            }
            table << std::setw(19) << cell;
        }
        table << "\n";
    }
    MESSAGE("authorization matrix: " << cases << " cases, " << cases - failures << " as expected");
    CHECK_MESSAGE(failures == 0, "authorization matrix: " << failures << " of " << cases
                                                            << " cases wrong (!got (expected)):\n"
                                                            << table.str());

    // What the refused callers asked for did not happen.
    const Auth desk_token = as_bearer(kDeskToken);
    std::set<std::string> org_names;
    for (const json& o : all_pages(client, "/api/v1/organisations", desk_token)) org_names.insert(o["name"]);
    for (const std::string& c : callers) {
        CAPTURE(c);
        CHECK(org_names.count("Made by " + c) == admins.count(c));
    }
    CHECK(expect(client, "GET", org_path(gamma), desk_token, std::nullopt, 200)["name"] == "Gamma renamed by desk");
    std::set<std::string> emails;
    for (const json& u : all_pages(client, "/api/v1/users", desk_token)) emails.insert(u["email"]);
    for (const std::string& c : callers) {
        CAPTURE(c);
        CHECK(emails.count("made-by-" + c + "@example.org") == admins.count(c));
    }
    CHECK(expect(client, "GET", user_path(desk.ann), desk_token, std::nullopt, 200)["name"] == "Ann, named by desk");
    // Every person signed out in the last row; the desk token still works.
    for (const std::string& role : kRoles) {
        CAPTURE(role);
        CHECK(status_of(call(client, "GET", "/api/v1/me", desk.as(role))) == 401);
    }
    CHECK(status_of(call(client, "GET", "/api/v1/users", desk_token)) == 200);
}

TEST_CASE("a partner's help desk sees only its own organisation's users; another's answer 404") {
    Staffed desk;
    auto client = desk.client();
    const Auth helpdesk = desk.as("org_helpdesk");

    const std::vector<json> seen = all_pages(client, "/api/v1/users", helpdesk);
    const std::set<long long> ids = ids_of(seen);
    for (const json& u : seen) {
        CAPTURE(u.dump());
        CHECK(u["organisation"] == desk.alpha["id"]);
    }
    CHECK(ids.count(desk.ann["id"].get<long long>()));
    CHECK(ids.count(desk.users["requester"]["id"].get<long long>()));
    CHECK(ids.count(desk.users["org_helpdesk"]["id"].get<long long>()));
    CHECK_FALSE(ids.count(desk.ben["id"].get<long long>()));
    CHECK_FALSE(ids.count(desk.users["agent"]["id"].get<long long>()));
    CHECK_FALSE(ids.count(desk.users["admin"]["id"].get<long long>()));

    // Asking for the other organisation's users shows none of them.
    auto res = call(client, "GET", "/api/v1/users?organisation=" + std::to_string(desk.beta["id"].get<long long>()),
                    helpdesk);
    INFO(describe(res));
    REQUIRE(res);
    if (res->status == 200) {
        CHECK(json_of(res)["items"] == json::array());
    } else {
        CHECK((res->status == 403 || res->status == 404));
    }

    CHECK(expect(client, "GET", user_path(desk.ann), helpdesk, std::nullopt, 200) ==
          expect(client, "GET", user_path(desk.ann), as_bearer(kDeskToken), std::nullopt, 200));
    require_error(call(client, "GET", user_path(desk.ben), helpdesk), 404, "not_found");
    require_error(call(client, "GET", user_path(desk.users["agent"]), helpdesk), 404, "not_found");
    require_error(call(client, "GET", user_path(desk.users["admin"]), helpdesk), 404, "not_found");
    require_error(call(client, "PATCH", user_path(desk.ann), helpdesk, json{{"name", "Renamed"}}), 403, "forbidden");

    // Staff who read people see both organisations.
    const std::set<long long> agent_sees = ids_of(all_pages(client, "/api/v1/users", desk.as("agent")));
    CHECK(agent_sees.count(desk.ann["id"].get<long long>()));
    CHECK(agent_sees.count(desk.ben["id"].get<long long>()));
    CHECK(agent_sees.count(desk.users["admin"]["id"].get<long long>()));
}

// [SECTION] Organisations ----------------------------------------------------------------------

TEST_CASE("organisations: create, list by name, read and rename; a duplicate name is 409 whatever its case") {
    Desk desk;
    auto client = desk.client();
    const Auth admin = as_bearer(sign_in_ok(client, kAdminEmail, desk.admin_password).token);

    const json zeta = expect(client, "POST", "/api/v1/organisations", admin, json{{"name", "Zeta Works"}}, 201);
    CHECK(zeta["id"].is_number_integer());
    CHECK(zeta["name"] == "Zeta Works");
    const json alpha = expect(client, "POST", "/api/v1/organisations", admin, json{{"name", "Alpha Partners"}}, 201);
    const json midway = expect(client, "POST", "/api/v1/organisations", admin, json{{"name", "Midway Corp"}}, 201);
    const std::set<long long> made = {zeta["id"].get<long long>(), alpha["id"].get<long long>(),
                                      midway["id"].get<long long>()};
    CHECK(made.size() == 3);

    require_error(call(client, "POST", "/api/v1/organisations", admin, json{{"name", "ALPHA partners"}}), 409, "conflict");
    require_error(call(client, "POST", "/api/v1/organisations", admin, json{{"name", "Zeta Works"}}), 409, "conflict");

    const auto names = [&] {
        const json body = expect(client, "GET", "/api/v1/organisations", admin, std::nullopt, 200);
        CHECK(body.contains("next"));
        std::vector<std::string> out;
        for (const json& o : body["items"]) {
            CHECK(o.contains("id"));
            out.push_back(o["name"]);
        }
        return out;
    };
    CHECK(names() == std::vector<std::string>{"Alpha Partners", "Midway Corp", "Zeta Works"});
    CHECK(expect(client, "GET", org_path(zeta), admin, std::nullopt, 200) == zeta);

    const json renamed = expect(client, "PATCH", org_path(zeta), admin, json{{"name", "Acme Works"}}, 200);
    CHECK(renamed["name"] == "Acme Works");
    CHECK(renamed["id"] == zeta["id"]);
    CHECK(expect(client, "GET", org_path(zeta), admin, std::nullopt, 200)["name"] == "Acme Works");
    CHECK(names() == std::vector<std::string>{"Acme Works", "Alpha Partners", "Midway Corp"});
    require_error(call(client, "PATCH", org_path(zeta), admin, json{{"name", "midway corp"}}), 409, "conflict");
    CHECK(status_of(call(client, "PATCH", org_path(zeta), admin, json{{"name", "Acme Works"}})) == 200);  // its own

    for (const json& body : {json::object(), json{{"name", ""}}, json{{"name", 42}}, json{{"name", nullptr}}}) {
        CAPTURE(body.dump());
        const json error = require_error(call(client, "POST", "/api/v1/organisations", admin, body), 422, "invalid_field");
        CHECK(error["field"] == "name");
    }
    const json error = require_error(call(client, "PATCH", org_path(alpha), admin, json{{"name", ""}}), 422,
                                     "invalid_field");
    CHECK(error["field"] == "name");

    require_error(call(client, "GET", "/api/v1/organisations/999999", admin), 404, "not_found");
    require_error(call(client, "PATCH", "/api/v1/organisations/999999", admin, json{{"name", "Nobody's"}}), 404,
                  "not_found");
    require_error(call(client, "GET", "/api/v1/organisations/abc", admin), 404, "not_found");
}

// [SECTION] Users ------------------------------------------------------------------------------

TEST_CASE("users: create with a password or a one-time one, read, list with filters and pages, change") {
    Desk desk;
    auto client = desk.client();
    const Auth admin = as_bearer(sign_in_ok(client, kAdminEmail, desk.admin_password).token);
    const json alpha = expect(client, "POST", "/api/v1/organisations", admin, json{{"name", "Alpha Partners"}}, 201);
    const json beta = expect(client, "POST", "/api/v1/organisations", admin, json{{"name", "Beta Partners"}}, 201);

    // With a password: the email lower-cased and trimmed, no password in the answer.
    json dana = expect(client, "POST", "/api/v1/users", admin,
                       json{{"email", "  Dana.Smith@Example.ORG "}, {"name", "Dana Smith"}, {"role", "agent"},
                            {"password", "dana-password-1"}},
                       201);
    check_user_shape(dana);
    CHECK(dana["email"] == "dana.smith@example.org");
    CHECK(dana["name"] == "Dana Smith");
    CHECK(dana["role"] == "agent");
    CHECK(dana["organisation"].is_null());
    CHECK(dana["active"] == true);
    CHECK_FALSE(dana.contains("password"));
    CHECK(expect(client, "GET", user_path(dana), admin, std::nullopt, 200) == dana);

    // Without one: a one-time password in the answer, which signs in.
    json eve = expect(client, "POST", "/api/v1/users", admin,
                      json{{"email", "eve@example.org"}, {"name", "Eve"}, {"role", "requester"},
                           {"organisation", alpha["id"]}},
                      201);
    REQUIRE(eve["password"].is_string());
    const std::string eve_password = eve["password"];
    CHECK(eve_password.size() >= 10);
    eve.erase("password");
    check_user_shape(eve);
    CHECK(eve["organisation"] == alpha["id"]);
    CHECK(sign_in_ok(client, "eve@example.org", eve_password).user == eve);
    CHECK(expect(client, "GET", user_path(eve), admin, std::nullopt, 200) == eve);

    // One account per email, however it is written.
    for (const char* email : {"dana.smith@example.org", "DANA.SMITH@example.org", " dana.smith@example.org"}) {
        CAPTURE(email);
        require_error(call(client, "POST", "/api/v1/users", admin,
                           json{{"email", email}, {"name", "Dana Again"}, {"role", "agent"}}),
                      409, "conflict");
    }

    // Invalid fields answer 422 naming the field.
    const json valid = {{"email", "frank@example.org"}, {"name", "Frank"}, {"role", "requester"}};
    struct Case {
        json changes;
        const char* field;
    };
    for (const Case& c : {Case{{{"role", "superuser"}}, "role"}, Case{{{"role", nullptr}}, "role"},
                          Case{{{"email", "not-an-email"}}, "email"}, Case{{{"email", 42}}, "email"},
                          Case{{{"email", nullptr}}, "email"}, Case{{{"name", nullptr}}, "name"},
                          Case{{{"name", ""}}, "name"}, Case{{{"password", "nine-char"}}, "password"},
                          Case{{{"password", std::string(1025, 'p')}}, "password"},
                          Case{{{"password", 1234567890123}}, "password"},
                          Case{{{"organisation", "Alpha Partners"}}, "organisation"},
                          Case{{{"organisation", 999999}}, "organisation"}}) {
        json body = valid;
        body.merge_patch(c.changes);
        CAPTURE(body.dump().substr(0, 120));
        const json error = require_error(call(client, "POST", "/api/v1/users", admin, body), 422, "invalid_field");
        CHECK(error["field"] == c.field);
    }
    {
        json body = valid;
        body["password"] = "ten-chars!";  // the shortest allowed
        expect(client, "POST", "/api/v1/users", admin, body, 201);
    }

    // Lists, filters and pages.
    for (int i = 1; i <= 4; ++i)
        expect(client, "POST", "/api/v1/users", admin,
               json{{"email", "beta-" + std::to_string(i) + "@example.org"}, {"name", "Beta person " + std::to_string(i)},
                    {"role", "requester"}, {"organisation", beta["id"]}},
               201);
    const json everyone = expect(client, "GET", "/api/v1/users", admin, std::nullopt, 200);
    REQUIRE(everyone["items"].is_array());
    CHECK(everyone["next"].is_null());
    CHECK(everyone["items"].size() == 8);  // admin, dana, eve, frank and four of Beta
    for (const json& u : everyone["items"]) check_user_shape(u);

    const std::vector<json> paged = all_pages(client, "/api/v1/users?limit=3", admin);
    CHECK(paged.size() == 8);
    CHECK(ids_of(paged).size() == 8);  // no one twice
    CHECK(ids_of(paged) == ids_of(std::vector<json>(everyone["items"].begin(), everyone["items"].end())));
    {
        const json first = expect(client, "GET", "/api/v1/users?limit=3", admin, std::nullopt, 200);
        CHECK(first["items"].size() == 3);
        CHECK(first["next"].is_string());
    }

    const std::string beta_id = std::to_string(beta["id"].get<long long>());
    const std::vector<json> of_beta = all_pages(client, "/api/v1/users?organisation=" + beta_id, admin);
    CHECK(of_beta.size() == 4);
    for (const json& u : of_beta) CHECK(u["organisation"] == beta["id"]);
    const std::vector<json> agents = all_pages(client, "/api/v1/users?role=agent", admin);
    REQUIRE(agents.size() == 1);
    CHECK(agents[0]["id"] == dana["id"]);
    const std::vector<json> alpha_requesters = all_pages(
        client, "/api/v1/users?role=requester&organisation=" + std::to_string(alpha["id"].get<long long>()), admin);
    REQUIRE(alpha_requesters.size() == 1);
    CHECK(alpha_requesters[0]["id"] == eve["id"]);
    CHECK(all_pages(client, "/api/v1/users?organisation=" + beta_id + "&limit=2", admin).size() == 4);

    // Changes.
    json changed = expect(client, "PATCH", user_path(dana), admin,
                          json{{"name", "Dana S."}, {"role", "manager"}, {"organisation", alpha["id"]}}, 200);
    CHECK(changed["name"] == "Dana S.");
    CHECK(changed["role"] == "manager");
    CHECK(changed["organisation"] == alpha["id"]);
    CHECK(changed["email"] == "dana.smith@example.org");
    CHECK(expect(client, "GET", user_path(dana), admin, std::nullopt, 200) == changed);
    changed = expect(client, "PATCH", user_path(dana), admin, json{{"organisation", nullptr}}, 200);
    CHECK(changed["organisation"].is_null());
    CHECK(changed["role"] == "manager");
    for (const Case& c : {Case{{{"role", "superuser"}}, "role"}, Case{{{"name", ""}}, "name"},
                          Case{{{"active", "no"}}, "active"}, Case{{{"password", "short"}}, "password"},
                          Case{{{"organisation", 999999}}, "organisation"}}) {
        CAPTURE(c.changes.dump());
        const json error = require_error(call(client, "PATCH", user_path(dana), admin, c.changes), 422, "invalid_field");
        CHECK(error["field"] == c.field);
    }
    CHECK(expect(client, "GET", user_path(dana), admin, std::nullopt, 200) == changed);  // nothing of it changed

    // Setting a password: the new one signs in, the old one no longer.
    expect(client, "PATCH", user_path(dana), admin, json{{"password", "dana-password-2"}}, 200);
    require_error(sign_in(client, "dana.smith@example.org", "dana-password-1"), 401, "invalid_credentials");
    sign_in_ok(client, "dana.smith@example.org", "dana-password-2");

    require_error(call(client, "GET", "/api/v1/users/999999", admin), 404, "not_found");
    require_error(call(client, "PATCH", "/api/v1/users/999999", admin, json{{"name", "Nobody"}}), 404, "not_found");
}

TEST_CASE("reset_password answers a one-time password that signs in, and ends the user's sessions") {
    Desk desk;
    auto client = desk.client();
    const Auth admin = as_bearer(sign_in_ok(client, kAdminEmail, desk.admin_password).token);
    const json gil = expect(client, "POST", "/api/v1/users", admin,
                            json{{"email", "gil@example.org"}, {"name", "Gil"}, {"role", "resolver"},
                                 {"password", "gil-password-1"}},
                            201);
    const Session session = sign_in_ok(client, "gil@example.org", "gil-password-1");

    const json reset = expect(client, "PATCH", user_path(gil), admin, json{{"reset_password", true}}, 200);
    REQUIRE(reset["password"].is_string());
    const std::string one_time = reset["password"];
    CHECK(one_time.size() >= 10);
    CHECK(reset["id"] == gil["id"]);

    require_error(call(client, "GET", "/api/v1/me", as_bearer(session.token)), 401, "unauthorized");
    require_error(sign_in(client, "gil@example.org", "gil-password-1"), 401, "invalid_credentials");
    const Session again = sign_in_ok(client, "gil@example.org", one_time);
    CHECK(again.user["id"] == gil["id"]);

    // The one-time password is changed like any other.
    CHECK(status_of(call(client, "POST", "/api/v1/me/password", as_bearer(again.token),
                         json{{"current", one_time}, {"new", "gil-password-2"}})) == 204);
    sign_in_ok(client, "gil@example.org", "gil-password-2");
}

TEST_CASE("a deactivated user cannot sign in and its sessions end; reactivated, it signs in again") {
    Desk desk;
    auto client = desk.client();
    const Auth admin = as_bearer(sign_in_ok(client, kAdminEmail, desk.admin_password).token);
    const json hal = expect(client, "POST", "/api/v1/users", admin,
                            json{{"email", "hal@example.org"}, {"name", "Hal"}, {"role", "agent"},
                                 {"password", "hal-password-1"}},
                            201);
    const Session one = sign_in_ok(client, "hal@example.org", "hal-password-1");
    const Session two = sign_in_ok(client, "hal@example.org", "hal-password-1");

    const json off = expect(client, "PATCH", user_path(hal), admin, json{{"active", false}}, 200);
    CHECK(off["active"] == false);
    require_error(call(client, "GET", "/api/v1/me", as_bearer(one.token)), 401, "unauthorized");
    require_error(call(client, "GET", "/api/v1/users", as_bearer(two.token)), 401, "unauthorized");
    const json refused = require_error(sign_in(client, "hal@example.org", "hal-password-1"), 401, "invalid_credentials");
    const json wrong = require_error(sign_in(client, "hal@example.org", "not-the-password"), 401, "invalid_credentials");
    CHECK(refused["message"] == wrong["message"]);
    CHECK(expect(client, "GET", user_path(hal), admin, std::nullopt, 200)["active"] == false);
    // Still listed, for the record.
    CHECK(ids_of(all_pages(client, "/api/v1/users", admin)).count(hal["id"].get<long long>()));

    CHECK(expect(client, "PATCH", user_path(hal), admin, json{{"active", true}}, 200)["active"] == true);
    const Session back = sign_in_ok(client, "hal@example.org", "hal-password-1");
    CHECK(back.user["active"] == true);
    CHECK(status_of(call(client, "GET", "/api/v1/me", as_bearer(one.token))) == 401);  // ended sessions stay ended
}
