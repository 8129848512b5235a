// Covers search folding and words: case, accents, ß, German written with ae/oe/ue, apostrophes,
// hyphens, broken UTF-8; English words that must come through unchanged.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "search/fold.h"
#include "search/stem.h"
#include "search/tokenize.h"

using namespace spoc::search;

namespace {

std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& t : tokenize(text)) out.push_back(t.word);
    return out;
}

// What a query word and an article's word are compared by: the German stem, also spelt
// without ae/oe/ue when the word has them.
std::string german_term(std::string_view word) {
    const std::string folded = fold(word);
    const std::string plain = without_umlaut_spelling(folded);
    return stem(plain.empty() ? folded : plain, "de");
}

}  // namespace

TEST_CASE("fold lowercases and takes the accents off Latin letters") {
    CHECK(fold("Straße") == "strasse");
    CHECK(fold("STRASSE") == "strasse");
    CHECK(fold("Drücker") == "drucker");
    CHECK(fold("DRÜCKER") == "drucker");
    CHECK(fold("Ärger Öl Übung") == "arger ol ubung");
    CHECK(fold("É") == "e");
    CHECK(fold("Café crème à la française") == "cafe creme a la francaise");
    CHECK(fold("Ærø Œuvre") == "aero oeuvre");
    CHECK(fold("Łódź Šťastný Ñandú") == "lodz stastny nandu");
    CHECK(fold("ẞ") == "ss");
    CHECK(fold("ΑΒΓ Привет") == "αβγ привет");
}

TEST_CASE("fold treats decomposed accents like precomposed ones") {
    CHECK(fold("Dru\xCC\x88" "cker") == "drucker");  // u + combining diaeresis
    CHECK(fold("Dru\xCC\x88" "cker") == fold("Drücker"));
}

TEST_CASE("fold leaves digits, punctuation and other scripts alone and mends broken UTF-8") {
    CHECK(fold("Windows 11, VPN-Client (2.0)!") == "windows 11, vpn-client (2.0)!");
    CHECK(fold("日本語 €") == "日本語 €");
    CHECK(fold("a\xFF" "b") == "a\xEF\xBF\xBD" "b");
    CHECK(fold("\xC3") == "\xEF\xBF\xBD");
    CHECK(valid_utf8("ok\xC0\xAF") == "ok\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("German written with ae, oe and ue finds the words written with umlauts") {
    CHECK(without_umlaut_spelling("druecker") == "drucker");
    CHECK(without_umlaut_spelling("schloessel") == "schlossel");
    CHECK(without_umlaut_spelling("aerger") == "arger");
    CHECK(without_umlaut_spelling("drucker").empty());
    CHECK(german_term("druecker") == german_term("Drücker"));
    CHECK(german_term("Zuruecksetzen") == german_term("zurücksetzen"));
    CHECK(german_term("Passwoerter") == german_term("Passwörter"));
    CHECK(german_term("Schluessel") == german_term("Schlüssel"));
}

TEST_CASE("English words with ue, oe and ae are not mangled") {
    // the umlaut spelling is only ever tried beside the word itself (see search_test), and
    // "ue" after q is never an umlaut
    CHECK(without_umlaut_spelling("queue") == "queu");
    CHECK(fold("Queue") == "queue");
    CHECK(fold("blue issue") == "blue issue");
    CHECK(stem("queue", "en") == "queue");
    CHECK(stem("issues", "en") == "issu");
    CHECK(stem("blue", "en") == "blue");
    CHECK(words("Blue queue issue does") == std::vector<std::string>{"blue", "queue", "issue", "does"});
}

TEST_CASE("tokenize gives folded words of letters and digits") {
    CHECK(words("Can't connect to the VPN (error 809)!") ==
          std::vector<std::string>{"cant", "connect", "to", "the", "vpn", "error", "809"});
    CHECK(words("Größe: 12 GB; Drücker…") == std::vector<std::string>{"grosse", "12", "gb", "drucker"});
    CHECK(words("outlook.com user@example.org") == std::vector<std::string>{"outlook", "com", "user", "example", "org"});
    CHECK(words("geht’s") == std::vector<std::string>{"gehts"});
    CHECK(words("").empty());
    CHECK(words("  ... !!! ").empty());
    CHECK(words("\xFF\xFE broken \xC3") == std::vector<std::string>{"broken"});
}

TEST_CASE("tokenize gives a hyphenated word's parts and the parts joined") {
    const auto tokens = tokenize("Wi-Fi and E-Mail-Konto");
    REQUIRE(tokens.size() == 8);
    CHECK(tokens[0].word == "wi");
    CHECK(tokens[1].word == "fi");
    CHECK(tokens[2].word == "wifi");
    CHECK(tokens[2].joined);
    CHECK(tokens[3].word == "and");
    CHECK(tokens[7].word == "emailkonto");
    CHECK(tokens[7].joined);
    CHECK(tokens[7].begin == 10);
    CHECK(tokens[7].end == 22);
}

TEST_CASE("tokenize says where each word stands in the original text") {
    const std::string text = "Die Drücker sind weg";
    const auto tokens = tokenize(text);
    REQUIRE(tokens.size() == 4);
    CHECK(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin) == "Drücker");
}

TEST_CASE("tokenize drops words too long to be searched for") {
    const std::string hash(200, 'a');
    CHECK(words("sha " + hash + " end") == std::vector<std::string>{"sha", "end"});
}
