// JSON requests, error-format checks and the after-attack check shared by the server tests.
#include "api_helpers.h"

#include <doctest/doctest.h>

#include <cctype>

#include "server_process.h"

namespace spoc_test {

httplib::Headers bearer(const std::string& token) {
    if (token.empty()) return {};
    return {{"Authorization", "Bearer " + token}};
}

json new_request_body(const json& changes) {
    json body = {{"type", "question"},
                 {"subject", "How do I share my calendar?"},
                 {"description", "I want my team to see when I am free."},
                 {"impact", "low"},
                 {"urgency", "medium"},
                 {"requester", {{"name", "Ada Example"}, {"email", "ada@example.org"}}}};
    body.merge_patch(changes);
    return body;
}

httplib::Result post_json(httplib::Client& client, const std::string& path, const json& body,
                          const std::string& token) {
    return client.Post(path.c_str(), bearer(token), body.dump(), "application/json");
}

httplib::Result get(httplib::Client& client, const std::string& path, const std::string& token) {
    return client.Get(path.c_str(), bearer(token));
}

int status_of(const httplib::Result& res) { return res ? res->status : -1; }

std::string error_code(const httplib::Result& res) {
    if (!res) return "";
    const json body = json::parse(res->body, nullptr, false);
    if (body.is_object() && body.contains("error") && body["error"].is_object() && body["error"]["code"].is_string())
        return body["error"]["code"];
    return "";
}

json file_request(httplib::Client& client, const json& changes) {
    auto res = post_json(client, "/api/v1/requests", new_request_body(changes));
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 201);
    return json_of(res);
}

json json_of(const httplib::Result& res) {
    REQUIRE_MESSAGE(res, "no answer: " << httplib::to_string(res.error()));
    INFO(res->status << " " << res->body.substr(0, 500));
    CHECK(res->get_header_value("Content-Type").rfind("application/json", 0) == 0);
    json body = json::parse(res->body, nullptr, false);
    REQUIRE_FALSE(body.is_discarded());
    return body;
}

json require_error(const httplib::Result& res, int status, const std::string& code) {
    REQUIRE_MESSAGE(res, "no answer: " << httplib::to_string(res.error()));
    INFO(res->status << " " << res->body.substr(0, 500));
    REQUIRE(res->status == status);
    CHECK(res->get_header_value("Content-Type") == "application/json");
    std::string lower = res->body;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(lower.find("<html") == std::string::npos);  // never an HTML page
    CHECK(lower.find("<!doctype") == std::string::npos);
    const json body = json_of(res);
    REQUIRE(body.is_object());
    REQUIRE(body.contains("error"));
    const json& error = body["error"];
    REQUIRE(error.is_object());
    REQUIRE(error.contains("code"));
    REQUIRE(error["code"].is_string());
    REQUIRE(error.contains("message"));
    CHECK(error["message"].is_string());
    CHECK_FALSE(error["message"].get<std::string>().empty());
    if (!code.empty()) CHECK(error["code"] == code);
    return error;
}

std::string request_path(const json& request, const std::string& suffix) {
    return "/api/v1/requests/" + std::to_string(request.at("id").get<long long>()) + suffix;
}

void check_still_serving(SpocServer& server) {
    auto client = server.client();
    auto res = client.Get("/healthz");
    REQUIRE_MESSAGE(res, "the server stopped answering");
    CHECK(res->status == 200);
    CHECK(file_request(client)["state"] == "new");
    CHECK(server.process().error_output().find("error:") == std::string::npos);
}

}  // namespace spoc_test
