// The fixture of the server tests: the real spoc-server binary in a child process, on a free
// port, with its database in a fresh temporary folder that disappears with the fixture.
#pragma once
#include <httplib.h>
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace spoc_test {

// The desk token every fixture passes with --desk-token unless told otherwise.
inline const std::string kDeskToken = "desk-token-of-the-server-tests";

// A fresh folder under the system's temp folder, removed with everything in it.
class TempFolder {
public:
    TempFolder();
    ~TempFolder();
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

struct ServerOptions {
    std::filesystem::path data;                      // the SQLite file (--data)
    std::optional<std::string> desk_token = kDeskToken;  // nullopt: start without --desk-token
    std::filesystem::path web;                       // --web; empty: a folder that does not exist
    bool wait_until_healthy = true;                  // false: return as soon as it says where it serves
    std::vector<std::string> extra_args;             // appended to the command line, e.g. {"--session-idle", "2"}
};

// One run of spoc-server as a command that ends by itself (e.g. --create-admin).
struct CommandOutput {
    int exit_code = -1;  // -1: killed after the timeout, or ended by a signal
    std::string out;     // stdout
    std::string err;     // stderr
};

// Runs spoc-server with exactly `args` (after the binary's name) to completion, with stdin from
// /dev/null; kills it (SIGKILL) when it has not ended after `timeout`.
CommandOutput run_spoc_server(const std::vector<std::string>& args,
                              std::chrono::milliseconds timeout = std::chrono::seconds(30));

// One run of spoc-server. The constructor returns once /healthz answers 200 (or throws);
// the destructor kills the process (SIGKILL) if it still runs, so nothing outlives a test.
class ServerProcess {
public:
    explicit ServerProcess(const ServerOptions& options);
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    int port() const { return port_; }
    bool running() const { return pid_ > 0; }
    // Everything it wrote on stdout up to and including "spoc is serving ...".
    const std::string& startup_output() const { return startup_output_; }
    // What it wrote on stderr so far (kept in a file in the temp folder).
    std::string error_output() const;

    // A client for this server, with short timeouts.
    httplib::Client client() const;

    // SIGTERM, then waits up to `grace` for the exit. Returns the exit code, or -1 when the
    // process had to be killed or ended by a signal.
    int terminate(std::chrono::milliseconds grace = std::chrono::seconds(5));
    // SIGKILL and wait, as a crash or a power cut would end it.
    void kill_hard();

private:
    void wait_for_port(std::chrono::steady_clock::time_point deadline);
    void wait_for_health(std::chrono::steady_clock::time_point deadline);

    pid_t pid_ = -1;
    int stdout_fd_ = -1;
    int port_ = 0;
    std::string startup_output_;
    std::filesystem::path stderr_file_;
};

// The usual test setup: a temp folder holding the database (spoc.db) and a server on it.
// restart() stops the server with SIGTERM (checking exit code 0) and starts it again on
// the same database; the destructor stops it the same way.
class SpocServer {
public:
    explicit SpocServer(ServerOptions options = {});
    ~SpocServer();

    ServerProcess& process() { return *process_; }
    const std::filesystem::path& folder() const { return folder_.path(); }
    ServerOptions& options() { return options_; }
    httplib::Client client() const { return process_->client(); }

    // Stops the running server (SIGTERM, exit code 0 expected) and starts a new one with options().
    void restart();
    // SIGKILL the running server and start a new one with options().
    void crash_and_restart();

private:
    TempFolder folder_;
    ServerOptions options_;
    std::unique_ptr<ServerProcess> process_;
};

}  // namespace spoc_test
