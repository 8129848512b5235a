// The console's queue: tabs for the desk's queues, filters, and one dense table of requests
// (ImGui table with a clipper: fluid with 10,000 rows), driven from the keyboard.
#include <algorithm>
#include <cmath>

#include "console_actions.h"
#include "kb_console_actions.h"
#include "platform.h"
#include "request_display.h"
#include "ui.h"

namespace spoc::web {
namespace {

struct QueueTab {
    Queue queue;
    const char* key;  // message key, and the test id's end
};
constexpr QueueTab kTabs[] = {{Queue::unassigned, "unassigned"},
                              {Queue::my_groups, "my_groups"},
                              {Queue::mine, "mine"},
                              {Queue::owned, "owned"},
                              {Queue::all, "all"}};

std::string age_text(Timestamp created, Timestamp now) {
    const Timestamp s = std::max<Timestamp>(0, now - created);
    if (s < 3600) return std::to_string(s / 60) + " min";
    if (s < 86400) return std::to_string(s / 3600) + " h";
    return std::to_string(s / 86400) + " d";
}

void filters(AppState& app) {
    ConsoleState& c = *app.console;
    bool changed = false;
    if (ui::key_pressed('/') && !ui::typing()) ui::focus_next_text_field();
    changed |= ui::dense_input("queue.filter", app.t("console.filter"), c.text_filter, ui::px(240));
    ImGui::SameLine();

    std::vector<std::string> states;
    const State all_states[] = {State::new_,     State::assigned, State::in_progress, State::pending,
                                State::resolved, State::closed,   State::cancelled};
    int state_index = -1;
    for (int i = 0; i < 7; ++i) {
        states.push_back(state_text(app, all_states[i]));
        if (c.state_filter == all_states[i]) state_index = i;
    }
    if (ui::select("queue.state", states, state_index, ui::px(150), app.t("console.any_state"))) {
        c.state_filter = state_index < 0 ? std::nullopt : std::optional<State>(all_states[state_index]);
        changed = true;
    }
    ImGui::SameLine();
    std::vector<std::string> priorities;
    for (int p = 1; p <= 5; ++p) priorities.push_back(std::to_string(p) + " · " + app.t("priority." + std::to_string(p)));
    int priority_index = c.priority_filter ? *c.priority_filter - 1 : -1;
    if (ui::select("queue.priority", priorities, priority_index, ui::px(150), app.t("console.any_priority"))) {
        c.priority_filter = priority_index < 0 ? std::nullopt : std::optional<int>(priority_index + 1);
        changed = true;
    }
    ImGui::SameLine();
    std::vector<std::string> group_names;
    int group_index = -1;
    for (std::size_t i = 0; i < c.groups.size(); ++i) {
        group_names.push_back(c.groups[i].name);
        if (c.group_filter == c.groups[i].id) group_index = static_cast<int>(i);
    }
    if (ui::select("queue.group", group_names, group_index, ui::px(180), app.t("console.any_group"))) {
        c.group_filter = group_index < 0 ? std::nullopt : std::optional<Id>(c.groups[group_index].id);
        changed = true;
    }
    ImGui::SameLine();
    static const int ages[] = {1, 3, 7, 30};
    std::vector<std::string> age_names;
    int age_index = -1;
    for (int i = 0; i < 4; ++i) {
        age_names.push_back(app.t("console.older_than", {{"days", std::to_string(ages[i])}}));
        if (c.older_than_days == ages[i]) age_index = i;
    }
    if (ui::select("queue.age", age_names, age_index, ui::px(150), app.t("console.any_age"))) {
        c.older_than_days = age_index < 0 ? 0 : ages[age_index];
        changed = true;
    }
    if (!c.organisations.empty()) {
        ImGui::SameLine();
        std::vector<std::string> org_names;
        std::vector<Id> org_ids;
        int org_index = -1;
        for (const auto& [id, name] : c.organisations) {
            if (c.organisation_filter == id) org_index = static_cast<int>(org_ids.size());
            org_names.push_back(name);
            org_ids.push_back(id);
        }
        if (ui::select("queue.organisation", org_names, org_index, ui::px(180), app.t("console.any_organisation"))) {
            c.organisation_filter = org_index < 0 ? std::nullopt : std::optional<Id>(org_ids[org_index]);
            changed = true;
        }
    }
    if (changed) c.view_stale = true;
}

void keyboard(AppState& app) {
    ConsoleState& c = *app.console;
    if (ui::typing()) {
        if (ui::key_pressed(ui::key::escape) || ui::key_pressed(ui::key::enter)) ImGui::SetWindowFocus(nullptr);
        return;
    }
    const int last = static_cast<int>(c.view.size()) - 1;
    if (ui::key_pressed(ui::key::down) || ui::key_pressed('J')) c.selected = std::min(last, c.selected + 1);
    if (ui::key_pressed(ui::key::up) || ui::key_pressed('K')) c.selected = std::max(0, c.selected - 1);
    if (ui::key_pressed(ui::key::page_down)) c.selected = std::min(last, c.selected + 20);
    if (ui::key_pressed(ui::key::page_up)) c.selected = std::max(0, c.selected - 20);
    if (ui::key_pressed(ui::key::home)) c.selected = 0;
    if (ui::key_pressed(ui::key::end)) c.selected = std::max(0, last);
    if ((ui::key_pressed(ui::key::enter) || ui::key_pressed('O')) && last >= 0)
        open_desk_request(app, c.rows[c.view[c.selected]].id);
    if (ui::key_pressed('R')) load_queue(app, c.queue);
    for (int i = 0; i < 5; ++i)
        if (ui::key_pressed('1' + i) && c.queue != kTabs[i].queue) load_queue(app, kTabs[i].queue);
}

void table(AppState& app, float height) {
    ConsoleState& c = *app.console;
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("queue", 10, flags, ImVec2(0, height))) return;
    struct Column {
        const char* key;
        QueueColumn id;
        float width;  // 0: stretch
    };
    const Column columns[] = {{"console.col.ref", QueueColumn::ref, 92},
                              {"console.col.priority", QueueColumn::priority, 36},
                              {"console.col.state", QueueColumn::state, 104},
                              {"console.col.subject", QueueColumn::subject, 0},
                              {"console.col.requester", QueueColumn::requester, 150},
                              {"console.col.organisation", QueueColumn::organisation, 130},
                              {"console.col.group", QueueColumn::group, 130},
                              {"console.col.assignee", QueueColumn::assignee, 120},
                              {"console.col.age", QueueColumn::age, 58},
                              {"console.col.updated", QueueColumn::updated, 120}};
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const Column& col : columns) {
        ImGuiTableColumnFlags f = col.width > 0 ? ImGuiTableColumnFlags_WidthFixed : ImGuiTableColumnFlags_WidthStretch;
        if (col.id == QueueColumn::priority) f |= ImGuiTableColumnFlags_DefaultSort;
        ImGui::TableSetupColumn(app.t(col.key).c_str(), f, ui::px(col.width), static_cast<ImGuiID>(col.id));
    }
    // The header row, one header at a time so each is in the registry (queue.sort.<column>).
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int i = 0; i < 10; ++i) {
        ImGui::TableSetColumnIndex(i);
        ImGui::TableHeader(app.t(columns[i].key).c_str());
        ui::track(std::string("queue.sort.") + (columns[i].key + std::string("console.col.").size()));
    }
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty && specs->SpecsCount > 0) {
        c.sort = static_cast<QueueColumn>(specs->Specs[0].ColumnUserID);
        c.descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
        specs->SpecsDirty = false;
        c.view_stale = true;
        refresh_view(app);
    }

    const Timestamp now = wall_clock();
    const float row_height = ui::px(28);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(c.view.size()), row_height);
    static int scrolled_to = -1;
    if (scrolled_to != c.selected) clipper.ForceDisplayRangeByIndices(c.selected, c.selected + 1);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Request& r = c.rows[c.view[i]];
            ImGui::TableNextRow(0, row_height);
            ImGui::TableNextColumn();
            const bool selected = i == c.selected;
            if (ui::table_row("queue.row." + r.ref, selected, row_height)) {
                c.selected = i;
                if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) open_desk_request(app, r.id);
            }
            if (selected && scrolled_to != c.selected) {
                ImGui::SetScrollHereY(0.5f);
                scrolled_to = c.selected;
            }
            ImGui::TextUnformatted(r.ref.c_str());
            ImGui::TableNextColumn();
            ImGui::PushStyleColor(ImGuiCol_Text, r.priority <= 2 ? ui::color::error : ui::color::text);
            ImGui::Text("%d", r.priority);
            ImGui::PopStyleColor();
            ImGui::TableNextColumn();
            ImGui::PushStyleColor(ImGuiCol_Text, state_color(r.state));
            ImGui::TextUnformatted(state_text(app, r.state).c_str());
            ImGui::PopStyleColor();
            ImGui::TableNextColumn();
            if (r.escalated) {
                ImGui::PushStyleColor(ImGuiCol_Text, ui::color::error);
                ImGui::TextUnformatted("(!)");
                ImGui::PopStyleColor();
                ImGui::SameLine();
            }
            ImGui::TextUnformatted(r.subject.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.requester.name.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.organisation_name(r.organisation).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.group_name(r.group).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.person_name(r.assignee).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(age_text(r.created_at, now).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(local_time(r.updated_at).c_str());
        }
    }
    ImGui::EndTable();
}

}  // namespace

