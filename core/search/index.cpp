// The search index: building it, understanding a query, ranking, snippets, and its JSON form.
//
// [SECTION] Helpers
// [SECTION] Building
// [SECTION] Understanding a query
// [SECTION] Ranking
// [SECTION] Snippets
// [SECTION] JSON
#include "search/index.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

#include "search/fold.h"
#include "search/stem.h"
#include "search/tokenize.h"

namespace spoc::search {

// [SECTION] Helpers -----------------------------------------------------------------------

namespace {

constexpr std::string_view kLanguages[] = {"en", "de"};  // a query is stemmed in each
constexpr std::size_t kTypoMinLetters = 5;        // one typo forgiven from five letters on
constexpr std::size_t kCompoundMinLetters = 8;    // a word this long may be a compound
constexpr std::size_t kCompoundPartLetters = 4;   // each part at least this long
constexpr std::size_t kPrefixExpansions = 24;     // an unfinished word stands for its 24 commonest completions
constexpr float kPrefixFactor = 0.9f;
constexpr float kTypoFactor = 0.7f;
constexpr float kCompoundFactor = 0.8f;

// Whether a and b differ by at most one edit: a letter inserted, deleted, replaced, or two
// neighbours swapped (optimal string alignment distance <= 1). Bytes, not letters: folded
// words are nearly all ASCII.
bool within_one_edit(std::string_view a, std::string_view b) {
    if (a.size() > b.size()) std::swap(a, b);
    if (b.size() - a.size() > 1) return false;
    std::size_t i = 0;
    while (i < a.size() && a[i] == b[i]) ++i;
    if (i == a.size()) return true;
    if (a.size() == b.size()) {
        if (a.substr(i + 1) == b.substr(i + 1)) return true;
        return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
    }
    return a.substr(i) == b.substr(i + 1);
}

// Byte offsets where each code point of a folded word starts, and its end.
std::vector<std::size_t> letter_starts(std::string_view w) {
    std::vector<std::size_t> at;
    for (std::size_t i = 0; i < w.size(); ++i)
        if ((static_cast<unsigned char>(w[i]) & 0xC0) != 0x80) at.push_back(i);
    at.push_back(w.size());
    return at;
}

// The best split of a long word in two parts of at least four letters each, judged by
// known(part) (the part's stem when the vocabulary has it, else empty). Both parts known
// beats one; then more known letters. A split with one known part needs min_known_letters.
struct CompoundSplit {
    std::string head, tail;  // stems; one may be empty, never both
};
template <typename Known>
std::optional<CompoundSplit> split_compound(std::string_view word, Known known, std::size_t min_known_letters) {
    const auto at = letter_starts(word);
    const std::size_t letters = at.size() - 1;
    if (letters < kCompoundMinLetters) return std::nullopt;
    std::optional<CompoundSplit> best;
    std::size_t best_score = 0;
    for (std::size_t k = kCompoundPartLetters; k + kCompoundPartLetters <= letters; ++k) {
        CompoundSplit s{known(word.substr(0, at[k])), known(word.substr(at[k]))};
        const std::size_t known_parts = !s.head.empty() + !s.tail.empty();
        if (known_parts == 0) continue;
        const std::size_t known_letters = (s.head.empty() ? 0 : k) + (s.tail.empty() ? 0 : letters - k);
        if (known_parts == 1 && known_letters < min_known_letters) continue;
        const std::size_t score = known_parts * 1000 + known_letters;
        if (score > best_score) {
            best_score = score;
            best = std::move(s);
        }
    }
    return best;
}

double idf(std::size_t articles, std::size_t frequency) {
    return std::log(1.0 + (static_cast<double>(articles) - static_cast<double>(frequency) + 0.5) /
                              (static_cast<double>(frequency) + 0.5));
}

}  // namespace

// One word of a query: the index terms that count as it, each with how much a match is worth
// (1 for the word itself, less for a completion, a typo or a compound's part).
struct SearchIndex::QueryWord {
    struct Alternative {
        std::uint32_t term;
        float factor;
    };
    std::vector<Alternative> alternatives;
    std::string prefix;  // the unfinished last word while typing, for snippets

