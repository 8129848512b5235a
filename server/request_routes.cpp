// /api/v1/requests: file a request (for oneself, or for someone else with a diagnosis), list
// them (queues, filters, sort) and read or triage one. The rules are core's; this file reads
// the HTTP request, checks who asks, and answers. The timeline's routes are in
// request_timeline_routes.cpp.
#include <algorithm>

#include "access.h"
#include "api.h"
#include "app.h"
#include "auth.h"
#include "assignment.h"
#include "lifecycle.h"
#include "queue.h"
#include "request_reach.h"
#include "text.h"
#include "tokens.h"
#include "triage.h"

namespace spoc {
namespace {

// [SECTION] Filing -------------------------------------------------------------------------

// Who the request is for and the facts that follow: the requester (with their account, if
// any), their organisation, and who filed it for them. Fills nr.requester so validation can
// check it. false after answering 403 or 422.
bool settle_requester(App& app, const Caller& caller, NewRequest& nr, Request& facts, httplib::Response& res) {
    const bool for_someone = !nr.on_behalf_of.is_null();
    if ((for_someone || !nr.diagnosis.is_null()) && !may_file_for_others(caller.role())) {
        send_error(res, 403, "forbidden", "Only a help desk files for someone else or with a diagnosis.",
                   for_someone ? "on_behalf_of" : "diagnosis");
        return false;
    }
    auto refuse = [&res](const std::string& field) {
        send_error(res, 422, "invalid_field", "No person you may file for has this id or email.", field);
        return false;
    };
    std::optional<User> account;
    if (nr.on_behalf_of.is_number_integer()) {
        account = app.store.find_user(nr.on_behalf_of.get<std::int64_t>());
        if (!account || !may_file_for(caller.user, *account)) return refuse("on_behalf_of");
    } else if (nr.on_behalf_of.is_object()) {
        nr.requester = {nr.on_behalf_of.value("name", ""), nr.on_behalf_of.value("email", ""), std::nullopt};
        if (auto found = app.store.user_by_email(normalised_email(nr.requester.email))) {
            if (!may_file_for(caller.user, found->first)) return refuse("on_behalf_of.email");
            account = found->first;
        }
    } else if (caller.kind == Caller::Kind::person) {
        account = caller.user;
    } else if (auto found = app.store.user_by_email(normalised_email(nr.requester.email))) {
        account = found->first;  // a guest filing with the email of an account: theirs to see
    }
    if (account) {
        if (!nr.on_behalf_of.is_object()) nr.requester = {account->name, account->email, std::nullopt};
        facts.requester.user = account->id;
        facts.organisation = account->organisation;
    } else if (for_someone && caller.role() == Role::org_helpdesk) {
        facts.organisation = caller.user.organisation;  // a partner's user without an account yet
    }
    if (for_someone) facts.filed_by = caller.person_id();
    return true;
}

void file_request(App& app, const httplib::Request& req, httplib::Response& res) {
    const auto caller = identify(app, req, res);
    if (!caller) return;
    const Messages& messages = app.messages(request_language(req, app.messages_config));
    const auto body = read_json_body(req, res, messages);
    if (!body) return;
    if (!body->is_object()) return send_error(res, 400, "bad_request", "The body must be a JSON object.");
    NewRequest nr;
    FieldErrors errors = parse_new_request(*body, nr);
    if (!errors.empty()) return send_field_errors(res, errors, messages);
    Request facts;
    if (!settle_requester(app, *caller, nr, facts, res)) return;
    errors = validate_new_request(nr, app.catalog("en"));
    if (!errors.empty()) return send_field_errors(res, errors, messages);

    // Idempotency-Key: a client that did not get the answer sends the same request again
    // with the same key, and files it once. The repeat gets a new follow token.
    const std::string key = req.get_header_value("Idempotency-Key");
    if (key.size() > 200 || has_control_characters(key))
        return send_error(res, 400, "bad_request", "The Idempotency-Key header is at most 200 printable characters.");

    // A person files as themselves (their side: the desk's staff or a requester); a guest
    // or a script with the desk token files as the requester they name.
    const Actor filer = caller->kind == Caller::Kind::person
                            ? Actor(is_staff(caller->role()) ? "desk" : "requester", caller->user.id)
                            : Actor("requester");
    Request r = open_request(nr, *app.catalog("en").find(nr.type), app.now(), filer);
    r.requester.user = facts.requester.user;
    r.organisation = facts.organisation;
    r.filed_by = facts.filed_by;
    std::string organisation;
    if (r.organisation)
        if (auto o = app.store.find_organisation(*r.organisation)) organisation = o->name;
    route_new_request(r, app.routing(), organisation, app.store.list_groups());

    const std::string token = new_token();
    const Store::Created created = app.store.create(r, hash_token(token), key);
    if (created.key_conflict)
        return send_error(res, 409, "idempotency_key_reused",
                          "This Idempotency-Key was used for another request; make a new one for each request.");
    const Request& stored = created.request;
    const RequestAccess access = caller->kind == Caller::Kind::person ? request_access(caller->user, stored)
                                 : caller->kind == Caller::Kind::desk ? RequestAccess::desk
                                                                      : RequestAccess::requester;
    json out = request_view(stored, access == RequestAccess::none ? RequestAccess::requester : access);
    out["follow_token"] = token;
    res.set_header("Location", "/api/v1/requests/" + std::to_string(stored.id));
    send_json(res, created.replayed ? 200 : 201, out);
}

// [SECTION] Listing ------------------------------------------------------------------------

// ?queue=&state=&kind=&priority=&type=&organisation=&group=&assignee=&owner=&escalated=
//  &q=&sort=&limit=&cursor=
bool read_query(const httplib::Request& req, const User& person, RequestQuery& q, httplib::Response& res) {
    auto bad = [&res](const char* field, const char* message) {
        send_error(res, 422, "invalid_field", message, field);
        return false;
    };
    auto param = [&req](const char* name) { return req.has_param(name) ? req.get_param_value(name) : std::string(); };
    auto id = [&](const char* name, std::optional<Id>& out) {
        if (!req.has_param(name)) return true;
        const auto n = whole_number(param(name));
        if (!n || *n < 1) return false;
        out = *n;
        return true;
    };
    if (req.has_param("state")) {
        q.state = state_from_string(param("state"));
        if (*q.state == State::invalid) return bad("state", "Unknown state.");
    }
    if (req.has_param("kind")) {
        q.kind = json(param("kind")).get<Kind>();
        if (*q.kind == Kind::invalid) return bad("kind", "Unknown kind: use incident or service_request.");
    }
    if (req.has_param("priority")) {
        const auto p = whole_number(param("priority"));
        if (!p || *p < 1 || *p > 5) return bad("priority", "Priority is a number from 1 to 5.");
        q.priority = static_cast<int>(*p);
    }
    if (req.has_param("type")) q.type = param("type");
    if (!id("organisation", q.organisation)) return bad("organisation", "Give an organisation's id.");
    if (!id("group", q.group)) return bad("group", "Give a support group's id.");
    if (!id("owner", q.owner)) return bad("owner", "Give the owner's user id.");
    if (param("assignee") == "none") q.unassigned = true;
    else if (!id("assignee", q.assignee)) return bad("assignee", "Give the assignee's user id, or none.");
    if (req.has_param("escalated")) {
        if (param("escalated") != "true" && param("escalated") != "false")
            return bad("escalated", "escalated is true or false.");
        q.escalated = param("escalated") == "true";
    }
    if (req.has_param("q")) {
        // Full text: at most 200 characters with at least one word (letters or digits); the
        // store turns the words into a query of their own (SqliteStore::list), so quotes,
        // operators and the like are only ever searched for as words, or ignored.
        const std::string text = param("q");
        const auto characters = std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; });
        if (characters > 200) return bad("q", "Search for at most 200 characters.");
        if (query_words(text).empty()) return bad("q", "Search for at least one word.");
        q.q = text;
        q.by_rank = !req.has_param("sort");  // best match first, unless a sort is asked for
    }
    if (req.has_param("sort")) {
        q.sort = sort_from_string(param("sort"));
        if (q.sort == RequestSort::invalid) return bad("sort", "Sort by priority, created or updated.");
    }
    if (req.has_param("limit")) {
        const auto n = whole_number(param("limit"));
        if (!n || *n < 1 || *n > 200) return bad("limit", "Limit is a number from 1 to 200.");
        q.limit = static_cast<int>(*n);
    }
    if (!param("cursor").empty()) {
        // A search's pages: best first ("<rank>.<id>"), or newest first ("<id>") when too many
        // requests match to rank them (SqliteStore::list).
        if (q.by_rank && param("cursor").find('.') == std::string::npos) {
            q.by_rank = false;
            q.sort = RequestSort::created;
        }
        q.after = read_cursor(q.by_rank ? RequestSort::priority : q.sort, param("cursor"));  // "<rank>.<id>"
        if (!q.after) return bad("cursor", "Use the cursor from the previous page's \"next\", with the same sort.");
    }
    if (req.has_param("queue")) {
        const Queue queue = queue_from_string(param("queue"));
        if (queue == Queue::invalid) return bad("queue", "Queues: unassigned, mine, my_groups, owned or all.");
        apply_queue(q, queue, person);
    }
    return true;
}

