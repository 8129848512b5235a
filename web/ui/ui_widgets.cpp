// The portal's widgets (see ui.h): text styles, big touch-friendly buttons, chips,
// option cards and labelled text fields, drawn with ImGui's draw lists.
#include <GLFW/glfw3.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <unordered_map>

#include "soft_wrap.h"
#include "ui.h"

namespace spoc::web::ui {
namespace {

ImVec2 text_size(ImFont* font, const std::string& text, float wrap_width = -1) {
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap_width, text.c_str());
}

void draw_text(ImDrawList* dl, ImFont* font, ImVec2 at, ImU32 color, const std::string& text, float wrap_width = 0) {
    dl->AddText(font, font->FontSize, at, color, text.c_str(), nullptr, wrap_width);
}

// A clickable area of the given size with an ImGui id from test_id.
bool hit_area(const std::string& test_id, ImVec2 size, bool& hovered, bool& held) {
    ImGui::PushID(test_id.c_str());
    const bool pressed = ImGui::InvisibleButton("##hit", size);
    ImGui::PopID();
    hovered = ImGui::IsItemHovered();
    held = ImGui::IsItemActive();
    track(test_id);
    return pressed;
}

}  // namespace

// [SECTION] Text

void title(const std::string& text) {
    ImGui::PushFont(title_font());
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopFont();
}

void heading(const std::string& text) {
    ImGui::PushFont(bold_font());
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopFont();
}

void paragraph(const std::string& text, ImU32 color) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

void error_line(const std::string& test_id, const std::string& text) {
    if (text.empty()) return;
    shown(test_id + ".error", text);
    paragraph(text, color::error);
}

void notice(const std::string& text, Tone tone, ImFont* font) {
    if (!font) font = bold_font();
    const ImU32 bg = tone == Tone::error ? color::error_surface
                     : tone == Tone::success ? color::success_surface : color::info_surface;
    const ImU32 fg = tone == Tone::error ? color::error : tone == Tone::success ? color::success : color::brand;
    const Column c = current_column();
    const float pad = px(14);
    const float wrap = c.width - 2 * pad;
    const ImVec2 size = text_size(font, text, wrap);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + c.width, at.y + size.y + 2 * pad), bg, px(8));
    dl->AddRectFilled(at, ImVec2(at.x + px(5), at.y + size.y + 2 * pad), fg, px(8), ImDrawFlags_RoundCornersLeft);
    draw_text(dl, font, ImVec2(at.x + pad + px(4), at.y + pad), fg, text, wrap);
    ImGui::Dummy(ImVec2(c.width, size.y + 2 * pad));
}

void badge(const std::string& text, ImU32 text_color, ImU32 background) {
    const ImVec2 size = text_size(bold_font(), text);
    const ImVec2 pad(px(10), px(4));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + size.x + 2 * pad.x, at.y + size.y + 2 * pad.y), background, px(14));
    draw_text(dl, bold_font(), ImVec2(at.x + pad.x, at.y + pad.y), text_color, text);
    ImGui::Dummy(ImVec2(size.x + 2 * pad.x, size.y + 2 * pad.y));
}

// [SECTION] Controls

bool big_choice(const std::string& test_id, const std::string& title_text, const std::string& hint, float width) {
    const float pad = px(20);
    const float wrap = width - 2 * pad - px(24);
    const ImVec2 t = text_size(title_font(), title_text, wrap);
    const ImVec2 h = text_size(regular_font(), hint, wrap);
    const float height = std::max(px(96), t.y + h.y + px(6) + 2 * pad);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    bool hovered = false, held = false;
    const bool pressed = hit_area(test_id, ImVec2(width, height), hovered, held);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 end(at.x + width, at.y + height);
    dl->AddRectFilled(at, end, held ? color::selected : color::surface, px(12));
    dl->AddRect(at, end, hovered ? color::primary : color::border, px(12), 0, hovered ? px(2.5f) : px(1.5f));
    dl->AddRectFilled(at, ImVec2(at.x + px(6), end.y), color::primary, px(12), ImDrawFlags_RoundCornersLeft);
    draw_text(dl, title_font(), ImVec2(at.x + pad, at.y + pad), color::primary, title_text, wrap);
    draw_text(dl, regular_font(), ImVec2(at.x + pad, at.y + pad + t.y + px(6)), color::muted, hint, wrap);
    // a chevron on the right says "go on"
    const float cx = end.x - pad, cy = at.y + height / 2;
    dl->AddLine(ImVec2(cx - px(8), cy - px(8)), ImVec2(cx, cy), color::primary, px(3));
    dl->AddLine(ImVec2(cx, cy), ImVec2(cx - px(8), cy + px(8)), color::primary, px(3));
    return pressed;
}

