// Covers the request lifecycle: every allowed and forbidden transition, reasons, applying a
// transition, opening a request, comments and the public timeline.
#include <doctest/doctest.h>

#include <iterator>
#include <set>
#include <string>
#include <utility>

#include "catalog.h"
#include "lifecycle.h"
#include "request.h"
#include "validation.h"

using namespace spoc;

namespace {

std::string state_name(State s) { return to_string(s); }

const char* name(TransitionError e) {
    switch (e) {
        case TransitionError::none: return "none";
        case TransitionError::unknown_state: return "unknown_state";
        case TransitionError::illegal: return "illegal";
        case TransitionError::reason_required: return "reason_required";
        case TransitionError::reason_too_long: return "reason_too_long";
        case TransitionError::unknown_code: return "unknown_code";
    }
    return "?";
}

constexpr bool allowed = true;
constexpr bool forbidden = false;

struct Pair {
    State from;
    State to;
    bool allowed;
};

// All 7 x 7 pairs of states, spelled out one by one.
constexpr Pair lifecycle[] = {
    {State::new_, State::new_, forbidden},
    {State::new_, State::assigned, allowed},
    {State::new_, State::in_progress, allowed},
    {State::new_, State::pending, forbidden},
    {State::new_, State::resolved, allowed},
    {State::new_, State::closed, forbidden},
    {State::new_, State::cancelled, allowed},

    {State::assigned, State::new_, forbidden},
    {State::assigned, State::assigned, forbidden},
    {State::assigned, State::in_progress, allowed},
    {State::assigned, State::pending, allowed},
    {State::assigned, State::resolved, allowed},
    {State::assigned, State::closed, forbidden},
    {State::assigned, State::cancelled, allowed},

    {State::in_progress, State::new_, forbidden},
    {State::in_progress, State::assigned, forbidden},
    {State::in_progress, State::in_progress, forbidden},
    {State::in_progress, State::pending, allowed},
    {State::in_progress, State::resolved, allowed},
    {State::in_progress, State::closed, forbidden},
    {State::in_progress, State::cancelled, forbidden},

    {State::pending, State::new_, forbidden},
    {State::pending, State::assigned, forbidden},
    {State::pending, State::in_progress, allowed},
    {State::pending, State::pending, forbidden},
    {State::pending, State::resolved, allowed},
    {State::pending, State::closed, forbidden},
    {State::pending, State::cancelled, forbidden},

    {State::resolved, State::new_, forbidden},
    {State::resolved, State::assigned, forbidden},
    {State::resolved, State::in_progress, allowed},  // reopen
    {State::resolved, State::pending, forbidden},
    {State::resolved, State::resolved, forbidden},
    {State::resolved, State::closed, allowed},
    {State::resolved, State::cancelled, forbidden},

    {State::closed, State::new_, forbidden},
    {State::closed, State::assigned, forbidden},
    {State::closed, State::in_progress, forbidden},
    {State::closed, State::pending, forbidden},
    {State::closed, State::resolved, forbidden},
    {State::closed, State::closed, forbidden},
    {State::closed, State::cancelled, forbidden},

    {State::cancelled, State::new_, forbidden},
    {State::cancelled, State::assigned, forbidden},
    {State::cancelled, State::in_progress, forbidden},
    {State::cancelled, State::pending, forbidden},
    {State::cancelled, State::resolved, forbidden},
    {State::cancelled, State::closed, forbidden},
    {State::cancelled, State::cancelled, forbidden},
};

constexpr State all_states[] = {State::new_,     State::assigned, State::in_progress, State::pending,
                                State::resolved, State::closed,   State::cancelled};

bool reason_expected(State to) { return to == State::pending || to == State::resolved || to == State::cancelled; }

Request request_in(State s) {
    Request r;
    r.id = 42;
    r.ref = format_ref(42);
    r.kind = Kind::incident;
    r.type = "broken_hardware";
    r.subject = "Printer jams";
    r.impact = Level::medium;
    r.urgency = Level::low;
    r.priority = 4;
    r.state = s;
    r.requester = {"Ana Lima", "ana@example.org"};
    r.created_at = r.updated_at = 1000;
    Event created;
    created.at = 1000;
    created.party = "requester";
    created.kind = EventKind::created;
    r.timeline.push_back(created);
    return r;
}

Event comment(const std::string& body, bool internal) {
    Event e;
    e.at = 2000;
    e.party = internal ? "desk" : "requester";
    e.kind = EventKind::comment;
    e.body = body;
    e.internal = internal;
    return e;
}

}  // namespace

