// Covers soft line breaks for the portal's multi-line fields: greedy breaks at spaces, hard line
// breaks kept, long words left whole, and telling an edited text back apart from its breaks.
#include <doctest/doctest.h>

#include "soft_wrap.h"

using namespace spoc;

namespace {

float chars(std::string_view s) { return static_cast<float>(s.size()); }  // a monospace measure

std::string wrapped(std::string_view text, float width) { return with_breaks(text, soft_breaks(text, width, chars)); }

}  // namespace

TEST_CASE("lines break at the last space that keeps them within the width") {
    CHECK(wrapped("aaa bbb ccc ddd", 10) == "aaa bbb\nccc ddd");
    CHECK(wrapped("aaa bbb ccc ddd", 7) == "aaa bbb\nccc ddd");
    CHECK(wrapped("aaa bbb ccc ddd", 6) == "aaa\nbbb\nccc\nddd");
    CHECK(wrapped("aaa bbb ccc ddd", 100) == "aaa bbb ccc ddd");
    CHECK(wrapped("", 10).empty());
    const std::string text = "Since this morning the laptop does not connect to the office wifi";
    const std::string shown = wrapped(text, 20);
    CHECK(shown.size() == text.size());  // the cursor's positions stay where they were
    for (std::size_t start = 0; start < shown.size();) {
        const std::size_t end = std::min(shown.find('\n', start), shown.size());
        CHECK(end - start <= 20);
        start = end + 1;
    }
}

TEST_CASE("the person's own line breaks stay, and each paragraph wraps on its own") {
    CHECK(wrapped("aaa bbb\nccc ddd eee", 8) == "aaa bbb\nccc ddd\neee");
    CHECK(soft_breaks("aaa bbb\nccc ddd eee", 8, chars) == std::vector<std::size_t>{15});
    CHECK(wrapped("a\n\nb", 1) == "a\n\nb");
}

TEST_CASE("a word wider than the field stays whole on its own line") {
    CHECK(wrapped("see https://intranet.example.com/help now", 10) == "see\nhttps://intranet.example.com/help\nnow");
    CHECK(wrapped("abcdefghijkl", 5) == "abcdefghijkl");
}

TEST_CASE("a run of spaces breaks at its first space") {
    CHECK(wrapped("aaa   bbb", 4) == "aaa\n  bbb");
}

TEST_CASE("after an edit the breaks the edit kept are spaces again, the person's line breaks stay") {
    const std::string text = "aaa bbb ccc ddd";
    const auto breaks = soft_breaks(text, 7, chars);  // {7}
    const std::string shown = with_breaks(text, breaks);
    // Typing at the end, in the middle, deleting across the break.
    CHECK(without_breaks(shown, breaks, shown + " e") == "aaa bbb ccc ddd e");
    CHECK(without_breaks(shown, breaks, "aaXa bbb\nccc ddd") == "aaXa bbb ccc ddd");
    CHECK(without_breaks(shown, breaks, "aaa bbbccc ddd") == "aaa bbbccc ddd");
    CHECK(without_breaks(shown, breaks, "aaa bbb\nccc ddd") == text);
    // An Enter typed by the person is a line break of the text.
    CHECK(without_breaks(shown, breaks, "aaa\n bbb\nccc ddd") == "aaa\n bbb ccc ddd");
    CHECK(without_breaks(shown, breaks, "aaa bbb\nc\ncc ddd") == "aaa bbb c\ncc ddd");
    // Everything replaced (select all, paste): the pasted text as it is.
    CHECK(without_breaks(shown, breaks, "x\ny") == "x\ny");
    CHECK(without_breaks(shown, breaks, "") == "");
}
