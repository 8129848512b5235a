// Covers the data folder: when spoc-server creates the folder of its database, each new level
// is made durable (fsync of the new folder and of its parent folder, seen with strace in the
// real binary's system calls), and a folder it cannot create is a clear error at start.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "server_process.h"

using namespace spoc_test;
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

// One line of `strace -f -o FILE`: "1234  openat(AT_FDCWD, "/tmp/x", O_RDONLY|O_DIRECTORY) = 3".
struct Syscall {
    std::string name;
    std::string path;  // the first quoted argument, if any
    long result = 0;
    std::string line;
};

std::vector<Syscall> read_trace(const fs::path& file, pid_t pid) {
    static const std::regex call(R"(^(\d+) +(\w+)\((.*)\) += (-?\d+))");
    static const std::regex quoted(R"re("([^"]*)")re");
    std::vector<Syscall> out;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
        std::smatch m;
        if (!std::regex_search(line, m, call) || std::stol(m[1]) != pid) continue;
        Syscall s{m[2], "", std::stol(m[4]), line};
        const std::string args = m[3];
        if (std::smatch q; std::regex_search(args, q, quoted)) s.path = q[1];
        out.push_back(std::move(s));
    }
    return out;
}

// A child process running args (searched on PATH), its stdout on a pipe and its stderr in a file.
struct Child {
    pid_t pid = -1;
    int stdout_fd = -1;
};

Child start(const std::vector<std::string>& args, const fs::path& stderr_file) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    int out[2];
    REQUIRE(pipe2(out, O_CLOEXEC) == 0);
    const int err = open(stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    REQUIRE(err >= 0);
    const pid_t parent = getpid();
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        // Only async-signal-safe calls until exec; the child dies with the test process.
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(126);
        dup2(out[1], STDOUT_FILENO);
        dup2(err, STDERR_FILENO);
        execvp(argv[0], argv.data());
        _exit(127);
    }
    close(out[1]);
    close(err);
    return {pid, out[0]};
}

// Reads the child's stdout until `until` appears, it closes, or the deadline passes.
std::string read_output(int fd, const std::string& until, Clock::time_point deadline) {
    std::string output;
    while (output.find(until) == std::string::npos && Clock::now() < deadline) {
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0) continue;
        char buf[4096];
        const ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        output.append(buf, static_cast<std::size_t>(n));
    }
    return output;
}

