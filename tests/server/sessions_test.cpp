// Covers accounts and sessions (issue 6, DESIGN.md "Accounts and sessions"): signing in with
// email and password (201, token, CSRF token, the HttpOnly SameSite=Strict cookie), 401 alike for
// an unknown email, a wrong password and an inactive user, signing out, /me, changing one's
// password, idle and absolute expiry (--session-idle, --session-max), CSRF on cookie-authenticated
// POST/PATCH/DELETE, rate limits per account and per client address (429 with Retry-After), and
// `spoc-server --create-admin EMAIL`.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "accounts_helpers.h"
#include "api_helpers.h"
#include "server_process.h"

using namespace spoc_test;
using namespace std::chrono_literals;

namespace {

using Clock = std::chrono::steady_clock;

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// POST /api/v1/users with the admin's bearer token; REQUIREs 201.
json create_user(httplib::Client& client, const std::string& token, const json& user) {
    auto res = call(client, "POST", "/api/v1/users", as_bearer(token), user);
    INFO("POST /api/v1/users " << user.dump() << ": " << status_of(res) << " " << (res ? res->body : ""));
    REQUIRE(status_of(res) == 201);
    return json_of(res);
}

std::string user_path(const json& user) { return "/api/v1/users/" + std::to_string(user.at("id").get<long long>()); }

int me_status(httplib::Client& client, const Auth& auth) { return status_of(call(client, "GET", "/api/v1/me", auth)); }

// The spoc_session cookie set by an answer: its value and its attributes (names in lower case).
struct SetCookie {
    std::string value;
    std::map<std::string, std::string> attributes;
    std::string attr(const std::string& name) const {
        const auto it = attributes.find(name);
        return it == attributes.end() ? "" : it->second;
    }
};

std::optional<SetCookie> session_cookie(const httplib::Response& res) {
    const std::size_t n = res.get_header_value_count("Set-Cookie");
    for (std::size_t i = 0; i < n; ++i) {
        const std::string line = res.get_header_value("Set-Cookie", i);
        std::vector<std::string> parts;
        std::size_t start = 0;
        while (true) {
            const auto semi = line.find(';', start);
            parts.push_back(trim(line.substr(start, semi == std::string::npos ? std::string::npos : semi - start)));
            if (semi == std::string::npos) break;
            start = semi + 1;
        }
        const auto eq = parts[0].find('=');
        if (eq == std::string::npos || parts[0].substr(0, eq) != "spoc_session") continue;
        SetCookie cookie;
        cookie.value = parts[0].substr(eq + 1);
        for (std::size_t p = 1; p < parts.size(); ++p) {
            const auto e = parts[p].find('=');
            cookie.attributes[lower(trim(parts[p].substr(0, e)))] =
                e == std::string::npos ? "" : trim(parts[p].substr(e + 1));
        }
        return cookie;
    }
    return std::nullopt;
}

// Seconds since the epoch of an RFC 3339 time (Z or a +hh:mm offset; fractions ignored).
std::optional<long long> parse_rfc3339(const std::string& s) {
    int y, mo, d, h, mi, se, used = 0;
    if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &se, &used) != 6 || used != 19)
        return std::nullopt;
    std::size_t at = 19;
    if (at < s.size() && s[at] == '.') {
        ++at;
        while (at < s.size() && std::isdigit(static_cast<unsigned char>(s[at]))) ++at;
    }
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = se;
    long long t = timegm(&tm);
    const std::string zone = s.substr(at);
    if (zone == "Z" || zone == "z") return t;
    int zh, zm;
    if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && std::sscanf(zone.c_str() + 1, "%2d:%2d", &zh, &zm) == 2)
        return t - (zone[0] == '+' ? 1 : -1) * (zh * 3600LL + zm * 60LL);
    return std::nullopt;
}

// REQUIREs 429 rate_limited with a Retry-After of whole seconds, at most the 15 minutes' window.
void require_rate_limited(const httplib::Result& res) {
    require_error(res, 429, "rate_limited");
    const std::string retry = res->get_header_value("Retry-After");
    INFO("Retry-After: " << retry);
    REQUIRE_FALSE(retry.empty());
    CHECK(std::all_of(retry.begin(), retry.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }));
    const long seconds = std::atol(retry.c_str());
    CHECK(seconds >= 1);
    CHECK(seconds <= 15 * 60);
}

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

}  // namespace

