// Covers GET /api/v1/requests/{id}: who may read a request (its follow token, the desk) and
// who gets 404 (no token, another request's token, a made-up token, an unknown id).
#include <doctest/doctest.h>

#include "api_helpers.h"
#include "server_process.h"

using namespace spoc_test;

TEST_CASE("the follow token opens its own request with the timeline") {
    SpocServer server;
    auto client = server.client();
    const json filed = file_request(client);
    auto res = get(client, request_path(filed), filed["follow_token"]);
    REQUIRE(res);
    CHECK(res->status == 200);
    const json r = json_of(res);
    CHECK(r["id"] == filed["id"]);
    CHECK(r["ref"] == filed["ref"]);
    CHECK(r["subject"] == filed["subject"]);
    CHECK(r["state"] == "new");
    REQUIRE(r["timeline"].is_array());
    REQUIRE(r["timeline"].size() == 1);
    CHECK(r["timeline"][0]["kind"] == "created");
    CHECK_FALSE(r.contains("follow_token"));  // shown once, when filed
}

TEST_CASE("a request cannot be read without a token") {
    SpocServer server;
    auto client = server.client();
    const json filed = file_request(client);
    require_error(get(client, request_path(filed)), 404, "not_found");
    SUBCASE("nor with an empty bearer") {
        require_error(client.Get(request_path(filed).c_str(), {{"Authorization", "Bearer "}}), 404);
    }
    SUBCASE("nor with a made-up token") { require_error(get(client, request_path(filed), "not-a-token"), 404); }
    SUBCASE("nor with the token in another scheme") {
        require_error(
            client.Get(request_path(filed).c_str(), {{"Authorization", "Basic " + filed["follow_token"].get<std::string>()}}),
            404);
    }
}

TEST_CASE("a follow token does not open another person's request") {
    SpocServer server;
    auto client = server.client();
    const json mine = file_request(client, {{"subject", "Mine"}});
    const json theirs = file_request(client, {{"subject", "Theirs"}});
    const json error = require_error(get(client, request_path(theirs), mine["follow_token"]), 404, "not_found");
    CHECK(error["message"].get<std::string>().find("Theirs") == std::string::npos);
    // and the answer is the same as for an id that does not exist, so ids cannot be probed
    const json unknown = require_error(get(client, "/api/v1/requests/999999", mine["follow_token"]), 404);
    CHECK(unknown == error);
}

TEST_CASE("the desk token opens every request") {
    SpocServer server;
    auto client = server.client();
    const json a = file_request(client, {{"subject", "First one"}});
    const json b = file_request(client, {{"subject", "Second one"}});
    for (const json& filed : {a, b}) {
        auto res = get(client, request_path(filed), kDeskToken);
        REQUIRE(res);
        CHECK(res->status == 200);
        const json r = json_of(res);
        CHECK(r["subject"] == filed["subject"]);
        CHECK(r["timeline"].size() == 1);
    }
    SUBCASE("the bearer scheme is case-insensitive") {
        auto res = client.Get(request_path(a).c_str(), {{"Authorization", "bearer " + kDeskToken}});
        REQUIRE(res);
        CHECK(res->status == 200);
    }
}

TEST_CASE("an unknown or malformed id answers 404") {
    SpocServer server;
    auto client = server.client();
    file_request(client);
    require_error(get(client, "/api/v1/requests/999999", kDeskToken), 404, "not_found");
    require_error(get(client, "/api/v1/requests/0", kDeskToken), 404, "not_found");
    require_error(get(client, "/api/v1/requests/99999999999999999999999", kDeskToken), 404, "not_found");
    require_error(get(client, "/api/v1/requests/abc", kDeskToken), 404);
    require_error(get(client, "/api/v1/requests/-1", kDeskToken), 404);
}
