// Covers stemming with the generated Snowball stemmers (the same in both builds) and the stop words.
#include <doctest/doctest.h>

#include "search/stem.h"

using namespace spoc::search;

TEST_CASE("English words are stemmed with Snowball's English stemmer") {
    CHECK(stem("printers", "en") == "printer");
    CHECK(stem("printer", "en") == "printer");
    CHECK(stem("connecting", "en") == "connect");
    CHECK(stem("connected", "en") == "connect");
    CHECK(stem("connection", "en") == "connect");
    CHECK(stem("passwords", "en") == "password");
    CHECK(stem("installing", "en") == "instal");
    CHECK(stem("installation", "en") == "instal");
    CHECK(stem("locked", "en") == "lock");
}

TEST_CASE("German words are stemmed with Snowball's German stemmer") {
    CHECK(stem("drucker", "de") == "druck");
    CHECK(stem("druckern", "de") == "druck");
    CHECK(stem("zurucksetzen", "de") == "zurucksetz");
    CHECK(stem("anmelden", "de") == "anmeld");
    CHECK(stem("anmeldung", "de") == "anmeld");
    CHECK(stem("verbindungen", "de") == "verbind");
    CHECK(stem("treiber", "de") == "treib");
    CHECK(stem("passworter", "de") == "passwort");
}

TEST_CASE("other languages and overlong words are not stemmed") {
    CHECK(stem("printers", "fr") == "printers");
    CHECK(stem("printers", "") == "printers");
    const std::string longer(100, 'x');
    CHECK(stem(longer, "en") == longer);
    CHECK(stem("", "de").empty());
}

TEST_CASE("stop words of both languages are known, words worth searching are not") {
    for (const char* w : {"the", "cant", "can", "i", "in", "not", "my", "ich", "kann", "nicht", "mein", "das", "und", "fur"}) {
        CAPTURE(w);
        CHECK(is_stopword(w));
    }
    for (const char* w : {"vpn", "log", "login", "password", "drucker", "id", "email", "wifi", ""}) {
        CAPTURE(w);
        CHECK_FALSE(is_stopword(w));
    }
}