// [SECTION] Signing in -------------------------------------------------------------------------

TEST_CASE("signing in answers a token, a CSRF token, the user and the absolute expiry, and sets the session cookie") {
    Desk desk;
    auto client = desk.client();
    const long long before = std::time(nullptr);
    auto res = sign_in(client, kAdminEmail, desk.admin_password);
    const long long after = std::time(nullptr);
    const json body = json_of(res);
    REQUIRE(res->status == 201);

    REQUIRE(body["token"].is_string());
    REQUIRE(body["csrf_token"].is_string());
    const std::string token = body["token"], csrf = body["csrf_token"];
    CHECK(token.size() >= 22);  // at least 128 bits, however encoded
    CHECK_FALSE(csrf.empty());
    CHECK(csrf != token);

    const json& user = body["user"];
    REQUIRE(user.is_object());
    CHECK(user["id"].is_number_integer());
    CHECK(user["email"] == kAdminEmail);
    CHECK(user["name"].is_string());
    CHECK(user["role"] == "admin");
    CHECK(user["organisation"].is_null());
    CHECK(user["groups"] == json::array());
    CHECK(user["active"] == true);
    for (auto it = user.begin(); it != user.end(); ++it) {
        const std::string key = it.key();
        CAPTURE(key);
        CHECK(lower(key).find("password") == std::string::npos);  // nothing of the secret leaks
        CHECK(lower(key).find("hash") == std::string::npos);
    }

    REQUIRE(body["expires_at"].is_string());
    const auto expires = parse_rfc3339(body["expires_at"]);
    INFO("expires_at " << body["expires_at"]);
    REQUIRE(expires);
    CHECK(*expires >= before + 604800 - 1);  // the default --session-max: 7 days
    CHECK(*expires <= after + 604800 + 1);

    const auto cookie = session_cookie(*res);
    INFO("Set-Cookie: " << res->get_header_value("Set-Cookie"));
    REQUIRE(cookie);
    CHECK(cookie->value == token);
    CHECK(cookie->attributes.count("path"));
    CHECK(cookie->attr("path") == "/");
    CHECK(cookie->attributes.count("httponly"));
    CHECK(lower(cookie->attr("samesite")) == "strict");
    CHECK(cookie->attr("max-age") == "604800");

    // The token works as a bearer token and as the cookie.
    auto me = call(client, "GET", "/api/v1/me", as_bearer(token));
    CHECK(json_of(me) == user);
    CHECK(me_status(client, as_cookie(token)) == 200);

    // Each sign-in is a session of its own.
    const Session second = sign_in_ok(client, kAdminEmail, desk.admin_password);
    CHECK(second.token != token);
    CHECK(second.csrf != csrf);
    CHECK(me_status(client, as_bearer(second.token)) == 200);
    CHECK(me_status(client, as_bearer(token)) == 200);

    // The email is matched however it is written.
    CHECK(status_of(sign_in(client, "  Admin@EXAMPLE.org ", desk.admin_password)) == 201);
}

