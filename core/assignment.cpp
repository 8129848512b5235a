// See assignment.h.
#include "assignment.h"

#include <algorithm>

#include "access.h"
#include "lifecycle.h"
#include "text.h"
#include "triage.h"
#include "validation.h"

namespace spoc {
namespace {

// A new request that someone now works on is assigned.
void mark_assigned(Request& r, const Actor& actor, Timestamp now) {
    if (r.state == State::new_) apply_transition(r, State::assigned, "", actor, now);
}

AssignError check_reason(const std::string& reason, bool required) {
    if (required && trim(reason).empty()) return AssignError::reason_required;
    if (utf8_length(reason) > limits::reason_max) return AssignError::reason_too_long;
    return AssignError::none;
}

}  // namespace

bool is_open(State s) { return s != State::resolved && s != State::closed && s != State::cancelled; }

AssignError assign(Request& r, const SupportGroup& group, std::optional<Id> assignee, const std::string& reason,
                   const Actor& actor, Timestamp now) {
    if (!is_open(r.state)) return AssignError::not_open;
    if (assignee && !std::binary_search(group.members.begin(), group.members.end(), *assignee))
        return AssignError::not_member;
    if (const AssignError e = check_reason(reason, false); e != AssignError::none) return e;
    r.group = group.id;
    r.assignee = assignee;
    if (group.tier != Tier::service_desk) r.handed_off = true;
    Event e = event_by(actor, EventKind::assigned, now);
    e.group = group.id;
    e.assignee = assignee;
    e.reason = std::string(trim(reason));
    r.timeline.push_back(std::move(e));
    r.updated_at = now;
    mark_assigned(r, actor, now);
    return AssignError::none;
}

AssignError escalate_functionally(Request& r, const SupportGroup& to, Tier current, const std::string& reason,
                                  const Actor& actor, Timestamp now) {
    if (!is_open(r.state)) return AssignError::not_open;
    if (const AssignError e = check_reason(reason, true); e != AssignError::none) return e;
    if (!escalates_up(current, to.tier)) return AssignError::tier_not_higher;
    r.group = to.id;
    r.assignee.reset();
    r.handed_off = true;
    Event e = event_by(actor, EventKind::escalated, now);
    e.escalation = Escalation::functional;
    e.group = to.id;
    e.reason = std::string(trim(reason));
    r.timeline.push_back(std::move(e));
    r.updated_at = now;
    mark_assigned(r, actor, now);
    return AssignError::none;
}

bool escalates_up(Tier current, Tier to) {
    if (current == Tier::invalid) current = Tier::service_desk;
    return to != Tier::invalid && to > current;
}

AssignError escalate_hierarchically(Request& r, const std::string& reason, const Actor& actor, Timestamp now) {
    if (!is_open(r.state)) return AssignError::not_open;
    if (const AssignError e = check_reason(reason, true); e != AssignError::none) return e;
    r.escalated = true;
    Event e = event_by(actor, EventKind::escalated, now);
    e.escalation = Escalation::hierarchical;
    e.reason = std::string(trim(reason));
    r.timeline.push_back(std::move(e));
    r.updated_at = now;
    return AssignError::none;
}

void take_ownership_if_unowned(Request& r, const User& person, Timestamp now) {
    if (r.owner || !may_own(person) || person.id == 0) return;
    r.owner = person.id;
    record_change(r, "owner", nullptr, person.id, Actor("desk", person.id), now);
}

}  // namespace spoc
