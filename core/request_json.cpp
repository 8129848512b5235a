// request_view_text (access.h): a request's JSON written straight into a string, byte for byte what
// request_view(r, a).dump() gives (keys in the same order: nlohmann's objects are sorted maps), but
// without building the tree of objects first. GET /api/v1/requests/{id} answers with it: building
// and then dumping the tree was a third of a signed-in read's work.
#include "access.h"
#include "text.h"

namespace spoc {
namespace {

constexpr json::error_handler_t kReplace = json::error_handler_t::replace;

void put_json(std::string& out, const json& j) { out += j.dump(-1, ' ', false, kReplace); }

// A JSON string as nlohmann's dump writes it (not ensure_ascii): ", \ and control characters
// escaped, the rest as it is. Text that is not valid UTF-8 goes through nlohmann (replaced bytes).
void put_string(std::string& out, std::string_view s) {
    if (!is_valid_utf8(s)) return put_json(out, json(std::string(s)));
    static const char* const hex = "0123456789abcdef";
    out += '"';
    std::size_t run = 0;  // the start of the bytes not written yet
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 15];
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

void put_id(std::string& out, const std::optional<Id>& id) { out += id ? std::to_string(*id) : "null"; }
void put_bool(std::string& out, bool b) { out += b ? "true" : "false"; }
template <typename Enum>
void put_enum(std::string& out, Enum e) {
    put_json(out, json(e));
}

// Writes "key": then the value by the caller; a comma before every key but the first.
struct Object {
    std::string& out;
    bool first = true;
    explicit Object(std::string& o) : out(o) { out += '{'; }
    std::string& key(const char* k) {
        if (!first) out += ',';
        first = false;
        out += '"';
        out += k;
        out += "\":";
        return out;
    }
    void close() { out += '}'; }
};

void put_event(std::string& out, const Event& e) {
    Object o(out);
    const auto kind = e.kind;
    if (e.actor_user) put_id(o.key("actor"), e.actor_user);
    else put_string(o.key("actor"), e.party);
    if (kind == EventKind::assigned) put_id(o.key("assignee"), e.assignee);
    put_string(o.key("at"), to_rfc3339(e.at));
    if (kind == EventKind::comment) put_string(o.key("body"), e.body);
    if (kind == EventKind::escalated) put_enum(o.key("escalation"), e.escalation);
    if (kind == EventKind::field_changed) {
        put_string(o.key("field"), e.field);
        put_json(o.key("from"), e.old_value);
    }
    if (kind == EventKind::state_changed) put_enum(o.key("from"), e.from);
    if (kind == EventKind::assigned || kind == EventKind::escalated) put_id(o.key("group"), e.group);
    if (kind == EventKind::comment) put_bool(o.key("internal"), e.internal);
    put_enum(o.key("kind"), kind);
    put_string(o.key("party"), e.party);
    const bool reason = kind == EventKind::escalated ||
                        ((kind == EventKind::state_changed || kind == EventKind::assigned) && !e.reason.empty());
    if (reason) put_string(o.key("reason"), e.reason);
    if (kind == EventKind::state_changed && !e.resolution.empty()) put_string(o.key("resolution"), e.resolution);
    if (kind == EventKind::field_changed) put_json(o.key("to"), e.new_value);
    if (kind == EventKind::state_changed) put_enum(o.key("to"), e.to);
    if (kind == EventKind::state_changed && !e.waiting_for.empty()) put_string(o.key("waiting_for"), e.waiting_for);
    o.close();
}

}  // namespace

std::string request_view_text(const Request& r, RequestAccess a) {
    const bool staff = may_see_internal(a);
    const bool diagnosis = staff || a == RequestAccess::partner;
    std::string out;
    out.reserve(1024 + r.description.size() + 256 * r.timeline.size());
    Object o(out);
    if (staff) put_id(o.key("assignee"), r.assignee);
    put_string(o.key("created_at"), to_rfc3339(r.created_at));
    put_string(o.key("description"), r.description);
    if (diagnosis) put_json(o.key("diagnosis"), r.diagnosis);
    if (staff) put_bool(o.key("escalated"), r.escalated);
    put_json(o.key("fields"), r.fields);
    put_id(o.key("filed_by"), r.filed_by);
    if (staff) put_bool(o.key("first_contact_resolution"), r.first_contact_resolution);
    if (staff) put_id(o.key("group"), r.group);
    o.key("id") += std::to_string(r.id);
    put_enum(o.key("impact"), r.impact);
    put_enum(o.key("kind"), r.kind);
    put_id(o.key("organisation"), r.organisation);
    if (staff) put_id(o.key("owner"), r.owner);
    o.key("priority") += std::to_string(r.priority);
    put_string(o.key("ref"), r.ref);
    {
        Object requester(o.key("requester"));
        put_string(requester.key("email"), r.requester.email);
        put_string(requester.key("name"), r.requester.name);
        put_id(requester.key("user"), r.requester.user);
        requester.close();
    }
    put_enum(o.key("state"), r.state);
    put_string(o.key("subject"), r.subject);
    o.key("timeline") += '[';
    bool first = true;
    for (const Event& e : r.timeline) {
        if (!staff && !is_public(e)) continue;
        if (!first) out += ',';
        first = false;
        put_event(out, e);
    }
    out += ']';
    put_string(o.key("type"), r.type);
    put_string(o.key("updated_at"), to_rfc3339(r.updated_at));
    put_enum(o.key("urgency"), r.urgency);
    o.close();
    return out;
}

}  // namespace spoc