void ShowQueue(AppState& app) {
    ConsoleState& c = *app.console;
    refresh_view(app);
    const float margin = ui::px(16);
    ImGui::SetCursorPos(ImVec2(margin, ui::px(8)));
    ImGui::BeginGroup();
    ui::heading(app.t("console.title") + (app.account.user ? "  ·  " + app.account.user->name : ""));
    for (const QueueTab& t : kTabs)
        if (ui::tab(std::string("queue.tab.") + t.key, app.t(std::string("console.queue.") + t.key), c.queue == t.queue) &&
            c.queue != t.queue)
            load_queue(app, t.queue);
    ImGui::SameLine(0, ui::px(24));
    if (ui::dense_button("queue.log_call", app.t("console.log_call"), true, true) ||
        (!ui::typing() && ui::key_pressed('L'))) {
        app.draft.for_whom = "other";
        begin_form(app, Kind::incident);
    }
    ImGui::SameLine(0, ui::px(8));
    if (ui::dense_button("queue.routing", app.t("routing.title"))) {
        open_routing(app);
        go(app, Screen::routing);
    }
    ImGui::SameLine(0, ui::px(8));
    if (ui::dense_button("queue.search", app.t("console.search")) || (!ui::typing() && ui::key_pressed('S')))
        open_request_search(app, true);
    if (may_use_knowledge(app)) {
        ImGui::SameLine(0, ui::px(8));
        if (ui::dense_button("queue.knowledge", app.t("kb.open_key")) || (!ui::typing() && ui::key_pressed('B')))
            open_knowledge(app);
    }
    ImGui::NewLine();
    ui::gap(4);
    filters(app);
    const std::string count = app.t("console.count", {{"shown", std::to_string(c.view.size())},
                                                      {"loaded", std::to_string(c.rows.size())}}) +
                              (c.loading ? "  ·  " + app.t("mine.loading") : "");
    ui::shown("queue.count", std::to_string(c.view.size()));
    ui::shown("queue.loaded", c.loading ? "no" : "yes");
    ui::shown("queue.view_ms", std::to_string(c.last_view_ms));
    ui::paragraph(count, ui::color::muted);
    keyboard(app);
    const float legend = ui::px(30);
    const float height = ImGui::GetWindowHeight() - ImGui::GetCursorPosY() - legend - ui::px(8);
    ImGui::SetNextItemWidth(ImGui::GetWindowWidth() - 2 * margin);
    ImGui::PushItemWidth(ImGui::GetWindowWidth() - 2 * margin);
    ImGui::BeginChild("queue.area", ImVec2(ImGui::GetWindowWidth() - 2 * margin, std::max(ui::px(120), height)));
    table(app, std::max(ui::px(120), height));
    ImGui::EndChild();
    ImGui::PopItemWidth();
    ui::paragraph(app.t("console.keys.queue"), ui::color::muted);
    ImGui::EndGroup();
}

}  // namespace spoc::web
