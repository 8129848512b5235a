// See gate.h.
//
// [SECTION] Listening socket
// [SECTION] Workers: whole requests in, responses out
// [SECTION] Connections and their bookkeeping (per address, idle, deadlines)
// [SECTION] Reading, framing, dispatching
// [SECTION] Writing and closing
// [SECTION] The loop
#include "http/gate.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <iostream>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace spoc::http {

using Clock = std::chrono::steady_clock;

// [SECTION] Listening socket ----------------------------------------------------------------

int listen_tcp(const std::string& host, int& port) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const std::string service = std::to_string(port);
    if (const int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0)
        throw std::runtime_error("cannot listen on " + host + ": " + gai_strerror(rc));
    int fd = -1;
    for (addrinfo* a = found; a && fd < 0; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) continue;
        int yes = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        // A burst of new connections (a morning's first browsers) must not lose SYNs.
        if (bind(fd, a->ai_addr, a->ai_addrlen) != 0 || listen(fd, 1024) != 0) {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(found);
    if (fd < 0)
        throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + " (in use? try --port)");
    sockaddr_storage bound{};
    socklen_t len = sizeof bound;
    getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &len);
    port = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                             : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
    return fd;
}

namespace {

// The key the per-address bounds count by: the IPv4 address, or the /64 of an IPv6 one
// (one host is given a whole /64, so counting by /128 would bound nothing).
std::string address_group(const sockaddr_storage& s) {
    if (s.ss_family != AF_INET6) {
        char text[INET_ADDRSTRLEN] = "";
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(s).sin_addr, text, sizeof text);
        return text;
    }
    in6_addr a = reinterpret_cast<const sockaddr_in6&>(s).sin6_addr;
    if (IN6_IS_ADDR_V4MAPPED(&a)) {
        char text[INET_ADDRSTRLEN] = "";
        inet_ntop(AF_INET, &a.s6_addr[12], text, sizeof text);
        return text;
    }
    std::fill(a.s6_addr + 8, a.s6_addr + 16, 0);
    char text[INET6_ADDRSTRLEN] = "";
    inet_ntop(AF_INET6, &a, text, sizeof text);
    return std::string(text) + "/64";
}

void address_of(const sockaddr_storage& s, std::string& ip, int& port) {
    char text[INET6_ADDRSTRLEN] = "";
    if (s.ss_family == AF_INET6) {
        const auto& a = reinterpret_cast<const sockaddr_in6&>(s);
        inet_ntop(AF_INET6, &a.sin6_addr, text, sizeof text);
        port = ntohs(a.sin6_port);
    } else {
        const auto& a = reinterpret_cast<const sockaddr_in&>(s);
        inet_ntop(AF_INET, &a.sin_addr, text, sizeof text);
        port = ntohs(a.sin_port);
    }
    ip = text;
}

// As many connections as the process may open, less a reserve for the database and files.
std::size_t raise_file_limit(std::size_t wanted) {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return std::min<std::size_t>(wanted, 900);
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
        getrlimit(RLIMIT_NOFILE, &limit);
    }
    const std::size_t usable = limit.rlim_cur > 256 ? static_cast<std::size_t>(limit.rlim_cur) - 128 : 128;
    return std::min(wanted, usable);
}

Clock::duration seconds_for(std::size_t bytes, std::size_t rate) {
    return std::chrono::milliseconds(bytes * 1000 / std::max<std::size_t>(rate, 1));
}

}  // namespace

// [SECTION] Workers: whole requests in, responses out ---------------------------------------

struct ConnectionGate::Impl {
    struct Job {
        int fd;
        std::uint64_t id;
        std::string request;
        Peer peer;
    };
    struct Answer {
        int fd;
        std::uint64_t id;
        std::string response;
        bool close;
        std::size_t sent;  // what the worker could send at once, without waiting
    };

    // [SECTION] Connections and their bookkeeping --------------------------------------------

    enum class Phase {
        waiting,   // no byte of the next request yet (fresh, or kept alive after an answer)
        reading,   // part of a request is here
        serving,   // a worker is answering; nothing is read meanwhile (pipelined bytes wait)
        writing,   // the answer is on its way out
        draining,  // answered and closing: what the client still sends is read and dropped
    };

