// Covers the HTTP layer against hostile and broken clients (issue 5), on raw sockets: slow and
// idle connections cost no worker and a request head has 10 s to arrive; a body needs a
// Content-Length (411 at once) and is never compressed (415); bad or huge lengths are refused at
// once; Range applies to the portal's files only; pipelined requests are all answered in order;
// JSON nested too deep is refused with 400. After each of these the server still serves.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "api_helpers.h"
#include "server_process.h"

using namespace spoc_test;
using namespace std::chrono_literals;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// One HTTP answer read off a raw socket.
struct RawResponse {
    int status = 0;
    std::string head;  // status line and headers, without the blank line
    std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
    std::string body;

    bool has(const std::string& name) const {
        for (const auto& h : headers)
            if (h.first == lower(name)) return true;
        return false;
    }
    std::string header(const std::string& name) const {
        for (const auto& h : headers)
            if (h.first == lower(name)) return h.second;
        return "";
    }
};

// A raw TCP connection to the server. `source` binds the client end to another loopback
// address (127.0.0.2 ...) so that many connections need not share one client address.
class RawConnection {
public:
    RawConnection(int port, const std::string& source = "") {
        fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        REQUIRE_MESSAGE(fd_ >= 0, "socket: " << std::strerror(errno));
        // A server that stops reading must not hang the test in send().
        timeval five{5, 0};
        setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &five, sizeof five);
        if (!source.empty()) {
            sockaddr_in local{};
            local.sin_family = AF_INET;
            local.sin_port = 0;
            inet_pton(AF_INET, source.c_str(), &local.sin_addr);
            REQUIRE_MESSAGE(bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) == 0,
                            "bind to " << source << ": " << std::strerror(errno));
        }
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<uint16_t>(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE_MESSAGE(connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0,
                        "cannot connect to the server: " << std::strerror(errno));
    }
    ~RawConnection() {
        if (fd_ >= 0) close(fd_);
    }
    RawConnection(RawConnection&& other) noexcept
        : fd_(std::exchange(other.fd_, -1)), buffer_(std::move(other.buffer_)), eof_(other.eof_) {}
    RawConnection& operator=(RawConnection&&) = delete;
    RawConnection(const RawConnection&) = delete;

    int fd() const { return fd_; }
    bool closed_by_server() const { return eof_; }

    // Sends everything it can; false when the server hung up before taking it all.
    bool send_all(const std::string& bytes) {
        std::size_t sent = 0;
        while (sent < bytes.size()) {
            const ssize_t n = send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return false;
            sent += static_cast<std::size_t>(n);
        }
        return true;
    }
    // One byte without waiting; false when the server has hung up (or the buffer is full).
    bool send_byte(char c) { return send(fd_, &c, 1, MSG_NOSIGNAL | MSG_DONTWAIT) == 1; }
    void shutdown_write() { shutdown(fd_, SHUT_WR); }

    // The next whole answer (framed by its Content-Length), or nullopt when none arrives before
    // the timeout or the server closes first.
    std::optional<RawResponse> read_response(Clock::duration timeout) {
        const auto deadline = Clock::now() + timeout;
        while (true) {
            if (auto r = take_response()) return r;
            if (eof_ || !fill(deadline)) return std::nullopt;
        }
    }

    // Waits until the server closes the connection; false when it is still open at the deadline.
    bool wait_for_close(Clock::duration timeout) {
        const auto deadline = Clock::now() + timeout;
        while (!eof_)
            if (!fill(deadline)) return eof_;
        return true;
    }

    const std::string& unread() const { return buffer_; }

