// Benchmark of the knowledge search (not a test): 10,000 synthetic but realistic articles in
// English and German; prints the index's build time, its served size (raw and gzip), the time
// to load it, and the time of a hint per keystroke (median, p99) as queries are typed.
// Usage: search_bench [articles]
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#ifdef SPOC_HAVE_ZLIB
#include <zlib.h>
#endif

#include "search/index.h"

using namespace spoc::search;
using Clock = std::chrono::steady_clock;

namespace {

// A small deterministic generator (xorshift), so every run indexes the same articles.
struct Random {
    std::uint64_t state = 0x9E3779B97F4A7C15ull;
    std::uint64_t next() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
    template <typename T>
    const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }
};

struct Topic {
    std::vector<std::string> title_words;  // what the article is about
    std::vector<std::string> terms;        // words its body uses often
};

const std::vector<Topic> kEnglish = {
    {{"VPN", "remote access", "VPN client"}, {"vpn", "gateway", "tunnel", "client", "connection", "home", "network", "certificate"}},
    {{"password", "password reset", "passphrase"}, {"password", "reset", "portal", "characters", "expire", "self-service", "account"}},
    {{"account lockout", "locked account"}, {"locked", "account", "attempts", "unlock", "minutes", "login", "sign-in"}},
    {{"MFA", "two-factor authentication", "authenticator app"}, {"authenticator", "phone", "code", "token", "mfa", "approve", "sign-in"}},
    {{"Wi-Fi", "wireless network", "guest Wi-Fi"}, {"wifi", "wireless", "network", "guest", "office", "signal", "access point"}},
    {{"printer", "printing", "print queue"}, {"printer", "print", "queue", "toner", "paper", "jam", "driver", "floor"}},
    {{"Outlook", "email", "shared mailbox"}, {"outlook", "email", "mailbox", "calendar", "inbox", "attachment", "signature"}},
    {{"email on your phone", "mobile mail"}, {"phone", "android", "iphone", "mail", "app", "sync", "profile"}},
    {{"shared drive", "network drive", "file share"}, {"drive", "share", "folder", "permission", "map", "files", "access"}},
    {{"new starter equipment", "laptop request", "onboarding"}, {"laptop", "monitor", "keyboard", "starter", "equipment", "order", "manager"}},
    {{"software request", "installing software", "licence"}, {"software", "install", "licence", "request", "approval", "catalog"}},
    {{"Teams", "video meeting", "headset"}, {"teams", "meeting", "camera", "microphone", "headset", "audio", "screen"}},
    {{"browser", "cache", "website not loading"}, {"browser", "cache", "cookies", "website", "page", "chrome", "firefox"}},
    {{"laptop battery", "docking station", "monitor"}, {"battery", "dock", "monitor", "display", "cable", "usb", "charger"}},
    {{"Windows update", "restart", "slow computer"}, {"update", "restart", "windows", "slow", "disk", "memory", "performance"}},
};

const std::vector<Topic> kGerman = {
    {{"VPN", "Fernzugriff", "VPN-Client"}, {"vpn", "verbindung", "zugang", "client", "zertifikat", "heimarbeit", "netzwerk"}},
    {{"Passwort", "Passwort zurücksetzen", "Kennwort"}, {"passwort", "zurücksetzen", "portal", "zeichen", "abgelaufen", "konto"}},
    {{"Konto gesperrt", "Anmeldung"}, {"gesperrt", "konto", "anmeldung", "versuche", "entsperren", "minuten"}},
    {{"WLAN", "Gäste-WLAN", "Funknetz"}, {"wlan", "netzwerk", "gäste", "büro", "empfang", "zugangspunkt"}},
    {{"Drucker", "Druckertreiber", "Druckerwarteschlange"}, {"drucker", "druckauftrag", "toner", "papier", "treiber", "stockwerk"}},
    {{"E-Mail", "Outlook", "Postfach"}, {"e-mail", "postfach", "kalender", "anhang", "signatur", "outlook"}},
    {{"Netzlaufwerk", "Freigabe", "Ordner"}, {"laufwerk", "freigabe", "ordner", "berechtigung", "dateien", "zugriff"}},
    {{"Software bestellen", "Lizenz"}, {"software", "installieren", "lizenz", "antrag", "genehmigung", "katalog"}},
    {{"Teams-Besprechung", "Headset", "Kamera"}, {"teams", "besprechung", "kamera", "mikrofon", "headset", "bildschirm"}},
};

