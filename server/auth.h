// Who is asking: nobody, the desk token (admin-level, for scripts) or a person signed in
// with a session, presented as Authorization: Bearer or as the portal's spoc_session cookie.
#pragma once
#include <httplib.h>

#include <optional>
#include <string>

#include "account.h"
#include "app.h"

namespace spoc {

struct Caller {
    enum class Kind { nobody, desk, person };
    Kind kind = Kind::nobody;
    User user;                 // a person; for the desk token an admin without id (0)
    std::string session_hash;  // a person's session
    bool by_cookie = false;

    // The desk token acts as an admin.
    Role role() const { return kind == Kind::desk ? Role::admin : kind == Kind::person ? user.role : Role::invalid; }
    // A person's user id, for filed_by and the like; nullopt for the desk token and nobody.
    std::optional<std::int64_t> person_id() const {
        return kind == Kind::person ? std::optional<std::int64_t>(user.id) : std::nullopt;
    }
    std::optional<std::int64_t> organisation() const {
        return kind == Kind::person ? user.organisation : std::nullopt;
    }
};

// An expired session counts as nobody (and is removed). A cookie on a POST, PATCH or DELETE
// needs the session's X-CSRF-Token: without it this answers 403 csrf and returns nullopt.
std::optional<Caller> identify(App& app, const httplib::Request& req, httplib::Response& res);

// The caller when someone is asking and their role passes `rule`, or nullopt after
// answering 401 (nobody), 403 (csrf, or the role may not).
std::optional<Caller> caller_allowed(App& app, const httplib::Request& req, httplib::Response& res,
                                     bool (*rule)(Role));

// 401 with WWW-Authenticate; 403 forbidden.
void send_unauthorized(httplib::Response& res);
void send_forbidden(httplib::Response& res);

// The spoc_session cookie's value, or "".
std::string session_cookie(const httplib::Request& req);

}  // namespace spoc