private:
    // Reads what is there before the deadline; false on timeout.
    bool fill(Clock::time_point deadline) {
        while (true) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
            if (left <= 0) return false;
            pollfd p{fd_, POLLIN, 0};
            const int ready = poll(&p, 1, static_cast<int>(std::min<long long>(left, 100)));
            if (ready < 0 && errno != EINTR) return false;
            if (ready <= 0) continue;
            char buf[65536];
            const ssize_t n = recv(fd_, buf, sizeof buf, 0);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {  // closed, or reset
                eof_ = true;
                return true;
            }
            buffer_.append(buf, static_cast<std::size_t>(n));
            return true;
        }
    }

    std::optional<RawResponse> take_response() {
        const auto end = buffer_.find("\r\n\r\n");
        if (end == std::string::npos) return std::nullopt;
        RawResponse r;
        r.head = buffer_.substr(0, end);
        if (r.head.rfind("HTTP/1.", 0) != 0 || r.head.size() < 12) {
            // Not HTTP: hand back what came, as the body of a response of status 0.
            r.body = buffer_;
            buffer_.clear();
            return r;
        }
        r.status = std::atoi(r.head.c_str() + 9);
        std::size_t at = r.head.find("\r\n");
        while (at != std::string::npos) {
            const std::size_t next = r.head.find("\r\n", at + 2);
            const std::string line = r.head.substr(at + 2, next == std::string::npos ? std::string::npos : next - at - 2);
            const auto colon = line.find(':');
            if (colon != std::string::npos) {
                std::string value = line.substr(colon + 1);
                value.erase(0, value.find_first_not_of(" \t"));
                value.erase(value.find_last_not_of(" \t") + 1);
                r.headers.emplace_back(lower(line.substr(0, colon)), value);
            }
            at = next;
        }
        std::size_t length = 0;
        if (r.has("Content-Length")) {
            length = static_cast<std::size_t>(std::stoull(r.header("Content-Length")));
        } else if (!(r.status == 204 || r.status == 304 || (r.status >= 100 && r.status < 200))) {
            if (!eof_) return std::nullopt;  // framed by the close
            length = buffer_.size() - end - 4;
        }
        if (buffer_.size() < end + 4 + length) return std::nullopt;
        r.body = buffer_.substr(end + 4, length);
        buffer_.erase(0, end + 4 + length);
        return r;
    }

    int fd_ = -1;
    std::string buffer_;
    bool eof_ = false;
};

struct Timed {
    std::optional<RawResponse> response;
    double seconds = 0;
};

// Sends `bytes` on a fresh connection (which stays open for writing: the server cannot wait
// for the end of the stream) and reads one answer, timing it.
Timed timed_exchange(int port, const std::string& bytes, Clock::duration timeout = 2s) {
    RawConnection c(port);
    const auto start = Clock::now();
    c.send_all(bytes);
    Timed t;
    t.response = c.read_response(timeout);
    t.seconds = seconds_since(start);
    return t;
}

// The "code" of a JSON error body, or "" when it is not one.
std::string error_code_of(const json& body) {
    if (!body.is_object() || !body.contains("error") || !body["error"].is_object()) return "";
    const json code = body["error"].value("code", json());
    return code.is_string() ? code.get<std::string>() : "";
}

// CHECKs an answer is the JSON error of DESIGN.md with this status and code.
void check_json_error(const std::optional<RawResponse>& r, int status, const std::string& code) {
    CHECK_MESSAGE(r, "no answer");
    if (!r) return;
    INFO(r->head << "\n\n" << r->body.substr(0, 300));
    CHECK(r->status == status);
    CHECK(r->header("Content-Type") == "application/json");
    const json body = json::parse(r->body, nullptr, false);
    const bool error_format = body.is_object() && body.contains("error") && body["error"].is_object();
    CHECK_MESSAGE(error_format, "the body is not the JSON error");
    if (!error_format) return;
    CHECK(error_code_of(body) == code);
    CHECK(body["error"].value("message", json()).is_string());
}

// CHECKs an answer arrived within `limit` seconds and is the JSON error.
void check_prompt_error(const Timed& t, int status, const std::string& code, double limit = 1.0) {
    CHECK_MESSAGE(t.seconds < limit, "answered after " << t.seconds << " s");
    check_json_error(t.response, status, code);
}

// A POST /api/v1/requests head (without its blank line) of the given extra header lines.
std::string post_head(const std::string& path, const std::string& headers) {
    return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + headers;
}

