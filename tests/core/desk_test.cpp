// The desk's rules in core: who reaches a request and how, triage with its audit, assignment,
// escalation, first-contact resolution, routing and the queues.
#include <doctest/doctest.h>

#include "access.h"
#include "assignment.h"
#include "catalog.h"
#include "embedded_assets.h"
#include "lifecycle.h"
#include "queue.h"
#include "routing.h"
#include "triage.h"

using namespace spoc;

namespace {

const Catalog& catalog() {
    static const Catalog c = catalog_from_config(json::parse(assets::catalog_json), "en");
    return c;
}

User person(Id id, Role role, std::optional<Id> organisation = std::nullopt, std::vector<Id> groups = {}) {
    User u;
    u.id = id;
    u.email = "user" + std::to_string(id) + "@example.org";
    u.name = "User " + std::to_string(id);
    u.role = role;
    u.organisation = organisation;
    u.groups = std::move(groups);
    return u;
}

Request request_of(const User& requester) {
    NewRequest nr;
    nr.type = "network_vpn";
    nr.subject = "VPN drops";
    nr.impact = Level::low;
    nr.urgency = Level::low;
    nr.requester = {requester.name, requester.email, requester.id};
    Request r = open_request(nr, *catalog().find("network_vpn"), 1000);
    r.id = 1;
    r.requester.user = requester.id;
    r.organisation = requester.organisation;
    return r;
}

SupportGroup group(Id id, Tier tier, std::vector<Id> members = {}) { return {id, "Group " + std::to_string(id), tier, members}; }

constexpr Id kOrgA = 10, kOrgB = 20;

}  // namespace

TEST_CASE("who reaches a request: own, tenant, group, desk, or not at all") {
    const User req_a = person(1, Role::requester, kOrgA);
    const User req_a2 = person(2, Role::requester, kOrgA);
    const User req_b = person(3, Role::requester, kOrgB);
    const User helpdesk_a = person(4, Role::org_helpdesk, kOrgA);
    const User helpdesk_b = person(5, Role::org_helpdesk, kOrgB);
    const User resolver = person(6, Role::resolver, std::nullopt, {100});
    Request r = request_of(req_a);

    CHECK(request_access(req_a, r) == RequestAccess::requester);
    CHECK(request_access(req_a2, r) == RequestAccess::none);
    CHECK(request_access(req_b, r) == RequestAccess::none);
    CHECK(request_access(helpdesk_a, r) == RequestAccess::partner);
    CHECK(request_access(helpdesk_b, r) == RequestAccess::none);
    CHECK(request_access(resolver, r) == RequestAccess::none);
    for (Role role : {Role::agent, Role::manager, Role::admin})
        CHECK(request_access(person(7, role), r) == RequestAccess::desk);

    SUBCASE("a resolver reaches what is assigned to one of its groups, or to them") {
        r.group = 100;
        CHECK(request_access(resolver, r) == RequestAccess::resolver);
        r.group = 200;
        CHECK(request_access(resolver, r) == RequestAccess::none);
        r.assignee = resolver.id;
        CHECK(request_access(resolver, r) == RequestAccess::resolver);
    }
    SUBCASE("a guest's request is theirs once they sign in with the same email") {
        Request guest = r;
        guest.requester = {"Ada", "  USER2@Example.org ", std::nullopt};
        CHECK(request_access(req_a2, guest) == RequestAccess::requester);
    }
    SUBCASE("whoever filed it for someone reaches it") {
        r.filed_by = req_b.id;
        CHECK(request_access(req_b, r) == RequestAccess::requester);
    }
    SUBCASE("a deactivated person reaches nothing") {
        User gone = person(8, Role::agent);
        gone.active = false;
        CHECK(request_access(gone, r) == RequestAccess::none);
        User gone_requester = req_a;
        gone_requester.active = false;
        CHECK(request_access(gone_requester, r) == RequestAccess::none);
    }
}

TEST_CASE("what each kind of access may do with a request") {
    using A = RequestAccess;
    for (A a : {A::none, A::requester, A::partner, A::resolver, A::desk}) {
        CAPTURE(static_cast<int>(a));
        CHECK(may_reply(a) == (a != A::none));
        CHECK(may_write_note(a) == (a == A::resolver || a == A::desk));
        CHECK(may_change_state(a) == (a == A::resolver || a == A::desk));
        CHECK(may_escalate(a) == (a == A::resolver || a == A::desk));
        CHECK(may_triage(a) == (a == A::desk));
        CHECK(may_assign(a) == (a == A::desk));
    }
}

