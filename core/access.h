// Who may see and do what: pure functions of the caller's role (and organisation). The
// server enforces them; the console uses the same ones to offer only what a person may do.
#pragma once
#include <cstdint>
#include <optional>

#include "account.h"
#include "request.h"

namespace spoc {

// The provider's own staff (the desk and the groups behind it), as against requesters and
// partner help desks.
bool is_staff(Role role);

// People, organisations and groups are managed by admins (and the desk token).
bool may_manage_people(Role role);

// Reading the list of organisations: staff who route and triage.
bool may_read_organisations(Role role);

// Reading a user: staff see everyone; a partner help desk sees its own organisation's
// people; requesters see no one (but themselves, through /me).
bool may_read_user(Role role, std::optional<std::int64_t> caller_organisation, const User& user);
bool may_list_users(Role role);

// Support groups are read by staff; their members are active staff.
bool may_read_groups(Role role);
bool may_be_group_member(const User& user);

// How a signed-in person reaches a request, until groups and tenants arrive: the desk's
// agents, managers and admins as the desk; anyone else as its requester when it was filed
// with their email (a guest who later signs in finds what they filed), else not at all.
enum class RequestAccess { none, requester, desk };
bool acts_as_desk(Role role);
RequestAccess request_access(const User& person, const Request& r);

}  // namespace spoc
