// Beside the article editor: what the article did for the desk (deflections, helpful, not
// helpful), its versions (who wrote each and when) with the chosen one's text read-only, and
// otherwise the text as typed, wrapped (a plain preview: the editor does not wrap lines).
#include <algorithm>

#include "kb_console_actions.h"
#include "kb_display.h"
#include "request_display.h"
#include "console_actions.h"
#include "ui.h"

namespace spoc::web {
namespace {

// A count with its label under it, in a box of the given width.
void stat(const std::string& test_id, const std::string& name, std::int64_t value, ImU32 tone, float width) {
    const std::string number = std::to_string(value);
    ui::shown(test_id, number);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float h = ui::px(58);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + width, at.y + h), ui::color::surface, ui::px(6));
    dl->AddRect(at, ImVec2(at.x + width, at.y + h), ui::color::border, ui::px(6));
    ImFont* big = ui::title_font();
    dl->AddText(big, big->FontSize, ImVec2(at.x + ui::px(10), at.y + ui::px(2)), value > 0 ? tone : ui::color::muted,
                number.c_str());
    dl->AddText(ImVec2(at.x + ui::px(10), at.y + h - ImGui::GetFontSize() - ui::px(4)), ui::color::muted, name.c_str());
    ImGui::Dummy(ImVec2(width, h));
}

void versions_table(AppState& app, KnowledgeDesk& k, float width) {
    const int rows = static_cast<int>(k.versions.size());
    const float row_height = ui::px(26);
    const float height = row_height * static_cast<float>(std::min(rows, 8) + 1) + ui::px(4);
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("kb.versions", 4, flags, ImVec2(width, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(app.t("kb.col.version").c_str(), ImGuiTableColumnFlags_WidthFixed, ui::px(36));
    ImGui::TableSetupColumn(app.t("kb.who").c_str(), ImGuiTableColumnFlags_WidthFixed, ui::px(120));
    ImGui::TableSetupColumn(app.t("kb.when").c_str(), ImGuiTableColumnFlags_WidthFixed, ui::px(132));
    ImGui::TableSetupColumn(app.t("kb.col.title").c_str(), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(rows, row_height);
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const ArticleVersion& v = k.versions[static_cast<std::size_t>(i)];
            ImGui::TableNextRow(0, row_height);
            ImGui::TableNextColumn();
            if (ui::table_row("kb_article.version." + std::to_string(v.article.version), i == k.version_shown, row_height))
                k.version_shown = i == k.version_shown ? -1 : i;
            ImGui::TextUnformatted(std::to_string(v.article.version).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(article_author(app, v).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(local_time(v.article.updated_at).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(v.article.title.c_str());
        }
    ImGui::EndTable();
}

// Text read-only in a box down to the window's bottom: a line of facts, the title, the tags and
// the body as written (wrapped; the Markdown is not drawn).
void text_box(const std::string& facts, const std::string& title, const std::string& tags, const std::string& body,
              float width) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4(IM_COL32(248, 249, 251, 255)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ui::px(10), ui::px(8)));
    const float height = std::max(ui::px(160), ImGui::GetWindowHeight() - ImGui::GetCursorPosY() - ui::px(16));
    ImGui::BeginChild("kb.text_box", ImVec2(width, height), true);
    ui::paragraph(facts, ui::color::muted);
    ui::heading(title);
    if (!tags.empty()) ui::paragraph(tags, ui::color::muted);
    ui::gap(4);
    ui::paragraph(body);
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

std::string tags_line(const AppState& app, const std::vector<std::string>& tags) {
    std::string line;
    for (const std::string& t : tags) line += (line.empty() ? "" : ", ") + t;
    return line.empty() ? "" : app.t("kb.field.tags") + ": " + line;
}

// The chosen version as it was written.
void version_text(AppState& app, const ArticleVersion& v, float width) {
    const Article& a = v.article;
    ui::shown("kb_article.version_shown", std::to_string(a.version));
    ui::shown("kb_article.version_text", a.body);
    const std::string facts = app.t("kb.version_of", {{"version", std::to_string(a.version)},
                                                      {"who", article_author(app, v)},
                                                      {"when", local_time(a.updated_at)}}) +
                              "  ·  " + article_state_text(app, a.state) + "  ·  " + visibility_text(app, a.visibility) +
                              "  ·  " + article_lang_text(a.lang);
    text_box(facts, a.title, tags_line(app, a.tags), a.body, width);
}

}  // namespace

void ShowArticleAside(AppState& app, float width) {
    KnowledgeDesk& k = app.console->kb;
    ImGui::BeginGroup();
    if (!k.open) {  // a new article: what it will read like
        text_box(app.t("kb.preview"), k.draft.title, tags_line(app, split_tags(k.draft.tags)), k.draft.body, width);
        ImGui::EndGroup();
        return;
    }
    const Article& a = *k.open;
    const float third = (width - ui::px(16)) / 3;
    stat("kb_article.deflections", app.t("kb.col.deflections"), a.deflections, ui::color::success, third);
    ImGui::SameLine(0, ui::px(8));
    stat("kb_article.helpful", app.t("kb.col.helpful"), a.helpful, ui::color::success, third);
    ImGui::SameLine(0, ui::px(8));
    stat("kb_article.unhelpful", app.t("kb.col.unhelpful"), a.unhelpful, ui::color::error, third);
    ui::paragraph(a.slug + "  ·  " + app.t("kb.updated", {{"when", local_time(a.updated_at)}}), ui::color::muted);
    ui::gap(4);
    ui::heading(app.t("kb.versions", {{"count", std::to_string(k.versions.size())}}) +
                (k.versions_loading ? "  ·  " + app.t("mine.loading") : ""));
    ui::shown("kb_article.versions", std::to_string(k.versions.size()));
    versions_table(app, k, width);
    if (k.version_shown >= 0 && k.version_shown < static_cast<int>(k.versions.size()))
        version_text(app, k.versions[static_cast<std::size_t>(k.version_shown)], width);
    else {  // what is typed, wrapped (the editor does not wrap its lines)
        ui::paragraph(app.t("kb.pick_version"), ui::color::muted);
        text_box(app.t("kb.preview"), k.draft.title, tags_line(app, split_tags(k.draft.tags)), k.draft.body, width);
    }
    ImGui::EndGroup();
}

}  // namespace spoc::web
