// How a caller reaches one request, shared by the request routes: who asks (a person, the desk
// token, a follow token), what core's rules let them do with it, and as whom they act.
#pragma once
#include <httplib.h>

#include <optional>

#include "access.h"
#include "app.h"
#include "auth.h"

namespace spoc {

struct Reach {
    Caller caller;
    RequestAccess access = RequestAccess::none;
    Actor actor = "requester";
    std::optional<Request> request;  // as read to decide the access (signed-in people and the desk token)
};

// nullopt after answering (403 csrf). access is none when the request is unknown or the caller
// may not know it exists: answer 404 then.
std::optional<Reach> reach_request(App& app, const httplib::Request& req, httplib::Response& res, std::int64_t id);

// The side a caller with this access acts on, with their user id when they are a person.
Actor actor_for(const Caller& caller, RequestAccess access);

void send_request_not_found(httplib::Response& res);

}  // namespace spoc
