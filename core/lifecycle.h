// The request lifecycle state machine: which state changes are allowed, which
// need a reason, and applying one to a request with its timeline event.
#pragma once
#include <string>
#include <string_view>

#include "catalog.h"
#include "request.h"

namespace spoc {

enum class TransitionError { none, unknown_state, illegal, reason_required, reason_too_long };

bool can_transition(State from, State to);
bool needs_reason(State to);  // pending (what it waits for), resolved (resolution), cancelled
bool is_final(State s);       // closed and cancelled

TransitionError check_transition(State from, State to, std::string_view reason);

// Checks, then changes the state and appends a state_changed event. The request is
// untouched when the answer is not TransitionError::none. Resolving records first-contact
// resolution when the desk resolves a request it never handed beyond the service desk;
// reopening clears it.
TransitionError apply_transition(Request& r, State to, const std::string& reason, const Actor& actor,
                                 Timestamp now);

// A new request from a validated NewRequest: kind from its type, priority from
// impact x urgency, state new, texts without surrounding spaces, and the created
// event by `filer` (the requester, or who filed for them). The store assigns id and ref.
Request open_request(const NewRequest& r, const RequestType& type, Timestamp now, const Actor& filer = "requester");

// A reply (public) or a note (internal), without surrounding spaces, appended to the timeline.
void add_comment(Request& r, const std::string& body, bool internal, const Actor& actor, Timestamp now);

}  // namespace spoc