TEST_CASE("the lifecycle table names each of the 49 state pairs exactly once") {
    std::set<std::pair<State, State>> seen;
    for (const Pair& p : lifecycle) seen.insert({p.from, p.to});
    CHECK(seen.size() == 49);
    CHECK(std::size(lifecycle) == 49);
}

TEST_CASE("every state pair is allowed or forbidden exactly as the lifecycle says") {
    for (const Pair& p : lifecycle) {
        CAPTURE(state_name(p.from));
        CAPTURE(state_name(p.to));
        CHECK(can_transition(p.from, p.to) == p.allowed);
    }
}

TEST_CASE("check_transition accepts every allowed pair with a reason and refuses every forbidden one as illegal") {
    for (const Pair& p : lifecycle) {
        CAPTURE(state_name(p.from));
        CAPTURE(state_name(p.to));
        const TransitionError err = check_transition(p.from, p.to, "the printer was replaced");
        CHECK(name(err) == std::string(p.allowed ? "none" : "illegal"));
    }
}

TEST_CASE("check_transition without a reason asks for one only where the target needs it") {
    for (const Pair& p : lifecycle) {
        CAPTURE(state_name(p.from));
        CAPTURE(state_name(p.to));
        const char* expected = !p.allowed ? "illegal" : reason_expected(p.to) ? "reason_required" : "none";
        CHECK(name(check_transition(p.from, p.to, "")) == std::string(expected));
    }
}

TEST_CASE("pending, resolved and cancelled need a reason that is not blank") {
    CHECK(needs_reason(State::pending));
    CHECK(needs_reason(State::resolved));
    CHECK(needs_reason(State::cancelled));

    const State targets[] = {State::pending, State::resolved, State::cancelled};
    std::string reason;
    TransitionError expected = TransitionError::reason_required;
    SUBCASE("empty reason") { reason = ""; }
    SUBCASE("spaces only") { reason = "   "; }
    SUBCASE("tabs and newlines only") { reason = "\t\r\n \f\v"; }
    SUBCASE("a real reason") {
        reason = "waiting for the vendor";
        expected = TransitionError::none;
    }
    SUBCASE("a reason of one character") {
        reason = " x ";
        expected = TransitionError::none;
    }
    for (State to : targets) {
        CAPTURE(state_name(to));
        CHECK(name(check_transition(State::assigned, to, reason)) == std::string(name(expected)));
    }
}

TEST_CASE("a reason has at most 2,000 characters") {
    CHECK(limits::reason_max == 2000);
    SUBCASE("2,000 characters are accepted") {
        CHECK(check_transition(State::assigned, State::pending, std::string(2000, 'r')) == TransitionError::none);
    }
    SUBCASE("2,000 multi-byte characters are accepted") {
        std::string reason;
        for (int i = 0; i < 2000; ++i) reason += "ä";
        CHECK(check_transition(State::assigned, State::resolved, reason) == TransitionError::none);
    }
    SUBCASE("2,001 characters are too long") {
        CHECK(check_transition(State::assigned, State::pending, std::string(2001, 'r')) ==
              TransitionError::reason_too_long);
    }
    SUBCASE("even where no reason is needed") {
        CHECK(check_transition(State::new_, State::assigned, std::string(2001, 'r')) ==
              TransitionError::reason_too_long);
    }
    SUBCASE("an illegal transition is reported as illegal first") {
        CHECK(check_transition(State::closed, State::new_, std::string(2001, 'r')) == TransitionError::illegal);
    }
}

