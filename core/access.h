// Who may see and do what: pure functions of the caller (role, organisation, groups) and of
// the request's facts. The server enforces them; the console uses the same ones to offer
// only what a person may do.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "account.h"
#include "knowledge.h"
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

// The desk: agents, managers and admins (and the desk token, an admin) see every request and
// may do everything with it. They also own requests and change the routing.
bool acts_as_desk(Role role);
bool may_own(const User& user);  // an active agent, manager or admin
bool may_change_routing(Role role);

// How a caller reaches one request, from least to most:
//   requester  filed by or for them (or with their email, before they had an account);
//   partner    an org_helpdesk's view of its organisation's requests;
//   resolver   assigned to one of a resolver's groups (or to them);
//   desk       everything.
// Requesters and partners see created, state changes and public replies; resolvers and the
// desk see the whole timeline. Everything else answers 404.
enum class RequestAccess { none, requester, partner, resolver, desk };
RequestAccess request_access(const User& person, const Request& r);

bool may_see_internal(RequestAccess a);   // internal notes, triage, assignments, escalations
bool may_reply(RequestAccess a);          // a public reply
bool may_write_note(RequestAccess a);     // an internal note
bool may_change_state(RequestAccess a);   // transitions
bool may_triage(RequestAccess a);         // PATCH: type, kind, impact, urgency, subject, owner
bool may_assign(RequestAccess a);         // to a group and a person in it
bool may_escalate(RequestAccess a);       // functionally or to the managers

// The request as this caller may see it: for requesters and partners, the public timeline and
// none of the desk's own fields (owner, group, assignee, escalation); a requester does not see
// the help desk's diagnosis either.
json request_view(const Request& r, RequestAccess a);
// The same as JSON text (request_view(r, a).dump(), byte for byte), written without the tree
// (request_json.cpp): the signed-in read answers with it.
std::string request_view_text(const Request& r, RequestAccess a);

// Filing for someone else ("on_behalf_of") and with a diagnosis: partner help desks for their
// organisation's people, the desk for anyone.
bool may_file_for_others(Role role);
bool may_file_for(const User& filer, const User& requester);

// Which requests a person's lists hold, the same rule as request_access: everything (desk), or
// those matching any of: their own (user id or email), their organisation's (partner), their
// groups' or assigned to them (resolver). The store turns it into its query.
struct RequestScope {
    bool everything = false;
    std::optional<std::int64_t> user;            // requester.user, filed_by or assignee
    std::string email;                           // requester email (normalised)
    std::optional<std::int64_t> organisation;    // a partner's tenant
    std::vector<std::int64_t> groups;            // a resolver's groups
    bool assigned_to_user = false;               // a resolver also sees what is assigned to them
};
RequestScope request_scope(const User& person);
RequestScope every_request();  // the desk token's
bool in_scope(const RequestScope& scope, const Request& r);

// Knowledge articles. A published public article is for anyone, guests included (a guest's
// role is Role::invalid); internal ones, drafts and retired ones are for the staff only
// (agents, resolvers, managers, admins and the desk token). Where a caller may not read an
// article, it does not exist for them (404).
bool is_public_article(const Article& a);       // published and public: also what the portal's index holds
bool may_read_article(Role role, const Article& a);
bool may_write_articles(Role role);             // create and change: agents, managers, admins
bool may_see_article_history(Role role);        // versions, feedback and deflection counters: staff
// Which articles a caller's lists and searches may hold at all: public published ones, or
// (staff) every one the filters ask for.
bool may_list_unpublished(Role role);
// The article as this caller may see it: without the counters for anyone but the staff.
json article_view(const Article& a, Role role);

}  // namespace spoc
