// Covers the JSON form of every core type: a round trip of each, enums as lowercase strings,
// unknown enum strings mapping to ::invalid, and request references such as SD-000042.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "catalog.h"
#include "request.h"

using namespace spoc;

namespace {

std::string state_name(State s) { return to_string(s); }

template <typename T>
T round_trip(const T& value) {
    const json j = value;
    const json reparsed = json::parse(j.dump());  // through text, as it travels
    return reparsed.get<T>();
}

void check_same(const Requester& a, const Requester& b) {
    CHECK(a.name == b.name);
    CHECK(a.email == b.email);
    CHECK(a.user == b.user);
}

void check_same(const Event& a, const Event& b) {
    CHECK(a.at == b.at);
    CHECK(a.party == b.party);
    CHECK(a.actor_user == b.actor_user);
    CHECK(a.kind == b.kind);
    CHECK(a.from == b.from);
    CHECK(a.to == b.to);
    CHECK(a.reason == b.reason);
    CHECK(a.body == b.body);
    CHECK(a.internal == b.internal);
}

void check_same(const FormField& a, const FormField& b) {
    CHECK(a.id == b.id);
    CHECK(a.label == b.label);
    CHECK(a.type == b.type);
    CHECK(a.required == b.required);
    REQUIRE(a.options.size() == b.options.size());
    for (std::size_t i = 0; i < a.options.size(); ++i) {
        CHECK(a.options[i].value == b.options[i].value);
        CHECK(a.options[i].label == b.options[i].label);
    }
}

void check_same(const RequestType& a, const RequestType& b) {
    CHECK(a.id == b.id);
    CHECK(a.name == b.name);
    CHECK(a.kind == b.kind);
    CHECK(a.description == b.description);
    REQUIRE(a.fields.size() == b.fields.size());
    for (std::size_t i = 0; i < a.fields.size(); ++i) check_same(a.fields[i], b.fields[i]);
}

Event created_event() {
    Event e;
    e.at = 1709164800;  // 2024-02-29T00:00:00Z
    e.party = "requester";
    e.kind = EventKind::created;
    return e;
}

Event state_changed_event(State from, State to, const std::string& reason) {
    Event e;
    e.at = 1709210096;  // 2024-02-29T12:34:56Z
    e.party = "desk";
    e.kind = EventKind::state_changed;
    e.from = from;
    e.to = to;
    e.reason = reason;
    return e;
}

Event comment_event(const std::string& body, bool internal) {
    Event e;
    e.at = 1795546346;  // 2026-11-24T18:52:26Z
    e.party = internal ? "desk" : "requester";
    e.kind = EventKind::comment;
    e.body = body;
    e.internal = internal;
    return e;
}

FormField device_field() {
    FormField f;
    f.id = "device";
    f.label = "Which device?";
    f.type = "select";
    f.required = true;
    f.options = {{"laptop", "Laptop"}, {"printer", "Printer"}};
    return f;
}

FormField location_field() {
    FormField f;
    f.id = "location";
    f.label = "Where is it?";
    return f;
}

RequestType hardware_type() {
    RequestType t;
    t.id = "broken_hardware";
    t.name = "Defekte Hardware";
    t.kind = Kind::incident;
    t.description = "Ein Gerät ist beschädigt.";
    t.fields = {device_field(), location_field()};
    return t;
}

}  // namespace

TEST_CASE("every state is written as its lowercase name and read back") {
    const std::vector<std::pair<State, const char*>> states = {
        {State::new_, "new"},           {State::assigned, "assigned"}, {State::in_progress, "in_progress"},
        {State::pending, "pending"},    {State::resolved, "resolved"}, {State::closed, "closed"},
        {State::cancelled, "cancelled"}};
    for (const auto& [s, name] : states) {
        const std::string text = name;
        CAPTURE(text);
        CHECK(json(s) == text);
        CHECK(json(text).get<State>() == s);
        CHECK(std::string(to_string(s)) == text);
        CHECK(state_from_string(text) == s);
    }
    CHECK(std::string(to_string(State::invalid)) == "invalid");
}

TEST_CASE("kinds, levels and event kinds are written as lowercase strings") {
    CHECK(json(Kind::incident) == "incident");
    CHECK(json(Kind::service_request) == "service_request");
    CHECK(json(Level::high) == "high");
    CHECK(json(Level::medium) == "medium");
    CHECK(json(Level::low) == "low");
    CHECK(json(EventKind::created) == "created");
    CHECK(json(EventKind::state_changed) == "state_changed");
    CHECK(json(EventKind::comment) == "comment");

    CHECK(json("service_request").get<Kind>() == Kind::service_request);
    CHECK(level_from_string("medium") == Level::medium);
    CHECK(json("comment").get<EventKind>() == EventKind::comment);
}

