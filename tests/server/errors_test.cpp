// Covers the error answers of DESIGN.md: 400 malformed, 422 invalid fields with field and
// details, 413 too large, 415 not JSON, 404 unknown ids and paths, always JSON, never HTML.
#include <doctest/doctest.h>

#include "api_helpers.h"
#include "server_process.h"

using namespace spoc_test;

namespace {

httplib::Result post_text(httplib::Client& client, const std::string& path, const std::string& body,
                          const std::string& type = "application/json", const std::string& token = "") {
    return client.Post(path.c_str(), bearer(token), body, type.c_str());
}

// The field errors of a 422, as field -> code.
std::map<std::string, std::string> details_of(const json& error) {
    std::map<std::string, std::string> out;
    REQUIRE(error.contains("details"));
    REQUIRE(error["details"].is_array());
    for (const json& d : error["details"]) {
        CHECK(d["message"].is_string());
        out[d["field"].get<std::string>()] = d["code"].get<std::string>();
    }
    return out;
}

long long count_requests(httplib::Client& client) {
    return static_cast<long long>(json_of(get(client, "/api/v1/requests?limit=200", kDeskToken))["items"].size());
}

}  // namespace

TEST_CASE("malformed JSON answers 400") {
    SpocServer server;
    auto client = server.client();
    for (const char* body : {"{", "{\"subject\": }", "not json", "", "{\"a\":1}{", "{'subject': 'single quotes'}",
                             "{\"subject\": \"x\",}"}) {
        CAPTURE(body);
        require_error(post_text(client, "/api/v1/requests", body), 400, "malformed_json");
    }
    const json filed = file_request(client);
    require_error(post_text(client, request_path(filed, "/comments"), "{\"body\":", "application/json", kDeskToken),
                  400, "malformed_json");
    require_error(post_text(client, request_path(filed, "/transitions"), "[", "application/json", kDeskToken), 400,
                  "malformed_json");
    // A NUL byte ends nlohmann's input: what follows it must not slip through unread.
    const std::string after_nul = new_request_body().dump() + std::string(1, '\0') + "{{{ anything";
    require_error(post_text(client, "/api/v1/requests", after_nul), 400, "malformed_json");
    CHECK(count_requests(client) == 1);
}

TEST_CASE("JSON that is not an object answers 400") {
    SpocServer server;
    auto client = server.client();
    for (const char* body : {"[]", "[{\"subject\": \"Printer\"}]", "\"a request\"", "42", "null", "true"}) {
        CAPTURE(body);
        require_error(post_text(client, "/api/v1/requests", body), 400);
    }
    const json filed = file_request(client);
    require_error(post_text(client, request_path(filed, "/comments"), "[\"hi\"]", "application/json", kDeskToken), 400);
    require_error(post_text(client, request_path(filed, "/transitions"), "[\"closed\"]", "application/json", kDeskToken),
                  400);
}

TEST_CASE("members of the wrong JSON type answer 422 naming the field") {
    SpocServer server;
    auto client = server.client();
    struct Case {
        json changes;
        const char* field;
    };
    for (const Case& c : {Case{{{"subject", 42}}, "subject"}, Case{{{"requester", "Ada <ada@example.org>"}}, "requester"},
                          Case{{{"requester", {{"name", "Ada"}, {"email", true}}}}, "requester.email"},
                          Case{{{"impact", 1}}, "impact"}, Case{{{"type", {{"id", "question"}}}}, "type"},
                          Case{{{"fields", json::array()}}, "fields"}, Case{{{"description", json::array({"a"})}}, "description"}}) {
        CAPTURE(c.changes.dump());
        const json error = require_error(post_json(client, "/api/v1/requests", new_request_body(c.changes)), 422,
                                         "invalid_field");
        CHECK(error["field"] == c.field);
        CHECK(details_of(error).count(c.field) == 1);
    }
    CHECK(count_requests(client) == 0);
}

