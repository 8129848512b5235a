// The tokenizer: one pass over UTF-8, folding as it goes.
#include "search/tokenize.h"

#include "search/fold.h"

namespace spoc::search {

namespace {

bool is_apostrophe(char32_t c) { return c == '\'' || c == 0x2019; }
bool is_hyphen(char32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> tokens;
    std::string joined;            // the hyphenated word so far, parts run together
    std::size_t joined_begin = 0;
    std::size_t joined_parts = 0;
    std::size_t i = 0;
    const auto finish_joined = [&](std::size_t end) {
        if (joined_parts > 1 && joined.size() <= kMaxWordBytes) tokens.push_back({joined, joined_begin, end, true});
        joined.clear();
        joined_parts = 0;
    };
    while (i < text.size()) {
        std::size_t at = i;
        char32_t c = next_code_point(text, i);
        if (!is_word_character(c) || (c >= 0x300 && c <= 0x36F)) continue;
        Token t;
        t.begin = at;
        for (;;) {
            append_folded(c, t.word);
            t.end = i;
            if (i >= text.size()) break;
            std::size_t next = i;
            c = next_code_point(text, next);
            if (is_word_character(c)) {
                i = next;
                continue;
            }
            if (is_apostrophe(c) && next < text.size()) {  // "can't": one word if a letter follows
                std::size_t after = next;
                const char32_t d = next_code_point(text, after);
                if (is_word_character(d) && !(d >= 0x300 && d <= 0x36F)) {
                    i = after;
                    c = d;
                    continue;
                }
            }
            break;
        }
        const std::size_t end = t.end;
        const bool long_word = t.word.size() > kMaxWordBytes;
        if (joined_parts == 0) joined_begin = t.begin;
        joined += t.word;
        ++joined_parts;
        if (!long_word) tokens.push_back(std::move(t));
        // a hyphen directly followed by a letter continues the hyphenated word
        bool continues = false;
        if (end < text.size()) {
            std::size_t after = end;
            const char32_t h = next_code_point(text, after);
            if (is_hyphen(h) && after < text.size()) {
                std::size_t after2 = after;
                const char32_t d = next_code_point(text, after2);
                continues = is_word_character(d) && !(d >= 0x300 && d <= 0x36F);
                if (continues) i = after;
            }
        }
        if (!continues) finish_joined(end);
    }
    finish_joined(text.size());
    return tokens;
}

std::size_t letter_count(std::string_view word) {
    std::size_t n = 0;
    for (unsigned char c : word)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

}  // namespace spoc::search
