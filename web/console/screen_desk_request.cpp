// One request in the console: its facts, the partner's diagnosis first, the whole timeline with
// the audit (public replies and internal notes unmistakably apart), and the desk's actions:
// reply or note, triage, assignment, escalation and state changes, each offered only when core's
// rules let this person do it.
#include <algorithm>

#include "access.h"
#include "assignment.h"
#include "console_actions.h"
#include "lifecycle.h"
#include "request_display.h"
#include "ui.h"

namespace spoc::web {
namespace {

constexpr ImU32 kNoteSurface = IM_COL32(255, 244, 214, 255);  // internal: amber
constexpr ImU32 kNoteEdge = IM_COL32(191, 128, 0, 255);
constexpr ImU32 kReplySurface = IM_COL32(232, 240, 250, 255);  // public: blue
constexpr ImU32 kAuditSurface = IM_COL32(244, 245, 247, 255);  // the desk's changes: grey

// A name for the request view: a dash where there is none.
std::string or_dash(const std::string& name) { return name.empty() ? "–" : name; }
std::string person(const ConsoleState& c, const std::optional<Id>& id) { return or_dash(c.person_name(id)); }
std::string group(const ConsoleState& c, const std::optional<Id>& id) { return or_dash(c.group_name(id)); }

std::string actor(const AppState& app, const Event& e) {
    if (e.actor_user) return person(*app.console, e.actor_user);
    return app.t("console.party." + (e.party.empty() ? std::string("system") : e.party));
}

std::string value_text(const AppState& app, const std::string& field, const json& v) {
    if (v.is_null()) return "–";
    if (field == "owner" && v.is_number_integer()) return person(*app.console, v.get<Id>());
    if ((field == "impact" || field == "urgency") && v.is_string()) return app.t("level." + v.get<std::string>());
    if (field == "kind" && v.is_string()) return app.t("kind." + v.get<std::string>());
    if (field == "type" && v.is_string())
        if (const RequestType* t = app.catalog.find(v.get<std::string>())) return t->name;
    return v.is_string() ? v.get<std::string>() : v.dump();
}

void timeline(AppState& app, const Request& r, float width) {
    std::string kinds;  // what the tests read: the kinds of the timeline's entries, in order
    for (const Event& e : r.timeline) kinds += json(e.kind).get<std::string>() + (e.internal ? "(internal) " : " ");
    ui::shown("desk.timeline", kinds);
    for (const Event& e : r.timeline) {
        const std::string head = actor(app, e) + "  ·  " + local_time(e.at) + "  ·  ";
        switch (e.kind) {
            case EventKind::created: ui::timeline_box(head + app.t("detail.event.created"), "", kAuditSurface,
                                                       ui::color::border, width);
                break;
            case EventKind::comment:
                if (e.internal)
                    ui::timeline_box(head + app.t("console.note"), e.body, kNoteSurface, kNoteEdge, width);
                else
                    ui::timeline_box(head + app.t("console.reply_public"), e.body, kReplySurface, ui::color::primary,
                                     width);
                break;
            case EventKind::state_changed: {
                std::string text = head + app.t("detail.event.state_changed", {{"to", state_text(app, e.to)}});
                if (!e.waiting_for.empty()) text += " (" + app.t("console.waiting." + e.waiting_for) + ")";
                if (!e.resolution.empty()) text += " (" + app.t("console.resolution." + e.resolution) + ")";
                ui::timeline_box(text, e.reason, kAuditSurface, state_color(e.to), width);
                break;
            }
            case EventKind::field_changed:
                ui::timeline_box(head + app.t("console.changed", {{"field", app.t("console.field." + e.field)},
                                                                 {"from", value_text(app, e.field, e.old_value)},
                                                                 {"to", value_text(app, e.field, e.new_value)}}),
                                 "", kAuditSurface, ui::color::border, width);
                break;
            case EventKind::assigned:
                ui::timeline_box(head + app.t("console.assigned", {{"group", group(*app.console, e.group)},
                                                                  {"person", person(*app.console, e.assignee)}}),
                                 e.reason, kAuditSurface, ui::color::primary, width);
                break;
            case EventKind::escalated:
                ui::timeline_box(head + (e.escalation == Escalation::hierarchical
                                             ? app.t("console.escalated.managers")
                                             : app.t("console.escalated.group", {{"group", group(*app.console, e.group)}})),
                                 e.reason, IM_COL32(252, 236, 234, 255), ui::color::error, width);
                break;
            case EventKind::invalid: break;
        }
        ui::gap(4);
    }
}

void facts(AppState& app, const Request& r, float width) {
    const ConsoleState& c = *app.console;
    ui::paragraph(r.ref + "  ·  " + app.t("kind." + json(r.kind).get<std::string>()) + "  ·  " +
                      (app.catalog.find(r.type) ? app.catalog.find(r.type)->name : r.type),
                  ui::color::muted);
    ui::title(r.subject);
    ui::badge(state_text(app, r.state), state_color(r.state), state_background(r.state));
    ImGui::SameLine();
    ui::paragraph(priority_text(app, r.priority) + (r.escalated ? "  ·  " + app.t("console.escalated") : ""),
                  r.escalated ? ui::color::error : ui::color::muted);
    std::string requester = r.requester.name + " <" + r.requester.email + ">";
    if (const std::string org = c.organisation_name(r.organisation); !org.empty())  // when they may read it
        requester += "  ·  " + org;
    ui::paragraph(app.t("console.requester") + ": " + requester);
    if (r.filed_by) ui::paragraph(app.t("console.filed_by") + ": " + person(c, r.filed_by), ui::color::muted);
    ui::paragraph(app.t("console.owner") + ": " + person(c, r.owner) + "    " + app.t("console.group") + ": " +
                  group(c, r.group) + "    " + app.t("console.assignee") + ": " + person(c, r.assignee));
    ui::shown("desk.ref", r.ref);
    ui::shown("desk.state", to_string(r.state));
    ui::shown("desk.group", group(c, r.group));
    ui::shown("desk.priority", std::to_string(r.priority));
    ui::shown("desk.fcr", r.first_contact_resolution ? "yes" : "no");
    if (!r.diagnosis.is_null()) {
        std::string text;
        if (r.diagnosis.is_string()) text = r.diagnosis.get<std::string>();
        if (r.diagnosis.is_object()) {
            if (r.diagnosis.contains("checked")) text += app.t("console.diagnosis.checked") + ": " + r.diagnosis["checked"].get<std::string>() + "\n";
            if (r.diagnosis.contains("errors")) text += app.t("console.diagnosis.errors") + ": " + r.diagnosis["errors"].get<std::string>() + "\n";
            if (r.diagnosis.contains("affected"))
                text += app.t("console.diagnosis.affected") + ": " + r.diagnosis["affected"].dump();
        }
        ui::shown("desk.diagnosis", text);
        ui::gap(4);
        ui::timeline_box(app.t("console.diagnosis"), text, IM_COL32(231, 245, 234, 255), ui::color::success, width);
    }
    if (!r.description.empty()) {
        ui::gap(4);
        ui::paragraph(r.description);
    }
}

void reply_box(AppState& app, float width) {
    ConsoleState& c = *app.console;
    ui::heading(app.t("console.reply_title"));
    if (ui::tab("desk.public", app.t("console.reply_public"), !c.reply_internal)) c.reply_internal = false;
    if (ui::tab("desk.internal", app.t("console.note"), c.reply_internal)) c.reply_internal = true;
    ImGui::NewLine();
    if (c.focus == 1) {
        ui::focus_next_text_field();
        c.focus = 0;
    }
    ui::text_field("desk.reply", c.reply_internal ? app.t("console.note_hint") : app.t("console.reply_hint"), c.reply,
                   "", "", width, true);
    const bool ok = !c.sending && validate_comment(c.reply).empty();
    if (ui::dense_button("desk.send", app.t(c.reply_internal ? "console.add_note" : "detail.send"), ok, true) ||
        (ok && ui::typing() && ImGui::GetIO().KeyCtrl && ui::key_pressed(ui::key::enter)))
        console_reply(app);
}

void triage_box(AppState& app, const Request& r, float width) {
    ConsoleState& c = *app.console;
    ui::heading(app.t("console.triage"));
    std::vector<std::string> types;
    int type_index = -1;
    for (std::size_t i = 0; i < app.catalog.types.size(); ++i) {
        types.push_back(app.catalog.types[i].name);
        if (app.catalog.types[i].id == c.type) type_index = static_cast<int>(i);
    }
    if (ui::select("desk.type", types, type_index, width)) c.type = app.catalog.types[type_index].id;
    const Level levels[] = {Level::high, Level::medium, Level::low};
    std::vector<std::string> names;
    for (Level l : levels) names.push_back(app.t("level." + json(l).get<std::string>()));
    const float half = width / 2 - ui::px(4);
    auto level_select = [&](const char* id, Level& value) {
        int index = -1;
        for (int i = 0; i < 3; ++i)
            if (levels[i] == value) index = i;
        if (ui::select(id, names, index, half)) value = levels[index];
    };
    // Two labels on one line, each above its drop-down. (SameLine(x) counts x from the group's
    // start, which GetCursorPosX() already includes: "Urgency" went out of sight to the right.)
    const std::string impact = app.t("console.impact");
    ImGui::PushStyleColor(ImGuiCol_Text, ui::color::muted);
    ImGui::TextUnformatted(impact.c_str());
    ImGui::SameLine(0, std::max(ui::px(8), half + ui::px(8) - ImGui::CalcTextSize(impact.c_str()).x));
    ImGui::TextUnformatted(app.t("console.urgency").c_str());
    ImGui::PopStyleColor();
    level_select("desk.impact", c.impact);
    ImGui::SameLine(0, ui::px(8));
    level_select("desk.urgency", c.urgency);
    const bool changed = c.type != r.type || c.impact != r.impact || c.urgency != r.urgency;
    if (ui::dense_button("desk.triage", app.t("console.save_triage"), changed && !c.sending, true)) console_triage(app);
}

void assign_box(AppState& app, float width) {
    ConsoleState& c = *app.console;
    ui::heading(app.t("console.assign"));
    std::vector<std::string> names;
    int index = -1;
    for (std::size_t i = 0; i < c.groups.size(); ++i) {
        names.push_back(c.groups[i].name + "  (" + app.t("console.tier") + " " + json(c.groups[i].tier).dump() + ")");
        if (c.assign_group == c.groups[i].id) index = static_cast<int>(i);
    }
    if (c.focus == 3) {
        ImGui::SetKeyboardFocusHere();
        c.focus = 0;
    }
    if (ui::select("desk.assign_group", names, index, width, app.t("console.choose_group"))) {
        c.assign_group = index < 0 ? std::nullopt : std::optional<Id>(c.groups[index].id);
        c.assign_person.reset();
    }
    if (const SupportGroup* g = c.group(c.assign_group)) {
        std::vector<std::string> people;
        int person_index = -1;
        for (std::size_t i = 0; i < g->members.size(); ++i) {
            people.push_back(person(c, g->members[i]));
            if (c.assign_person == g->members[i]) person_index = static_cast<int>(i);
        }
        if (ui::select("desk.assign_person", people, person_index, width, app.t("console.anyone_in_group")))
            c.assign_person = person_index < 0 ? std::nullopt : std::optional<Id>(g->members[person_index]);
    }
    if (ui::dense_button("desk.assign", app.t("console.assign_button"), c.assign_group && !c.sending, true))
        console_assign(app);
}

void escalate_box(AppState& app, const Request& r, float width) {
    ConsoleState& c = *app.console;
    ui::heading(app.t("console.escalate"));
    const SupportGroup* current = c.group(r.group);
    const Tier tier = current ? current->tier : Tier::invalid;
    std::vector<std::string> names;
    std::vector<Id> ids;
    int index = -1;
    for (const SupportGroup& g : c.groups)
        if (escalates_up(tier, g.tier)) {  // core's rule: only up
            if (c.escalate_group == g.id) index = static_cast<int>(ids.size());
            names.push_back(g.name);
            ids.push_back(g.id);
        }
    if (ui::select("desk.escalate_group", names, index, width, app.t("console.choose_group")))
        c.escalate_group = index < 0 ? std::nullopt : std::optional<Id>(ids[index]);
    ui::dense_input("desk.escalate_reason", app.t("console.reason"), c.escalate_reason, width);
    const bool reason = !c.escalate_reason.empty() && !c.sending;
    if (ui::dense_button("desk.escalate", app.t("console.escalate_group"), reason && index >= 0, true))
        console_escalate(app, true);
    ImGui::SameLine();
    if (ui::dense_button("desk.escalate_managers", app.t("console.escalate_managers"), reason))
        console_escalate(app, false);
}

void state_box(AppState& app, const Request& r, float width) {
    ConsoleState& c = *app.console;
    ui::heading(app.t("console.state"));
    const State targets[] = {State::assigned, State::in_progress, State::pending, State::resolved, State::closed,
                             State::cancelled};
    for (State s : targets) {
        if (!can_transition(r.state, s)) continue;  // core's state machine decides what is offered
        if (ui::tab(std::string("desk.to.") + to_string(s), state_text(app, s), c.to == s)) {
            c.to = s;
            c.focus = needs_reason(s) ? 2 : 0;
        }
    }
    ImGui::NewLine();
    if (c.to == State::invalid) return;
    if (c.to == State::pending || c.to == State::resolved) {
        const auto& codes = c.to == State::pending ? waiting_reasons() : resolution_codes();
        std::string& chosen = c.to == State::pending ? c.waiting_for : c.resolution_code;
        std::vector<std::string> names;
        int index = -1;
        for (std::size_t i = 0; i < codes.size(); ++i) {
            names.push_back(app.t((c.to == State::pending ? "console.waiting." : "console.resolution.") + codes[i]));
            if (codes[i] == chosen) index = static_cast<int>(i);
        }
        if (ui::select("desk.code", names, index, width)) chosen = codes[index];
    }
    if (c.focus == 2) {
        ui::focus_next_text_field();
        c.focus = 0;
    }
    ui::dense_input("desk.reason", app.t(needs_reason(c.to) ? "console.reason_required" : "console.reason"),
                    c.state_reason, width);
    const bool enter = ui::typing() && ui::key_pressed(ui::key::enter);
    const bool ok = !c.sending && check_transition(r.state, c.to, c.state_reason) == TransitionError::none;
    if (ui::dense_button("desk.apply_state", app.t("console.apply_state", {{"state", state_text(app, c.to)}}), ok, true) ||
        (ok && enter))
        console_transition(app);
}

void keyboard(AppState& app, const Request& r) {
    ConsoleState& c = *app.console;
    if (ui::typing()) {
        if (ui::key_pressed(ui::key::escape)) ImGui::SetWindowFocus(nullptr);
        return;
    }
    // State changes by their first letters; the reason field takes the keyboard when one is needed.
    const std::pair<int, State> moves[] = {{'I', State::in_progress}, {'P', State::pending},
                                           {'V', State::resolved},    {'C', State::closed}};
    for (const auto& [key, state] : moves)
        if (ui::key_pressed(key) && can_transition(r.state, state)) {
            c.to = state;
            c.focus = 2;
        }
    if (ui::key_pressed('A')) c.focus = 3;  // the assignment's group list takes the keyboard
    if (ui::key_pressed(ui::key::escape)) go(app, Screen::queue);
    if (ui::key_pressed('R')) {
        c.reply_internal = false;
        c.focus = 1;
    }
    if (ui::key_pressed('N')) {
        c.reply_internal = true;
        c.focus = 1;
    }
}

}  // namespace

void ShowDeskRequest(AppState& app) {
    ConsoleState& c = *app.console;
    if (c.open && c.open->id == c.open_id) keyboard(app, *c.open);
    else if (!ui::typing() && ui::key_pressed(ui::key::escape)) go(app, Screen::queue);
    const ui::Column col = ui::begin_column(1200);
    ui::gap(8);
    if (ui::link_button("desk.back", "‹ " + app.t("console.title"))) go(app, Screen::queue);
    if (!c.open || c.open->id != c.open_id) {
        ui::paragraph(c.notice.empty() ? app.t("mine.loading") : c.notice);
        ui::end_column(col);
        return;
    }
    const Request& r = *c.open;
    const RequestAccess access = app.account.user ? request_access(*app.account.user, r) : RequestAccess::none;
    const bool two = col.width >= ui::px(900);
    const float left = two ? col.width * 0.58f : col.width;
    const float right = two ? col.width - left - ui::px(24) : col.width;

    ImGui::BeginGroup();
    facts(app, r, left);
    ui::gap(12);
    ui::heading(app.t("detail.timeline"));
    timeline(app, r, left);
    ImGui::EndGroup();
    if (two) ImGui::SameLine(0, ui::px(24));
    ImGui::BeginGroup();
    if (!c.notice.empty()) {
        ui::shown("desk.notice", c.notice);
        ui::timeline_box(c.notice, "", ui::color::error_surface, ui::color::error, right);
    }
    if (may_reply(access)) reply_box(app, right);
    ui::gap(12);
    if (may_change_state(access) && !is_final(r.state)) state_box(app, r, right);
    ui::gap(12);
    if (may_triage(access) && !is_final(r.state)) triage_box(app, r, right);
    ui::gap(12);
    if (may_assign(access) && is_open(r.state)) assign_box(app, right);
    ui::gap(12);
    if (may_escalate(access) && is_open(r.state)) escalate_box(app, r, right);
    ui::gap(12);
    ui::paragraph(app.t("console.keys.request"), ui::color::muted);
    ImGui::EndGroup();
    ui::gap(24);
    ui::end_column(col);
}

}  // namespace spoc::web
