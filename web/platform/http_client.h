// A small asynchronous HTTP client for the portal's calls to the spoc API.
// The answer arrives later, on the main thread, between frames.
#pragma once
#include <functional>
#include <string>

namespace spoc::web {

struct HttpResponse {
    int status = 0;  // 0 when the server could not be reached
    std::string body;
};

using HttpDone = std::function<void(const HttpResponse&)>;

struct HttpCall {
    std::string method = "GET";
    std::string path;         // same origin, e.g. "/api/v1/requests"
    std::string body;         // sent as application/json when not empty
    std::string bearer;       // Authorization: Bearer <token> when not empty
    std::string language;     // Accept-Language
    std::string idempotency_key;  // Idempotency-Key: the same call again is done once
    std::string csrf;         // X-CSRF-Token: a signed-in person's changes (the cookie signs them in)
};

void http_send(const HttpCall& call, HttpDone done);
int http_in_flight();  // calls sent and not yet answered

}  // namespace spoc::web