const std::vector<std::string> kEnglishCommon = {
    "the", "your", "you", "if", "then", "and", "to", "a", "with", "from", "for", "on", "in", "is", "it", "this",
    "open", "select", "choose", "click", "check", "make", "sure", "that", "again", "after", "before", "while",
    "settings", "menu", "button", "window", "screen", "message", "error", "problem", "issue", "help", "desk",
    "service", "ticket", "request", "contact", "team", "colleague", "office", "home", "work", "day", "hours",
    "minutes", "step", "steps", "first", "next", "finally", "usually", "sometimes", "still", "works", "working",
    "does", "not", "cannot", "need", "needs", "new", "old", "right", "left", "top", "bottom", "corner", "list",
};
const std::vector<std::string> kGermanCommon = {
    "der", "die", "das", "Sie", "Ihr", "Ihre", "wenn", "dann", "und", "zu", "mit", "von", "für", "auf", "im",
    "ist", "es", "öffnen", "wählen", "klicken", "prüfen", "sicher", "dass", "erneut", "nach", "vor", "während",
    "Einstellungen", "Menü", "Schaltfläche", "Fenster", "Bildschirm", "Meldung", "Fehler", "Problem", "Hilfe",
    "Servicedesk", "Ticket", "Anfrage", "Kontakt", "Kollegen", "Büro", "Arbeit", "Tag", "Stunden", "Minuten",
    "Schritt", "Schritte", "zuerst", "danach", "schließlich", "meistens", "manchmal", "noch", "funktioniert",
    "nicht", "neu", "alt", "rechts", "links", "oben", "unten", "Ecke", "Liste",
};

// A made-up word: product names, host names, error codes, people; what makes a real
// knowledge base's vocabulary large.
std::string made_up_word(Random& r) {
    static const char* const syllables[] = {"ka", "lo", "mi", "tren", "sto", "vax", "qui", "ber", "dal", "nor",
                                            "fex", "zu", "pra", "gel", "tor", "win", "ex", "co", "ra", "sul"};
    std::string w;
    const std::size_t n = 2 + r.below(3);
    for (std::size_t i = 0; i < n; ++i) w += syllables[r.below(20)];
    if (r.below(4) == 0) w += std::to_string(r.below(100));
    return w;
}

std::vector<IndexedArticle> make_articles(std::size_t count) {
    Random r;
    std::vector<std::string> rare;  // a vocabulary of rare words shared by a few articles each
    for (std::size_t i = 0; i < count * 4; ++i) rare.push_back(made_up_word(r));
    std::vector<IndexedArticle> out;
    for (std::size_t i = 0; i < count; ++i) {
        const bool german = r.below(10) < 3;
        const Topic& topic = german ? r.pick(kGerman) : r.pick(kEnglish);
        const auto& common = german ? kGermanCommon : kEnglishCommon;
        IndexedArticle a;
        a.id = static_cast<std::int64_t>(i + 1);
        a.lang = german ? "de" : "en";
        const std::string product = rare[r.below(rare.size())];
        a.title = r.pick(topic.title_words) + (german ? ": " : ": ") + r.pick(topic.terms) + " " + product;
        a.tags = {r.pick(topic.terms), r.pick(topic.terms)};
        a.types = {"type_" + std::to_string(r.below(20))};
        const std::size_t words = 120 + r.below(220);
        for (std::size_t w = 0; w < words; ++w) {
            const std::size_t roll = r.below(100);
            if (roll < 22) a.body += r.pick(topic.terms);
            else if (roll < 30) a.body += r.pick(topic.title_words);
            else if (roll < 36) a.body += rare[r.below(rare.size())];
            else if (roll < 37) a.body += "0x" + std::to_string(80070000 + r.below(9999));
            else a.body += r.pick(common);
            a.body += (w % 14 == 13) ? ". " : " ";
        }
        out.push_back(std::move(a));
    }
    return out;
}

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