void list_requests(App& app, const httplib::Request& req, httplib::Response& res) {
    const auto caller = identify(app, req, res);
    if (!caller) return;
    if (caller->kind == Caller::Kind::nobody) return send_unauthorized(res);
    RequestQuery query;
    if (!read_query(req, caller->user, query, res)) return;
    if (caller->kind == Caller::Kind::person) query.scope = request_scope(caller->user);
    const RequestPage page = app.store.list(query);
    json items = json::array();
    for (std::size_t i = 0; i < page.items.size(); ++i) {
        const Request& r = page.items[i];
        const RequestAccess access =
            caller->kind == Caller::Kind::desk ? RequestAccess::desk : request_access(caller->user, r);
        json j = request_view(r, access);
        j.erase("timeline");
        // With q: where the words matched, marked **like this** (from notes only for staff).
        if (!query.q.empty() && i < page.snippets.size()) j["snippet"] = page.snippets[i];
        items.push_back(std::move(j));
    }
    send_json(res, 200, {{"items", items}, {"next", page.next ? json(*page.next) : json(nullptr)}});
}

// [SECTION] Reading and triage ----------------------------------------------------------

void show_request(App& app, const httplib::Request& req, httplib::Response& res) {
    const auto id = path_id(req);
    if (!id) return send_request_not_found(res);
    const auto reach = reach_request(app, req, res, *id);
    if (!reach) return;
    if (reach->access == RequestAccess::none) return send_request_not_found(res);
    // Read once: what decided the access is what is shown (a follow token's reach reads it here).
    const auto r = reach->request ? reach->request : app.store.find(*id);
    if (!r) return send_request_not_found(res);
    send_json_text(res, 200, request_view_text(*r, reach->access));
}

