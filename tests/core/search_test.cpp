// Covers the search engine: BM25 with the title boost, typos, German compounds and umlaut
// spellings, stop words, prefixes while typing, filters, snippets, and the JSON round trip.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "search/index.h"

using namespace spoc::search;

namespace {

const std::vector<IndexedArticle>& articles() {
    static const std::vector<IndexedArticle> a = {
        {1, "Connect to the VPN from home",
         "Install the VPN client from the software centre. Start it, sign in with your account and choose the "
         "office gateway. If the connection fails, check that you are online and try again.",
         {"vpn", "remote", "network"}, {"network_vpn"}, "en"},
        {2, "Reset your password",
         "Forgot your password? Open the self-service portal, choose Reset password and follow the steps. "
         "The new password must have at least twelve characters.",
         {"password", "account"}, {"access"}, "en"},
        {3, "Your account is locked",
         "After five wrong passwords your account is locked for fifteen minutes. Wait, then log in again, or "
         "ask the service desk to unlock it.",
         {"account", "login"}, {"access"}, "en"},
        {4, "Printing on the floor printers",
         "Every floor has a printer. Add the printer from the print server, then print as usual. Printers "
         "that show an error need a new toner.",
         {"printer"}, {"hardware"}, "en"},
        {5, "Working from home",
         "A few tips for working from home: a quiet room, a good chair, and regular breaks. For access to "
         "internal systems you need the VPN; printers at home are not supported.",
         {"remote"}, {}, "en"},
        {6, "Drucker einrichten",
         "Jeder Stock hat einen Drucker. Fügen Sie den Drucker über den Druckserver hinzu. Zeigt ein Drucker "
         "einen Fehler, braucht er neuen Toner.",
         {"drucker"}, {"hardware"}, "de"},
        {7, "Druckertreiber installieren",
         "Den Druckertreiber installieren Sie aus dem Softwarecenter. Danach den Rechner neu starten.",
         {"treiber"}, {"hardware"}, "de"},
        {8, "Passwort zurücksetzen",
         "Sie haben Ihr Passwort vergessen? Öffnen Sie das Self-Service-Portal und wählen Sie Passwort "
         "zurücksetzen.",
         {"passwort", "konto"}, {"access"}, "de"},
        {9, "WLAN im Büro",
         "Das WLAN heißt Office. Melden Sie sich mit Ihrem Konto an. Gäste nutzen das Gäste-WLAN.",
         {"wlan", "netzwerk"}, {"network_wifi"}, "de"},
        {10, "Join the office Wi-Fi",
         "Choose the Office network and sign in with your account. Guests use the guest network.",
         {"wifi", "wireless"}, {"network_wifi"}, "en"},
        {11, "Shared mailbox in Outlook",
         "Ask the service desk for access to a shared mailbox, then it appears in Outlook on its own.",
         {"email", "outlook"}, {"email"}, "en"},
        {12, "Jobs stuck in the print queue",
         "When jobs stay in the queue, restart the printer and clear the queue from the print server.",
         {"printer", "queue"}, {"hardware"}, "en"},
        {13, "Report an issue with your laptop",
         "Describe the issue, the model and when it started; the desk will call you back.",
         {"laptop", "issue"}, {"hardware"}, "en"},
        {14, "Login to the portal",
         "Use your work email address to login. If the login page does not load, clear the browser cache.",
         {"portal"}, {"access"}, "en"},
    };
    return a;
}

const SearchIndex& index() {
    static const SearchIndex i(articles());
    return i;
}

std::vector<std::int64_t> ids(const std::vector<SearchHit>& hits) {
    std::vector<std::int64_t> out;
    for (const auto& h : hits) out.push_back(h.id);
    return out;
}

std::int64_t top(std::string_view query, SearchOptions options = {}) {
    const auto hits = index().search(query, options);
    return hits.empty() ? 0 : hits.front().id;
}

bool finds(std::string_view query, std::int64_t id, SearchOptions options = {}) {
    const auto found = ids(index().search(query, options));
    return std::find(found.begin(), found.end(), id) != found.end();
}

SearchOptions typing() {
    SearchOptions o;
    o.typing = true;
    return o;
}

}  // namespace

TEST_CASE("the best match comes first, with its title, a score and a snippet") {
    const auto hits = index().search("vpn");
    REQUIRE(hits.size() == 2);
    CHECK(hits[0].id == 1);
    CHECK(hits[0].title == "Connect to the VPN from home");
    CHECK(hits[0].score > hits[1].score);
    CHECK(hits[1].id == 5);
    CHECK(hits[0].snippet.find("VPN") != std::string::npos);
}

TEST_CASE("a word in the title beats the same word in the body") {
    const SearchIndex i({{1, "Office chairs", "How to order a printer setup for the office and the chairs.", {}, {}, "en"},
                         {2, "Printer setup", "How to order office chairs for the printer room and the desk.", {}, {}, "en"},
                         {3, "Desks", "How to order standing desks for the office and the meeting room.", {"printer"}, {}, "en"}});
    const auto hits = i.search("printer");
    REQUIRE(hits.size() == 3);
    CHECK(hits[0].id == 2);  // title and body
    CHECK(hits[1].id == 3);  // a tag weighs like the title
    CHECK(hits[2].id == 1);  // the body only
    CHECK(top("printers") == 4);
    CHECK(finds("printers", 5));
}

