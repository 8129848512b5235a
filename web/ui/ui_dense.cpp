// The console's dense controls (see ui.h): buttons, tabs, drop-downs, a filter field and
// table rows at 30 px, for people who work at a desk all day with a mouse and a keyboard.
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "ui.h"

namespace spoc::web::ui {
namespace {

ImVec2 text_size(ImFont* font, const std::string& text, float wrap = -1) {
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, text.c_str());
}

}  // namespace

bool dense_button(const std::string& test_id, const std::string& text, bool enabled, bool primary) {
    const ImVec2 t = text_size(bold_font(), text);
    const ImVec2 size(t.x + px(20), px(30));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::PushID(test_id.c_str());
    const bool pressed = ImGui::InvisibleButton("##b", size) && enabled;
    ImGui::PopID();
    const bool hovered = ImGui::IsItemHovered();
    track(test_id);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 end(at.x + size.x, at.y + size.y);
    if (primary) {
        dl->AddRectFilled(at, end, !enabled ? IM_COL32(120, 140, 165, 255) : hovered ? color::primary_hover : color::primary,
                          px(5));
    } else {
        dl->AddRectFilled(at, end, hovered && enabled ? color::selected : color::surface, px(5));
        dl->AddRect(at, end, enabled ? color::primary : color::border, px(5), 0, px(1));
    }
    const ImU32 fg = primary ? IM_COL32_WHITE : enabled ? color::primary : color::muted;
    dl->AddText(bold_font(), bold_font()->FontSize, ImVec2(at.x + px(10), at.y + (size.y - t.y) / 2), fg, text.c_str());
    if (hovered && enabled) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    return pressed;
}

bool tab(const std::string& test_id, const std::string& text, bool selected) {
    const ImVec2 t = text_size(bold_font(), text);
    const ImVec2 size(t.x + px(24), px(34));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::PushID(test_id.c_str());
    const bool pressed = ImGui::InvisibleButton("##t", size);
    ImGui::PopID();
    const bool hovered = ImGui::IsItemHovered();
    track(test_id);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (hovered && !selected) dl->AddRectFilled(at, ImVec2(at.x + size.x, at.y + size.y), color::selected, px(4));
    dl->AddText(bold_font(), bold_font()->FontSize, ImVec2(at.x + px(12), at.y + (size.y - t.y) / 2),
                selected ? color::primary : color::muted, text.c_str());
    if (selected)
        dl->AddRectFilled(ImVec2(at.x + px(6), at.y + size.y - px(3)), ImVec2(at.x + size.x - px(6), at.y + size.y),
                          color::primary, px(2));
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImGui::SameLine(0, px(2));
    return pressed;
}

bool select(const std::string& test_id, const std::vector<std::string>& options, int& index, float width,
            const std::string& none) {
    bool changed = false;
    const std::string current =
        index >= 0 && index < static_cast<int>(options.size()) ? options[static_cast<std::size_t>(index)] : none;
    ImGui::PushID(test_id.c_str());
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo("##s", current.c_str())) {
        if (!none.empty() && ImGui::Selectable(none.c_str(), index < 0)) {
            index = -1;
            changed = true;
        }
        if (!none.empty()) track(test_id + ".none");
        for (int i = 0; i < static_cast<int>(options.size()); ++i) {
            ImGui::PushID(i);
            if (ImGui::Selectable(options[static_cast<std::size_t>(i)].c_str(), i == index)) {
                index = i;
                changed = true;
            }
            track(test_id + "." + std::to_string(i));  // the open list's entries, by position
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    ImGui::PopID();
    track(test_id);
    shown(test_id, current);
    return changed;
}

bool dense_input(const std::string& test_id, const std::string& hint, std::string& value, float width) {
    ImGui::PushID(test_id.c_str());
    ImGui::SetNextItemWidth(width);
    if (take_focus_request()) ImGui::SetKeyboardFocusHere();
    const bool changed = ImGui::InputTextWithHint("##i", hint.c_str(), &value);
    note_text_field();
    ImGui::PopID();
    track(test_id);
    shown(test_id, value);
    return changed;
}

bool table_row(const std::string& test_id, bool selected, float height) {
    ImGui::PushID(test_id.c_str());
    const bool pressed = ImGui::Selectable("##row", selected,
                                           ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick |
                                               ImGuiSelectableFlags_AllowItemOverlap,
                                           ImVec2(0, height));
    ImGui::PopID();
    track(test_id);
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImGui::SameLine(0, 0);
    return pressed;
}

bool popup_open() {
    static int last_open = -10;  // the frame it was last seen open
    if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) last_open = ImGui::GetFrameCount();
    return ImGui::GetFrameCount() - last_open <= 1;
}