    struct Connection {
        int fd = -1;
        std::uint64_t id = 0;
        Peer peer;
        Phase phase = Phase::waiting;
        bool answered_before = false;  // kept alive: waiting after an answer
        bool read_closed = false;      // the client half-closed; answer what is here, then close
        bool hung_up = false;          // the client is gone while a worker answers
        std::string group;             // the client's address (IPv6: its /64), for the per-address bounds
        std::string in;
        std::size_t scanned = 0;       // of `in`, by the framing so far
        std::string out;
        std::size_t sent = 0;
        bool close_after = false;
        bool continued = false;        // 100 Continue sent for the request being read
        bool framed = false;
        Framing framing;
        Clock::time_point since;     // when the current request (or the idle wait) began
        Clock::time_point deadline;  // Clock::time_point::max() while serving
        std::uint32_t events = 0;    // what epoll watches now
    };

    // (since, id, fd): ordered by age, and among equals by when the connection was accepted
    // (descriptors are reused, ids are not).
    using Age = std::tuple<Clock::time_point, std::uint64_t, int>;
    static Age age(const Connection& c) { return {c.since, c.id, c.fd}; }

    struct AddressLoad {
        std::size_t connections = 0;
        std::set<Age> incomplete;  // oldest first
    };

    Impl(int listening, HttpServer& server, GateLimits limits)
        : listening(listening), server(server), limits(limits) {
        this->limits.max_connections = raise_file_limit(limits.max_connections);
        epoll = epoll_create1(EPOLL_CLOEXEC);
        wake = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (epoll < 0 || wake < 0) throw std::runtime_error("cannot set up epoll");
        watch(listening, EPOLLIN, EPOLL_CTL_ADD);
        watch(wake, EPOLLIN, EPOLL_CTL_ADD);
        for (int i = 0; i < std::max(1, limits.workers); ++i) workers.emplace_back([this] { work(); });
    }

    ~Impl() {
        {
            std::lock_guard<std::mutex> lock(mutex);
            workers_stop = true;
            jobs.clear();  // requests not begun are not answered now
        }
        job_ready.notify_all();
        for (auto& t : workers) t.join();
        for (auto& [fd, c] : connections) close(fd);
        close(listening);
        close(wake);
        close(epoll);
    }

    void work() {
        for (;;) {
            Job job;
            {
                std::unique_lock<std::mutex> lock(mutex);
                job_ready.wait(lock, [this] { return workers_stop || !jobs.empty(); });
                if (jobs.empty()) return;
                job = std::move(jobs.front());
                jobs.pop_front();
            }
            Answer answer{job.fd, job.id, {}, true, 0};
            try {
                answer.response = server.answer(job.request, job.peer, answer.close);
            } catch (const std::exception& e) {
                std::cerr << "error: answering a request: " << e.what() << "\n";
                answer.response = refusal_response({500, "internal", "Something went wrong on the server."});
                answer.close = true;
            }
            // The gate does not touch a connection while it is served, so the worker may
            // send what the socket takes now; the gate sends the rest and reads on.
            while (answer.sent < answer.response.size()) {
                const ssize_t n = send(job.fd, answer.response.data() + answer.sent, answer.response.size() - answer.sent,
                                       MSG_NOSIGNAL | MSG_DONTWAIT);
                if (n <= 0) break;
                answer.sent += static_cast<std::size_t>(n);
            }
            {
                std::lock_guard<std::mutex> lock(mutex);
                answers.push_back(std::move(answer));
            }
            const std::uint64_t one = 1;
            [[maybe_unused]] const ssize_t n = write(wake, &one, sizeof one);
        }
    }

    void watch(int fd, std::uint32_t events, int op) {
        epoll_event e{};
        e.events = events;
        e.data.fd = fd;
        epoll_ctl(epoll, op, fd, &e);
    }

    void watch(Connection& c, std::uint32_t events) {
        if (c.events == events) return;
        watch(c.fd, events, EPOLL_CTL_MOD);
        c.events = events;
    }

    bool incomplete(const Connection& c) const {
        return c.phase == Phase::reading || (c.phase == Phase::waiting && !c.answered_before);
    }

    // Takes a connection out of the sets its phase put it in, before the phase changes.
    void leave_phase(Connection& c) {
        if (incomplete(c)) addresses[c.group].incomplete.erase(age(c));
        if (c.phase == Phase::waiting && c.answered_before) idle.erase(age(c));
    }

    void enter_incomplete(Connection& c, Clock::time_point now) {
        c.since = now;
        c.deadline = now + limits.request_deadline;
        AddressLoad& load = addresses[c.group];
        load.incomplete.insert(age(c));
        if (load.incomplete.size() > limits.max_incomplete_per_address) {
            auto oldest = load.incomplete.begin();
            if (std::get<2>(*oldest) == c.fd) ++oldest;  // c is as old as the oldest: spare it, it is sending
            ++evicted;
            close_connection(connections.at(std::get<2>(*oldest)));
        }
    }

