// Covers requests reached through a session (until groups and tenants arrive): the desk's
// agents, managers and admins act as the desk; a requester reaches what was filed with their
// email, also as a guest before the account existed; anyone else gets 404; a cookie needs
// its CSRF token to change anything.
#include <doctest/doctest.h>

#include "accounts_helpers.h"
#include "api_helpers.h"
#include "server_process.h"

using namespace spoc_test;

namespace {

// An account of this role made by the admin, signed in.
Session person(Desk& desk, httplib::Client& client, const std::string& email, const std::string& role) {
    const Session admin = sign_in_ok(client, kAdminEmail, desk.admin_password);
    auto made = post_json(client, "/api/v1/users",
                          {{"email", email}, {"name", role}, {"role", role}, {"password", "a password of " + role}},
                          admin.token);
    REQUIRE(made);
    REQUIRE(made->status == 201);
    return sign_in_ok(client, email, "a password of " + role);
}

}  // namespace

TEST_CASE("a requester's session reaches what was filed with their email, even as a guest before, and nothing else") {
    Desk desk;
    auto client = desk.client();
    const json mine = file_request(client, {{"requester", {{"name", "Ada"}, {"email", " Ada@Example.org"}}}});
    const json theirs = file_request(client, {{"requester", {{"name", "Bob"}, {"email", "bob@example.org"}}}});
    REQUIRE(status_of(post_json(client, request_path(mine, "/comments"), {{"body", "Checked the logs"}, {"internal", true}},
                             kDeskToken)) == 201);

    const Session ada = person(desk, client, "ada@example.org", "requester");
    const json list = json_of(get(client, "/api/v1/requests", ada.token));
    REQUIRE(list["items"].size() == 1);
    CHECK(list["items"][0]["id"] == mine["id"]);

    const json shown = json_of(get(client, request_path(mine), ada.token));
    for (const json& event : shown["timeline"]) CHECK_FALSE(event.value("internal", false));  // no internal note
    CHECK(status_of(get(client, request_path(theirs), ada.token)) == 404);

    CHECK(status_of(post_json(client, request_path(mine, "/comments"), {{"body", "Thanks!"}}, ada.token)) == 201);
    CHECK(status_of(post_json(client, request_path(theirs, "/comments"), {{"body", "Hi"}}, ada.token)) == 404);
    CHECK(status_of(post_json(client, request_path(mine, "/comments"), {{"body", "x"}, {"internal", true}}, ada.token)) == 403);
    CHECK(status_of(post_json(client, request_path(mine, "/transitions"), {{"to", "in_progress"}}, ada.token)) == 403);
    CHECK(status_of(post_json(client, request_path(theirs, "/transitions"), {{"to", "in_progress"}}, ada.token)) == 404);
}

TEST_CASE("agents, managers and admins act as the desk; resolvers and partner help desks reach nothing yet") {
    Desk desk;
    auto client = desk.client();
    const json filed = file_request(client);
    for (const std::string role : {"agent", "manager"}) {
        CAPTURE(role);
        const Session staff = person(desk, client, role + "@example.org", role);
        CHECK(json_of(get(client, "/api/v1/requests", staff.token))["items"].size() == 1);
        CHECK(status_of(post_json(client, request_path(filed, "/comments"), {{"body", "Note"}, {"internal", true}},
                               staff.token)) == 201);
    }
    const Session agent = sign_in_ok(client, "agent@example.org", "a password of agent");
    CHECK(status_of(post_json(client, request_path(filed, "/transitions"), {{"to", "in_progress"}}, agent.token)) == 200);
    const json shown = json_of(get(client, request_path(filed), agent.token));
    CHECK(shown["state"] == "in_progress");

    for (const std::string role : {"resolver", "org_helpdesk"}) {
        CAPTURE(role);
        const Session other = person(desk, client, role + "@example.org", role);
        CHECK(json_of(get(client, "/api/v1/requests", other.token))["items"].empty());
        CHECK(status_of(get(client, request_path(filed), other.token)) == 404);
        CHECK(status_of(post_json(client, request_path(filed, "/comments"), {{"body", "Hi"}}, other.token)) == 404);
    }
    CHECK(status_of(get(client, "/api/v1/requests")) == 401);
}

TEST_CASE("with the session cookie, a reply needs the CSRF token; reading does not") {
    Desk desk;
    auto client = desk.client();
    const json filed = file_request(client, {{"requester", {{"name", "Ada"}, {"email", "ada@example.org"}}}});
    const Session ada = person(desk, client, "ada@example.org", "requester");
    const httplib::Headers cookie = {{"Cookie", "spoc_session=" + ada.token}};
    auto read = client.Get(request_path(filed).c_str(), cookie);
    CHECK(status_of(read) == 200);

    const std::string reply = json{{"body", "More details"}}.dump();
    auto refused = client.Post(request_path(filed, "/comments").c_str(), cookie, reply, "application/json");
    CHECK(status_of(refused) == 403);
    CHECK(require_error(refused, 403, "csrf").is_object());
    httplib::Headers with_csrf = cookie;
    with_csrf.emplace("X-CSRF-Token", ada.csrf);
    CHECK(status_of(client.Post(request_path(filed, "/comments").c_str(), with_csrf, reply, "application/json")) == 201);
}