void triage_request(App& app, const httplib::Request& req, httplib::Response& res) {
    const auto id = path_id(req);
    if (!id) return send_request_not_found(res);
    const auto reach = reach_request(app, req, res, *id);
    if (!reach) return;
    if (reach->access == RequestAccess::none)
        return bearer_token(req).empty() && session_cookie(req).empty() ? send_unauthorized(res)
                                                                         : send_request_not_found(res);
    if (!may_triage(reach->access)) return send_error(res, 403, "forbidden", "Only the service desk triages requests.");
    const Messages& messages = app.messages(request_language(req, app.messages_config));
    const auto body = read_json_body(req, res, messages);
    if (!body) return;
    Triage triage;
    const FieldErrors errors = read_triage(*body, app.catalog("en"), triage);
    if (!errors.empty()) return send_field_errors(res, errors, messages);
    if (triage.owner && *triage.owner) {
        const auto owner = app.store.find_user(**triage.owner);
        if (!owner || !may_own(*owner))
            return send_error(res, 422, "invalid_field", "The owner is an active agent, manager or admin.", "owner");
    }
    TriageError error = TriageError::none;
    const auto r = app.store.update(*id, [&](Request& r) {
        error = apply_triage(r, triage, app.catalog("en"), reach->actor, app.now());
        if (error != TriageError::none) return false;
        if (!triage.owner) take_ownership_if_unowned(r, reach->caller.user, app.now());
        return true;
    });
    if (!r) return send_request_not_found(res);
    if (error == TriageError::closed)
        return send_error(res, 409, "request_closed", "This request is closed; its triage cannot change.");
    send_json_text(res, 200, request_view_text(*r, reach->access));
}

}  // namespace

void register_request_routes(httplib::Server& server, App& app) {
    auto route = [&app](void (*handler)(App&, const httplib::Request&, httplib::Response&)) {
        return [&app, handler](const httplib::Request& req, httplib::Response& res) { handler(app, req, res); };
    };
    server.Post("/api/v1/requests", route(file_request));
    server.Get("/api/v1/requests", route(list_requests));
    server.Get(R"(/api/v1/requests/(\d+))", route(show_request));
    server.Patch(R"(/api/v1/requests/(\d+))", route(triage_request));
    register_request_timeline_routes(server, app);
}

}  // namespace spoc