TEST_CASE("an unknown email, a wrong password and an inactive user all answer 401 invalid_credentials alike") {
    Desk desk;
    auto client = desk.client();
    const Session admin = sign_in_ok(client, kAdminEmail, desk.admin_password);
    const json casey = create_user(client, admin.token,
                                   {{"email", "casey@example.org"}, {"name", "Casey Inactive"}, {"role", "requester"},
                                    {"password", "casey-password-1"}});
    REQUIRE(status_of(call(client, "PATCH", user_path(casey), as_bearer(admin.token), json{{"active", false}})) == 200);

    struct Attempt {
        const char* what;
        std::string email, password;
    };
    const std::vector<Attempt> attempts = {
        {"unknown email", "nobody@example.org", "some-password-1"},
        {"wrong password", kAdminEmail, "not-the-password"},
        {"inactive user, right password", "casey@example.org", "casey-password-1"},
        {"inactive user, wrong password", "casey@example.org", "not-the-password"},
    };
    std::optional<json> first;
    for (const Attempt& a : attempts) {
        CAPTURE(a.what);
        auto res = sign_in(client, a.email, a.password);
        const json error = require_error(res, 401, "invalid_credentials");
        CHECK_FALSE(session_cookie(*res));
        if (!first) {
            first = error;
            continue;
        }
        CHECK(error["message"] == (*first)["message"]);  // nothing tells which of them it was
        CHECK(error.size() == first->size());
    }

    // Same timing: an unknown email costs a hash as a wrong password does (medians of 3).
    const auto median_seconds = [&](const std::string& email) {
        std::vector<double> times;
        for (int i = 0; i < 3; ++i) {
            const auto start = Clock::now();
            CHECK(status_of(sign_in(client, email, "another-wrong-one-" + std::to_string(i))) == 401);
            times.push_back(seconds_since(start));
        }
        std::sort(times.begin(), times.end());
        return times[1];
    };
    const double unknown = median_seconds("someone-else@example.org");
    const double wrong = median_seconds(kAdminEmail);
    INFO("unknown email " << unknown * 1000 << " ms, wrong password " << wrong * 1000 << " ms");
    CHECK(unknown >= 0.3 * wrong);
    CHECK(wrong >= 0.3 * unknown);
}

TEST_CASE("a sign-in without an email and a password as strings answers 422 naming the field") {
    Desk desk;
    auto client = desk.client();
    struct Case {
        json body;
        const char* field;
    };
    for (const Case& c : {Case{json::object(), nullptr}, Case{{{"password", "some-password-1"}}, "email"},
                          Case{{{"email", kAdminEmail}}, "password"},
                          Case{{{"email", 42}, {"password", "some-password-1"}}, "email"},
                          Case{{{"email", nullptr}, {"password", "some-password-1"}}, "email"},
                          Case{{{"email", kAdminEmail}, {"password", 1234567890}}, "password"},
                          Case{{{"email", kAdminEmail}, {"password", json::array({"x"})}}, "password"}}) {
        CAPTURE(c.body.dump());
        const json error = require_error(post_json(client, "/api/v1/sessions", c.body), 422, "invalid_field");
        if (c.field) CHECK(error["field"] == c.field);
    }
    CHECK(status_of(sign_in(client, kAdminEmail, desk.admin_password)) == 201);
}

// [SECTION] Signing out and /me ----------------------------------------------------------------

TEST_CASE("signing out ends that session at once and clears the cookie; other sessions go on") {
    Desk desk;
    auto client = desk.client();
    const Session one = sign_in_ok(client, kAdminEmail, desk.admin_password);
    const Session two = sign_in_ok(client, kAdminEmail, desk.admin_password);

    require_error(call(client, "DELETE", "/api/v1/sessions/current"), 401, "unauthorized");

    auto res = call(client, "DELETE", "/api/v1/sessions/current", as_bearer(one.token));
    REQUIRE(status_of(res) == 204);
    const auto cleared = session_cookie(*res);
    INFO("Set-Cookie: " << res->get_header_value("Set-Cookie"));
    REQUIRE(cleared);
    CHECK(cleared->value.empty());
    CHECK(cleared->attr("max-age") == "0");
    CHECK(cleared->attr("path") == "/");

    require_error(call(client, "GET", "/api/v1/me", as_bearer(one.token)), 401, "unauthorized");
    CHECK(me_status(client, as_cookie(one.token)) == 401);
    require_error(call(client, "DELETE", "/api/v1/sessions/current", as_bearer(one.token)), 401, "unauthorized");
    CHECK(me_status(client, as_bearer(two.token)) == 200);

    // The portal signs out with the cookie and its CSRF token.
    CHECK(status_of(call(client, "DELETE", "/api/v1/sessions/current", as_cookie(two.token, two.csrf))) == 204);
    CHECK(me_status(client, as_cookie(two.token)) == 401);
    CHECK(me_status(client, as_bearer(two.token)) == 401);
}

