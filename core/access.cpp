// See access.h.
#include "access.h"

#include <algorithm>

namespace spoc {
namespace {

bool owns(const User& person, const Request& r) {
    return r.requester.user == person.id || r.filed_by == person.id ||
           normalised_email(r.requester.email) == person.email;
}

bool contains(const std::vector<std::int64_t>& ids, const std::optional<std::int64_t>& id) {
    return id && std::find(ids.begin(), ids.end(), *id) != ids.end();
}

}  // namespace

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

bool may_own(const User& user) { return user.active && acts_as_desk(user.role); }

bool may_change_routing(Role role) { return acts_as_desk(role); }

RequestAccess request_access(const User& person, const Request& r) {
    if (!person.active) return RequestAccess::none;
    if (acts_as_desk(person.role)) return RequestAccess::desk;
    if (person.role == Role::resolver && (contains(person.groups, r.group) || r.assignee == person.id))
        return RequestAccess::resolver;
    if (person.role == Role::org_helpdesk && person.organisation && r.organisation == person.organisation)
        return RequestAccess::partner;
    return owns(person, r) ? RequestAccess::requester : RequestAccess::none;
}

bool may_see_internal(RequestAccess a) { return a == RequestAccess::resolver || a == RequestAccess::desk; }
bool may_reply(RequestAccess a) { return a != RequestAccess::none; }
bool may_write_note(RequestAccess a) { return may_see_internal(a); }
bool may_change_state(RequestAccess a) { return a == RequestAccess::resolver || a == RequestAccess::desk; }
bool may_triage(RequestAccess a) { return a == RequestAccess::desk; }
bool may_assign(RequestAccess a) { return a == RequestAccess::desk; }
bool may_escalate(RequestAccess a) { return a == RequestAccess::resolver || a == RequestAccess::desk; }

json request_view(const Request& r, RequestAccess a) {
    json j = r;
    if (may_see_internal(a)) return j;
    j["timeline"] = public_timeline(r.timeline);
    for (const char* desk_only : {"owner", "group", "assignee", "escalated", "first_contact_resolution"})
        j.erase(desk_only);
    if (a != RequestAccess::partner) j.erase("diagnosis");
    return j;
}

bool may_file_for_others(Role role) { return role == Role::org_helpdesk || acts_as_desk(role); }

bool may_file_for(const User& filer, const User& requester) {
    if (!filer.active || !requester.active) return false;
    if (acts_as_desk(filer.role)) return true;
    return filer.role == Role::org_helpdesk && filer.organisation && requester.organisation == filer.organisation;
}

RequestScope request_scope(const User& person) {
    RequestScope s;
    if (!person.active) return s;  // matches nothing: no user, no email
    if (acts_as_desk(person.role)) {
        s.everything = true;
        return s;
    }
    s.user = person.id;
    s.email = person.email;
    if (person.role == Role::resolver) {
        s.groups = person.groups;
        s.assigned_to_user = true;
    }
    if (person.role == Role::org_helpdesk) s.organisation = person.organisation;
    return s;
}

RequestScope every_request() {
    RequestScope s;
    s.everything = true;
    return s;
}

bool in_scope(const RequestScope& s, const Request& r) {
    if (s.everything) return true;
    if (s.user && (r.requester.user == s.user || r.filed_by == s.user)) return true;
    if (!s.email.empty() && normalised_email(r.requester.email) == s.email) return true;
    if (s.organisation && r.organisation == s.organisation) return true;
    if (contains(s.groups, r.group)) return true;
    return s.assigned_to_user && s.user && r.assignee == s.user;
}

bool is_public_article(const Article& a) {
    return a.state == ArticleState::published && a.visibility == Visibility::public_;
}

bool may_read_article(Role role, const Article& a) { return is_public_article(a) || is_staff(role); }

bool may_write_articles(Role role) { return acts_as_desk(role); }

bool may_see_article_history(Role role) { return is_staff(role); }

bool may_list_unpublished(Role role) { return is_staff(role); }

json article_view(const Article& a, Role role) {
    json j = a;
    if (!may_see_article_history(role))
        for (const char* counter : {"helpful", "unhelpful", "deflections"}) j.erase(counter);
    return j;
}

}  // namespace spoc
