// What the console's actions share: reading a whole JSON list of the API page by page.
#pragma once
#include <functional>
#include <string>

#include "app_state.h"
#include "console_state.h"
#include "http_client.h"

namespace spoc::web {

// Pages of a JSON list ({"items", "next"}) into `each`, then `done`; stops asking for pages
// once `wanted` says no (a newer load took its place). A page that fails goes to `failed`
// (then `done`). The path carries a query already ("...?limit=200").
void load_list(AppState& app, const std::string& path, std::function<void(const json&)> each,
               std::function<void()> done = {}, std::function<bool()> wanted = {},
               std::function<void(const HttpResponse&)> failed = {});

}  // namespace spoc::web