TEST_CASE("new, assigned, in_progress and closed need no reason") {
    for (State s : {State::new_, State::assigned, State::in_progress, State::closed}) {
        CAPTURE(state_name(s));
        CHECK_FALSE(needs_reason(s));
    }
    CHECK(check_transition(State::new_, State::assigned, "") == TransitionError::none);
    CHECK(check_transition(State::assigned, State::in_progress, "   ") == TransitionError::none);
    CHECK(check_transition(State::resolved, State::closed, "") == TransitionError::none);
}

TEST_CASE("a forbidden transition is reported as illegal before any missing reason") {
    CHECK(check_transition(State::in_progress, State::cancelled, "") == TransitionError::illegal);
    CHECK(check_transition(State::closed, State::resolved, "") == TransitionError::illegal);
    CHECK(check_transition(State::new_, State::pending, " ") == TransitionError::illegal);
}

TEST_CASE("an unknown target state is reported as unknown_state") {
    for (State from : all_states) {
        CAPTURE(state_name(from));
        CHECK_FALSE(can_transition(from, State::invalid));
        CHECK(check_transition(from, State::invalid, "some reason") == TransitionError::unknown_state);
        CHECK(check_transition(from, State::invalid, "") == TransitionError::unknown_state);
    }
    SUBCASE("a state name the API does not know") {
        CHECK(check_transition(State::new_, state_from_string("reopened"), "x") == TransitionError::unknown_state);
        CHECK(check_transition(State::new_, state_from_string("Assigned"), "") == TransitionError::unknown_state);
        CHECK(check_transition(State::new_, state_from_string(""), "") == TransitionError::unknown_state);
    }
}

TEST_CASE("a request in an unknown state cannot move anywhere") {
    for (State to : all_states) {
        CAPTURE(state_name(to));
        CHECK_FALSE(can_transition(State::invalid, to));
        CHECK(check_transition(State::invalid, to, "reason") == TransitionError::illegal);
    }
}

TEST_CASE("closed and cancelled are final and no other state is") {
    for (State s : all_states) {
        CAPTURE(state_name(s));
        const bool final_state = s == State::closed || s == State::cancelled;
        CHECK(is_final(s) == final_state);
        if (final_state)
            for (State to : all_states) CHECK_FALSE(can_transition(s, to));
    }
}

TEST_CASE("a pending request cannot be closed without being resolved") {
    Request r = request_in(State::pending);
    CHECK(apply_transition(r, State::closed, "done", "desk", 3000) == TransitionError::illegal);
    CHECK(r.state == State::pending);
    REQUIRE(apply_transition(r, State::resolved, "toner replaced", "desk", 3000) == TransitionError::none);
    CHECK(apply_transition(r, State::closed, "", "desk", 4000) == TransitionError::none);
    CHECK(r.state == State::closed);
}

TEST_CASE("a resolved request can be reopened and worked on again") {
    Request r = request_in(State::resolved);
    REQUIRE(apply_transition(r, State::in_progress, "still jams", "requester", 3000) == TransitionError::none);
    CHECK(r.state == State::in_progress);
    CHECK(r.timeline.back().from == State::resolved);
    CHECK(r.timeline.back().to == State::in_progress);
    CHECK(r.timeline.back().reason == "still jams");
}