    void add(std::uint32_t term, float factor) {
        for (auto& a : alternatives)
            if (a.term == term) {
                a.factor = std::max(a.factor, factor);
                return;
            }
        alternatives.push_back({term, factor});
    }
};

// [SECTION] Building ----------------------------------------------------------------------

SearchIndex::SearchIndex(const std::vector<IndexedArticle>& input) {
    std::unordered_map<std::string, std::uint32_t> ids;  // term -> provisional id
    std::vector<std::string> names;
    const auto id_of = [&](const std::string& term) {
        auto [it, added] = ids.emplace(term, static_cast<std::uint32_t>(names.size()));
        if (added) names.push_back(term);
        return it->second;
    };
    std::unordered_map<std::string, std::string> stems[2];  // word -> stem, per language
    const auto stem_in = [&](const std::string& word, const std::string& lang) -> const std::string& {
        auto& cache = stems[lang == "de" ? 1 : 0];
        auto it = cache.find(word);
        if (it == cache.end()) it = cache.emplace(word, stem(word, lang == "de" || lang == "en" ? lang : "")).first;
        return it->second;
    };

    // Each article's terms with their weights; its long German words for the compound pass.
    std::vector<std::unordered_map<std::uint32_t, unsigned>> weights(input.size());
    std::vector<std::vector<std::string>> long_words(input.size());
    articles_.reserve(input.size());
    for (std::size_t a = 0; a < input.size(); ++a) {
        const IndexedArticle& in = input[a];
        Article out{in.id, valid_utf8(in.title), in.lang, valid_utf8(in.body), in.types, 0};
        const auto add_text = [&](std::string_view text, unsigned weight) {
            for (const Token& t : tokenize(text)) {
                if (is_stopword(t.word)) continue;
                weights[a][id_of(stem_in(t.word, in.lang))] += weight;
                if (!t.joined) ++out.length;
                if (in.lang == "de" && letter_count(t.word) >= kCompoundMinLetters) long_words[a].push_back(t.word);
            }
        };
        add_text(in.title, kTitleWeight);
        for (const auto& tag : in.tags) add_text(tag, kTitleWeight);
        add_text(in.body, kBodyWeight);
        articles_.push_back(std::move(out));
    }

    // German compounds, split against the whole vocabulary: both parts known, or one part of
    // five letters or more (Druckertreiber -> druck + treib, even if no article says Treiber).
    const std::size_t vocabulary = names.size();
    const auto known = [&](std::string_view part) {
        const std::string& s = stem_in(std::string(part), "de");
        const auto it = ids.find(s);
        return it != ids.end() && it->second < vocabulary ? s : std::string();
    };
    std::unordered_map<std::string, std::optional<CompoundSplit>> splits;
    for (std::size_t a = 0; a < input.size(); ++a) {
        for (const std::string& w : long_words[a]) {
            auto it = splits.find(w);
            if (it == splits.end()) it = splits.emplace(w, split_compound(w, known, 5)).first;
            if (!it->second) continue;
            const std::string whole = stem_in(w, "de");
            // a part never stands for the whole word again
            for (const std::string* part : {&it->second->head, &it->second->tail})
                if (!part->empty() && *part != whole) weights[a][id_of(*part)] += kCompoundWeight;
        }
    }

    // Sorted terms, postings by term then article.
    std::vector<std::uint32_t> order(names.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) { return names[x] < names[y]; });
    std::vector<std::uint32_t> rank(names.size());
    for (std::uint32_t r = 0; r < order.size(); ++r) rank[order[r]] = r;
    terms_.reserve(names.size());
    for (std::uint32_t id : order) terms_.push_back(std::move(names[id]));
    starts_.assign(terms_.size() + 1, 0);
    for (const auto& w : weights)
        for (const auto& [term, weight] : w) ++starts_[rank[term] + 1];
    for (std::size_t t = 0; t < terms_.size(); ++t) starts_[t + 1] += starts_[t];
    postings_.resize(starts_.back());
    std::vector<std::uint32_t> fill(starts_.begin(), starts_.end() - 1);
    for (std::uint32_t a = 0; a < weights.size(); ++a)  // articles in order: each list comes out sorted
        for (const auto& [term, weight] : weights[a])
            postings_[fill[rank[term]]++] = {a, static_cast<std::uint8_t>(std::min(weight, 255u))};
    prepare();
}

