// The sign-in screen: email and password for people with an account (the desk's staff, partner
// help desks, requesters who want all their requests in one place). Guests need none.
#include "app_actions.h"
#include "screens.h"
#include "ui.h"

namespace spoc::web {

void ShowSignIn(AppState& app) {
    const ui::Column c = ui::begin_column(520);
    ui::gap(12);
    if (ui::link_button("sign_in.back", "‹ " + app.t("nav.home"))) go(app, Screen::home);
    ui::title(app.t("account.title"));
    ui::paragraph(app.t("account.hint"), ui::color::muted);
    ui::gap(8);
    Account& a = app.account;
    if (a.user) {
        ui::notice(app.t("account.signed_in_as", {{"name", a.user->name}}), ui::Tone::info);
        if (ui::secondary_button("sign_in.out", app.t("account.sign_out"))) sign_out(app);
        ui::end_column(c);
        return;
    }
    ui::text_field("sign_in.email", app.t("account.email"), a.email, "", "", c.width);
    ui::text_field("sign_in.password", app.t("account.password"), a.password, "", "", c.width, false, true);
    const bool enter = ui::key_pressed(ui::key::enter) && !a.email.empty() && !a.password.empty();
    if (!a.notice.empty()) {
        ui::shown("sign_in.notice", a.notice);
        ui::notice(a.notice, ui::Tone::error);
    }
    ui::gap(8);
    const bool ready = !a.busy && !a.email.empty() && !a.password.empty();
    if (ui::primary_button("sign_in.submit", app.t(a.busy ? "account.signing_in" : "account.sign_in"), ready) ||
        (enter && ready))
        sign_in(app);
    ui::gap(24);
    ui::end_column(c);
}

}  // namespace spoc::web
