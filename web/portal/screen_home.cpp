// The header on every screen, the home screen (two big choices and "My requests")
// and the screen that confirms a filed request with its reference.
#include <algorithm>
#include <cstdint>

#include "app_actions.h"
#include "platform.h"
#include "screens.h"
#include "ui.h"

namespace spoc::web {

void ShowHeader(AppState& app, float height) {
    ui::shown("lang", app.lang);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 at = ImGui::GetWindowPos();
    const float width = ImGui::GetWindowWidth();
    dl->AddRectFilled(at, ImVec2(at.x + width, at.y + height), ui::color::brand);

    // The logo slot: the configured logo, or the organisation's initial in a circle.
    const float slot = ui::px(44);
    const float slot_x = at.x + ui::px(14), slot_y = at.y + (height - slot) / 2;
    float logo_w = slot;
    int iw = 0, ih = 0;
    ImFont* bold = ui::bold_font();
    if (app.logo_texture && image_size(app.logo_texture, iw, ih)) {
        logo_w = std::min(slot * iw / ih, ui::px(160));
        const float logo_h = logo_w * ih / iw;
        const ImTextureID texture = reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(app.logo_texture));
        dl->AddImage(texture, ImVec2(slot_x, at.y + (height - logo_h) / 2),
                     ImVec2(slot_x + logo_w, at.y + (height + logo_h) / 2));
    } else {
        const ImVec2 centre(slot_x + slot / 2, slot_y + slot / 2);
        dl->AddCircleFilled(centre, slot / 2, IM_COL32_WHITE, 32);
        std::size_t first = app.config.organisation.empty() ? 0 : 1;  // one UTF-8 character
        while (first < app.config.organisation.size() && (app.config.organisation[first] & 0xC0) == 0x80) ++first;
        const std::string initial = app.config.organisation.substr(0, first);
        const ImVec2 is = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, initial.c_str());
        dl->AddText(bold, bold->FontSize, ImVec2(centre.x - is.x / 2, centre.y - is.y / 2), ui::color::brand,
                    initial.c_str());
    }

    const float text_x = slot_x + logo_w + ui::px(12);
    ImFont* regular = ui::regular_font();
    const float line = bold->FontSize;
    // On the right, from the edge: the language switch (the next language of the catalog,
    // named in that language), signing in or out, and for staff the way between portal and console.
    const std::vector<std::string> langs = languages(app.messages_config);
    std::size_t current = 0;
    while (current < langs.size() && langs[current] != app.lang) ++current;
    const std::string next_lang = langs.empty() ? "en" : langs[(current + 1) % langs.size()];
    const std::string lang_label = app.messages_config.value(next_lang, json::object()).value("language.name", next_lang);
    float right = at.x + width - ui::px(12);
    auto header_button = [&](const std::string& test_id, const std::string& label) {
        const float w = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, label.c_str()).x + ui::px(32);
        right -= w;
        ImGui::SetCursorScreenPos(ImVec2(right, at.y + (height - ui::px(44)) / 2));
        const ImVec2 b = ImGui::GetCursorScreenPos();
        ImGui::PushID(test_id.c_str());
        const bool pressed = ImGui::InvisibleButton("##h", ImVec2(w, ui::px(44)));
        const bool hovered = ImGui::IsItemHovered();
        ImGui::PopID();
        ui::track(test_id);
        dl->AddRect(b, ImVec2(b.x + w, b.y + ui::px(44)), hovered ? IM_COL32_WHITE : IM_COL32(150, 180, 215, 255),
                    ui::px(8), 0, ui::px(1.5f));
        const ImVec2 ls = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, label.c_str());
        dl->AddText(bold, bold->FontSize, ImVec2(b.x + (w - ls.x) / 2, b.y + (ui::px(44) - ls.y) / 2), IM_COL32_WHITE,
                    label.c_str());
        if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        right -= ui::px(8);
        return pressed;
    };
    if (header_button("header.language", lang_label)) set_language(app, next_lang, true);
    if (!app.kiosk) {
        if (app.account.user) {
            if (header_button("header.sign_out", app.t("header.sign_out"))) sign_out(app);
            const bool in_console = is_console_screen(app.screen);
            if (signed_in_staff(app) &&
                header_button(in_console ? "header.portal" : "header.console",
                              app.t(in_console ? "header.portal" : "header.console"))) {
                if (in_console) go(app, Screen::home);
                else open_console(app);
            }
        } else if (app.screen != Screen::sign_in && header_button("header.sign_in", app.t("header.sign_in"))) {
            go(app, Screen::sign_in);
        }
    }
    ui::shown("account", app.account.user ? app.account.user->email : "");
    const float text_right = right - ui::px(8);
    const ImVec4 clip(text_x, at.y, text_right, at.y + height);
    dl->AddText(bold, bold->FontSize, ImVec2(text_x, at.y + height / 2 - line), IM_COL32_WHITE,
                app.config.service_name.c_str(), nullptr, 0, &clip);
    dl->AddText(regular, regular->FontSize, ImVec2(text_x, at.y + height / 2), IM_COL32(210, 225, 245, 255),
                app.config.organisation.c_str(), nullptr, 0, &clip);
}

