// spoc-server: the service desk's API and portal from one process, on an
// embedded SQLite database. See --help for the flags.
#include <CLI/CLI.hpp>
#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <thread>

#include "api.h"
#include "app.h"
#include "data_folder.h"
#include "demo.h"
#include "http/gate.h"
#include "http/http_server.h"
#include "knowledge_seed.h"
#include "passwords.h"
#include "sqlite_store.h"
#include "text.h"
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

// --create-admin: that person becomes an active admin with a new one-time password, printed
// once. Exit code 0, or 1 for an email that is not one.
int create_admin(spoc::Store& store, const std::string& given) {
    const std::string email = spoc::normalised_email(given);
    if (!spoc::is_email(email)) {
        std::cerr << "spoc-server: --create-admin needs an email address, not '" << given << "'\n";
        return 1;
    }
    spoc::Passwords passwords;
    const std::string password = spoc::one_time_password();
    const std::string hash = *passwords.hash(password);
    if (auto found = store.user_by_email(email)) {
        spoc::User admin = found->first;
        admin.role = spoc::Role::admin;
        admin.active = true;
        store.update_user(admin);
        store.set_password(admin.id, hash);
        store.delete_sessions_of(admin.id);
    } else {
        spoc::User admin;
        admin.email = email;
        admin.name = email.substr(0, email.find('@'));
        admin.role = spoc::Role::admin;
        store.create_user(admin, hash);
    }
    std::cout << "Password for " << email << " (shown only now): " << password << std::endl;
    return 0;
}

// --demo: seeds the demo desk into an empty database and prints its sign-ins; leaves a database
// that holds anything as it is.
void seed_demo_if_empty(spoc::Store& store, spoc::App& app) {
    if (!spoc::empty_for_demo(store)) {
        std::cout << (spoc::has_demo(store) ? "Demo: the demo data is already there; nothing was added.\n"
                                            : "Demo: the database is not empty; --demo added nothing to it.\n");
        if (!spoc::has_demo(store)) return;
    } else {
        const auto start = std::chrono::steady_clock::now();
        const spoc::DemoSummary s = spoc::seed_demo(store, app.passwords, app.catalog("en"), app.routing(), app.now());
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        std::cout << "Demo: seeded " << s.people << " people, " << s.organisations << " organisations, " << s.groups
                  << " support groups and " << s.requests << " requests in " << std::fixed << std::setprecision(2)
                  << took.count() << " s (";
        const char* separator = "";
        for (const auto& [state, count] : s.by_state) std::cout << separator << state << " " << count, separator = ", ";
        std::cout << ").\n";
    }
    std::cout << "Demo sign-ins, each with the password " << spoc::kDemoPassword << ":\n";
    for (const spoc::DemoSignIn& d : spoc::demo_sign_ins())
        std::cout << "  " << std::left << std::setw(14) << d.role << std::setw(38) << d.email << d.who << "\n";
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
    int workers = 32;
    cli.add_option("--workers", workers, "threads answering whole requests (connections do not hold one)")
        ->capture_default_str()->check(CLI::Range(1, 1024));
    std::string admin_email;
    cli.add_option("--create-admin", admin_email, "create this admin (or reset its password), print a one-time password, exit");
    bool demo = false;
    cli.add_flag("--demo", demo, "seed a demo desk (people of every role, about 200 requests) into an empty database, then serve");
    spoc::Timestamp session_idle = 12 * 3600, session_max = 7 * 24 * 3600;
    cli.add_option("--session-idle", session_idle, "seconds a session may go unused")->capture_default_str()->check(CLI::PositiveNumber);
    cli.add_option("--session-max", session_max, "seconds a session lasts at most")->capture_default_str()->check(CLI::PositiveNumber);
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
        if (!folder.empty()) spoc::create_data_folder(folder);
        spoc::SqliteStore store(data);
        if (!admin_email.empty()) return create_admin(store, admin_email);
        spoc::App app(store, desk_token_hash(store, desk_token),
                      [] { return static_cast<spoc::Timestamp>(std::time(nullptr)); });
        app.session_idle = session_idle;
        app.session_max = session_max;
        if (const std::size_t seeded = spoc::seed_knowledge_if_new(store, app.catalog("en"), app.now()))
            std::cout << "Knowledge: seeded " << seeded << " articles from assets/kb." << std::endl;
        app.knowledge.rebuild();  // the search indexes before the first search, not during it
        if (demo) seed_demo_if_empty(store, app);

        spoc::http::HttpServer server;
        spoc::set_up_server(server, app, web);

        spoc::http::GateLimits limits;
        limits.workers = workers;
        spoc::http::ConnectionGate gate(spoc::http::listen_tcp(host, port), server, limits);
        std::thread stopper([&gate, &stop_signals] {
            int sig = 0;
            sigwait(&stop_signals, &sig);
            gate.stop();
        });
        struct JoinStopper {  // also when run() throws: a joinable thread would terminate the process
            std::thread& thread;
            ~JoinStopper() {
                kill(getpid(), SIGTERM);  // wakes the stopper when the gate ended on its own
                thread.join();
            }
        } join_stopper{stopper};
        std::cout << "spoc is serving http://" << host << ":" << port << "/ (database " << data << ")" << std::endl;
        gate.run();
        std::cout << "spoc stopped" << std::endl;
    } catch (const std::exception& e) {
        std::cerr << "spoc-server: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
