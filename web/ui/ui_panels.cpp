// Calm panels around a group of widgets, and cards that open something (a knowledge article):
// a title in the link colour, a few lines of text and a chevron.
#include <imgui_internal.h>

#include <algorithm>

#include "ui.h"

namespace spoc::web::ui {
namespace {

constexpr ImU32 kPanelSurface = IM_COL32(236, 242, 250, 255);
constexpr ImU32 kPanelEdge = IM_COL32(200, 214, 232, 255);

struct OpenPanel {
    Column outer;
    ImVec2 top;
    float pad = 0;
};
OpenPanel g_panel;

// The text cut after max_lines lines wrapped at wrap, with an ellipsis when something was cut.
std::string clamp_lines(ImFont* font, std::string text, float wrap, int max_lines) {
    std::replace(text.begin(), text.end(), '\n', ' ');
    const char* const begin = text.c_str();
    const char* const end = begin + text.size();
    const char* at = begin;
    for (int line = 0; line < max_lines && at < end; ++line) {
        const char* next = font->CalcWordWrapPositionA(1.0f, at, end, wrap);
        if (next == at) ++next;  // a glyph wider than the line still moves on
        at = next;
        while (at < end && *at == ' ') ++at;
    }
    if (at >= end) return text;
    // Room for the ellipsis: back to the last space of the last line.
    std::size_t cut = static_cast<std::size_t>(at - begin);
    const std::size_t space = text.rfind(' ', cut > 2 ? cut - 2 : 0);
    if (space != std::string::npos && space > 0) cut = space;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut) + "\xE2\x80\xA6";  // …
}

}  // namespace

void begin_panel() {
    g_panel.outer = current_column();
    g_panel.pad = px(16);
    g_panel.top = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->ChannelsSplit(2);
    ImGui::GetWindowDrawList()->ChannelsSetCurrent(1);
    Column inner = g_panel.outer;
    inner.left += g_panel.pad;
    inner.width -= 2 * g_panel.pad;
    ImGui::Indent(g_panel.pad);
    ImGui::PushTextWrapPos(inner.left + inner.width);
    set_current_column(inner);
    ImGui::Dummy(ImVec2(1, g_panel.pad - ImGui::GetStyle().ItemSpacing.y));
}

float end_panel() {
    ImGui::Dummy(ImVec2(1, g_panel.pad - ImGui::GetStyle().ItemSpacing.y));
    ImGui::PopTextWrapPos();
    ImGui::Unindent(g_panel.pad);
    set_current_column(g_panel.outer);
    const float height = ImGui::GetCursorScreenPos().y - ImGui::GetStyle().ItemSpacing.y - g_panel.top.y;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSetCurrent(0);
    const ImVec2 end(g_panel.top.x + g_panel.outer.width, g_panel.top.y + height);
    dl->AddRectFilled(g_panel.top, end, kPanelSurface, px(12));
    dl->AddRect(g_panel.top, end, kPanelEdge, px(12), 0, px(1));
    dl->ChannelsMerge();
    return height;
}

bool link_card(const std::string& test_id, const std::string& title_text, const std::string& text, float width,
               int max_lines) {
    const float pad = px(14);
    const float chevron = px(22);
    const float wrap = width - 2 * pad - chevron;
    ImFont* bold = bold_font();
    ImFont* regular = regular_font();
    const std::string shown_text = clamp_lines(regular, text, wrap, max_lines);
    const ImVec2 t = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, wrap, title_text.c_str());
    const ImVec2 h = shown_text.empty() ? ImVec2(0, 0)
                                        : regular->CalcTextSizeA(regular->FontSize, FLT_MAX, wrap, shown_text.c_str());
    const float height = std::max(px(56), t.y + (h.y > 0 ? h.y + px(4) : 0) + 2 * pad);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::PushID(test_id.c_str());
    const bool pressed = ImGui::InvisibleButton("##card", ImVec2(width, height));
    ImGui::PopID();
    const bool hovered = ImGui::IsItemHovered();
    track(test_id);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 end(at.x + width, at.y + height);
    dl->AddRectFilled(at, end, hovered ? color::selected : color::surface, px(10));
    dl->AddRect(at, end, hovered ? color::primary : color::border, px(10), 0, hovered ? px(2) : px(1));
    dl->AddText(bold, bold->FontSize, ImVec2(at.x + pad, at.y + pad), color::primary, title_text.c_str(), nullptr,
                wrap);
    if (!shown_text.empty())
        dl->AddText(regular, regular->FontSize, ImVec2(at.x + pad, at.y + pad + t.y + px(4)), color::muted,
                    shown_text.c_str(), nullptr, wrap);
    const float cx = end.x - pad, cy = at.y + height / 2;
    dl->AddLine(ImVec2(cx - px(6), cy - px(6)), ImVec2(cx, cy), color::primary, px(2.5f));
    dl->AddLine(ImVec2(cx, cy), ImVec2(cx - px(6), cy + px(6)), color::primary, px(2.5f));
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    return pressed;
}

}  // namespace spoc::web::ui
