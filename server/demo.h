// The demo desk (`spoc-server --demo`): two partner organisations, people of every role, support
// groups of every tier and about 200 requests over the last 45 days, written through the Store
// and core's rules, so every timeline is what the API would have recorded.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "catalog.h"
#include "clock.h"
#include "passwords.h"
#include "routing.h"
#include "store.h"

namespace spoc {

// Every demo account signs in with this password.
inline constexpr const char* kDemoPassword = "demo-password-2026";

// One sign-in to show a newcomer: a role, the account's email and who they are.
struct DemoSignIn {
    std::string role;
    std::string email;
    std::string who;
};
std::vector<DemoSignIn> demo_sign_ins();

// Whether the demo may be seeded: the store has no users and no requests yet.
bool empty_for_demo(Store& store);

// Whether this store holds the demo (its admin account exists).
bool has_demo(Store& store);

struct DemoSummary {
    int people = 0;
    int organisations = 0;
    int groups = 0;
    int requests = 0;
    std::map<std::string, int> by_state;  // "new" -> count, ...
};

// Seeds the demo into an empty store (see empty_for_demo): organisations and groups that
// already exist by name are reused. Requests are opened, triaged, assigned, escalated, answered
// and resolved with core's rules, acting as the people the API would have let do it; the
// content is the same on every run (a fixed-seed generator), the times relative to `now`.
// Throws std::logic_error when a rule refuses a step (a bug in the demo's script).
DemoSummary seed_demo(Store& store, Passwords& passwords, const Catalog& catalog, const RoutingRules& routing,
                      Timestamp now);

}  // namespace spoc
