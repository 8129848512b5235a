// Folding tables for Latin-1 and Latin Extended-A/B, plus Greek and Cyrillic lowercasing.
#include "search/fold.h"

namespace spoc::search {

namespace {

void append_utf8(char32_t c, std::string& out) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

// U+00C0..U+00FF, folded; "" for × and ÷, which are not letters and are kept as they are.
const char* const kLatin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // C0..CF
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",  // D0..DF
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // E0..EF
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",   // F0..FF
};

// U+0100..U+017F (Latin Extended-A): base letters, pairs of upper and lower case.
const char kLatinExtendedA[] =
    "aaaaaaccccccccdddd"          // 0100..0111 ĀāĂăĄąĆćĈĉĊċČčĎďĐđ
    "eeeeeeeeee"                  // 0112..011B ĒēĔĕĖėĘęĚě
    "gggggggghhhh"                // 011C..0127 ĜĝĞğĠġĢģĤĥĦħ
    "iiiiiiiiii"                  // 0128..0131 ĨĩĪīĬĭĮįİı
    "??jjkkk"                     // 0132..0138 Ĳĳ (handled apart) ĴĵĶķĸ
    "llllllllll"                  // 0139..0142 ĹĺĻļĽľĿŀŁł
    "nnnnnnnnn"                   // 0143..014B ŃńŅņŇňŉŊŋ
    "oooooo??"                    // 014C..0153 ŌōŎŏŐő Œœ (handled apart)
    "rrrrrr"                      // 0154..0159 ŔŕŖŗŘř
    "ssssssss"                    // 015A..0161 ŚśŜŝŞşŠš
    "tttttt"                      // 0162..0167 ŢţŤťŦŧ
    "uuuuuuuuuuuu"                // 0168..0173 ŨũŪūŬŭŮůŰűŲų
    "wwyyyzzzzzzs";               // 0174..017F ŴŵŶŷŸŹźŻżŽžſ
static_assert(sizeof(kLatinExtendedA) == 0x80 + 1, "one letter per code point of U+0100..U+017F");

}  // namespace

char32_t next_code_point(std::string_view text, std::size_t& i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char c = byte(i);
    if (c < 0x80) {
        ++i;
        return c;
    }
    const std::size_t len = c >= 0xC2 && c <= 0xDF ? 2 : (c >> 4) == 0xE ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (len == 0 || i + len > text.size()) {
        ++i;
        return 0xFFFD;
    }
    for (std::size_t k = 1; k < len; ++k)
        if ((byte(i + k) & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
    const unsigned char c1 = byte(i + 1);
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F)) {
        ++i;
        return 0xFFFD;
    }
    char32_t cp = len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (byte(i + k) & 0x3F);
    i += len;
    return cp;
}

bool is_word_character(char32_t c) {
    if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (c < 0xC0) return c == 0xAA || c == 0xB5 || c == 0xBA;  // ª µ º; the rest is punctuation and signs
    if (c == 0xD7 || c == 0xF7) return false;                     // × ÷
    if (c >= 0x2000 && c <= 0x2BFF) return false;  // general punctuation, currency, arrows, maths, boxes
    if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
    if (c >= 0xD800 && c <= 0xF8FF) return false;  // surrogates, private use
    if (c >= 0xFE00 && c <= 0xFE6F) return false;  // variation selectors, small forms
    if (c >= 0xFF00 && c <= 0xFF0F) return false;  // fullwidth punctuation
    if (c == 0xFFFD || c == 0xFEFF) return false;  // replacement character, byte order mark
    if (c >= 0x1F000 && c <= 0x1FAFF) return false;  // emoji and pictographs
    return true;
}

