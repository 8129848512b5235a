// See routing.h.
#include "routing.h"

#include "text.h"

namespace spoc {
namespace {

constexpr std::size_t kNameMax = 200;

void read_name(const json& value, const std::string& field, std::string& out, FieldErrors& errs) {
    if (!value.is_string()) {
        errs.push_back(wrong_type(field, "text"));
        return;
    }
    out = std::string(trim(value.get<std::string>()));
    if (!out.empty()) check_text(field, out, 1, kNameMax, errs);
}

void read_types(const json& body, const std::string& prefix, const Catalog& catalog,
                std::map<std::string, std::string>& out, FieldErrors& errs) {
    const auto it = body.find("types");
    if (it == body.end() || it->is_null()) return;
    if (!it->is_object()) {
        errs.push_back(wrong_type(prefix + "types", "object"));
        return;
    }
    for (const auto& [type, group] : it->items()) {
        const std::string field = prefix + "types." + type;
        if (!catalog.find(type)) {
            errs.push_back({field, "error.unknown_type", {}});
            continue;
        }
        std::string name;
        read_name(group, field, name, errs);
        if (!name.empty()) out[type] = name;
    }
}

void read_default(const json& body, const std::string& prefix, std::string& out, FieldErrors& errs) {
    const auto it = body.find("default");
    if (it != body.end() && !it->is_null()) read_name(*it, prefix + "default", out, errs);
}

json types_json(const std::map<std::string, std::string>& types) {
    json j = json::object();
    for (const auto& [type, group] : types) j[type] = group;
    return j;
}

}  // namespace

void to_json(json& j, const RoutingRules& r) {
    json orgs = json::object();
    for (const auto& [name, o] : r.organisations)
        orgs[name] = {{"default", o.default_group.empty() ? json(nullptr) : json(o.default_group)},
                      {"types", types_json(o.types)}};
    j = {{"default", r.default_group.empty() ? json(nullptr) : json(r.default_group)},
         {"types", types_json(r.types)},
         {"organisations", orgs}};
}

FieldErrors read_routing(const json& body, const Catalog& catalog, RoutingRules& out) {
    FieldErrors errs;
    if (!body.is_object()) return {wrong_type("", "object")};
    out = {};
    for (const auto& [key, value] : body.items())
        if (key != "default" && key != "types" && key != "organisations")
            errs.push_back({key, "error.unknown_field", {}});
    read_default(body, "", out.default_group, errs);
    read_types(body, "", catalog, out.types, errs);
    const auto orgs = body.find("organisations");
    if (orgs != body.end() && !orgs->is_null()) {
        if (!orgs->is_object()) return errs.push_back(wrong_type("organisations", "object")), errs;
        for (const auto& [name, rules] : orgs->items()) {
            const std::string prefix = "organisations." + name + ".";
            std::string org_name;
            read_name(json(name), "organisations", org_name, errs);
            if (org_name.empty()) {
                errs.push_back({"organisations", "error.required", {}});
                continue;
            }
            if (!rules.is_object()) {
                errs.push_back(wrong_type(prefix.substr(0, prefix.size() - 1), "object"));
                continue;
            }
            OrganisationRouting o;
            read_default(rules, prefix, o.default_group, errs);
            read_types(rules, prefix, catalog, o.types, errs);
            out.organisations[org_name] = std::move(o);
        }
    }
    return errs;
}

std::string route(const RoutingRules& rules, const std::string& type, const std::string& organisation) {
    if (!organisation.empty()) {
        if (const auto o = rules.organisations.find(organisation); o != rules.organisations.end()) {
            if (const auto t = o->second.types.find(type); t != o->second.types.end()) return t->second;
            if (!o->second.default_group.empty()) return o->second.default_group;
        }
    }
    if (const auto t = rules.types.find(type); t != rules.types.end()) return t->second;
    return rules.default_group;
}

bool same_name(std::string_view a, std::string_view b) { return ascii_lowercase(a) == ascii_lowercase(b); }

const SupportGroup* group_named(const std::vector<SupportGroup>& groups, std::string_view name) {
    for (const SupportGroup& g : groups)
        if (same_name(g.name, name)) return &g;
    return nullptr;
}

void route_new_request(Request& r, const RoutingRules& rules, const std::string& organisation,
                       const std::vector<SupportGroup>& groups) {
    const std::string name = route(rules, r.type, organisation);
    const SupportGroup* group = name.empty() ? nullptr : group_named(groups, name);
    if (!group) return;
    r.group = group->id;
    r.handed_off = group->tier != Tier::service_desk;
}

std::vector<std::pair<std::string, std::string>> group_names(const RoutingRules& rules) {
    std::vector<std::pair<std::string, std::string>> out;
    if (!rules.default_group.empty()) out.emplace_back(rules.default_group, "default");
    for (const auto& [type, group] : rules.types) out.emplace_back(group, "types." + type);
    for (const auto& [name, o] : rules.organisations) {
        const std::string prefix = "organisations." + name + ".";
        if (!o.default_group.empty()) out.emplace_back(o.default_group, prefix + "default");
        for (const auto& [type, group] : o.types) out.emplace_back(group, prefix + "types." + type);
    }
    return out;
}

std::vector<std::string> organisation_names(const RoutingRules& rules) {
    std::vector<std::string> out;
    for (const auto& entry : rules.organisations) out.push_back(entry.first);
    return out;
}

}  // namespace spoc
