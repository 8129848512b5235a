// Message catalog lookup and placeholder filling.
#include "messages.h"

namespace spoc {
namespace {

std::map<std::string, std::string> table(const json& all, const std::string& lang) {
    std::map<std::string, std::string> out;
    auto it = all.find(lang);
    if (it == all.end() || !it->is_object()) return out;
    for (const auto& [k, v] : it->items())
        if (v.is_string()) out[k] = v.get<std::string>();
    return out;
}

// "de-AT" -> "de".
std::string primary_language(std::string_view tag) {
    std::string lower(tag.substr(0, tag.find_first_of("-_")));
    for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return lower;
}

}  // namespace

Messages::Messages(const json& all, const std::string& lang)
    : lang_(all.contains(lang) ? lang : "en"), texts_(table(all, lang_)), fallback_(table(all, "en")) {}

std::string Messages::text(const std::string& key, const std::map<std::string, std::string>& params) const {
    std::string out = key;
    if (auto it = texts_.find(key); it != texts_.end())
        out = it->second;
    else if (auto f = fallback_.find(key); f != fallback_.end())
        out = f->second;
    for (const auto& [name, value] : params) {
        const std::string slot = "{" + name + "}";
        for (auto pos = out.find(slot); pos != std::string::npos; pos = out.find(slot, pos + value.size()))
            out.replace(pos, slot.size(), value);
    }
    return out;
}

std::vector<std::string> languages(const json& all) {
    std::vector<std::string> out;
    if (all.contains("en")) out.push_back("en");
    for (const auto& [k, v] : all.items())
        if (k != "en" && v.is_object()) out.push_back(k);
    return out;
}

std::string pick_language(std::string_view browser_language, const json& all) {
    const std::string lower = primary_language(browser_language);
    return !lower.empty() && all.contains(lower) && all[lower].is_object() ? lower : "en";
}

json parse_messages(std::string_view catalog, std::string_view language) {
    const std::string wanted = primary_language(language);
    std::string current;  // the language whose texts are being read
    return json::parse(
        catalog,
        [&](int depth, json::parse_event_t event, json& parsed) {
            if (event != json::parse_event_t::key) return true;
            if (depth == 1) {
                current = parsed.get<std::string>();
                return true;
            }
            return depth != 2 || current == "en" || current == wanted || parsed == "language.name";
        },
        false);
}

}  // namespace spoc