void append_folded(char32_t c, std::string& out) {
    if (c < 0x80) {
        out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    } else if (c >= 0xC0 && c <= 0xFF) {
        const char* f = kLatin1[c - 0xC0];
        if (*f) out += f;
        else append_utf8(c, out);
    } else if (c >= 0x100 && c <= 0x17F) {
        if (c == 0x132 || c == 0x133) out += "ij";
        else if (c == 0x152 || c == 0x153) out += "oe";
        else out += kLatinExtendedA[c - 0x100];
    } else if (c >= 0x180 && c <= 0x24F) {
        // Latin Extended-B: the letters seen in European names and words; others stay.
        switch (c) {
            case 0x180: case 0x183: case 0x182: out += 'b'; break;        // ƀ Ƃ ƃ
            case 0x187: case 0x188: out += 'c'; break;                    // Ƈ ƈ
            case 0x189: case 0x18A: case 0x18B: case 0x18C: out += 'd'; break;
            case 0x191: case 0x192: out += 'f'; break;                    // Ƒ ƒ
            case 0x197: case 0x268: out += 'i'; break;                    // Ɨ ɨ
            case 0x19A: case 0x23D: out += 'l'; break;                    // ƚ Ƚ
            case 0x19F: case 0x1A0: case 0x1A1: out += 'o'; break;        // Ɵ Ơ ơ
            case 0x1AF: case 0x1B0: out += 'u'; break;                    // Ư ư
            case 0x1B5: case 0x1B6: out += 'z'; break;                    // Ƶ ƶ
            case 0x1CD: case 0x1CE: case 0x1DE: case 0x1DF: case 0x1E0: case 0x1E1: case 0x1FA: case 0x1FB:
            case 0x200: case 0x201: case 0x202: case 0x203: case 0x226: case 0x227: out += 'a'; break;
            case 0x1E2: case 0x1E3: case 0x1FC: case 0x1FD: out += "ae"; break;
            case 0x1CF: case 0x1D0: case 0x208: case 0x209: case 0x20A: case 0x20B: out += 'i'; break;
            case 0x1D1: case 0x1D2: case 0x1EA: case 0x1EB: case 0x1EC: case 0x1ED: case 0x1FE: case 0x1FF:
            case 0x20C: case 0x20D: case 0x20E: case 0x20F: case 0x22A: case 0x22B: case 0x22C: case 0x22D:
            case 0x22E: case 0x22F: case 0x230: case 0x231: out += 'o'; break;
            case 0x1D3: case 0x1D4: case 0x1D5: case 0x1D6: case 0x1D7: case 0x1D8: case 0x1D9: case 0x1DA:
            case 0x1DB: case 0x1DC: case 0x214: case 0x215: case 0x216: case 0x217: out += 'u'; break;
            case 0x1E6: case 0x1E7: case 0x1F4: case 0x1F5: out += 'g'; break;
            case 0x1E8: case 0x1E9: out += 'k'; break;
            case 0x1F0: case 0x237: out += 'j'; break;
            case 0x1F8: case 0x1F9: out += 'n'; break;
            case 0x204: case 0x205: case 0x206: case 0x207: case 0x228: case 0x229: out += 'e'; break;
            case 0x210: case 0x211: case 0x212: case 0x213: out += 'r'; break;
            case 0x218: case 0x219: out += 's'; break;                    // Ș ș (Romanian)
            case 0x21A: case 0x21B: out += 't'; break;                    // Ț ț
            case 0x21E: case 0x21F: out += 'h'; break;
            case 0x232: case 0x233: out += 'y'; break;
            default: append_utf8(c, out);
        }
    } else if (c >= 0x300 && c <= 0x36F) {
        // combining accents (text typed in decomposed form): dropped, as the precomposed ones are
    } else if (c == 0x1E9E) {
        out += "ss";  // ẞ
    } else if (c >= 0x1E00 && c <= 0x1EFF) {
        // Latin Extended Additional (Vietnamese and others): the base letter, in pairs
        static const char kAdditional[] =
            "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm"
            "mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv"
            "wwwwwwwwwwxxxxyyzzzzzzhtwyassssdaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee"
            "eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyyllvvyy";
        static_assert(sizeof(kAdditional) == 0x100 + 1, "one letter per code point of U+1E00..U+1EFF");
        out += kAdditional[c - 0x1E00];
    } else if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) {
        append_utf8(c + 0x20, out);  // Greek capitals
    } else if (c >= 0x410 && c <= 0x42F) {
        append_utf8(c + 0x20, out);  // Cyrillic А..Я
    } else if (c >= 0x400 && c <= 0x40F) {
        append_utf8(c + 0x50, out);  // Cyrillic Ѐ..Џ
    } else if (c >= 0xFF21 && c <= 0xFF3A) {
        out += static_cast<char>('a' + (c - 0xFF21));  // fullwidth Latin capitals
    } else if (c >= 0xFF41 && c <= 0xFF5A) {
        out += static_cast<char>('a' + (c - 0xFF41));
    } else if (c >= 0xFF10 && c <= 0xFF19) {
        out += static_cast<char>('0' + (c - 0xFF10));
    } else {
        append_utf8(c, out);
    }
}

std::string fold(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) append_folded(next_code_point(text, i), out);
    return out;
}

std::string valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) append_utf8(next_code_point(text, i), out);
    return out;
}

std::string without_umlaut_spelling(std::string_view w) {
    std::string out;
    bool changed = false;
    for (std::size_t i = 0; i < w.size(); ++i) {
        const char c = w[i];
        if ((c == 'a' || c == 'o' || c == 'u') && i + 1 < w.size() && w[i + 1] == 'e' &&
            !(c == 'u' && i > 0 && w[i - 1] == 'q')) {
            out += c;
            ++i;
            changed = true;
        } else {
            out += c;
        }
    }
    return changed ? out : std::string();
}

}  // namespace spoc::search
