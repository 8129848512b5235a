// Stemming for English and German with the Snowball stemmers generated from Debian's snowball
// source package (scripts/setup.sh), the same C code in the portal and the server; and the
// stop words neither language searches by.
#pragma once
#include <string>
#include <string_view>

namespace spoc::search {

// The stem of a folded word (lowercase UTF-8, as tokenize gives it) in lang, "en" or "de":
// "printers" -> "printer", "connecting" -> "connect", "druckern" -> "druck". Any other lang,
// and words longer than kMaxWordBytes, come back unchanged. Safe to call from several threads.
std::string stem(std::string_view folded_word, std::string_view lang);

// Words too common in English or German to search by ("the", "cant", "ich", "nicht", ...),
// folded. One list for both languages: a query's language is not known.
bool is_stopword(std::string_view folded_word);

}  // namespace spoc::search
