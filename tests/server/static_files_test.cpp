// Covers the portal's static files (--web): index.html at /, JavaScript and WebAssembly with
// the right content types, the portal's security headers, nothing outside the folder, and the
// API still answering beside them.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "api_helpers.h"
#include "server_process.h"

using namespace spoc_test;

namespace {

void write_file(const std::filesystem::path& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
    REQUIRE(out.good());
}

const std::string kIndex = "<!doctype html><title>spoc</title><canvas id=\"canvas\"></canvas>";
const std::string kScript = "console.log('spoc portal');";
const std::string kWasm = std::string("\0asm\1\0\0\0", 8);

// A server with --web pointing to a folder holding index.html, x.js and x.wasm, and a
// file beside that folder that must not be served.
struct PortalServer {
    TempFolder folder;
    std::unique_ptr<ServerProcess> process;

    PortalServer() {
        const auto web = folder.path() / "site";
        std::filesystem::create_directories(web);
        write_file(web / "index.html", kIndex);
        write_file(web / "x.js", kScript);
        write_file(web / "x.wasm", kWasm);
        write_file(folder.path() / "secret.txt", "not for the web");
        ServerOptions options;
        options.data = folder.path() / "spoc.db";
        options.web = web;
        process = std::make_unique<ServerProcess>(options);
    }
    ~PortalServer() { CHECK(process->terminate() == 0); }
};

// A Content-Security-Policy as directive -> its sources.
std::map<std::string, std::set<std::string>> parse_policy(const std::string& policy) {
    std::map<std::string, std::set<std::string>> directives;
    std::istringstream all(policy);
    std::string directive;
    while (std::getline(all, directive, ';')) {
        std::istringstream words(directive);
        std::string name, source;
        if (!(words >> name)) continue;
        auto& sources = directives[name];
        while (words >> source) sources.insert(source);
    }
    return directives;
}

// REQUIREs the portal's security headers on a file's answer.
void check_security_headers(const httplib::Result& res) {
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value_count("Content-Security-Policy") == 1);
    const std::string policy = res->get_header_value("Content-Security-Policy");
    CAPTURE(policy);
    auto directives = parse_policy(policy);
    using Sources = std::set<std::string>;
    CHECK(directives["default-src"] == Sources{"'self'"});
    // The portal's own scripts and the WebAssembly they compile; no inline script, no eval.
    CHECK(directives["script-src"] == Sources{"'self'", "'wasm-unsafe-eval'"});
    CHECK(directives["style-src"] == Sources{"'self'"});
    CHECK(directives["connect-src"] == Sources{"'self'"});
    CHECK(directives["object-src"] == Sources{"'none'"});
    CHECK(directives["base-uri"] == Sources{"'none'"});
    CHECK(directives["frame-ancestors"] == Sources{"'none'"});
    CHECK(directives.count("form-action") == 1);
    CHECK(directives.count("img-src") == 1);
    for (const auto& [name, sources] : directives) {
        CAPTURE(name);
        CHECK(sources.count("'unsafe-inline'") == 0);
        CHECK(sources.count("'unsafe-eval'") == 0);
        CHECK(sources.count("*") == 0);
    }
    CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(res->get_header_value("Referrer-Policy") == "no-referrer");
    CHECK(res->get_header_value("X-Frame-Options") == "DENY");
    CHECK_FALSE(res->has_header("Cross-Origin-Opener-Policy"));  // see portal_files.cpp
}

}  // namespace

TEST_CASE("the portal's index is served at / as text/html") {
    PortalServer server;
    auto client = server.process->client();
    for (const char* path : {"/", "/index.html"}) {
        CAPTURE(path);
        auto res = client.Get(path);
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(res->get_header_value("Content-Type").rfind("text/html", 0) == 0);
        CHECK(res->body == kIndex);
    }
}

