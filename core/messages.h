// The message catalog: every text a person reads, in English and German, from
// assets/messages.json. Placeholders look like {max}.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "request.h"
#include "validation.h"

namespace spoc {

class Messages {
public:
    Messages() = default;
    // all = {"en": {key: text}, "de": {...}}; an unknown lang falls back to English.
    Messages(const json& all, const std::string& lang);

    const std::string& lang() const { return lang_; }
    // The text for key, with {name} placeholders filled; the key itself when missing.
    std::string text(const std::string& key, const std::map<std::string, std::string>& params = {}) const;
    std::string error(const FieldError& e) const { return text(e.code, e.params); }

private:
    std::string lang_ = "en";
    std::map<std::string, std::string> texts_;
    std::map<std::string, std::string> fallback_;
};

// Languages the catalog offers, in its order (en first).
std::vector<std::string> languages(const json& all);

// Picks the person's language from a browser language tag ("de-AT" -> "de"), else "en".
std::string pick_language(std::string_view browser_language, const json& all);

// The catalog (messages.json's text) as Messages, languages() and pick_language() need it for the
// language tag: every text of that language and of English (the fallback), and of the others only
// their "language.name" (the language switch's label). The portal reads no more before its first
// frame; the whole catalog cost it tens of milliseconds. Discarded when the text is no JSON object.
json parse_messages(std::string_view catalog, std::string_view language);

}  // namespace spoc
