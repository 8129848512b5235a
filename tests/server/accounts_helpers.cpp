// See accounts_helpers.h.
#include "accounts_helpers.h"

#include <doctest/doctest.h>

namespace spoc_test {
namespace {

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

std::string create_admin(const std::filesystem::path& db, const std::string& email) {
    const CommandOutput run = run_spoc_server({"--data", db.string(), "--create-admin", email});
    INFO("exit " << run.exit_code << "\nstdout:\n" << run.out << "\nstderr:\n" << run.err);
    REQUIRE(run.exit_code == 0);
    const std::string marker = "Password for " + email + " (shown only now): ";
    const auto at = run.out.find(marker);
    REQUIRE(at != std::string::npos);
    const auto end = run.out.find('\n', at);
    const auto length = end == std::string::npos ? std::string::npos : end - at - marker.size();
    const std::string password = trimmed(run.out.substr(at + marker.size(), length));
    REQUIRE(password.size() >= 10);
    CHECK(run.out.find("spoc is serving") == std::string::npos);  // a one-shot command, not a server
    return password;
}

httplib::Result sign_in(httplib::Client& client, const std::string& email, const std::string& password) {
    return post_json(client, "/api/v1/sessions", json{{"email", email}, {"password", password}});
}

Session sign_in_ok(httplib::Client& client, const std::string& email, const std::string& password) {
    auto res = sign_in(client, email, password);
    INFO("POST /api/v1/sessions as " << email << ": " << status_of(res) << " " << (res ? res->body : ""));
    REQUIRE(status_of(res) == 201);
    const json body = json_of(res);
    REQUIRE(body["token"].is_string());
    REQUIRE(body["csrf_token"].is_string());
    return Session{body["token"], body["csrf_token"], body["user"]};
}

Auth as_bearer(const std::string& token) { return Auth{token, "", std::nullopt}; }
Auth as_cookie(const std::string& token, std::optional<std::string> csrf) {
    return Auth{"", token, std::move(csrf)};
}

httplib::Result call(httplib::Client& client, const std::string& method, const std::string& path,
                     const Auth& auth, const std::optional<json>& body) {
    httplib::Headers headers;
    if (!auth.bearer.empty()) headers.emplace("Authorization", "Bearer " + auth.bearer);
    if (!auth.cookie.empty()) headers.emplace("Cookie", "spoc_session=" + auth.cookie);
    if (auth.csrf) headers.emplace("X-CSRF-Token", *auth.csrf);
    const std::string text = body ? body->dump() : "";
    if (method == "GET") return client.Get(path.c_str(), headers);
    if (method == "POST") return client.Post(path.c_str(), headers, text, "application/json");
    if (method == "PATCH") return client.Patch(path.c_str(), headers, text, "application/json");
    if (method == "PUT") return client.Put(path.c_str(), headers, text, "application/json");
    if (method == "DELETE") return client.Delete(path.c_str(), headers);
    FAIL("unknown method " << method);
    return client.Get(path.c_str());
}

json expect_as(httplib::Client& client, const std::string& token, const std::string& method, const std::string& path,
               const std::optional<json>& body, int status) {
    auto res = call(client, method, path, as_bearer(token), body);
    INFO(method << " " << path << " " << (body ? body->dump() : "") << " -> "
                << (res ? std::to_string(res->status) + " " + res->body : "no answer"));
    REQUIRE(status_of(res) == status);
    return json_of(res);
}

json signed_in_user(httplib::Client& client, const std::string& email, const std::string& role,
                    const json& organisation, std::string& token) {
    const json u = expect_as(client, kDeskToken, "POST", "/api/v1/users",
                             json{{"email", email}, {"name", email.substr(0, email.find('@'))}, {"role", role},
                                  {"organisation", organisation}, {"password", "correct horse battery"}},
                             201);
    token = sign_in_ok(client, email, "correct horse battery").token;
    return u;
}

Desk::Desk(std::vector<std::string> extra_args) {
    admin_password = create_admin(db(), kAdminEmail);
    ServerOptions options;
    options.data = db();
    options.extra_args = std::move(extra_args);
    server = std::make_unique<SpocServer>(options);
}

}  // namespace spoc_test