TEST_CASE("/me answers the caller; no, an unknown or a mangled token answers 401; the desk token is not a person") {
    Desk desk;
    auto client = desk.client();
    const Session admin = sign_in_ok(client, kAdminEmail, desk.admin_password);

    auto res = call(client, "GET", "/api/v1/me", as_bearer(admin.token));
    REQUIRE(status_of(res) == 200);
    const json me = json_of(res);
    CHECK(me == admin.user);
    for (const char* key : {"id", "email", "name", "role", "organisation", "groups", "active"}) {
        CAPTURE(key);
        CHECK(me.contains(key));
    }

    require_error(call(client, "GET", "/api/v1/me"), 401, "unauthorized");
    require_error(call(client, "GET", "/api/v1/me", as_bearer("not-a-token")), 401, "unauthorized");
    require_error(call(client, "GET", "/api/v1/me", as_cookie("not-a-token")), 401, "unauthorized");
    require_error(call(client, "GET", "/api/v1/me", as_bearer(admin.token + "x")), 401, "unauthorized");
    require_error(call(client, "GET", "/api/v1/me", as_bearer(admin.token.substr(0, admin.token.size() - 1))), 401,
                  "unauthorized");
    require_error(call(client, "GET", "/api/v1/me", as_bearer(admin.csrf)), 401, "unauthorized");  // not a session
    require_error(client.Get("/api/v1/me", {{"Authorization", "Basic YWRtaW46YWRtaW4="}}), 401, "unauthorized");

    require_error(call(client, "GET", "/api/v1/me", as_bearer(kDeskToken)), 404, "not_found");
    require_error(call(client, "POST", "/api/v1/me/password", as_bearer(kDeskToken),
                       json{{"current", "whatever-it-is"}, {"new", "a-new-password-1"}}),
                  404, "not_found");
}

// [SECTION] Changing one's password ------------------------------------------------------------

TEST_CASE("changing one's password needs the current one, and ends one's other sessions, not this one") {
    Desk desk;
    auto client = desk.client();
    const Session admin = sign_in_ok(client, kAdminEmail, desk.admin_password);
    create_user(client, admin.token,
                {{"email", "pat@example.org"}, {"name", "Pat Agent"}, {"role", "agent"}, {"password", "pat-password-1"}});
    const Session here = sign_in_ok(client, "pat@example.org", "pat-password-1");
    const Session elsewhere = sign_in_ok(client, "pat@example.org", "pat-password-1");
    const auto change = [&](const json& body) {
        return call(client, "POST", "/api/v1/me/password", as_bearer(here.token), body);
    };

    require_error(change({{"current", "not-my-password"}, {"new", "pat-password-2"}}), 403, "wrong_password");
    CHECK(me_status(client, as_bearer(elsewhere.token)) == 200);  // nothing changed

    struct Case {
        json body;
        const char* field;
    };
    for (const Case& c : {Case{{{"current", "pat-password-1"}, {"new", "nine-char"}}, "new"},
                          Case{{{"current", "pat-password-1"}, {"new", std::string(1025, 'p')}}, "new"},
                          Case{{{"current", "pat-password-1"}}, "new"},
                          Case{{{"current", "pat-password-1"}, {"new", 1234567890123}}, "new"},
                          Case{{{"new", "pat-password-2"}}, "current"},
                          Case{{{"current", 42}, {"new", "pat-password-2"}}, "current"}}) {
        CAPTURE(c.body.dump().substr(0, 100));
        const json error = require_error(change(c.body), 422, "invalid_field");
        CHECK(error["field"] == c.field);
    }
    CHECK(me_status(client, as_bearer(elsewhere.token)) == 200);

    CHECK(status_of(change({{"current", "pat-password-1"}, {"new", "pat-password-2"}})) == 204);
    CHECK(me_status(client, as_bearer(here.token)) == 200);
    require_error(call(client, "GET", "/api/v1/me", as_bearer(elsewhere.token)), 401, "unauthorized");
    CHECK(me_status(client, as_bearer(admin.token)) == 200);  // someone else's sessions go on

    require_error(sign_in(client, "pat@example.org", "pat-password-1"), 401, "invalid_credentials");
    const Session again = sign_in_ok(client, "pat@example.org", "pat-password-2");

    // The bounds: 10 and 1024 characters are fine.
    CHECK(status_of(change({{"current", "pat-password-2"}, {"new", "ten-chars!"}})) == 204);
    CHECK(status_of(change({{"current", "ten-chars!"}, {"new", std::string(1024, 'q')}})) == 204);
    CHECK(me_status(client, as_bearer(again.token)) == 401);
    sign_in_ok(client, "pat@example.org", std::string(1024, 'q'));

    require_error(call(client, "POST", "/api/v1/me/password", {}, json{{"current", "x"}, {"new", "pat-password-3"}}),
                  401, "unauthorized");
}