static bool filled_button(const std::string& test_id, const std::string& text, bool enabled, float width,
                          bool primary) {
    const ImVec2 t = text_size(bold_font(), text);
    const float w = width > 0 ? width : t.x + px(48);
    const float h = px(48);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    bool hovered = false, held = false;
    const bool pressed = hit_area(test_id, ImVec2(w, h), hovered, held) && enabled;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 end(at.x + w, at.y + h);
    if (primary) {
        const ImU32 fill = !enabled ? IM_COL32(120, 140, 165, 255) : hovered ? color::primary_hover : color::primary;
        dl->AddRectFilled(at, end, fill, px(8));
    } else {
        dl->AddRectFilled(at, end, hovered ? color::selected : color::surface, px(8));
        dl->AddRect(at, end, color::primary, px(8), 0, px(1.5f));
    }
    draw_text(dl, bold_font(), ImVec2(at.x + (w - t.x) / 2, at.y + (h - t.y) / 2),
              primary ? IM_COL32_WHITE : color::primary, text);
    if (hovered && enabled) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    return pressed;
}

bool primary_button(const std::string& test_id, const std::string& text, bool enabled, float width) {
    return filled_button(test_id, text, enabled, width, true);
}

bool secondary_button(const std::string& test_id, const std::string& text, float width) {
    return filled_button(test_id, text, true, width, false);
}

bool link_button(const std::string& test_id, const std::string& text) {
    const ImVec2 t = text_size(bold_font(), text);
    const ImVec2 size(t.x + px(8), std::max(px(44), t.y));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    bool hovered = false, held = false;
    const bool pressed = hit_area(test_id, size, hovered, held);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float y = at.y + (size.y - t.y) / 2;
    draw_text(dl, bold_font(), ImVec2(at.x + px(4), y), color::primary, text);
    if (hovered) {
        dl->AddLine(ImVec2(at.x + px(4), y + t.y), ImVec2(at.x + px(4) + t.x, y + t.y), color::primary, px(1.5f));
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    }
    return pressed;
}

namespace {
bool g_first_chip = true;
}

void begin_chips() { g_first_chip = true; }

bool chip(const std::string& test_id, const std::string& text, bool selected) {
    const Column c = current_column();
    const ImVec2 t = text_size(bold_font(), text, c.width - px(40));
    const ImVec2 size(std::min(t.x + px(40), c.width), std::max(px(48), t.y + px(20)));
    if (!g_first_chip) {
        ImGui::SameLine();
        const float right = ImGui::GetWindowPos().x + c.left + c.width;
        if (ImGui::GetCursorScreenPos().x + size.x > right + 0.5f) ImGui::NewLine();
    }
    g_first_chip = false;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    bool hovered = false, held = false;
    const bool pressed = hit_area(test_id, size, hovered, held);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 end(at.x + size.x, at.y + size.y);
    if (selected) {
        dl->AddRectFilled(at, end, color::primary, px(24));
    } else {
        dl->AddRectFilled(at, end, hovered ? color::selected : color::surface, px(24));
        dl->AddRect(at, end, hovered ? color::primary : color::border, px(24), 0, px(1.5f));
    }
    draw_text(dl, bold_font(), ImVec2(at.x + px(20), at.y + (size.y - t.y) / 2),
              selected ? IM_COL32_WHITE : color::text, text, c.width - px(40));
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    return pressed;
}