std::string get_request(const std::string& path, const std::string& headers = "") {
    return "GET " + path + " HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n";
}

long long count_requests(SpocServer& server) {
    auto client = server.client();
    return static_cast<long long>(json_of(get(client, "/api/v1/requests?limit=200", kDeskToken))["items"].size());
}

// GET /healthz and filing a request, each answered within a second (with a client that gives
// up after 2.5 s, so a starved server fails the test rather than stalls it). False if not.
bool check_answers_promptly(SpocServer& server, const char* while_what) {
    INFO(while_what);
    httplib::Client client = server.client();
    client.set_connection_timeout(2500ms);
    client.set_read_timeout(2500ms);
    auto start = Clock::now();
    auto health = client.Get("/healthz");
    double took = seconds_since(start);
    CHECK_MESSAGE(health, "GET /healthz got no answer within 2.5 s");
    if (health) CHECK(health->status == 200);
    CHECK_MESSAGE(took < 1.0, "GET /healthz took " << took << " s");
    bool ok = health && health->status == 200 && took < 1.0;

    start = Clock::now();
    auto filed = post_json(client, "/api/v1/requests", new_request_body());
    took = seconds_since(start);
    CHECK_MESSAGE(filed, "filing a request got no answer within 2.5 s");
    if (filed) CHECK(filed->status == 201);
    CHECK_MESSAGE(took < 1.0, "filing a request took " << took << " s");
    return ok && filed && filed->status == 201 && took < 1.0;
}

// The n-th of many loopback client addresses: 127.0.<1+n/250>.<1+n%250>.
std::string loopback_address(int n) {
    return "127.0." + std::to_string(1 + n / 250) + "." + std::to_string(1 + n % 250);
}

// Opens `count` connections spread over `addresses` client addresses, starting at `first_address`.
std::vector<RawConnection> open_connections(int port, int count, int first_address, int addresses) {
    std::vector<RawConnection> out;
    out.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) out.emplace_back(port, loopback_address(first_address + i % addresses));
    return out;
}

// Connections that each send the next byte of `text` every `interval`, from a thread of their
// own, until destroyed. Connections the server closes are simply left alone.
class Dribblers {
public:
    Dribblers(std::vector<RawConnection> connections, std::string text, Clock::duration interval)
        : connections_(std::move(connections)), text_(std::move(text)) {
        thread_ = std::thread([this, interval] {
            std::vector<bool> alive(connections_.size(), true);
            for (std::size_t at = 0; !stop_ && at < text_.size(); ++at) {
                for (std::size_t i = 0; i < connections_.size(); ++i)
                    if (alive[i] && !connections_[i].send_byte(text_[at])) alive[i] = false;
                const auto until = Clock::now() + interval;
                while (!stop_ && Clock::now() < until) std::this_thread::sleep_for(10ms);
            }
        });
    }
    ~Dribblers() {
        stop_ = true;
        thread_.join();
    }

private:
    std::vector<RawConnection> connections_;
    std::string text_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

const std::string kSlowPost = post_head("/api/v1/requests", "Content-Length: 2\r\n") + "\r\n{}";

// The soft limit on open files raised to at least `wanted` (the hard limit allowing).
void raise_open_files_limit(rlim_t wanted) {
    rlimit limit{};
    REQUIRE(getrlimit(RLIMIT_NOFILE, &limit) == 0);
    if (limit.rlim_cur >= wanted) return;
    limit.rlim_cur = std::min(wanted, limit.rlim_max);
    REQUIRE(setrlimit(RLIMIT_NOFILE, &limit) == 0);
    REQUIRE_MESSAGE(limit.rlim_cur >= wanted, "the hard limit on open files is below " << wanted);
}

// A gzip stream of `plain`, made by zlib (through cpp-httplib, which links it).
std::string gzip(const std::string& plain) {
    httplib::detail::gzip_compressor compressor;
    std::string out;
    REQUIRE(compressor.compress(plain.data(), plain.size(), true, [&out](const char* data, std::size_t n) {
        out.append(data, n);
        return true;
    }));
    return out;
}

// The zlib stream (RFC 1950, "Content-Encoding: deflate") of `plain`: the gzip stream's raw
// deflate data between a zlib header and the Adler-32 of the plain text.
std::string zlib_deflate(const std::string& plain) {
    const std::string gz = gzip(plain);
    REQUIRE(gz.size() > 18);
    REQUIRE(static_cast<unsigned char>(gz[3]) == 0);  // no optional gzip fields: a 10-byte header
    uint32_t a = 1, b = 0;
    for (unsigned char c : plain) {
        a = (a + c) % 65521;
        b = (b + a) % 65521;
    }
    const uint32_t adler = (b << 16) | a;
    std::string out = "\x78\x9c";
    out += gz.substr(10, gz.size() - 18);
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((adler >> shift) & 0xff);
    return out;
}

std::string brotli(const std::string& plain) {
    httplib::detail::brotli_compressor compressor;
    std::string out;
    REQUIRE(compressor.compress(plain.data(), plain.size(), true, [&out](const char* data, std::size_t n) {
        out.append(data, n);
        return true;
    }));
    return out;
}

void write_file(const std::filesystem::path& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
    REQUIRE(out.good());
}

}  // namespace

