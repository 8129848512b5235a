// The entry point of the server test suite: doctest's runner, with SIGPIPE ignored so a
// server that hangs up in the middle of a body fails a check instead of killing the suite.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <csignal>

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);
    return doctest::Context(argc, argv).run();
}
