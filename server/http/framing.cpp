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

// "/%61pi" -> "/api", as the router sees it (%XX only; anything else stays).
std::string percent_decoded(std::string_view s) {
    auto hex = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1; };
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
            out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

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

bool is_api_path(std::string_view path) { return path == "/healthz" || path == "/api" || path.rfind("/api/", 0) == 0; }

Framing frame_request(std::string_view buffered, const FramingLimits& limits, std::size_t scanned) {
    Framing f;
    while (buffered.substr(f.skipped, 2) == "\r\n" && f.skipped < 8) f.skipped += 2;
    const std::string_view rest = buffered.substr(f.skipped);
    if (rest.substr(0, 2) == "\r\n") return refused(f, 400, "bad_request", "The request starts with empty lines.");

    // Every line ends with CRLF: a bare LF or CR is refused at once rather than read two ways.
    // What an earlier call scanned is not scanned again (a head may come a byte at a time).
    const std::size_t from = scanned > f.skipped + 3 ? scanned - f.skipped - 3 : 0;
    const std::size_t end = rest.find("\r\n\r\n", from);
    const std::size_t seen = end == std::string_view::npos ? rest.size() : end + 4;
    for (std::size_t i = from; i < seen; ++i) {
        const bool bare_lf = rest[i] == '\n' && (i == 0 || rest[i - 1] != '\r');
        const bool bare_cr = rest[i] == '\r' && i + 1 < seen && rest[i + 1] != '\n';
        if (bare_lf || bare_cr)
            return refused(f, 400, "bad_request", "Each line of the request head must end with CR LF.");
    }
    f.scanned = f.skipped + seen;
    if (end == std::string_view::npos || end + 4 > limits.max_head_bytes) {
        if (rest.size() <= limits.max_head_bytes) return f;  // incomplete
        return refused(f, 431, "headers_too_large", "The request head is larger than 16 KiB.");
    }
    f.head_size = end + 4;
    const std::string_view head = rest.substr(0, f.head_size);

    // "METHOD SP target SP HTTP/1.x", exactly: cpp-httplib would accept more (runs of
    // spaces, a space in front), and must not see a method or path other than ours.
    const std::string_view request_line = head.substr(0, head.find("\r\n"));
    const std::size_t sp1 = request_line.find(' ');
    const std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : request_line.find(' ', sp1 + 1);
    const std::string_view method = request_line.substr(0, sp1);
    const std::string_view target = sp2 == std::string_view::npos ? "" : request_line.substr(sp1 + 1, sp2 - sp1 - 1);
    const std::string_view version = sp2 == std::string_view::npos ? "" : request_line.substr(sp2 + 1);
    if (method.empty() || method.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string_view::npos ||
        target.empty() || (version != "HTTP/1.1" && version != "HTTP/1.0"))
        return refused(f, 400, "bad_request", "The request line is not 'METHOD target HTTP/1.1'.");
    f.is_static = (method == "GET" || method == "HEAD") && !is_api_path(percent_decoded(target.substr(0, target.find('?'))));

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
            f.expects_continue = iequals(value, "100-continue") && version == "HTTP/1.1";  // 1.0 must ignore it
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
    f.expects_continue = f.expects_continue && f.body_size > 0;
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
