// The Snowball stemmers behind a C++ call: one stemmer environment per thread and language.
#include "search/stem.h"

#include <algorithm>
#include <iterator>
#include <memory>

#include "search/tokenize.h"

extern "C" {
#include "runtime/api.h"
#include "stemmers/stem_UTF_8_english.h"
#include "stemmers/stem_UTF_8_german.h"
}

namespace spoc::search {

namespace {

struct Stemmer {
    struct SN_env* (*create)(void);
    void (*close)(struct SN_env*);
    int (*run)(struct SN_env*);
};
constexpr Stemmer kEnglish{english_UTF_8_create_env, english_UTF_8_close_env, english_UTF_8_stem};
constexpr Stemmer kGerman{german_UTF_8_create_env, german_UTF_8_close_env, german_UTF_8_stem};

// A Snowball environment holds the word being stemmed, so each thread has its own.
class StemmerEnv {
public:
    explicit StemmerEnv(const Stemmer& s) : stemmer_(s), env_(s.create()) {}
    ~StemmerEnv() {
        if (env_) stemmer_.close(env_);
    }
    StemmerEnv(const StemmerEnv&) = delete;
    StemmerEnv& operator=(const StemmerEnv&) = delete;

    std::string stem(std::string_view word) {
        if (!env_ || SN_set_current(env_, static_cast<int>(word.size()), reinterpret_cast<const symbol*>(word.data())) != 0 ||
            stemmer_.run(env_) < 0)
            return std::string(word);
        return std::string(reinterpret_cast<const char*>(env_->p), static_cast<std::size_t>(env_->l));
    }

private:
    Stemmer stemmer_;
    struct SN_env* env_;
};

// Folded (no umlauts, ß as ss) and sorted, so a binary search finds them.
constexpr std::string_view kStopwords[] = {
    "a", "ab", "about", "above", "after", "again", "against", "ah", "all", "alle", "allem", "allen",
    "aller", "alles", "als", "also", "am", "an", "and", "andere", "anderen", "any", "are", "arent",
    "as", "at", "auch", "auf", "aus", "be", "because", "been", "before", "bei", "beim", "being",
    "below", "between", "bin", "bis", "bist", "bitte", "both", "but", "by", "can", "cannot", "cannt",
    "cant", "could", "couldnt", "da", "damit", "dann", "das", "dass", "dem", "den", "denn", "der",
    "des", "dich", "did", "didnt", "die", "dies", "diese", "diesem", "diesen", "dieser", "dieses",
    "dir", "do", "doch", "does", "doesnt", "doing", "dont", "dort", "du", "durch", "each", "ein",
    "eine", "einem", "einen", "einer", "eines", "er", "es", "etwas", "euch", "euer", "few", "for",
    "from", "fur", "further", "gegen", "get", "gibt", "got", "habe", "haben", "had", "hadnt", "hallo",
    "has", "hasnt", "hast", "hat", "hatte", "have", "havent", "having", "he", "hello", "her", "here",
    "hers", "herself", "hi", "hier", "him", "himself", "his", "how", "i", "ich", "ihm", "ihn",
    "ihnen", "ihr", "ihre", "ihrem", "ihren", "ihrer", "im", "in", "into", "is", "isnt", "ist", "it",
    "its", "itself", "ive", "ja", "jede", "jedem", "jeden", "jeder", "jetzt", "just", "kann", "kannst",
    "kein", "keine", "keinem", "keinen", "keiner", "konnen", "konnte", "lets", "mal", "man", "me",
    "mehr", "mein", "meine", "meinem", "meinen", "meiner", "mich", "mir", "mit", "more", "most", "muss",
    "my", "myself", "nach", "nicht", "nichts", "no", "noch", "nor", "not", "now", "nur", "ob", "oder",
    "of", "off", "oh", "ohne", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out",
    "over", "own", "please", "same", "sehr", "sein", "seine", "seinem", "seinen", "seiner", "selbst",
    "she", "should", "sich", "sie", "sind", "so", "soll", "some", "sondern", "sowie", "such", "than",
    "that", "thats", "the", "their", "theirs", "them", "themselves", "then", "there", "theres", "these",
    "they", "this", "those", "through", "to", "too", "trotz", "uber", "um", "und", "uns", "unser",
    "unsere", "unseren", "unter", "until", "up", "very", "viel", "vom", "von", "vor", "war", "waren",
    "was", "wasnt", "we", "weil", "weiter", "welche", "welchem", "welchen", "welcher", "wenn", "wer",
    "werde", "werden", "were", "what", "whats", "when", "where", "which", "while", "who", "whom", "why",
    "wie", "wieder", "will", "wir", "wird", "with", "wo", "won", "wont", "would", "wouldnt", "wurde",
    "wurden", "you", "your", "youre", "yours", "yourself", "yourselves", "zu", "zum", "zur", "zwar",
    "zwischen",
};

}  // namespace

std::string stem(std::string_view word, std::string_view lang) {
    if (word.size() > kMaxWordBytes) return std::string(word);
    if (lang == "en") {
        thread_local StemmerEnv english(kEnglish);
        return english.stem(word);
    }
    if (lang == "de") {
        thread_local StemmerEnv german(kGerman);
        return german.stem(word);
    }
    return std::string(word);
}

bool is_stopword(std::string_view w) {
    return std::binary_search(std::begin(kStopwords), std::end(kStopwords), w);
}

}  // namespace spoc::search
