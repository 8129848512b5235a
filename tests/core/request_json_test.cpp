// Covers request_view_text: for every kind of timeline entry, awkward text and every caller's
// access, it is exactly what request_view(...).dump() writes.
#include <doctest/doctest.h>

#include "access.h"

using namespace spoc;

namespace {

Event event(EventKind kind, Timestamp at) {
    Event e;
    e.kind = kind;
    e.at = at;
    e.party = "desk";
    return e;
}

Request awkward_request() {
    Request r;
    r.id = 42;
    r.ref = "SD-000042";
    r.kind = Kind::incident;
    r.type = "network_vpn";
    r.subject = "VPN \"drops\" \\ every\thour — Drücker ✓";
    r.description = std::string("line one\nline two\r\n\b\f\x01\x1f end") + " ünïcödé 日本 🙂";
    r.impact = Level::high;
    r.urgency = Level::medium;
    r.priority = 2;
    r.state = State::pending;
    r.requester = {"Rita \"R\" Requester", "rita@example.org", 7};
    r.fields = json{{"connection", "vpn"}, {"count", 3}, {"nested", {{"a", json::array({1, "x", nullptr})}}}};
    r.organisation = 3;
    r.filed_by = 9;
    r.diagnosis = json{{"checked", "cables"}, {"errors", "Error 809"}, {"affected", 1}};
    r.owner = 5;
    r.group = 2;
    r.assignee = std::nullopt;
    r.escalated = true;
    r.first_contact_resolution = false;
    r.created_at = 1700000000;
    r.updated_at = 1700003600;

    Event created = event(EventKind::created, 1700000000);
    created.party = "requester";
    r.timeline.push_back(created);
    Event state = event(EventKind::state_changed, 1700000100);
    state.from = State::new_;
    state.to = State::pending;
    state.reason = "Waiting for the \"client\" version";
    state.waiting_for = "requester";
    state.actor_user = 5;
    r.timeline.push_back(state);
    Event resolved = event(EventKind::state_changed, 1700000200);
    resolved.from = State::in_progress;
    resolved.to = State::resolved;
    resolved.resolution = "solved";
    r.timeline.push_back(resolved);
    Event reply = event(EventKind::comment, 1700000300);
    reply.body = "Which version?\nTell us.";
    r.timeline.push_back(reply);
    Event note = event(EventKind::comment, 1700000400);
    note.body = "Known bug \\ keepalive";
    note.internal = true;
    note.actor_user = 6;
    r.timeline.push_back(note);
    Event field = event(EventKind::field_changed, 1700000500);
    field.field = "impact";
    field.old_value = "low";
    field.new_value = json{{"x", 1}};
    r.timeline.push_back(field);
    Event assigned = event(EventKind::assigned, 1700000600);
    assigned.group = 2;
    assigned.assignee = 8;
    r.timeline.push_back(assigned);
    Event assigned_why = event(EventKind::assigned, 1700000650);
    assigned_why.group = std::nullopt;
    assigned_why.reason = "back to the desk";
    r.timeline.push_back(assigned_why);
    Event escalated = event(EventKind::escalated, 1700000700);
    escalated.escalation = Escalation::functional;
    escalated.group = 4;
    escalated.reason = "needs the vendor";
    r.timeline.push_back(escalated);
    return r;
}

const RequestAccess kAccesses[] = {RequestAccess::none, RequestAccess::requester, RequestAccess::partner,
                                   RequestAccess::resolver, RequestAccess::desk};

std::string dumped(const Request& r, RequestAccess a) {
    return request_view(r, a).dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

TEST_CASE("request_view_text is request_view's dump, for every access") {
    const Request r = awkward_request();
    for (const RequestAccess a : kAccesses) {
        CAPTURE(static_cast<int>(a));
        CHECK(request_view_text(r, a) == dumped(r, a));
    }
}

TEST_CASE("request_view_text: empty and unset values, and text that is not UTF-8") {
    Request r;
    r.ref = "SD-000001";
    for (const RequestAccess a : kAccesses) CHECK(request_view_text(r, a) == dumped(r, a));
    r = awkward_request();
    r.subject = std::string("broken \xC3 byte \xFF and \xE2\x82 cut");
    r.timeline[3].body = "\xF0\x9F";
    r.diagnosis = "plain text diagnosis";
    for (const RequestAccess a : kAccesses) CHECK(request_view_text(r, a) == dumped(r, a));
    r.diagnosis = nullptr;
    r.fields = json::object();
    for (const RequestAccess a : kAccesses) CHECK(request_view_text(r, a) == dumped(r, a));
}
