// "My requests": the requests filed from this browser with their state and priority,
// newest first, and the detail view of one with its history and a reply box.
// Both refresh on their own (app_actions.cpp polls while they are open).
#include "app_actions.h"
#include "request_display.h"
#include "lifecycle.h"
#include "platform.h"
#include "screens.h"
#include "text.h"
#include "ui.h"

namespace spoc::web {
namespace {

// One request in the list: a card with reference, subject, state and priority.
bool request_card(const AppState& app, const FollowedRequest& r, float width) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float pad = ui::px(16);
    ImFont* bold = ui::bold_font();
    ImFont* regular = ui::regular_font();
    const std::string subject = r.latest ? r.latest->subject : "";
    const float wrap = width - 2 * pad;
    const ImVec2 ss = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, wrap, subject.c_str());
    const float height = pad * 2 + regular->FontSize + ui::px(6) + ss.y + ui::px(10) + ui::px(30);

    ImGui::PushID(r.ref.c_str());
    const bool pressed = ImGui::InvisibleButton("##card", ImVec2(width, height));
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    ui::track("mine.item." + r.ref);

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 end(at.x + width, at.y + height);
    dl->AddRectFilled(at, end, hovered ? ui::color::selected : ui::color::surface, ui::px(10));
    dl->AddRect(at, end, hovered ? ui::color::primary : ui::color::border, ui::px(10), 0, ui::px(1.5f));
    float y = at.y + pad;
    std::string meta = r.ref;
    if (r.latest) meta += "  ·  " + local_time(r.latest->created_at);
    dl->AddText(regular, regular->FontSize, ImVec2(at.x + pad, y), ui::color::muted, meta.c_str());
    y += regular->FontSize + ui::px(6);
    dl->AddText(bold, bold->FontSize, ImVec2(at.x + pad, y), ui::color::text, subject.c_str(), nullptr, wrap);
    y += ss.y + ui::px(10);

    std::string state, priority;
    ImU32 fg = ui::color::muted, bg = IM_COL32(233, 236, 240, 255);
    if (r.gone) {
        state = app.t("detail.missing");
    } else if (r.latest) {
        state = state_text(app, r.latest->state);
        fg = state_color(r.latest->state);
        bg = state_background(r.latest->state);
        priority = priority_text(app, r.latest->priority);
    } else {
        state = app.t("mine.loading");
    }
    const ImVec2 st = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, state.c_str());
    dl->AddRectFilled(ImVec2(at.x + pad, y), ImVec2(at.x + pad + st.x + ui::px(20), y + ui::px(30)), bg, ui::px(15));
    dl->AddText(bold, bold->FontSize, ImVec2(at.x + pad + ui::px(10), y + (ui::px(30) - st.y) / 2), fg, state.c_str());
    dl->AddText(regular, regular->FontSize,
                ImVec2(at.x + pad + st.x + ui::px(32), y + (ui::px(30) - regular->FontSize) / 2), ui::color::muted,
                priority.c_str());
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    return pressed;
}

std::string event_text(const AppState& app, const Event& e) {
    switch (e.kind) {
        case EventKind::created: return app.t("detail.event.created");
        case EventKind::state_changed: return app.t("detail.event.state_changed", {{"to", state_text(app, e.to)}});
        case EventKind::comment: return app.t("detail.event.comment");
        case EventKind::field_changed:
        case EventKind::assigned:
        case EventKind::escalated:  // the desk's own events: the console shows them
        case EventKind::invalid: break;
    }
    return "";
}

void timeline_entry(const AppState& app, const Event& e, float width) {
    const std::string who = app.t("detail.actor." + (e.party == "desk" ? e.party : std::string("requester")));
    ui::paragraph(who + "  ·  " + local_time(e.at), ui::color::muted);
    ui::heading(event_text(app, e));
    if (e.kind == EventKind::comment && !e.body.empty()) ui::paragraph(e.body);
    if (e.kind == EventKind::state_changed && !e.reason.empty()) ui::paragraph(e.reason);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine(at, ImVec2(at.x + width, at.y), ui::color::border, ui::px(1));
    ui::gap(10);
}

}  // namespace