void SearchIndex::prepare() {
    double total = 0;
    for (const Article& a : articles_) total += a.length;
    const double average = articles_.empty() || total == 0 ? 1.0 : total / static_cast<double>(articles_.size());
    normalisation_.resize(articles_.size());
    for (std::size_t a = 0; a < articles_.size(); ++a)
        normalisation_[a] = static_cast<float>(kBm25K1 * (1 - kBm25B + kBm25B * articles_[a].length / average));
    terms_by_length_.assign(kMaxWordBytes + 2, {});
    for (std::uint32_t t = 0; t < terms_.size(); ++t)
        terms_by_length_[std::min(terms_[t].size(), kMaxWordBytes + 1)].push_back(t);
}

std::optional<std::uint32_t> SearchIndex::find(std::string_view term) const {
    const auto it = std::lower_bound(terms_.begin(), terms_.end(), term,
                                     [](const std::string& a, std::string_view b) { return std::string_view(a) < b; });
    if (it == terms_.end() || *it != term) return std::nullopt;
    return static_cast<std::uint32_t>(it - terms_.begin());
}

// [SECTION] Understanding a query ---------------------------------------------------------

// The vocabulary holds stems, not words, so a typo is looked for two ways: the typed word's
// stems against the terms ("pasword" ~ password), and each term against the start of the
// typed word when the word's ending, put back on the term, stems to that term again
// ("lcoked": lock ~ lcok, and "lock" + "ed" stems to lock).
void SearchIndex::add_typo_matches(std::string_view typed, const std::vector<std::string>& forms, QueryWord& word) const {
    for (const std::string& f : forms) {
        const std::size_t n = f.size();
        for (std::size_t len = n > 0 ? n - 1 : 0; len <= n + 1 && len < terms_by_length_.size(); ++len)
            for (std::uint32_t t : terms_by_length_[len])
                if (within_one_edit(f, terms_[t])) word.add(t, kTypoFactor);
    }
    constexpr std::size_t kLongestEnding = 4;
    for (std::size_t len = 4; len + 1 < typed.size() && len < terms_by_length_.size(); ++len) {
        for (std::uint32_t t : terms_by_length_[len]) {
            const std::string& term = terms_[t];
            if (term[0] != typed[0] && term[1] != typed[1]) continue;  // one edit leaves one of them alike
            for (std::size_t cut = len - 1; cut <= len + 1 && cut < typed.size(); ++cut) {
                if (typed.size() - cut > kLongestEnding || !within_one_edit(term, typed.substr(0, cut))) continue;
                const std::string corrected = term + std::string(typed.substr(cut));
                for (std::string_view lang : kLanguages)
                    if (stem(corrected, lang) == term) {
                        word.add(t, kTypoFactor);
                        break;
                    }
                break;
            }
        }
    }
}

