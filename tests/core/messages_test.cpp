// Covers the message catalog: completeness of English and German, placeholders, language
// fallback and choice, and a message for every error code validation can produce.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "catalog.h"
#include "embedded_assets.h"
#include "messages.h"
#include "validation.h"

using namespace spoc;

namespace {

const json& all() {
    static const json j = json::parse(assets::messages_json);
    return j;
}

std::set<std::string> keys(const std::string& lang) {
    std::set<std::string> out;
    for (const auto& [k, v] : all().at(lang).items()) out.insert(k);
    return out;
}

// The {name} placeholders of a text.
std::set<std::string> placeholders(const std::string& text) {
    std::set<std::string> out;
    for (auto open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
        const auto close = text.find('}', open);
        if (close == std::string::npos) break;
        out.insert(text.substr(open + 1, close - open - 1));
    }
    return out;
}

// Every error code validation produces, collected by making it produce them.
std::set<std::string> codes_validation_produces() {
    const Catalog catalog = catalog_from_config(json::parse(assets::catalog_json), "en");
    std::set<std::string> codes;
    auto collect = [&](const FieldErrors& errs) {
        for (const auto& e : errs) codes.insert(e.code);
    };
    NewRequest r;
    collect(parse_new_request(json::array(), r));                                            // wrong_type
    collect(parse_new_request(json{{"impact", "extreme"}, {"subject", 5}}, r));              // choice, wrong_type
    collect(validate_new_request(NewRequest{}, catalog));                                    // required
    NewRequest bad;
    bad.type = "teleporter";                                                                 // unknown_type
    bad.subject = "ab";                                                                      // length
    bad.description = std::string(20001, 'x');                                               // too_long
    bad.requester = {"\xFF", "not-an-email"};                                                // utf8, email
    collect(validate_new_request(bad, catalog));
    NewRequest fields;
    fields.type = "broken_hardware";
    fields.fields = {{"device", "toaster"}, {"colour", "red"}};                              // choice, unknown_field
    collect(validate_new_request(fields, catalog));
    collect(validate_comment(""));
    collect(validate_comment(std::string(20001, 'c')));
    collect(validate_comment("\xC3"));
    return codes;
}

}  // namespace

TEST_CASE("the message catalog offers English first, then German") {
    const auto langs = languages(all());
    REQUIRE(langs.size() == 2);
    CHECK(langs[0] == "en");
    CHECK(langs[1] == "de");
}

TEST_CASE("every English key exists in German and every German key in English") {
    const auto en = keys("en");
    const auto de = keys("de");
    CHECK(en.size() > 50);
    for (const auto& k : en) {
        CAPTURE(k);
        CHECK(de.count(k) == 1);
    }
    for (const auto& k : de) {
        CAPTURE(k);
        CHECK(en.count(k) == 1);
    }
}

TEST_CASE("every text is a non-empty string with the same placeholders in both languages") {
    for (const auto& item : all().at("en").items()) {
        const std::string key = item.key();
        const json& en_text = item.value();
        CAPTURE(key);
        REQUIRE(en_text.is_string());
        CHECK_FALSE(en_text.get<std::string>().empty());
        const json& de_text = all().at("de").value(key, json());
        REQUIRE(de_text.is_string());
        CHECK_FALSE(de_text.get<std::string>().empty());
        CHECK(placeholders(en_text.get<std::string>()) == placeholders(de_text.get<std::string>()));
    }
}

TEST_CASE("placeholders are filled with the given values") {
    const Messages en(all(), "en");
    const Messages de(all(), "de");
    SUBCASE("two placeholders in English") {
        CHECK(en.text("error.length", {{"min", "3"}, {"max", "200"}}) == "Use 3 to 200 characters.");
    }
    SUBCASE("two placeholders in German") {
        CHECK(de.text("error.length", {{"min", "3"}, {"max", "200"}}) == "Bitte 3 bis 200 Zeichen verwenden.");
    }
    SUBCASE("a reference") {
        CHECK(en.text("done.reference", {{"ref", "SD-000042"}}) == "Your reference: SD-000042");
        CHECK(de.text("done.reference", {{"ref", "SD-000042"}}) == "Ihre Referenz: SD-000042");
    }
    SUBCASE("a value that looks like a placeholder itself is not filled again") {
        CHECK(en.text("error.server", {{"message", "{message}"}}) ==
              "The service desk answered with an error: {message}");
    }
    SUBCASE("a placeholder used twice is filled twice") {
        const json custom = {{"en", {{"x", "{n} and {n}"}}}};
        CHECK(Messages(custom, "en").text("x", {{"n", "7"}}) == "7 and 7");
    }
    SUBCASE("parameters the text does not use are ignored") {
        CHECK(en.text("error.required", {{"max", "9"}}) == "This is required.");
    }
    SUBCASE("a field error is shown with its parameters") {
        const FieldError e{"subject", "error.too_long", {{"max", "200"}}};
        CHECK(en.error(e) == "Use at most 200 characters.");
        CHECK(de.error(e) == "Bitte höchstens 200 Zeichen verwenden.");
    }
    SUBCASE("every placeholder of every text can be filled") {
        for (const Messages* m : {&en, &de}) {
            for (const auto& item : all().at(m->lang()).items()) {
                const std::string key = item.key();
                const json& text = item.value();
                std::map<std::string, std::string> params;
                for (const auto& p : placeholders(text.get<std::string>())) params[p] = "VALUE";
                const std::string shown = m->text(key, params);
                CAPTURE(key);
                CHECK(shown.find('{') == std::string::npos);
                CHECK(shown.find('}') == std::string::npos);
            }
        }
    }
}

