// Covers the catalog of request types: the embedded assets/catalog.json, its languages,
// localize() and catalog_from_config().
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "catalog.h"
#include "embedded_assets.h"

using namespace spoc;

namespace {

const json& config() {
    static const json j = json::parse(assets::catalog_json);
    return j;
}

bool has_both_languages(const json& text) {
    return text.is_object() && text.contains("en") && text["en"].is_string() && !text["en"].get<std::string>().empty() &&
           text.contains("de") && text["de"].is_string() && !text["de"].get<std::string>().empty();
}

}  // namespace

TEST_CASE("the embedded catalog parses as JSON") {
    const json j = json::parse(assets::catalog_json, nullptr, false);
    REQUIRE_FALSE(j.is_discarded());
    REQUIRE(j.contains("types"));
    CHECK(j["types"].is_array());
}

TEST_CASE("the embedded catalog has incidents and service requests, at least seven types in all") {
    const Catalog c = catalog_from_config(config(), "en");
    CHECK(c.types.size() >= 7);
    int incidents = 0, service_requests = 0;
    for (const auto& t : c.types) {
        CAPTURE(t.id);
        CHECK(t.kind != Kind::invalid);
        incidents += t.kind == Kind::incident;
        service_requests += t.kind == Kind::service_request;
    }
    CHECK(incidents >= 1);
    CHECK(service_requests >= 1);
}

TEST_CASE("every request type has a unique id and a name and description in English and German") {
    std::set<std::string> ids;
    for (const auto& t : config()["types"]) {
        const std::string id = t.value("id", "");
        CAPTURE(id);
        CHECK_FALSE(id.empty());
        CHECK(ids.insert(id).second);
        CHECK(has_both_languages(t["name"]));
        CHECK(has_both_languages(t["description"]));
    }
}

TEST_CASE("every form field has a label in both languages and select fields offer labelled choices") {
    for (const auto& t : config()["types"]) {
        std::set<std::string> field_ids;
        for (const auto& f : t.value("fields", json::array())) {
            const std::string id = t.value("id", "") + "." + f.value("id", "");
            CAPTURE(id);
            CHECK(field_ids.insert(f.value("id", "")).second);
            CHECK(has_both_languages(f["label"]));
            const std::string type = f.value("type", "text");
            CHECK((type == "text" || type == "textarea" || type == "select"));
            if (type == "select") {
                REQUIRE(f.contains("options"));
                CHECK(f["options"].size() >= 2);
                std::set<std::string> values;
                for (const auto& o : f["options"]) {
                    CHECK(values.insert(o.value("value", "")).second);
                    CHECK(has_both_languages(o["label"]));
                }
            }
        }
    }
}

TEST_CASE("catalog_from_config resolves every text to the chosen language") {
    const Catalog en = catalog_from_config(config(), "en");
    const Catalog de = catalog_from_config(config(), "de");
    REQUIRE(en.types.size() == de.types.size());

    const RequestType* hw_en = en.find("broken_hardware");
    const RequestType* hw_de = de.find("broken_hardware");
    REQUIRE(hw_en != nullptr);
    REQUIRE(hw_de != nullptr);
    CHECK(hw_en->name == "Broken hardware");
    CHECK(hw_de->name == "Defekte Hardware");
    CHECK(hw_en->kind == Kind::incident);
    REQUIRE(hw_de->fields.size() == 3);
    CHECK(hw_de->fields[0].id == "device");
    CHECK(hw_de->fields[0].label == "Welches Gerät?");
    CHECK(hw_de->fields[0].type == "select");
    CHECK(hw_de->fields[0].required);
    CHECK(hw_de->fields[0].options.at(3).value == "printer");
    CHECK(hw_de->fields[0].options.at(3).label == "Drucker");
    CHECK(hw_en->fields[0].options.at(3).label == "Printer");
    CHECK_FALSE(hw_de->fields[1].required);

    for (std::size_t i = 0; i < en.types.size(); ++i) {
        CAPTURE(en.types[i].id);
        CHECK(en.types[i].id == de.types[i].id);
        CHECK(en.types[i].name != de.types[i].name);
        CHECK(en.types[i].description != de.types[i].description);
        CHECK(en.types[i].fields.size() == de.types[i].fields.size());
    }
}

TEST_CASE("catalog_from_config falls back to English for a language the catalog lacks") {
    const Catalog en = catalog_from_config(config(), "en");
    const Catalog fr = catalog_from_config(config(), "fr");
    REQUIRE(en.types.size() == fr.types.size());
    for (std::size_t i = 0; i < en.types.size(); ++i) {
        CHECK(fr.types[i].name == en.types[i].name);
        CHECK(fr.types[i].description == en.types[i].description);
    }
}

TEST_CASE("catalog_from_config reads a configuration without types as an empty catalog") {
    CHECK(catalog_from_config(json::object(), "en").types.empty());
    CHECK(catalog_from_config(json{{"types", json::array()}}, "de").types.empty());
}

TEST_CASE("localize picks the language and falls back to English") {
    const json text = {{"en", "Printer"}, {"de", "Drucker"}};
    SUBCASE("the asked language") {
        CHECK(localize(text, "de") == "Drucker");
        CHECK(localize(text, "en") == "Printer");
    }
    SUBCASE("a language that is missing falls back to English") {
        CHECK(localize(text, "fr") == "Printer");
        CHECK(localize(text, "") == "Printer");
    }
    SUBCASE("without English, the first text given") { CHECK(localize(json{{"de", "Drucker"}}, "fr") == "Drucker"); }
    SUBCASE("a plain string is the same in every language") {
        CHECK(localize("Headset", "de") == "Headset");
        CHECK(localize("Headset", "en") == "Headset");
    }
    SUBCASE("nothing usable gives an empty text") {
        CHECK(localize(json(), "en") == "");
        CHECK(localize(json::object(), "en") == "");
        CHECK(localize(json(5), "en") == "");
        CHECK(localize(json::array({"a"}), "en") == "");
        CHECK(localize(json{{"en", 5}}, "en") == "");
    }
}

TEST_CASE("find returns the request type with that id or nullptr") {
    const Catalog c = catalog_from_config(config(), "en");
    for (const auto& t : c.types) CHECK(c.find(t.id) == &t);
    CHECK(c.find("") == nullptr);
    CHECK(c.find("no_such_type") == nullptr);
    CHECK(Catalog{}.find("question") == nullptr);
}