TEST_CASE("apply_transition appends a state_changed event with from, to, reason, actor and time") {
    Request r = request_in(State::assigned);
    const auto before = r.timeline.size();

    REQUIRE(apply_transition(r, State::pending, "  waiting for the spare part  ", "desk", 5000) ==
            TransitionError::none);

    CHECK(r.state == State::pending);
    CHECK(r.updated_at == 5000);
    CHECK(r.created_at == 1000);
    REQUIRE(r.timeline.size() == before + 1);
    const Event& e = r.timeline.back();
    CHECK(e.kind == EventKind::state_changed);
    CHECK(e.from == State::assigned);
    CHECK(e.to == State::pending);
    CHECK(e.reason == "waiting for the spare part");  // stored trimmed
    CHECK(e.party == "desk");
    CHECK(e.at == 5000);
    CHECK(e.body.empty());
    CHECK_FALSE(e.internal);
}

TEST_CASE("apply_transition without a needed reason records an empty reason") {
    Request r = request_in(State::new_);
    REQUIRE(apply_transition(r, State::assigned, "", "desk", 1500) == TransitionError::none);
    CHECK(r.timeline.back().reason.empty());
    CHECK(r.timeline.back().from == State::new_);
    CHECK(r.timeline.back().to == State::assigned);
}

TEST_CASE("apply_transition leaves the request untouched when it refuses") {
    Request r = request_in(State::in_progress);
    const json before = r;
    TransitionError expected = TransitionError::none;
    State to = State::invalid;
    std::string reason;

    SUBCASE("an illegal transition") {
        to = State::closed;
        reason = "done";
        expected = TransitionError::illegal;
    }
    SUBCASE("a missing reason") {
        to = State::resolved;
        reason = " ";
        expected = TransitionError::reason_required;
    }
    SUBCASE("an unknown state") {
        to = State::invalid;
        reason = "because";
        expected = TransitionError::unknown_state;
    }
    SUBCASE("a reason that is too long") {
        to = State::pending;
        reason = std::string(2001, 'r');
        expected = TransitionError::reason_too_long;
    }
    CHECK(name(apply_transition(r, to, reason, "desk", 9999)) == std::string(name(expected)));
    CHECK(json(r) == before);
    CHECK(r.state == State::in_progress);
    CHECK(r.updated_at == 1000);
    CHECK(r.timeline.size() == 1);
}

TEST_CASE("a request walks from new through every working state to closed") {
    Request r = request_in(State::new_);
    CHECK(apply_transition(r, State::assigned, "", "desk", 1100) == TransitionError::none);
    CHECK(apply_transition(r, State::in_progress, "", "desk", 1200) == TransitionError::none);
    CHECK(apply_transition(r, State::pending, "asked for the asset tag", "desk", 1300) == TransitionError::none);
    CHECK(apply_transition(r, State::in_progress, "", "requester", 1400) == TransitionError::none);
    CHECK(apply_transition(r, State::resolved, "roller replaced", "desk", 1500) == TransitionError::none);
    CHECK(apply_transition(r, State::closed, "", "desk", 1600) == TransitionError::none);
    CHECK(r.state == State::closed);
    CHECK(r.timeline.size() == 7);
    CHECK(r.updated_at == 1600);
    for (State to : all_states) CHECK(apply_transition(r, to, "x", "desk", 1700) == TransitionError::illegal);
    CHECK(r.timeline.size() == 7);
}

TEST_CASE("open_request takes kind from the type, priority from the matrix and starts as new") {
    RequestType type;
    type.id = "system_access";
    type.kind = Kind::service_request;

    NewRequest n;
    n.type = "system_access";
    n.subject = "  Access to the finance share  ";
    n.description = "For the year-end closing.";
    n.impact = Level::low;
    n.urgency = Level::high;
    n.requester = {"  Jörg Müller ", " jorg@example.de  "};
    n.fields = {{"system", "finance share"}, {"access_level", "read"}};

    const Request r = open_request(n, type, 777);
    CHECK(r.id == 0);
    CHECK(r.ref.empty());
    CHECK(r.kind == Kind::service_request);
    CHECK(r.type == "system_access");
    CHECK(r.subject == "Access to the finance share");
    CHECK(r.description == "For the year-end closing.");
    CHECK(r.impact == Level::low);
    CHECK(r.urgency == Level::high);
    CHECK(r.priority == 3);
    CHECK(r.state == State::new_);
    CHECK(r.requester.name == "Jörg Müller");
    CHECK(r.requester.email == "jorg@example.de");
    CHECK(r.fields == n.fields);
    CHECK(r.created_at == 777);
    CHECK(r.updated_at == 777);
    REQUIRE(r.timeline.size() == 1);
    CHECK(r.timeline[0].kind == EventKind::created);
    CHECK(r.timeline[0].party == "requester");
    CHECK(r.timeline[0].at == 777);
}

