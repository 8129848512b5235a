// Framing of HTTP/1.1 requests as they arrive on a connection: where a request's head
// ends, how long its body is, and what is refused before a worker ever sees it (no
// Content-Length on a body, a compressed body, a length over the limit, a bare LF).
// cpp-httplib parses the request itself once it is whole; this only decides its bounds.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace spoc::http {

struct FramingLimits {
    std::size_t max_head_bytes = 16 * 1024;  // request line and headers, with the blank line
    std::size_t max_body_bytes = 1 << 20;    // 1 MiB, as the API allows
};

// A refusal: the status, the JSON error's code and message. The connection closes after it.
struct Refusal {
    int status = 0;
    std::string code;
    std::string message;
};

struct Framing {
    enum class Result { incomplete, complete, refused };
    Result result = Result::incomplete;
    std::size_t skipped = 0;     // empty lines before the request line (allowed by RFC 9112)
    std::size_t scanned = 0;     // bytes of `buffered` looked at: pass it back when more arrive
    std::size_t head_size = 0;   // request line and headers up to and with the blank line
    std::size_t body_size = 0;   // from Content-Length; 0 without one
    bool expects_continue = false;  // "Expect: 100-continue" on an HTTP/1.1 request with a body
    bool is_static = false;      // a GET or HEAD outside the API: a portal file, where Range applies
    Refusal refusal;             // when refused
};

// Frames the request at the start of `buffered` (which may hold only part of it, or more
// than one request). Never reads past the head; never allocates more than the head's lines.
// `scanned` is the previous call's Framing::scanned for the same request, so that a head
// arriving a byte at a time is scanned once, not once per byte.
Framing frame_request(std::string_view buffered, const FramingLimits& limits, std::size_t scanned = 0);

// The API's paths (/healthz, /api/...), where answers are JSON and Range never applies.
bool is_api_path(std::string_view path);

// The request as the workers see it: the head without the headers that are handled here
// (Expect) or that do not apply (Range, outside the portal's files), and the body.
std::string prepared_request(std::string_view buffered, const Framing& framing);

// A whole HTTP/1.1 response carrying the JSON error of the API, with Connection: close.
std::string refusal_response(const Refusal& refusal);

}  // namespace spoc::http
