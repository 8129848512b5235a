// Covers durability: requests, timelines and the desk token survive a restart and a kill -9
// right after the 201, and SIGTERM stops the server cleanly with exit code 0.
#include <doctest/doctest.h>

#include <regex>

#include "api_helpers.h"
#include "server_process.h"

using namespace spoc_test;

TEST_CASE("requests and their timelines survive a restart on the same database") {
    SpocServer server;
    json before;
    {
        auto client = server.client();
        const json filed = file_request(client, {{"subject", "Keep me"}});
        REQUIRE(post_json(client, request_path(filed, "/comments"), {{"body", "A reply"}}, filed["follow_token"])->status == 201);
        REQUIRE(post_json(client, request_path(filed, "/comments"), {{"body", "A note"}, {"internal", true}}, kDeskToken)->status ==
                201);
        REQUIRE(post_json(client, request_path(filed, "/transitions"), {{"to", "assigned"}}, kDeskToken)->status == 200);
        before = json_of(get(client, request_path(filed), kDeskToken));
        before["follow_token"] = filed["follow_token"];
        file_request(client, {{"subject", "Second"}});
    }
    server.restart();

    auto client = server.client();
    const json after = json_of(get(client, request_path(before), kDeskToken));
    json expected = before;
    expected.erase("follow_token");
    CHECK(after == expected);
    CHECK(after["timeline"].size() == 4);
    // the follow token still opens it, still without the internal note
    const json as_requester = json_of(get(client, request_path(before), before["follow_token"]));
    CHECK(as_requester["timeline"].size() == 3);
    // the list and the numbering carry on
    const json page = json_of(get(client, "/api/v1/requests", kDeskToken));
    CHECK(page["items"].size() == 2);
    CHECK(file_request(client)["ref"] == "SD-000003");
}

TEST_CASE("the desk token is kept in the database across restarts") {
    SpocServer server;
    SUBCASE("a token given with --desk-token still works when started without it") {
        server.options().desk_token.reset();
        server.restart();
        CHECK(server.process().startup_output().find("Desk token") == std::string::npos);  // no new one made
        auto client = server.client();
        CHECK(get(client, "/api/v1/requests", kDeskToken)->status == 200);
    }
    SUBCASE("a new --desk-token replaces the old one") {
        server.options().desk_token = "a-new-desk-token";
        server.restart();
        auto client = server.client();
        require_error(get(client, "/api/v1/requests", kDeskToken), 401);
        CHECK(get(client, "/api/v1/requests", "a-new-desk-token")->status == 200);
    }
}

TEST_CASE("a desk token made at the first start is shown once and kept") {
    ServerOptions options;
    options.desk_token.reset();
    SpocServer server(options);
    const std::string shown = server.process().startup_output();
    std::smatch m;
    REQUIRE(std::regex_search(shown, m, std::regex(R"(Desk token[^\n]*\n\s+([A-Za-z0-9_-]{22,})\n)")));
    const std::string token = m[1];
    {
        auto client = server.client();
        CHECK(get(client, "/api/v1/requests", token)->status == 200);
        require_error(get(client, "/api/v1/requests", kDeskToken), 401);
    }
    server.restart();
    CHECK(server.process().startup_output().find(token) == std::string::npos);
    auto client = server.client();
    CHECK(get(client, "/api/v1/requests", token)->status == 200);
}

TEST_CASE("a request answered with 201 survives kill -9 right after") {
    SpocServer server;
    json filed;
    {
        auto client = server.client();
        for (int i = 0; i < 3; ++i) filed = file_request(client, {{"subject", "Filed just before the crash " + std::to_string(i)}});
    }
    server.crash_and_restart();  // SIGKILL: no clean shutdown, no checkpoint
    auto client = server.client();
    auto res = get(client, request_path(filed), filed["follow_token"]);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const json r = json_of(res);
    CHECK(r["subject"] == "Filed just before the crash 2");
    CHECK(r["timeline"].size() == 1);
    CHECK(json_of(get(client, "/api/v1/requests", kDeskToken))["items"].size() == 3);
}

TEST_CASE("a comment and a transition answered with 200/201 survive kill -9") {
    SpocServer server;
    json filed;
    {
        auto client = server.client();
        filed = file_request(client);
        REQUIRE(post_json(client, request_path(filed, "/comments"), {{"body", "Saved?"}}, filed["follow_token"])->status == 201);
        REQUIRE(post_json(client, request_path(filed, "/transitions"), {{"to", "resolved"}, {"reason", "Yes"}}, kDeskToken)
                    ->status == 200);
    }
    server.crash_and_restart();
    auto client = server.client();
    const json r = json_of(get(client, request_path(filed), kDeskToken));
    CHECK(r["state"] == "resolved");
    REQUIRE(r["timeline"].size() == 3);
    CHECK(r["timeline"][1]["body"] == "Saved?");
    CHECK(r["timeline"][2]["reason"] == "Yes");
}

TEST_CASE("SIGTERM stops the server cleanly with exit code 0") {
    TempFolder folder;
    ServerOptions options;
    options.data = folder.path() / "spoc.db";
    ServerProcess process(options);
    {
        auto client = process.client();
        file_request(client);
    }
    CHECK(process.terminate(std::chrono::seconds(5)) == 0);
    CHECK_FALSE(process.running());
    CHECK(process.error_output().find("error") == std::string::npos);

    SUBCASE("also while a client holds a keep-alive connection open") {
        // httplib lets an idle keep-alive connection wait out its timeout (5 s) before the
        // server can end; it must still end, and with 0.
        ServerProcess again(options);
        auto client = again.client();
        client.set_keep_alive(true);
        REQUIRE(client.Get("/healthz"));
        REQUIRE(client.Get("/healthz"));
        CHECK(again.terminate(std::chrono::seconds(8)) == 0);
    }
}

TEST_CASE("SIGTERM right after the server says where it serves still stops it") {
    // The signal can come before the server listens; it used to be lost then (about 1 in 100).
    TempFolder folder;
    ServerOptions options;
    options.data = folder.path() / "spoc.db";
    options.wait_until_healthy = false;
    for (int i = 0; i < 40; ++i) {
        CAPTURE(i);
        ServerProcess process(options);
        REQUIRE(process.terminate(std::chrono::seconds(3)) == 0);
    }
}
