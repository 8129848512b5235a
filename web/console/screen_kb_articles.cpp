// The console's knowledge base: every article (all states, both languages) in one dense table
// (ImGui table with a clipper) with its version and counters, sortable by any column, so the
// desk sees which articles deflect requests and which people mark as not helpful.
#include <algorithm>

#include "console_actions.h"
#include "kb_console_actions.h"
#include "kb_display.h"
#include "request_display.h"
#include "ui.h"

namespace spoc::web {
namespace {

constexpr ImU32 kInternal = IM_COL32(150, 96, 0, 255);  // internal: amber, as internal notes
constexpr ArticleState kStates[] = {ArticleState::draft, ArticleState::published, ArticleState::retired};

ImU32 article_state_color(ArticleState s) {
    switch (s) {
        case ArticleState::published: return ui::color::success;
        case ArticleState::retired: return ui::color::muted;
        default: return ui::color::primary;
    }
}

void filters(AppState& app) {
    KnowledgeDesk& k = app.console->kb;
    bool changed = false;
    if (ui::key_pressed('/') && !ui::typing()) ui::focus_next_text_field();
    changed |= ui::dense_input("kb.filter", app.t("kb.filter"), k.text_filter, ui::px(280));
    ImGui::SameLine();
    int lang_index = k.lang_filter ? (*k.lang_filter == ArticleLang::de ? 1 : 0) : -1;
    if (ui::select("kb.lang", {app.t("kb.lang.en"), app.t("kb.lang.de")}, lang_index, ui::px(150), app.t("kb.any_lang"))) {
        k.lang_filter = lang_index < 0 ? std::nullopt
                                       : std::optional<ArticleLang>(lang_index == 1 ? ArticleLang::de : ArticleLang::en);
        changed = true;
    }
    ImGui::SameLine();
    std::vector<std::string> states;
    int state_index = -1;
    for (int i = 0; i < 3; ++i) {
        states.push_back(article_state_text(app, kStates[i]));
        if (k.state_filter == kStates[i]) state_index = i;
    }
    if (ui::select("kb.state", states, state_index, ui::px(150), app.t("kb.any_state"))) {
        k.state_filter = state_index < 0 ? std::nullopt : std::optional<ArticleState>(kStates[state_index]);
        changed = true;
    }
    if (changed) k.view_stale = true;
}

void keyboard(AppState& app) {
    KnowledgeDesk& k = app.console->kb;
    if (ui::popup_open()) return;  // the keys are the drop-down's
    if (ui::typing()) {
        if (ui::key_pressed(ui::key::escape) || ui::key_pressed(ui::key::enter)) ImGui::SetWindowFocus(nullptr);
        return;
    }
    const int last = static_cast<int>(k.view.size()) - 1;
    if (ui::key_pressed(ui::key::down) || ui::key_pressed('J')) k.selected = std::min(last, k.selected + 1);
    if (ui::key_pressed(ui::key::up) || ui::key_pressed('K')) k.selected = std::max(0, k.selected - 1);
    if (ui::key_pressed(ui::key::page_down)) k.selected = std::min(last, k.selected + 20);
    if (ui::key_pressed(ui::key::page_up)) k.selected = std::max(0, k.selected - 20);
    if (ui::key_pressed(ui::key::home)) k.selected = 0;
    if (ui::key_pressed(ui::key::end)) k.selected = std::max(0, last);
    if ((ui::key_pressed(ui::key::enter) || ui::key_pressed('O')) && last >= 0)
        open_kb_article(app, k.rows[static_cast<std::size_t>(k.view[static_cast<std::size_t>(k.selected)])].id);
    if (ui::key_pressed('N')) new_kb_article(app);
    if (ui::key_pressed('R') && !k.loading) load_articles(app);
    if (ui::key_pressed(ui::key::escape)) go(app, Screen::queue);
}

struct Column {
    const char* key;  // message key kb.col.<name>, and the test id kb.sort.<name>
    ArticleColumn id;
    float width;      // 0: stretch
};
constexpr Column kColumns[] = {{"title", ArticleColumn::title, 0},
                               {"lang", ArticleColumn::lang, 56},
                               {"visibility", ArticleColumn::visibility, 108},
                               {"state", ArticleColumn::state, 112},
                               {"version", ArticleColumn::version, 40},
                               {"updated", ArticleColumn::updated, 132},
                               {"helpful", ArticleColumn::helpful, 90},
                               {"unhelpful", ArticleColumn::unhelpful, 128},
                               {"deflections", ArticleColumn::deflections, 96}};
constexpr int kColumnCount = static_cast<int>(sizeof kColumns / sizeof kColumns[0]);

// A count, right-aligned in its cell, in `tone` when it is not zero.
void count_cell(std::int64_t n, ImU32 tone) {
    const std::string text = std::to_string(n);
    const float w = ImGui::CalcTextSize(text.c_str()).x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetContentRegionAvail().x - w - ui::px(8)));
    ImGui::PushStyleColor(ImGuiCol_Text, n > 0 ? tone : ui::color::muted);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
}

