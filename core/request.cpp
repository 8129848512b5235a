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

void to_json(json& j, const Requester& r) { j = json{{"name", r.name}, {"email", r.email}}; }
void from_json(const json& j, Requester& r) {
    read(j, "name", r.name);
    read(j, "email", r.email);
}

void to_json(json& j, const Event& e) {
    j = json{{"at", to_rfc3339(e.at)}, {"actor", e.actor}, {"kind", e.kind}};
    if (e.kind == EventKind::state_changed) {
        j["from"] = e.from;
        j["to"] = e.to;
        if (!e.reason.empty()) j["reason"] = e.reason;
    } else if (e.kind == EventKind::comment) {
        j["body"] = e.body;
        j["internal"] = e.internal;
    }
}
void from_json(const json& j, Event& e) {
    std::string at;
    read(j, "at", at);
    e.at = from_rfc3339(at).value_or(0);
    read(j, "actor", e.actor);
    read(j, "kind", e.kind);
    read(j, "from", e.from);
    read(j, "to", e.to);
    read(j, "reason", e.reason);
    read(j, "body", e.body);
    read(j, "internal", e.internal);
}

void to_json(json& j, const NewRequest& r) {
    j = json{{"type", r.type},       {"subject", r.subject},     {"description", r.description},
             {"impact", r.impact},   {"urgency", r.urgency},     {"requester", r.requester},
             {"fields", r.fields}};
}
void from_json(const json& j, NewRequest& r) {
    read(j, "type", r.type);
    read(j, "subject", r.subject);
    read(j, "description", r.description);
    read(j, "impact", r.impact);
    read(j, "urgency", r.urgency);
    read(j, "requester", r.requester);
    read(j, "fields", r.fields);
}

void to_json(json& j, const Request& r) {
    j = json{{"id", r.id},
             {"ref", r.ref},
             {"kind", r.kind},
             {"type", r.type},
             {"subject", r.subject},
             {"description", r.description},
             {"impact", r.impact},
             {"urgency", r.urgency},
             {"priority", r.priority},
             {"state", r.state},
             {"requester", r.requester},
             {"fields", r.fields},
             {"created_at", to_rfc3339(r.created_at)},
             {"updated_at", to_rfc3339(r.updated_at)},
             {"timeline", r.timeline}};
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
    std::copy_if(timeline.begin(), timeline.end(), std::back_inserter(out),
                 [](const Event& e) { return !(e.kind == EventKind::comment && e.internal); });
    return out;
}

}  // namespace spoc
