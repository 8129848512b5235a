// /api/v1/requests: file, list, read, comment on and change the state of requests.
// The rules are core's; this file reads the HTTP request, checks who asks, and answers.
#include "access.h"
#include "api.h"
#include "app.h"
#include "auth.h"
#include "lifecycle.h"
#include "text.h"
#include "tokens.h"

namespace spoc {
namespace {

using Access = RequestAccess;

// How the caller reaches request `id`: the desk token and the desk's roles as the desk; a
// signed-in person as its requester when it was filed with their email; a follow token as
// the requester of its own request. nullopt after answering 403 (a cookie without CSRF token).
std::optional<Access> access_to(App& app, const httplib::Request& req, httplib::Response& res, std::int64_t id) {
    const auto caller = identify(app, req, res);
    if (!caller) return std::nullopt;
    if (caller->kind == Caller::Kind::desk) return Access::desk;
    if (caller->kind == Caller::Kind::person) {
        if (acts_as_desk(caller->user.role)) return Access::desk;
        const auto r = app.store.find(id);
        return r ? request_access(caller->user, *r) : Access::none;
    }
    const std::string token = bearer_token(req);
    if (token.empty()) return Access::none;
    const auto stored = app.store.follow_token_hash(id);
    return stored && same_hash(hash_token(token), *stored) ? Access::requester : Access::none;
}

const char* actor_of(Access access) { return access == Access::desk ? "desk" : "requester"; }

json visible(const Request& r, Access access) {
    json j = r;
    if (access != Access::desk) j["timeline"] = public_timeline(r.timeline);
    return j;
}

void not_found(httplib::Response& res) {
    send_error(res, 404, "not_found", "No request with this id, or not for this token.");
}

// ?state=new&kind=incident&priority=1&type=...&limit=50&cursor=...
bool read_filter(const httplib::Request& req, RequestFilter& f, httplib::Response& res) {
    auto bad = [&res](const char* field, const char* message) {
        send_error(res, 422, "invalid_field", message, field);
        return false;
    };
    auto number = [](const std::string& s, std::int64_t& out) {
        const auto n = whole_number(s);
        if (n) out = *n;
        return n.has_value();
    };
    if (req.has_param("state")) {
        f.state = state_from_string(req.get_param_value("state"));
        if (*f.state == State::invalid) return bad("state", "Unknown state.");
    }
    if (req.has_param("kind")) {
        f.kind = json(req.get_param_value("kind")).get<Kind>();
        if (*f.kind == Kind::invalid) return bad("kind", "Unknown kind: use incident or service_request.");
    }
    if (req.has_param("priority")) {
        std::int64_t p = 0;
        if (!number(req.get_param_value("priority"), p) || p < 1 || p > 5)
            return bad("priority", "Priority is a number from 1 to 5.");
        f.priority = static_cast<int>(p);
    }
    if (req.has_param("type")) f.type = req.get_param_value("type");
    if (req.has_param("limit")) {
        std::int64_t n = 0;
        if (!number(req.get_param_value("limit"), n) || n < 1 || n > 200)
            return bad("limit", "Limit is a number from 1 to 200.");
        f.limit = static_cast<int>(n);
    }
    if (req.has_param("cursor") && !req.get_param_value("cursor").empty()) {
        if (!number(req.get_param_value("cursor"), f.before_id) || f.before_id < 1)
            return bad("cursor", "Use the cursor from the previous page's \"next\".");
    }
    return true;
}

const char* transition_message(TransitionError e) {
    switch (e) {
        case TransitionError::unknown_state: return "Unknown state.";
        case TransitionError::illegal: return "This state change is not allowed.";
        case TransitionError::reason_required: return "Give a reason for this state.";
        case TransitionError::reason_too_long: return "The reason is too long (at most 2000 characters).";
        case TransitionError::none: break;
    }
    return "";
}

void file_request(App& app, const httplib::Request& req, httplib::Response& res) {
    const Messages& messages = app.messages(request_language(req, app.messages_config));
    const auto body = read_json_body(req, res, messages);
    if (!body) return;
    if (!body->is_object()) return send_error(res, 400, "bad_request", "The body must be a JSON object.");
    NewRequest nr;
    FieldErrors errors = parse_new_request(*body, nr);
    if (errors.empty()) errors = validate_new_request(nr, app.catalog("en"));
    if (!errors.empty()) return send_field_errors(res, errors, messages);

    // Idempotency-Key: a client that did not get the answer sends the same request again
    // with the same key, and files it once. The repeat gets a new follow token.
    const std::string key = req.get_header_value("Idempotency-Key");
    if (key.size() > 200 || has_control_characters(key))
        return send_error(res, 400, "bad_request", "The Idempotency-Key header is at most 200 printable characters.");

    const std::string token = new_token();
    const Store::Created created = app.store.create(open_request(nr, *app.catalog("en").find(nr.type), app.now()),
                                                    hash_token(token), key);
    const Request& stored = created.request;
    if (created.key_conflict)
        return send_error(res, 409, "idempotency_key_reused",
                          "This Idempotency-Key was used for another request; make a new one for each request.");
    json out = stored;
    out["follow_token"] = token;
    res.set_header("Location", "/api/v1/requests/" + std::to_string(stored.id));
    send_json(res, created.replayed ? 200 : 201, out);
}

void list_requests(App& app, const httplib::Request& req, httplib::Response& res) {
    const auto caller = identify(app, req, res);
    if (!caller) return;
    if (caller->kind == Caller::Kind::nobody) return send_unauthorized(res);
    RequestFilter filter;
    if (!read_filter(req, filter, res)) return;
    // A person outside the desk lists what was filed with their email.
    if (caller->kind == Caller::Kind::person && !acts_as_desk(caller->user.role))
        filter.requester_email = caller->user.email;
    const RequestPage page = app.store.list(filter);
    json items = json::array();
    for (const Request& r : page.items) {
        json j = r;
        j.erase("timeline");
        items.push_back(std::move(j));
    }
    send_json(res, 200, {{"items", items}, {"next", page.next ? json(std::to_string(*page.next)) : json(nullptr)}});
}

void show_request(App& app, const httplib::Request& req, httplib::Response& res) {
    const auto id = path_id(req);
    if (!id) return not_found(res);
    const auto access = access_to(app, req, res, *id);
    if (!access) return;
    const auto r = *access == Access::none ? std::nullopt : app.store.find(*id);
    if (!r) return not_found(res);
    send_json(res, 200, visible(*r, *access));
}

void comment_on_request(App& app, const httplib::Request& req, httplib::Response& res) {
    const auto id = path_id(req);
    if (!id) return not_found(res);
    const auto reached = access_to(app, req, res, *id);
    if (!reached) return;
    const Access access = *reached;
    if (access == Access::none) return not_found(res);
    const Messages& messages = app.messages(request_language(req, app.messages_config));
    const auto body = read_json_body(req, res, messages);
    if (!body) return;
    if (!body->is_object()) return send_error(res, 400, "bad_request", "The body must be a JSON object.");

    const json text = body->value("body", json());
    if (!text.is_string()) return send_error(res, 422, "invalid_field", "Write the reply as text in \"body\".", "body");
    const json internal = body->value("internal", json(false));
    if (!internal.is_boolean())
        return send_error(res, 422, "invalid_field", "\"internal\" is true or false.", "internal");
    if (internal.get<bool>() && access != Access::desk)
        return send_error(res, 403, "forbidden", "Only the service desk writes internal notes.");
    const FieldErrors errors = validate_comment(text.get<std::string>());
    if (!errors.empty()) return send_field_errors(res, errors, messages);

    bool closed = false;
    const auto r = app.store.update(*id, [&](Request& r) {
        closed = access != Access::desk && is_final(r.state);
        if (closed) return false;
        add_comment(r, text.get<std::string>(), internal.get<bool>(), actor_of(access), app.now());
        return true;
    });
    if (!r) return not_found(res);
    if (closed)
        return send_error(res, 409, "request_closed", "This request is closed; please file a new one.");
    send_json(res, 201, visible(*r, access));
}

void transition_request(App& app, const httplib::Request& req, httplib::Response& res) {
    const auto id = path_id(req);
    if (!id) return not_found(res);
    const auto reached = access_to(app, req, res, *id);
    if (!reached) return;
    const Access access = *reached;
    if (access == Access::none) return bearer_token(req).empty() && session_cookie(req).empty() ? send_unauthorized(res) : not_found(res);
    if (access != Access::desk)
        return send_error(res, 403, "forbidden", "Only the service desk changes the state of a request.");
    const auto body = read_json_body(req, res, app.messages(request_language(req, app.messages_config)));
    if (!body) return;
    if (!body->is_object()) return send_error(res, 400, "bad_request", "The body must be a JSON object.");
    const json to = body->value("to", json());
    if (!to.is_string()) return send_error(res, 422, "invalid_field", "Name the new state in \"to\".", "to");
    const json reason = body->value("reason", json(""));
    if (!reason.is_string()) return send_error(res, 422, "invalid_field", "\"reason\" is text.", "reason");

    TransitionError error = TransitionError::none;
    State from = State::invalid;
    const auto r = app.store.update(*id, [&](Request& r) {
        from = r.state;
        error = apply_transition(r, state_from_string(to.get<std::string>()), reason.get<std::string>(), "desk",
                                 app.now());
        return error == TransitionError::none;
    });
    if (!r) return not_found(res);
    switch (error) {
        case TransitionError::none: return send_json(res, 200, visible(*r, access));
        case TransitionError::unknown_state: return send_error(res, 422, "invalid_field", transition_message(error), "to");
        case TransitionError::reason_required:
            return send_error(res, 422, "reason_required", transition_message(error), "reason");
        case TransitionError::reason_too_long:
            return send_error(res, 422, "invalid_field", transition_message(error), "reason");
        case TransitionError::illegal:
            return send_error(res, 409, "illegal_transition",
                              std::string("A request cannot go from ") + to_string(from) + " to " +
                                  to.get<std::string>() + ".");
    }
}

}  // namespace

void register_request_routes(httplib::Server& server, App& app) {
    auto route = [&app](void (*handler)(App&, const httplib::Request&, httplib::Response&)) {
        return [&app, handler](const httplib::Request& req, httplib::Response& res) { handler(app, req, res); };
    };
    server.Post("/api/v1/requests", route(file_request));
    server.Get("/api/v1/requests", route(list_requests));
    server.Get(R"(/api/v1/requests/(\d+))", route(show_request));
    server.Post(R"(/api/v1/requests/(\d+)/comments)", route(comment_on_request));
    server.Post(R"(/api/v1/requests/(\d+)/transitions)", route(transition_request));
}

}  // namespace spoc
