// Allowed transitions:
//   new         -> assigned | in_progress | resolved | cancelled
//   assigned    -> in_progress | pending | resolved | cancelled
//   in_progress -> pending | resolved
//   pending     -> in_progress | resolved
//   resolved    -> closed | in_progress (reopen)
//   closed, cancelled: final
#include "lifecycle.h"

#include <algorithm>
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

const std::vector<std::string>& waiting_reasons() {
    static const std::vector<std::string> v = {"requester", "vendor", "change", "other"};
    return v;
}

const std::vector<std::string>& resolution_codes() {
    static const std::vector<std::string> v = {"solved", "workaround", "no_fault_found", "duplicate", "withdrawn"};
    return v;
}

TransitionError apply_transition(Request& r, State to, const std::string& reason, const Actor& actor,
                                 Timestamp now, const std::string& code) {
    const TransitionError err = check_transition(r.state, to, reason);
    if (err != TransitionError::none) return err;
    const auto& codes = to == State::pending ? waiting_reasons() : resolution_codes();
    const bool takes_code = to == State::pending || to == State::resolved;
    if (!code.empty() && (!takes_code || std::find(codes.begin(), codes.end(), code) == codes.end()))
        return TransitionError::unknown_code;
    if (to == State::resolved) r.first_contact_resolution = actor.party == "desk" && !r.handed_off;
    if (r.state == State::resolved && to == State::in_progress) r.first_contact_resolution = false;
    Event e = event_by(actor, EventKind::state_changed, now);
    e.from = r.state;
    e.to = to;
    e.reason = std::string(trim(reason));
    (to == State::pending ? e.waiting_for : e.resolution) = takes_code ? code : "";
    r.timeline.push_back(std::move(e));
    r.state = to;
    r.updated_at = now;
    return TransitionError::none;
}

std::string waiting_for(const Request& r) {
    if (r.state != State::pending) return "";
    for (auto it = r.timeline.rbegin(); it != r.timeline.rend(); ++it)
        if (it->kind == EventKind::state_changed && it->to == State::pending) return it->waiting_for;
    return "";
}

void requester_answered(Request& r, Timestamp now) {
    if (waiting_for(r) == "requester") apply_transition(r, State::in_progress, "", Actor("system"), now);
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
