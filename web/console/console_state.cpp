// See console_state.h.
#include "console_state.h"

namespace spoc::web {

const SupportGroup* ConsoleState::group(const std::optional<Id>& id) const {
    for (const SupportGroup& g : groups)
        if (id && g.id == *id) return &g;
    return nullptr;
}

std::string ConsoleState::person_name(const std::optional<Id>& id) const {
    if (!id) return "";
    const auto it = people.find(*id);
    return it != people.end() ? it->second.name : "#" + std::to_string(*id);
}

std::string ConsoleState::group_name(const std::optional<Id>& id) const {
    if (!id) return "";
    const SupportGroup* g = group(id);
    return g ? g->name : "#" + std::to_string(*id);
}

std::string ConsoleState::organisation_name(const std::optional<Id>& id) const {
    const auto it = id ? organisations.find(*id) : organisations.end();
    return it != organisations.end() ? it->second : "";
}

}  // namespace spoc::web
