// Starts, stops and kills the real spoc-server for the server tests (fork/exec, a pipe on
// its stdout to learn the port, SIGTERM/SIGKILL to end it).
#include "server_process.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace spoc_test {
namespace {

using Clock = std::chrono::steady_clock;

std::runtime_error failure(const std::string& what) { return std::runtime_error(what + ": " + std::strerror(errno)); }

// The port of "spoc is serving http://127.0.0.1:PORT/ ...", once that whole line is there.
std::optional<int> serving_port(const std::string& output) {
    const std::string marker = "spoc is serving http://";
    const auto at = output.find(marker);
    if (at == std::string::npos || output.find('\n', at) == std::string::npos) return std::nullopt;
    const auto colon = output.find(':', at + marker.size());
    if (colon == std::string::npos) return std::nullopt;
    return std::atoi(output.c_str() + colon + 1);
}

}  // namespace

// [SECTION] TempFolder ----------------------------------------------------------------

TempFolder::TempFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "spoc-server-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw failure("mkdtemp");
    path_ = pattern;
}

TempFolder::~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

// [SECTION] ServerProcess -----------------------------------------------------------------

ServerProcess::ServerProcess(const ServerOptions& options) {
    stderr_file_ = options.data.parent_path() / ("stderr-" + std::to_string(Clock::now().time_since_epoch().count()));
    const std::filesystem::path web = options.web.empty() ? options.data.parent_path() / "no-portal" : options.web;
    std::vector<std::string> args = {SPOC_SERVER_BIN, "--host", "127.0.0.1", "--port", "0",
                                     "--data", options.data.string(), "--web", web.string()};
    if (options.desk_token) {
        args.push_back("--desk-token");
        args.push_back(*options.desk_token);
    }
    args.insert(args.end(), options.extra_args.begin(), options.extra_args.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    int out[2];
    if (pipe2(out, O_CLOEXEC) != 0) throw failure("pipe2");
    const int err = open(stderr_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    const int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (err < 0 || in < 0) throw failure("open");
    const pid_t parent = getpid();

    pid_ = fork();
    if (pid_ < 0) throw failure("fork");
    if (pid_ == 0) {
        // The child: only async-signal-safe calls until exec. It dies with the test process.
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(126);
        dup2(in, STDIN_FILENO);
        dup2(out[1], STDOUT_FILENO);
        dup2(err, STDERR_FILENO);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(out[1]);
    close(err);
    close(in);
    stdout_fd_ = out[0];

    try {
        const auto deadline = Clock::now() + std::chrono::seconds(10);
        wait_for_port(deadline);
        if (options.wait_until_healthy) wait_for_health(deadline);
    } catch (...) {
        kill_hard();
        throw;
    }
}

ServerProcess::~ServerProcess() {
    kill_hard();
    std::error_code ignored;
    std::filesystem::remove(stderr_file_, ignored);
}

void ServerProcess::wait_for_port(Clock::time_point deadline) {
    while (!serving_port(startup_output_)) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) throw std::runtime_error("spoc-server did not say where it serves:\n" + startup_output_);
        pollfd p{stdout_fd_, POLLIN, 0};
        if (poll(&p, 1, static_cast<int>(left)) <= 0) continue;
        char buf[4096];
        const ssize_t n = read(stdout_fd_, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0)
            throw std::runtime_error("spoc-server ended before serving:\n" + startup_output_ + error_output());
        startup_output_.append(buf, static_cast<std::size_t>(n));
    }
    port_ = *serving_port(startup_output_);
}

void ServerProcess::wait_for_health(Clock::time_point deadline) {
    httplib::Client c = client();
    c.set_connection_timeout(std::chrono::milliseconds(200));
    while (Clock::now() < deadline) {
        if (auto res = c.Get("/healthz"); res && res->status == 200) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    throw std::runtime_error("spoc-server on port " + std::to_string(port_) + " did not answer /healthz:\n" +
                             error_output());
}

std::string ServerProcess::error_output() const {
    std::ifstream in(stderr_file_);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

httplib::Client ServerProcess::client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_connection_timeout(std::chrono::seconds(2));
    c.set_read_timeout(std::chrono::seconds(10));
    c.set_write_timeout(std::chrono::seconds(10));
    return c;
}

int ServerProcess::terminate(std::chrono::milliseconds grace) {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGTERM);
    const auto deadline = Clock::now() + grace;
    int status = 0;
    while (true) {
        const pid_t done = waitpid(pid_, &status, WNOHANG);
        if (done == pid_ || (done < 0 && errno != EINTR)) break;
        if (Clock::now() >= deadline) {
            kill_hard();
            return -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    pid_ = -1;
    if (stdout_fd_ >= 0) close(stdout_fd_);
    stdout_fd_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void ServerProcess::kill_hard() {
    if (pid_ > 0) {
        kill(pid_, SIGKILL);
        while (waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
        }
        pid_ = -1;
    }
    if (stdout_fd_ >= 0) close(stdout_fd_);
    stdout_fd_ = -1;
}

// [SECTION] run_spoc_server ----------------------------------------------------------------

CommandOutput run_spoc_server(const std::vector<std::string>& arguments, std::chrono::milliseconds timeout) {
    TempFolder folder;
    const std::filesystem::path out_file = folder.path() / "stdout", err_file = folder.path() / "stderr";
    std::vector<std::string> args = {SPOC_SERVER_BIN};
    args.insert(args.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    const int out = open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    const int err = open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    const int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (out < 0 || err < 0 || in < 0) throw failure("open");
    const pid_t parent = getpid();
    const pid_t pid = fork();
    if (pid < 0) throw failure("fork");
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(126);
        dup2(in, STDIN_FILENO);
        dup2(out, STDOUT_FILENO);
        dup2(err, STDERR_FILENO);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(out);
    close(err);
    close(in);

    CommandOutput result;
    const auto deadline = Clock::now() + timeout;
    int status = 0;
    while (true) {
        const pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid) {
            result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            break;
        }
        if (done < 0 && errno != EINTR) break;
        if (Clock::now() >= deadline) {
            kill(pid, SIGKILL);
            while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
            }
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    const auto slurp = [](const std::filesystem::path& file) {
        std::ifstream in(file);
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    };
    result.out = slurp(out_file);
    result.err = slurp(err_file);
    return result;
}

// [SECTION] SpocServer ---------------------------------------------------------------------

SpocServer::SpocServer(ServerOptions options) : options_(std::move(options)) {
    if (options_.data.empty()) options_.data = folder_.path() / "spoc.db";
    process_ = std::make_unique<ServerProcess>(options_);
}

SpocServer::~SpocServer() {
    if (!process_ || !process_->running()) return;
    const int code = process_->terminate();
    // During unwinding from a failed REQUIRE only clean up; the first failure is the news.
    if (std::uncaught_exceptions() == 0) CHECK_MESSAGE(code == 0, "spoc-server did not stop cleanly on SIGTERM");
}

void SpocServer::restart() {
    const int code = process_->terminate();
    CHECK_MESSAGE(code == 0, "spoc-server did not stop cleanly on SIGTERM");
    process_.reset();
    process_ = std::make_unique<ServerProcess>(options_);
}

void SpocServer::crash_and_restart() {
    process_->kill_hard();
    process_.reset();
    process_ = std::make_unique<ServerProcess>(options_);
}

}  // namespace spoc_test
