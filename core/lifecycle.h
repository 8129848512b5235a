// The request lifecycle state machine: which state changes are allowed, which
// need a reason, and applying one to a request with its timeline event.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "catalog.h"
#include "request.h"

namespace spoc {

enum class TransitionError { none, unknown_state, illegal, reason_required, reason_too_long, unknown_code };

// What a pending request waits for, and how a resolved one was resolved (the console offers
// these; the API takes them as "waiting_for" and "resolution", both optional).
const std::vector<std::string>& waiting_reasons();    // requester, vendor, change, other
const std::vector<std::string>& resolution_codes();   // solved, workaround, no_fault_found, duplicate, withdrawn

bool can_transition(State from, State to);
bool needs_reason(State to);  // pending (what it waits for), resolved (resolution), cancelled
bool is_final(State s);       // closed and cancelled

TransitionError check_transition(State from, State to, std::string_view reason);

// Checks, then changes the state and appends a state_changed event. The request is
// untouched when the answer is not TransitionError::none. Resolving records first-contact
// resolution when the desk resolves a request it never handed beyond the service desk;
// reopening clears it.
TransitionError apply_transition(Request& r, State to, const std::string& reason, const Actor& actor,
                                 Timestamp now, const std::string& code = "");

// What the request waits for while pending ("" when it is not pending or nobody said).
std::string waiting_for(const Request& r);

// A requester's public reply to a request pending on them takes it back to in progress
// (recorded as the system's change): the desk sees at once that the ball is in its court.
void requester_answered(Request& r, Timestamp now);

// A new request from a validated NewRequest: kind from its type, priority from
// impact x urgency, state new, texts without surrounding spaces, and the created
// event by `filer` (the requester, or who filed for them). The store assigns id and ref.
Request open_request(const NewRequest& r, const RequestType& type, Timestamp now, const Actor& filer = "requester");

// A reply (public) or a note (internal), without surrounding spaces, appended to the timeline.
void add_comment(Request& r, const std::string& body, bool internal, const Actor& actor, Timestamp now);

}  // namespace spoc
