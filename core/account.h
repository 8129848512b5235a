// People and their organisations: roles, the user as the API shows it, what a new or
// changed user must satisfy, and password rules. Both the console and the server use it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "validation.h"

namespace spoc {

enum class Role { requester, org_helpdesk, agent, resolver, manager, admin, invalid };

NLOHMANN_JSON_SERIALIZE_ENUM(Role, {{Role::invalid, nullptr},
                                    {Role::requester, "requester"},
                                    {Role::org_helpdesk, "org_helpdesk"},
                                    {Role::agent, "agent"},
                                    {Role::resolver, "resolver"},
                                    {Role::manager, "manager"},
                                    {Role::admin, "admin"}})

// A partner organisation: a tenant whose people see only its own requests.
struct Organisation {
    std::int64_t id = 0;
    std::string name;
};
void to_json(json& j, const Organisation& o);
void from_json(const json& j, Organisation& o);  // lenient: what the console reads back

struct User {
    std::int64_t id = 0;
    std::string email;  // normalised: trimmed, lower case
    std::string name;
    Role role = Role::requester;
    std::optional<std::int64_t> organisation;
    std::vector<std::int64_t> groups;
    bool active = true;
};
void to_json(json& j, const User& u);
void from_json(const json& j, User& u);  // lenient: unknown roles read as invalid

// Support groups work in tiers: 1 the service desk, 1.5 customer support, 2 specialists,
// 3 vendors. In JSON the tier is that number.
enum class Tier { service_desk, customer_support, specialists, vendors, invalid };
void to_json(json& j, const Tier& t);
void from_json(const json& j, Tier& t);  // Tier::invalid for anything else
const char* tier_text(Tier t);           // "1", "1.5", "2", "3"
Tier tier_from_text(const std::string& s);

struct SupportGroup {
    std::int64_t id = 0;
    std::string name;
    Tier tier = Tier::invalid;
    std::vector<std::int64_t> members;  // user ids, ascending
};
void to_json(json& j, const SupportGroup& g);
void from_json(const json& j, SupportGroup& g);

// Reads the members of a group body that are present (POST: name and tier required):
// a name of 1-200 characters, a known tier, members as an array of user ids (sorted, unique).
// Whether those users may be members is the server's to check (it knows them).
FieldErrors read_group(const json& body, bool creating, SupportGroup& group);

namespace limits {
constexpr std::size_t password_min = 10;
constexpr std::size_t password_max = 1024;  // bytes: hashing is bounded
constexpr std::size_t organisation_name_max = 200;
}  // namespace limits

// "  Ada@Example.ORG " -> "ada@example.org"
std::string normalised_email(std::string_view email);

// Reads the members of a user body that are present (POST: all of email, name, role are
// required; PATCH: any). Checks types and the rules: a well-formed email, a name, a known
// role, a password of 10-1024 characters. `password` is set when the body has one.
FieldErrors read_user(const json& body, bool creating, User& user, std::optional<std::string>& password);

// A password of 10 to 1024 characters (field names the member it came from).
FieldErrors validate_password(const json& value, const std::string& field);

// An organisation's name: 1-200 characters, no control characters.
FieldErrors validate_organisation_name(const json& value);

}  // namespace spoc
