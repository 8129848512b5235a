// Covers hostile input: text that is not UTF-8, deeply nested JSON, huge headers, long
// addresses and garbage bytes on a raw socket. The server answers or hangs up, and lives on.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "api_helpers.h"
#include "server_process.h"

using namespace spoc_test;

namespace {

// Sends bytes on a fresh connection, half-closes it and returns whatever comes back
// until the server closes (or 5 seconds pass).
std::string raw_exchange(int port, const std::string& bytes) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        close(fd);
        FAIL("cannot connect to the server");
    }
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;  // the server may hang up before reading everything
        sent += static_cast<std::size_t>(n);
    }
    shutdown(fd, SHUT_WR);
    std::string answer;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0) continue;
        char buf[4096];
        const ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        answer.append(buf, static_cast<std::size_t>(n));
    }
    close(fd);
    return answer;
}

// Any HTTP answer on a raw socket carries the JSON error, not an HTML page.
void check_answers_are_json(const std::string& answer) {
    CAPTURE(answer.substr(0, 300));
    if (answer.empty()) return;  // hanging up is allowed for input that is not HTTP
    CHECK(answer.rfind("HTTP/1.1 4", 0) == 0);
    CHECK(answer.find("Content-Type: application/json") != std::string::npos);
    CHECK(answer.find("<html") == std::string::npos);
}

}  // namespace

TEST_CASE("a subject that is not UTF-8 answers 422 for the subject, not a crash") {
    SpocServer server;
    auto client = server.client();
    const std::string base = new_request_body({{"subject", "SUBJECT"}}).dump();
    for (const std::string bad : {std::string("ab\xff\xfe cd"), std::string("caf\xc3"), std::string("\xc0\xaf over long"),
                                  std::string("\xed\xa0\x80 surrogate"), std::string("\\ud800 lone escape")}) {
        CAPTURE(bad);
        std::string body = base;
        body.replace(body.find("SUBJECT"), 7, bad);
        auto res = client.Post("/api/v1/requests", body, "application/json");
        const json error = require_error(res, 422, "invalid_field");
        CHECK(error["field"] == "subject");
        REQUIRE(error["details"].is_array());
        CHECK(error["details"][0]["code"] == "error.utf8");
    }
    SUBCASE("in the requester's name") {
        std::string body = new_request_body({{"requester", {{"name", "NAME"}}}}).dump();
        body.replace(body.find("NAME"), 4, "Ad\x80");
        const json error = require_error(client.Post("/api/v1/requests", body, "application/json"), 422);
        CHECK(error["field"] == "requester.name");
    }
    SUBCASE("in a comment") {
        const json filed = file_request(client);
        const json error = require_error(
            client.Post(request_path(filed, "/comments").c_str(), bearer(kDeskToken), "{\"body\":\"x\xff\"}", "application/json"),
            422);
        CHECK(error["field"] == "body");
    }
    check_still_serving(server);
}

TEST_CASE("text in any script is stored as sent, and control characters other than tabs and line breaks are refused") {
    SpocServer server;
    auto client = server.client();
    const std::string subject = "Drucker im 2. Stock – 故障 🖨️ \"quoted\" \\ back\tslash";
    const json filed = file_request(client, {{"subject", subject}, {"description", "two\r\nlines"}});
    CHECK(filed["subject"] == subject);
    const json read = json_of(get(client, request_path(filed), filed["follow_token"]));
    CHECK(read["subject"] == subject);
    CHECK(read["description"] == "two\r\nlines");
    for (const std::string& text : {std::string("nul\0inside", 10), std::string("escape \x1b[2J"), std::string("del\x7f")}) {
        const json error = require_error(post_json(client, "/api/v1/requests", new_request_body({{"description", text}})), 422);
        CHECK(error["field"] == "description");
        CHECK(error["details"][0]["code"] == "error.control");
    }
}

TEST_CASE("deeply nested JSON answers 400 or 413 and the server keeps answering") {
    SpocServer server;
    auto client = server.client();
    const std::string open(100000, '[');
    const std::string close(100000, ']');
    for (const std::string& body : {open, open + close, "{\"subject\":" + open + close + "}",
                                    "{\"fields\":{\"a\":" + std::string(100000, '{') + "}}",
                                    "{\"requester\":" + std::string(300000, '[') + "}"}) {
        CAPTURE(body.size());
        auto res = client.Post("/api/v1/requests", body, "application/json");
        REQUIRE(res);
        CHECK((res->status == 400 || res->status == 413 || res->status == 422));
        require_error(res, res->status);
    }
    const json filed = file_request(client);
    auto res = client.Post(request_path(filed, "/comments").c_str(), bearer(kDeskToken), "{\"body\":" + open + close + "}",
                           "application/json");
    REQUIRE(res);
    CHECK((res->status == 400 || res->status == 422));
    check_still_serving(server);
}

TEST_CASE("a huge header does not take the server down") {
    SpocServer server;
    const int port = server.process().port();
    SUBCASE("one header of 100 KiB") {
        check_answers_are_json(
            raw_exchange(port, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(100 * 1024, 'a') + "\r\n\r\n"));
    }
    SUBCASE("ten thousand headers") {
        std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
        for (int i = 0; i < 10000; ++i) request += "X-H" + std::to_string(i) + ": v\r\n";
        check_answers_are_json(raw_exchange(port, request + "\r\n"));
    }
    SUBCASE("an address of 64 KiB") {
        check_answers_are_json(raw_exchange(port, "GET /" + std::string(64 * 1024, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    }
    SUBCASE("through httplib, a 20 KiB Authorization header") {
        auto client = server.client();
        auto res = client.Get("/api/v1/requests", {{"Authorization", "Bearer " + std::string(20 * 1024, 't')}});
        if (res) require_error(res, res->status);  // an answer, if any, is the JSON error
    }
    check_still_serving(server);
}

TEST_CASE("garbage bytes on a raw socket do not take the server down") {
    SpocServer server;
    const int port = server.process().port();
    std::string all_bytes;
    for (int i = 0; i < 256; ++i) all_bytes += static_cast<char>(i);
    SUBCASE("every byte value") { check_answers_are_json(raw_exchange(port, all_bytes + all_bytes + all_bytes)); }
    SUBCASE("a request line without a version") { check_answers_are_json(raw_exchange(port, "GET /healthz\r\n\r\n")); }
    SUBCASE("a negative content length") {
        check_answers_are_json(raw_exchange(
            port, "POST /api/v1/requests HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: -5\r\n\r\n{}"));
    }
    SUBCASE("a content length far beyond 1 MiB without the body") {
        const std::string answer = raw_exchange(
            port,
            "POST /api/v1/requests HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\n\r\n{}");
        check_answers_are_json(answer);
    }
    SUBCASE("broken chunked encoding") {
        check_answers_are_json(raw_exchange(port,
                                            "POST /api/v1/requests HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                            "Transfer-Encoding: chunked\r\n\r\nZZZ\r\n{}\r\n0\r\n\r\n"));
    }
    SUBCASE("only line breaks") { check_answers_are_json(raw_exchange(port, std::string(5000, '\n'))); }
    SUBCASE("a connection closed at once") { check_answers_are_json(raw_exchange(port, "")); }
    check_still_serving(server);
}