bool option_card(const std::string& test_id, const std::string& title_text, const std::string& hint, bool selected,
                 float width) {
    const float pad = px(16);
    const float text_left = pad + px(34);
    const float wrap = width - text_left - pad;
    const ImVec2 t = text_size(bold_font(), title_text, wrap);
    const ImVec2 h = text_size(regular_font(), hint, wrap);
    const float height = std::max(px(56), t.y + h.y + px(4) + 2 * pad);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    bool hovered = false, held = false;
    const bool pressed = hit_area(test_id, ImVec2(width, height), hovered, held);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 end(at.x + width, at.y + height);
    dl->AddRectFilled(at, end, selected ? color::selected : color::surface, px(10));
    dl->AddRect(at, end, selected || hovered ? color::primary : color::border, px(10), 0,
                selected ? px(2.5f) : px(1.5f));
    const ImVec2 dot(at.x + pad + px(11), at.y + pad + t.y / 2);
    dl->AddCircle(dot, px(10), selected ? color::primary : color::muted, 24, px(2));
    if (selected) dl->AddCircleFilled(dot, px(5.5f), color::primary, 24);
    draw_text(dl, bold_font(), ImVec2(at.x + text_left, at.y + pad), color::text, title_text, wrap);
    draw_text(dl, regular_font(), ImVec2(at.x + text_left, at.y + pad + t.y + px(4)), color::muted, hint, wrap);
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    return pressed;
}

namespace {
bool g_focus_next_field = false;

// A multi-line field that wraps its lines (ImGui 1.86's does not): the field holds the person's
// text with soft breaks (soft_wrap.h), kept in step by a callback on every frame it is active.
struct WrappedField {
    std::string field;                // the field's buffer (ImGui's while it is active)
    std::string text;                 // the person's text
    std::string shown;                // text with its soft breaks as '\n': what the field last got
    std::vector<std::size_t> breaks;  // the soft breaks in shown
    float width = -1;                 // the width they were made for
};
std::unordered_map<ImGuiID, WrappedField> g_wrapped;

float text_width(std::string_view s) { return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x; }

void wrap(WrappedField& w, std::string text, float width) {
    w.breaks = soft_breaks(text, width, text_width);
    w.shown = with_breaks(text, w.breaks);
    w.text = std::move(text);
    w.width = width;
}

// While the field is active: an edit (typing, pasting, undo) gives the text again, which is wrapped
// again; the breaks only turn spaces into line ends, so the length and the cursor stay. (The
// field's own buffer is ImGui's to change here, through data->Buf only.)
int keep_wrapped(ImGuiInputTextCallbackData* data) {
    WrappedField& w = *static_cast<WrappedField*>(data->UserData);
    const std::string_view now(data->Buf, static_cast<std::size_t>(data->BufTextLen));
    if (now == w.shown) return 0;
    const float width = w.width;
    wrap(w, without_breaks(w.shown, w.breaks, now), width);
    std::copy(w.shown.begin(), w.shown.end(), data->Buf);
    data->BufDirty = true;
    return 0;
}

bool wrapped_multiline(std::string& value, float width, float height) {
    const ImGuiID id = ImGui::GetID("##text");
    WrappedField& w = g_wrapped[id];
    const ImGuiStyle& style = ImGui::GetStyle();
    const float line_width = width - 2 * style.FramePadding.x - style.ScrollbarSize - px(4);
    // Not being edited: the text may have changed elsewhere (a draft read back), or the width.
    if (ImGui::GetActiveID() != id && (value != w.text || line_width != w.width)) {
        wrap(w, value, line_width);
        w.field = w.shown;
    }
    ImGui::InputTextMultiline("##text", &w.field, ImVec2(width, height), ImGuiInputTextFlags_CallbackAlways,
                              keep_wrapped, &w);
    if (w.text == value) return false;
    value = w.text;
    return true;
}

}  // namespace

void focus_next_text_field() { g_focus_next_field = true; }

void forget_text_fields() { g_wrapped.clear(); }

bool take_focus_request() {
    const bool asked = g_focus_next_field;
    g_focus_next_field = false;
    return asked;
}

bool text_field(const std::string& test_id, const std::string& label_text, std::string& value,
                const std::string& hint, const std::string& error, float width, bool multiline, bool password) {
    heading(label_text);
    if (!hint.empty()) paragraph(hint, color::muted);
    const bool has_error = !error.empty();
    ImGui::PushStyleColor(ImGuiCol_Border, ImGui::ColorConvertU32ToFloat4(has_error ? color::error : color::border));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, has_error ? px(2.5f) : px(1.5f));
    ImGui::PushID(test_id.c_str());
    bool changed;
    if (take_focus_request()) ImGui::SetKeyboardFocusHere();
    if (multiline) {
        changed = wrapped_multiline(value, width, px(150));
    } else {
        ImGui::SetNextItemWidth(width);
        changed = ImGui::InputText("##text", &value, password ? ImGuiInputTextFlags_Password : 0);
    }
    note_text_field();
    if (ImGui::IsItemActive()) {
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        ImGui::GetWindowDrawList()->AddRect(ImVec2(a.x - px(2), a.y - px(2)), ImVec2(b.x + px(2), b.y + px(2)),
                                            color::primary, px(9), 0, px(2));
    }
    ImGui::PopID();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    track(test_id);
    if (!password) shown(test_id, value);
    error_line(test_id, error);
    return changed;
}

