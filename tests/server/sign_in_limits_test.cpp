// Covers the sign-in rate limits directly: failures per account and per address over a
// sliding window of 15 minutes, and what a success forgets.
#include <doctest/doctest.h>

#include "sign_in_limits.h"

using spoc::SignInLimits;

TEST_CASE("an account is limited after 5 failures in 15 minutes, until the oldest of them is 15 minutes old") {
    SignInLimits limits;
    for (int i = 0; i < 5; ++i) {
        CHECK(limits.retry_after("ada@example.org", "10.0.0.1", 1000 + i) == 0);
        limits.failed("ada@example.org", "10.0.0.1", 1000 + i);
    }
    CHECK(limits.retry_after("ada@example.org", "10.0.0.2", 1010) == 900 - 10);  // from another address too
    CHECK(limits.retry_after("bob@example.org", "10.0.0.1", 1010) == 0);         // another account is free
    CHECK(limits.retry_after("ada@example.org", "10.0.0.1", 1899) == 1);
    CHECK(limits.retry_after("ada@example.org", "10.0.0.1", 1900) == 0);  // the first failure left the window
}

TEST_CASE("an address is limited after 30 failures, whatever the accounts") {
    SignInLimits limits;
    for (int i = 0; i < 30; ++i) limits.failed("user" + std::to_string(i) + "@example.org", "10.0.0.9", 5000);
    CHECK(limits.retry_after("new@example.org", "10.0.0.9", 5001) == 899);
    CHECK(limits.retry_after("new@example.org", "10.0.0.8", 5001) == 0);
}

TEST_CASE("a successful sign-in forgets the account's failures") {
    SignInLimits limits;
    for (int i = 0; i < 4; ++i) limits.failed("ada@example.org", "10.0.0.1", 100);
    limits.succeeded("ada@example.org");
    limits.failed("ada@example.org", "10.0.0.1", 101);
    CHECK(limits.retry_after("ada@example.org", "10.0.0.1", 102) == 0);
}
