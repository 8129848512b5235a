// Where a new request lands: the first support group for its type, with overrides per partner
// organisation. assets/routing.json holds the default rules; the desk changes them through the
// API (PUT /api/v1/routing) or the console. Groups and organisations are named, so the rules
// read well and survive a new database.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "account.h"
#include "catalog.h"
#include "validation.h"

namespace spoc {

struct OrganisationRouting {
    std::string default_group;                  // "" = the general rules decide
    std::map<std::string, std::string> types;   // request type id -> group name
};

struct RoutingRules {
    std::string default_group;                  // "" = no group: the request waits unrouted
    std::map<std::string, std::string> types;   // request type id -> group name
    std::map<std::string, OrganisationRouting> organisations;  // by organisation name
};

void to_json(json& j, const RoutingRules& r);

// Reads {"default", "types", "organisations": {name: {"default", "types"}}}: names of 1-200
// characters, type ids of the catalog. Whether the groups and organisations exist is the
// server's to check (it knows them): see group_names and organisation_names.
FieldErrors read_routing(const json& body, const Catalog& catalog, RoutingRules& out);

// The group a request of this type from this organisation ("" for none) lands in, most
// specific rule first: the organisation's rule for the type, the organisation's default, the
// rule for the type, the default. "" when no rule names a group.
std::string route(const RoutingRules& rules, const std::string& type, const std::string& organisation);

// Names of groups and organisations compare case aside (as the store's NOCASE does).
bool same_name(std::string_view a, std::string_view b);
const SupportGroup* group_named(const std::vector<SupportGroup>& groups, std::string_view name);

// Puts a new request in the group the rules name for it (from `organisation`, by name), when that
// group exists. Routed straight past the service desk, it is no longer the desk's to resolve at
// first contact.
void route_new_request(Request& r, const RoutingRules& rules, const std::string& organisation,
                       const std::vector<SupportGroup>& groups);

// Every group named in the rules, each with the field naming it ("types.network_vpn").
std::vector<std::pair<std::string, std::string>> group_names(const RoutingRules& rules);
std::vector<std::string> organisation_names(const RoutingRules& rules);

}  // namespace spoc
