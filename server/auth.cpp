// See auth.h.
#include "auth.h"

#include <algorithm>

#include "api.h"
#include "tokens.h"

namespace spoc {

std::string session_cookie(const httplib::Request& req) {
    const std::string cookies = req.get_header_value("Cookie");
    std::size_t pos = 0;
    while (pos < cookies.size()) {
        std::size_t end = cookies.find(';', pos);
        if (end == std::string::npos) end = cookies.size();
        std::string pair = cookies.substr(pos, end - pos);
        pair.erase(0, pair.find_first_not_of(' '));
        if (pair.rfind("spoc_session=", 0) == 0) return pair.substr(13);
        pos = end + 1;
    }
    return "";
}

std::optional<Caller> identify(App& app, const httplib::Request& req, httplib::Response& res) {
    Caller caller;
    std::string token = bearer_token(req);
    if (token.empty()) {
        token = session_cookie(req);
        caller.by_cookie = !token.empty();
    }
    if (token.empty()) return caller;
    if (!caller.by_cookie && app.is_desk(token)) {
        caller.kind = Caller::Kind::desk;
        caller.user.role = Role::admin;
        caller.user.name = "Desk token";
        return caller;
    }
    const std::string hash = hash_token(token);
    const auto signed_in = app.store.find_signed_in(hash);
    if (!signed_in) return Caller{};
    const Session* session = &signed_in->first;
    const auto& user = signed_in->second;
    const Timestamp now = app.now();
    if (!user || !user->active || now - session->last_seen >= app.session_idle ||
        now - session->created_at >= app.session_max) {
        app.store.delete_session(hash);
        return Caller{};
    }
    const bool changes = req.method == "POST" || req.method == "PATCH" || req.method == "DELETE" || req.method == "PUT";
    if (caller.by_cookie && changes) {
        const std::string csrf = req.get_header_value("X-CSRF-Token");
        if (csrf.empty() || !same_hash(hash_token(csrf), session->csrf_hash)) {
            send_error(res, 403, "csrf", "Send the sign-in's csrf_token as X-CSRF-Token with this change.");
            return std::nullopt;
        }
    }
    // Noting every use would cost a write per request; a minute's precision is enough (finer
    // only when sessions are short enough to need it).
    if (now - session->last_seen >= std::min<Timestamp>(60, app.session_idle / 10)) app.store.touch_session(hash, now);
    caller.kind = Caller::Kind::person;
    caller.user = *user;
    caller.session_hash = hash;
    return caller;
}

std::optional<Caller> caller_allowed(App& app, const httplib::Request& req, httplib::Response& res,
                                     bool (*rule)(Role)) {
    auto caller = identify(app, req, res);
    if (!caller) return std::nullopt;
    if (caller->kind == Caller::Kind::nobody) {
        send_unauthorized(res);
        return std::nullopt;
    }
    if (!rule(caller->role())) {
        send_forbidden(res);
        return std::nullopt;
    }
    return caller;
}

void send_unauthorized(httplib::Response& res) {
    res.set_header("WWW-Authenticate", "Bearer");
    send_error(res, 401, "unauthorized", "Sign in first (POST /api/v1/sessions), or present a token.");
}

void send_forbidden(httplib::Response& res) {
    send_error(res, 403, "forbidden", "Your role may not do this.");
}

}  // namespace spoc