// [SECTION] Slow and idle clients ----------------------------------------------------------

TEST_CASE("150 clients sending a byte a second do not delay anyone else") {
    SpocServer server;
    const int port = server.process().port();
    // Spread over 10 client addresses (15 each), so no per-address bound closes them for us.
    Dribblers slow(open_connections(port, 150, 10, 10), kSlowPost, 1s);
    const auto start = Clock::now();
    std::this_thread::sleep_for(1500ms);
    REQUIRE_MESSAGE(check_answers_promptly(server, "after 1.5 s of 150 slow clients"), "the server is starved");
    std::this_thread::sleep_until(start + 3s);
    REQUIRE_MESSAGE(check_answers_promptly(server, "after 3 s of 150 slow clients"), "the server is starved");
    check_still_serving(server);
}

TEST_CASE("1000 idle connections and 1000 clients sending a byte a second do not delay anyone else") {
    SpocServer server;
    raise_open_files_limit(8192);
    const int port = server.process().port();
    // 50 addresses with 20 idle connections each, 50 more with 20 slow ones each.
    std::vector<RawConnection> idle = open_connections(port, 1000, 100, 50);
    Dribblers slow(open_connections(port, 1000, 200, 50), kSlowPost, 1s);
    const auto start = Clock::now();
    REQUIRE_MESSAGE(check_answers_promptly(server, "with 1000 idle and 1000 slow connections just opened"),
                    "the server is starved");
    std::this_thread::sleep_until(start + 2500ms);
    REQUIRE_MESSAGE(check_answers_promptly(server, "after 2.5 s of 1000 idle and 1000 slow connections"),
                    "the server is starved");
    check_still_serving(server);
}