void ShowMyRequests(AppState& app) {
    const ui::Column c = ui::begin_column(760);
    ui::gap(12);
    if (ui::link_button("mine.back", "‹ " + app.t("nav.home"))) go(app, Screen::home);
    ui::title(app.t("mine.title"));
    // One line either way, so nothing moves under the person's finger when the answer comes.
    if (!app.followed.empty())
        ui::paragraph(app.refreshed_at > 0 ? app.t("mine.refreshed", {{"time", local_time(app.refreshed_at).substr(11)}})
                                           : app.t("mine.loading"),
                      ui::color::muted);
    ui::gap(8);
    if (app.followed.empty()) ui::paragraph(app.t("mine.empty"));
    for (const auto& r : app.followed) {
        if (r.latest) ui::shown("mine.state." + r.ref, to_string(r.latest->state));
        if (request_card(app, r, c.width)) open_request(app, r.id);
        if (!r.notice.empty()) ui::notice(r.notice, ui::Tone::error);
    }
    ui::gap(16);
    if (ui::secondary_button("mine.new", app.t("done.another"))) go(app, Screen::home);
    ui::gap(24);
    ui::end_column(c);
}

void ShowRequestDetail(AppState& app) {
    const ui::Column c = ui::begin_column(760);
    ui::gap(12);
    if (ui::link_button("detail.back", "‹ " + app.t("mine.title"))) go(app, Screen::mine);
    FollowedRequest* r = app.find_followed(app.open_id);
    if (!r) {
        ui::paragraph(app.t("detail.missing"));
        ui::end_column(c);
        return;
    }
    if (r->gone) {
        ui::shown("detail.missing", r->ref);
        ui::title(r->ref);
        ui::notice(app.t("detail.missing"), ui::Tone::error);
        if (ui::secondary_button("detail.forget", app.t("mine.forget"))) forget_request(app, r->id);
        ui::end_column(c);
        return;
    }
    if (!r->latest) {
        ui::title(r->ref);
        ui::paragraph(r->notice.empty() ? app.t("mine.loading") : r->notice);
        ui::end_column(c);
        return;
    }
    const Request& q = *r->latest;
    ui::shown("detail.state", to_string(q.state));
    ui::shown("detail.ref", q.ref);
    ui::paragraph(q.ref + "  ·  " + app.t("kind." + json(q.kind).get<std::string>()), ui::color::muted);
    ui::title(q.subject);
    ui::badge(state_text(app, q.state), state_color(q.state), state_background(q.state));
    ImGui::SameLine();
    ui::paragraph(priority_text(app, q.priority), ui::color::muted);
    ui::paragraph(app.t("detail.filed") + ": " + local_time(q.created_at), ui::color::muted);
    if (const RequestType* type = app.catalog.find(q.type)) {
        ui::paragraph(type->name, ui::color::muted);
        for (const FormField& f : type->fields) {
            const auto it = q.fields.find(f.id);
            if (it == q.fields.end() || !it->is_string()) continue;
            std::string value = it->get<std::string>();
            for (const auto& o : f.options)
                if (o.value == value) value = o.label;
            ui::paragraph(f.label, ui::color::muted);
            ui::heading(value);
        }
    }
    if (!q.description.empty()) {
        ui::gap(4);
        ui::paragraph(q.description);
    }
    ui::gap(16);

    ui::heading(app.t("detail.timeline"));
    ui::gap(4);
    std::string bodies;  // what the tests read: every reply shown, in order
    for (const Event& e : q.timeline)
        if (is_public(e)) {  // what the requester's side shows
            timeline_entry(app, e, c.width);
            if (e.kind == EventKind::comment) bodies += e.body + "\n";
        }
    ui::shown("detail.replies", bodies);

    ui::gap(8);
    if (!r->notice.empty()) {
        ui::shown("detail.notice", r->notice);
        ui::notice(r->notice, ui::Tone::error);
    }
    if (is_final(q.state)) {
        ui::notice(app.t("detail.final"), ui::Tone::info);
    } else {
        ui::text_field("detail.reply", app.t("detail.reply"), r->reply, "", "", c.width, true);
        const bool can_send = !r->reply_sending && validate_comment(r->reply).empty();
        if (ui::primary_button("detail.send", app.t(r->reply_sending ? "detail.sending" : "detail.send"), can_send))
            send_reply(app, *r);
    }
    ui::gap(16);
    if (!r->follow_token.empty()) {  // followed by its token: it can be followed elsewhere
        ui::heading(app.t("detail.elsewhere"));
        ui::paragraph(app.t("detail.elsewhere.hint"), ui::color::muted);
        const std::string link = follow_link(*r);
        ui::shown("detail.link", link);
        if (ui::secondary_button("detail.copy", app.t(r->link_copied ? "detail.copied" : "detail.copy")))
            r->link_copied = copy_to_clipboard(link);
        if (!r->link_copied) ui::paragraph(link, ui::color::muted);  // to copy by hand, too
    }
    ui::gap(8);
    if (ui::link_button("detail.forget", app.t("mine.forget"))) forget_request(app, r->id);
    ui::gap(24);
    ui::end_column(c);
}

}  // namespace spoc::web