void ShowHome(AppState& app) {
    const ui::Column c = ui::begin_column(760);
    ui::gap(28);
    ui::title(app.t("home.title"));
    ui::gap(8);
    const bool two_columns = c.width >= ui::px(600);
    const float w = two_columns ? (c.width - ImGui::GetStyle().ItemSpacing.x) / 2 : c.width;
    if (ui::big_choice("home.report", app.t("home.report"), app.t("home.report.hint"), w))
        begin_form(app, Kind::incident);
    if (two_columns) ImGui::SameLine();
    if (ui::big_choice("home.request", app.t("home.request"), app.t("home.request.hint"), w))
        begin_form(app, Kind::service_request);
    ui::gap(4);
    if (!app.kiosk) {  // a kiosk keeps no one's requests
        std::string mine = app.t("home.mine");
        if (!app.followed.empty()) mine += " (" + std::to_string(app.followed.size()) + ")";
        if (ui::big_choice("home.mine", mine, app.t("home.mine.hint"), c.width)) go(app, Screen::mine);
    }
    if (!app.config.contact.empty()) {
        ui::gap(16);
        ui::paragraph(app.t("home.contact", {{"contact", app.config.contact}}), ui::color::muted);
    }
    ui::gap(24);
    ui::end_column(c);
}

void ShowSubmitted(AppState& app) {
    const ui::Column c = ui::begin_column(760);
    ui::gap(28);
    ui::title(app.t("done.title"));
    ui::gap(8);
    ui::shown("done.ref", app.submitted_ref);
    ui::notice(app.t("done.reference", {{"ref", app.submitted_ref}}), ui::Tone::success, ui::title_font());
    ui::gap(4);
    ui::paragraph(app.t(app.kiosk ? "done.next.kiosk" : "done.next"));
    if (app.storage_refused) {
        if (const FollowedRequest* r = app.find_followed(app.submitted_id)) {
            ui::notice(app.t("done.not_kept"), ui::Tone::error);
            const std::string link = follow_link(*r);
            ui::shown("done.link", link);
            ui::paragraph(link);
            if (ui::secondary_button("done.copy", app.t("detail.copy"))) copy_to_clipboard(link);
        }
    }
    ui::gap(12);
    if (!app.kiosk && ui::primary_button("done.view", app.t("done.view"))) open_request(app, app.submitted_id);
    if (ui::secondary_button("done.another", app.t(app.kiosk ? "done.finish" : "done.another"))) go(app, Screen::home);
    ui::gap(24);
    ui::end_column(c);
}

}  // namespace spoc::web
