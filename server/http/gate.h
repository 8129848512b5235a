// The connection gate: one thread holds every client connection with epoll, reads each
// request whole within its deadline, and only then hands it to a worker. A slow or idle
// client costs a file descriptor and a buffer, never a worker, so a few thousand of them
// leave the API answering. See "Connections and workers" in README.md for the choice.
#pragma once
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "http/framing.h"
#include "http/http_server.h"

namespace spoc::http {

struct GateLimits {
    FramingLimits framing;
    // A request's head and body must arrive within this from its first byte, plus one
    // second for every min_body_rate bytes of body (a slow phone still sends 1 MiB in time).
    std::chrono::milliseconds request_deadline{10'000};
    std::size_t min_body_rate = 16 * 1024;
    // A connection that has sent nothing yet gets request_deadline; one that has been
    // answered and waits for its next request (keep-alive) gets idle_timeout.
    std::chrono::milliseconds idle_timeout{60'000};
    // An answer must be taken by the client within this, plus a second per min_body_rate bytes.
    std::chrono::milliseconds write_deadline{30'000};
    // Per client address, at most this many connections may be in the middle of a request
    // (or not have sent one yet); beyond it the oldest of them is closed.
    std::size_t max_incomplete_per_address = 64;
    std::size_t max_connections_per_address = 4096;
    std::size_t max_connections = 16384;  // lowered to what the file descriptor limit allows
    // Request bytes all connections may hold at once; beyond it a request is refused with 503.
    std::size_t max_buffered_bytes = 256u << 20;
    int workers = 32;
};

// A listening TCP socket (non-blocking, backlog 1024) on host:port; port 0 picks a free
// one and is replaced by it. Throws std::runtime_error.
int listen_tcp(const std::string& host, int& port);

class ConnectionGate {
public:
    // Takes over `listening` (closed with the gate); answers through `server`.
    ConnectionGate(int listening, HttpServer& server, GateLimits limits = {});
    ~ConnectionGate();
    ConnectionGate(const ConnectionGate&) = delete;
    ConnectionGate& operator=(const ConnectionGate&) = delete;

    // Serves until stop(); then finishes the answers being made and closes everything.
    void run();
    // From any thread.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace spoc::http