std::vector<SearchIndex::QueryWord> SearchIndex::understand(std::string_view query, bool typing) const {
    // The query's words; a hyphenated word counts once, as its parts joined.
    std::vector<Token> tokens;
    for (Token& t : tokenize(query)) {
        if (t.joined)
            while (!tokens.empty() && tokens.back().begin >= t.begin) tokens.pop_back();
        tokens.push_back(std::move(t));
    }
    const auto stems_of = [](const std::string& form, std::vector<std::string>& out) {
        const auto keep = [&](std::string s) {
            if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
        };
        keep(form);
        for (std::string_view lang : kLanguages) keep(stem(form, lang));
    };
    std::vector<QueryWord> words;
    for (std::size_t k = 0; k < tokens.size(); ++k) {
        const std::string& w = tokens[k].word;
        const bool unfinished = typing && k + 1 == tokens.size() && tokens[k].end == query.size();
        QueryWord word;
        // two words the articles write as one: "log in" -> login
        if (k + 1 < tokens.size() && !tokens[k + 1].joined) {
            std::vector<std::string> joined;
            stems_of(w + tokens[k + 1].word, joined);
            for (const auto& s : joined)
                if (const auto t = find(s)) word.add(*t, 1.0f);
        }
        if (is_stopword(w)) {
            if (!word.alternatives.empty()) words.push_back(std::move(word));
            continue;
        }
        std::vector<std::string> forms;  // the word and its stems, also spelt without ae/oe/ue
        stems_of(w, forms);
        const std::string plain = without_umlaut_spelling(w);
        if (!plain.empty()) stems_of(plain, forms);
        bool exact = false;
        for (const auto& f : forms)
            if (const auto t = find(f)) {
                word.add(*t, 1.0f);
                exact = true;
            }
        if (unfinished) {
            word.prefix = w;
            std::vector<std::string> typed{w};
            if (!plain.empty()) typed.push_back(plain);
            for (const std::string& p : typed) {
                if (letter_count(p) < 2) continue;
                // completions: the commonest terms that start with what is typed
                const auto first = std::lower_bound(terms_.begin(), terms_.end(), p);
                std::vector<std::uint32_t> found;
                for (auto it = first; it != terms_.end() && it->compare(0, p.size(), p) == 0; ++it)
                    found.push_back(static_cast<std::uint32_t>(it - terms_.begin()));
                const std::size_t keep = std::min(found.size(), kPrefixExpansions);
                std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep), found.end(),
                                  [&](std::uint32_t x, std::uint32_t y) { return frequency(x) > frequency(y); });
                for (std::size_t i = 0; i < keep; ++i) word.add(found[i], kPrefixFactor);
                // a word typed past its stem: "connecti" -> connect
                for (std::size_t cut = 1; cut <= 3 && p.size() >= cut + 4; ++cut)
                    if (const auto t = find(std::string_view(p).substr(0, p.size() - cut))) word.add(*t, kPrefixFactor);
            }
        }
        if (!exact && word.alternatives.empty() && letter_count(w) >= kTypoMinLetters) add_typo_matches(w, forms, word);
        if (!exact && word.alternatives.empty()) {
            // an unknown compound: its known parts, each a word of the query
            const auto known = [&](std::string_view part) {
                std::vector<std::string> s;
                stems_of(std::string(part), s);
                for (const auto& x : s)
                    if (find(x)) return x;
                return std::string();
            };
            if (const auto split = split_compound(w, known, kCompoundPartLetters)) {
                for (const std::string* part : {&split->head, &split->tail})
                    if (!part->empty()) {
                        QueryWord p;
                        p.add(*find(*part), kCompoundFactor);
                        words.push_back(std::move(p));
                    }
                continue;
            }
        }
        words.push_back(std::move(word));
    }
    return words;
}

// [SECTION] Ranking -----------------------------------------------------------------------

std::vector<SearchHit> SearchIndex::search(std::string_view query, const SearchOptions& options) const {
    std::vector<SearchHit> hits;
    if (articles_.empty() || options.limit == 0) return hits;
    const std::vector<QueryWord> words = understand(query, options.typing);

    // Each word adds, per article, its best alternative's BM25 score.
    std::vector<float> total(articles_.size(), 0.0f), best(articles_.size(), 0.0f);
    std::vector<std::uint32_t> matched, matched_now;
    for (const QueryWord& word : words) {
        matched_now.clear();
        for (const auto& alt : word.alternatives) {
            const float weight = static_cast<float>(idf(articles_.size(), frequency(alt.term)) * (kBm25K1 + 1)) *
                                 alt.factor;
            for (std::uint32_t p = starts_[alt.term]; p < starts_[alt.term + 1]; ++p) {
                const Posting& posting = postings_[p];
                const float tf = posting.weight * (1.0f / kBodyWeight);
                const float s = weight * tf / (tf + normalisation_[posting.article]);
                if (s > best[posting.article]) {
                    if (best[posting.article] == 0) matched_now.push_back(posting.article);
                    best[posting.article] = s;
                }
            }
        }
        for (std::uint32_t a : matched_now) {
            if (total[a] == 0) matched.push_back(a);
            total[a] += best[a];
            best[a] = 0;
        }
    }

    std::vector<std::pair<float, std::uint32_t>> ranked;
    for (std::uint32_t a : matched) {
        const Article& article = articles_[a];
        if (!options.lang.empty() && article.lang != options.lang) continue;
        if (!options.type.empty() &&
            std::find(article.types.begin(), article.types.end(), options.type) == article.types.end())
            continue;
        ranked.emplace_back(total[a], a);
    }
    const std::size_t keep = std::min(ranked.size(), options.limit);
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep), ranked.end(),
                      [&](const auto& x, const auto& y) {
                          if (x.first != y.first) return x.first > y.first;
                          return articles_[x.second].id < articles_[y.second].id;
                      });
    for (std::size_t i = 0; i < keep; ++i) {
        const Article& a = articles_[ranked[i].second];
        hits.push_back({a.id, a.title, ranked[i].first, snippet(a, words)});
    }
    return hits;
}

