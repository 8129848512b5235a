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
    const std::string primary(browser_language.substr(0, browser_language.find_first_of("-_")));
    std::string lower;
    for (char c : primary) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return !lower.empty() && all.contains(lower) && all[lower].is_object() ? lower : "en";
}

}  // namespace spoc
