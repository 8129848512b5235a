// JSON form of the request model. Reading is lenient about missing members
// (defaults); validation decides what is acceptable.
#include "request.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <type_traits>

namespace spoc {
namespace {

template <typename T>
void read(const json& j, const char* key, T& out) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return;
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        // nlohmann converts 1e300 (or an integer too large for 64 bits, kept as a double)
        // with a cast whose result is undefined: only whole numbers that fit are read.
        using Limits = std::numeric_limits<T>;
        const auto max = static_cast<std::uint64_t>(Limits::max());
        bool fits = !it->is_number();  // a string or an object: get_to says what is wrong
        if (it->is_number_unsigned()) {
            fits = it->template get<std::uint64_t>() <= max;
        } else if (it->is_number_integer()) {
            const auto v = it->template get<std::int64_t>();
            fits = v >= static_cast<std::int64_t>(Limits::min()) && (v < 0 || static_cast<std::uint64_t>(v) <= max);
        }
        if (!fits) throw json::type_error::create(302, std::string(key) + " is not a whole number in range", &*it);
    }
    it->get_to(out);
}

void read(const json& j, const char* key, std::optional<Id>& out) {
    out.reset();
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return;
    Id v = 0;
    read(j, key, v);
    out = v;
}

json id_or_null(const std::optional<Id>& id) { return id ? json(*id) : json(nullptr); }

}  // namespace

const char* to_string(State s) {
    switch (s) {
        case State::new_: return "new";
        case State::assigned: return "assigned";
        case State::in_progress: return "in_progress";
        case State::pending: return "pending";
        case State::resolved: return "resolved";
        case State::closed: return "closed";
        case State::cancelled: return "cancelled";
        case State::invalid: break;
    }
    return "invalid";
}

State state_from_string(const std::string& s) { return json(s).get<State>(); }
Level level_from_string(const std::string& s) { return json(s).get<Level>(); }

std::string format_ref(std::int64_t id) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "SD-%06lld", static_cast<long long>(id));
    return buf;
}

void to_json(json& j, const Requester& r) {
    j = json::object();
    json::object_t& o = *j.get_ptr<json::object_t*>();
    o.emplace("name", r.name);
    o.emplace("email", r.email);
    o.emplace("user", id_or_null(r.user));
}
void from_json(const json& j, Requester& r) {
    read(j, "name", r.name);
    read(j, "email", r.email);
    read(j, "user", r.user);
}

void to_json(json& j, const Event& e) {
    j = json::object();
    json::object_t& o = *j.get_ptr<json::object_t*>();
    o.emplace("at", to_rfc3339(e.at));
    o.emplace("actor", e.actor_user ? json(*e.actor_user) : json(e.party));
    o.emplace("party", e.party);
    o.emplace("kind", e.kind);
    switch (e.kind) {
        case EventKind::state_changed:
            j["from"] = e.from;
            j["to"] = e.to;
            if (!e.reason.empty()) j["reason"] = e.reason;
            if (!e.waiting_for.empty()) j["waiting_for"] = e.waiting_for;
            if (!e.resolution.empty()) j["resolution"] = e.resolution;
            break;
        case EventKind::comment:
            j["body"] = e.body;
            j["internal"] = e.internal;
            break;
        case EventKind::field_changed:
            j["field"] = e.field;
            j["from"] = e.old_value;
            j["to"] = e.new_value;
            break;
        case EventKind::assigned:
            j["group"] = id_or_null(e.group);
            j["assignee"] = id_or_null(e.assignee);
            if (!e.reason.empty()) j["reason"] = e.reason;
            break;
        case EventKind::escalated:
            j["escalation"] = e.escalation;
            j["group"] = id_or_null(e.group);
            j["reason"] = e.reason;
            break;
        case EventKind::created:
        case EventKind::invalid: break;
    }
}
void from_json(const json& j, Event& e) {
    std::string at;
    read(j, "at", at);
    e.at = from_rfc3339(at).value_or(0);
    read(j, "party", e.party);
    if (auto it = j.find("actor"); it != j.end() && it->is_number())
        read(j, "actor", e.actor_user);
    else if (e.party.empty())
        read(j, "actor", e.party);  // an event written before parties had their own member
    read(j, "kind", e.kind);
    if (e.kind == EventKind::field_changed) {
        read(j, "field", e.field);
        e.old_value = j.value("from", json());
        e.new_value = j.value("to", json());
    } else {
        read(j, "from", e.from);
        read(j, "to", e.to);
    }
    read(j, "reason", e.reason);
    read(j, "body", e.body);
    read(j, "internal", e.internal);
    read(j, "group", e.group);
    read(j, "assignee", e.assignee);
    read(j, "escalation", e.escalation);
    read(j, "waiting_for", e.waiting_for);
    read(j, "resolution", e.resolution);
}