// Waits for the exit (SIGKILL to `also` and the child after `grace`); the exit code, or -1.
int wait_exit(pid_t pid, std::chrono::milliseconds grace, pid_t also = -1) {
    int status = 0;
    const auto deadline = Clock::now() + grace;
    while (waitpid(pid, &status, WNOHANG) == 0) {
        if (Clock::now() >= deadline) {
            if (also > 0) kill(also, SIGKILL);
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::vector<std::string> server_args(const fs::path& data) {
    return {SPOC_SERVER_BIN, "--host", "127.0.0.1", "--port", "0", "--data", data.string(),
            "--web", (data.parent_path() / "no-portal").string(), "--desk-token", kDeskToken};
}

// spoc-server run under strace until it serves, then stopped with SIGTERM. strace starts
// `sh -c 'echo $$; exec spoc-server ...'`, so the first line on stdout is the server's pid.
struct TracedRun {
    pid_t server = -1;
    int exit_code = -1;
    std::string output;
};

TracedRun run_under_strace(const fs::path& data, const fs::path& trace, const fs::path& stderr_file) {
    std::vector<std::string> args = {"strace", "-f", "-qq", "-s", "4096", "-o", trace.string(),
                                     "-e", "trace=mkdir,mkdirat,openat,fsync", "--",
                                     "/bin/sh", "-c", "echo $$; exec \"$0\" \"$@\""};
    for (const auto& a : server_args(data)) args.push_back(a);
    const Child strace = start(args, stderr_file);
    TracedRun run;
    run.output = read_output(strace.stdout_fd, "spoc is serving", Clock::now() + std::chrono::seconds(10));
    close(strace.stdout_fd);
    run.server = static_cast<pid_t>(std::atoi(run.output.c_str()));
    // SIGTERM stops the server cleanly; strace then exits with the server's exit code.
    if (run.server > 0) kill(run.server, SIGTERM);
    run.exit_code = wait_exit(strace.pid, std::chrono::seconds(5), run.server);
    return run;
}

std::string file_text(const fs::path& file) {
    std::ifstream in(file);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("the server makes each data folder level it creates durable: fsync of the new folder and of its parent") {
    TempFolder tmp;
    const fs::path base = tmp.path();
    const fs::path a = base / "a", b = a / "b", c = b / "c";
    const fs::path trace = base / "strace.txt";
    const TracedRun run = run_under_strace(c / "spoc.db", trace, base / "stderr.txt");
    INFO("stdout: " << run.output);
    INFO("stderr: " << file_text(base / "stderr.txt"));
    REQUIRE_MESSAGE(run.output.find("spoc is serving") != std::string::npos,
                    "spoc-server did not start under strace (is strace installed? scripts/setup.sh installs it)");
    CHECK(run.exit_code == 0);
    CHECK(fs::is_regular_file(c / "spoc.db"));

    const std::vector<Syscall> calls = read_trace(trace, run.server);
    INFO("trace of the server's main thread:\n" << [&] {
        std::string s;
        for (const auto& call : calls) s += call.line + "\n";
        return s;
    }());

    // Follows which folder each fd names (openat results), and for each level created
    // collects the folders fsynced after its mkdir and before the next level's mkdir.
    const std::vector<fs::path> levels = {a, b, c};
    std::map<long, std::string> fd_path;
    std::map<std::string, std::vector<std::string>> synced_after;  // level -> fsynced folders
    std::string current;                                           // the level made last
    for (const Syscall& call : calls) {
        if ((call.name == "mkdir" || call.name == "mkdirat") && call.result == 0) {
            current = call.path;
            synced_after[current];
        } else if (call.name == "openat" && call.result >= 0) {
            fd_path[call.result] = call.path;
        } else if (call.name == "fsync" && call.result == 0 && !current.empty()) {
            const long fd = std::stol(call.line.substr(call.line.find("fsync(") + 6));
            if (fd_path.count(fd)) synced_after[current].push_back(fd_path[fd]);
        }
    }
    for (std::size_t i = 0; i < levels.size(); ++i) {
        const std::string level = levels[i].string();
        const std::string parent = levels[i].parent_path().string();
        CAPTURE(level);
        REQUIRE_MESSAGE(synced_after.count(level), "no mkdir of " << level);
        const auto& synced = synced_after[level];
        CHECK_MESSAGE(std::find(synced.begin(), synced.end(), level) != synced.end(),
                      "the new folder " << level << " was not fsynced after its mkdir");
        CHECK_MESSAGE(std::find(synced.begin(), synced.end(), parent) != synced.end(),
                      "the parent " << parent << " was not fsynced after the mkdir of " << level);
    }
    // Exactly the three missing levels were made, from the top down.
    std::vector<std::string> made;
    for (const Syscall& call : calls)
        if ((call.name == "mkdir" || call.name == "mkdirat") && call.result == 0) made.push_back(call.path);
    CHECK(made == std::vector<std::string>{a.string(), b.string(), c.string()});
}

TEST_CASE("a data folder that cannot be created stops the server at start with a clear message") {
    TempFolder tmp;
    std::ofstream(tmp.path() / "file") << "not a folder";
    const fs::path folder = tmp.path() / "file" / "sub";
    const Child server = start(server_args(folder / "spoc.db"), tmp.path() / "stderr.txt");
    const std::string output = read_output(server.stdout_fd, "spoc is serving", Clock::now() + std::chrono::seconds(5));
    close(server.stdout_fd);
    CHECK(wait_exit(server.pid, std::chrono::seconds(5)) == 1);
    CHECK(output.find("spoc is serving") == std::string::npos);
    const std::string error = file_text(tmp.path() / "stderr.txt");
    CAPTURE(error);
    CHECK(error.find("cannot create the data folder " + folder.string()) != std::string::npos);
    CHECK(error.find((tmp.path() / "file").string() + " exists and is not a folder") != std::string::npos);
    CHECK(fs::is_regular_file(tmp.path() / "file"));
}