TEST_CASE("unknown enum strings map to invalid") {
    SUBCASE("states") {
        CHECK(state_from_string("reopened") == State::invalid);
        CHECK(state_from_string("New") == State::invalid);
        CHECK(state_from_string("new_") == State::invalid);
        CHECK(state_from_string("") == State::invalid);
        CHECK(json(3).get<State>() == State::invalid);
    }
    SUBCASE("levels") {
        CHECK(level_from_string("critical") == Level::invalid);
        CHECK(level_from_string("HIGH") == Level::invalid);
        CHECK(json(0).get<Level>() == Level::invalid);
    }
    SUBCASE("kinds") {
        CHECK(json("problem").get<Kind>() == Kind::invalid);
        CHECK(json("service-request").get<Kind>() == Kind::invalid);
    }
    SUBCASE("event kinds") { CHECK(json("deleted").get<EventKind>() == EventKind::invalid); }
    SUBCASE("invalid is written as null") {
        CHECK(json(State::invalid).is_null());
        CHECK(json(Level::invalid).is_null());
        CHECK(json(Kind::invalid).is_null());
        CHECK(json(EventKind::invalid).is_null());
    }
}

TEST_CASE("a reference is SD- and the id in at least six digits") {
    CHECK(format_ref(42) == "SD-000042");
    CHECK(format_ref(1) == "SD-000001");
    CHECK(format_ref(0) == "SD-000000");
    CHECK(format_ref(999999) == "SD-999999");
    CHECK(format_ref(1000000) == "SD-1000000");
    CHECK(format_ref(9007199254740993LL) == "SD-9007199254740993");
}

TEST_CASE("a requester survives a JSON round trip") {
    const Requester r{"Zoë O'Brien", "zoe@example.ie", std::nullopt};
    const json j = r;
    CHECK(j == json{{"name", "Zoë O'Brien"}, {"email", "zoe@example.ie"}, {"user", nullptr}});
    check_same(round_trip(r), r);
    const Requester with_account{"Zoë O'Brien", "zoe@example.ie", 42};
    CHECK(json(with_account)["user"] == 42);
    check_same(round_trip(with_account), with_account);
}

TEST_CASE("a person's user id is the actor, and the party says on which side they act") {
    Event e = event_by(Actor("desk", 7), EventKind::comment, 1709164800);
    e.body = "checked the switch";
    e.internal = true;
    const json j = e;
    CHECK(j["actor"] == 7);
    CHECK(j["party"] == "desk");
    check_same(round_trip(e), e);
    CHECK(round_trip(e).actor_user == 7);
}

TEST_CASE("the desk's events survive a JSON round trip") {
    SUBCASE("field_changed keeps old and new values of any JSON type") {
        Event e = event_by(Actor("desk", 3), EventKind::field_changed, 1709164800);
        e.field = "priority";
        e.old_value = 4;
        e.new_value = 2;
        const json j = e;
        CHECK(j["field"] == "priority");
        CHECK(j["from"] == 4);
        CHECK(j["to"] == 2);
        const Event back = round_trip(e);
        CHECK(back.field == "priority");
        CHECK(back.old_value == 4);
        CHECK(back.new_value == 2);
    }
    SUBCASE("assigned names the group and the assignee") {
        Event e = event_by(Actor("desk", 3), EventKind::assigned, 1709164800);
        e.group = 5;
        e.assignee = 9;
        const json j = e;
        CHECK(j["group"] == 5);
        CHECK(j["assignee"] == 9);
        CHECK(round_trip(e).assignee == 9);
    }
    SUBCASE("escalated says how") {
        Event e = event_by(Actor("desk", 3), EventKind::escalated, 1709164800);
        e.escalation = Escalation::hierarchical;
        e.reason = "VIP";
        const json j = e;
        CHECK(j["escalation"] == "hierarchical");
        CHECK(j["group"].is_null());
        CHECK(round_trip(e).escalation == Escalation::hierarchical);
    }
}

