// Covers how the portal's files are compressed and revalidated: once (not per request), gzip or
// the build's brotli as the browser accepts, plain bytes otherwise, the same content type and
// security headers in every encoding, and an ETag per encoding with 304 until the file changes.
#include <brotli/encode.h>
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>

#include "server_process.h"

using namespace spoc_test;

namespace {

void write_file(const std::filesystem::path& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
    REQUIRE(out.good());
}

std::string brotli(const std::string& data) {
    std::size_t size = BrotliEncoderMaxCompressedSize(data.size());
    std::string out(size, '\0');
    REQUIRE(BrotliEncoderCompress(9, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, data.size(),
                                  reinterpret_cast<const std::uint8_t*>(data.data()), &size,
                                  reinterpret_cast<std::uint8_t*>(out.data())));
    out.resize(size);
    return out;
}

// About 300 KB of JavaScript, as large as the portal's spoc.js and compressible like it.
std::string big_script(const std::string& salt = "") {
    std::string js;
    for (int i = 0; js.size() < 300000; ++i)
        js += "function f" + std::to_string(i) + salt + "(a,b){return a*" + std::to_string(i % 97) + "+b;}\n";
    return js;
}

const std::string kPolicyStart = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval';";

struct Site {
    TempFolder folder;
    std::filesystem::path web = folder.path() / "site";
    std::string script = big_script();
    std::unique_ptr<ServerProcess> process;

    explicit Site(bool with_brotli = false, const std::string& stale_brotli = "") {
        std::filesystem::create_directories(web);
        write_file(web / "index.html", "<!doctype html><title>spoc</title><script src=\"spoc.js\"></script>");
        write_file(web / "spoc.js", script);
        if (with_brotli) write_file(web / "spoc.js.br", brotli(stale_brotli.empty() ? script : stale_brotli));
        ServerOptions options;
        options.data = folder.path() / "spoc.db";
        options.web = web;
        process = std::make_unique<ServerProcess>(options);
    }
    ~Site() { CHECK(process->terminate() == 0); }