TEST_CASE("invalid fields answer 422 with error.field and error.details") {
    SpocServer server;
    auto client = server.client();

    SUBCASE("a subject that is too short") {
        const json error =
            require_error(post_json(client, "/api/v1/requests", new_request_body({{"subject", "ab"}})), 422, "invalid_field");
        CHECK(error["field"] == "subject");
        CHECK(details_of(error) == std::map<std::string, std::string>{{"subject", "error.length"}});
    }
    SUBCASE("a subject that is only blanks") {
        const json error = require_error(post_json(client, "/api/v1/requests", new_request_body({{"subject", "     "}})), 422);
        CHECK(error["field"] == "subject");
    }
    SUBCASE("a subject over 200 characters") {
        const json error = require_error(
            post_json(client, "/api/v1/requests", new_request_body({{"subject", std::string(201, 's')}})), 422);
        CHECK(error["field"] == "subject");
    }
    SUBCASE("a bad email") {
        const json error = require_error(
            post_json(client, "/api/v1/requests", new_request_body({{"requester", {{"email", "ada.example.org"}}}})), 422);
        CHECK(error["field"] == "requester.email");
        CHECK(details_of(error) == std::map<std::string, std::string>{{"requester.email", "error.email"}});
    }
    SUBCASE("an unknown type") {
        const json error =
            require_error(post_json(client, "/api/v1/requests", new_request_body({{"type", "coffee_machine"}})), 422);
        CHECK(error["field"] == "type");
        CHECK(details_of(error) == std::map<std::string, std::string>{{"type", "error.unknown_type"}});
    }
    SUBCASE("an unknown impact") {
        const json error = require_error(post_json(client, "/api/v1/requests", new_request_body({{"impact", "huge"}})), 422);
        CHECK(error["field"] == "impact");
    }
    SUBCASE("a missing required form field of the type") {
        const json error = require_error(
            post_json(client, "/api/v1/requests", new_request_body({{"type", "broken_hardware"}})), 422);
        CHECK(error["field"] == "fields.device");
    }
    SUBCASE("a choice the form field does not offer") {
        const json error = require_error(
            post_json(client, "/api/v1/requests",
                      new_request_body({{"type", "broken_hardware"}, {"fields", {{"device", "toaster"}}}})),
            422);
        CHECK(error["field"] == "fields.device");
    }
    SUBCASE("an empty object lists every missing field") {
        const json error = require_error(post_json(client, "/api/v1/requests", json::object()), 422);
        const auto details = details_of(error);
        for (const char* field : {"type", "subject", "impact", "urgency", "requester.name", "requester.email"}) {
            CAPTURE(field);
            CHECK(details.count(field) == 1);
        }
        CHECK(error["field"] == error["details"][0]["field"]);
    }
    SUBCASE("messages follow the language") {
        auto res = client.Post("/api/v1/requests", {{"Accept-Language", "de"}},
                               new_request_body({{"requester", {{"email", "nope"}}}}).dump(), "application/json");
        const json error = require_error(res, 422);
        CHECK(error["details"][0]["message"].get<std::string>().find("E-Mail") != std::string::npos);
    }
    CHECK(count_requests(client) == 0);
}

TEST_CASE("a body over 1 MiB answers 413") {
    SpocServer server;
    auto client = server.client();
    const std::string huge = new_request_body({{"description", std::string((1 << 20) + 10, 'x')}}).dump();
    require_error(post_text(client, "/api/v1/requests", huge), 413, "too_large");
    const json filed = file_request(client);
    require_error(post_text(client, request_path(filed, "/comments"), json{{"body", std::string(1 << 20, 'y')}}.dump(),
                            "application/json", kDeskToken),
                  413);
    CHECK(count_requests(client) == 1);
    SUBCASE("while a body just under 1 MiB is read (and then judged by its fields)") {
        const json body = new_request_body({{"description", std::string((1 << 20) - 1000, 'x')}});
        const json error = require_error(post_json(client, "/api/v1/requests", body), 422);
        CHECK(error["field"] == "description");
    }
}

TEST_CASE("a chunked body, whose size is unknown until read, answers 411 and files nothing") {
    SpocServer server;
    auto client = server.client();
    const std::string body = new_request_body({{"description", std::string(3 << 20, 'x')}}).dump();
    auto res = client.Post(
        "/api/v1/requests",
        [&body](std::size_t offset, httplib::DataSink& sink) {
            const std::size_t n = std::min<std::size_t>(64 << 10, body.size() - offset);
            sink.write(body.data() + offset, n);
            if (offset + n == body.size()) sink.done();
            return true;
        },
        "application/json");
    if (res) require_error(res, 411, "length_required");  // or the server hung up mid-body
    CHECK(count_requests(client) == 0);
}