TEST_CASE("every kind of event survives a JSON round trip") {
    SUBCASE("created") {
        const Event e = created_event();
        const json j = e;
        CHECK(j == json{{"at", "2024-02-29T00:00:00Z"}, {"actor", "requester"}, {"party", "requester"}, {"kind", "created"}});
        check_same(round_trip(e), e);
    }
    SUBCASE("state_changed with a reason") {
        const Event e = state_changed_event(State::in_progress, State::pending, "waiting for the vendor");
        const json j = e;
        CHECK(j == json{{"at", "2024-02-29T12:34:56Z"},
                        {"actor", "desk"},
                        {"party", "desk"},
                        {"kind", "state_changed"},
                        {"from", "in_progress"},
                        {"to", "pending"},
                        {"reason", "waiting for the vendor"}});
        check_same(round_trip(e), e);
    }
    SUBCASE("state_changed without a reason") {
        const Event e = state_changed_event(State::new_, State::assigned, "");
        const json j = e;
        CHECK_FALSE(j.contains("reason"));
        CHECK(j["from"] == "new");
        check_same(round_trip(e), e);
    }
    SUBCASE("state_changed for every pair of states") {
        for (State from : {State::new_, State::assigned, State::in_progress, State::pending, State::resolved})
            for (State to : {State::assigned, State::in_progress, State::pending, State::resolved, State::closed,
                             State::cancelled}) {
                const Event e = state_changed_event(from, to, "r");
                check_same(round_trip(e), e);
            }
    }
    SUBCASE("a public comment") {
        const Event e = comment_event("Is it the printer on floor 2? \"Yes\" — Grüße", false);
        const json j = e;
        CHECK(j == json{{"at", "2026-11-24T18:52:26Z"},
                        {"actor", "requester"},
                        {"party", "requester"},
                        {"kind", "comment"},
                        {"body", "Is it the printer on floor 2? \"Yes\" — Grüße"},
                        {"internal", false}});
        check_same(round_trip(e), e);
    }
    SUBCASE("an internal note") {
        const Event e = comment_event("vendor ticket 5521", true);
        CHECK(json(e)["internal"] == true);
        check_same(round_trip(e), e);
    }
}

TEST_CASE("an event with an unknown kind or state reads as invalid") {
    const json j = {{"at", "2024-02-29T00:00:00Z"}, {"actor", "desk"}, {"kind", "archived"},
                    {"from", "new"},                {"to", "archived"}};
    const Event e = j.get<Event>();
    CHECK(e.kind == EventKind::invalid);
    CHECK(e.from == State::new_);
    CHECK(e.to == State::invalid);
    CHECK(e.at == 1709164800);
}

TEST_CASE("a new request survives a JSON round trip") {
    NewRequest n;
    n.type = "system_access";
    n.subject = "Zugang zum Finanzordner";
    n.description = "Für den Jahresabschluss.\nBitte bis Freitag.";
    n.impact = Level::low;
    n.urgency = Level::high;
    n.requester = {"Jörg Müller", "jorg@example.de"};
    n.fields = {{"system", "Finanzordner"}, {"access_level", "read"}};

    const json j = n;
    CHECK(j["impact"] == "low");
    CHECK(j["urgency"] == "high");
    CHECK(j["requester"]["name"] == "Jörg Müller");
    CHECK(j["fields"]["access_level"] == "read");

    const NewRequest back = round_trip(n);
    CHECK(back.type == n.type);
    CHECK(back.subject == n.subject);
    CHECK(back.description == n.description);
    CHECK(back.impact == n.impact);
    CHECK(back.urgency == n.urgency);
    check_same(back.requester, n.requester);
    CHECK(back.fields == n.fields);
}

TEST_CASE("a new request without impact and urgency keeps them invalid through JSON") {
    NewRequest n;
    n.subject = "x";
    const json j = n;
    CHECK(j["impact"].is_null());
    CHECK(j["urgency"].is_null());
    const NewRequest back = round_trip(n);
    CHECK(back.impact == Level::invalid);
    CHECK(back.urgency == Level::invalid);
    CHECK(back.fields == json::object());
}

TEST_CASE("a request with its timeline survives a JSON round trip") {
    Request r;
    r.id = 42;
    r.ref = format_ref(42);
    r.kind = Kind::incident;
    r.type = "broken_hardware";
    r.subject = "Printer on floor 2 jams";
    r.description = "Every second page.";
    r.impact = Level::medium;
    r.urgency = Level::high;
    r.priority = 2;
    r.state = State::resolved;
    r.requester = {"Ana Lima", "ana@example.org"};
    r.fields = {{"device", "printer"}, {"location", "2.14"}};
    r.created_at = 1709164800;
    r.updated_at = 1795546346;
    r.timeline = {created_event(), comment_event("jams again", false), comment_event("vendor called", true),
                  state_changed_event(State::new_, State::in_progress, ""),
                  state_changed_event(State::in_progress, State::resolved, "roller replaced")};

    const json j = r;
    CHECK(j["id"] == 42);
    CHECK(j["ref"] == "SD-000042");
    CHECK(j["kind"] == "incident");
    CHECK(j["impact"] == "medium");
    CHECK(j["urgency"] == "high");
    CHECK(j["priority"] == 2);
    CHECK(j["state"] == "resolved");
    CHECK(j["created_at"] == "2024-02-29T00:00:00Z");
    CHECK(j["updated_at"] == "2026-11-24T18:52:26Z");
    CHECK(j["timeline"].size() == 5);

    const Request back = round_trip(r);
    CHECK(back.id == r.id);
    CHECK(back.ref == r.ref);
    CHECK(back.kind == r.kind);
    CHECK(back.type == r.type);
    CHECK(back.subject == r.subject);
    CHECK(back.description == r.description);
    CHECK(back.impact == r.impact);
    CHECK(back.urgency == r.urgency);
    CHECK(back.priority == r.priority);
    CHECK(back.state == r.state);
    check_same(back.requester, r.requester);
    CHECK(back.fields == r.fields);
    CHECK(back.created_at == r.created_at);
    CHECK(back.updated_at == r.updated_at);
    REQUIRE(back.timeline.size() == r.timeline.size());
    for (std::size_t i = 0; i < r.timeline.size(); ++i) check_same(back.timeline[i], r.timeline[i]);
    CHECK(json(back) == j);
}

