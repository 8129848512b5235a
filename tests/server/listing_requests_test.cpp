// Covers GET /api/v1/requests: desk only, newest first, {"items", "next"}, paging with
// limit and cursor, the state/kind/priority/type filters, and 422 for bad filter values.
#include <doctest/doctest.h>

#include <set>
#include <vector>

#include "api_helpers.h"
#include "server_process.h"

using namespace spoc_test;

namespace {

std::vector<long long> ids_of(const json& page) {
    std::vector<long long> ids;
    for (const json& r : page["items"]) ids.push_back(r["id"].get<long long>());
    return ids;
}

json list(httplib::Client& client, const std::string& query = "") {
    auto res = get(client, "/api/v1/requests" + query, kDeskToken);
    REQUIRE(res);
    INFO(query << ": " << res->body);
    REQUIRE(res->status == 200);
    return json_of(res);
}

}  // namespace

TEST_CASE("only the desk may list requests") {
    SpocServer server;
    auto client = server.client();
    const json filed = file_request(client);

    SUBCASE("without a token") {
        auto res = client.Get("/api/v1/requests");
        require_error(res, 401, "unauthorized");
        CHECK(res->get_header_value("WWW-Authenticate") == "Bearer");
    }
    SUBCASE("with a follow token") { require_error(get(client, "/api/v1/requests", filed["follow_token"]), 401); }
    SUBCASE("with a wrong token") { require_error(get(client, "/api/v1/requests", kDeskToken + "x"), 401); }
}

TEST_CASE("the list answers items newest first and a null next when everything fits") {
    SpocServer server;
    auto client = server.client();
    std::vector<long long> filed;
    for (int i = 0; i < 4; ++i) filed.push_back(file_request(client, {{"subject", "Request " + std::to_string(i)}})["id"]);

    const json page = list(client);
    REQUIRE(page.is_object());
    REQUIRE(page["items"].is_array());
    CHECK(page.contains("next"));
    CHECK(page["next"].is_null());
    CHECK(ids_of(page) == std::vector<long long>(filed.rbegin(), filed.rend()));
    const json& newest = page["items"][0];
    CHECK(newest["subject"] == "Request 3");
    CHECK(newest["ref"].is_string());
    CHECK(newest["state"] == "new");
    CHECK_FALSE(newest.contains("follow_token"));
}

TEST_CASE("an empty desk lists no items") {
    SpocServer server;
    auto client = server.client();
    const json page = list(client);
    CHECK(page["items"] == json::array());
    CHECK(page["next"].is_null());
}

TEST_CASE("paging with limit and cursor walks through every request once") {
    SpocServer server;
    auto client = server.client();
    std::set<long long> filed;
    for (int i = 0; i < 11; ++i) filed.insert(file_request(client)["id"].get<long long>());

    std::vector<long long> seen;
    std::string query = "?limit=4";
    int pages = 0;
    while (true) {
        const json page = list(client, query);
        ++pages;
        REQUIRE(pages <= 5);
        const auto ids = ids_of(page);
        CHECK(ids.size() <= 4);
        seen.insert(seen.end(), ids.begin(), ids.end());
        if (page["next"].is_null()) break;
        REQUIRE(page["next"].is_string());
        query = "?limit=4&cursor=" + page["next"].get<std::string>();
    }
    CHECK(pages == 3);
    CHECK(seen.size() == filed.size());
    CHECK(std::set<long long>(seen.begin(), seen.end()) == filed);  // no duplicates, none missing
    for (std::size_t i = 1; i < seen.size(); ++i) CHECK(seen[i - 1] > seen[i]);  // newest first throughout
}

TEST_CASE("requests filed while paging do not repeat items on later pages") {
    SpocServer server;
    auto client = server.client();
    for (int i = 0; i < 5; ++i) file_request(client);
    const json first = list(client, "?limit=3");
    file_request(client);  // newer than everything: belongs before page one
    const json second = list(client, "?limit=3&cursor=" + first["next"].get<std::string>());
    CHECK(ids_of(first) == std::vector<long long>{5, 4, 3});
    CHECK(ids_of(second) == std::vector<long long>{2, 1});
    CHECK(second["next"].is_null());
}

TEST_CASE("the list filters by state, kind, priority and type") {
    SpocServer server;
    auto client = server.client();
    const json question = file_request(client, {{"impact", "high"}, {"urgency", "high"}});  // priority 1
    const json hardware = file_request(
        client, {{"type", "broken_hardware"}, {"impact", "low"}, {"urgency", "low"}, {"fields", {{"device", "phone"}}}});
    const json access = file_request(client, {{"type", "system_access"},
                                              {"impact", "medium"},
                                              {"urgency", "medium"},
                                              {"fields", {{"system", "HR"}, {"access_level", "read"}}}});
    auto moved = post_json(client, request_path(hardware, "/transitions"), {{"to", "assigned"}}, kDeskToken);
    REQUIRE(moved);
    REQUIRE(moved->status == 200);

    using Ids = std::vector<long long>;
    const long long q = question["id"], h = hardware["id"], a = access["id"];
    CHECK(ids_of(list(client, "?state=new")) == Ids{a, q});
    CHECK(ids_of(list(client, "?state=assigned")) == Ids{h});
    CHECK(ids_of(list(client, "?state=closed")).empty());
    CHECK(ids_of(list(client, "?kind=incident")) == Ids{h});
    CHECK(ids_of(list(client, "?kind=service_request")) == Ids{a, q});
    CHECK(ids_of(list(client, "?priority=1")) == Ids{q});
    CHECK(ids_of(list(client, "?priority=3")) == Ids{a});
    CHECK(ids_of(list(client, "?priority=5")) == Ids{h});
    CHECK(ids_of(list(client, "?type=system_access")) == Ids{a});
    CHECK(ids_of(list(client, "?state=new&kind=service_request&priority=3")) == Ids{a});
    CHECK(ids_of(list(client, "?state=assigned&kind=service_request")).empty());

    SUBCASE("filters and paging together") {
        const json page = list(client, "?kind=service_request&limit=1");
        CHECK(ids_of(page) == Ids{a});
        REQUIRE(page["next"].is_string());
        const json rest = list(client, "?kind=service_request&limit=1&cursor=" + page["next"].get<std::string>());
        CHECK(ids_of(rest) == Ids{q});
        CHECK(rest["next"].is_null());
    }
}

TEST_CASE("bad filter values answer 422 naming the parameter") {
    SpocServer server;
    auto client = server.client();
    file_request(client);
    struct Case {
        const char* query;
        const char* field;
    };
    for (const Case& c : {Case{"?state=open", "state"}, Case{"?state=", "state"}, Case{"?kind=problem", "kind"},
                          Case{"?priority=0", "priority"}, Case{"?priority=6", "priority"},
                          Case{"?priority=high", "priority"}, Case{"?priority=1x", "priority"},
                          Case{"?limit=0", "limit"}, Case{"?limit=201", "limit"}, Case{"?limit=-3", "limit"},
                          Case{"?limit=ten", "limit"}, Case{"?cursor=abc", "cursor"}, Case{"?cursor=-5", "cursor"}}) {
        CAPTURE(c.query);
        const json error = require_error(get(client, std::string("/api/v1/requests") + c.query, kDeskToken), 422,
                                         "invalid_field");
        CHECK(error["field"] == c.field);
    }
}
