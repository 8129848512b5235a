// http_client.h over emscripten_fetch.
#include <emscripten/fetch.h>

#include <cstring>
#include <memory>
#include <vector>

#include "http_client.h"

namespace spoc::web {
namespace {

// Lives from the call until its answer: the strings the fetch points into, and the callback.
struct PendingCall {
    HttpCall call;
    std::string authorization;
    std::vector<const char*> headers;
    HttpDone done;
};

int g_in_flight = 0;

void finish(emscripten_fetch_t* fetch) {
    --g_in_flight;
    std::unique_ptr<PendingCall> pending(static_cast<PendingCall*>(fetch->userData));
    HttpResponse response;
    response.status = fetch->status;
    if (fetch->data && fetch->numBytes > 0) response.body.assign(fetch->data, static_cast<size_t>(fetch->numBytes));
    emscripten_fetch_close(fetch);
    if (pending->done) pending->done(response);
}

}  // namespace

void http_send(const HttpCall& call, HttpDone done) {
    auto pending = std::make_unique<PendingCall>();
    pending->call = call;
    pending->done = std::move(done);
    PendingCall& p = *pending;
    p.headers = {"Accept", "application/json"};
    if (!p.call.body.empty()) p.headers.insert(p.headers.end(), {"Content-Type", "application/json"});
    if (!p.call.bearer.empty()) {
        p.authorization = "Bearer " + p.call.bearer;
        p.headers.insert(p.headers.end(), {"Authorization", p.authorization.c_str()});
    }
    if (!p.call.language.empty()) p.headers.insert(p.headers.end(), {"Accept-Language", p.call.language.c_str()});
    if (!p.call.idempotency_key.empty())
        p.headers.insert(p.headers.end(), {"Idempotency-Key", p.call.idempotency_key.c_str()});
    if (!p.call.csrf.empty()) p.headers.insert(p.headers.end(), {"X-CSRF-Token", p.call.csrf.c_str()});
    p.headers.push_back(nullptr);

    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strncpy(attr.requestMethod, p.call.method.c_str(), sizeof(attr.requestMethod) - 1);
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
    attr.requestHeaders = p.headers.data();
    if (!p.call.body.empty()) {
        attr.requestData = p.call.body.data();
        attr.requestDataSize = p.call.body.size();
    }
    attr.timeoutMSecs = 20000;
    attr.userData = pending.release();
    attr.onsuccess = finish;
    attr.onerror = finish;
    ++g_in_flight;
    emscripten_fetch(&attr, p.call.path.c_str());
}

int http_in_flight() { return g_in_flight; }

}  // namespace spoc::web
