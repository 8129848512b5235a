// Covers validation of new requests and comments against the real embedded catalog, and
// parse_new_request's reading of a POST body with field-level errors for wrong JSON types.
#include <doctest/doctest.h>

#include <string>

#include "catalog.h"
#include "embedded_assets.h"
#include "request.h"
#include "validation.h"

using namespace spoc;

namespace {

const Catalog& catalog() {
    static const Catalog c = catalog_from_config(json::parse(assets::catalog_json), "en");
    return c;
}

std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

// A request for broken hardware that passes every rule; tests change one thing.
NewRequest valid_request() {
    NewRequest r;
    r.type = "broken_hardware";
    r.subject = "Printer on floor 2 jams";
    r.description = "Since this morning, every second page.";
    r.impact = Level::medium;
    r.urgency = Level::low;
    r.requester = {"Ana Lima", "ana@example.org"};
    r.fields = {{"device", "printer"}};
    return r;
}

// The body the portal sends for valid_request().
json valid_body() {
    return json{{"type", "broken_hardware"},
                {"subject", "Printer on floor 2 jams"},
                {"description", "Since this morning, every second page."},
                {"impact", "medium"},
                {"urgency", "low"},
                {"requester", {{"name", "Ana Lima"}, {"email", "ana@example.org"}}},
                {"fields", {{"device", "printer"}, {"location", "Room 2.14"}}}};
}

FieldErrors validate(const NewRequest& r) { return validate_new_request(r, catalog()); }

// The code of the one error reported for field, or "" when there is none; CHECKs there is at most one.
std::string code_for(const FieldErrors& errs, const std::string& field) {
    int n = 0;
    for (const auto& e : errs) n += e.field == field;
    CHECK(n <= 1);
    const FieldError* e = error_for(errs, field);
    return e ? e->code : "";
}

std::string all_fields(const FieldErrors& errs) {
    std::string out;
    for (const auto& e : errs) out += e.field + ":" + e.code + " ";
    return out;
}

}  // namespace

TEST_CASE("a complete request passes validation") {
    const FieldErrors errs = validate(valid_request());
    CAPTURE(all_fields(errs));
    CHECK(errs.empty());
}

TEST_CASE("a complete request for every type of the catalog passes validation") {
    REQUIRE(catalog().types.size() >= 7);
    for (const RequestType& t : catalog().types) {
        NewRequest r = valid_request();
        r.type = t.id;
        r.fields = json::object();
        for (const FormField& f : t.fields)
            r.fields[f.id] = f.type == "select" ? f.options.at(0).value : std::string("Answer to ") + f.id;
        const FieldErrors errs = validate(r);
        CAPTURE(t.id);
        CAPTURE(all_fields(errs));
        CHECK(errs.empty());
    }
}

TEST_CASE("the subject must have 3 to 200 characters, counted as characters and not bytes") {
    NewRequest r = valid_request();
    SUBCASE("three umlauts are three characters, six bytes, and valid") {
        r.subject = "äöü";
        CHECK(r.subject.size() == 6);
        CHECK(code_for(validate(r), "subject") == "");
    }
    SUBCASE("three characters are enough") {
        r.subject = "VPN";
        CHECK(code_for(validate(r), "subject") == "");
    }
    SUBCASE("two characters are too few") {
        r.subject = "ab";
        const FieldErrors errs = validate(r);
        REQUIRE(code_for(errs, "subject") == "error.length");
        CHECK(error_for(errs, "subject")->params.at("min") == "3");
        CHECK(error_for(errs, "subject")->params.at("max") == "200");
    }
    SUBCASE("two umlauts are four bytes but too few characters") {
        r.subject = "äö";
        CHECK(code_for(validate(r), "subject") == "error.length");
    }
    SUBCASE("200 characters are the most") {
        r.subject = repeat("x", 200);
        CHECK(code_for(validate(r), "subject") == "");
    }
    SUBCASE("201 characters are too many") {
        r.subject = repeat("x", 201);
        CHECK(code_for(validate(r), "subject") == "error.length");
    }
    SUBCASE("200 umlauts (400 bytes) are valid") {
        r.subject = repeat("ü", 200);
        CHECK(code_for(validate(r), "subject") == "");
    }
    SUBCASE("201 umlauts are too many") {
        r.subject = repeat("ü", 201);
        CHECK(code_for(validate(r), "subject") == "error.length");
    }
    SUBCASE("200 emoji (800 bytes) are valid") {
        r.subject = repeat("\xF0\x9F\x96\xA8", 200);  // U+1F5A8 printer
        CHECK(code_for(validate(r), "subject") == "");
    }
    SUBCASE("an empty subject is missing") {
        r.subject = "";
        CHECK(code_for(validate(r), "subject") == "error.required");
    }
    SUBCASE("a subject of whitespace only is missing") {
        r.subject = " \t\n  ";
        CHECK(code_for(validate(r), "subject") == "error.required");
    }
    SUBCASE("surrounding whitespace does not count") {
        r.subject = "   ab   ";
        CHECK(code_for(validate(r), "subject") == "error.length");
        r.subject = "  " + repeat("x", 200) + "  ";
        CHECK(code_for(validate(r), "subject") == "");
    }
    SUBCASE("a subject that is not valid UTF-8 is reported as unreadable") {
        r.subject = "Printer \xFF\xFE jams";
        CHECK(code_for(validate(r), "subject") == "error.utf8");
    }
    SUBCASE("control characters are refused, tabs and line breaks in a description are not") {
        r.subject = std::string("nul\0byte here", 13);
        CHECK(code_for(validate(r), "subject") == "error.control");
        r.subject = "escape \x1b[31m red";
        CHECK(code_for(validate(r), "subject") == "error.control");
        r.subject = "Printer jams";
        r.description = "First line\n\tindented\r\nlast line";
        CHECK(validate(r).empty());
        r.requester.name = "Ada\x7f";
        CHECK(code_for(validate(r), "requester.name") == "error.control");
    }
}

