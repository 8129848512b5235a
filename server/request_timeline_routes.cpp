// What adds to a request's timeline: replies and notes (/comments), state changes
// (/transitions), assignments (/assignments) and escalations (/escalations). Who may do each is
// core's access rule; each answers the request as the caller may see it.
#include "access.h"
#include "api.h"
#include "app.h"
#include "assignment.h"
#include "lifecycle.h"
#include "request_reach.h"

namespace spoc {
namespace {

// The caller's reach to the request of the path, when they may do what `rule` allows with it;
// else nullopt after answering 404 (unknown, or not theirs to know), 403 (theirs, not allowed)
// or, for the staff's actions (a refusal given), 401 to a caller who presents no credentials.
std::optional<Reach> reach_for(App& app, const httplib::Request& req, httplib::Response& res,
                               bool (*rule)(RequestAccess), const char* refusal, std::int64_t& id) {
    const auto path = path_id(req);
    if (!path) return send_request_not_found(res), std::nullopt;
    id = *path;
    auto reach = reach_request(app, req, res, id);
    if (!reach) return std::nullopt;
    if (reach->access == RequestAccess::none) {
        const bool anonymous = *refusal && bearer_token(req).empty() && session_cookie(req).empty();
        return anonymous ? send_unauthorized(res) : send_request_not_found(res), std::nullopt;
    }
    if (!rule(reach->access)) return send_error(res, 403, "forbidden", refusal), std::nullopt;
    return reach;
}

// The JSON object body, or nullopt after answering.
std::optional<json> object_body(App& app, const httplib::Request& req, httplib::Response& res) {
    auto body = read_json_body(req, res, app.messages(request_language(req, app.messages_config)));
    if (!body) return std::nullopt;
    if (!body->is_object()) return send_error(res, 400, "bad_request", "The body must be a JSON object."), std::nullopt;
    return body;
}

// A member that must be text when present ("" when absent); false after answering 422.
bool text_member(const json& body, const char* key, std::string& out, httplib::Response& res) {
    const json v = body.value(key, json(""));
    if (!v.is_string()) {
        send_error(res, 422, "invalid_field", std::string("\"") + key + "\" is text.", key);
        return false;
    }
    out = v.get<std::string>();
    return true;
}

// A positive id when present; false after answering 422.
bool id_member(const json& body, const char* key, std::optional<Id>& out, httplib::Response& res) {
    const auto it = body.find(key);
    if (it == body.end() || it->is_null()) return true;
    if (!it->is_number_integer() || it->get<std::int64_t>() < 1) {
        send_error(res, 422, "invalid_field", std::string("\"") + key + "\" is an id.", key);
        return false;
    }
    out = it->get<Id>();
    return true;
}

void send_assign_error(httplib::Response& res, AssignError e) {
    switch (e) {
        case AssignError::not_open:
            return send_error(res, 409, "request_closed", "This request is resolved, closed or cancelled.");
        case AssignError::not_member:
            return send_error(res, 422, "invalid_field", "The assignee is not a member of the group.", "assignee");
        case AssignError::reason_required:
            return send_error(res, 422, "reason_required", "Give a reason for the escalation.", "reason");
        case AssignError::reason_too_long:
            return send_error(res, 422, "invalid_field", "The reason is too long (at most 2000 characters).", "reason");
        case AssignError::tier_not_higher:
            return send_error(res, 422, "tier_not_higher", "Escalate to a group of a higher tier.", "group");
        case AssignError::none: break;
    }
}

const char* transition_message(TransitionError e) {
    switch (e) {
        case TransitionError::unknown_state: return "Unknown state.";
        case TransitionError::illegal: return "This state change is not allowed.";
        case TransitionError::reason_required: return "Give a reason for this state.";
        case TransitionError::reason_too_long: return "The reason is too long (at most 2000 characters).";
        case TransitionError::unknown_code:
            return "waiting_for (pending) is requester, vendor, change or other; resolution (resolved) is solved, "
                   "workaround, no_fault_found, duplicate or withdrawn.";
        case TransitionError::none: break;
    }
    return "";
}

void comment_on_request(App& app, const httplib::Request& req, httplib::Response& res) {
    std::int64_t id = 0;
    const auto reach = reach_for(app, req, res, may_reply, "", id);
    if (!reach) return;
    const Messages& messages = app.messages(request_language(req, app.messages_config));
    const auto body = object_body(app, req, res);
    if (!body) return;
    const json text = body->value("body", json());
    if (!text.is_string()) return send_error(res, 422, "invalid_field", "Write the reply as text in \"body\".", "body");
    const json internal = body->value("internal", json(false));
    if (!internal.is_boolean())
        return send_error(res, 422, "invalid_field", "\"internal\" is true or false.", "internal");
    if (internal.get<bool>() && !may_write_note(reach->access))
        return send_error(res, 403, "forbidden", "Only the service desk writes internal notes.");
    const FieldErrors errors = validate_comment(text.get<std::string>());
    if (!errors.empty()) return send_field_errors(res, errors, messages);

    bool closed = false;
    const auto r = app.store.update(id, [&](Request& r) {
        closed = !may_see_internal(reach->access) && is_final(r.state);
        if (closed) return false;
        add_comment(r, text.get<std::string>(), internal.get<bool>(), reach->actor, app.now());
        if (!may_see_internal(reach->access)) requester_answered(r, app.now());
        return true;
    });
    if (!r) return send_request_not_found(res);
    if (closed) return send_error(res, 409, "request_closed", "This request is closed; please file a new one.");
    send_json_text(res, 201, request_view_text(*r, reach->access));
}

void transition_request(App& app, const httplib::Request& req, httplib::Response& res) {
    std::int64_t id = 0;
    const auto reach = reach_for(app, req, res, may_change_state,
                                 "Only the service desk and its groups change the state of a request.", id);
    if (!reach) return;
    const auto body = object_body(app, req, res);
    if (!body) return;
    const json to = body->value("to", json());
    if (!to.is_string()) return send_error(res, 422, "invalid_field", "Name the new state in \"to\".", "to");
    std::string reason, waiting, resolution;
    if (!text_member(*body, "reason", reason, res) || !text_member(*body, "waiting_for", waiting, res) ||
        !text_member(*body, "resolution", resolution, res))
        return;
    const std::string code = !waiting.empty() ? waiting : resolution;
    const char* code_field = !waiting.empty() ? "waiting_for" : "resolution";

    TransitionError error = TransitionError::none;
    State from = State::invalid;
    const auto r = app.store.update(id, [&](Request& r) {
        from = r.state;
        error = apply_transition(r, state_from_string(to.get<std::string>()), reason, reach->actor, app.now(), code);
        if (error != TransitionError::none) return false;
        take_ownership_if_unowned(r, reach->caller.user, app.now());  // whoever of the desk works on it
        return true;
    });
    if (!r) return send_request_not_found(res);
    switch (error) {
        case TransitionError::none: return send_json_text(res, 200, request_view_text(*r, reach->access));
        case TransitionError::unknown_state: return send_error(res, 422, "invalid_field", transition_message(error), "to");
        case TransitionError::reason_required:
            return send_error(res, 422, "reason_required", transition_message(error), "reason");
        case TransitionError::reason_too_long:
            return send_error(res, 422, "invalid_field", transition_message(error), "reason");
        case TransitionError::unknown_code:
            return send_error(res, 422, "invalid_field", transition_message(error), code_field);
        case TransitionError::illegal:
            return send_error(res, 409, "illegal_transition",
                              std::string("A request cannot go from ") + to_string(from) + " to " +
                                  to.get<std::string>() + ".");
    }
}

// {"group", "assignee"?, "reason"?}
void assign_request(App& app, const httplib::Request& req, httplib::Response& res) {
    std::int64_t id = 0;
    const auto reach = reach_for(app, req, res, may_assign, "Only the service desk assigns requests.", id);
    if (!reach) return;
    const auto body = object_body(app, req, res);
    if (!body) return;
    std::optional<Id> group_id, assignee;
    std::string reason;
    if (!id_member(*body, "group", group_id, res) || !id_member(*body, "assignee", assignee, res) ||
        !text_member(*body, "reason", reason, res))
        return;
    if (!group_id) return send_error(res, 422, "invalid_field", "Name the support group in \"group\".", "group");
    const auto group = app.store.find_group(*group_id);
    if (!group) return send_error(res, 422, "invalid_field", "No support group has this id.", "group");

    AssignError error = AssignError::none;
    const auto r = app.store.update(id, [&](Request& r) {
        error = assign(r, *group, assignee, reason, reach->actor, app.now());
        if (error != AssignError::none) return false;
        take_ownership_if_unowned(r, reach->caller.user, app.now());
        return true;
    });
    if (!r) return send_request_not_found(res);
    if (error != AssignError::none) return send_assign_error(res, error);
    send_json_text(res, 200, request_view_text(*r, reach->access));
}

// {"kind": "functional", "group", "reason"} or {"kind": "hierarchical", "reason"}
void escalate_request(App& app, const httplib::Request& req, httplib::Response& res) {
    std::int64_t id = 0;
    const auto reach = reach_for(app, req, res, may_escalate, "Only the service desk and its groups escalate.", id);
    if (!reach) return;
    const auto body = object_body(app, req, res);
    if (!body) return;
    const json kind_value = body->value("kind", json());
    const Escalation kind = kind_value.is_string() ? kind_value.get<Escalation>() : Escalation::invalid;
    if (kind == Escalation::invalid)
        return send_error(res, 422, "invalid_field", "\"kind\" is functional or hierarchical.", "kind");
    std::string reason;
    std::optional<Id> group_id;
    if (!text_member(*body, "reason", reason, res) || !id_member(*body, "group", group_id, res)) return;
    std::optional<SupportGroup> to;
    if (kind == Escalation::functional) {
        if (!group_id) return send_error(res, 422, "invalid_field", "Name the group to escalate to in \"group\".", "group");
        to = app.store.find_group(*group_id);
        if (!to) return send_error(res, 422, "invalid_field", "No support group has this id.", "group");
    }

    AssignError error = AssignError::none;
    const auto r = app.store.update(id, [&](Request& r) {
        if (kind == Escalation::hierarchical) {
            error = escalate_hierarchically(r, reason, reach->actor, app.now());
        } else {
            const auto current = r.group ? app.store.find_group(*r.group) : std::nullopt;
            error = escalate_functionally(r, *to, current ? current->tier : Tier::invalid, reason, reach->actor,
                                          app.now());
        }
        return error == AssignError::none;
    });
    if (!r) return send_request_not_found(res);
    if (error != AssignError::none) return send_assign_error(res, error);
    // A resolver who escalated it away may no longer see the request: they get what they had.
    send_json_text(res, 200, request_view_text(*r, reach->access));
}

}  // namespace

void register_request_timeline_routes(httplib::Server& server, App& app) {
    auto route = [&app](void (*handler)(App&, const httplib::Request&, httplib::Response&)) {
        return [&app, handler](const httplib::Request& req, httplib::Response& res) { handler(app, req, res); };
    };
    server.Post(R"(/api/v1/requests/(\d+)/comments)", route(comment_on_request));
    server.Post(R"(/api/v1/requests/(\d+)/transitions)", route(transition_request));
    server.Post(R"(/api/v1/requests/(\d+)/assignments)", route(assign_request));
    server.Post(R"(/api/v1/requests/(\d+)/escalations)", route(escalate_request));
}

}  // namespace spoc