bool double_clicked() { return ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left); }

void timeline_box(const std::string& header, const std::string& body, ImU32 background, ImU32 edge, float width) {
    const float pad = px(10);
    const float wrap = width - 2 * pad - px(4);
    const ImVec2 h = text_size(bold_font(), header, wrap);
    const ImVec2 b = body.empty() ? ImVec2(0, 0) : text_size(regular_font(), body, wrap);
    const float height = h.y + (body.empty() ? 0 : b.y + px(4)) + 2 * pad;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + width, at.y + height), background, px(6));
    dl->AddRectFilled(at, ImVec2(at.x + px(4), at.y + height), edge, px(6), ImDrawFlags_RoundCornersLeft);
    dl->AddText(bold_font(), bold_font()->FontSize, ImVec2(at.x + pad + px(4), at.y + pad), color::text,
                header.c_str(), nullptr, wrap);
    if (!body.empty())
        dl->AddText(regular_font(), regular_font()->FontSize, ImVec2(at.x + pad + px(4), at.y + pad + h.y + px(4)),
                    color::text, body.c_str(), nullptr, wrap);
    ImGui::Dummy(ImVec2(width, height));
}

bool text_area(const std::string& test_id, std::string& value, float width, float height, bool has_error) {
    ImGui::PushID(test_id.c_str());
    if (has_error) ImGui::PushStyleColor(ImGuiCol_Border, ImGui::ColorConvertU32ToFloat4(color::error));
    if (take_focus_request()) ImGui::SetKeyboardFocusHere();
    const bool changed = ImGui::InputTextMultiline("##a", &value, ImVec2(width, height));
    note_text_field();
    if (has_error) ImGui::PopStyleColor();
    ImGui::PopID();
    track(test_id);
    shown(test_id, value);
    return changed;
}

bool multi_select(const std::string& test_id, const std::vector<std::string>& options, std::vector<bool>& chosen,
                  float width, const std::string& none) {
    chosen.resize(options.size(), false);
    std::string summary;
    for (std::size_t i = 0; i < options.size(); ++i)
        if (chosen[i]) summary += (summary.empty() ? "" : ", ") + options[i];
    bool changed = false;
    ImGui::PushID(test_id.c_str());
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo("##m", summary.empty() ? none.c_str() : summary.c_str(), ImGuiComboFlags_HeightLarge)) {
        if (key_pressed(key::escape)) ImGui::CloseCurrentPopup();  // a quick tap, which ImGui may not see
        for (std::size_t i = 0; i < options.size(); ++i) {
            ImGui::PushID(static_cast<int>(i));
            const ImVec2 at = ImGui::GetCursorScreenPos();
            if (ImGui::Selectable(("      " + options[i]).c_str(), chosen[i], ImGuiSelectableFlags_DontClosePopups)) {
                chosen[i] = !chosen[i];
                changed = true;
            }
            // A tick box in front of the entry.
            const float box = px(14), y = at.y + (ImGui::GetItemRectSize().y - box) / 2;
            ImDrawList* dl = ImGui::GetWindowDrawList();
            dl->AddRect(ImVec2(at.x, y), ImVec2(at.x + box, y + box), chosen[i] ? color::primary : color::border, px(3),
                        0, px(1.5f));
            if (chosen[i])
                dl->AddRectFilled(ImVec2(at.x + px(3), y + px(3)), ImVec2(at.x + box - px(3), y + box - px(3)),
                                  color::primary, px(2));
            track(test_id + "." + std::to_string(i));
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    ImGui::PopID();
    track(test_id);
    shown(test_id, summary);
    return changed;
}

}  // namespace spoc::web::ui