TEST_CASE("a request head still incomplete 10 s after its first byte is answered 408 and closed") {
    SpocServer server;
    const int port = server.process().port();
    RawConnection late(port);
    // Beside it, a client slow but within the deadline: its 35-byte head takes about 7 s.
    RawConnection in_time(port);
    const std::string in_time_head = get_request("/healthz");
    std::optional<RawResponse> in_time_answer;

    const auto start = Clock::now();
    std::size_t sent = 0, in_time_sent = 0;
    std::optional<double> ended;  // seconds from the first byte to the 408 or the close
    std::optional<RawResponse> answer;
    while (!ended && seconds_since(start) < 15.0) {
        const double now = seconds_since(start);
        if (sent < kSlowPost.size() && now >= 0.5 * static_cast<double>(sent)) late.send_byte(kSlowPost[sent++]);
        if (in_time_sent < in_time_head.size() && now >= 0.2 * static_cast<double>(in_time_sent))
            in_time.send_byte(in_time_head[in_time_sent++]);
        if (!in_time_answer && in_time_sent == in_time_head.size()) in_time_answer = in_time.read_response(10ms);
        answer = late.read_response(40ms);
        if (answer || late.closed_by_server()) ended = seconds_since(start);
    }
    CHECK_MESSAGE(sent < kSlowPost.size(), "the test dribbled the whole head; make it longer");
    REQUIRE_MESSAGE(ended, "the slow request head was neither refused nor closed after 15 s (" << sent
                                                                                                << " bytes sent)");
    CHECK_MESSAGE(*ended >= 9.0, "the slow client was cut off after only " << *ended << " s");
    CHECK_MESSAGE(*ended < 15.0, "the slow client was cut off after " << *ended << " s");
    if (answer) {
        check_json_error(answer, 408, "request_timeout");
        CHECK(late.wait_for_close(2s));
    }
    if (!in_time_answer) in_time_answer = in_time.read_response(2s);
    REQUIRE_MESSAGE(in_time_answer, "a head completed in about 7 s got no answer");
    CHECK(in_time_answer->status == 200);
    check_still_serving(server);
}

// [SECTION] Bodies need a Content-Length -------------------------------------------------------

TEST_CASE("a POST without Content-Length is answered 411 at once") {
    SpocServer server;
    const int port = server.process().port();
    SUBCASE("POST, PUT and PATCH with no body, as curl -X POST sends them") {
        for (const std::string method : {"POST", "PUT", "PATCH"}) {
            CAPTURE(method);
            const std::string path = method == "POST" ? "/api/v1/requests" : "/api/v1/requests/1";
            check_prompt_error(timed_exchange(port, method + " " + path + " HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n"),
                               411, "length_required");
        }
    }
    SUBCASE("an empty Content-Length header") {
        for (const std::string line : {"Content-Length:\r\n", "Content-Length: \r\n"}) {
            CAPTURE(line);
            check_prompt_error(timed_exchange(port, post_head("/api/v1/requests", line) + "\r\n"), 411, "length_required");
        }
    }
    SUBCASE("a chunked body") {
        const std::string body = new_request_body().dump();
        char size[32];
        std::snprintf(size, sizeof size, "%zx", body.size());
        check_prompt_error(timed_exchange(port, post_head("/api/v1/requests", "Transfer-Encoding: chunked\r\n") + "\r\n" +
                                                    size + "\r\n" + body + "\r\n0\r\n\r\n"),
                           411, "length_required");
        CHECK(count_requests(server) == 0);
    }
    SUBCASE("Content-Length: 0 is a length, not a missing one") {
        const Timed t = timed_exchange(port, post_head("/api/v1/requests", "Content-Length: 0\r\n") + "\r\n");
        CHECK(t.seconds < 1.0);
        REQUIRE(t.response);
        CHECK(t.response->status == 400);
    }
    check_still_serving(server);
}

TEST_CASE("3 MiB of JSON without Content-Length, ended by a half-close, is answered 411 and not filed") {
    SpocServer server;
    const std::string body = new_request_body().dump() + std::string(3 * 1024 * 1024, ' ');
    RawConnection c(server.process().port());
    c.send_all(post_head("/api/v1/requests", "") + "\r\n" + body);  // the server may hang up part way
    c.shutdown_write();
    const auto answer = c.read_response(5s);
    if (answer) CHECK_MESSAGE(answer->status != 201, "the unframed body was filed");
    check_json_error(answer, 411, "length_required");
    CHECK(count_requests(server) == 0);
    check_still_serving(server);
}

// [SECTION] Compressed bodies ------------------------------------------------------------------

