// The knowledge hints of the request form: "These articles may help", the best three articles for
// what the person is typing, beside the form on a wide screen and below the description on a
// phone. Nothing shows while nothing matches.
#include <algorithm>

#include "app_actions.h"
#include "screens.h"
#include "ui.h"

namespace spoc::web {
namespace {

constexpr float kBesideMinCssWidth = 1040;  // a form of 680 and a panel of 340 side by side
float g_panel_height = 0;                   // the last one drawn beside the form

// The hints for the test hook and the bench, whether shown or not.
void report(const AppState& app) {
    const KnowledgeState& k = app.knowledge;
    const auto index = k.indexes.find(app.lang);
    ui::shown("hints.index", index == k.indexes.end() ? "" : std::to_string(index->second.article_count()));
    std::string titles, ids;
    for (const search::SearchHit& h : k.hints) {
        titles += (titles.empty() ? "" : "\n") + h.title;
        ids += (ids.empty() ? "" : ",") + std::to_string(h.id);
    }
    ui::shown("hints", titles);
    ui::shown("hints.ids", ids);
    ui::shown("hints.ms", std::to_string(k.hint_ms));
    ui::shown("hints.computed", std::to_string(k.hints_computed));
    ui::shown("hints.index_ms", std::to_string(k.index_load_ms));
}

void draw_panel(AppState& app) {
    ui::begin_panel();
    ui::heading(app.t("hints.title"));
    const float width = ui::current_column().width;
    std::int64_t chosen = 0;
    for (const search::SearchHit& h : app.knowledge.hints)
        if (ui::link_card("hints.article." + std::to_string(h.id), h.title, h.snippet, width)) chosen = h.id;
    ui::end_panel();
    if (chosen) open_article(app, chosen);
}

}  // namespace

bool HintsBesideForm(const AppState& app) {
    return ImGui::GetWindowWidth() >= ui::px(kBesideMinCssWidth) && app.knowledge.indexes.count(app.lang) > 0;
}

void ShowHints(AppState& app) {
    update_hints(app);
    report(app);
    if (app.knowledge.hints.empty()) return;
    draw_panel(app);
    ui::gap(8);
}

void ShowHintsBeside(AppState& app, const ui::Column& form, float top, float bottom) {
    update_hints(app);
    report(app);
    if (app.knowledge.hints.empty()) return;
    // It follows the person down the form while they scroll, and stays within the form.
    const float visible_top = ImGui::GetWindowPos().y + ui::px(16);
    float y = std::max(top, visible_top);
    if (y + g_panel_height > bottom) y = std::max(top, bottom - g_panel_height);
    const ui::Column aside = ui::begin_column_at(form.aside_left, form.aside_width, y);
    const float before = ImGui::GetCursorScreenPos().y;
    draw_panel(app);
    g_panel_height = ImGui::GetCursorScreenPos().y - before;
    ui::end_column(aside);
}

}  // namespace spoc::web
