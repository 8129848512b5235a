// Covers the text helpers: trimming, counting UTF-8 characters, checking UTF-8 and email addresses.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "text.h"

using namespace spoc;

namespace {

// "\xC0\xAF" -> "C0 AF", so a failure shows which bytes were judged.
std::string hex(const std::string& s) {
    static const char digits[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (!out.empty()) out += ' ';
        out += digits[c >> 4];
        out += digits[c & 0xF];
    }
    return out;
}

}  // namespace

TEST_CASE("trim removes spaces, tabs and line breaks at both ends only") {
    CHECK(trim("  a b  ") == "a b");
    CHECK(trim("\t\r\n\f\vx\t\r\n\f\v") == "x");
    CHECK(trim("x") == "x");
    CHECK(trim("") == "");
    CHECK(trim(" \t\n ") == "");
    CHECK(trim(" ä ") == "ä");
    CHECK(trim("a\n\nb") == "a\n\nb");
}

TEST_CASE("utf8_length counts characters, not bytes") {
    CHECK(utf8_length("") == 0);
    CHECK(utf8_length("abc") == 3);
    CHECK(utf8_length("äöü") == 3);
    CHECK(utf8_length("Grüße") == 5);
    CHECK(utf8_length("€") == 1);
    CHECK(utf8_length("\xF0\x9F\x96\xA8") == 1);  // U+1F5A8, four bytes
    CHECK(utf8_length("日本語") == 3);
}

TEST_CASE("is_valid_utf8 accepts well-formed text") {
    for (const std::string good : {"", "plain ASCII", "äöü ß", "€ 100", "日本語", "\xF0\x9F\x96\xA8", "\x7F",
                             "\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEE\x80\x80",
                             "\xEF\xBF\xBF", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF"}) {
        CAPTURE(good);
        CHECK(is_valid_utf8(good));
    }
}

TEST_CASE("is_valid_utf8 rejects broken, overlong and out-of-range sequences") {
    for (const std::string bad : {
             "\xFF",                  // never in UTF-8
             "\x80",                  // a continuation byte alone
             "abc\xC3",               // cut off
             "\xE2\x82",              // cut off
             "\xC3\x28",              // second byte is not a continuation
             "\xC0\xAF",              // overlong '/'
             "\xC1\xBF",              // overlong
             "\xE0\x80\xAF",          // overlong, three bytes
             "\xF0\x80\x80\xAF",      // overlong, four bytes
             "\xED\xA0\x80",          // UTF-16 surrogate U+D800
             "\xED\xBF\xBF",          // UTF-16 surrogate U+DFFF
             "\xF4\x90\x80\x80",      // above U+10FFFF
             "\xF5\x80\x80\x80",      // above U+10FFFF
             "\xF8\x88\x80\x80\x80",  // five-byte form
         }) {
        const std::string bytes = hex(bad);
        CAPTURE(bytes);
        CHECK_FALSE(is_valid_utf8(bad));
    }
}

TEST_CASE("text that is_valid_utf8 accepts can always be written as JSON") {
    // The rule exists so that accepted text can be stored and served: nlohmann/json refuses to
    // write strings that are not strict UTF-8.
    for (const std::string s : {"äöü", "\xF4\x8F\xBF\xBF", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE0\x80\xAF",
                                "\xEF\xBF\xBF", "\xF0\x80\x80\xAF"}) {
        if (!is_valid_utf8(s)) continue;
        const std::string bytes = hex(s);
        CAPTURE(bytes);
        CHECK_NOTHROW((void)nlohmann::json(s).dump());
    }
}

TEST_CASE("has_control_characters finds NUL, ESC, DEL and C1 controls but allows tabs and line breaks") {
    CHECK_FALSE(has_control_characters("Größe – A4 €\tok\r\n"));
    CHECK(has_control_characters(std::string("a\0b", 3)));
    CHECK(has_control_characters("\x1b[2J"));
    CHECK(has_control_characters("del\x7f"));
    CHECK(has_control_characters("c1 \xC2\x85 next line"));
    CHECK_FALSE(has_control_characters("nbsp \xC2\xA0 is fine"));
}

TEST_CASE("is_email accepts common well-formed addresses") {
    for (const std::string good : {"ana@example.org", "a@b.cd", "first.last@example.co.uk", "first.last+tag@example.org",
                             "o'brien@example.ie", "x_y-z@mail-server.example.com", "jörg@müller.example",
                             "12345@example.org"}) {
        CAPTURE(good);
        CHECK(is_email(good));
    }
}

TEST_CASE("is_email rejects malformed addresses") {
    for (const std::string bad : {"", "@", "a@b", "plainaddress", "@example.org", "ana@", "ana@example", "ana@@example.org",
                            "ana@bob@example.org", "ana@exa mple.org", " ana@example.org", "ana@example..org",
                            "ana@example.org.", "ana@.org", "ana@.example.org", "ana@-example.org", "<ana@example.org>",
                            "ana@example.org,bob@example.org", "ana@example.org;", "\"ana\"@example.org",
                            "ana@exam\x7Fple.org", "ana@example.", "ana\n@example.org"}) {
        CAPTURE(bad);
        CHECK_FALSE(is_email(bad));
    }
    CHECK_FALSE(is_email(std::string(250, 'a') + "@example.org"));  // longer than 254
}

TEST_CASE("JSON nested deeper than the limit is told apart before parsing") {
    CHECK(json_depth_within(R"({"a":[1,{"b":[]}]})", 4));
    CHECK_FALSE(json_depth_within(R"({"a":[1,{"b":[]}]})", 3));
    CHECK(json_depth_within(std::string(16, '[') + std::string(16, ']')));
    CHECK_FALSE(json_depth_within(std::string(17, '[') + std::string(17, ']')));
    CHECK_FALSE(json_depth_within(std::string(100000, '[')));  // unclosed counts too

    SUBCASE("brackets inside strings do not count, escaped quotes do not end them") {
        CHECK(json_depth_within(R"({"description":")" + std::string(1000, '[') + R"("})", 1));
        CHECK(json_depth_within(R"({"d":"a\"[[[[","e":1})", 1));
        CHECK_FALSE(json_depth_within(R"({"d":"a\\",[[[[1]]]]})", 2));
    }
    SUBCASE("closing brackets without an opening one do not lower the count below zero") {
        CHECK_FALSE(json_depth_within("]]]][[[", 2));
    }
}