TEST_CASE("requesters and partner help desks see neither internal notes nor the desk's own fields") {
    Request r = request_of(person(1, Role::requester, kOrgA));
    r.diagnosis = "Checked the cable";
    r.owner = 7;
    r.group = 100;
    add_comment(r, "public answer", false, Actor("desk", 7), 1001);
    add_comment(r, "vendor case 5521", true, Actor("desk", 7), 1002);
    record_change(r, "urgency", "low", "high", Actor("desk", 7), 1003);

    const json requester = request_view(r, RequestAccess::requester);
    CHECK(requester["timeline"].size() == 2);  // created, the public answer
    for (const char* hidden : {"owner", "group", "assignee", "escalated", "diagnosis", "first_contact_resolution"})
        CHECK_FALSE(requester.contains(hidden));
    const json partner = request_view(r, RequestAccess::partner);
    CHECK(partner["timeline"].size() == 2);
    CHECK(partner["diagnosis"] == "Checked the cable");
    CHECK_FALSE(partner.contains("owner"));
    const json resolver = request_view(r, RequestAccess::resolver);
    CHECK(resolver["timeline"].size() == 4);
    CHECK(resolver["owner"] == 7);
}

TEST_CASE("partner help desks file for their own organisation's people, the desk for anyone") {
    const User helpdesk_a = person(4, Role::org_helpdesk, kOrgA);
    const User agent = person(7, Role::agent);
    const User in_a = person(1, Role::requester, kOrgA);
    const User in_b = person(3, Role::requester, kOrgB);
    CHECK(may_file_for(helpdesk_a, in_a));
    CHECK_FALSE(may_file_for(helpdesk_a, in_b));
    CHECK(may_file_for(agent, in_b));
    CHECK_FALSE(may_file_for(person(9, Role::requester, kOrgA), in_a));
    CHECK_FALSE(may_file_for(person(6, Role::resolver), in_a));
    User gone = in_a;
    gone.active = false;
    CHECK_FALSE(may_file_for(agent, gone));
    CHECK(may_file_for_others(Role::org_helpdesk));
    CHECK_FALSE(may_file_for_others(Role::requester));
    CHECK_FALSE(may_file_for_others(Role::resolver));
}

TEST_CASE("triage changes fields, the priority follows, and each change is recorded with who and what") {
    Request r = request_of(person(1, Role::requester));
    Triage t;
    REQUIRE(read_triage({{"impact", "high"}, {"urgency", "high"}, {"type", "account_locked"}, {"owner", 7}},
                        catalog(), t)
                .empty());
    const auto before = r.timeline.size();
    REQUIRE(apply_triage(r, t, catalog(), Actor("desk", 7), 2000) == TriageError::none);
    CHECK(r.priority == 1);
    CHECK(r.type == "account_locked");
    CHECK(r.owner == 7);
    std::map<std::string, std::pair<json, json>> changes;
    for (auto i = before; i < r.timeline.size(); ++i) {
        const Event& e = r.timeline[i];
        REQUIRE(e.kind == EventKind::field_changed);
        CHECK(e.actor_user == 7);
        CHECK(e.at == 2000);
        changes[e.field] = {e.old_value, e.new_value};
    }
    CHECK(changes.at("impact") == std::make_pair(json("low"), json("high")));
    CHECK(changes.at("urgency") == std::make_pair(json("low"), json("high")));
    CHECK(changes.at("priority") == std::make_pair(json(5), json(1)));
    CHECK(changes.at("type") == std::make_pair(json("network_vpn"), json("account_locked")));
    CHECK(changes.at("owner") == std::make_pair(json(nullptr), json(7)));
    CHECK(changes.size() == 5);  // the kind did not change: both types are incidents

    SUBCASE("the same values again record nothing") {
        const auto count = r.timeline.size();
        REQUIRE(apply_triage(r, t, catalog(), Actor("desk", 7), 3000) == TriageError::none);
        CHECK(r.timeline.size() == count);
    }
    SUBCASE("a closed request is not triaged") {
        r.state = State::closed;
        CHECK(apply_triage(r, t, catalog(), Actor("desk", 7), 3000) == TriageError::closed);
    }
}

