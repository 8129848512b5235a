// Covers POST /api/v1/requests/{id}/comments: public replies both sides see, internal notes
// only the desk sees, who may write what, and 422 for an empty text.
#include <doctest/doctest.h>

#include "api_helpers.h"
#include "server_process.h"

using namespace spoc_test;

namespace {

json comments_of(const json& request) {
    json out = json::array();
    for (const json& e : request["timeline"])
        if (e["kind"] == "comment") out.push_back(e);
    return out;
}

json read(httplib::Client& client, const json& request, const std::string& token) {
    auto res = get(client, request_path(request), token);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return json_of(res);
}

json comment(httplib::Client& client, const json& request, const json& body, const std::string& token) {
    auto res = post_json(client, request_path(request, "/comments"), body, token);
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 201);
    return json_of(res);
}

bool mentions(const json& request, const std::string& text) { return request.dump().find(text) != std::string::npos; }

}  // namespace

TEST_CASE("the follow token adds a public reply that both sides see") {
    SpocServer server;
    auto client = server.client();
    const json filed = file_request(client);
    const std::string follow = filed["follow_token"];

    const json answer = comment(client, filed, {{"body", "It happens every morning."}}, follow);
    const json replies = comments_of(answer);
    REQUIRE(replies.size() == 1);
    CHECK(replies[0]["body"] == "It happens every morning.");
    CHECK(replies[0]["internal"] == false);
    CHECK(replies[0]["actor"] == "requester");
    CHECK(replies[0]["at"].is_string());

    CHECK(comments_of(read(client, filed, follow)) == replies);
    CHECK(comments_of(read(client, filed, kDeskToken)) == replies);
}

TEST_CASE("the desk adds a public reply the requester sees") {
    SpocServer server;
    auto client = server.client();
    const json filed = file_request(client);
    comment(client, filed, {{"body", "Please restart the laptop."}, {"internal", false}}, kDeskToken);
    const json replies = comments_of(read(client, filed, filed["follow_token"]));
    REQUIRE(replies.size() == 1);
    CHECK(replies[0]["body"] == "Please restart the laptop.");
    CHECK(replies[0]["actor"] == "desk");
    CHECK(replies[0]["internal"] == false);
}

TEST_CASE("an internal note is seen by the desk and never by the follow-token holder") {
    SpocServer server;
    auto client = server.client();
    const json filed = file_request(client);
    const std::string follow = filed["follow_token"];
    const std::string secret = "Vendor contract number 4711 expires soon";

    const json desk_view = comment(client, filed, {{"body", secret}, {"internal", true}}, kDeskToken);
    REQUIRE(comments_of(desk_view).size() == 1);
    CHECK(comments_of(desk_view)[0]["internal"] == true);
    CHECK(comments_of(desk_view)[0]["actor"] == "desk");

    const json desk_read = read(client, filed, kDeskToken);
    REQUIRE(comments_of(desk_read).size() == 1);
    CHECK(comments_of(desk_read)[0]["body"] == secret);
    CHECK(comments_of(desk_read)[0]["internal"] == true);

    // not in GET ...
    const json requester_read = read(client, filed, follow);
    CHECK(comments_of(requester_read).empty());
    CHECK_FALSE(mentions(requester_read, secret));
    // ... nor in the answer to the requester's own reply
    const json reply_answer = comment(client, filed, {{"body", "Any news?"}}, follow);
    CHECK(comments_of(reply_answer).size() == 1);
    CHECK_FALSE(mentions(reply_answer, secret));
    // ... nor after a state change
    auto moved = post_json(client, request_path(filed, "/transitions"), {{"to", "assigned"}}, kDeskToken);
    REQUIRE(moved);
    CHECK(moved->status == 200);
    CHECK_FALSE(mentions(read(client, filed, follow), secret));
    // while the desk still sees both comments in order
    const json desk_again = comments_of(read(client, filed, kDeskToken));
    REQUIRE(desk_again.size() == 2);
    CHECK(desk_again[0]["body"] == secret);
    CHECK(desk_again[1]["body"] == "Any news?");
}

TEST_CASE("a follow token cannot write internal notes") {
    SpocServer server;
    auto client = server.client();
    const json filed = file_request(client);
    require_error(post_json(client, request_path(filed, "/comments"), {{"body", "psst"}, {"internal", true}},
                            filed["follow_token"]),
                  403, "forbidden");
    CHECK(comments_of(read(client, filed, kDeskToken)).empty());
}

TEST_CASE("a comment without a token, or with another request's token, answers 404") {
    SpocServer server;
    auto client = server.client();
    const json filed = file_request(client);
    const json other = file_request(client);
    require_error(post_json(client, request_path(filed, "/comments"), {{"body", "hello"}}), 404, "not_found");
    require_error(post_json(client, request_path(filed, "/comments"), {{"body", "hello"}}, other["follow_token"]),
                  404, "not_found");
    require_error(post_json(client, "/api/v1/requests/999999/comments", {{"body", "hello"}}, kDeskToken), 404);
    CHECK(comments_of(read(client, filed, kDeskToken)).empty());
}

TEST_CASE("an empty, blank or missing comment text answers 422 for the field body") {
    SpocServer server;
    auto client = server.client();
    const json filed = file_request(client);
    for (const json& body : {json{{"body", ""}}, json{{"body", "  \n\t "}}, json::object(), json{{"body", 42}},
                             json{{"body", nullptr}}}) {
        CAPTURE(body.dump());
        for (const std::string& token : {filed["follow_token"].get<std::string>(), kDeskToken}) {
            const json error = require_error(post_json(client, request_path(filed, "/comments"), body, token), 422);
            CHECK(error["field"] == "body");
        }
    }
    SUBCASE("internal must be true or false") {
        const json error = require_error(
            post_json(client, request_path(filed, "/comments"), {{"body", "x"}, {"internal", "yes"}}, kDeskToken), 422);
        CHECK(error["field"] == "internal");
    }
    SUBCASE("more than 20,000 characters") {
        const json error = require_error(
            post_json(client, request_path(filed, "/comments"), {{"body", std::string(20001, 'a')}}, kDeskToken), 422);
        CHECK(error["field"] == "body");
        REQUIRE(error["details"].is_array());
        CHECK(error["details"][0]["field"] == "body");
    }
    CHECK(comments_of(read(client, filed, kDeskToken)).empty());
}

TEST_CASE("the requester cannot reply to a closed request but the desk can still note") {
    SpocServer server;
    auto client = server.client();
    const json filed = file_request(client);
    for (const json& step : {json{{"to", "resolved"}, {"reason", "Fixed."}}, json{{"to", "closed"}}}) {
        auto res = post_json(client, request_path(filed, "/transitions"), step, kDeskToken);
        REQUIRE(res);
        REQUIRE(res->status == 200);
    }
    require_error(post_json(client, request_path(filed, "/comments"), {{"body", "Still broken"}}, filed["follow_token"]),
                  409, "request_closed");
    comment(client, filed, {{"body", "Archived."}, {"internal", true}}, kDeskToken);
}