TEST_CASE("the description may be empty but has at most 20,000 characters") {
    NewRequest r = valid_request();
    SUBCASE("empty") {
        r.description = "";
        CHECK(code_for(validate(r), "description") == "");
    }
    SUBCASE("20,000 characters") {
        r.description = repeat("y", 20000);
        CHECK(code_for(validate(r), "description") == "");
    }
    SUBCASE("20,000 multi-byte characters") {
        r.description = repeat("ß", 20000);
        CHECK(code_for(validate(r), "description") == "");
    }
    SUBCASE("20,001 characters") {
        r.description = repeat("y", 20001);
        const FieldErrors errs = validate(r);
        REQUIRE(code_for(errs, "description") == "error.too_long");
        CHECK(error_for(errs, "description")->params.at("max") == "20000");
    }
    SUBCASE("not valid UTF-8") {
        r.description = "broken \xC3";
        CHECK(code_for(validate(r), "description") == "error.utf8");
    }
}

TEST_CASE("the type must be one of the catalog's request types") {
    NewRequest r = valid_request();
    SUBCASE("missing") {
        r.type = "";
        CHECK(code_for(validate(r), "type") == "error.required");
    }
    SUBCASE("unknown") {
        r.type = "teleporter_broken";
        CHECK(code_for(validate(r), "type") == "error.unknown_type");
    }
    SUBCASE("ids are case-sensitive") {
        r.type = "Broken_Hardware";
        CHECK(code_for(validate(r), "type") == "error.unknown_type");
    }
    SUBCASE("every type of the catalog is known") {
        for (const RequestType& t : catalog().types) {
            r.type = t.id;
            CAPTURE(t.id);
            CHECK(error_for(validate(r), "type") == nullptr);
        }
    }
    SUBCASE("an unknown type does not judge the form fields") {
        r.type = "teleporter_broken";
        r.fields = {{"anything", "at all"}};
        const FieldErrors errs = validate(r);
        CAPTURE(all_fields(errs));
        CHECK(errs.size() == 1);
    }
}

TEST_CASE("impact and urgency are required") {
    NewRequest r = valid_request();
    SUBCASE("impact missing") {
        r.impact = Level::invalid;
        CHECK(code_for(validate(r), "impact") == "error.required");
        CHECK(code_for(validate(r), "urgency") == "");
    }
    SUBCASE("urgency missing") {
        r.urgency = Level::invalid;
        CHECK(code_for(validate(r), "urgency") == "error.required");
        CHECK(code_for(validate(r), "impact") == "");
    }
    SUBCASE("both missing") {
        r.impact = r.urgency = Level::invalid;
        CHECK(code_for(validate(r), "impact") == "error.required");
        CHECK(code_for(validate(r), "urgency") == "error.required");
    }
    SUBCASE("every level is accepted") {
        for (Level l : {Level::high, Level::medium, Level::low}) {
            r.impact = r.urgency = l;
            CHECK(validate(r).empty());
        }
    }
}