TEST_CASE("a triage body names only known fields with valid values") {
    Triage t;
    CHECK(error_for(read_triage({{"type", "teleport"}}, catalog(), t), "type"));
    CHECK(error_for(read_triage({{"impact", "huge"}}, catalog(), t), "impact"));
    CHECK(error_for(read_triage({{"subject", "x"}}, catalog(), t), "subject"));
    CHECK(error_for(read_triage({{"owner", "ada"}}, catalog(), t), "owner"));
    CHECK(error_for(read_triage({{"priority", 1}}, catalog(), t), "priority"));  // it follows, never set
    CHECK_FALSE(read_triage(json::object(), catalog(), t).empty());
    Triage clear;
    REQUIRE(read_triage({{"owner", nullptr}}, catalog(), clear).empty());
    CHECK((clear.owner && !*clear.owner));
}

TEST_CASE("assigning to a group moves a new request to assigned and records it") {
    Request r = request_of(person(1, Role::requester));
    const SupportGroup network = group(100, Tier::specialists, {6, 9});
    CHECK(assign(r, network, Id{8}, "", Actor("desk", 7), 2000) == AssignError::not_member);
    CHECK(r.timeline.size() == 1);
    REQUIRE(assign(r, network, Id{6}, "needs the network team", Actor("desk", 7), 2000) == AssignError::none);
    CHECK(r.group == 100);
    CHECK(r.assignee == 6);
    CHECK(r.state == State::assigned);
    CHECK(r.handed_off);
    const Event& assigned = r.timeline[1];
    CHECK(assigned.kind == EventKind::assigned);
    CHECK(assigned.group == 100);
    CHECK(assigned.assignee == 6);
    CHECK(assigned.reason == "needs the network team");
    CHECK(r.timeline[2].kind == EventKind::state_changed);

    r.state = State::resolved;
    CHECK(assign(r, network, std::nullopt, "", Actor("desk", 7), 3000) == AssignError::not_open);
}

TEST_CASE("functional escalation goes up a tier with a reason; hierarchical flags the managers") {
    Request r = request_of(person(1, Role::requester));
    const SupportGroup desk = group(1, Tier::service_desk), customer = group(2, Tier::customer_support),
                       network = group(3, Tier::specialists), vendor = group(4, Tier::vendors);
    REQUIRE(assign(r, desk, std::nullopt, "", Actor("desk", 7), 1500) == AssignError::none);
    CHECK_FALSE(r.handed_off);
    CHECK(escalate_functionally(r, network, Tier::service_desk, "  ", Actor("desk", 7), 2000) ==
          AssignError::reason_required);
    CHECK(escalate_functionally(r, desk, Tier::service_desk, "why", Actor("desk", 7), 2000) ==
          AssignError::tier_not_higher);
    REQUIRE(escalate_functionally(r, customer, Tier::service_desk, "billing", Actor("desk", 7), 2000) ==
            AssignError::none);
    REQUIRE(escalate_functionally(r, network, Tier::customer_support, "a network fault", Actor("desk", 7), 2100) ==
            AssignError::none);
    CHECK(escalate_functionally(r, customer, Tier::specialists, "back down", Actor("desk", 6), 2200) ==
          AssignError::tier_not_higher);
    REQUIRE(escalate_functionally(r, vendor, Tier::specialists, "firmware bug", Actor("desk", 6), 2300) ==
            AssignError::none);
    CHECK(r.group == 4);
    CHECK_FALSE(r.assignee);
    CHECK(r.handed_off);
    const Event& last = r.timeline.back();
    CHECK(last.kind == EventKind::escalated);
    CHECK(last.escalation == Escalation::functional);
    CHECK(last.group == 4);
    CHECK(last.actor_user == 6);

    CHECK_FALSE(r.escalated);
    CHECK(escalate_hierarchically(r, "", Actor("desk", 6), 2400) == AssignError::reason_required);
    REQUIRE(escalate_hierarchically(r, "the CEO is waiting", Actor("desk", 6), 2400) == AssignError::none);
    CHECK(r.escalated);
    CHECK(r.timeline.back().escalation == Escalation::hierarchical);
    CHECK_FALSE(r.timeline.back().group);
}

