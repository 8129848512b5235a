// Covers RFC 3339 time: to_rfc3339/from_rfc3339 round trips (epoch 0, leap days, every day
// for two centuries) and rejection of malformed or impossible timestamps.
#include <doctest/doctest.h>

#include <string>

#include "clock.h"

using namespace spoc;

namespace {

struct Instant {
    Timestamp t;
    const char* text;
};

constexpr Instant known[] = {
    {0, "1970-01-01T00:00:00Z"},
    {1, "1970-01-01T00:00:01Z"},
    {-1, "1969-12-31T23:59:59Z"},
    {86399, "1970-01-01T23:59:59Z"},
    {951782400, "2000-02-29T00:00:00Z"},
    {946684799, "1999-12-31T23:59:59Z"},
    {1709164800, "2024-02-29T00:00:00Z"},
    {1709210096, "2024-02-29T12:34:56Z"},
    {1709251199, "2024-02-29T23:59:59Z"},
    {1709251200, "2024-03-01T00:00:00Z"},
    {1795546346, "2026-11-24T18:52:26Z"},
    {4107542400, "2100-03-01T00:00:00Z"},
};

}  // namespace

TEST_CASE("epoch 0 is 1970-01-01T00:00:00Z and back") {
    CHECK(to_rfc3339(0) == "1970-01-01T00:00:00Z");
    REQUIRE(from_rfc3339("1970-01-01T00:00:00Z").has_value());
    CHECK(*from_rfc3339("1970-01-01T00:00:00Z") == 0);
}

TEST_CASE("the leap day 2024-02-29 survives a round trip") {
    const auto t = from_rfc3339("2024-02-29T12:34:56Z");
    REQUIRE(t.has_value());
    CHECK(*t == 1709210096);
    CHECK(to_rfc3339(*t) == "2024-02-29T12:34:56Z");
    CHECK(to_rfc3339(*t + 86400) == "2024-03-01T12:34:56Z");
    CHECK(to_rfc3339(*t - 86400) == "2024-02-28T12:34:56Z");
}

TEST_CASE("known instants convert both ways") {
    for (const Instant& i : known) {
        const std::string text = i.text;
        CAPTURE(text);
        CHECK(to_rfc3339(i.t) == i.text);
        const auto back = from_rfc3339(i.text);
        REQUIRE(back.has_value());
        CHECK(*back == i.t);
    }
}

TEST_CASE("every day from 1900 to 2200 survives a round trip") {
    const Timestamp from = -2208988800;  // 1900-01-01T00:00:00Z
    const Timestamp to = 7258118400;     // 2200-01-01T00:00:00Z
    long long days = 0;
    std::string first_failure;
    for (Timestamp t = from; t < to; t += 86400 + 3607) {  // walks through the hours of the day too
        const std::string text = to_rfc3339(t);
        const auto back = from_rfc3339(text);
        if ((!back || *back != t) && first_failure.empty()) first_failure = text;
        ++days;
    }
    CAPTURE(first_failure);
    CHECK(first_failure.empty());
    CHECK(days > 100000);
    CHECK(to_rfc3339(from) == "1900-01-01T00:00:00Z");
    CHECK(to_rfc3339(to) == "2200-01-01T00:00:00Z");
}

TEST_CASE("malformed strings are rejected") {
    for (const std::string bad : {
             "",
             "2024-02-29",
             "2024-02-29T12:34:56",
             "2024-02-29 12:34:56Z",
             "2024-02-29t12:34:56Z",
             "2024-02-29T12:34:56+01:00",
             "2024-02-29T12:34:56.123Z",
             "2024-02-29T12:34:56ZZ",
             " 2024-02-29T12:34:56Z",
             "2024-02-29T12:34:56Z ",
             "2024/02/29T12:34:56Z",
             "2024-02-29T12.34.56Z",
             "24-02-29T12:34:56Z",
             "2024-2-29T12:34:56Z",
             "abcd-ef-ghTij:kl:mnZ",
             "2024-02-29T12:34:5xZ",
             "2024-+2-29T12:34:56Z",
             "2024-02-+9T12:34:56Z",
             "2024-02-29T-1:34:56Z",
             "2024-02-29T12:-4:56Z",
             "2024-02-29T12:34:-6Z",
             "2024-02-29T 2:34:56Z",
             "-024-02-29T12:34:56Z",
             "2024-02-29X12:34:56Z",
         }) {
        CAPTURE(bad);
        CHECK_FALSE(from_rfc3339(bad).has_value());
    }
}

TEST_CASE("dates and times that do not exist are rejected") {
    for (const std::string bad : {
             "2024-00-10T00:00:00Z",
             "2024-13-01T00:00:00Z",
             "2024-01-00T00:00:00Z",
             "2024-01-32T00:00:00Z",
             "2024-02-30T00:00:00Z",
             "2023-02-29T00:00:00Z",
             "1900-02-29T00:00:00Z",
             "2100-02-29T00:00:00Z",
             "2024-04-31T00:00:00Z",
             "2024-06-31T00:00:00Z",
             "2024-09-31T00:00:00Z",
             "2024-11-31T00:00:00Z",
             "2024-01-01T24:00:00Z",
             "2024-01-01T00:60:00Z",
             "2024-01-01T00:00:61Z",
         }) {
        CAPTURE(bad);
        CHECK_FALSE(from_rfc3339(bad).has_value());
    }
}

TEST_CASE("the last day of every month is accepted") {
    for (const std::string good : {"2024-01-31T00:00:00Z", "2024-02-29T00:00:00Z", "2023-02-28T00:00:00Z",
                             "2000-02-29T00:00:00Z", "2024-03-31T00:00:00Z", "2024-04-30T00:00:00Z",
                             "2024-05-31T00:00:00Z", "2024-06-30T00:00:00Z", "2024-07-31T00:00:00Z",
                             "2024-08-31T00:00:00Z", "2024-09-30T00:00:00Z", "2024-10-31T00:00:00Z",
                             "2024-11-30T00:00:00Z", "2024-12-31T23:59:59Z"}) {
        CAPTURE(good);
        const auto t = from_rfc3339(good);
        REQUIRE(t.has_value());
        CHECK(to_rfc3339(*t) == good);
    }
}
