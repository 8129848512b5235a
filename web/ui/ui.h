// The portal's look and its building blocks: a light, high-contrast theme, the
// fonts, and widgets sized for touch (44 px and up). Sizes are given in CSS pixels
// and scaled by the device pixel ratio. Each labelled widget reports where it sits,
// for the browser tests (test_hook.cpp).
#pragma once
#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

namespace spoc {
struct MarkdownDocument;
}

namespace spoc::web::ui {

// [SECTION] Scale, fonts and theme
void set_scale(float device_pixel_ratio);  // rebuilds fonts and style when it changes
// Before the first frame the font atlas holds only ASCII and the characters of first_text (the
// texts the first screen may show), a fifth of the glyphs and as much quicker to build;
// complete_fonts() then builds every glyph, once (true when it did: make the font texture anew).
void set_first_glyphs(const std::string& first_text);
bool complete_fonts();
float scale();
inline float px(float css_pixels) { return css_pixels * scale(); }
void apply_theme();
ImFont* regular_font();
ImFont* bold_font();
ImFont* title_font();
ImFont* code_font();  // monospace (the regular face until every glyph is built: complete_fonts)

namespace color {
constexpr ImU32 page = IM_COL32(243, 245, 248, 255);
constexpr ImU32 surface = IM_COL32(255, 255, 255, 255);
constexpr ImU32 text = IM_COL32(26, 31, 41, 255);
constexpr ImU32 muted = IM_COL32(74, 82, 96, 255);
constexpr ImU32 border = IM_COL32(176, 186, 200, 255);
constexpr ImU32 brand = IM_COL32(10, 61, 115, 255);
constexpr ImU32 primary = IM_COL32(11, 92, 173, 255);
constexpr ImU32 primary_hover = IM_COL32(8, 74, 140, 255);
constexpr ImU32 selected = IM_COL32(227, 238, 251, 255);
constexpr ImU32 error = IM_COL32(179, 38, 30, 255);
constexpr ImU32 error_surface = IM_COL32(252, 236, 234, 255);
constexpr ImU32 success = IM_COL32(30, 123, 52, 255);
constexpr ImU32 success_surface = IM_COL32(231, 245, 234, 255);
constexpr ImU32 info_surface = IM_COL32(232, 240, 250, 255);
}  // namespace color

// [SECTION] Layout
// The content column: centered, at most max_width wide, with margins on phones.
struct Column {
    float left = 0;
    float width = 0;
    float aside_left = 0;   // begin_column_with_aside: where the aside goes, right of the column
    float aside_width = 0;
};
Column begin_column(float max_css_width = 760);
// A column and an aside of aside_css_width beside it on its right, both centred together.
Column begin_column_with_aside(float max_css_width, float aside_css_width);
// A column at a place of the window (left from the window's edge, in device pixels) and of a
// width, starting at screen height top: for an aside. Not nested in another column.
Column begin_column_at(float left, float width, float top);
void end_column(const Column& c);
Column current_column();
void set_current_column(const Column& c);  // for ui's own layouts (a panel narrows the column)
void gap(float css_pixels);

// [SECTION] Text
void title(const std::string& text);
void heading(const std::string& text);
void paragraph(const std::string& text, ImU32 color = color::text);
void error_line(const std::string& test_id, const std::string& text);  // under a field; nothing when empty
enum class Tone { info, success, error };
void notice(const std::string& text, Tone tone, ImFont* font = nullptr);  // bold unless a font is given
void badge(const std::string& text, ImU32 text_color, ImU32 background);

// [SECTION] Controls (test_id names the widget for the browser tests)
bool big_choice(const std::string& test_id, const std::string& title, const std::string& hint, float width);
bool primary_button(const std::string& test_id, const std::string& text, bool enabled = true, float width = 0);
bool secondary_button(const std::string& test_id, const std::string& text, float width = 0);
bool link_button(const std::string& test_id, const std::string& text);
// A choice among a few answers; chips flow onto the next line when the column is full.
void begin_chips();
bool chip(const std::string& test_id, const std::string& text, bool selected);
// A card to pick one of several options, with a title and a description line.
bool option_card(const std::string& test_id, const std::string& title, const std::string& hint, bool selected,
                 float width);
// A text field with its label above and its error below; true when edited.
bool text_field(const std::string& test_id, const std::string& label, std::string& value, const std::string& hint,
                const std::string& error, float width, bool multiline = false, bool password = false);
// Focuses the next text field drawn (text_field or dense_input: a keyboard shortcut asked for it).
void focus_next_text_field();
bool take_focus_request();  // by the text fields: true once after focus_next_text_field
void forget_text_fields();  // what the fields keep of their texts (a kiosk's next person sees none)

// [SECTION] Panels, cards and rich text (ui_panels.cpp, ui_rich_text.cpp)
// A calm panel behind whatever is drawn between begin_panel and end_panel (the column's width).
void begin_panel();
float end_panel();  // its height
// A card that opens something: a title in the link colour, up to max_lines of text, a chevron.
bool link_card(const std::string& test_id, const std::string& title, const std::string& text, float width,
               int max_lines = 3);
// A Markdown document (core's blocks of spans) wrapped to width: headings, paragraphs, lists,
// bold, links (test ids test_id.link.N) and code on a subtle background, code blocks with a
// copy button (test_id.code.N.copy, labelled copy_label).
struct RichTextAction {
    std::string open_link;  // a link was clicked: its address
    std::string copy_text;  // a code block's copy button was clicked: its text
    int copied_block = -1;  // which one
};
RichTextAction rich_text(const MarkdownDocument& doc, float width, const std::string& test_id,
                         const std::string& copy_label, const std::string& copied_label, int copied_block);

// [SECTION] Dense controls for the desk's console (ui_dense.cpp): the same registry, sized for
// a mouse and a keyboard (30 px), not for a finger.
bool dense_button(const std::string& test_id, const std::string& text, bool enabled = true, bool primary = false);
bool tab(const std::string& test_id, const std::string& text, bool selected);  // stays on the line
// A drop-down of options; index -1 shows `none` (when given, it can be chosen back). True on change.
bool select(const std::string& test_id, const std::vector<std::string>& options, int& index, float width,
            const std::string& none = "");
bool dense_input(const std::string& test_id, const std::string& hint, std::string& value, float width);
// A table row the person can pick (the whole row; double click or Enter opens). Call after
// TableNextRow, in the first column; test_id names it.
bool table_row(const std::string& test_id, bool selected, float height);
bool double_clicked();  // the last item
// A boxed note in the timeline: internal notes and public replies look unmistakably different.
void timeline_box(const std::string& header, const std::string& body, ImU32 background, ImU32 edge, float width);
// A multi-line text (an article's body) of the given size; red-framed when it has an error.
bool text_area(const std::string& test_id, std::string& value, float width, float height, bool has_error = false);
// A drop-down of options with a tick each (several may be chosen); shows the chosen ones, or
// `none`. Entries register as test_id.N. True on change.
bool multi_select(const std::string& test_id, const std::vector<std::string>& options, std::vector<bool>& chosen,
                  float width, const std::string& none);

// [SECTION] Keyboard: shortcuts by GLFW key code ('J', key::enter, ...), and whether a text
// field has the keyboard (then letters are typing, not shortcuts).
namespace key {
constexpr int escape = 256, enter = 257, tab = 258, right = 262, left = 263, down = 264, up = 265, page_up = 266,
              page_down = 267, home = 268, end = 269;
}
bool key_pressed(int glfw_key);  // pressed since the last frame drawn
bool typing();
// Whether a drop-down is open, or was in the last frame drawn (its Escape closed it then, and is
// no shortcut). Ask it once a frame, before drawing the screen's drop-downs.
bool popup_open();
void note_key_press(int glfw_key);  // from the platform's key callback
// Before a frame: a key pressed and released since the last one (a quick tap, Ctrl+Enter from a
// fast hand) is down for this frame, so ImGui's text fields see it too (1.86 reads key states).
void hold_tapped_keys();
void end_frame_keys();              // after a frame: the presses were seen, the tapped keys released
bool keys_waiting();                // a second tap of a key waits for a later frame

// [SECTION] Touch: dragging empty space scrolls the current window, as on a phone.
void drag_to_scroll();

// [SECTION] Test hook registry
void begin_frame_registry(const char* screen);
void track(const std::string& test_id);                           // the last item's rectangle
void shown(const std::string& key, const std::string& value);     // a value the tests may read
void scroll_to(const std::string& test_id);                       // on its next drawing
std::string registry_widgets_json();
std::string registry_texts_json();
const char* registry_screen();
// Where the active text field is (CSS pixels), for the hidden textarea that takes typing.
std::optional<ImVec2> active_text_field();
void note_text_field();  // by text_field: its rectangle, for focusing on a tap
const std::vector<float>& text_field_rects();  // x, y, w, h in CSS pixels, per text field

}  // namespace spoc::web::ui
