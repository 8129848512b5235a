// What the account tests share: the first admin made with --create-admin, a server on a
// database that has one, and signing in.
#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api_helpers.h"
#include "server_process.h"

namespace spoc_test {

inline const std::string kAdminEmail = "admin@example.org";

// Runs `spoc-server --data DB --create-admin EMAIL`; REQUIREs exit 0 and the line
// "Password for EMAIL (shown only now): <password>", and returns the password.
std::string create_admin(const std::filesystem::path& db, const std::string& email);

// POST /api/v1/sessions with this email and password, whatever the answer.
httplib::Result sign_in(httplib::Client& client, const std::string& email, const std::string& password);

// A sign-in's answer: the token, the CSRF token and the user.
struct Session {
    std::string token;
    std::string csrf;
    json user;
};

// Signs in; REQUIREs 201 with a token and a CSRF token.
Session sign_in_ok(httplib::Client& client, const std::string& email, const std::string& password);

// How a request authenticates: a bearer token, or the session cookie with (or without) the
// X-CSRF-Token header; neither for nobody.
struct Auth {
    std::string bearer;
    std::string cookie;
    std::optional<std::string> csrf;
};
Auth as_bearer(const std::string& token);
Auth as_cookie(const std::string& token, std::optional<std::string> csrf = std::nullopt);

// GET, POST, PATCH, PUT or DELETE (a JSON body for POST, PATCH and PUT) with that authentication.
httplib::Result call(httplib::Client& client, const std::string& method, const std::string& path,
                     const Auth& auth = {}, const std::optional<json>& body = std::nullopt);

// A call with a bearer token (the desk token or a session's) that REQUIREs the status; the JSON answer.
json expect_as(httplib::Client& client, const std::string& token, const std::string& method, const std::string& path,
               const std::optional<json>& body, int status);

// A user made with the desk token (name from the email, the password "correct horse battery"),
// signed in: the user, and the session's token in `token`.
json signed_in_user(httplib::Client& client, const std::string& email, const std::string& role,
                    const json& organisation, std::string& token);

// A server on a database that has an admin made by --create-admin before the server started.
struct Desk {
    explicit Desk(std::vector<std::string> extra_args = {});

    std::filesystem::path db() const { return folder.path() / "spoc.db"; }
    httplib::Client client() const { return server->client(); }

    TempFolder folder;
    std::string admin_password;
    std::unique_ptr<SpocServer> server;
};

}  // namespace spoc_test
