// See request_reach.h.
#include "request_reach.h"

#include "api.h"
#include "tokens.h"

namespace spoc {

Actor actor_for(const Caller& caller, RequestAccess access) {
    const char* side = may_see_internal(access) ? "desk" : "requester";
    return Actor(side, caller.person_id());
}

std::optional<Reach> reach_request(App& app, const httplib::Request& req, httplib::Response& res, std::int64_t id) {
    auto caller = identify(app, req, res);
    if (!caller) return std::nullopt;
    Reach reach;
    reach.caller = *caller;
    if (caller->kind == Caller::Kind::desk) {
        reach.request = app.store.find(id);
        reach.access = reach.request ? RequestAccess::desk : RequestAccess::none;
    } else if (caller->kind == Caller::Kind::person) {
        reach.request = app.store.find(id);
        reach.access = reach.request ? request_access(caller->user, *reach.request) : RequestAccess::none;
    } else {
        // A follow token: the requester of its own request.
        const std::string token = bearer_token(req);
        const auto stored = token.empty() ? std::nullopt : app.store.follow_token_hash(id);
        reach.access = stored && same_hash(hash_token(token), *stored) ? RequestAccess::requester : RequestAccess::none;
    }
    reach.actor = actor_for(reach.caller, reach.access);
    return reach;
}

void send_request_not_found(httplib::Response& res) {
    send_error(res, 404, "not_found", "No request with this id, or not for this token.");
}

}  // namespace spoc
