// Case and accent folding for search: Straße -> strasse, Drücker -> drucker, É -> e.
// Latin letters lose their accents; Greek and Cyrillic are lowercased; UTF-8 in, UTF-8 out.
#pragma once
#include <string>
#include <string_view>

namespace spoc::search {

// Decodes the code point at text[i] and advances i past it. A broken or overlong sequence
// yields U+FFFD and advances by one byte, so every input ends.
char32_t next_code_point(std::string_view text, std::size_t& i);

// Whether a code point belongs to a word: letters and digits of any script, combining marks;
// not spaces, punctuation, symbols, emoji or private-use characters.
bool is_word_character(char32_t c);

// Appends the folded form of one code point to out (nothing for a combining accent, two
// letters for ß, æ, œ, ...).
void append_folded(char32_t c, std::string& out);

// The whole text folded; characters that are not letters pass through unchanged, broken
// UTF-8 becomes U+FFFD.
std::string fold(std::string_view text);

// The text with each broken UTF-8 sequence replaced by U+FFFD.
std::string valid_utf8(std::string_view text);

// German written without umlauts (ae, oe, ue for ä, ö, ü; "ue" after q is left alone) folded
// the way fold() folds umlauts: "druecker" -> "drucker". Empty when the word has none.
std::string without_umlaut_spelling(std::string_view folded_word);

}  // namespace spoc::search
