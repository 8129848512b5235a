// Covers the portal's static files (--web): index.html at /, JavaScript and WebAssembly with
// the right content types, nothing outside the folder, and the API still answering beside them.
#include <doctest/doctest.h>

#include <fstream>

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
