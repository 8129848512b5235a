// How a request's facts read on screen, alike in the portal and the console: times in the
// browser's zone, the state's colours and words, the priority's words.
#pragma once
#include <imgui.h>

#include <string>

#include "app_state.h"

namespace spoc::web {

std::string local_time(Timestamp at);  // "2026-11-25 14:03" in the browser's time zone
ImU32 state_color(State s);
ImU32 state_background(State s);
std::string state_text(const AppState& app, State s);
std::string priority_text(const AppState& app, int p);  // "Priority 2 · High"

}  // namespace spoc::web