TEST_CASE("the requester's name is required and has at most 100 characters") {
    NewRequest r = valid_request();
    SUBCASE("missing") {
        r.requester.name = "";
        CHECK(code_for(validate(r), "requester.name") == "error.required");
    }
    SUBCASE("whitespace only") {
        r.requester.name = "   ";
        CHECK(code_for(validate(r), "requester.name") == "error.required");
    }
    SUBCASE("one character") {
        r.requester.name = "Q";
        CHECK(code_for(validate(r), "requester.name") == "");
    }
    SUBCASE("100 characters") {
        r.requester.name = repeat("é", 100);
        CHECK(code_for(validate(r), "requester.name") == "");
    }
    SUBCASE("101 characters") {
        r.requester.name = repeat("n", 101);
        CHECK(code_for(validate(r), "requester.name") == "error.too_long");
    }
}

TEST_CASE("the requester's email must be well formed") {
    NewRequest r = valid_request();
    SUBCASE("good addresses are accepted") {
        for (const std::string good : {"ana@example.org", "first.last@example.co.uk", "first.last+tag@sub.example.org",
                                 "o'brien@example.ie", "x_y-z@mail-server.example.com", "a@b.cd", "  ana@example.org  ",
                                 "jörg@müller.example", "12345@example.org"}) {
            r.requester.email = good;
            CAPTURE(good);
            CHECK(code_for(validate(r), "requester.email") == "");
        }
    }
    SUBCASE("bad addresses are rejected") {
        for (const std::string bad :
             {"plainaddress", "@example.org", "ana@", "ana@example", "ana@@example.org", "ana@bob@example.org",
              "ana@exa mple.org", "ana lima@example.org", "ana@example..org", "ana@example.org.", "ana@.org",
              "ana@.example.org", "ana@-example.org", "<ana@example.org>", "ana@example.org, bob@example.org",
              "ana@example.org;", "\"ana\"@example.org", "ana@exam\tple.org", "a@b", "ana@example.", "@"}) {
            r.requester.email = bad;
            CAPTURE(bad);
            CHECK(code_for(validate(r), "requester.email") == "error.email");
        }
    }
    SUBCASE("a missing address is required, not malformed") {
        r.requester.email = "";
        CHECK(code_for(validate(r), "requester.email") == "error.required");
        r.requester.email = "  \t ";
        CHECK(code_for(validate(r), "requester.email") == "error.required");
    }
}

TEST_CASE("the request type's own required fields must be answered") {
    NewRequest r = valid_request();
    SUBCASE("a missing select answer") {
        r.fields = json::object();
        CHECK(code_for(validate(r), "fields.device") == "error.required");
    }
    SUBCASE("a blank select answer") {
        r.fields = {{"device", "  "}};
        CHECK(code_for(validate(r), "fields.device") == "error.required");
    }
    SUBCASE("a missing required text answer") {
        r.type = "account_locked";
        r.fields = {{"username", "alima"}};
        CHECK(code_for(validate(r), "fields.system") == "error.required");
    }
    SUBCASE("several missing answers are each reported") {
        r.type = "system_access";
        r.fields = json::object();
        const FieldErrors errs = validate(r);
        CHECK(code_for(errs, "fields.system") == "error.required");
        CHECK(code_for(errs, "fields.access_level") == "error.required");
        CHECK(code_for(errs, "fields.approver") == "");
        CHECK(errs.size() == 2);
    }
    SUBCASE("optional fields may be left out or blank") {
        r.fields = {{"device", "laptop"}, {"asset_tag", ""}};
        CHECK(validate(r).empty());
    }
    SUBCASE("a type without fields needs no answers") {
        r.type = "question";
        r.fields = json::object();
        CHECK(validate(r).empty());
    }
}

TEST_CASE("a select field accepts only the offered choices") {
    NewRequest r = valid_request();
    SUBCASE("every offered value is accepted") {
        const RequestType* t = catalog().find("broken_hardware");
        REQUIRE(t != nullptr);
        for (const FieldOption& o : t->fields.at(0).options) {
            r.fields = {{"device", o.value}};
            CAPTURE(o.value);
            CHECK(validate(r).empty());
        }
    }
    SUBCASE("a value that is not offered") {
        r.fields = {{"device", "toaster"}};
        CHECK(code_for(validate(r), "fields.device") == "error.choice");
    }
    SUBCASE("the label instead of the value") {
        r.fields = {{"device", "Printer"}};
        CHECK(code_for(validate(r), "fields.device") == "error.choice");
    }
    SUBCASE("a value of another field's choices") {
        r.type = "system_access";
        r.fields = {{"system", "HR portal"}, {"access_level", "laptop"}};
        CHECK(code_for(validate(r), "fields.access_level") == "error.choice");
    }
}