TEST_CASE("JavaScript is served with a javascript content type and WebAssembly as application/wasm") {
    PortalServer server;
    auto client = server.process->client();
    auto js = client.Get("/x.js");
    REQUIRE(js);
    CHECK(js->status == 200);
    CHECK(js->get_header_value("Content-Type").find("javascript") != std::string::npos);
    CHECK(js->body == kScript);

    auto wasm = client.Get("/x.wasm");
    REQUIRE(wasm);
    CHECK(wasm->status == 200);
    CHECK(wasm->get_header_value("Content-Type") == "application/wasm");  // streaming compilation needs exactly this
    CHECK(wasm->body == kWasm);
}

TEST_CASE("WebAssembly goes gzip-compressed to a browser that accepts it, unchanged to one that does not") {
    PortalServer server;
    std::string program;
    for (int i = 0; i < 20000; ++i) program += "\x01\x02spoc" + std::to_string(i % 97);
    write_file(server.folder.path() / "site" / "big.wasm", program);

    auto client = server.process->client();
    client.set_decompress(false);
    auto gz = client.Get("/big.wasm", {{"Accept-Encoding", "gzip, deflate, br"}});
    REQUIRE(gz);
    CHECK(gz->status == 200);
    CHECK(gz->get_header_value("Content-Type") == "application/wasm");
    CHECK(gz->get_header_value("Content-Encoding") == "gzip");
    CHECK(gz->body.size() < program.size() / 4);

    auto plain = client.Get("/big.wasm", {{"Accept-Encoding", "identity"}});
    REQUIRE(plain);
    CHECK(plain->get_header_value("Content-Encoding").empty());
    CHECK(plain->body == program);

    auto inflated = server.process->client().Get("/big.wasm");  // cpp-httplib's client asks for gzip and inflates
    REQUIRE(inflated);
    CHECK(inflated->body == program);
}

TEST_CASE("the API and its JSON errors still answer beside the portal") {
    PortalServer server;
    auto client = server.process->client();
    CHECK(json_of(client.Get("/healthz"))["status"] == "ok");
    CHECK(json_of(client.Get("/api/v1/catalog"))["items"].size() > 0);
    CHECK(file_request(client)["state"] == "new");
    require_error(client.Get("/missing.js"), 404, "not_found");
}

TEST_CASE("files outside the portal folder are not served") {
    PortalServer server;
    auto client = server.process->client();
    for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/../spoc.db", "/site/../secret.txt"}) {
        CAPTURE(path);
        auto res = client.Get(path);
        if (!res) continue;  // hanging up is fine too
        CHECK(res->status >= 400);
        CHECK(res->body.find("not for the web") == std::string::npos);
        CHECK(res->body.find("SQLite format") == std::string::npos);
    }
}

TEST_CASE("every portal file carries the security headers; the API's JSON answers need none of them") {
    PortalServer server;
    write_file(server.folder.path() / "site" / "spoc.wasm", kWasm);
    auto client = server.process->client();
    for (const char* path : {"/", "/index.html", "/x.js", "/spoc.wasm"}) {
        CAPTURE(path);
        check_security_headers(client.Get(path));
        check_security_headers(client.Head(path));
    }
    // Compressed for a browser, too.
    client.set_decompress(false);
    auto gz = client.Get("/spoc.wasm", {{"Accept-Encoding", "gzip"}});
    check_security_headers(gz);
    CHECK(gz->get_header_value("Content-Type") == "application/wasm");

    // JSON is never rendered as a page: the API answers, good and bad, without the page's headers.
    auto plain = server.process->client();
    std::vector<httplib::Result> answers;
    answers.push_back(plain.Get("/healthz"));
    answers.push_back(plain.Get("/api/v1/catalog"));
    answers.push_back(plain.Get("/missing.js"));
    answers.push_back(post_json(plain, "/api/v1/requests", json::object()));
    for (const auto& res : answers) {
        REQUIRE(res);
        CAPTURE(res->status);
        CHECK(res->get_header_value("Content-Type").rfind("application/json", 0) == 0);
        CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
        CHECK_FALSE(res->has_header("Content-Security-Policy"));
        CHECK_FALSE(res->has_header("X-Frame-Options"));
    }
}
