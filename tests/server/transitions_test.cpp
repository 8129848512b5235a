// Covers POST /api/v1/requests/{id}/transitions: desk only, legal changes with their
// state_changed event, 409 for illegal ones, reasons, unknown states, and final states.
#include <doctest/doctest.h>

#include "api_helpers.h"
#include "server_process.h"

using namespace spoc_test;

namespace {

httplib::Result transition(httplib::Client& client, const json& request, const json& body,
                           const std::string& token = kDeskToken) {
    return post_json(client, request_path(request, "/transitions"), body, token);
}

json move(httplib::Client& client, const json& request, const std::string& to, const std::string& reason = "") {
    json body = {{"to", to}};
    if (!reason.empty()) body["reason"] = reason;
    auto res = transition(client, request, body);
    REQUIRE(res);
    INFO(to << ": " << res->body);
    REQUIRE(res->status == 200);
    return json_of(res);
}

json read(httplib::Client& client, const json& request) {
    auto res = get(client, request_path(request), kDeskToken);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return json_of(res);
}

}  // namespace

TEST_CASE("only the desk changes the state of a request") {
    SpocServer server;
    auto client = server.client();
    const json filed = file_request(client);

    SUBCASE("without a token: 401") {
        auto res = transition(client, filed, {{"to", "assigned"}}, "");
        require_error(res, 401, "unauthorized");
        CHECK(res->get_header_value("WWW-Authenticate") == "Bearer");
    }
    SUBCASE("with the follow token: 403") {
        require_error(transition(client, filed, {{"to", "cancelled"}, {"reason", "Never mind"}}, filed["follow_token"]),
                      403, "forbidden");
    }
    SUBCASE("with another request's token: 404") {
        const json other = file_request(client);
        require_error(transition(client, filed, {{"to", "assigned"}}, other["follow_token"]), 404);
    }
    const json r = read(client, filed);
    CHECK(r["state"] == "new");
    CHECK(r["timeline"].size() == 1);
}

TEST_CASE("a legal transition answers 200 with a state_changed event by the desk") {
    SpocServer server;
    auto client = server.client();
    const json filed = file_request(client);

    const json assigned = move(client, filed, "assigned");
    CHECK(assigned["state"] == "assigned");
    REQUIRE(assigned["timeline"].size() == 2);
    const json& e = assigned["timeline"][1];
    CHECK(e["kind"] == "state_changed");
    CHECK(e["from"] == "new");
    CHECK(e["to"] == "assigned");
    CHECK(e["actor"] == "desk");
    CHECK(e["at"].is_string());
    CHECK_FALSE(e.contains("reason"));

    const json pending = move(client, filed, "pending", "Waiting for the replacement part");
    CHECK(pending["state"] == "pending");
    const json& p = pending["timeline"].back();
    CHECK(p["from"] == "assigned");
    CHECK(p["to"] == "pending");
    CHECK(p["reason"] == "Waiting for the replacement part");
    CHECK(p["actor"] == "desk");

    // what the answer said is what was stored, and the requester sees the change too
    CHECK(read(client, filed)["timeline"] == pending["timeline"]);
    auto as_requester = get(client, request_path(filed), filed["follow_token"]);
    REQUIRE(as_requester);
    CHECK(json_of(as_requester)["state"] == "pending");
}

TEST_CASE("a request walks the whole lifecycle and keeps every step in its timeline") {
    SpocServer server;
    auto client = server.client();
    const json filed = file_request(client);
    move(client, filed, "assigned");
    move(client, filed, "in_progress");
    move(client, filed, "pending", "Asked the requester for the serial number");
    move(client, filed, "in_progress");
    move(client, filed, "resolved", "Replaced the cable");
    move(client, filed, "in_progress");  // reopened
    move(client, filed, "resolved", "Replaced the dock as well");
    const json closed = move(client, filed, "closed");
    CHECK(closed["state"] == "closed");

    const json timeline = read(client, filed)["timeline"];
    REQUIRE(timeline.size() == 9);
    const char* path[] = {"new", "assigned", "in_progress", "pending", "in_progress", "resolved", "in_progress",
                          "resolved", "closed"};
    for (std::size_t i = 1; i < timeline.size(); ++i) {
        CAPTURE(i);
        CHECK(timeline[i]["from"] == path[i - 1]);
        CHECK(timeline[i]["to"] == path[i]);
    }
}

