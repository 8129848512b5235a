// Covers the seed article files (assets/kb/<lang>/<slug>.md): front matter, body and the errors.
#include <doctest/doctest.h>

#include <string>

#include "article_file.h"

using namespace spoc;

TEST_CASE("an article file gives its title, tags, types, visibility and body") {
    const auto a = parse_article_file(
        "---\n"
        "title: Connect to the VPN from home\n"
        "tags: vpn, remote,  network ,\n"
        "types: network_vpn\n"
        "visibility: internal\n"
        "---\n"
        "\n"
        "Markdown **body**.\n"
        "\n",
        "en", "vpn-from-home");
    CHECK(a.error == "");
    CHECK(a.lang == "en");
    CHECK(a.slug == "vpn-from-home");
    CHECK(a.title == "Connect to the VPN from home");
    CHECK(a.tags == std::vector<std::string>{"vpn", "remote", "network"});
    CHECK(a.types == std::vector<std::string>{"network_vpn"});
    CHECK(a.visibility == "internal");
    CHECK(a.body == "Markdown **body**.");
}

TEST_CASE("an article file may leave out tags, types and visibility, and use Windows line ends") {
    const auto a = parse_article_file("\xEF\xBB\xBF---\r\ntitle: Drucker: einrichten\r\n---\r\nText\r\n", "de", "drucker");
    CHECK(a.error == "");
    CHECK(a.title == "Drucker: einrichten");
    CHECK(a.tags.empty());
    CHECK(a.types.empty());
    CHECK(a.visibility == "public");
    CHECK(a.body == "Text");
}

TEST_CASE("a malformed article file says what is wrong") {
    const auto error = [](std::string_view text) { return parse_article_file(text, "en", "x").error; };
    CHECK(error("") == "the file does not start with a front matter (---)");
    CHECK(error("title: x\n---\nbody") == "the file does not start with a front matter (---)");
    CHECK(error("---\ntitle: x\n") == "the front matter is not closed (---)");
    CHECK(error("---\ntitle x\n---\nbody") == "line 2 of the front matter is not \"key: value\"");
    CHECK(error("---\ntitel: x\n---\nbody") == "unknown key \"titel\" on line 2");
    CHECK(error("---\ntitle: x\ntitle: y\n---\nbody") == "\"title\" is given twice");
    CHECK(error("---\ntags: a\n---\nbody") == "the article has no title");
    CHECK(error("---\ntitle:   \n---\nbody") == "the article has no title");
    CHECK(error("---\ntitle: x\nvisibility: secret\n---\nbody") == "visibility must be public or internal, not \"secret\"");
    CHECK(error("---\ntitle: x\n---\n \n") == "the article has no body");
    CHECK(error("---\ntitle: \xFF\n---\nbody") == "the file is not UTF-8");
}
