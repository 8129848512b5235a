// See framing.h.
#include "http/framing.h"

#include <nlohmann/json.hpp>

namespace spoc::http {
namespace {

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
        const char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] + 32) : b[i];
        if (x != y) return false;
    }
    return true;
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

Framing refused(Framing f, int status, std::string code, std::string message) {
    f.result = Framing::Result::refused;
    f.refusal = {status, std::move(code), std::move(message)};
    return f;
}

// Calls fn(name, value) for each header line of a head that ends with "\r\n\r\n"; false
// when a line is not "name: value" (folded lines and names with spaces are refused, so
// that no two parsers can read the same head differently).
template <typename Fn>
bool for_each_header(std::string_view head, Fn&& fn) {
    std::size_t pos = head.find("\r\n") + 2;  // after the request line
    while (pos < head.size()) {
        const std::size_t eol = head.find("\r\n", pos);
        const std::string_view line = head.substr(pos, eol - pos);
        pos = eol + 2;
        if (line.empty()) break;  // the blank line
        const std::size_t colon = line.find(':');
        if (colon == 0 || colon == std::string_view::npos) return false;
        const std::string_view name = line.substr(0, colon);
        if (name.find_first_of(" \t") != std::string_view::npos) return false;
        fn(name, trimmed(line.substr(colon + 1)));
    }
    return true;
}

bool is_body_method(std::string_view method) { return method == "POST" || method == "PUT" || method == "PATCH"; }

const char* reason_phrase(int status) {
    switch (status) {
        case 400: return "Bad Request";
        case 408: return "Request Timeout";
        case 411: return "Length Required";
        case 413: return "Payload Too Large";
        case 415: return "Unsupported Media Type";
        case 431: return "Request Header Fields Too Large";
        case 503: return "Service Unavailable";
        default: return "Error";
    }
}

}  // namespace

Framing frame_request(std::string_view buffered, const FramingLimits& limits) {
    Framing f;
    while (buffered.substr(f.skipped, 2) == "\r\n" && f.skipped < 8) f.skipped += 2;
    const std::string_view rest = buffered.substr(f.skipped);
    if (rest.substr(0, 2) == "\r\n") return refused(f, 400, "bad_request", "The request starts with empty lines.");

    // Every line ends with CRLF: a bare LF or CR is refused at once rather than read two ways.
    const std::size_t end = rest.find("\r\n\r\n");
    const std::string_view seen = rest.substr(0, end == std::string_view::npos ? rest.size() : end + 4);
    for (std::size_t i = 0; i < seen.size(); ++i) {
        const bool bare_lf = seen[i] == '\n' && (i == 0 || seen[i - 1] != '\r');
        const bool bare_cr = seen[i] == '\r' && i + 1 < seen.size() && seen[i + 1] != '\n';
        if (bare_lf || bare_cr)
            return refused(f, 400, "bad_request", "Each line of the request head must end with CR LF.");
    }
    if (end == std::string_view::npos || end + 4 > limits.max_head_bytes) {
        if (rest.size() <= limits.max_head_bytes) return f;  // incomplete
        return refused(f, 431, "headers_too_large", "The request head is larger than 16 KiB.");
    }
    f.head_size = end + 4;
    const std::string_view head = rest.substr(0, f.head_size);

    const std::string_view request_line = head.substr(0, head.find("\r\n"));
    const std::string_view method = request_line.substr(0, request_line.find(' '));
    std::string_view target = request_line.substr(std::min(request_line.size(), method.size() + 1));
    target = target.substr(0, target.find(' '));
    const std::string_view path = target.substr(0, target.find('?'));
    const bool api = path == "/healthz" || path == "/api" || path.rfind("/api/", 0) == 0;
    f.is_static = (method == "GET" || method == "HEAD") && !api;

    bool chunked = false, compressed = false, length_conflict = false;
    std::string_view length;
    bool has_length = false;
    const bool well_formed = for_each_header(head, [&](std::string_view name, std::string_view value) {
        if (iequals(name, "Content-Length")) {
            if (has_length && value != length) length_conflict = true;
            has_length = true;
            length = value;
        } else if (iequals(name, "Transfer-Encoding")) {
            chunked = true;
        } else if (iequals(name, "Content-Encoding")) {
            if (!iequals(value, "identity")) compressed = true;
        } else if (iequals(name, "Expect")) {
            f.expects_continue = iequals(value, "100-continue");
        }
    });
    if (!well_formed) return refused(f, 400, "bad_request", "A header line is not of the form 'Name: value'.");
    if (chunked)
        return refused(f, 411, "length_required", "Send the body with a Content-Length (at most 1 MiB), not chunked.");
    if (length_conflict) return refused(f, 400, "bad_content_length", "The request has two different Content-Lengths.");
    if (has_length && length.empty()) return refused(f, 411, "length_required", "The Content-Length is empty.");
    if (!has_length && is_body_method(method))
        return refused(f, 411, "length_required", "Send a Content-Length with the body (0 when there is none).");
    if (has_length) {
        if (length.find_first_not_of("0123456789") != std::string_view::npos)
            return refused(f, 400, "bad_content_length", "The Content-Length is not a number of bytes.");
        const std::string_view digits = length.substr(std::min(length.find_first_not_of('0'), length.size()));
        if (digits.size() > 12 || std::stoull(std::string(digits.empty() ? "0" : digits)) > limits.max_body_bytes)
            return refused(f, 413, "too_large", "The body is larger than 1 MiB.");
        f.body_size = digits.empty() ? 0 : std::stoull(std::string(digits));
    }
    if (compressed)
        return refused(f, 415, "unsupported_encoding", "Send the body uncompressed (no Content-Encoding).");
    f.result = Framing::Result::complete;
    return f;
}

std::string prepared_request(std::string_view buffered, const Framing& framing) {
    const std::string_view head = buffered.substr(framing.skipped, framing.head_size);
    std::string out;
    out.reserve(framing.head_size + framing.body_size);
    const std::size_t first_eol = head.find("\r\n") + 2;
    out.append(head.substr(0, first_eol));
    for_each_header(head, [&](std::string_view name, std::string_view value) {
        if (iequals(name, "Expect")) return;                          // answered by the gate
        if (iequals(name, "Range") && !framing.is_static) return;     // JSON answers are whole
        out.append(name).append(": ").append(value).append("\r\n");
    });
    out.append("\r\n");
    out.append(buffered.substr(framing.skipped + framing.head_size, framing.body_size));
    return out;
}

std::string refusal_response(const Refusal& refusal) {
    const std::string body =
        nlohmann::json{{"error", {{"code", refusal.code}, {"message", refusal.message}}}}.dump();
    return "HTTP/1.1 " + std::to_string(refusal.status) + " " + reason_phrase(refusal.status) +
           "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\n\r\n" + body;
}

}  // namespace spoc::http