TEST_CASE("an illegal transition answers 409 and leaves the state unchanged") {
    SpocServer server;
    auto client = server.client();
    const json filed = file_request(client);
    const json error = require_error(transition(client, filed, {{"to", "closed"}}), 409, "illegal_transition");
    CHECK(error["message"].get<std::string>().find("new") != std::string::npos);
    require_error(transition(client, filed, {{"to", "pending"}, {"reason", "Waiting"}}), 409, "illegal_transition");
    require_error(transition(client, filed, {{"to", "new"}}), 409, "illegal_transition");

    const json r = read(client, filed);
    CHECK(r["state"] == "new");
    CHECK(r["timeline"].size() == 1);
    CHECK(r["updated_at"] == filed["updated_at"]);
}

TEST_CASE("pending, resolved and cancelled need a reason") {
    SpocServer server;
    auto client = server.client();
    const json filed = file_request(client);
    move(client, filed, "assigned");
    for (const char* to : {"pending", "resolved", "cancelled"}) {
        CAPTURE(to);
        for (const json& body : {json{{"to", to}}, json{{"to", to}, {"reason", ""}}, json{{"to", to}, {"reason", "   "}}}) {
            const json error = require_error(transition(client, filed, body), 422);
            CHECK(error["field"] == "reason");
        }
    }
    const json r = read(client, filed);
    CHECK(r["state"] == "assigned");
    CHECK(r["timeline"].size() == 2);
    CHECK(move(client, filed, "cancelled", "Duplicate of SD-000007")["timeline"].back()["reason"] ==
          "Duplicate of SD-000007");
}

TEST_CASE("an unknown or missing target state answers 422 for the field to") {
    SpocServer server;
    auto client = server.client();
    const json filed = file_request(client);
    for (const json& body : {json{{"to", "done"}}, json{{"to", ""}}, json{{"to", "NEW"}}, json{{"to", 3}},
                             json::object(), json{{"reason", "because"}}}) {
        CAPTURE(body.dump());
        const json error = require_error(transition(client, filed, body), 422);
        CHECK(error["field"] == "to");
    }
    SUBCASE("a reason that is not text") {
        const json error = require_error(transition(client, filed, {{"to", "assigned"}, {"reason", 5}}), 422);
        CHECK(error["field"] == "reason");
    }
    SUBCASE("a reason over 2,000 characters") {
        const json error =
            require_error(transition(client, filed, {{"to", "resolved"}, {"reason", std::string(2001, 'r')}}), 422);
        CHECK(error["field"] == "reason");
    }
    CHECK(read(client, filed)["state"] == "new");
}

TEST_CASE("closed and cancelled are final") {
    SpocServer server;
    auto client = server.client();
    const json closed = file_request(client);
    move(client, closed, "resolved", "Done");
    move(client, closed, "closed");
    const json cancelled = file_request(client);
    move(client, cancelled, "cancelled", "Filed twice");

    for (const json& r : {closed, cancelled})
        for (const char* to : {"new", "assigned", "in_progress", "pending", "resolved", "closed", "cancelled"}) {
            CAPTURE(to);
            require_error(transition(client, r, {{"to", to}, {"reason", "Try again"}}), 409, "illegal_transition");
        }
    CHECK(read(client, closed)["state"] == "closed");
    CHECK(read(client, cancelled)["state"] == "cancelled");
    CHECK(read(client, closed)["timeline"].size() == 3);
}

TEST_CASE("a transition of an unknown request answers 404") {
    SpocServer server;
    auto client = server.client();
    require_error(post_json(client, "/api/v1/requests/424242/transitions", {{"to", "assigned"}}, kDeskToken), 404,
                  "not_found");
}