// [SECTION] Expiry -----------------------------------------------------------------------------

// Timestamps are whole seconds, so the checks keep a second of margin either way: a session used
// every 0.5 s with --session-idle 2 lives on; one left alone 3.2 s is over; with --session-max 3
// a session used all along works 1.5 s after sign-in and no longer 4.5 s after.
TEST_CASE("a session ends after --session-idle without use, and --session-max after sign-in whatever the use") {
    Desk idle_desk({"--session-idle", "2"});
    Desk max_desk({"--session-idle", "2", "--session-max", "3"});
    auto idle_client = idle_desk.client();
    auto max_client = max_desk.client();

    // Signing in is slow on purpose (up to a second on a busy machine): the session whose idle
    // time is measured from the start of the ticks is signed in last, just before them.
    const Session left_alone = sign_in_ok(idle_client, kAdminEmail, idle_desk.admin_password);

    const long long before = std::time(nullptr);
    auto res = sign_in(max_client, kAdminEmail, max_desk.admin_password);
    const long long after = std::time(nullptr);
    REQUIRE(status_of(res) == 201);
    const json body = json_of(res);
    const std::string bounded = body["token"];
    const auto cookie = session_cookie(*res);
    REQUIRE(cookie);
    CHECK(cookie->attr("max-age") == "3");
    const auto expires = parse_rfc3339(body["expires_at"].get<std::string>());
    REQUIRE(expires);
    CHECK(*expires >= before + 3 - 1);
    CHECK(*expires <= after + 3 + 1);
    const Session used = sign_in_ok(idle_client, kAdminEmail, idle_desk.admin_password);

    const auto start = Clock::now();
    bool bounded_ended = false;
    std::string log;  // what the bounded session answered when, shown on a failure
    for (int tick = 0; tick <= 12; ++tick) {
        std::this_thread::sleep_until(start + tick * 500ms);
        const double t = seconds_since(start);
        CAPTURE(t);
        if (tick <= 5) CHECK_MESSAGE(me_status(idle_client, as_bearer(used.token)) == 200, "a session in use ended");
        if (tick == 7) CHECK_MESSAGE(me_status(idle_client, as_bearer(left_alone.token)) == 401,
                                     "a session unused for 3.5 s lived on with --session-idle 2");
        if (tick == 12) CHECK_MESSAGE(me_status(idle_client, as_bearer(used.token)) == 401,
                                      "a session unused for 3.5 s lived on with --session-idle 2");
        if (tick <= 9) {
            const int status = me_status(max_client, as_bearer(bounded));
            log += std::to_string(t).substr(0, 4) + "s:" + std::to_string(status) + " ";
            INFO("the bounded session answered " << log);
            CHECK((status == 200 || status == 401));
            if (tick <= 3) CHECK(status == 200);
            if (bounded_ended) CHECK_MESSAGE(status == 401, "an ended session came back");
            if (tick == 9) CHECK_MESSAGE(status == 401, "a session used all along lived past --session-max 3");
            if (status == 401) bounded_ended = true;
        }
    }
}

// [SECTION] CSRF -------------------------------------------------------------------------------