std::size_t gzip_size(const std::string& s) {
#ifdef SPOC_HAVE_ZLIB
    z_stream z{};
    if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return 0;
    std::string out(deflateBound(&z, s.size()), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
    z.avail_in = static_cast<uInt>(s.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    const std::size_t n = z.total_out;
    deflateEnd(&z);
    return n;
#else
    (void)s;
    return 0;
#endif
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t count = argc > 1 ? static_cast<std::size_t>(std::strtoul(argv[1], nullptr, 10)) : 10000;
    const auto articles = make_articles(count);
    std::size_t body_bytes = 0;
    for (const auto& a : articles) body_bytes += a.body.size();

    auto t = Clock::now();
    const SearchIndex built(articles);
    const double build_ms = ms_since(t);

    const std::string served = built.to_json();
    t = Clock::now();
    const auto loaded = SearchIndex::from_json(served);
    const double load_ms = ms_since(t);
    if (!loaded) {
        std::fprintf(stderr, "search_bench: the served index did not load\n");
        return 1;
    }
    const std::size_t gz = gzip_size(served);

    // Queries as people type them, one search per keystroke on the loaded (served) index.
    const std::vector<std::string> queries = {
        "vpn not connecting",   "reset password",       "printer offline",     "drucker druckt nicht",
        "outlook calendar",     "passwort vergessen",   "cant log in",         "wifi guest network",
        "mfa new phone",        "teams kamera geht nicht", "shared drive access", "pasword expired",
        "druecker treiber",     "software installieren", "laptop battery slow", "email on my iphone",
    };
    SearchOptions typing;
    typing.typing = true;
    typing.limit = 3;
    // Each keystroke's time is the median of 7 runs: the machine may be busy, and a run that the
    // scheduler interrupts says nothing about the search.
    std::vector<double> keystrokes;
    std::vector<std::pair<double, std::string>> slowest;
    std::size_t found = 0;
    for (const auto& q : queries)
        for (std::size_t n = 1; n <= q.size(); ++n) {
            std::vector<double> runs;
            for (int run = 0; run < 7; ++run) {
                t = Clock::now();
                const auto hits = loaded->search(std::string_view(q).substr(0, n), typing);
                runs.push_back(ms_since(t));
                if (run == 0) found += !hits.empty();
            }
            std::nth_element(runs.begin(), runs.begin() + 3, runs.end());
            keystrokes.push_back(runs[3]);
            slowest.emplace_back(runs[3], q.substr(0, n));
        }
    std::sort(keystrokes.begin(), keystrokes.end());
    const auto at = [&](double q) { return keystrokes[static_cast<std::size_t>(q * static_cast<double>(keystrokes.size() - 1))]; };

    std::printf("articles              %zu (%.1f MB of body text)\n", count, static_cast<double>(body_bytes) / 1e6);
    std::printf("terms                 %zu\n", built.term_count());
    std::printf("index build           %.0f ms\n", build_ms);
    std::printf("served index          %.2f MB raw, %.2f MB gzip (each article's text cut at %zu bytes)\n",
                static_cast<double>(served.size()) / 1e6, static_cast<double>(gz) / 1e6, kServedTextBytes);
    std::printf("served index, load    %.0f ms (from_json)\n", load_ms);
    std::printf("hint per keystroke    median %.3f ms, p99 %.3f ms, max %.3f ms (%zu keystrokes, %zu with hits)\n", at(0.5),
                at(0.99), keystrokes.back(), keystrokes.size(), found);
    std::sort(slowest.rbegin(), slowest.rend());
    std::printf("slowest keystrokes   ");
    for (std::size_t i = 0; i < 5 && i < slowest.size(); ++i) std::printf(" \"%s\" %.2f ms", slowest[i].second.c_str(), slowest[i].first);
    std::printf("\n");
    return 0;
}