TEST_CASE("a compressed body is refused with 415 and nothing is filed") {
    SpocServer server;
    const int port = server.process().port();
    const std::string plain = new_request_body().dump();
    SUBCASE("about 50 KB of gzip that inflates to 50 MiB") {
        const std::string bomb = gzip(plain + std::string(50 * 1024 * 1024 - plain.size(), ' '));
        CHECK(bomb.size() < 100 * 1024);
        check_prompt_error(timed_exchange(port, post_head("/api/v1/requests", "Content-Encoding: gzip\r\nContent-Length: " +
                                                                                   std::to_string(bomb.size()) + "\r\n") +
                                                    "\r\n" + bomb),
                           415, "unsupported_encoding");
    }
    SUBCASE("a small request in gzip, deflate and br") {
        for (const auto& [encoding, body] : {std::pair<std::string, std::string>{"gzip", gzip(plain)},
                                             {"deflate", zlib_deflate(plain)},
                                             {"br", brotli(plain)}}) {
            CAPTURE(encoding);
            check_prompt_error(
                timed_exchange(port, post_head("/api/v1/requests", "Content-Encoding: " + encoding +
                                                                       "\r\nContent-Length: " + std::to_string(body.size()) +
                                                                       "\r\n") +
                                         "\r\n" + body),
                415, "unsupported_encoding");
        }
    }
    CHECK(count_requests(server) == 0);
    // Content-Encoding: identity is no encoding.
    const Timed identity = timed_exchange(
        port, post_head("/api/v1/requests", "Content-Encoding: identity\r\nContent-Length: " +
                                                std::to_string(plain.size()) + "\r\n") +
                  "\r\n" + plain);
    REQUIRE(identity.response);
    CHECK(identity.response->status == 201);
    CHECK(count_requests(server) == 1);
    check_still_serving(server);
}

// [SECTION] Range ----------------------------------------------------------------------------

TEST_CASE("a Range header is honoured on the portal's static files and ignored on API answers") {
    TempFolder site;
    const std::string index = "<!doctype html><title>spoc</title><p>range test</p>";
    write_file(site.path() / "index.html", index);
    ServerOptions options;
    options.web = site.path();
    SpocServer server(options);
    const int port = server.process().port();

    SUBCASE("a portal file: 206 with the bytes asked for") {
        const Timed part = timed_exchange(port, get_request("/index.html", "Range: bytes=0-3\r\n"));
        REQUIRE(part.response);
        INFO(part.response->head);
        CHECK(part.response->status == 206);
        CHECK(part.response->body == index.substr(0, 4));
        CHECK(part.response->header("Content-Range") == "bytes 0-3/" + std::to_string(index.size()));
        const Timed whole = timed_exchange(port, get_request("/index.html"));
        REQUIRE(whole.response);
        CHECK(whole.response->status == 200);
        CHECK(whole.response->body == index);
    }
    SUBCASE("API answers: whole, whatever the Range") {
        auto client = server.client();
        const json filed = file_request(client);
        const std::string desk = "Authorization: Bearer " + kDeskToken + "\r\n";
        // The whole JSON answer: not 206, no Content-Range, no multipart, a body that parses.
        auto check_whole = [](const Timed& t, int status) {
            CHECK_MESSAGE(t.response, "no answer");
            if (!t.response) return json();
            const RawResponse& r = *t.response;
            INFO(r.head << "\n\n" << r.body.substr(0, 300));
            CHECK(t.seconds < 1.0);
            CHECK(r.status == status);
            CHECK_FALSE(r.has("Content-Range"));
            CHECK(r.header("Content-Type") == "application/json");
            const json body = json::parse(r.body, nullptr, false);
            CHECK_FALSE(body.is_discarded());
            return body.is_discarded() ? json() : body;
        };
        for (const std::string range : {"bytes=0-3", "bytes=0-1,3-4", "bytes=5000-6000", "bytes=-2"}) {
            CAPTURE(range);
            const std::string header = "Range: " + range + "\r\n";
            const json read = check_whole(timed_exchange(port, get_request(request_path(filed), desk + header)), 200);
            CHECK((read.is_object() && read.contains("id") && read["id"] == filed["id"]));
            const json missing =
                check_whole(timed_exchange(port, get_request("/api/v1/requests/999999", desk + header)), 404);
            CHECK(error_code_of(missing) == "not_found");
            const std::string invalid = new_request_body({{"subject", ""}}).dump();
            const json refused = check_whole(
                timed_exchange(port, post_head("/api/v1/requests", header + "Content-Length: " +
                                                                       std::to_string(invalid.size()) + "\r\n") +
                                         "\r\n" + invalid),
                422);
            CHECK(error_code_of(refused) == "invalid_field");
            const json health = check_whole(timed_exchange(port, get_request("/healthz", header)), 200);
            CHECK(health == json{{"status", "ok"}});
        }
    }
    check_still_serving(server);
}

