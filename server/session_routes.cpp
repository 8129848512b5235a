// /api/v1/sessions and /api/v1/me: signing in and out, and the signed-in person's own
// account. Passwords are checked by Passwords (bounded Argon2id), attempts by SignInLimits.
#include "api.h"
#include "app.h"
#include "auth.h"
#include "tokens.h"

namespace spoc {
namespace {

// The member as a string, or nullopt after adding the field's error.
std::optional<std::string> string_member(const json& body, const char* key, FieldErrors& errs) {
    auto it = body.find(key);
    if (it == body.end() || it->is_null()) {
        errs.push_back({key, "error.required", {}});
        return std::nullopt;
    }
    if (!it->is_string()) {
        errs.push_back(wrong_type(key, "text"));
        return std::nullopt;
    }
    return it->get<std::string>();
}

void send_busy(httplib::Response& res) {
    res.set_header("Retry-After", "1");
    send_error(res, 503, "busy", "Too many sign-ins at once; try again in a moment.");
}

std::string session_cookie_header(const std::string& token, Timestamp max_age) {
    return "spoc_session=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
}

void sign_in(App& app, const httplib::Request& req, httplib::Response& res) {
    const Messages& messages = app.messages(request_language(req, app.messages_config));
    const auto body = read_json_body(req, res, messages);
    if (!body) return;
    if (!body->is_object()) return send_field_errors(res, {wrong_type("", "object")}, messages);
    FieldErrors errs;
    const auto email = string_member(*body, "email", errs);
    const auto password = string_member(*body, "password", errs);
    if (password && password->size() > limits::password_max)
        errs.push_back({"password", "error.too_long", {{"max", std::to_string(limits::password_max)}}});
    if (!errs.empty()) return send_field_errors(res, errs, messages);

    const std::string account = normalised_email(*email);
    const Timestamp now = app.now();
    if (const Timestamp wait = app.sign_in_limits.retry_after(account, req.remote_addr, now)) {
        res.set_header("Retry-After", std::to_string(wait));
        return send_error(res, 429, "rate_limited", "Too many failed sign-ins; try again later.");
    }
    // An unknown email costs the same hashing as a wrong password, and answers the same.
    const auto found = app.store.user_by_email(account);
    const Passwords::Check check =
        found ? app.passwords.verify(found->second, *password) : app.passwords.verify_nobody(*password);
    if (check == Passwords::Check::busy) return send_busy(res);
    if (check != Passwords::Check::match || !found->first.active) {
        app.sign_in_limits.failed(account, req.remote_addr, now);
        return send_error(res, 401, "invalid_credentials", "The email or the password is not right.");
    }
    app.sign_in_limits.succeeded(account);

    const std::string token = new_token(), csrf = new_token();
    app.store.create_session({hash_token(token), hash_token(csrf), found->first.id, now, now});
    res.set_header("Set-Cookie", session_cookie_header(token, app.session_max));
    send_json(res, 201,
              {{"token", token},
               {"csrf_token", csrf},
               {"user", found->first},
               {"expires_at", to_rfc3339(now + app.session_max)}});
}

// The signed-in person, or nullopt after answering 401 (nobody) or 404 (the desk token, no person).
std::optional<Caller> person(App& app, const httplib::Request& req, httplib::Response& res) {
    auto caller = identify(app, req, res);
    if (!caller) return std::nullopt;
    if (caller->kind == Caller::Kind::nobody) {
        send_unauthorized(res);
        return std::nullopt;
    }
    if (caller->kind == Caller::Kind::desk) {
        send_error(res, 404, "not_found", "The desk token is not a person.");
        return std::nullopt;
    }
    return caller;
}

void change_password(App& app, const httplib::Request& req, httplib::Response& res) {
    const auto caller = person(app, req, res);
    if (!caller) return;
    const Messages& messages = app.messages(request_language(req, app.messages_config));
    const auto body = read_json_body(req, res, messages);
    if (!body) return;
    if (!body->is_object()) return send_field_errors(res, {wrong_type("", "object")}, messages);
    FieldErrors errs;
    const auto current = string_member(*body, "current", errs);
    if (auto it = body->find("new"); it == body->end() || it->is_null()) {
        errs.push_back({"new", "error.required", {}});
    } else {
        const FieldErrors p = validate_password(*it, "new");
        errs.insert(errs.end(), p.begin(), p.end());
    }
    if (!errs.empty()) return send_field_errors(res, errs, messages);

    const auto stored = app.store.password_hash(caller->user.id);
    const Passwords::Check check = stored ? app.passwords.verify(*stored, *current) : Passwords::Check::mismatch;
    if (check == Passwords::Check::busy) return send_busy(res);
    if (check != Passwords::Check::match)
        return send_error(res, 403, "wrong_password", "The current password is not right.", "current");
    const auto hash = app.passwords.hash((*body)["new"].get<std::string>());
    if (!hash) return send_busy(res);
    app.store.set_password(caller->user.id, *hash);
    app.store.delete_sessions_of(caller->user.id, caller->session_hash);  // other devices sign in again
    res.status = 204;
}

}  // namespace

void register_session_routes(httplib::Server& server, App& app) {
    server.Post("/api/v1/sessions", [&app](const httplib::Request& req, httplib::Response& res) { sign_in(app, req, res); });

    server.Delete("/api/v1/sessions/current", [&app](const httplib::Request& req, httplib::Response& res) {
        const auto caller = person(app, req, res);
        if (!caller) return;
        app.store.delete_session(caller->session_hash);
        res.set_header("Set-Cookie", session_cookie_header("", 0));
        res.status = 204;
    });

    server.Get("/api/v1/me", [&app](const httplib::Request& req, httplib::Response& res) {
        if (const auto caller = person(app, req, res)) send_json(res, 200, caller->user);
    });

    server.Post("/api/v1/me/password",
                [&app](const httplib::Request& req, httplib::Response& res) { change_password(app, req, res); });
}

}  // namespace spoc
