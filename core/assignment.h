// Who works on a request: assignment to a support group (and optionally a person in it),
// functional escalation to a group of a higher tier, hierarchical escalation to the managers,
// and the owner, the desk agent who keeps the request whoever works on it. Each step is
// recorded in the timeline.
#pragma once
#include <optional>
#include <string>

#include "account.h"
#include "request.h"

namespace spoc {

enum class AssignError {
    none,
    not_open,          // resolved, closed or cancelled
    not_member,        // the assignee is not in the group
    reason_required,   // an escalation needs a reason
    reason_too_long,
    tier_not_higher,   // a functional escalation goes up a tier
};

// Hands the request to `group` (and `assignee`, who must be a member). A new request becomes
// assigned; one handed beyond the service desk tier no longer counts for first-contact
// resolution. Records an assigned event (with the reason, if any).
AssignError assign(Request& r, const SupportGroup& group, std::optional<Id> assignee, const std::string& reason,
                   const Actor& actor, Timestamp now);

// Moves the request to `to`, a group of a higher tier than the current one (the service desk
// when it has none), without an assignee, with a reason.
AssignError escalate_functionally(Request& r, const SupportGroup& to, Tier current, const std::string& reason,
                                  const Actor& actor, Timestamp now);

// Whether a functional escalation from a group of tier `current` (the service desk when the request
// has no group) may go to a group of tier `to`: strictly up.
bool escalates_up(Tier current, Tier to);

// Flags the request to the managers, with a reason (again if it already was).
AssignError escalate_hierarchically(Request& r, const std::string& reason, const Actor& actor, Timestamp now);

// The person triaging or assigning an unowned request becomes its owner (recorded), when they
// may own requests.
void take_ownership_if_unowned(Request& r, const User& person, Timestamp now);

// Whether the request may still be assigned or escalated: not resolved, closed or cancelled.
bool is_open(State s);

}  // namespace spoc