// [SECTION] Pipelining -----------------------------------------------------------------------

TEST_CASE("pipelined requests written in one send are all answered, in order") {
    SpocServer server;
    const int port = server.process().port();
    auto check_health = [](const std::optional<RawResponse>& r) {
        CHECK_MESSAGE(r, "no answer where GET /healthz's was due");
        if (!r) return;
        CHECK(r->status == 200);
        CHECK(json::parse(r->body, nullptr, false) == json{{"status", "ok"}});
    };
    auto check_catalog = [](const std::optional<RawResponse>& r) {
        CHECK_MESSAGE(r, "no answer where GET /api/v1/catalog's was due");
        if (!r) return;
        CHECK(r->status == 200);
        const json catalog = json::parse(r->body, nullptr, false);
        CHECK((catalog.is_object() && catalog.contains("items") && catalog["items"].is_array()));
    };
    SUBCASE("two requests") {
        RawConnection c(port);
        const auto start = Clock::now();
        c.send_all(get_request("/healthz") + get_request("/api/v1/catalog"));
        check_health(c.read_response(2s));
        check_catalog(c.read_response(2s));
        CHECK(seconds_since(start) < 1.0);
    }
    SUBCASE("three requests") {
        RawConnection c(port);
        const auto start = Clock::now();
        c.send_all(get_request("/healthz") + get_request("/api/v1/catalog") + get_request("/healthz"));
        check_health(c.read_response(2s));
        check_catalog(c.read_response(2s));
        check_health(c.read_response(2s));
        CHECK(seconds_since(start) < 1.0);
    }
    SUBCASE("a POST with its body, then a GET") {
        const std::string body = new_request_body().dump();
        RawConnection c(port);
        const auto start = Clock::now();
        c.send_all(post_head("/api/v1/requests", "Content-Length: " + std::to_string(body.size()) + "\r\n") + "\r\n" +
                   body + get_request("/healthz"));
        const auto filed = c.read_response(2s);
        CHECK_MESSAGE(filed, "no answer to the POST");
        if (filed) CHECK(filed->status == 201);
        check_health(c.read_response(2s));
        CHECK(seconds_since(start) < 1.0);
        CHECK(count_requests(server) == 1);
    }
    check_still_serving(server);
}

// [SECTION] Content-Length values ----------------------------------------------------------------

TEST_CASE("a negative or huge Content-Length is refused at once") {
    SpocServer server;
    const int port = server.process().port();
    const auto post_with_length = [](const std::string& length) {
        return post_head("/api/v1/requests", "Content-Length: " + length + "\r\n") + "\r\n";
    };
    check_prompt_error(timed_exchange(port, post_with_length("-1")), 400, "bad_content_length");
    for (const std::string length : {"18446744073709551616", "99999999999999999999999"}) {
        CAPTURE(length);
        check_prompt_error(timed_exchange(port, post_with_length(length)), 413, "too_large");
    }
    // Over 1 MiB, announced but not sent.
    check_prompt_error(timed_exchange(port, post_with_length("2000000")), 413, "too_large");
    CHECK(count_requests(server) == 0);
    check_still_serving(server);
}

// [SECTION] JSON depth ---------------------------------------------------------------------------

