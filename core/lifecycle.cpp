// Allowed transitions:
//   new         -> assigned | in_progress | resolved | cancelled
//   assigned    -> in_progress | pending | resolved | cancelled
//   in_progress -> pending | resolved
//   pending     -> in_progress | resolved
//   resolved    -> closed | in_progress (reopen)
//   closed, cancelled: final
#include "lifecycle.h"

#include <initializer_list>

#include "priority.h"
#include "text.h"
#include "validation.h"

namespace spoc {
namespace {

bool one_of(State s, std::initializer_list<State> allowed) {
    for (State a : allowed)
        if (a == s) return true;
    return false;
}

}  // namespace

bool can_transition(State from, State to) {
    switch (from) {
        case State::new_: return one_of(to, {State::assigned, State::in_progress, State::resolved, State::cancelled});
        case State::assigned:
            return one_of(to, {State::in_progress, State::pending, State::resolved, State::cancelled});
        case State::in_progress: return one_of(to, {State::pending, State::resolved});
        case State::pending: return one_of(to, {State::in_progress, State::resolved});
        case State::resolved: return one_of(to, {State::closed, State::in_progress});
        case State::closed:
        case State::cancelled:
        case State::invalid: return false;
    }
    return false;
}

bool needs_reason(State to) { return one_of(to, {State::pending, State::resolved, State::cancelled}); }

bool is_final(State s) { return s == State::closed || s == State::cancelled; }

TransitionError check_transition(State from, State to, std::string_view reason) {
    if (to == State::invalid) return TransitionError::unknown_state;
    if (!can_transition(from, to)) return TransitionError::illegal;
    if (needs_reason(to) && trim(reason).empty()) return TransitionError::reason_required;
    if (utf8_length(reason) > limits::reason_max) return TransitionError::reason_too_long;
    return TransitionError::none;
}

TransitionError apply_transition(Request& r, State to, const std::string& reason, const Actor& actor,
                                 Timestamp now) {
    const TransitionError err = check_transition(r.state, to, reason);
    if (err != TransitionError::none) return err;
    if (to == State::resolved) r.first_contact_resolution = actor.party == "desk" && !r.handed_off;
    if (r.state == State::resolved && to == State::in_progress) r.first_contact_resolution = false;
    Event e = event_by(actor, EventKind::state_changed, now);
    e.from = r.state;
    e.to = to;
    e.reason = std::string(trim(reason));
    r.timeline.push_back(std::move(e));
    r.state = to;
    r.updated_at = now;
    return TransitionError::none;
}

Request open_request(const NewRequest& r, const RequestType& type, Timestamp now, const Actor& filer) {
    Request out;
    out.kind = type.kind;
    out.type = type.id;
    out.subject = std::string(trim(r.subject));
    out.description = std::string(trim(r.description));
    out.impact = r.impact;
    out.urgency = r.urgency;
    out.priority = priority(r.impact, r.urgency);
    out.state = State::new_;
    out.requester = {std::string(trim(r.requester.name)), std::string(trim(r.requester.email)), r.requester.user};
    out.diagnosis = r.diagnosis;
    out.fields = json::object();
    for (const auto& [key, value] : r.fields.items())
        out.fields[key] = value.is_string() ? json(std::string(trim(value.get<std::string>()))) : value;
    out.created_at = out.updated_at = now;
    out.timeline.push_back(event_by(filer, EventKind::created, now));
    return out;
}

void add_comment(Request& r, const std::string& body, bool internal, const Actor& actor, Timestamp now) {
    Event e = event_by(actor, EventKind::comment, now);
    e.body = std::string(trim(body));
    e.internal = internal;
    r.timeline.push_back(std::move(e));
    r.updated_at = now;
}

}  // namespace spoc
