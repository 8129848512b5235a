// One frame function per screen of the portal. Each draws AppState and calls the
// actions of app_actions.h; none of them decides a business rule.
#pragma once
#include "app_state.h"

namespace spoc::web {

void ShowHeader(AppState& app, float height);  // organisation, logo, language
void ShowHome(AppState& app);
void ShowRequestForm(AppState& app);
void ShowSubmitted(AppState& app);
void ShowMyRequests(AppState& app);
void ShowRequestDetail(AppState& app);
void ShowSignIn(AppState& app);
// The desk's console (console/): the queue table, and one request with the desk's actions.
void ShowQueue(AppState& app);
void ShowDeskRequest(AppState& app);
void ShowRouting(AppState& app);  // where new requests land: type x organisation -> first group

}  // namespace spoc::web