// [SECTION] Snippets ----------------------------------------------------------------------

std::string SearchIndex::snippet(const Article& a, const std::vector<QueryWord>& words) const {
    const std::string& text = a.text;
    const std::vector<Token> tokens = tokenize(text);
    if (tokens.empty()) return {};
    // Which query word each of the text's words matched: same stem, a compound that starts
    // with a matched term ("druckertreiber" for druck), or a completion of the unfinished word.
    const auto matches = [&](const std::string& w, const std::string& s, const QueryWord& q) {
        if (!q.prefix.empty() && w.compare(0, q.prefix.size(), q.prefix) == 0) return true;
        for (const auto& alt : q.alternatives) {
            const std::string& term = terms_[alt.term];
            if (term == s || term == w || (term.size() >= 4 && w.compare(0, term.size(), term) == 0)) return true;
        }
        return false;
    };
    std::vector<int> hit_word(tokens.size(), -1);
    std::size_t any = 0;
    for (std::size_t k = 0; k < tokens.size(); ++k) {
        if (tokens[k].joined) continue;
        const std::string s = stem(tokens[k].word, a.lang);
        for (std::size_t q = 0; q < words.size(); ++q)
            if (matches(tokens[k].word, s, words[q])) {
                hit_word[k] = static_cast<int>(q);
                ++any;
                break;
            }
    }
    // The window of kSnippetBytes that holds the most different query words, and a little
    // of what comes before it.
    std::size_t first = 0;
    if (any) {
        std::vector<int> seen(words.size(), 0);
        std::size_t distinct = 0, best = 0, to = 0;
        for (std::size_t from = 0; from < tokens.size(); ++from) {
            if (to < from) to = from;
            while (to < tokens.size() && (to == from || tokens[to].end - tokens[from].begin <= kSnippetBytes)) {
                if (hit_word[to] >= 0 && seen[hit_word[to]]++ == 0) ++distinct;
                ++to;
            }
            if (hit_word[from] >= 0 && distinct > best) {
                best = distinct;
                first = from;
            }
            if (hit_word[from] >= 0 && --seen[hit_word[from]] == 0) --distinct;
        }
        const std::size_t match = first;
        while (first > 0 && tokens[match].begin - tokens[first - 1].begin <= kSnippetBytes / 4) --first;
    }
    const std::size_t begin = first == 0 ? 0 : tokens[first].begin;
    std::size_t end = tokens[first].end;
    for (std::size_t k = first; k < tokens.size() && tokens[k].end - begin <= kSnippetBytes; ++k) end = tokens[k].end;
    if (end < text.size() && std::string_view(".!?)").find(text[end]) != std::string_view::npos) ++end;
    std::string out;
    bool space = false;
    for (std::size_t i = begin; i < end; ++i) {  // line breaks and runs of spaces as one space
        const char c = text[i];
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    if (begin > 0) out = "… " + out;
    if (end < text.size()) out += " …";
    return out;
}

// [SECTION] JSON --------------------------------------------------------------------------
// {"format": "spoc-search-index", "version": 1,
//  "articles": [[id, "lang", "title", length, "text", ["type", ...]], ...],
//  "terms": ["stem", ...],                   sorted
//  "postings": ["...", ...]}                 one string per term
// A term's postings are numbers in base 32, one character per five bits, least significant
// first, from the alphabet below: its first 32 characters end a number, the last 32 say more
// follows. Per posting: (articles skipped since the previous posting) * 2, plus 1 when its
// weight is not kBodyWeight; then the weight, in that case.

namespace {

constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

void put_number(std::uint64_t n, std::string& out) {
    while (n >= 32) {
        out += kDigits[32 + (n & 31)];
        n >>= 5;
    }
    out += kDigits[n];
}

int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 36;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

// false at a broken or overlong number
bool get_number(std::string_view s, std::size_t& i, std::uint64_t& n) {
    n = 0;
    for (unsigned shift = 0; i < s.size() && shift <= 35; shift += 5) {
        const int d = digit_value(s[i++]);
        if (d < 0) return false;
        n |= static_cast<std::uint64_t>(d & 31) << shift;
        if (d < 32) return true;
    }
    return false;
}

// At most max bytes of text, cut after a whole word (or at least a whole character).
std::string cut_text(const std::string& text, std::size_t max) {
    if (text.size() <= max) return text;
    std::size_t end = max;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    const std::size_t space = text.find_last_of(" \n\t", end);
    if (space != std::string::npos && space > max / 2) end = space;
    return text.substr(0, end);
}

}  // namespace

std::string SearchIndex::to_json(std::size_t text_bytes) const {
    using nlohmann::json;
    json articles = json::array();
    for (const Article& a : articles_)
        articles.push_back(json::array({a.id, a.lang, a.title, a.length, cut_text(a.text, text_bytes), a.types}));
    json postings = json::array();
    for (std::size_t t = 0; t < terms_.size(); ++t) {
        std::string s;
        std::int64_t previous = -1;
        for (std::uint32_t p = starts_[t]; p < starts_[t + 1]; ++p) {
            const Posting& posting = postings_[p];
            const auto skipped = static_cast<std::uint64_t>(posting.article - previous - 1);
            const bool plain = posting.weight == kBodyWeight;
            put_number(skipped * 2 + (plain ? 0 : 1), s);
            if (!plain) put_number(posting.weight, s);
            previous = posting.article;
        }
        postings.push_back(std::move(s));
    }
    const json j = {{"format", "spoc-search-index"}, {"version", 1}, {"articles", std::move(articles)},
                    {"terms", terms_}, {"postings", std::move(postings)}};
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<SearchIndex> SearchIndex::from_json(std::string_view json_text) {
    using nlohmann::json;
    const json j = json::parse(json_text.begin(), json_text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.value("format", json()) != "spoc-search-index" ||
        j.value("version", json()) != 1)
        return std::nullopt;
    const auto articles = j.find("articles"), terms = j.find("terms"), postings = j.find("postings");
    if (articles == j.end() || terms == j.end() || postings == j.end() || !articles->is_array() ||
        !terms->is_array() || !postings->is_array() || terms->size() != postings->size() ||
        articles->size() > UINT32_MAX)
        return std::nullopt;
    SearchIndex index;
    for (const json& a : *articles) {
        if (!a.is_array() || a.size() != 6 || !a[0].is_number_integer() || !a[1].is_string() || !a[2].is_string() ||
            !a[3].is_number_unsigned() || !a[4].is_string() || !a[5].is_array() || a[3].get<std::uint64_t>() > UINT32_MAX)
            return std::nullopt;
        Article out{a[0].get<std::int64_t>(), a[2].get<std::string>(), a[1].get<std::string>(), a[4].get<std::string>(),
                    {}, a[3].get<std::uint32_t>()};
        for (const json& type : a[5]) {
            if (!type.is_string()) return std::nullopt;
            out.types.push_back(type.get<std::string>());
        }
        index.articles_.push_back(std::move(out));
    }
    for (const json& t : *terms) {
        if (!t.is_string()) return std::nullopt;
        std::string term = t.get<std::string>();
        if (!index.terms_.empty() && !(index.terms_.back() < term)) return std::nullopt;  // sorted, once each
        index.terms_.push_back(std::move(term));
    }
    index.starts_.push_back(0);
    for (const json& p : *postings) {
        if (!p.is_string()) return std::nullopt;
        const std::string& s = p.get_ref<const std::string&>();
        std::int64_t previous = -1;
        for (std::size_t i = 0; i < s.size();) {
            std::uint64_t n = 0, weight = kBodyWeight;
            if (!get_number(s, i, n)) return std::nullopt;
            if ((n & 1) && (!get_number(s, i, weight) || weight == 0 || weight > 255)) return std::nullopt;
            const std::uint64_t article = static_cast<std::uint64_t>(previous + 1) + (n >> 1);
            if (article >= index.articles_.size()) return std::nullopt;
            index.postings_.push_back({static_cast<std::uint32_t>(article), static_cast<std::uint8_t>(weight)});
            previous = static_cast<std::int64_t>(article);
        }
        if (index.postings_.size() > UINT32_MAX) return std::nullopt;
        index.starts_.push_back(static_cast<std::uint32_t>(index.postings_.size()));
    }
    index.prepare();
    return index;
}

}  // namespace spoc::search