TEST_CASE("a cookie-authenticated POST, PATCH or DELETE needs the session's X-CSRF-Token; a bearer token needs none") {
    Desk desk;
    auto client = desk.client();
    const Session admin = sign_in_ok(client, kAdminEmail, desk.admin_password);
    const Session other = sign_in_ok(client, kAdminEmail, desk.admin_password);

    // Reading with the cookie needs no CSRF token.
    CHECK(me_status(client, as_cookie(admin.token)) == 200);
    CHECK(status_of(call(client, "GET", "/api/v1/organisations", as_cookie(admin.token))) == 200);

    // POST
    const std::vector<std::pair<const char*, std::optional<std::string>>> wrong = {
        {"no X-CSRF-Token", std::nullopt},
        {"an empty one", std::string()},
        {"a made-up one", std::string("not-the-csrf-token")},
        {"another session's", other.csrf},
        {"the session token itself", admin.token},
    };
    for (const auto& [what_, csrf_] : wrong) {
        const char* what = what_;
        const std::optional<std::string> csrf = csrf_;
        CAPTURE(what);
        require_error(call(client, "POST", "/api/v1/organisations", as_cookie(admin.token, csrf),
                           json{{"name", std::string("Refused ") + what}}),
                      403, "csrf");
    }
    auto res = call(client, "POST", "/api/v1/organisations", as_cookie(admin.token, admin.csrf), json{{"name", "By Cookie"}});
    REQUIRE(status_of(res) == 201);
    const json org = json_of(res);
    CHECK(status_of(call(client, "POST", "/api/v1/organisations", as_bearer(admin.token), json{{"name", "By Bearer"}})) ==
          201);
    const json listed = json_of(call(client, "GET", "/api/v1/organisations", as_bearer(admin.token)));
    std::vector<std::string> names;
    for (const json& o : listed["items"]) names.push_back(o["name"]);
    CHECK(names == std::vector<std::string>{"By Bearer", "By Cookie"});  // nothing refused was made

    // PATCH
    const std::string org_path = "/api/v1/organisations/" + std::to_string(org["id"].get<long long>());
    for (const auto& [what_, csrf_] : wrong) {
        const char* what = what_;
        const std::optional<std::string> csrf = csrf_;
        CAPTURE(what);
        require_error(call(client, "PATCH", org_path, as_cookie(admin.token, csrf), json{{"name", "Renamed Refused"}}),
                      403, "csrf");
    }
    CHECK(json_of(call(client, "GET", org_path, as_bearer(admin.token)))["name"] == "By Cookie");
    res = call(client, "PATCH", org_path, as_cookie(admin.token, admin.csrf), json{{"name", "Renamed By Cookie"}});
    CHECK(status_of(res) == 200);
    CHECK(status_of(call(client, "PATCH", org_path, as_bearer(admin.token), json{{"name", "Renamed By Bearer"}})) == 200);

    // POST /me/password: refused, so the other session (which a change would end) goes on.
    require_error(call(client, "POST", "/api/v1/me/password", as_cookie(admin.token),
                       json{{"current", desk.admin_password}, {"new", "a-new-admin-password"}}),
                  403, "csrf");
    CHECK(me_status(client, as_bearer(other.token)) == 200);

    // DELETE: refused, the session goes on; with the right token it ends.
    for (const auto& [what_, csrf_] : wrong) {
        const char* what = what_;
        const std::optional<std::string> csrf = csrf_;
        CAPTURE(what);
        require_error(call(client, "DELETE", "/api/v1/sessions/current", as_cookie(admin.token, csrf)), 403, "csrf");
    }
    CHECK(me_status(client, as_bearer(admin.token)) == 200);
    CHECK(status_of(call(client, "DELETE", "/api/v1/sessions/current", as_cookie(admin.token, admin.csrf))) == 204);
    CHECK(me_status(client, as_bearer(admin.token)) == 401);
    CHECK(status_of(call(client, "DELETE", "/api/v1/sessions/current", as_bearer(other.token))) == 204);
}

// [SECTION] Rate limits ------------------------------------------------------------------------