TEST_CASE("BM25 prefers the article about a word to one that mentions it in passing") {
    // both articles say "vpn" once in the body; 1 also has it in title and tags, 5 is about something else
    const auto hits = index().search("vpn home");
    REQUIRE(hits.size() >= 2);
    CHECK(hits[0].id == 1);
    CHECK(top("password") == 2);  // three times in 2, once (as passwords) in 3
    CHECK(finds("password", 3));
}

TEST_CASE("words match through their stems") {
    CHECK(top("connecting vpn") == 1);
    CHECK(top("printer") == 4);
    CHECK(top("locked account") == 3);
    CHECK(top("Drucker") == 6);
    CHECK(finds("Druckern", 6));
}

TEST_CASE("one typo is forgiven in words of five letters or more") {
    CHECK(top("pasword") == 2);     // a letter missing
    CHECK(top("passwort") == 8);    // known as it is: the German article
    CHECK(top("passsword") == 2);   // one too many
    CHECK(top("printre") == 4);     // two swapped
    CHECK(top("lcoked") == 3);      // two swapped
    CHECK(top("Dricker") == 6);     // one wrong
    // shorter words must be right: "vnp" is not taken for vpn, nor "vpm"
    CHECK(index().search("vnp").empty());
    CHECK(index().search("vpm").empty());
    // two typos are too many
    CHECK(index().search("pasvord").empty());
}

TEST_CASE("German written without umlauts finds the German article") {
    CHECK(top("Passwort zuruecksetzen") == 8);
    CHECK(top("zurucksetzen") == 8);
    CHECK(top("Buero WLAN") == 9);
    CHECK(top("gaeste") == 9);
}

TEST_CASE("English words with ue are not taken for German umlauts") {
    CHECK(top("queue") == 12);
    CHECK(top("print queue") == 12);
    CHECK(top("issue") == 13);
    CHECK(ids(index().search("issue")) == std::vector<std::int64_t>{13});
}

TEST_CASE("German compounds: a query for a compound finds its parts, a part finds the compound") {
    // the compound in the query: Druckerproblem is in no article, Drucker is
    CHECK(top("Druckerproblem") == 6);
    // the compound in the article: Druckertreiber is found by Treiber and by Drucker
    CHECK(finds("Treiber", 7));
    CHECK(finds("Drucker", 7));
    CHECK(top("Druckertreiber") == 7);
    // and the whole word still beats its part
    CHECK(top("Drucker") == 6);
}

TEST_CASE("stop words do not decide the ranking") {
    // "log in" (also written login): the locked account and the portal's login; "cant" and "in" weigh nothing
    auto log_in = ids(index().search("cant log in"));
    std::sort(log_in.begin(), log_in.end());
    CHECK(log_in == std::vector<std::int64_t>{3, 14});
    CHECK(top("I cant connect to the vpn") == 1);
    CHECK(top("ich kann mich nicht am WLAN anmelden") == 9);
    CHECK(index().search("ich kann nicht").empty());
    CHECK(index().search("the").empty());
}

TEST_CASE("two words the articles write as one are found as one") {
    CHECK(finds("log in", 14));         // login
    CHECK(top("wi fi") == 10);          // Wi-Fi
    CHECK(top("wifi") == 10);
    CHECK(top("Wi-Fi office") == 10);
}

TEST_CASE("while typing, the last word is also the start of a word") {
    CHECK(index().search("v", typing()).empty());  // one letter stands for nothing yet
    CHECK(top("vp", typing()) == 1);
    CHECK(top("vpn", typing()) == 1);
    CHECK(finds("pass", 2, typing()));  // password
    CHECK(finds("pass", 8, typing()));  // Passwort
    CHECK(top("reset pass", typing()) == 2);
    CHECK(finds("Druck", 6, typing()));  // Drucker
    CHECK(finds("Druck", 7, typing()));  // Druckertreiber
    CHECK(top("connecti", typing()) == 1);  // typed past the stem "connect"
    // once the word is finished (a space follows), it is a word of its own
    CHECK(index().search("vp ", typing()).empty());
    CHECK(index().search("vp").empty());
}

TEST_CASE("the language and request type filters keep only matching articles") {
    SearchOptions de;
    de.lang = "de";
    CHECK(ids(index().search("passwort password", de)) == std::vector<std::int64_t>{8});
    SearchOptions wifi;
    wifi.type = "network_wifi";
    const auto found = ids(index().search("office", wifi));
    CHECK(found == std::vector<std::int64_t>{10, 9});
    SearchOptions one;
    one.limit = 1;
    CHECK(index().search("printer", one).size() == 1);
    one.limit = 0;
    CHECK(index().search("printer", one).empty());
}