TEST_CASE("a method a path does not have answers 405 as JSON, with the methods it has") {
    SpocServer server;
    auto client = server.client();
    const json filed = file_request(client);
    for (const auto& [path, allowed] : std::initializer_list<std::pair<std::string, std::string>>{
             {"/healthz", "GET, HEAD"},
             {"/api/v1/requests", "GET, HEAD, POST"},
             {request_path(filed), "GET, HEAD, PATCH"},
             {request_path(filed, "/comments"), "POST"},
             {request_path(filed, "/escalations"), "POST"},
             {"/api/v1/users", "GET, HEAD, POST"}}) {
        CAPTURE(path);
        require_error(client.Put(path.c_str(), "{}", "application/json"), 405, "method_not_allowed");
        auto deleted = client.Delete(path.c_str());
        require_error(deleted, 405, "method_not_allowed");
        CHECK(deleted->get_header_value("Allow") == allowed);
        if (std::string(allowed).find("PATCH") == std::string::npos)
            require_error(client.Patch(path.c_str(), "{}", "application/json"), 405, "method_not_allowed");
    }
    auto routing = client.Delete("/api/v1/routing");
    require_error(routing, 405, "method_not_allowed");
    CHECK(routing->get_header_value("Allow") == "GET, HEAD, PUT");
    auto get_current = client.Get("/api/v1/sessions/current");
    require_error(get_current, 405, "method_not_allowed");
    CHECK(get_current->get_header_value("Allow") == "DELETE");
    CHECK(count_requests(client) == 1);
}

TEST_CASE("a content type other than JSON answers 415") {
    SpocServer server;
    auto client = server.client();
    const std::string body = new_request_body().dump();
    for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "text/html", "application/xml",
                             "application/jsonp", "application/octet-stream", "text/plain; format=application/json"}) {
        CAPTURE(type);
        require_error(post_text(client, "/api/v1/requests", body, type), 415, "unsupported_media_type");
    }
    SUBCASE("a form upload") {
        const httplib::MultipartFormDataItems form = {{"subject", "Printer", "", ""}, {"type", "question", "", ""}};
        require_error(client.Post("/api/v1/requests", form), 415, "unsupported_media_type");
    }
    SUBCASE("JSON with a charset, in capitals, or as a +json type is fine") {
        for (const char* type : {"application/json; charset=utf-8", "Application/JSON", "application/json;charset=UTF-8",
                                 "application/merge-patch+json"}) {
            CAPTURE(type);
            auto res = post_text(client, "/api/v1/requests", body, type);
            REQUIRE(res);
            CHECK(res->status == 201);
        }
    }
    SUBCASE("comments and transitions too") {
        const json filed = file_request(client);
        require_error(post_text(client, request_path(filed, "/comments"), "{\"body\":\"hi\"}", "text/plain", kDeskToken),
                      415);
        require_error(
            post_text(client, request_path(filed, "/transitions"), "{\"to\":\"assigned\"}", "text/plain", kDeskToken),
            415);
    }
}

TEST_CASE("an unknown path answers 404 as JSON") {
    SpocServer server;
    auto client = server.client();
    for (const char* path : {"/nothing", "/api/v1/", "/api/v2/requests", "/api/v1/requests/1/attachments",
                             "/api/v1/catalog/extra", "/index.html"}) {
        CAPTURE(path);
        require_error(get(client, path, kDeskToken), 404, "not_found");
    }
    require_error(post_json(client, "/api/v1/nothing", json::object()), 404);
    require_error(client.Delete("/nothing"), 404);
    require_error(client.Put("/api/v1/nothing", "{}", "application/json"), 404);
}

TEST_CASE("every error answer is JSON with a code and a message, never HTML") {
    SpocServer server;
    auto client = server.client();
    const json filed = file_request(client);
    // each status the API uses, in one place
    require_error(post_text(client, "/api/v1/requests", "{"), 400);
    require_error(get(client, "/api/v1/requests"), 401);
    require_error(post_json(client, request_path(filed, "/transitions"), {{"to", "assigned"}}, filed["follow_token"]),
                  403);
    require_error(get(client, "/missing"), 404);
    require_error(post_json(client, request_path(filed, "/transitions"), {{"to", "closed"}}, kDeskToken), 409);
    require_error(post_text(client, "/api/v1/requests", std::string((1 << 20) + 1, ' ')), 413);
    require_error(post_text(client, "/api/v1/requests", "{}", "text/plain"), 415);
    require_error(post_json(client, "/api/v1/requests", json::object()), 422);
    SUBCASE("even when the client asks for HTML") {
        auto res = client.Get("/missing", {{"Accept", "text/html"}});
        require_error(res, 404);
    }
}