// [SECTION] Keyboard

namespace {
std::vector<int> g_incoming;     // presses from the platform since the last frame drawn
std::vector<int> g_presses;      // this frame's: at most one of each key
std::vector<int> g_held;         // keys tapped since the last frame, held down for this one
std::vector<int> g_held_before;  // held in the last frame: up for one frame before the next tap

bool contains(const std::vector<int>& keys, int k) { return std::find(keys.begin(), keys.end(), k) != keys.end(); }

// As ImGui's GLFW backend sets them from the keys' states.
void update_modifiers(ImGuiIO& io) {
    io.KeyCtrl = io.KeysDown[GLFW_KEY_LEFT_CONTROL] || io.KeysDown[GLFW_KEY_RIGHT_CONTROL];
    io.KeyShift = io.KeysDown[GLFW_KEY_LEFT_SHIFT] || io.KeysDown[GLFW_KEY_RIGHT_SHIFT];
    io.KeyAlt = io.KeysDown[GLFW_KEY_LEFT_ALT] || io.KeysDown[GLFW_KEY_RIGHT_ALT];
    io.KeySuper = io.KeysDown[GLFW_KEY_LEFT_SUPER] || io.KeysDown[GLFW_KEY_RIGHT_SUPER];
}
}

bool key_pressed(int glfw_key) { return contains(g_presses, glfw_key); }
void note_key_press(int glfw_key) { g_incoming.push_back(glfw_key); }
bool keys_waiting() { return !g_incoming.empty(); }

// A key tapped twice between two frames (Enter, Enter for an empty line, on a slow frame) is
// down in this frame and again in the one after next (ImGui sees a press only after a frame with
// the key up): the second tap waits instead of being lost. Repeats of a key held down are one.
void hold_tapped_keys() {
    ImGuiIO& io = ImGui::GetIO();
    std::vector<int> later;
    g_presses.clear();
    for (const int k : g_incoming) {
        const bool down = k >= 0 && k < IM_ARRAYSIZE(io.KeysDown) && io.KeysDown[k];
        const bool again = contains(g_presses, k);
        if (!down && (again || contains(g_held_before, k))) later.push_back(k);
        else if (!again) g_presses.push_back(k);
    }
    g_incoming = std::move(later);
    for (const int k : g_presses)
        if (k >= 0 && k < IM_ARRAYSIZE(io.KeysDown) && !io.KeysDown[k]) {
            io.KeysDown[k] = true;
            g_held.push_back(k);
        }
    if (!g_held.empty()) update_modifiers(io);
}

void end_frame_keys() {
    g_presses.clear();
    ImGuiIO& io = ImGui::GetIO();
    for (const int k : g_held) io.KeysDown[k] = false;  // released before this frame
    if (!g_held.empty()) update_modifiers(io);
    g_held_before = std::move(g_held);
    g_held.clear();
}
bool typing() { return ImGui::GetIO().WantTextInput; }

// [SECTION] Touch

void drag_to_scroll() {
    static bool dragging = false;
    ImGuiIO& io = ImGui::GetIO();
    if (!io.MouseDown[0]) {
        dragging = false;
        return;
    }
    if (ImGui::GetActiveID() == ImGui::GetWindowScrollbarID(ImGui::GetCurrentWindow(), ImGuiAxis_Y)) return;
    if (!dragging) {
        const bool on_text = ImGui::GetIO().WantTextInput;
        dragging = !on_text && ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
                   ImGui::IsMouseDragging(ImGuiMouseButton_Left, px(8)) && std::abs(io.MouseDelta.y) > 0;
        if (dragging) ImGui::ClearActiveID();  // the button under the finger must not fire
    }
    if (dragging) ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
}

}  // namespace spoc::web::ui