    void enter_idle(Connection& c, Clock::time_point now) {
        std::string().swap(c.out);  // an idle connection keeps no large buffers
        if (c.in.capacity() > 65536) std::string(c.in).swap(c.in);
        c.phase = Phase::waiting;
        c.answered_before = true;
        c.since = now;
        c.deadline = now + limits.idle_timeout;
        idle.insert(age(c));
        watch(c, EPOLLIN);
    }

    void close_connection(Connection& c) {
        leave_phase(c);
        buffered -= c.in.size();
        auto load = addresses.find(c.group);
        if (load != addresses.end() && --load->second.connections == 0) addresses.erase(load);
        if (!c.hung_up) epoll_ctl(epoll, EPOLL_CTL_DEL, c.fd, nullptr);
        close(c.fd);
        connections.erase(c.fd);  // c is gone after this line
    }

    void accept_all(Clock::time_point now) {
        for (int i = 0; i < 256; ++i) {
            sockaddr_storage from{};
            socklen_t len = sizeof from;
            const int fd = accept4(listening, reinterpret_cast<sockaddr*>(&from), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0) {
                if (errno == EMFILE || errno == ENFILE) {  // out of descriptors: pause accepting
                    watch(listening, 0, EPOLL_CTL_MOD);
                    accept_paused = true;
                }
                return;
            }
            Peer peer;
            address_of(from, peer.remote_ip, peer.remote_port);
            std::string group = address_group(from);
            if (connections.size() >= limits.max_connections && !idle.empty()) {
                ++evicted;
                close_connection(connections.at(std::get<2>(*idle.begin())));
            }
            AddressLoad& load = addresses[group];
            if (connections.size() >= limits.max_connections || load.connections >= limits.max_connections_per_address) {
                ++refused;
                if (load.connections == 0) addresses.erase(group);
                static const std::string busy =
                    refusal_response({503, "busy", "Too many connections; try again in a moment."});
                [[maybe_unused]] const ssize_t n = send(fd, busy.data(), busy.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
                close(fd);
                continue;
            }
            sockaddr_storage local{};
            len = sizeof local;
            getsockname(fd, reinterpret_cast<sockaddr*>(&local), &len);
            address_of(local, peer.local_ip, peer.local_port);
            int yes = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);

            Connection& c = connections[fd];
            c.fd = fd;
            c.id = ++last_id;
            c.peer = std::move(peer);
            c.group = std::move(group);
            c.events = EPOLLIN;
            ++load.connections;
            watch(fd, EPOLLIN, EPOLL_CTL_ADD);
            enter_incomplete(c, now);
        }
    }

    // [SECTION] Reading, framing, dispatching -------------------------------------------------