TEST_CASE("JSON nested deeper than 16 levels is refused with 400 too_deep at once") {
    SpocServer server;
    const int port = server.process().port();
    const auto post = [port](const std::string& path, const std::string& body, const std::string& extra = "") {
        return timed_exchange(port, post_head(path, extra + "Content-Length: " + std::to_string(body.size()) + "\r\n") +
                                        "\r\n" + body);
    };
    const std::string open(100000, '[');
    for (const std::string& body : {open, open + std::string(100000, ']'), "{\"fields\":{\"a\":" + open + "}}"}) {
        CAPTURE(body.size());
        check_prompt_error(post("/api/v1/requests", body), 400, "too_deep");
    }
    // Comments take JSON too.
    auto client = server.client();
    const json filed = file_request(client);
    check_prompt_error(post(request_path(filed, "/comments"), "{\"body\":" + open + "}",
                            "Authorization: Bearer " + kDeskToken + "\r\n"),
                       400, "too_deep");

    // Brackets inside strings are text, not nesting.
    const std::string brackets = std::string(5000, '[') + std::string(5000, '{');
    const Timed text = post("/api/v1/requests", new_request_body({{"description", brackets}}).dump());
    REQUIRE(text.response);
    INFO(text.response->body.substr(0, 300));
    CHECK(text.response->status == 201);
    const json text_filed = json::parse(text.response->body, nullptr, false);
    CHECK((text_filed.is_object() && text_filed.value("description", "") == brackets));

    // 16 levels in all (the request, its fields and 14 arrays) parse: the answer is about the field.
    json nested = "x";
    for (int i = 0; i < 14; ++i) nested = json::array({nested});
    const Timed deep16 = post("/api/v1/requests", new_request_body({{"fields", {{"a", nested}}}}).dump());
    REQUIRE(deep16.response);
    INFO(deep16.response->body.substr(0, 300));
    CHECK(deep16.response->status == 422);
    CHECK(error_code_of(json::parse(deep16.response->body, nullptr, false)) == "invalid_field");
    CHECK(count_requests(server) == 2);
    check_still_serving(server);
}

TEST_CASE("one client address keeps at most 64 unfinished requests: the oldest are closed, new ones served") {
    SpocServer server;
    const int port = server.process().port();
    std::vector<RawConnection> idle = open_connections(port, 100, 0, 1);  // all from 127.0.1.1
    // A request from the same address still gets through: it is the newest, not the oldest.
    RawConnection probe(port, loopback_address(0));
    const auto start = Clock::now();
    REQUIRE(probe.send_all(get_request("/healthz")));
    const auto answer = probe.read_response(2s);
    REQUIRE(answer);
    CHECK(answer->status == 200);
    CHECK(seconds_since(start) < 1.0);

    int closed = 0;
    for (auto& c : idle) closed += c.wait_for_close(closed < 37 ? 1s : 0ms) ? 1 : 0;
    CHECK(closed == 37);  // 100 + the probe = 101 unfinished, 64 kept
    for (int i = 0; i < 37; ++i) CHECK_MESSAGE(idle[i].closed_by_server(), "connection " << i << " is one of the oldest");
    for (int i = 37; i < 100; ++i) CHECK_MESSAGE(!idle[i].closed_by_server(), "connection " << i << " is one of the newest");

    // Another address is not affected by this one's.
    RawConnection other(port, loopback_address(1));
    REQUIRE(other.send_all(get_request("/healthz")));
    CHECK(other.read_response(2s));
    check_still_serving(server);
}

TEST_CASE("Expect: 100-continue is answered by the gate before the body is sent") {
    SpocServer server;
    RawConnection c(server.process().port());
    const std::string body = new_request_body().dump();
    REQUIRE(c.send_all(post_head("/api/v1/requests", "Expect: 100-continue\r\n"
                                                     "Content-Length: " + std::to_string(body.size()) + "\r\n") + "\r\n"));
    const auto go_on = c.read_response(2s);
    REQUIRE(go_on);
    CHECK(go_on->status == 100);
    REQUIRE(c.send_all(body));
    const auto filed = c.read_response(2s);
    REQUIRE(filed);
    CHECK(filed->status == 201);
    CHECK(c.unread().empty());  // one 100 Continue only
}
