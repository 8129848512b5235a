// See access.h.
#include "access.h"

namespace spoc {

bool is_staff(Role role) {
    return role == Role::agent || role == Role::resolver || role == Role::manager || role == Role::admin;
}

bool may_manage_people(Role role) { return role == Role::admin; }

bool may_read_organisations(Role role) {
    return role == Role::agent || role == Role::manager || role == Role::admin;
}

bool may_list_users(Role role) { return is_staff(role) || role == Role::org_helpdesk; }

bool may_read_user(Role role, std::optional<std::int64_t> caller_organisation, const User& user) {
    if (is_staff(role)) return true;
    return role == Role::org_helpdesk && caller_organisation && user.organisation == caller_organisation;
}

bool may_read_groups(Role role) { return is_staff(role); }

bool may_be_group_member(const User& user) { return user.active && is_staff(user.role); }

bool acts_as_desk(Role role) { return role == Role::agent || role == Role::manager || role == Role::admin; }

RequestAccess request_access(const User& person, const Request& r) {
    if (!person.active) return RequestAccess::none;
    if (acts_as_desk(person.role)) return RequestAccess::desk;
    return normalised_email(r.requester.email) == person.email ? RequestAccess::requester : RequestAccess::none;
}

}  // namespace spoc