TEST_CASE("a text field answer has at most 1,000 characters") {
    NewRequest r = valid_request();
    r.fields["location"] = repeat("ö", 1000);
    CHECK(validate(r).empty());
    r.fields["location"] = repeat("o", 1001);
    CHECK(code_for(validate(r), "fields.location") == "error.too_long");
}

TEST_CASE("fields that the request type does not have are rejected") {
    NewRequest r = valid_request();
    SUBCASE("an unknown field next to known ones") {
        r.fields["colour"] = "red";
        const FieldErrors errs = validate(r);
        CHECK(code_for(errs, "fields.colour") == "error.unknown_field");
        CHECK(errs.size() == 1);
    }
    SUBCASE("a field of another type") {
        r.fields["access_level"] = "read";
        CHECK(code_for(validate(r), "fields.access_level") == "error.unknown_field");
    }
    SUBCASE("any field for a type without fields") {
        r.type = "question";
        r.fields = {{"device", "printer"}};
        CHECK(code_for(validate(r), "fields.device") == "error.unknown_field");
    }
}

TEST_CASE("a request with several problems reports each field") {
    NewRequest r;
    r.type = "broken_hardware";
    const FieldErrors errs = validate(r);
    CAPTURE(all_fields(errs));
    CHECK(code_for(errs, "impact") == "error.required");
    CHECK(code_for(errs, "urgency") == "error.required");
    CHECK(code_for(errs, "subject") == "error.required");
    CHECK(code_for(errs, "description") == "");
    CHECK(code_for(errs, "requester.name") == "error.required");
    CHECK(code_for(errs, "requester.email") == "error.required");
    CHECK(code_for(errs, "fields.device") == "error.required");
    CHECK(errs.size() == 6);
}

TEST_CASE("error_for returns the first error of a field or nullptr") {
    const FieldErrors errs = {{"subject", "error.length", {}}, {"subject", "error.utf8", {}}, {"", "x", {}}};
    REQUIRE(error_for(errs, "subject") != nullptr);
    CHECK(error_for(errs, "subject")->code == "error.length");
    CHECK(error_for(errs, "")->code == "x");
    CHECK(error_for(errs, "description") == nullptr);
    CHECK(error_for({}, "subject") == nullptr);
}

TEST_CASE("parse_new_request reads a well-formed body") {
    NewRequest r;
    const FieldErrors errs = parse_new_request(valid_body(), r);
    CAPTURE(all_fields(errs));
    CHECK(errs.empty());
    CHECK(r.type == "broken_hardware");
    CHECK(r.subject == "Printer on floor 2 jams");
    CHECK(r.description == "Since this morning, every second page.");
    CHECK(r.impact == Level::medium);
    CHECK(r.urgency == Level::low);
    CHECK(r.requester.name == "Ana Lima");
    CHECK(r.requester.email == "ana@example.org");
    CHECK(r.fields == json{{"device", "printer"}, {"location", "Room 2.14"}});
    CHECK(validate(r).empty());
}

TEST_CASE("parse_new_request treats missing and null members as absent") {
    NewRequest r;
    SUBCASE("an empty object") { CHECK(parse_new_request(json::object(), r).empty()); }
    SUBCASE("every member null") {
        const json body = {{"type", nullptr},    {"subject", nullptr},   {"description", nullptr},
                           {"impact", nullptr},  {"urgency", nullptr},   {"requester", nullptr},
                           {"fields", nullptr}};
        CHECK(parse_new_request(body, r).empty());
    }
    CHECK(r.subject.empty());
    CHECK(r.impact == Level::invalid);
    CHECK(r.urgency == Level::invalid);
    CHECK(r.fields == json::object());
    const FieldErrors errs = validate(r);
    CHECK(code_for(errs, "type") == "error.required");
    CHECK(code_for(errs, "subject") == "error.required");
}

TEST_CASE("parse_new_request reads numbers and booleans in form fields as text") {
    json body = valid_body();
    body["fields"] = {{"device", "laptop"}, {"asset_tag", 4711}, {"location", true}, {"ignored", nullptr}};
    NewRequest r;
    CHECK(parse_new_request(body, r).empty());
    CHECK(r.fields["asset_tag"] == "4711");
    CHECK(r.fields["location"] == "true");
    CHECK_FALSE(r.fields.contains("ignored"));
}

