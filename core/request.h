// The request model: what a person files (incident or service request), its
// state, priority and timeline, and the JSON form both the portal and the server use.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "clock.h"

namespace spoc {

using json = nlohmann::json;

enum class Kind { incident, service_request, invalid };
enum class Level { high, medium, low, invalid };  // impact and urgency
enum class State { new_, assigned, in_progress, pending, resolved, closed, cancelled, invalid };
enum class EventKind { created, state_changed, comment, field_changed, assigned, escalated, invalid };
enum class Escalation { functional, hierarchical, invalid };

NLOHMANN_JSON_SERIALIZE_ENUM(Kind, {{Kind::invalid, nullptr},
                                    {Kind::incident, "incident"},
                                    {Kind::service_request, "service_request"}})
NLOHMANN_JSON_SERIALIZE_ENUM(Level, {{Level::invalid, nullptr},
                                     {Level::high, "high"},
                                     {Level::medium, "medium"},
                                     {Level::low, "low"}})
NLOHMANN_JSON_SERIALIZE_ENUM(State, {{State::invalid, nullptr},
                                     {State::new_, "new"},
                                     {State::assigned, "assigned"},
                                     {State::in_progress, "in_progress"},
                                     {State::pending, "pending"},
                                     {State::resolved, "resolved"},
                                     {State::closed, "closed"},
                                     {State::cancelled, "cancelled"}})
NLOHMANN_JSON_SERIALIZE_ENUM(EventKind, {{EventKind::invalid, nullptr},
                                         {EventKind::created, "created"},
                                         {EventKind::state_changed, "state_changed"},
                                         {EventKind::comment, "comment"},
                                         {EventKind::field_changed, "field_changed"},
                                         {EventKind::assigned, "assigned"},
                                         {EventKind::escalated, "escalated"}})
NLOHMANN_JSON_SERIALIZE_ENUM(Escalation, {{Escalation::invalid, nullptr},
                                          {Escalation::functional, "functional"},
                                          {Escalation::hierarchical, "hierarchical"}})

const char* to_string(State s);
State state_from_string(const std::string& s);   // State::invalid when unknown
Level level_from_string(const std::string& s);   // Level::invalid when unknown

using Id = std::int64_t;

struct Requester {
    std::string name;
    std::string email;
    std::optional<Id> user;  // when the requester has an account
};

// Who did something: the side they act on ("requester", "desk" or "system") and, for a
// signed-in person, their user id. A follow token is the requester, the desk token the desk.
struct Actor {
    std::string party;
    std::optional<Id> user;
    Actor(const char* side) : party(side) {}
    Actor(std::string side, std::optional<Id> person) : party(std::move(side)), user(person) {}
};

// One entry of a request's timeline. Which fields matter depends on kind:
// state_changed uses from/to/reason, comment uses body/internal, field_changed uses
// field/old_value/new_value, assigned uses group/assignee/reason, escalated uses
// escalation/group/reason. In JSON, "actor" is the user id when there is one, else the party.
struct Event {
    Timestamp at = 0;
    std::string party;  // "requester", "desk" or "system"
    std::optional<Id> actor_user;
    EventKind kind = EventKind::invalid;
    State from = State::invalid;
    State to = State::invalid;
    std::string reason;
    std::string body;
    bool internal = false;
    std::string field;
    json old_value;
    json new_value;
    std::optional<Id> group;
    std::optional<Id> assignee;
    Escalation escalation = Escalation::invalid;
    std::string waiting_for;  // state_changed to pending: requester, vendor, change or other
    std::string resolution;   // state_changed to resolved: solved, workaround, no_fault_found, duplicate, withdrawn
};

// A new timeline entry of this kind, by this actor, at this time.
Event event_by(const Actor& actor, EventKind kind, Timestamp at);

// Whether requesters and partner help desks see this event: created, state changes and
// public replies; the rest (notes, triage, assignments, escalations) is the staff's.
bool is_public(const Event& e);

// What a person sends to file a request (the body of POST /api/v1/requests).
struct NewRequest {
    std::string type;
    std::string subject;
    std::string description;
    Level impact = Level::invalid;
    Level urgency = Level::invalid;
    Requester requester;
    json fields = json::object();  // answers to the request type's own form fields
    json on_behalf_of;             // null, a user id, or {"name","email"}: filing for someone
    json diagnosis;                // null, text, or {"checked","errors","affected"}: a help desk's findings
};

struct Request {
    std::int64_t id = 0;
    std::string ref;
    Kind kind = Kind::invalid;
    std::string type;
    std::string subject;
    std::string description;
    Level impact = Level::invalid;
    Level urgency = Level::invalid;
    int priority = 0;
    State state = State::new_;
    Requester requester;
    json fields = json::object();
    std::optional<Id> organisation;  // the requester's organisation (the tenant)
    std::optional<Id> filed_by;      // who filed it for the requester
    json diagnosis;                  // null, text, or an object (see NewRequest)
    std::optional<Id> owner;         // the desk agent who owns it from triage to the end
    std::optional<Id> group;         // the support group working on it now
    std::optional<Id> assignee;      // the person in that group, if any
    bool escalated = false;          // hierarchically, to the managers
    bool handed_off = false;         // ever assigned beyond the service desk (not in JSON)
    bool first_contact_resolution = false;  // resolved by the desk without handing it off
    Timestamp created_at = 0;
    Timestamp updated_at = 0;
    std::vector<Event> timeline;
};

// SD-000042
std::string format_ref(std::int64_t id);

void to_json(json& j, const Requester& r);
void from_json(const json& j, Requester& r);
void to_json(json& j, const Event& e);
void from_json(const json& j, Event& e);
void to_json(json& j, const NewRequest& r);
void from_json(const json& j, NewRequest& r);
void to_json(json& j, const Request& r);
void from_json(const json& j, Request& r);

// The timeline as a requester or a partner help desk may see it (is_public events).
std::vector<Event> public_timeline(const std::vector<Event>& timeline);

}  // namespace spoc
