// Covers the framing of requests as they arrive (server/http/framing.h): where a head ends,
// how long the body is, what is refused before a worker sees it, and what the workers get.
#include <doctest/doctest.h>

#include <string>

#include "http/framing.h"

using spoc::http::frame_request;
using spoc::http::Framing;
using spoc::http::prepared_request;

namespace {

Framing frame(const std::string& bytes) { return frame_request(bytes, {}); }

std::string refused_code(const std::string& bytes) {
    const Framing f = frame(bytes);
    return f.result == Framing::Result::refused ? std::to_string(f.refusal.status) + " " + f.refusal.code : "not refused";
}

}  // namespace

TEST_CASE("a head is complete at its empty line, and the body length comes from Content-Length") {
    const std::string get = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    CHECK(frame(get.substr(0, get.size() - 1)).result == Framing::Result::incomplete);
    const Framing f = frame(get + "GET /next");
    CHECK(f.result == Framing::Result::complete);
    CHECK(f.head_size == get.size());
    CHECK(f.body_size == 0);

    const Framing post = frame("POST /api/v1/requests HTTP/1.1\r\ncontent-length:  12 \r\n\r\n{}");
    CHECK(post.result == Framing::Result::complete);
    CHECK(post.body_size == 12);
    CHECK(frame("POST /x HTTP/1.1\r\nContent-Length: 0007\r\n\r\n").body_size == 7);
}

TEST_CASE("empty lines before a request are skipped, but only a few") {
    const Framing f = frame("\r\n\r\nGET / HTTP/1.1\r\n\r\n");
    CHECK(f.result == Framing::Result::complete);
    CHECK(f.skipped == 4);
    std::string many;
    for (int i = 0; i < 10; ++i) many += "\r\n";
    CHECK(refused_code(many + "GET / HTTP/1.1\r\n\r\n") == "400 bad_request");
}

TEST_CASE("what two parsers could read differently is refused") {
    CHECK(refused_code("GET / HTTP/1.1\nHost: x\n\n") == "400 bad_request");                  // bare LF
    CHECK(refused_code("GET / HTTP/1.1\r\nHost: x\rY: z\r\n\r\n") == "400 bad_request");       // bare CR
    CHECK(refused_code("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n") == "400 bad_request");  // obs-fold
    CHECK(refused_code("GET / HTTP/1.1\r\nContent-Length : 5\r\n\r\n") == "400 bad_request");  // space in name
    CHECK(refused_code("GET / HTTP/1.1\r\nno colon\r\n\r\n") == "400 bad_request");
    CHECK(refused_code("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n") ==
          "400 bad_content_length");
    CHECK(frame("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n").body_size == 5);
    CHECK(refused_code("POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n") ==
          "411 length_required");
}

TEST_CASE("a body needs a plain Content-Length of at most 1 MiB") {
    CHECK(refused_code("POST /api/v1/requests HTTP/1.1\r\n\r\n") == "411 length_required");
    CHECK(refused_code("PATCH /api/v1/requests/1 HTTP/1.1\r\n\r\n") == "411 length_required");
    CHECK(refused_code("POST / HTTP/1.1\r\nContent-Length:\r\n\r\n") == "411 length_required");
    CHECK(refused_code("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") == "411 length_required");
    CHECK(refused_code("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") == "400 bad_content_length");
    CHECK(refused_code("POST / HTTP/1.1\r\nContent-Length: +5\r\n\r\n") == "400 bad_content_length");
    CHECK(refused_code("POST / HTTP/1.1\r\nContent-Length: 5, 5\r\n\r\n") == "400 bad_content_length");
    CHECK(refused_code("POST / HTTP/1.1\r\nContent-Length: 1048577\r\n\r\n") == "413 too_large");
    CHECK(refused_code("POST / HTTP/1.1\r\nContent-Length: 18446744073709551616\r\n\r\n") == "413 too_large");
    CHECK(frame("POST / HTTP/1.1\r\nContent-Length: 1048576\r\n\r\n").body_size == 1048576);
    CHECK(frame("GET / HTTP/1.1\r\n\r\n").result == Framing::Result::complete);  // no body, no length
    CHECK(frame("DELETE /x HTTP/1.1\r\n\r\n").result == Framing::Result::complete);
}

