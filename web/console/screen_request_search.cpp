// The desk's search over every request it may see: words in, best match first out, each row with
// the server's snippet (the matched words marked), driven from the keyboard like the queue.
#include <algorithm>
#include <string_view>

#include "console_actions.h"
#include "platform.h"
#include "request_display.h"
#include "ui.h"

namespace spoc::web {
namespace {

constexpr ImU32 kMark = IM_COL32(255, 236, 153, 255);  // behind a matched word: a marker pen's yellow

// A snippet on one line of its cell: the text muted, the words between ** (the matches) in the
// text colour on a marker.
void snippet_line(std::string_view snippet) {
    bool marked = false;
    bool first = true;
    for (std::size_t start = 0; start <= snippet.size();) {
        std::size_t end = snippet.find("**", start);
        if (end == std::string_view::npos) end = snippet.size();
        const std::string_view part = snippet.substr(start, end - start);
        if (!part.empty()) {
            if (!first) ImGui::SameLine(0, 0);
            first = false;
            const ImVec2 at = ImGui::GetCursorScreenPos();
            const ImVec2 size = ImGui::CalcTextSize(part.data(), part.data() + part.size());
            if (marked)
                ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + size.x, at.y + size.y), kMark, ui::px(2));
            ImGui::PushStyleColor(ImGuiCol_Text, marked ? ui::color::text : ui::color::muted);
            ImGui::TextUnformatted(part.data(), part.data() + part.size());
            ImGui::PopStyleColor();
        }
        if (end >= snippet.size()) break;
        marked = !marked;
        start = end + 2;
    }
}

void keyboard(AppState& app) {
    RequestSearch& s = app.console->search;
    if (ui::typing()) {
        if (ui::key_pressed(ui::key::enter)) {
            search_requests(app);
            ImGui::SetWindowFocus(nullptr);
        }
        if (ui::key_pressed(ui::key::escape)) ImGui::SetWindowFocus(nullptr);
        return;
    }
    if (ui::key_pressed('/') || ui::key_pressed('S')) ui::focus_next_text_field();
    const int last = static_cast<int>(s.results.size()) - 1;
    if (ui::key_pressed(ui::key::down) || ui::key_pressed('J')) s.selected = std::min(last, s.selected + 1);
    if (ui::key_pressed(ui::key::up) || ui::key_pressed('K')) s.selected = std::max(0, s.selected - 1);
    if (ui::key_pressed(ui::key::home)) s.selected = 0;
    if (ui::key_pressed(ui::key::end)) s.selected = std::max(0, last);
    if ((ui::key_pressed(ui::key::enter) || ui::key_pressed('O')) && last >= 0)
        open_desk_request(app, s.results[static_cast<std::size_t>(s.selected)].id);
    if (ui::key_pressed(ui::key::escape)) go(app, Screen::queue);
}

void results(AppState& app, float height) {
    RequestSearch& s = app.console->search;
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("search", 5, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(app.t("console.col.ref").c_str(), ImGuiTableColumnFlags_WidthFixed, ui::px(92));
    ImGui::TableSetupColumn(app.t("console.col.state").c_str(), ImGuiTableColumnFlags_WidthFixed, ui::px(104));
    ImGui::TableSetupColumn(app.t("console.col.subject").c_str(), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(app.t("console.col.requester").c_str(), ImGuiTableColumnFlags_WidthFixed, ui::px(160));
    ImGui::TableSetupColumn(app.t("console.col.updated").c_str(), ImGuiTableColumnFlags_WidthFixed, ui::px(120));
    ImGui::TableHeadersRow();

    const float row_height = ui::px(48);  // the subject, and the snippet below it
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(s.results.size()), row_height);
    static int scrolled_to = -1;
    if (scrolled_to != s.selected) clipper.ForceDisplayRangeByIndices(s.selected, s.selected + 1);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Request& r = s.results[static_cast<std::size_t>(i)];
            const std::string& snippet = s.snippets[static_cast<std::size_t>(i)];
            ImGui::TableNextRow(0, row_height);
            ImGui::TableNextColumn();
            const bool selected = i == s.selected;
            if (ui::table_row("search.row." + r.ref, selected, row_height)) {
                s.selected = i;
                if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) open_desk_request(app, r.id);
            }
            if (selected && scrolled_to != s.selected) {
                ImGui::SetScrollHereY(0.5f);
                scrolled_to = s.selected;
            }
            ui::shown("search.row." + r.ref, snippet);  // what the tests read of a result
            ImGui::TextUnformatted(r.ref.c_str());
            ImGui::TableNextColumn();
            ImGui::PushStyleColor(ImGuiCol_Text, state_color(r.state));
            ImGui::TextUnformatted(state_text(app, r.state).c_str());
            ImGui::PopStyleColor();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.subject.c_str());
            snippet_line(snippet);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.requester.name.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(local_time(r.updated_at).c_str());
        }
    }
    ImGui::EndTable();
}

}  // namespace

void ShowRequestSearch(AppState& app) {
    RequestSearch& s = app.console->search;
    const float margin = ui::px(16);
    ImGui::SetCursorPos(ImVec2(margin, ui::px(8)));
    ImGui::BeginGroup();
    ui::heading(app.t("search.title") + (app.account.user ? "  ·  " + app.account.user->name : ""));
    if (ui::dense_button("search.back", "‹ " + app.t("kb.to_queue"))) go(app, Screen::queue);
    ImGui::SameLine(0, ui::px(8));
    if (s.focus) ui::focus_next_text_field();  // the field takes the keyboard when the screen opens
    s.focus = false;
    ui::dense_input("search.words", app.t("search.hint"), s.words, ui::px(420));
    ImGui::SameLine(0, ui::px(8));
    if (ui::dense_button("search.go", app.t("search.go"), !std::string_view(s.words).empty() && !s.searching, true))
        search_requests(app);

    std::string status;
    if (s.searching) status = app.t("search.searching");
    else if (s.failed) status = app.t("search.failed");
    else if (!s.searched.empty() && s.results.empty()) status = app.t("search.none", {{"words", s.searched}});
    else if (!s.searched.empty())
        status = app.t(s.more ? "search.more" : s.results.size() == 1 ? "search.count_one" : "search.count",
                       {{"count", std::to_string(s.results.size())}, {"words", s.searched}});
    ui::shown("search.status", s.searching ? "searching" : s.failed ? "failed" : std::to_string(s.results.size()));
    ui::paragraph(status.empty() ? app.t("search.intro") : status, s.failed ? ui::color::error : ui::color::muted);
    keyboard(app);
    const float legend = ui::px(30);
    const float height = std::max(ui::px(120), ImGui::GetWindowHeight() - ImGui::GetCursorPosY() - legend - ui::px(8));
    ImGui::BeginChild("search.area", ImVec2(ImGui::GetWindowWidth() - 2 * margin, height));
    results(app, height);
    ImGui::EndChild();
    ui::paragraph(app.t("search.keys"), ui::color::muted);
    ImGui::EndGroup();
}

}  // namespace spoc::web
