// The portal's scale, fonts, theme and content column (see ui.h).
#include <cmath>

#include "ui.h"

namespace spoc::web::ui {
namespace {

float g_scale = 0;
ImFont* g_regular = nullptr;
ImFont* g_bold = nullptr;
ImFont* g_title = nullptr;
ImFont* g_code = nullptr;

// Latin with its accents (ä ö ü ß é ł ...), general punctuation (– “ ” …), € and arrows.
const ImWchar kGlyphs[] = {0x0020, 0x017F, 0x2000, 0x206F, 0x20AC, 0x20AC, 0x2190, 0x21FF, 0};
ImVector<ImWchar> g_first_glyphs;  // set_first_glyphs()
bool g_complete = true;            // the atlas holds kGlyphs: false from set_first_glyphs() to complete_fonts()

constexpr const char* kRegularFont = "/fonts/NotoSans-Regular.ttf";
constexpr const char* kBoldFont = "/fonts/NotoSans-Bold.ttf";
constexpr const char* kCodeFont = "/fonts/NotoSansMono-Regular.ttf";

ImFont* load_font(const char* path, float css_size) {
    ImFontConfig config;
    config.OversampleH = 2;
    config.OversampleV = 1;
    ImGuiIO& io = ImGui::GetIO();
    ImFont* font = io.Fonts->AddFontFromFileTTF(path, std::round(css_size * g_scale), &config,
                                                g_complete ? kGlyphs : g_first_glyphs.Data);
    return font ? font : io.Fonts->AddFontDefault();
}

void build_fonts() {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    g_regular = load_font(kRegularFont, 18);
    g_bold = load_font(kBoldFont, 18);
    g_title = load_font(kBoldFont, 28);
    // Code in articles: not on the first screen, so the first atlas goes without it.
    g_code = g_complete ? load_font(kCodeFont, 16) : g_regular;
    io.FontDefault = g_regular;
    io.Fonts->Build();
}

}  // namespace

void set_scale(float device_pixel_ratio) {
    const float s = std::fmax(1.0f, std::fmin(device_pixel_ratio, 4.0f));
    if (s == g_scale) return;
    g_scale = s;
    build_fonts();
    apply_theme();
}

void set_first_glyphs(const std::string& first_text) {
    static const ImWchar ascii[] = {0x0020, 0x007E, 0};
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(ascii);
    builder.AddText(first_text.c_str());
    g_first_glyphs.clear();
    builder.BuildRanges(&g_first_glyphs);
    g_complete = false;
}

bool complete_fonts() {
    if (g_complete || g_scale == 0) return false;
    g_complete = true;
    build_fonts();
    return true;
}

float scale() { return g_scale > 0 ? g_scale : 1.0f; }
ImFont* regular_font() { return g_regular; }
ImFont* bold_font() { return g_bold; }
ImFont* title_font() { return g_title; }
ImFont* code_font() { return g_code; }

void apply_theme() {
    ImGuiStyle style;
    ImGui::StyleColorsLight(&style);
    style.WindowPadding = ImVec2(0, 0);
    style.WindowBorderSize = 0;
    style.FramePadding = ImVec2(14, 11);
    style.FrameRounding = 8;
    style.FrameBorderSize = 1.5f;
    style.ItemSpacing = ImVec2(12, 12);
    style.ItemInnerSpacing = ImVec2(8, 8);
    style.ScrollbarSize = 14;
    style.ScrollbarRounding = 7;
    style.GrabRounding = 6;
    style.ChildRounding = 10;
    style.PopupRounding = 8;
    style.TouchExtraPadding = ImVec2(2, 2);

    auto c = [](ImU32 u) { return ImGui::ColorConvertU32ToFloat4(u); };
    ImVec4* col = style.Colors;
    col[ImGuiCol_Text] = c(color::text);
    col[ImGuiCol_TextDisabled] = c(color::muted);
    col[ImGuiCol_WindowBg] = c(color::page);
    col[ImGuiCol_ChildBg] = c(color::surface);
    col[ImGuiCol_Border] = c(color::border);
    col[ImGuiCol_FrameBg] = c(color::surface);
    col[ImGuiCol_FrameBgHovered] = c(color::surface);
    col[ImGuiCol_FrameBgActive] = c(color::surface);
    col[ImGuiCol_Button] = c(color::primary);
    col[ImGuiCol_ButtonHovered] = c(color::primary_hover);
    col[ImGuiCol_ButtonActive] = c(color::brand);
    col[ImGuiCol_TextSelectedBg] = c(IM_COL32(160, 196, 240, 255));
    col[ImGuiCol_NavHighlight] = c(color::primary);
    // Rows and list entries: the chosen one stands out more than the one under the pointer.
    col[ImGuiCol_Header] = c(IM_COL32(196, 220, 248, 255));
    col[ImGuiCol_HeaderHovered] = c(color::selected);
    col[ImGuiCol_HeaderActive] = c(IM_COL32(178, 208, 244, 255));
    col[ImGuiCol_ScrollbarBg] = c(color::page);
    col[ImGuiCol_ScrollbarGrab] = c(IM_COL32(160, 170, 185, 255));
    style.ScaleAllSizes(scale());
    ImGui::GetStyle() = style;
}

namespace {
Column g_column;
}

Column begin_column(float max_css_width) {
    const float avail = ImGui::GetWindowWidth();
    const float margin = px(16);
    Column c;
    c.width = std::fmin(px(max_css_width), avail - 2 * margin - ImGui::GetStyle().ScrollbarSize);
    c.left = std::floor(std::fmax(margin, (avail - c.width) / 2));
    ImGui::Indent(c.left);
    ImGui::PushTextWrapPos(c.left + c.width);
    g_column = c;
    return c;
}

Column begin_column_with_aside(float max_css_width, float aside_css_width) {
    const float avail = ImGui::GetWindowWidth() - ImGui::GetStyle().ScrollbarSize;
    const float margin = px(16), between = px(32);
    Column c;
    c.aside_width = px(aside_css_width);
    c.width = std::fmin(px(max_css_width), avail - 2 * margin - between - c.aside_width);
    c.left = std::floor(std::fmax(margin, (avail - c.width - between - c.aside_width) / 2));
    c.aside_left = c.left + c.width + between;
    ImGui::Indent(c.left);
    ImGui::PushTextWrapPos(c.left + c.width);
    g_column = c;
    return c;
}

Column begin_column_at(float left, float width, float top) {
    Column c;
    c.left = left;
    c.width = width;
    ImGui::Indent(c.left);
    ImGui::SetCursorScreenPos(ImVec2(ImGui::GetWindowPos().x + left, top));
    ImGui::PushTextWrapPos(c.left + c.width);
    g_column = c;
    return c;
}

void end_column(const Column& c) {
    ImGui::PopTextWrapPos();
    ImGui::Unindent(c.left);
}

Column current_column() { return g_column; }
void set_current_column(const Column& c) { g_column = c; }

void gap(float css_pixels) { ImGui::Dummy(ImVec2(1, px(css_pixels))); }

}  // namespace spoc::web::ui