TEST_CASE("more than 5 failed sign-ins to one account answer 429 with Retry-After, even for the right password") {
    Desk desk;
    auto client = desk.client();
    const Session admin = sign_in_ok(client, kAdminEmail, desk.admin_password);
    create_user(client, admin.token,
                {{"email", "bo@example.org"}, {"name", "Bo"}, {"role", "requester"}, {"password", "bo-password-12"}});

    for (int i = 1; i <= 5; ++i) {
        CAPTURE(i);
        require_error(sign_in(client, "bo@example.org", "wrong-password-" + std::to_string(i)), 401,
                      "invalid_credentials");
    }
    require_rate_limited(sign_in(client, "bo@example.org", "wrong-password-6"));
    require_rate_limited(sign_in(client, "bo@example.org", "bo-password-12"));
    require_rate_limited(sign_in(client, "BO@Example.org", "bo-password-12"));  // however the email is written

    // Another account is not affected.
    CHECK(status_of(sign_in(client, kAdminEmail, desk.admin_password)) == 201);

    // An unknown email is limited alike, so a 429 tells nothing about which emails have accounts.
    for (int i = 1; i <= 5; ++i) {
        CAPTURE(i);
        require_error(sign_in(client, "ghost@example.org", "wrong-password-" + std::to_string(i)), 401,
                      "invalid_credentials");
    }
    require_rate_limited(sign_in(client, "ghost@example.org", "wrong-password-6"));
}

TEST_CASE("more than 30 failed sign-ins from one client address answer 429; another address is not affected") {
    Desk desk;
    auto here = desk.client();
    httplib::Client there("127.0.0.1", desk.server->process().port());
    there.set_interface("127.0.0.2");  // the client end bound to another loopback address
    there.set_connection_timeout(2s);
    there.set_read_timeout(10s);
    {
        auto health = there.Get("/healthz");
        REQUIRE_MESSAGE(health, "cannot connect from 127.0.0.2: " << httplib::to_string(health.error()));
        REQUIRE(health->status == 200);
    }

    // Each email fails once, so no account is limited: only the address counts. Two clients at a
    // time (the hashing takes a while), all from 127.0.0.1; the checks wait for both.
    std::vector<std::pair<int, std::string>> answers(30);
    const auto fail_from_here = [&](int first) {
        auto c = desk.client();
        for (int i = first; i < 30; i += 2) {
            auto res = sign_in(c, "stranger-" + std::to_string(i + 1) + "@example.org", "wrong-password");
            answers[static_cast<std::size_t>(i)] = {status_of(res), res ? res->body : ""};
        }
    };
    std::thread other_half(fail_from_here, 1);
    fail_from_here(0);
    other_half.join();
    for (std::size_t i = 0; i < answers.size(); ++i) {
        CAPTURE(i + 1);
        CAPTURE(answers[i].second);
        CHECK(answers[i].first == 401);
    }
    require_rate_limited(sign_in(here, "stranger-31@example.org", "wrong-password"));
    require_rate_limited(sign_in(here, kAdminEmail, desk.admin_password));

    CHECK(status_of(sign_in(there, kAdminEmail, desk.admin_password)) == 201);
    require_error(sign_in(there, "stranger-32@example.org", "wrong-password"), 401, "invalid_credentials");
}

// [SECTION] --create-admin ---------------------------------------------------------------------

TEST_CASE("--create-admin prints a one-time password that signs in; run again it resets the password") {
    TempFolder folder;
    const auto db = folder.path() / "spoc.db";

    const CommandOutput invalid = run_spoc_server({"--data", db.string(), "--create-admin", "not-an-email"});
    INFO("stdout:\n" << invalid.out << "\nstderr:\n" << invalid.err);
    CHECK(invalid.exit_code == 1);
    CHECK(invalid.out.find("Password for") == std::string::npos);

    const std::string first = create_admin(db, "root@example.org");
    ServerOptions options;
    options.data = db;
    SpocServer server(options);
    auto client = server.client();
    const Session root = sign_in_ok(client, "root@example.org", first);
    CHECK(root.user["role"] == "admin");
    CHECK(root.user["email"] == "root@example.org");
    CHECK(root.user["active"] == true);

    // Again, while the server runs (an admin who lost the password): a new password, the old one fails.
    const std::string second = create_admin(db, "root@example.org");
    CHECK(second != first);
    require_error(sign_in(client, "root@example.org", first), 401, "invalid_credentials");
    const Session again = sign_in_ok(client, "root@example.org", second);
    CHECK(again.user["id"] == root.user["id"]);  // the same account, not a second one
}
