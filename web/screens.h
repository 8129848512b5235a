// One frame function per screen of the portal. Each draws AppState and calls the
// actions of app_actions.h; none of them decides a business rule.
#pragma once
#include <imgui.h>

#include "app_state.h"

namespace spoc::web {

void ShowHeader(AppState& app, float height);  // organisation, logo, language
void ShowHome(AppState& app);
void ShowRequestForm(AppState& app);
void ShowSubmitted(AppState& app);
void ShowMyRequests(AppState& app);
void ShowRequestDetail(AppState& app);

// Shared by the list and the detail view.
std::string local_time(Timestamp at);  // "2026-11-25 14:03" in the browser's time zone
ImU32 state_color(State s);
ImU32 state_background(State s);

}  // namespace spoc::web
