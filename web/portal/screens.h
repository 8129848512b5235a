// One frame function per screen of the portal. Each draws AppState and calls the
// actions of app_actions.h; none of them decides a business rule.
#pragma once
#include "app_state.h"
#include "ui.h"

namespace spoc::web {

void ShowHeader(AppState& app, float height);  // organisation, logo, language
void ShowHome(AppState& app);
void ShowRequestForm(AppState& app);
void ShowSubmitted(AppState& app);
// The knowledge hints of the form (form_hints.cpp): searched in the frame that draws them.
bool HintsBesideForm(const AppState& app);  // a wide screen with an index: a panel beside the form
void ShowHints(AppState& app);               // in the form's flow (a phone): below the description
// Beside the form (form.aside_left): from height top down, following the person as they scroll,
// not past bottom.
void ShowHintsBeside(AppState& app, const ui::Column& form, float top, float bottom);
void ShowArticle(AppState& app);  // a knowledge article, "This solved it", "Not helpful", back
void ShowSolved(AppState& app);   // after "This solved it": nothing was filed
void ShowMyRequests(AppState& app);
void ShowRequestDetail(AppState& app);
void ShowSignIn(AppState& app);
}  // namespace spoc::web