TEST_CASE("first-contact resolution: the desk resolves without handing the request on") {
    Request r = request_of(person(1, Role::requester));
    SUBCASE("resolved at once by the desk") {
        REQUIRE(apply_transition(r, State::resolved, "reset the password", Actor("desk", 7), 2000) ==
                TransitionError::none);
        CHECK(r.first_contact_resolution);
        SUBCASE("reopening takes it back") {
            REQUIRE(apply_transition(r, State::in_progress, "", Actor("desk", 7), 3000) == TransitionError::none);
            CHECK_FALSE(r.first_contact_resolution);
        }
    }
    SUBCASE("kept within the service desk tier, it still counts") {
        REQUIRE(assign(r, group(1, Tier::service_desk, {7}), Id{7}, "", Actor("desk", 7), 1500) == AssignError::none);
        REQUIRE(apply_transition(r, State::resolved, "done", Actor("desk", 7), 2000) == TransitionError::none);
        CHECK(r.first_contact_resolution);
    }
    SUBCASE("handed to a specialist group, it does not") {
        REQUIRE(assign(r, group(3, Tier::specialists), std::nullopt, "", Actor("desk", 7), 1500) == AssignError::none);
        REQUIRE(apply_transition(r, State::resolved, "done", Actor("desk", 6), 2000) == TransitionError::none);
        CHECK_FALSE(r.first_contact_resolution);
    }
}

TEST_CASE("the first person of the desk to work on an unowned request owns it") {
    Request r = request_of(person(1, Role::requester));
    take_ownership_if_unowned(r, person(6, Role::resolver), 2000);
    CHECK_FALSE(r.owner);
    take_ownership_if_unowned(r, person(7, Role::agent), 2000);
    CHECK(r.owner == 7);
    CHECK(r.timeline.back().field == "owner");
    take_ownership_if_unowned(r, person(8, Role::manager), 2100);
    CHECK(r.owner == 7);
}

TEST_CASE("routing: the organisation's rule for the type, its default, the type's rule, the default") {
    RoutingRules rules;
    REQUIRE(read_routing({{"default", "Service Desk"},
                          {"types", {{"network_vpn", "Network"}}},
                          {"organisations",
                           {{"Northwind", {{"default", "Northwind Support"}, {"types", {{"broken_hardware", "Field"}}}}},
                            {"Contoso", {{"types", {{"question", "Contoso Desk"}}}}}}}},
                         catalog(), rules)
                .empty());
    CHECK(route(rules, "broken_hardware", "Northwind") == "Field");
    CHECK(route(rules, "network_vpn", "Northwind") == "Northwind Support");
    CHECK(route(rules, "network_vpn", "Contoso") == "Network");
    CHECK(route(rules, "question", "Contoso") == "Contoso Desk");
    CHECK(route(rules, "question", "") == "Service Desk");
    CHECK(group_names(rules).size() == 5);

    SUBCASE("the rules survive their JSON form") {
        RoutingRules back;
        REQUIRE(read_routing(json(rules), catalog(), back).empty());
        CHECK(json(back) == json(rules));
    }
    SUBCASE("unknown types and members, and names of the wrong type, are refused by field") {
        RoutingRules bad;
        const FieldErrors errs =
            read_routing({{"types", {{"teleport", "X"}, {"question", 5}}}, {"colour", "blue"}}, catalog(), bad);
        CHECK(error_for(errs, "types.teleport"));
        CHECK(error_for(errs, "types.question"));
        CHECK(error_for(errs, "colour"));
    }
    SUBCASE("the rules shipped in assets/ read without error") {
        RoutingRules shipped;
        CHECK(read_routing(json::parse(assets::routing_json), catalog(), shipped).empty());
        CHECK(route(shipped, "question", "") == "Service Desk");
    }
}

TEST_CASE("queues hold open requests: unassigned, mine, my groups, owned") {
    const User agent = person(7, Role::agent, std::nullopt, {100});
    Request r = request_of(person(1, Role::requester));
    auto in = [&](Queue queue, const Request& req) {
        RequestQuery q;
        apply_queue(q, queue, agent);
        return matches(q, req);
    };
    CHECK(in(Queue::unassigned, r));
    CHECK_FALSE(in(Queue::mine, r));
    CHECK_FALSE(in(Queue::my_groups, r));
    CHECK_FALSE(in(Queue::owned, r));
    r.group = 100;
    r.assignee = 7;
    r.owner = 7;
    CHECK_FALSE(in(Queue::unassigned, r));
    CHECK(in(Queue::mine, r));
    CHECK(in(Queue::my_groups, r));
    CHECK(in(Queue::owned, r));
    r.state = State::resolved;
    CHECK_FALSE(in(Queue::mine, r));
    CHECK(in(Queue::all, r));
    RequestQuery resolved;
    resolved.state = State::resolved;
    apply_queue(resolved, Queue::mine, agent);
    CHECK(matches(resolved, r));  // asking for a state shows it, open or not
}