Event event_by(const Actor& actor, EventKind kind, Timestamp at) {
    Event e;
    e.at = at;
    e.party = actor.party;
    e.actor_user = actor.user;
    e.kind = kind;
    return e;
}

bool is_public(const Event& e) {
    return e.kind == EventKind::created || e.kind == EventKind::state_changed ||
           (e.kind == EventKind::comment && !e.internal);
}

void to_json(json& j, const NewRequest& r) {
    j = json{{"type", r.type},       {"subject", r.subject},     {"description", r.description},
             {"impact", r.impact},   {"urgency", r.urgency},     {"requester", r.requester},
             {"fields", r.fields}};
    if (!r.on_behalf_of.is_null()) j["on_behalf_of"] = r.on_behalf_of;
    if (!r.diagnosis.is_null()) j["diagnosis"] = r.diagnosis;
}
void from_json(const json& j, NewRequest& r) {
    read(j, "type", r.type);
    read(j, "subject", r.subject);
    read(j, "description", r.description);
    read(j, "impact", r.impact);
    read(j, "urgency", r.urgency);
    read(j, "requester", r.requester);
    read(j, "fields", r.fields);
    r.on_behalf_of = j.value("on_behalf_of", json());
    r.diagnosis = j.value("diagnosis", json());
}

// Built key by key into the object (an initializer list would build a [key, value] array per
// field and copy it): every request answer and list page is made here.
void to_json(json& j, const Request& r) {
    j = json::object();
    json::object_t& o = *j.get_ptr<json::object_t*>();
    o.emplace("id", r.id);
    o.emplace("ref", r.ref);
    o.emplace("kind", r.kind);
    o.emplace("type", r.type);
    o.emplace("subject", r.subject);
    o.emplace("description", r.description);
    o.emplace("impact", r.impact);
    o.emplace("urgency", r.urgency);
    o.emplace("priority", r.priority);
    o.emplace("state", r.state);
    o.emplace("requester", r.requester);
    o.emplace("fields", r.fields);
    o.emplace("organisation", id_or_null(r.organisation));
    o.emplace("filed_by", id_or_null(r.filed_by));
    o.emplace("diagnosis", r.diagnosis);
    o.emplace("owner", id_or_null(r.owner));
    o.emplace("group", id_or_null(r.group));
    o.emplace("assignee", id_or_null(r.assignee));
    o.emplace("escalated", r.escalated);
    o.emplace("first_contact_resolution", r.first_contact_resolution);
    o.emplace("created_at", to_rfc3339(r.created_at));
    o.emplace("updated_at", to_rfc3339(r.updated_at));
    o.emplace("timeline", r.timeline);
}
void from_json(const json& j, Request& r) {
    read(j, "id", r.id);
    read(j, "ref", r.ref);
    read(j, "kind", r.kind);
    read(j, "type", r.type);
    read(j, "subject", r.subject);
    read(j, "description", r.description);
    read(j, "impact", r.impact);
    read(j, "urgency", r.urgency);
    read(j, "priority", r.priority);
    read(j, "state", r.state);
    read(j, "requester", r.requester);
    read(j, "fields", r.fields);
    read(j, "organisation", r.organisation);
    read(j, "filed_by", r.filed_by);
    r.diagnosis = j.value("diagnosis", json());
    read(j, "owner", r.owner);
    read(j, "group", r.group);
    read(j, "assignee", r.assignee);
    read(j, "escalated", r.escalated);
    read(j, "first_contact_resolution", r.first_contact_resolution);
    std::string t;
    read(j, "created_at", t);
    r.created_at = from_rfc3339(t).value_or(0);
    t.clear();
    read(j, "updated_at", t);
    r.updated_at = from_rfc3339(t).value_or(0);
    read(j, "timeline", r.timeline);
}

std::vector<Event> public_timeline(const std::vector<Event>& timeline) {
    std::vector<Event> out;
    std::copy_if(timeline.begin(), timeline.end(), std::back_inserter(out), is_public);
    return out;
}

}  // namespace spoc
