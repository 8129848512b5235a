// A concurrency smoke test: many clients filing at once all get 201 and distinct ids.
#include <doctest/doctest.h>

#include <cstdio>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "api_helpers.h"
#include "server_process.h"

using namespace spoc_test;

TEST_CASE("8 threads filing 50 requests each all get 201 and distinct ids") {
    SpocServer server;
    constexpr int kThreads = 8, kEach = 50;
    struct Outcome {
        std::vector<int> statuses;
        std::vector<long long> ids;
        std::vector<std::string> refs;
    };
    std::vector<Outcome> outcomes(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&server, &outcome = outcomes[t], t] {
            auto client = server.client();
            client.set_keep_alive(t % 2 == 0);  // half of them reuse their connection
            for (int i = 0; i < kEach; ++i) {
                const json body = new_request_body({{"subject", "Thread " + std::to_string(t) + " request " + std::to_string(i)}});
                auto res = client.Post("/api/v1/requests", body.dump(), "application/json");
                outcome.statuses.push_back(res ? res->status : -1);
                if (!res || res->status != 201) continue;
                const json r = json::parse(res->body, nullptr, false);
                if (r.is_discarded()) continue;
                outcome.ids.push_back(r.value("id", 0LL));
                outcome.refs.push_back(r.value("ref", ""));
            }
        });
    for (auto& t : threads) t.join();

    std::set<long long> ids;
    std::set<std::string> refs;
    for (const Outcome& o : outcomes) {
        CHECK(o.statuses == std::vector<int>(kEach, 201));
        ids.insert(o.ids.begin(), o.ids.end());
        refs.insert(o.refs.begin(), o.refs.end());
    }
    CHECK(ids.size() == kThreads * kEach);
    CHECK(refs.size() == kThreads * kEach);
    CHECK(*ids.begin() == 1);
    CHECK(*ids.rbegin() == kThreads * kEach);

    // and the desk sees all of them, each once
    auto client = server.client();
    std::set<long long> listed;
    std::string query = "?limit=200";
    for (int page = 0; page < 5; ++page) {
        const json p = json_of(get(client, "/api/v1/requests" + query, kDeskToken));
        for (const json& r : p["items"]) CHECK(listed.insert(r["id"].get<long long>()).second);
        if (p["next"].is_null()) break;
        query = "?limit=200&cursor=" + p["next"].get<std::string>();
    }
    CHECK(listed == ids);
}

// cpp-httplib listens with a backlog of 5; a burst of new connections beyond it loses
// SYNs and waits a second per retry. The server sets a longer queue: ss shows it.
TEST_CASE("the listening socket queues a burst of new connections (backlog of 1024)") {
    SpocServer server;
    const std::string command =
        "ss -ltnH 'sport = :" + std::to_string(server.process().port()) + "' 2>/dev/null";
    FILE* out = popen(command.c_str(), "r");
    REQUIRE(out);
    char line[512] = {};
    const bool got = std::fgets(line, sizeof line, out) != nullptr;
    pclose(out);
    if (!got) return;  // no ss here: nothing to read the queue with
    // State Recv-Q Send-Q Local... ; for a listening socket Send-Q is the backlog.
    std::istringstream fields(line);
    std::string state;
    long recv_q = 0, backlog = 0;
    fields >> state >> recv_q >> backlog;
    CHECK(state == "LISTEN");
    CHECK(backlog >= 1024);
}