TEST_CASE("a person's list scope is the same rule as their access to one request") {
    const std::vector<User> people = {person(1, Role::requester, kOrgA),     person(2, Role::requester, kOrgB),
                                      person(4, Role::org_helpdesk, kOrgA),  person(6, Role::resolver, {}, {100}),
                                      person(7, Role::agent),                person(8, Role::org_helpdesk)};
    std::vector<Request> requests;
    for (std::optional<Id> org : {std::optional<Id>(), std::optional<Id>(kOrgA), std::optional<Id>(kOrgB)})
        for (std::optional<Id> user : {std::optional<Id>(), std::optional<Id>(1), std::optional<Id>(2)})
            for (std::optional<Id> grp : {std::optional<Id>(), std::optional<Id>(100), std::optional<Id>(200)})
                for (std::optional<Id> assignee : {std::optional<Id>(), std::optional<Id>(6)})
                    for (const char* email : {"user1@example.org", "someone@example.org"}) {
                        Request r;
                        r.organisation = org;
                        r.requester = {"X", email, user};
                        r.group = grp;
                        r.assignee = assignee;
                        requests.push_back(r);
                    }
    int compared = 0;
    for (const User& p : people)
        for (const Request& r : requests) {
            CHECK(in_scope(request_scope(p), r) == (request_access(p, r) != RequestAccess::none));
            ++compared;
        }
    CHECK(compared == 6 * 108);
}

TEST_CASE("cursors name the position in their sort order and nothing else") {
    Request r;
    r.id = 42;
    r.priority = 3;
    r.updated_at = 1732740000;
    CHECK(cursor_of(RequestSort::created, r) == "42");
    CHECK(cursor_of(RequestSort::priority, r) == "3.42");
    CHECK(cursor_of(RequestSort::updated, r) == "1732740000.42");
    CHECK(read_cursor(RequestSort::priority, "3.42") == std::make_pair(std::int64_t{3}, Id{42}));
    CHECK(read_cursor(RequestSort::created, "42") == std::make_pair(std::int64_t{42}, Id{42}));
    for (const char* bad : {"", "x", "3.", ".42", "-1.2", "3.42.1", "3.0", "99999999999999999999.1"})
        CHECK_FALSE(read_cursor(RequestSort::priority, bad));
    CHECK_FALSE(read_cursor(RequestSort::created, "3.42"));
    CHECK_FALSE(read_cursor(RequestSort::created, "0"));
}

TEST_CASE("pending says what it waits for, resolved how it was resolved; unknown codes are refused") {
    Request r = request_of(person(1, Role::requester));
    CHECK(apply_transition(r, State::in_progress, "", Actor("desk", 7), 1100, "vendor") == TransitionError::unknown_code);
    CHECK(apply_transition(r, State::in_progress, "", Actor("desk", 7), 1100) == TransitionError::none);
    CHECK(apply_transition(r, State::pending, "which laptop?", Actor("desk", 7), 1200, "someone") ==
          TransitionError::unknown_code);
    REQUIRE(apply_transition(r, State::pending, "which laptop?", Actor("desk", 7), 1200, "requester") ==
            TransitionError::none);
    CHECK(waiting_for(r) == "requester");
    CHECK(json(r.timeline.back())["waiting_for"] == "requester");

    SUBCASE("the requester's answer takes it back to in progress, as the system's change") {
        add_comment(r, "the grey one", false, Actor("requester", 1), 1300);
        requester_answered(r, 1300);
        CHECK(r.state == State::in_progress);
        CHECK(r.timeline.back().party == "system");
    }
    SUBCASE("waiting for the vendor, a requester's reply changes nothing") {
        REQUIRE(apply_transition(r, State::in_progress, "", Actor("desk", 7), 1250) == TransitionError::none);
        REQUIRE(apply_transition(r, State::pending, "RMA 4411", Actor("desk", 7), 1260, "vendor") == TransitionError::none);
        requester_answered(r, 1300);
        CHECK(r.state == State::pending);
    }
    SUBCASE("a resolution code goes with resolved") {
        REQUIRE(apply_transition(r, State::resolved, "replaced the dock", Actor("desk", 7), 1400, "workaround") ==
                TransitionError::none);
        CHECK(r.timeline.back().resolution == "workaround");
        CHECK(waiting_for(r).empty());
    }
}
