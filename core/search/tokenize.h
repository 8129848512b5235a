// Words for search: runs of letters and digits, folded (fold.h), with where each stands in
// the text, so a snippet can be cut around the words that matched.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace spoc::search {

struct Token {
    std::string word;       // folded: "Drücker" -> "drucker"
    std::size_t begin = 0;  // bytes of the original text
    std::size_t end = 0;
    bool joined = false;    // the parts of a hyphenated word run together ("Wi-Fi" -> "wifi")
};

// Words longer than this (hashes, pasted blobs) are not words anyone searches for; dropped.
constexpr std::size_t kMaxWordBytes = 48;

// Apostrophes inside a word vanish ("can't" -> "cant"). A hyphenated word gives its parts
// and, after them, the parts joined (marked joined): "E-Mail" -> "e", "mail", "email".
std::vector<Token> tokenize(std::string_view text);

// The number of code points of a folded word (its letters, for the typo rule).
std::size_t letter_count(std::string_view word);

}  // namespace spoc::search