TEST_CASE("a snippet is a short piece of the body around the words that matched") {
    SearchIndex i({{1, "Long article",
                    "This article starts with a long introduction about nothing in particular, which goes on "
                    "for a while and says nothing about the subject at hand at all, really nothing. Much later "
                    "it explains how to reset the token of the authenticator app on a new phone. Then it ends "
                    "with more words that nobody needs to read in a hint.",
                    {}, {}, "en"}});
    const auto hits = i.search("authenticator token");
    REQUIRE(hits.size() == 1);
    const std::string& s = hits[0].snippet;
    CHECK(s.find("token") != std::string::npos);
    CHECK(s.find("authenticator") != std::string::npos);
    CHECK(s.rfind("… ", 0) == 0);
    CHECK(s.size() <= kSnippetBytes + 10);
    // a match in the title only: the body's start
    const auto title_only = i.search("long");
    REQUIRE(title_only.size() == 1);
    CHECK(title_only[0].snippet.rfind("This article starts", 0) == 0);
}

TEST_CASE("the index survives JSON: the same results after to_json and from_json") {
    const std::string json = index().to_json(100000);
    const auto loaded = SearchIndex::from_json(json);
    REQUIRE(loaded);
    CHECK(loaded->article_count() == index().article_count());
    CHECK(loaded->term_count() == index().term_count());
    for (const char* q : {"vpn", "printers", "pasword", "Druckerproblem", "cant log in", "Buero WLAN", "vp", "queue"}) {
        for (bool t : {false, true}) {
            CAPTURE(q);
            SearchOptions o;
            o.typing = t;
            const auto a = index().search(q, o), b = loaded->search(q, o);
            REQUIRE(a.size() == b.size());
            for (std::size_t k = 0; k < a.size(); ++k) {
                CHECK(a[k].id == b[k].id);
                CHECK(a[k].score == b[k].score);
                CHECK(a[k].snippet == b[k].snippet);
            }
        }
    }
    CHECK(loaded->to_json(100000) == json);
}

TEST_CASE("the served index carries a part of each text, and the same ranking") {
    const auto small = SearchIndex::from_json(index().to_json(40));
    REQUIRE(small);
    CHECK(ids(small->search("printers")) == ids(index().search("printers")));
    CHECK(small->search("vpn")[0].snippet.size() <= 50);
}

TEST_CASE("malformed JSON is refused, never trusted") {
    const std::string good = index().to_json();
    for (const std::string bad : {
             std::string(), std::string("null"), std::string("[]"), std::string("{}"), good.substr(0, good.size() / 2),
             std::string(R"({"format":"spoc-search-index","version":2,"articles":[],"terms":[],"postings":[]})"),
             std::string(R"({"format":"spoc-search-index","version":1,"articles":[],"terms":["a"],"postings":[]})"),
             std::string(R"({"format":"spoc-search-index","version":1,"articles":[],"terms":["a"],"postings":["0"]})"),
             std::string(R"({"format":"spoc-search-index","version":1,"articles":[[1,"en","t",1,"x",[]]],"terms":["b","a"],"postings":["0","0"]})"),
             std::string(R"({"format":"spoc-search-index","version":1,"articles":[[1,"en","t",1,"x",[]]],"terms":["a"],"postings":["1"]})"),
             std::string(R"({"format":"spoc-search-index","version":1,"articles":[[1,"en","t",1,"x",[]]],"terms":["a"],"postings":["1_"]})"),
             std::string(R"({"format":"spoc-search-index","version":1,"articles":[[1,"en","t",1,"x",[]]],"terms":["a"],"postings":["_"]})"),
             std::string(R"({"format":"spoc-search-index","version":1,"articles":[[1,"en","t",-1,"x",[]]],"terms":[],"postings":[]})"),
             std::string(R"({"format":"spoc-search-index","version":1,"articles":[[1,"en","t",1,"x",[2]]],"terms":[],"postings":[]})"),
         }) {
        CAPTURE(bad);
        CHECK_FALSE(SearchIndex::from_json(bad));
    }
    const auto ok = SearchIndex::from_json(
        R"({"format":"spoc-search-index","version":1,"articles":[[7,"en","Title",1,"text",[]]],"terms":["word"],"postings":["0"]})");
    REQUIRE(ok);
    CHECK(ids(ok->search("word")) == std::vector<std::int64_t>{7});
}

TEST_CASE("an empty index and odd queries find nothing and do not fail") {
    const SearchIndex empty;
    CHECK(empty.search("vpn").empty());
    const auto loaded = SearchIndex::from_json(empty.to_json());
    REQUIRE(loaded);
    CHECK(loaded->search("vpn").empty());
    for (const std::string q : {std::string(), std::string("   "), std::string("\xFF\xFE"), std::string(10000, 'a'),
                                std::string("-----"), std::string("a-b-c-d-e-f-g"), std::string("🙂 vpn 🙂")}) {
        CHECK_NOTHROW(index().search(q));
        CHECK_NOTHROW(index().search(q, typing()));
    }
    CHECK(top("🙂 vpn 🙂") == 1);
}
