// Covers POST /api/v1/requests: the 201 answer with id, ref, kind, priority, state, times,
// timeline, follow token and Location.
#include <doctest/doctest.h>

#include <ctime>
#include <regex>
#include <set>

#include "api_helpers.h"
#include "clock.h"
#include "server_process.h"

using namespace spoc_test;

TEST_CASE("filing a request answers 201 with the whole new request") {
    SpocServer server;
    auto client = server.client();
    const std::time_t before = std::time(nullptr);
    auto res = post_json(client, "/api/v1/requests",
                         new_request_body({{"type", "broken_hardware"},
                                           {"subject", "  My screen flickers  "},
                                           {"impact", "high"},
                                           {"urgency", "medium"},
                                           {"fields", {{"device", "monitor"}, {"location", "Room 4.12"}}}}));
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 201);
    const json r = json_of(res);

    REQUIRE(r["id"].is_number_integer());
    const auto id = r["id"].get<long long>();
    CHECK(id >= 1);
    char ref[32];
    std::snprintf(ref, sizeof ref, "SD-%06lld", id);
    CHECK(r["ref"] == ref);
    CHECK(r["kind"] == "incident");  // from the type
    CHECK(r["type"] == "broken_hardware");
    CHECK(r["subject"] == "My screen flickers");  // trimmed
    CHECK(r["impact"] == "high");
    CHECK(r["urgency"] == "medium");
    CHECK(r["priority"] == 2);
    CHECK(r["state"] == "new");
    CHECK(r["requester"] == json{{"name", "Ada Example"}, {"email", "ada@example.org"}, {"user", nullptr}});
    CHECK(r["fields"] == json{{"device", "monitor"}, {"location", "Room 4.12"}});
    CHECK(res->get_header_value("Location") == "/api/v1/requests/" + std::to_string(id));

    const std::regex rfc3339(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
    REQUIRE(r["created_at"].is_string());
    const std::string created = r["created_at"];
    CHECK(std::regex_match(created, rfc3339));
    const auto at = spoc::from_rfc3339(created);
    REQUIRE(at.has_value());
    CHECK(*at >= before - 1);
    CHECK(*at <= std::time(nullptr) + 1);
    CHECK(r["updated_at"] == r["created_at"]);

    REQUIRE(r["timeline"].is_array());
    REQUIRE(r["timeline"].size() == 1);
    CHECK(r["timeline"][0]["kind"] == "created");
    CHECK(r["timeline"][0]["actor"] == "requester");
    CHECK(r["timeline"][0]["at"] == created);
}

TEST_CASE("the kind comes from the request type") {
    SpocServer server;
    auto client = server.client();
    CHECK(file_request(client, {{"type", "question"}})["kind"] == "service_request");
    CHECK(file_request(client, {{"type", "new_equipment"}, {"fields", {{"item", "headset"}}}})["kind"] ==
          "service_request");
    CHECK(file_request(client, {{"type", "account_locked"}, {"fields", {{"system", "Mail"}}}})["kind"] ==
          "incident");
}

TEST_CASE("the priority follows the impact x urgency matrix") {
    SpocServer server;
    auto client = server.client();
    const char* levels[] = {"high", "medium", "low"};
    for (int i = 0; i < 3; ++i)
        for (int u = 0; u < 3; ++u) {
            CAPTURE(levels[i]);
            CAPTURE(levels[u]);
            const json r = file_request(client, {{"impact", levels[i]}, {"urgency", levels[u]}});
            CHECK(r["priority"] == 1 + i + u);
        }
}

TEST_CASE("every request gets its own follow token of at least 128 random bits") {
    SpocServer server;
    auto client = server.client();
    const std::regex base64url(R"([A-Za-z0-9_-]{22,})");  // 22 base64url characters carry 132 bits
    std::set<std::string> tokens;
    std::set<long long> ids;
    for (int i = 0; i < 5; ++i) {
        const json r = file_request(client);
        REQUIRE(r["follow_token"].is_string());
        const std::string token = r["follow_token"];
        CHECK(std::regex_match(token, base64url));
        tokens.insert(token);
        ids.insert(r["id"].get<long long>());
        CHECK(token.find(kDeskToken) == std::string::npos);
    }
    CHECK(tokens.size() == 5);
    CHECK(ids.size() == 5);
}

TEST_CASE("ids and refs count up from SD-000001 in a new database") {
    SpocServer server;
    auto client = server.client();
    CHECK(file_request(client)["ref"] == "SD-000001");
    CHECK(file_request(client)["ref"] == "SD-000002");
    CHECK(file_request(client)["id"] == 3);
}

TEST_CASE("a request sent again with the same Idempotency-Key is filed once") {
    SpocServer server;
    auto client = server.client();
    const std::string body = new_request_body({{"subject", "VPN drops every few minutes"}}).dump();
    const httplib::Headers key = {{"Idempotency-Key", "5f0c2a1e-portal-draft-1"}};
    auto first = client.Post("/api/v1/requests", key, body, "application/json");
    REQUIRE(first);
    REQUIRE(first->status == 201);
    auto again = client.Post("/api/v1/requests", key, body, "application/json");
    REQUIRE(again);
    CHECK(again->status == 200);
    const json a = json_of(first), b = json_of(again);
    CHECK(b["id"] == a["id"]);
    CHECK(b["ref"] == a["ref"]);
    CHECK(b["follow_token"] != a["follow_token"]);
    CHECK(json_of(get(client, "/api/v1/requests", kDeskToken))["items"].size() == 1);

    SUBCASE("the repeat's follow token is the one that works now") {
        CHECK(get(client, request_path(b), b["follow_token"])->status == 200);
        require_error(get(client, request_path(a), a["follow_token"]), 404);
    }
    SUBCASE("the same key for another request answers 409 and changes nothing") {
        const std::string other = new_request_body({{"subject", "Printer jams"}}).dump();
        require_error(client.Post("/api/v1/requests", key, other, "application/json"), 409, "idempotency_key_reused");
        CHECK(get(client, request_path(b), b["follow_token"])->status == 200);
        CHECK(json_of(get(client, "/api/v1/requests", kDeskToken))["items"].size() == 1);
    }
    SUBCASE("other keys, or none, file new requests") {
        CHECK(client.Post("/api/v1/requests", {{"Idempotency-Key", "another"}}, body, "application/json")->status == 201);
        CHECK(client.Post("/api/v1/requests", body, "application/json")->status == 201);
        CHECK(client.Post("/api/v1/requests", body, "application/json")->status == 201);
        CHECK(json_of(get(client, "/api/v1/requests", kDeskToken))["items"].size() == 4);
    }
    SUBCASE("a key that is too long or holds control characters answers 400") {
        require_error(client.Post("/api/v1/requests", {{"Idempotency-Key", std::string(201, 'k')}}, body,
                                  "application/json"),
                      400);
    }
}
