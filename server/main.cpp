// spoc-server: the service desk's API and portal from one process, on an
// embedded SQLite database. See --help for the flags.
#include <CLI/CLI.hpp>
#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <thread>

#include "api.h"
#include "app.h"
#include "portal_files.h"
#include "sqlite_store.h"
#include "tokens.h"

namespace {

// The desk token's hash lives in the database; the token itself is shown only when made.
std::string desk_token_hash(spoc::Store& store, const std::string& given) {
    if (!given.empty()) {
        const std::string hash = spoc::hash_token(given);
        store.set_setting("desk_token_hash", hash);
        return hash;
    }
    if (auto stored = store.setting("desk_token_hash")) return *stored;
    const std::string token = spoc::new_token();
    const std::string hash = spoc::hash_token(token);
    store.set_setting("desk_token_hash", hash);
    std::cout << "Desk token (shown only now; keep it, or set a new one with --desk-token):\n  " << token << "\n";
    return hash;
}

void configure(httplib::Server& server, const std::string& web) {
    // Each open keep-alive connection holds a worker while it waits, and every portal
    // keeps one or two open between its polls: many workers, short idle times.
    server.new_task_queue = [] { return new httplib::ThreadPool(128); };
    server.set_tcp_nodelay(true);
    server.set_payload_max_length(spoc::kMaxBodyBytes);
    server.set_keep_alive_max_count(100000);
    server.set_keep_alive_timeout(3);
    server.set_read_timeout(5);
    server.set_write_timeout(10);
    server.set_default_headers({{"X-Content-Type-Options", "nosniff"}});
    // cpp-httplib limits a body by its Content-Length only; a chunked one could grow
    // without bound, so a body must say its length.
    server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
        if (req.get_header_value("Transfer-Encoding").empty()) return httplib::Server::HandlerResponse::Unhandled;
        res.set_header("Connection", "close");
        spoc::send_error(res, 411, "length_required", "Send the body with a Content-Length (at most 1 MiB).");
        return httplib::Server::HandlerResponse::Handled;
    });
    server.set_error_handler(httplib::Server::HandlerWithResponse(
        [](const httplib::Request& req, httplib::Response& res) {
            spoc::fill_error_body(req, res);
            return httplib::Server::HandlerResponse::Handled;
        }));
    server.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        try {
            std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            std::cerr << "error: " << req.method << " " << req.path << ": " << e.what() << "\n";
        } catch (...) {
            std::cerr << "error: " << req.method << " " << req.path << ": unknown exception\n";
        }
        spoc::send_error(res, 500, "internal", "Something went wrong on the server.");
    });
    if (!spoc::serve_portal_files(server, web))
        std::cerr << "warning: portal folder " << web << " not found; serving the API only\n";
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"spoc-server: a single point of contact service desk (API and portal)"};
    std::string host = "127.0.0.1", data = "data/spoc.db", web = "build/web/site", desk_token;
    int port = 8080;
    cli.add_option("--host", host, "address to listen on")->capture_default_str();
    cli.add_option("--port", port, "port to listen on (0 picks a free one)")->capture_default_str()->check(CLI::Range(0, 65535));
    cli.add_option("--data", data, "SQLite database file (created when missing)")->capture_default_str();
    cli.add_option("--web", web, "folder with index.html and the portal's js/wasm")->capture_default_str();
    cli.add_option("--desk-token", desk_token, "token of the service desk (default: generated at first start)");
    CLI11_PARSE(cli, argc, argv);

    // SIGINT/SIGTERM are taken by one thread with sigwait, which then stops the server.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    try {
        const auto folder = std::filesystem::path(data).parent_path();
        if (!folder.empty()) std::filesystem::create_directories(folder);
        spoc::SqliteStore store(data);
        spoc::App app(store, desk_token_hash(store, desk_token),
                      [] { return static_cast<spoc::Timestamp>(std::time(nullptr)); });

        httplib::Server server;
        configure(server, web);
        spoc::register_health_routes(server, app);
        spoc::register_catalog_routes(server, app);
        spoc::register_request_routes(server, app);

        // cpp-httplib listens with a backlog of 5, so a burst of new connections (a
        // morning's first browsers) loses SYNs and waits a second for each retry. The
        // socket is noted when it is made and given a longer queue once bound.
        int listening = -1;
        server.set_socket_options([&listening](int sock) {
            int yes = 1;
            setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
            listening = sock;
        });
        if (port == 0) {
            port = server.bind_to_any_port(host);
            if (port < 0) throw std::runtime_error("cannot listen on " + host);
        } else if (!server.bind_to_port(host, port)) {
            throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) +
                                     " (in use? try --port)");
        }
        if (listening >= 0) ::listen(listening, 1024);
        std::atomic<bool> listen_ended{false};
        std::thread stopper([&server, &stop_signals, &listen_ended] {
            int sig = 0;
            sigwait(&stop_signals, &sig);
            // stop() does nothing until listen_after_bind() runs: a signal that comes
            // right after the line below waits for it (or for its end) instead of being lost.
            while (!server.is_running() && !listen_ended) std::this_thread::sleep_for(std::chrono::milliseconds(1));
            server.stop();
        });
        std::cout << "spoc is serving http://" << host << ":" << port << "/ (database " << data << ")" << std::endl;
        server.listen_after_bind();
        listen_ended = true;
        if (stopper.joinable()) {
            kill(getpid(), SIGTERM);  // wakes the stopper when the server ended on its own
            stopper.join();
        }
        std::cout << "spoc stopped" << std::endl;
    } catch (const std::exception& e) {
        std::cerr << "spoc-server: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