TEST_CASE("a request in every state survives a JSON round trip") {
    for (State s : {State::new_, State::assigned, State::in_progress, State::pending, State::resolved, State::closed,
                    State::cancelled}) {
        Request r;
        r.state = s;
        CAPTURE(state_name(s));
        CHECK(round_trip(r).state == s);
    }
}

TEST_CASE("reading a request is lenient about missing members") {
    const Request r = json::object().get<Request>();
    CHECK(r.id == 0);
    CHECK(r.ref.empty());
    CHECK(r.kind == Kind::invalid);
    CHECK(r.state == State::new_);
    CHECK(r.priority == 0);
    CHECK(r.created_at == 0);
    CHECK(r.timeline.empty());
    CHECK(r.fields == json::object());
}

TEST_CASE("a field option survives a JSON round trip") {
    const FieldOption o{"office_wifi", "Büro-WLAN"};
    CHECK(json(o) == json{{"value", "office_wifi"}, {"label", "Büro-WLAN"}});
    const FieldOption back = round_trip(o);
    CHECK(back.value == o.value);
    CHECK(back.label == o.label);
}

TEST_CASE("a form field survives a JSON round trip") {
    SUBCASE("a select field with options") {
        const FormField f = device_field();
        const json j = f;
        CHECK(j["type"] == "select");
        CHECK(j["required"] == true);
        CHECK(j["options"].size() == 2);
        check_same(round_trip(f), f);
    }
    SUBCASE("a text field without options") {
        const FormField f = location_field();
        const json j = f;
        CHECK(j == json{{"id", "location"}, {"label", "Where is it?"}, {"type", "text"}, {"required", false}});
        check_same(round_trip(f), f);
    }
    SUBCASE("a field with only an id reads as an optional text field") {
        const FormField f = json{{"id", "note"}}.get<FormField>();
        CHECK(f.type == "text");
        CHECK_FALSE(f.required);
        CHECK(f.options.empty());
    }
}

TEST_CASE("a request type survives a JSON round trip") {
    const RequestType t = hardware_type();
    const json j = t;
    CHECK(j["kind"] == "incident");
    CHECK(j["fields"].size() == 2);
    check_same(round_trip(t), t);

    SUBCASE("a type with an unknown kind reads as invalid") {
        json odd = j;
        odd["kind"] = "change";
        CHECK(odd.get<RequestType>().kind == Kind::invalid);
        odd.erase("kind");
        CHECK(odd.get<RequestType>().kind == Kind::invalid);
    }
}

TEST_CASE("a catalog is written as items with a null next cursor and survives a round trip") {
    RequestType question;
    question.id = "question";
    question.name = "A question";
    question.kind = Kind::service_request;
    question.description = "Ask anything.";
    Catalog c;
    c.types = {hardware_type(), question};

    const json j = c;
    REQUIRE(j.contains("items"));
    REQUIRE(j.contains("next"));
    CHECK(j["next"].is_null());
    CHECK(j["items"].size() == 2);
    CHECK(j["items"][1]["kind"] == "service_request");
    CHECK(j["items"][1]["fields"] == json::array());

    const Catalog back = round_trip(c);
    REQUIRE(back.types.size() == 2);
    check_same(back.types[0], c.types[0]);
    check_same(back.types[1], c.types[1]);
    CHECK(back.find("question") != nullptr);
}

TEST_CASE("a number that does not fit is an error when reading a request, never a wrong value") {
    for (const char* text : {R"({"id":1e300})", R"({"priority":1e300})", R"({"id":42184467440737095516})",
                             R"({"priority":4294967296})", R"({"id":1.5})", R"({"priority":-1e20})"}) {
        CAPTURE(text);
        CHECK_THROWS_AS(json::parse(text).get<Request>(), json::type_error);
    }
    CHECK(json::parse(R"({"id":9223372036854775807})").get<Request>().id == INT64_MAX);
    CHECK(json::parse(R"({"priority":3})").get<Request>().priority == 3);
}