TEST_CASE("open_request and add_comment keep texts without the spaces and line breaks around them") {
    RequestType type;
    type.id = "broken_hardware";
    type.kind = Kind::incident;
    NewRequest n;
    n.type = "broken_hardware";
    n.subject = "Screen flickers";
    n.description = "\n  Since Monday.\n\tTried another cable.  \n\n";
    n.impact = n.urgency = Level::medium;
    n.requester = {"Ada", "ada@example.org"};
    n.fields = {{"device", " monitor "}, {"location", "Room 4.12\n"}};
    Request r = open_request(n, type, 1);
    CHECK(r.description == "Since Monday.\n\tTried another cable.");
    CHECK(r.fields == json{{"device", "monitor"}, {"location", "Room 4.12"}});
    add_comment(r, "  Still flickering.\n ", false, "requester", 2);
    CHECK(r.timeline.back().body == "Still flickering.");
}

TEST_CASE("add_comment appends a public reply or an internal note") {
    Request r = request_in(State::in_progress);
    SUBCASE("a public reply") {
        add_comment(r, "Is it the printer on floor 2?", false, "desk", 3000);
        REQUIRE(r.timeline.size() == 2);
        CHECK(r.timeline.back().kind == EventKind::comment);
        CHECK(r.timeline.back().body == "Is it the printer on floor 2?");
        CHECK_FALSE(r.timeline.back().internal);
        CHECK(r.timeline.back().party == "desk");
        CHECK(r.timeline.back().at == 3000);
    }
    SUBCASE("an internal note") {
        add_comment(r, "Vendor ticket 5521", true, "desk", 3000);
        REQUIRE(r.timeline.size() == 2);
        CHECK(r.timeline.back().internal);
    }
    CHECK(r.updated_at == 3000);
    CHECK(r.state == State::in_progress);
}

TEST_CASE("public_timeline drops internal comments only") {
    Request r = request_in(State::new_);
    add_comment(r, "first reply", false, "requester", 1100);
    add_comment(r, "note for the desk", true, "desk", 1200);
    REQUIRE(apply_transition(r, State::assigned, "", "desk", 1300) == TransitionError::none);
    add_comment(r, "second reply", false, "desk", 1400);
    add_comment(r, "another note", true, "desk", 1500);
    REQUIRE(apply_transition(r, State::resolved, "fixed", "desk", 1600) == TransitionError::none);

    const std::vector<Event> shown = public_timeline(r.timeline);
    REQUIRE(shown.size() == 5);
    CHECK(shown[0].kind == EventKind::created);
    CHECK(shown[1].body == "first reply");
    CHECK(shown[2].kind == EventKind::state_changed);
    CHECK(shown[3].body == "second reply");
    CHECK(shown[4].to == State::resolved);
    for (const Event& e : shown) CHECK_FALSE(e.internal);

    SUBCASE("an empty timeline stays empty") { CHECK(public_timeline({}).empty()); }
    SUBCASE("a timeline of only internal notes becomes empty") {
        CHECK(public_timeline({comment("a", true), comment("b", true)}).empty());
    }
    SUBCASE("a timeline without internal notes is kept whole") {
        CHECK(public_timeline({comment("a", false), comment("b", false)}).size() == 2);
    }
}
