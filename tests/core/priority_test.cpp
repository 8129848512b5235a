// Covers the priority matrix: all nine impact x urgency cells of DESIGN.md and invalid input.
#include <doctest/doctest.h>

#include <string>

#include "priority.h"
#include "request.h"

using namespace spoc;

namespace {

std::string name(Level l) {
    switch (l) {
        case Level::high: return "high";
        case Level::medium: return "medium";
        case Level::low: return "low";
        case Level::invalid: break;
    }
    return "invalid";
}

struct Cell {
    Level impact;
    Level urgency;
    int priority;
};

// impact \ urgency | high | medium | low
// high             |  1   |   2    |  3
// medium           |  2   |   3    |  4
// low              |  3   |   4    |  5
constexpr Cell matrix[] = {
    {Level::high, Level::high, 1},   {Level::high, Level::medium, 2},   {Level::high, Level::low, 3},
    {Level::medium, Level::high, 2}, {Level::medium, Level::medium, 3}, {Level::medium, Level::low, 4},
    {Level::low, Level::high, 3},    {Level::low, Level::medium, 4},    {Level::low, Level::low, 5},
};

}  // namespace

TEST_CASE("every one of the nine impact and urgency cells has the priority of the ITIL matrix") {
    for (const Cell& c : matrix) {
        CAPTURE(name(c.impact));
        CAPTURE(name(c.urgency));
        CHECK(priority(c.impact, c.urgency) == c.priority);
    }
}

TEST_CASE("the matrix treats impact and urgency alike") {
    for (const Cell& c : matrix) {
        CAPTURE(name(c.impact));
        CAPTURE(name(c.urgency));
        CHECK(priority(c.impact, c.urgency) == priority(c.urgency, c.impact));
    }
}

TEST_CASE("levels read from their JSON strings give the same priorities") {
    CHECK(priority(level_from_string("high"), level_from_string("high")) == 1);
    CHECK(priority(level_from_string("high"), level_from_string("low")) == 3);
    CHECK(priority(level_from_string("medium"), level_from_string("medium")) == 3);
    CHECK(priority(level_from_string("low"), level_from_string("low")) == 5);
}

TEST_CASE("an invalid impact or urgency gives priority 0") {
    SUBCASE("invalid impact") {
        for (Level u : {Level::high, Level::medium, Level::low}) CHECK(priority(Level::invalid, u) == 0);
    }
    SUBCASE("invalid urgency") {
        for (Level i : {Level::high, Level::medium, Level::low}) CHECK(priority(i, Level::invalid) == 0);
    }
    SUBCASE("both invalid") { CHECK(priority(Level::invalid, Level::invalid) == 0); }
    SUBCASE("a level spelled in a way the API does not know") {
        CHECK(priority(level_from_string("critical"), Level::high) == 0);
        CHECK(priority(Level::high, level_from_string("HIGH")) == 0);
    }
}
