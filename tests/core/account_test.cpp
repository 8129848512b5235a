// Covers people in core: roles as JSON, emails normalised, reading a user body, password
// rules, and who may see and manage people (a matrix over every role).
#include <doctest/doctest.h>

#include "access.h"
#include "account.h"

using namespace spoc;

namespace {

const Role kRoles[] = {Role::requester, Role::org_helpdesk, Role::agent, Role::resolver, Role::manager, Role::admin};

std::string codes(const FieldErrors& errs) {
    std::string out;
    for (const auto& e : errs) out += (out.empty() ? "" : " ") + e.field + ":" + e.code;
    return out;
}

}  // namespace

TEST_CASE("roles are written as their lowercase names and unknown ones read as invalid") {
    CHECK(json(Role::org_helpdesk) == "org_helpdesk");
    CHECK(json("manager").get<Role>() == Role::manager);
    CHECK(json("root").get<Role>() == Role::invalid);
}

TEST_CASE("emails are trimmed and lower-cased") {
    CHECK(normalised_email("  Ada@Example.ORG ") == "ada@example.org");
    CHECK(normalised_email("jürgen@Example.de") == "jürgen@example.de");
}

TEST_CASE("a new user needs an email, a name and a known role; a password has 10 to 1024 characters") {
    User u;
    std::optional<std::string> password;
    CHECK(codes(read_user(json::object(), true, u, password)) == "email:error.required name:error.required role:error.required");
    CHECK(codes(read_user({{"email", "x"}, {"name", "X"}, {"role", "boss"}}, true, u, password)) ==
          "email:error.email role:error.choice");
    CHECK(codes(read_user({{"email", "a@b.org"}, {"name", "A"}, {"role", "agent"}, {"password", "short"}}, true, u,
                          password)) == "password:error.length");
    CHECK(codes(read_user({{"email", "a@b.org"}, {"name", "A"}, {"role", "agent"}, {"password", std::string(1025, 'x')}},
                          true, u, password)) == "password:error.length");
    CHECK(codes(read_user({{"email", "a@b.org"}, {"name", "A"}, {"role", "agent"}, {"organisation", "acme"}}, true, u,
                          password)) == "organisation:error.wrong_type");
    password.reset();
    CHECK(read_user({{"email", " A@B.org"}, {"name", " Ada "}, {"role", "agent"}, {"organisation", 3},
                     {"password", "long enough!"}},
                    true, u, password)
              .empty());
    CHECK(u.email == "a@b.org");
    CHECK(u.name == "Ada");
    CHECK(u.organisation == 3);
    CHECK(password == "long enough!");
}

TEST_CASE("a change of a user reads only the members given, and null clears the organisation") {
    User u;
    u.email = "a@b.org";
    u.name = "Ada";
    u.role = Role::agent;
    u.organisation = 4;
    std::optional<std::string> password;
    CHECK(read_user({{"active", false}, {"organisation", nullptr}}, false, u, password).empty());
    CHECK_FALSE(u.active);
    CHECK_FALSE(u.organisation);
    CHECK(u.name == "Ada");
    CHECK(codes(read_user({{"active", "no"}}, false, u, password)) == "active:error.wrong_type");
}

TEST_CASE("who may see and manage people, for every role") {
    const User partner_user{7, "p@contoso.com", "P", Role::requester, 1, {}, true};
    const User other_user{8, "o@fabrikam.com", "O", Role::requester, 2, {}, true};
    for (const Role role : kRoles) {
        CAPTURE(json(role).dump());
        const bool staff = role == Role::agent || role == Role::resolver || role == Role::manager || role == Role::admin;
        CHECK(is_staff(role) == staff);
        CHECK(may_manage_people(role) == (role == Role::admin));
        CHECK(may_read_organisations(role) == (role == Role::agent || role == Role::manager || role == Role::admin));
        CHECK(may_list_users(role) == (staff || role == Role::org_helpdesk));
        CHECK(may_read_user(role, 1, partner_user) == (staff || role == Role::org_helpdesk));
        CHECK(may_read_user(role, 1, other_user) == staff);
        CHECK(may_read_user(role, std::nullopt, partner_user) == staff);
    }
}

TEST_CASE("a person reaches a request as the desk, as its requester by email, or not at all") {
    Request r;
    r.requester = {"Ada", " Ada@Example.org "};
    for (const Role role : kRoles) {
        CAPTURE(json(role).dump());
        const User same{1, "ada@example.org", "Ada", role, std::nullopt, {}, true};
        const User other{2, "bob@example.org", "Bob", role, std::nullopt, {}, true};
        const bool desk = role == Role::agent || role == Role::manager || role == Role::admin;
        CHECK(acts_as_desk(role) == desk);
        CHECK(request_access(same, r) == (desk ? RequestAccess::desk : RequestAccess::requester));
        CHECK(request_access(other, r) == (desk ? RequestAccess::desk : RequestAccess::none));
        User inactive = same;
        inactive.active = false;
        CHECK(request_access(inactive, r) == RequestAccess::none);
    }
}

TEST_CASE("a tier is the number 1, 1.5, 2 or 3, and a group body names members by id") {
    CHECK(json(Tier::customer_support) == 1.5);
    CHECK(json(2).get<Tier>() == Tier::specialists);
    CHECK(json(3.0).get<Tier>() == Tier::vendors);
    for (const json& bad : {json(0), json(4), json(2.5), json("2"), json(nullptr)}) CHECK(bad.get<Tier>() == Tier::invalid);
    CHECK(tier_from_text(tier_text(Tier::customer_support)) == Tier::customer_support);

    SupportGroup g;
    CHECK(codes(read_group(json::object(), true, g)) == "name:error.required tier:error.required");
    CHECK(codes(read_group({{"name", "Network"}, {"tier", 2}, {"members", {3, "x"}}}, true, g)) == "members:error.wrong_type");
    CHECK(read_group({{"name", " Network "}, {"tier", 2}, {"members", {5, 3, 5}}}, true, g).empty());
    CHECK(g.name == "Network");
    CHECK(g.members == std::vector<std::int64_t>{3, 5});
    CHECK(json(g) == json{{"id", 0}, {"name", "Network"}, {"tier", 2}, {"members", {3, 5}}});
}
