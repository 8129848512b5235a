// The routing rules in the console: for each request type, the support group a new request lands
// in, for all organisations and per partner organisation (an empty choice falls back to the
// general rule). Agents, managers and admins change them; other staff read them.
#include <algorithm>

#include "access.h"
#include "console_actions.h"
#include "routing.h"
#include "ui.h"

namespace spoc::web {
namespace {

// A group chooser over a rule's group name ("" = the fallback); true when changed.
bool group_choice(AppState& app, const std::string& test_id, std::string& name, float width, const char* none_key) {
    const ConsoleState& c = *app.console;
    std::vector<std::string> names;
    int index = -1;
    for (std::size_t i = 0; i < c.groups.size(); ++i) {
        names.push_back(c.groups[i].name);
        if (same_name(c.groups[i].name, name)) index = static_cast<int>(i);
    }
    if (index < 0 && !name.empty()) {  // a rule naming a group this console does not know
        names.push_back(name);
        index = static_cast<int>(names.size()) - 1;
    }
    if (!ui::select(test_id, names, index, width, app.t(none_key))) return false;
    name = index < 0 ? "" : names[static_cast<std::size_t>(index)];
    return true;
}

}  // namespace

void ShowRouting(AppState& app) {
    ConsoleState& c = *app.console;
    const ui::Column col = ui::begin_column(1200);
    ui::gap(8);
    if (ui::link_button("routing.back", "‹ " + app.t("console.title"))) go(app, Screen::queue);
    ui::title(app.t("routing.title"));
    ui::paragraph(app.t("routing.hint"), ui::color::muted);
    if (!c.routing_notice.empty()) {
        ui::shown("routing.notice", c.routing_notice);
        ui::notice(c.routing_notice, c.routing_saved ? ui::Tone::success : ui::Tone::error);
    }
    if (!c.routing) {
        ui::paragraph(app.t("mine.loading"));
        ui::end_column(col);
        return;
    }
    RoutingRules& rules = *c.routing;
    const bool may_change = app.account.user && may_change_routing(app.account.user->role);
    ImGui::BeginDisabled(!may_change || c.routing_saving);
    bool changed = false;
    std::vector<std::pair<Id, std::string>> orgs(c.organisations.begin(), c.organisations.end());
    const float first = ui::px(220);
    const float cell = std::max(ui::px(150), (col.width - first) / static_cast<float>(1 + orgs.size()) - ui::px(12));
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("routing", static_cast<int>(2 + orgs.size()), flags)) {
        ImGui::TableSetupColumn(app.t("routing.type").c_str(), ImGuiTableColumnFlags_WidthFixed, first);
        ImGui::TableSetupColumn(app.t("routing.everyone").c_str(), ImGuiTableColumnFlags_WidthFixed, cell);
        for (const auto& org : orgs) ImGui::TableSetupColumn(org.second.c_str(), ImGuiTableColumnFlags_WidthFixed, cell);
        ImGui::TableHeadersRow();
        // The first row: the defaults.
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ui::heading(app.t("routing.default"));
        ImGui::TableNextColumn();
        changed |= group_choice(app, "routing.default", rules.default_group, cell, "routing.no_group");
        for (const auto& [id, name] : orgs) {
            ImGui::TableNextColumn();
            std::string& value = rules.organisations[name].default_group;
            changed |= group_choice(app, "routing.org." + std::to_string(id) + ".default", value, cell, "routing.general");
        }
        for (const RequestType& type : app.catalog.types) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(type.name.c_str());
            ImGui::TableNextColumn();
            std::string value = rules.types.count(type.id) ? rules.types[type.id] : "";
            if (group_choice(app, "routing.type." + type.id, value, cell, "routing.general")) {
                if (value.empty()) rules.types.erase(type.id);
                else rules.types[type.id] = value;
                changed = true;
            }
            for (const auto& [id, name] : orgs) {
                ImGui::TableNextColumn();
                auto& org_types = rules.organisations[name].types;
                std::string org_value = org_types.count(type.id) ? org_types[type.id] : "";
                if (group_choice(app, "routing.org." + std::to_string(id) + "." + type.id, org_value, cell,
                                 "routing.general")) {
                    if (org_value.empty()) org_types.erase(type.id);
                    else org_types[type.id] = org_value;
                    changed = true;
                }
            }
        }
        ImGui::EndTable();
    }
    // An organisation without rules of its own is not kept.
    for (auto it = rules.organisations.begin(); it != rules.organisations.end();)
        it = it->second.default_group.empty() && it->second.types.empty() ? rules.organisations.erase(it) : std::next(it);
    if (changed) c.routing_saved = false;
    ui::gap(12);
    if (ui::dense_button("routing.save", app.t(c.routing_saving ? "form.sending" : "routing.save"), may_change, true))
        save_routing(app);
    ImGui::EndDisabled();
    ui::gap(24);
    ui::end_column(col);
}

}  // namespace spoc::web