    httplib::Result get(const std::string& path, const httplib::Headers& headers, bool decompress = false) {
        auto client = process->client();
        client.set_decompress(decompress);
        return client.Get(path.c_str(), headers);
    }
};

// What a portal file carries in every encoding.
void check_file_headers(const httplib::Result& res) {
    REQUIRE(res);
    CHECK(res->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
    CHECK(res->get_header_value_count("Content-Type") == 1);
    CHECK(res->get_header_value("Content-Security-Policy").rfind(kPolicyStart, 0) == 0);
    CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(res->get_header_value("Referrer-Policy") == "no-referrer");
    CHECK(res->get_header_value("X-Frame-Options") == "DENY");
    CHECK(res->get_header_value("Cache-Control") == "no-cache");
    CHECK(res->get_header_value("Vary") == "Accept-Encoding");
    CHECK_FALSE(res->get_header_value("ETag").empty());
}

}  // namespace

TEST_CASE("a browser that accepts gzip gets the script gzipped, and it inflates to the file") {
    Site site;
    auto raw = site.get("/spoc.js", {{"Accept-Encoding", "gzip, deflate, br"}});
    check_file_headers(raw);
    CHECK(raw->status == 200);
    CHECK(raw->get_header_value("Content-Encoding") == "gzip");  // no .br beside it: gzip
    CHECK(raw->body.size() < site.script.size() / 4);
    auto inflated = site.get("/spoc.js", {{"Accept-Encoding", "gzip"}}, true);
    REQUIRE(inflated);
    CHECK(inflated->body == site.script);
}

TEST_CASE("without gzip in Accept-Encoding the script goes as plain bytes") {
    Site site(true);
    for (const char* accept : {"identity", "deflate", "gzip;q=0", "br;q=0, gzip;q=0", ""}) {
        CAPTURE(accept);
        httplib::Headers headers;
        if (*accept) headers.emplace("Accept-Encoding", accept);
        auto res = site.get("/spoc.js", headers);
        check_file_headers(res);
        CHECK(res->status == 200);
        CHECK_FALSE(res->has_header("Content-Encoding"));
        CHECK(res->body == site.script);
    }
}

TEST_CASE("the build's .br goes to a browser that accepts brotli, only when it decompresses to the file") {
    SUBCASE("a .br of the file") {
        Site site(true);
        auto res = site.get("/spoc.js", {{"Accept-Encoding", "gzip, deflate, br"}});
        check_file_headers(res);
        CHECK(res->get_header_value("Content-Encoding") == "br");
        auto decoded = site.get("/spoc.js", {{"Accept-Encoding", "br"}}, true);
        REQUIRE(decoded);
        CHECK(decoded->body == site.script);
        CHECK(site.get("/spoc.js", {{"Accept-Encoding", "gzip"}})->get_header_value("Content-Encoding") == "gzip");
    }
    SUBCASE("a .br left from another build is not sent") {
        Site site(true, big_script("old"));
        auto res = site.get("/spoc.js", {{"Accept-Encoding", "gzip, deflate, br"}});
        check_file_headers(res);
        CHECK(res->get_header_value("Content-Encoding") == "gzip");
        CHECK(site.get("/spoc.js", {{"Accept-Encoding", "gzip, br"}}, true)->body == site.script);
    }
}

TEST_CASE("HEAD says what GET would send, without the body") {
    Site site;
    auto client = site.process->client();
    client.set_decompress(false);
    auto head = client.Head("/spoc.js", {{"Accept-Encoding", "gzip"}});
    auto get = site.get("/spoc.js", {{"Accept-Encoding", "gzip"}});
    check_file_headers(head);
    REQUIRE(get);
    CHECK(head->body.empty());
    CHECK(head->get_header_value("Content-Encoding") == "gzip");
    CHECK(head->get_header_value("Content-Length") == std::to_string(get->body.size()));
    CHECK(head->get_header_value("ETag") == get->get_header_value("ETag"));
}

TEST_CASE("a Range applies to the file's own bytes, whatever the browser accepts") {
    Site site;
    auto res = site.get("/spoc.js", {{"Accept-Encoding", "gzip, br"}, {"Range", "bytes=0-7"}});
    REQUIRE(res);
    CHECK(res->status == 206);
    CHECK_FALSE(res->has_header("Content-Encoding"));
    CHECK(res->body == site.script.substr(0, 8));
    CHECK(res->get_header_value("Content-Range") == "bytes 0-7/" + std::to_string(site.script.size()));
}

TEST_CASE("a browser that has the current file gets 304, and the new file once it changed") {
    Site site;
    auto first = site.get("/spoc.js", {{"Accept-Encoding", "gzip"}});
    REQUIRE(first);
    const std::string etag = first->get_header_value("ETag");
    CHECK(etag.front() == '"');
    CHECK(etag.back() == '"');
    // Another encoding is another representation, with its own ETag.
    const std::string plain_etag = site.get("/spoc.js", {})->get_header_value("ETag");
    CHECK(plain_etag != etag);

    for (const std::string& tag : {etag, "W/" + etag, "\"other\", " + etag, std::string("*")}) {
        CAPTURE(tag);
        auto again = site.get("/spoc.js", {{"Accept-Encoding", "gzip"}, {"If-None-Match", tag}});
        REQUIRE(again);
        CHECK(again->status == 304);
        CHECK(again->body.empty());
        CHECK(again->get_header_value("ETag") == etag);
        CHECK(again->get_header_value("Vary") == "Accept-Encoding");
        CHECK(again->get_header_value("Content-Security-Policy").rfind(kPolicyStart, 0) == 0);
    }
    // The gzip ETag does not stand for the plain bytes.
    CHECK(site.get("/spoc.js", {{"If-None-Match", etag}})->status == 200);

    const std::string rebuilt = big_script("v2");
    write_file(site.web / "spoc.js", rebuilt);
    auto changed = site.get("/spoc.js", {{"Accept-Encoding", "gzip"}, {"If-None-Match", etag}}, true);
    REQUIRE(changed);
    CHECK(changed->status == 200);
    CHECK(changed->body == rebuilt);
    CHECK(changed->get_header_value("ETag") != etag);
}

TEST_CASE("a file is compressed once, not for every request") {
    Site site;
    // cpp-httplib compressed every answer with brotli at its highest quality: 200-400 ms for a
    // file this size. From memory, twenty answers take a few milliseconds each.
    site.get("/spoc.js", {{"Accept-Encoding", "gzip, deflate, br"}});
    auto client = site.process->client();
    client.set_decompress(false);
    const auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < 20; ++i) {
        auto res = client.Get("/spoc.js", {{"Accept-Encoding", "gzip, deflate, br"}});
        REQUIRE(res);
        REQUIRE(res->status == 200);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    CHECK(seconds < 2.0);
}