    void on_readable(Connection& c, Clock::time_point now) {
        if (c.phase == Phase::draining) return drain(c);
        const std::size_t cap = c.framed ? c.framing.skipped + c.framing.head_size + c.framing.body_size + 65536
                                         : limits.framing.max_head_bytes + 65536;
        char buf[65536];
        const std::size_t want = std::min(sizeof buf, cap > c.in.size() ? cap - c.in.size() : 0);
        if (want == 0) return refuse(c, {400, "bad_request", "The request could not be framed."});
        const ssize_t n = recv(c.fd, buf, want, 0);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return;
            return close_connection(c);
        }
        if (n == 0) {
            c.read_closed = true;
            if (c.in.empty() || c.phase == Phase::waiting) return close_connection(c);
            watch(c, 0);
            return next_request(c);
        }
        std::string_view arrived(buf, static_cast<std::size_t>(n));
        if (c.phase == Phase::waiting) {
            // Line breaks between requests (some clients end a body with one) are not a request.
            while (!arrived.empty() && (arrived.front() == '\r' || arrived.front() == '\n')) arrived.remove_prefix(1);
            if (arrived.empty()) return;
            leave_phase(c);
            c.phase = Phase::reading;
            enter_incomplete(c, now);
        }
        if (buffered + arrived.size() > limits.max_buffered_bytes)
            return refuse(c, {503, "busy", "The server is receiving too much at once; try again in a moment."});
        c.in.append(arrived);
        buffered += arrived.size();
        next_request(c);
    }

    // Frames what is buffered; dispatches a whole request, refuses a bad one, or waits.
    void next_request(Connection& c) {
        if (!c.framed) {
            c.framing = frame_request(c.in, limits.framing, c.scanned);
            c.scanned = c.framing.scanned;
            if (c.framing.result == Framing::Result::refused) return refuse(c, c.framing.refusal);
            if (c.framing.result == Framing::Result::incomplete) {
                if (c.read_closed) close_connection(c);
                return;
            }
            c.framed = true;
            c.deadline = c.since + limits.request_deadline + seconds_for(c.framing.body_size, limits.min_body_rate);
        }
        const std::size_t whole = c.framing.skipped + c.framing.head_size + c.framing.body_size;
        if (c.in.size() < whole) {
            if (c.read_closed) return close_connection(c);
            if (c.framing.expects_continue && !c.continued) {
                c.continued = true;
                static const std::string go_on = "HTTP/1.1 100 Continue\r\n\r\n";
                const ssize_t n = send(c.fd, go_on.data(), go_on.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
                // Not taken at all: the client sends the body after its own wait. Half taken
                // (a full send buffer): the stream would be corrupt, so the connection ends.
                if (n > 0 && static_cast<std::size_t>(n) < go_on.size()) return close_connection(c);
            }
            return;
        }
        Job job{c.fd, c.id, prepared_request(c.in, c.framing), c.peer};
        c.in.erase(0, whole);
        buffered -= whole;
        c.scanned = 0;
        c.continued = false;
        c.framed = false;
        leave_phase(c);
        c.phase = Phase::serving;
        c.deadline = Clock::time_point::max();
        watch(c, 0);
        {
            std::lock_guard<std::mutex> lock(mutex);
            jobs.push_back(std::move(job));
        }
        job_ready.notify_one();
    }

    void refuse(Connection& c, const Refusal& refusal) {
        leave_phase(c);
        c.out = refusal_response(refusal);
        start_writing(c, true, Clock::now());
    }

    // [SECTION] Writing and closing -----------------------------------------------------------

    void on_answer(Answer& answer, Clock::time_point now) {
        auto it = connections.find(answer.fd);
        if (it == connections.end() || it->second.id != answer.id) return;
        Connection& c = it->second;
        if (c.hung_up) return close_connection(c);
        c.out = std::move(answer.response);
        start_writing(c, answer.close, now, answer.sent);
    }

    void start_writing(Connection& c, bool close_after, Clock::time_point now, std::size_t sent = 0) {
        c.phase = Phase::writing;
        c.sent = sent;
        c.close_after = close_after;
        c.deadline = now + limits.write_deadline + seconds_for(c.out.size(), limits.min_body_rate);
        write_out(c, now);
    }

    void write_out(Connection& c, Clock::time_point now) {
        while (c.sent < c.out.size()) {
            const ssize_t n = send(c.fd, c.out.data() + c.sent, c.out.size() - c.sent, MSG_NOSIGNAL);
            if (n > 0) {
                c.sent += static_cast<std::size_t>(n);
                continue;
            }
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return watch(c, EPOLLOUT);
            if (n < 0 && errno == EINTR) continue;
            return close_connection(c);
        }
        c.out.clear();
        c.sent = 0;
        if (c.close_after) return start_draining(c, now);
        if (c.read_closed && c.in.empty()) return close_connection(c);
        enter_idle(c, now);
        if (!c.in.empty()) {  // a pipelined request is already here
            leave_phase(c);
            c.phase = Phase::reading;
            enter_incomplete(c, now);
            next_request(c);
        }
    }

    // Closing right after an answer, with the client's unread bytes still arriving, would
    // reset the connection and could destroy the answer in flight: read them away first.
    void start_draining(Connection& c, Clock::time_point now) {
        shutdown(c.fd, SHUT_WR);
        c.phase = Phase::draining;
        buffered -= c.in.size();
        std::string().swap(c.in);
        std::string().swap(c.out);
        c.deadline = now + std::chrono::seconds(2);
        if (c.read_closed) return close_connection(c);
        watch(c, EPOLLIN);
    }

    void drain(Connection& c) {
        char buf[65536];
        for (int i = 0; i < 16; ++i) {
            const ssize_t n = recv(c.fd, buf, sizeof buf, 0);
            if (n > 0) continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
            return close_connection(c);
        }
    }

    void expire(Clock::time_point now) {
        std::vector<int> late;
        for (auto& [fd, c] : connections)
            if (c.deadline <= now) late.push_back(fd);
        for (const int fd : late) {
            Connection& c = connections.at(fd);
            if (c.phase == Phase::reading) {
                ++timed_out;
                refuse(c, {408, "request_timeout", "The request did not arrive in time."});
            } else {
                close_connection(c);
            }
        }
        if (accept_paused) {
            accept_paused = false;
            watch(listening, EPOLLIN, EPOLL_CTL_MOD);
        }
    }

    // [SECTION] The loop ------------------------------------------------------------------------

    void run() {
        std::vector<epoll_event> events(1024);
        Clock::time_point next_sweep = Clock::now();
        while (!stopping) {
            const int n = epoll_wait(epoll, events.data(), static_cast<int>(events.size()), 100);
            const Clock::time_point now = Clock::now();
            for (int i = 0; i < n; ++i) {
                const int fd = events[i].data.fd;
                const std::uint32_t ev = events[i].events;
                if (fd == listening) {
                    accept_all(now);
                } else if (fd == wake) {
                    take_answers(now);
                } else if (auto it = connections.find(fd); it != connections.end()) {
                    try {
                        on_event(it->second, ev, now);
                    } catch (const std::exception& e) {  // out of memory: this connection ends, not the server
                        std::cerr << "error: a connection: " << e.what() << "\n";
                        if (auto again = connections.find(fd); again != connections.end()) close_connection(again->second);
                    }
                }
            }
            if (now >= next_sweep) {
                expire(now);
                next_sweep = now + std::chrono::milliseconds(100);
            }
        }
        finish();
    }

    void on_event(Connection& c, std::uint32_t ev, Clock::time_point now) {
        if (c.phase == Phase::serving) {
            if (ev & (EPOLLHUP | EPOLLERR)) {  // gone while answered: stop watching until the answer
                epoll_ctl(epoll, EPOLL_CTL_DEL, c.fd, nullptr);
                c.hung_up = true;
            }
            return;
        }
        if (c.phase == Phase::writing) {
            if (ev & (EPOLLOUT | EPOLLHUP | EPOLLERR)) write_out(c, now);
            return;
        }
        on_readable(c, now);
    }

    void take_answers(Clock::time_point now) {
        std::uint64_t count;
        [[maybe_unused]] const ssize_t n = read(wake, &count, sizeof count);
        std::deque<Answer> ready;
        {
            std::lock_guard<std::mutex> lock(mutex);
            ready.swap(answers);
        }
        for (auto& a : ready) on_answer(a, now);
    }

    // Stops taking connections, lets the answers being made go out (for up to 2 s), closes.
    void finish() {
        watch(listening, 0, EPOLL_CTL_MOD);
        std::vector<int> unanswered;
        for (auto& [fd, c] : connections)
            if (c.phase != Phase::serving && c.phase != Phase::writing) unanswered.push_back(fd);
        for (const int fd : unanswered) close_connection(connections.at(fd));
        const Clock::time_point until = Clock::now() + std::chrono::seconds(2);
        std::vector<epoll_event> events(256);
        auto busy = [this] {
            for (auto& [fd, c] : connections)
                if (c.phase == Phase::serving || c.phase == Phase::writing) return true;
            return false;
        };
        while (busy() && Clock::now() < until) {
            const int n = epoll_wait(epoll, events.data(), static_cast<int>(events.size()), 50);
            const Clock::time_point now = Clock::now();
            for (int i = 0; i < n; ++i) {
                const int fd = events[i].data.fd;
                if (fd == wake) take_answers(now);
                else if (auto it = connections.find(fd); it != connections.end() && it->second.phase == Phase::writing)
                    write_out(it->second, now);
            }
        }
    }

    int listening;
    HttpServer& server;
    GateLimits limits;
    int epoll = -1;
    int wake = -1;
    std::atomic<bool> stopping{false};
    bool accept_paused = false;

    std::unordered_map<int, Connection> connections;
    std::unordered_map<std::string, AddressLoad> addresses;
    std::set<Age> idle;  // kept-alive connections, oldest first
    std::uint64_t last_id = 0;
    std::uint64_t evicted = 0, refused = 0, timed_out = 0;
    std::size_t buffered = 0;  // request bytes held by all connections

    std::mutex mutex;
    std::condition_variable job_ready;
    std::deque<Job> jobs;
    std::deque<Answer> answers;
    bool workers_stop = false;
    std::vector<std::thread> workers;
};

ConnectionGate::ConnectionGate(int listening, HttpServer& server, GateLimits limits)
    : impl_(std::make_unique<Impl>(listening, server, limits)) {}

ConnectionGate::~ConnectionGate() = default;

void ConnectionGate::run() { impl_->run(); }

void ConnectionGate::stop() {
    impl_->stopping = true;
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = write(impl_->wake, &one, sizeof one);
}

}  // namespace spoc::http
