// A concurrency smoke test: many clients filing at once all get 201 and distinct ids.
#include <doctest/doctest.h>

#include <set>
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
