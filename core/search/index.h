// The knowledge search engine both the portal (on every keystroke) and the server run: an
// index of articles ranked with BM25, titles and tags weighing more than the body.
//
// A query word matches an article's word when their Snowball stems agree (English or German:
// a query's language is not known, so both are tried). Beyond that, cheaply:
//  - German written without umlauts: "druecker" matches Drücker (fold() turns ä into a);
//  - one typo (a letter missing, extra, wrong or two swapped) in words of five letters or
//    more, when the word itself is unknown: "pasword" finds password, "vnp" finds nothing;
//  - German compounds: an article's long German words are split against the vocabulary
//    (Druckertreiber: Drucker + Treiber), and so is an unknown long query word;
//  - two query words that the articles write as one ("log in" -> login, "wi fi" -> wifi);
//  - stop words ("cant", "ich", "nicht", ...) are not searched for;
//  - while typing, the last word is also a prefix ("vp" finds vpn).
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spoc::search {

// What the index needs of a knowledge article.
struct IndexedArticle {
    std::int64_t id = 0;
    std::string title;
    std::string body;                // plain text (markdown_plain_text), for words and snippets
    std::vector<std::string> tags;   // weigh like the title
    std::vector<std::string> types;  // catalog request types it helps with, for SearchOptions::type
    std::string lang;                // "en" or "de"; other languages are indexed unstemmed
};

struct SearchOptions {
    std::size_t limit = 10;
    std::string lang;     // only articles in this language; empty: all
    std::string type;     // only articles for this request type; empty: all
    bool typing = false;  // the query is being typed: its last word may be unfinished
};

struct SearchHit {
    std::int64_t id = 0;
    std::string title;
    double score = 0;
    std::string snippet;  // a piece of the article's text around the words that matched
};

// BM25's parameters and the weights of the fields.
constexpr double kBm25K1 = 1.2;
constexpr double kBm25B = 0.75;
constexpr unsigned kBodyWeight = 2;      // an occurrence in the body
constexpr unsigned kTitleWeight = 6;     // in the title or a tag: three times the body
constexpr unsigned kCompoundWeight = 1;  // a part of a German compound: half the body
constexpr std::size_t kSnippetBytes = 160;
// How much of each article's text the served index carries for snippets.
constexpr std::size_t kServedTextBytes = 240;

class SearchIndex {
public:
    SearchIndex() = default;
    explicit SearchIndex(const std::vector<IndexedArticle>& articles);

    // Best first (ties: lower id first), at most options.limit.
    std::vector<SearchHit> search(std::string_view query, const SearchOptions& options = {}) const;

    std::size_t article_count() const { return articles_.size(); }
    std::size_t term_count() const { return terms_.size(); }

    // Compact JSON (the layout is described in index.cpp) carrying at most text_bytes of each
    // article's text; from_json gives nullopt for anything malformed, never throws.
    std::string to_json(std::size_t text_bytes = kServedTextBytes) const;
    static std::optional<SearchIndex> from_json(std::string_view json_text);

private:
    struct Article {
        std::int64_t id = 0;
        std::string title;
        std::string lang;
        std::string text;
        std::vector<std::string> types;
        std::uint32_t length = 0;  // words indexed (title, tags and body)
    };
    struct Posting {
        std::uint32_t article;
        std::uint8_t weight;  // kBodyWeight per occurrence in the body, and so on; at most 255
    };
    struct QueryWord;

    void prepare();  // what both constructors derive: lengths' normalisation, the typo buckets
    std::optional<std::uint32_t> find(std::string_view term) const;
    std::size_t frequency(std::uint32_t term) const { return starts_[term + 1] - starts_[term]; }
    std::vector<QueryWord> understand(std::string_view query, bool typing) const;
    void add_typo_matches(std::string_view typed, const std::vector<std::string>& forms, QueryWord& word) const;
    std::string snippet(const Article& a, const std::vector<QueryWord>& words) const;

    std::vector<Article> articles_;
    std::vector<std::string> terms_;      // stems, sorted
    std::vector<std::uint32_t> starts_;   // term t's postings: [starts_[t], starts_[t + 1])
    std::vector<Posting> postings_;       // by term, then by article
    std::vector<float> normalisation_;    // per article: k1 * (1 - b + b * length / average)
    std::vector<std::vector<std::uint32_t>> terms_by_length_;  // for the typo search
};

}  // namespace spoc::search