TEST_CASE("a compressed body is refused, an identity one is not") {
    CHECK(refused_code("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Encoding: gzip\r\n\r\n") ==
          "415 unsupported_encoding");
    CHECK(refused_code("POST / HTTP/1.1\r\nContent-Length: 3\r\ncontent-encoding: BR\r\n\r\n") ==
          "415 unsupported_encoding");
    CHECK(frame("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Encoding: Identity\r\n\r\n").result ==
          Framing::Result::complete);
}

TEST_CASE("a head over 16 KiB is refused before it ends") {
    const std::string start = "GET / HTTP/1.1\r\nX-Long: " + std::string(16 * 1024, 'a');
    CHECK(refused_code(start) == "431 headers_too_large");
    CHECK(refused_code(start + "\r\n\r\n") == "431 headers_too_large");
    CHECK(frame("GET / HTTP/1.1\r\nX-Long: " + std::string(15 * 1024, 'a')).result == Framing::Result::incomplete);
}

TEST_CASE("the workers get the request without Expect, and without Range outside the portal's files") {
    const std::string api = "GET /api/v1/requests/1?x=1 HTTP/1.1\r\nRange: bytes=0-3\r\nHost: x\r\n\r\n";
    const Framing f = frame(api);
    CHECK_FALSE(f.is_static);
    CHECK(prepared_request(api, f) == "GET /api/v1/requests/1?x=1 HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK_FALSE(frame("GET /healthz HTTP/1.1\r\n\r\n").is_static);
    CHECK_FALSE(frame("GET /api HTTP/1.1\r\n\r\n").is_static);

    const std::string file = "GET /spoc.wasm HTTP/1.1\r\nrange: bytes=0-3\r\n\r\n";
    const Framing s = frame(file);
    CHECK(s.is_static);
    CHECK(prepared_request(file, s) == file);

    const std::string post = "\r\nPOST /api/v1/requests HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n{}GET";
    const Framing p = frame(post);
    CHECK(p.expects_continue);
    CHECK(prepared_request(post, p) == "POST /api/v1/requests HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}");
}

TEST_CASE("the request line is exactly METHOD, target and version, with single spaces") {
    CHECK(refused_code("GET  /healthz HTTP/1.1\r\n\r\n") == "400 bad_request");
    CHECK(refused_code(" POST /api/v1/requests HTTP/1.1\r\n\r\n") == "400 bad_request");
    CHECK(refused_code("get / HTTP/1.1\r\n\r\n") == "400 bad_request");
    CHECK(refused_code("GET / HTTP/2\r\n\r\n") == "400 bad_request");
    CHECK(refused_code("GET /\r\n\r\n") == "400 bad_request");
    CHECK(refused_code("GET / HTTP/1.1 x\r\n\r\n") == "400 bad_request");
    CHECK(frame("GET / HTTP/1.0\r\n\r\n").result == Framing::Result::complete);
}

TEST_CASE("an API path written with percent escapes is still the API") {
    CHECK_FALSE(frame("GET /%68ealthz HTTP/1.1\r\n\r\n").is_static);
    CHECK_FALSE(frame("GET /%61pi/v1/catalog HTTP/1.1\r\n\r\n").is_static);
    CHECK(frame("GET /index.html?x=/api/ HTTP/1.1\r\n\r\n").is_static);
}

TEST_CASE("100-continue is for HTTP/1.1 requests with a body only") {
    CHECK(frame("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n").expects_continue);
    CHECK_FALSE(frame("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n").expects_continue);
    CHECK_FALSE(frame("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n").expects_continue);
}

TEST_CASE("a head arriving a byte at a time frames the same when earlier scans are passed back") {
    const std::string head = "\r\nPOST /api/v1/requests HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n";
    std::size_t scanned = 0;
    Framing f;
    for (std::size_t n = 1; n <= head.size(); ++n) {
        f = frame_request(std::string_view(head).substr(0, n), {}, scanned);
        scanned = f.scanned;
        if (n < head.size()) REQUIRE(f.result == Framing::Result::incomplete);
    }
    CHECK(f.result == Framing::Result::complete);
    CHECK(f.body_size == 2);
    CHECK(f.head_size == head.size() - 2);

    // A bare LF that comes in a later piece is still found.
    const std::string bad = "GET / HTTP/1.1\r\nA: b\nC: d\r\n\r\n";
    scanned = 0;
    for (std::size_t n = 1; n <= bad.size(); ++n) {
        f = frame_request(std::string_view(bad).substr(0, n), {}, scanned);
        scanned = f.scanned;
        if (f.result != Framing::Result::incomplete) break;
    }
    CHECK(f.result == Framing::Result::refused);
}