TEST_CASE("parse_new_request names the field whose JSON type is wrong") {
    json body = valid_body();
    std::string field;
    std::string expected = "text";

    SUBCASE("subject is a number") {
        body["subject"] = 5;
        field = "subject";
    }
    SUBCASE("type is a boolean") {
        body["type"] = true;
        field = "type";
    }
    SUBCASE("description is an array") {
        body["description"] = json::array({"a", "b"});
        field = "description";
    }
    SUBCASE("impact is a number") {
        body["impact"] = 1;
        field = "impact";
    }
    SUBCASE("urgency is an object") {
        body["urgency"] = json::object();
        field = "urgency";
    }
    SUBCASE("requester is a string") {
        body["requester"] = "x";
        field = "requester";
        expected = "object";
    }
    SUBCASE("requester is an array") {
        body["requester"] = json::array();
        field = "requester";
        expected = "object";
    }
    SUBCASE("the requester's name is a number") {
        body["requester"]["name"] = 5;
        field = "requester.name";
    }
    SUBCASE("the requester's email is an object") {
        body["requester"]["email"] = json::object();
        field = "requester.email";
    }
    SUBCASE("fields is an array") {
        body["fields"] = json::array({"printer"});
        field = "fields";
        expected = "object";
    }
    SUBCASE("fields is a string") {
        body["fields"] = "printer";
        field = "fields";
        expected = "object";
    }
    SUBCASE("a form field answer is an array") {
        body["fields"]["device"] = json::array({"printer"});
        field = "fields.device";
    }
    SUBCASE("a form field answer is an object") {
        body["fields"]["location"] = json::object({{"room", "2.14"}});
        field = "fields.location";
    }

    NewRequest r;
    const FieldErrors errs = parse_new_request(body, r);
    CAPTURE(all_fields(errs));
    REQUIRE(errs.size() == 1);
    CHECK(errs[0].field == field);
    CHECK(errs[0].code == "error.wrong_type");
    CHECK(errs[0].params.at("expected") == expected);
}

TEST_CASE("parse_new_request rejects a body that is not an object as a whole") {
    json body;
    SUBCASE("an array") { body = json::array({valid_body()}); }
    SUBCASE("a string") { body = "subject"; }
    SUBCASE("a number") { body = 42; }
    SUBCASE("null") { body = nullptr; }
    SUBCASE("a boolean") { body = false; }
    NewRequest r;
    const FieldErrors errs = parse_new_request(body, r);
    REQUIRE(errs.size() == 1);
    CHECK(errs[0].field == "");
    CHECK(errs[0].code == "error.wrong_type");
    CHECK(errs[0].params.at("expected") == "object");
}

TEST_CASE("parse_new_request reports an impact or urgency the API does not know as a wrong choice") {
    json body = valid_body();
    body["impact"] = "extreme";
    body["urgency"] = "HIGH";
    NewRequest r;
    const FieldErrors errs = parse_new_request(body, r);
    CHECK(code_for(errs, "impact") == "error.choice");
    CHECK(code_for(errs, "urgency") == "error.choice");
    CHECK(errs.size() == 2);
    CHECK(r.impact == Level::invalid);
    CHECK(r.urgency == Level::invalid);
}

TEST_CASE("parse_new_request reports every wrong member at once") {
    const json body = {{"type", 1}, {"subject", 2}, {"requester", {{"name", 3}, {"email", 4}}}, {"fields", 5}};
    NewRequest r;
    const FieldErrors errs = parse_new_request(body, r);
    CAPTURE(all_fields(errs));
    CHECK(errs.size() == 5);
    for (const char* f : {"type", "subject", "requester.name", "requester.email", "fields"})
        CHECK(code_for(errs, f) == "error.wrong_type");
}

TEST_CASE("a comment must have 1 to 20,000 characters") {
    SUBCASE("one character") { CHECK(validate_comment("k").empty()); }
    SUBCASE("20,000 characters") { CHECK(validate_comment(repeat("c", 20000)).empty()); }
    SUBCASE("20,000 multi-byte characters") { CHECK(validate_comment(repeat("€", 20000)).empty()); }
    SUBCASE("empty") { CHECK(code_for(validate_comment(""), "body") == "error.required"); }
    SUBCASE("whitespace only") { CHECK(code_for(validate_comment(" \n\t "), "body") == "error.required"); }
    SUBCASE("20,001 characters") {
        const FieldErrors errs = validate_comment(repeat("c", 20001));
        REQUIRE(code_for(errs, "body") == "error.too_long");
        CHECK(errs[0].params.at("max") == "20000");
    }
    SUBCASE("not valid UTF-8") { CHECK(code_for(validate_comment("thanks \x80"), "body") == "error.utf8"); }
}