void table(AppState& app, float height) {
    KnowledgeDesk& k = app.console->kb;
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("kb", kColumnCount, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const Column& col : kColumns) {
        ImGuiTableColumnFlags f = col.width > 0 ? ImGuiTableColumnFlags_WidthFixed : ImGuiTableColumnFlags_WidthStretch;
        if (col.id == ArticleColumn::updated) f |= ImGuiTableColumnFlags_DefaultSort;
        if (col.id >= ArticleColumn::version) f |= ImGuiTableColumnFlags_PreferSortDescending;  // most first
        ImGui::TableSetupColumn(app.t(std::string("kb.col.") + col.key).c_str(), f, ui::px(col.width),
                                static_cast<ImGuiID>(col.id));
    }
    // The header row, one header at a time so each is in the registry (kb.sort.<column>).
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int i = 0; i < kColumnCount; ++i) {
        ImGui::TableSetColumnIndex(i);
        ImGui::TableHeader(app.t(std::string("kb.col.") + kColumns[i].key).c_str());
        ui::track(std::string("kb.sort.") + kColumns[i].key);
    }
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty && specs->SpecsCount > 0) {
        k.sort = static_cast<ArticleColumn>(specs->Specs[0].ColumnUserID);
        k.descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
        specs->SpecsDirty = false;
        k.view_stale = true;
        refresh_article_view(app);
    }

    const float row_height = ui::px(28);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(k.view.size()), row_height);
    static int scrolled_to = -1;
    if (scrolled_to != k.selected) clipper.ForceDisplayRangeByIndices(k.selected, k.selected + 1);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Article& a = k.rows[static_cast<std::size_t>(k.view[static_cast<std::size_t>(i)])];
            const std::string id = std::to_string(a.id);
            ImGui::TableNextRow(0, row_height);
            ImGui::TableNextColumn();
            const bool selected = i == k.selected;
            if (ui::table_row("kb.row." + id, selected, row_height)) {
                k.selected = i;
                if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) open_kb_article(app, a.id);
            }
            if (selected && scrolled_to != k.selected) {
                ImGui::SetScrollHereY(0.5f);
                scrolled_to = k.selected;
            }
            // What the tests read of a row: its state, version and counters.
            ui::shown("kb.row." + id, std::string(to_string(a.state)) + " v" + std::to_string(a.version) +
                                          " helpful=" + std::to_string(a.helpful) + " unhelpful=" +
                                          std::to_string(a.unhelpful) + " deflections=" + std::to_string(a.deflections));
            if (i == 0) ui::shown("kb.first", id);
            ImGui::TextUnformatted(a.title.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(article_lang_text(a.lang).c_str());
            ImGui::TableNextColumn();
            ImGui::PushStyleColor(ImGuiCol_Text, a.visibility == Visibility::internal ? kInternal : ui::color::muted);
            ImGui::TextUnformatted(visibility_text(app, a.visibility).c_str());
            ImGui::PopStyleColor();
            ImGui::TableNextColumn();
            ImGui::PushStyleColor(ImGuiCol_Text, article_state_color(a.state));
            ImGui::TextUnformatted(article_state_text(app, a.state).c_str());
            ImGui::PopStyleColor();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(std::to_string(a.version).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(local_time(a.updated_at).c_str());
            ImGui::TableNextColumn();
            count_cell(a.helpful, ui::color::success);
            ImGui::TableNextColumn();
            count_cell(a.unhelpful, ui::color::error);
            ImGui::TableNextColumn();
            count_cell(a.deflections, ui::color::success);
        }
    }
    ImGui::EndTable();
}

}  // namespace

void ShowKnowledge(AppState& app) {
    KnowledgeDesk& k = app.console->kb;
    refresh_article_view(app);
    const float margin = ui::px(16);
    ImGui::SetCursorPos(ImVec2(margin, ui::px(8)));
    ImGui::BeginGroup();
    ui::heading(app.t("kb.title") + (app.account.user ? "  ·  " + app.account.user->name : ""));
    if (ui::dense_button("kb.back", "‹ " + app.t("kb.to_queue"))) go(app, Screen::queue);
    if (may_write_knowledge(app)) {
        ImGui::SameLine(0, ui::px(8));
        if (ui::dense_button("kb.new", app.t("kb.new_key"), true, true)) new_kb_article(app);
    }
    ImGui::SameLine(0, ui::px(8));
    if (ui::dense_button("kb.reload", app.t("kb.reload"), !k.loading)) load_articles(app);
    ui::gap(4);
    filters(app);
    std::int64_t deflections = 0, unhelpful = 0;
    for (const int i : k.view) {
        deflections += k.rows[static_cast<std::size_t>(i)].deflections;
        unhelpful += k.rows[static_cast<std::size_t>(i)].unhelpful;
    }
    const std::string count = app.t("kb.count", {{"shown", std::to_string(k.view.size())},
                                                 {"loaded", std::to_string(k.rows.size())},
                                                 {"deflections", std::to_string(deflections)},
                                                 {"unhelpful", std::to_string(unhelpful)}}) +
                              (k.loading ? "  ·  " + app.t("mine.loading") : "");
    ui::shown("kb.count", std::to_string(k.view.size()));
    ui::shown("kb.loaded", k.loading ? "no" : "yes");
    ui::paragraph(count, ui::color::muted);
    if (!k.load_notice.empty()) {
        ui::shown("kb.notice", k.load_notice);
        ui::paragraph(k.load_notice, ui::color::error);
    }
    keyboard(app);
    const float legend = ui::px(30);
    const float width = ImGui::GetWindowWidth() - 2 * margin;
    const float height = std::max(ui::px(120), ImGui::GetWindowHeight() - ImGui::GetCursorPosY() - legend - ui::px(8));
    ImGui::BeginChild("kb.area", ImVec2(width, height));
    table(app, height);
    ImGui::EndChild();
    ui::paragraph(app.t(may_write_knowledge(app) ? "kb.keys.list" : "kb.keys.list_read"), ui::color::muted);
    ImGui::EndGroup();
}

}  // namespace spoc::web