TEST_CASE("a missing key shows the key itself") {
    const Messages en(all(), "en");
    CHECK(en.text("no.such.key") == "no.such.key");
    CHECK(Messages().text("form.submit") == "form.submit");
}

TEST_CASE("an unknown language falls back to English") {
    const Messages fr(all(), "fr");
    CHECK(fr.lang() == "en");
    CHECK(fr.text("form.submit") == "Submit");
    CHECK(Messages(all(), "").lang() == "en");
    CHECK(Messages(all(), "de").lang() == "de");
    CHECK(Messages(all(), "de").text("form.submit") == "Absenden");
}

TEST_CASE("a key missing in German falls back to English") {
    const json partial = {{"en", {{"a", "only English {x}"}, {"b", "B"}}}, {"de", {{"b", "Be"}}}};
    const Messages de(partial, "de");
    CHECK(de.text("b") == "Be");
    CHECK(de.text("a", {{"x", "here"}}) == "only English here");
}

TEST_CASE("pick_language takes the primary subtag of the browser language") {
    CHECK(pick_language("de-AT", all()) == "de");
    CHECK(pick_language("de", all()) == "de");
    CHECK(pick_language("de-DE", all()) == "de");
    CHECK(pick_language("de_CH", all()) == "de");
    CHECK(pick_language("DE-de", all()) == "de");
    CHECK(pick_language("en-GB", all()) == "en");
    CHECK(pick_language("en", all()) == "en");
}

TEST_CASE("pick_language answers English for languages the catalog does not offer") {
    CHECK(pick_language("fr", all()) == "en");
    CHECK(pick_language("fr-FR", all()) == "en");
    CHECK(pick_language("", all()) == "en");
    CHECK(pick_language("-", all()) == "en");
    CHECK(pick_language("deu", all()) == "en");
    CHECK(pick_language("language.name", all()) == "en");
}

TEST_CASE("parse_messages keeps the person's language and English whole, of others only their names") {
    const std::string catalog = R"({"en": {"language.name": "English", "home.title": "How can we help?"},
                                    "de": {"language.name": "Deutsch", "home.title": "Wie können wir helfen?"},
                                    "fr": {"language.name": "Français", "home.title": "Comment pouvons-nous aider ?"}})";
    const json de = parse_messages(catalog, "de-AT");
    CHECK(de["de"] == json{{"language.name", "Deutsch"}, {"home.title", "Wie können wir helfen?"}});
    CHECK(de["en"].size() == 2);
    CHECK(de["fr"] == json{{"language.name", "Français"}});
    CHECK(languages(de) == std::vector<std::string>{"en", "de", "fr"});
    CHECK(Messages(de, "de").text("home.title") == "Wie können wir helfen?");

    const json en = parse_messages(catalog, "en-GB");
    CHECK(en["de"] == json{{"language.name", "Deutsch"}});
    CHECK(Messages(en, pick_language("en-GB", en)).text("home.title") == "How can we help?");
    CHECK(parse_messages(catalog, "").at("en").size() == 2);  // no language: English

    // The shipped catalog: what the portal reads for a German browser is German and English whole.
    const json shipped = parse_messages(assets::messages_json, "de");
    CHECK(shipped["de"] == all()["de"]);
    CHECK(shipped["en"] == all()["en"]);
    CHECK(parse_messages("not json", "de").is_discarded());
}

TEST_CASE("every error code validation can produce has a message in English and German") {
    const auto codes = codes_validation_produces();
    const std::set<std::string> expected = {"error.required",      "error.length",      "error.too_long",
                                            "error.email",         "error.unknown_type", "error.choice",
                                            "error.unknown_field", "error.wrong_type",  "error.utf8"};
    CHECK(codes == expected);
    const auto en = keys("en");
    const auto de = keys("de");
    for (const auto& code : codes) {
        CAPTURE(code);
        CHECK(en.count(code) == 1);
        CHECK(de.count(code) == 1);
        CHECK(Messages(all(), "en").text(code, {{"min", "1"}, {"max", "2"}, {"expected", "text"}}) != code);
        CHECK(Messages(all(), "de").text(code, {{"min", "1"}, {"max", "2"}, {"expected", "text"}}) != code);
    }
}

TEST_CASE("every state, priority and kind has a label in both languages") {
    for (const std::string lang : {"en", "de"}) {
        const auto k = keys(lang);
        CAPTURE(lang);
        for (const char* s : {"new", "assigned", "in_progress", "pending", "resolved", "closed", "cancelled"})
            CHECK(k.count(std::string("state.") + s) == 1);
        for (int p = 1; p <= 5; ++p) CHECK(k.count("priority." + std::to_string(p)) == 1);
        CHECK(k.count("kind.incident") == 1);
        CHECK(k.count("kind.service_request") == 1);
    }
}
