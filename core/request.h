// The request model: what a person files (incident or service request), its
// state, priority and timeline, and the JSON form both the portal and the server use.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "clock.h"

namespace spoc {

using json = nlohmann::json;

enum class Kind { incident, service_request, invalid };
enum class Level { high, medium, low, invalid };  // impact and urgency
enum class State { new_, assigned, in_progress, pending, resolved, closed, cancelled, invalid };
enum class EventKind { created, state_changed, comment, invalid };

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
                                         {EventKind::comment, "comment"}})

const char* to_string(State s);
State state_from_string(const std::string& s);   // State::invalid when unknown
Level level_from_string(const std::string& s);   // Level::invalid when unknown

struct Requester {
    std::string name;
    std::string email;
};

// One entry of a request's timeline. Which fields matter depends on kind:
// state_changed uses from/to/reason, comment uses body/internal.
struct Event {
    Timestamp at = 0;
    std::string actor;  // "requester" or "desk"
    EventKind kind = EventKind::invalid;
    State from = State::invalid;
    State to = State::invalid;
    std::string reason;
    std::string body;
    bool internal = false;
};

// What a person sends to file a request (the body of POST /api/v1/requests).
struct NewRequest {
    std::string type;
    std::string subject;
    std::string description;
    Level impact = Level::invalid;
    Level urgency = Level::invalid;
    Requester requester;
    json fields = json::object();  // answers to the request type's own form fields
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

// The timeline as a follow-token holder may see it: internal notes removed.
std::vector<Event> public_timeline(const std::vector<Event>& timeline);

}  // namespace spoc
