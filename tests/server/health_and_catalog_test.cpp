// Covers GET /healthz and GET /api/v1/catalog: the list shape, both kinds, and the language.
#include <doctest/doctest.h>

#include <set>

#include "api_helpers.h"
#include "server_process.h"

using namespace spoc_test;

TEST_CASE("the health check answers ok as JSON") {
    SpocServer server;
    auto client = server.client();
    const json body = json_of(client.Get("/healthz"));
    CHECK(body == json{{"status", "ok"}});
}

TEST_CASE("the catalog lists request types of both kinds as items with a null next") {
    SpocServer server;
    auto client = server.client();
    auto res = client.Get("/api/v1/catalog");
    REQUIRE(res);
    CHECK(res->status == 200);
    const json body = json_of(res);
    REQUIRE(body.is_object());
    REQUIRE(body.contains("items"));
    REQUIRE(body["items"].is_array());
    CHECK(body.contains("next"));
    CHECK(body["next"].is_null());

    std::set<std::string> kinds, ids;
    for (const json& type : body["items"]) {
        CAPTURE(type.dump());
        REQUIRE(type["id"].is_string());
        CHECK(type["name"].is_string());
        CHECK_FALSE(type["name"].get<std::string>().empty());
        CHECK(type["description"].is_string());
        CHECK(type["fields"].is_array());
        kinds.insert(type["kind"].get<std::string>());
        ids.insert(type["id"].get<std::string>());
    }
    CHECK(kinds == std::set<std::string>{"incident", "service_request"});
    CHECK(ids.count("broken_hardware") == 1);
    CHECK(ids.count("question") == 1);
    CHECK(ids.size() == body["items"].size());  // no type twice
}

namespace {

std::string name_of(const json& catalog, const std::string& id) {
    for (const json& type : catalog["items"])
        if (type["id"] == id) return type["name"].get<std::string>();
    return "";
}

}  // namespace

TEST_CASE("the catalog speaks German when asked with ?lang=de or Accept-Language: de") {
    SpocServer server;
    auto client = server.client();
    const json english = json_of(client.Get("/api/v1/catalog"));
    CHECK(name_of(english, "broken_hardware") == "Broken hardware");

    SUBCASE("?lang=de") {
        const json german = json_of(client.Get("/api/v1/catalog?lang=de"));
        CHECK(name_of(german, "broken_hardware") == "Defekte Hardware");
        CHECK(name_of(german, "new_equipment") == "Neue Ausstattung");
    }
    SUBCASE("Accept-Language: de-DE,de;q=0.9,en;q=0.8") {
        const json german =
            json_of(client.Get("/api/v1/catalog", {{"Accept-Language", "de-DE,de;q=0.9,en;q=0.8"}}));
        CHECK(name_of(german, "broken_hardware") == "Defekte Hardware");
    }
    SUBCASE("an unknown language falls back to English") {
        const json other = json_of(client.Get("/api/v1/catalog?lang=xx"));
        CHECK(name_of(other, "broken_hardware") == "Broken hardware");
    }
}
