// Covers the Markdown subset of knowledge articles: blocks, inline styles, links limited to
// http(s) and mailto, plain text for search, and hostile input that must never break it.
#include <doctest/doctest.h>

#include <string>

#include "markdown.h"
#include "text.h"

using namespace spoc;

namespace {

// The spans of a one-block text as "text" with markers: *bold*, `code`, <text|link>.
std::string spans(std::string_view markdown) {
    const MarkdownDocument doc = parse_markdown(markdown);
    if (doc.blocks.size() != 1) return "(" + std::to_string(doc.blocks.size()) + " blocks)";
    std::string out;
    for (const auto& s : doc.blocks[0].spans) {
        std::string piece = s.text;
        if (s.code) piece = "`" + piece + "`";
        if (!s.link.empty()) piece = "<" + piece + "|" + s.link + ">";
        if (s.bold) piece = "*" + piece + "*";
        out += piece;
    }
    return out;
}

}  // namespace

TEST_CASE("headings, paragraphs, lists and code blocks become blocks") {
    const auto doc = parse_markdown(
        "# Connect to the VPN\n"
        "Intro line one\nand line two.\n"
        "\n"
        "## Steps\n"
        "1. Open the client\n"
        "2) Sign in\n"
        "   with your account\n"
        "- a bullet\n"
        "  - nested\n"
        "* star bullet\n"
        "### Code\n"
        "```bash\n"
        "vpn connect office\n"
        "\n"
        "  indented\n"
        "```\n"
        "Last paragraph.");
    REQUIRE(doc.blocks.size() == 11);
    CHECK(doc.blocks[0].kind == MarkdownBlockKind::heading);
    CHECK(doc.blocks[0].level == 1);
    CHECK(doc.blocks[0].spans[0].text == "Connect to the VPN");
    CHECK(doc.blocks[1].kind == MarkdownBlockKind::paragraph);
    CHECK(doc.blocks[1].spans[0].text == "Intro line one and line two.");
    CHECK(doc.blocks[2].level == 2);
    CHECK(doc.blocks[3].kind == MarkdownBlockKind::numbered_item);
    CHECK(doc.blocks[3].number == 1);
    CHECK(doc.blocks[4].number == 2);
    CHECK(doc.blocks[4].spans[0].text == "Sign in with your account");
    CHECK(doc.blocks[5].kind == MarkdownBlockKind::bullet_item);
    CHECK(doc.blocks[5].level == 0);
    CHECK(doc.blocks[6].level == 1);
    CHECK(doc.blocks[7].spans[0].text == "star bullet");
    CHECK(doc.blocks[8].level == 3);
    CHECK(doc.blocks[9].kind == MarkdownBlockKind::code_block);
    CHECK(doc.blocks[9].code == "vpn connect office\n\n  indented");
    CHECK(doc.blocks[10].spans[0].text == "Last paragraph.");
}

TEST_CASE("bold, inline code and links are spans") {
    CHECK(spans("plain **bold** plain") == "plain *bold* plain");
    CHECK(spans("run `ipconfig /all` now") == "run `ipconfig /all` now");
    CHECK(spans("see [the portal](https://portal.example.org/a?b=c)") == "see <the portal|https://portal.example.org/a?b=c>");
    CHECK(spans("[mail us](mailto:desk@example.org)") == "<mail us|mailto:desk@example.org>");
    CHECK(spans("**[bold link](http://x.example)**") == "*<bold link|http://x.example>*");
    CHECK(spans("`**not bold**`") == "`**not bold**`");
    CHECK(spans("\\*\\*escaped\\*\\*") == "**escaped**");
    CHECK(spans("a * b ** c") == "a * b ** c");
}

TEST_CASE("links other than http(s) and mailto are drawn as their text") {
    CHECK(spans("[click](javascript:alert(1))") == "click)");
    CHECK(spans("[click](javascript:alert)") == "click");
    CHECK(spans("[file](file:///etc/passwd)") == "file");
    CHECK(spans("[rel](/relative/path)") == "rel");
    CHECK(spans("[x](data:text/html,hi)") == "x");
    CHECK(spans("[empty]()") == "empty");
    CHECK(spans("[](https://a.example)") == "<https://a.example|https://a.example>");
    CHECK(spans("[not a link] (https://a.example)") == "[not a link] (https://a.example)");
}

TEST_CASE("unclosed markup is text") {
    CHECK(spans("**never closed") == "**never closed");
    CHECK(spans("`never closed") == "`never closed");
    CHECK(spans("[never closed](https://a.example") == "[never closed](https://a.example");
    CHECK(spans("[[nested] brackets](https://a.example)") == "<[nested] brackets|https://a.example>");
    CHECK(spans("]]] [[[ ((( )))") == "]]] [[[ ((( )))");
    CHECK(spans("#### four hashes") == "#### four hashes");
    CHECK(parse_markdown("```\nunclosed fence\nruns to the end").blocks[0].code == "unclosed fence\nruns to the end");
    CHECK(parse_markdown("").blocks.empty());
    CHECK(parse_markdown("\n\n  \n").blocks.empty());
    CHECK(parse_markdown("#").blocks.empty());
}

TEST_CASE("plain text has the words a reader sees and no markup") {
    CHECK(markdown_plain_text("# Title\nSome **bold** and `code` and [a link](https://x.example).\n- item\n```\ncode line\n```") ==
          "Title\nSome bold and code and a link.\nitem\ncode line");
    CHECK(markdown_plain_text("line\r\nnext\r\n\r\n## Head\r\n") == "line next\nHead");
}

TEST_CASE("hostile Markdown never breaks the parser") {
    SUBCASE("broken UTF-8 becomes the replacement character") {
        const auto doc = parse_markdown("bad \xFF\xC3 bytes **\xE2\x82**");
        CHECK(is_valid_utf8(plain_text(doc)));
    }
    SUBCASE("huge and pathological input stays fast and whole") {
        for (const std::string& s : {std::string(1 << 20, '*'), std::string(1 << 20, '['), std::string(1 << 20, '`'),
                                     std::string(1 << 20, '#'), std::string(1 << 20, '\n'), std::string(1 << 20, '-')}) {
            CHECK_NOTHROW(parse_markdown(s));
        }
        std::string links, nested, stars;
        for (int i = 0; i < 100000; ++i) {
            links += "[](";
            nested += "[a";
            stars += "**a ";
        }
        nested += std::string(100000, ']') + "(https://x.example)";
        CHECK_NOTHROW(parse_markdown(links));
        CHECK_NOTHROW(parse_markdown(nested));
        CHECK(parse_markdown(stars).blocks.size() == 1);
        std::string lines;
        for (int i = 0; i < 100000; ++i) lines += "- item\n1. step\n```\ncode\n```\n# h\n";
        CHECK(parse_markdown(lines).blocks.size() == 400000);  // four blocks each time
    }
    SUBCASE("control characters and NUL are text") {
        const std::string s("a\0b\x1b[31m**c**", 14);
        CHECK_NOTHROW(parse_markdown(s));
    }
}
