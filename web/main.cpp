// The spoc portal: Dear ImGui on GLFW and WebGL2, one frame function per screen.
// The canvas follows the window's CSS size times devicePixelRatio; the UI is drawn
// in device pixels and scaled by that ratio, so text stays sharp on every screen.
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cmath>

#include "app_actions.h"
#include "console/console.h"
#include "http_client.h"
#include "platform.h"
#include "redraw.h"
#include "screens.h"
#include "ui.h"

namespace {

using namespace spoc::web;

GLFWwindow* g_window = nullptr;
AppState g_app;
int g_width = 0, g_height = 0;  // the drawing buffer, device pixels

bool busy() {
    return http_in_flight() > 0 || ui::active_text_field() || ImGui::GetIO().MouseDown[0] || ui::keys_waiting();
}

double g_last_touch = 0;  // seconds_since_start() of the person's last input

void touched() {
    g_last_touch = seconds_since_start();
    wake();
}

void on_cursor(GLFWwindow*, double, double) { touched(); }
void on_button(GLFWwindow*, int, int, int) { touched(); }
// Presses are remembered until a frame is drawn: a quick tap of a key (down and up between two
// frames) still counts as a shortcut, where ImGui only sees keys that are down at a frame.
void on_key(GLFWwindow*, int key, int, int action, int) {
    if (action == GLFW_PRESS || action == GLFW_REPEAT) ui::note_key_press(key);
    touched();
}

// Emscripten's GLFW passes the browser's wheel delta in pixels, downwards positive;
// ImGui wants steps, upwards positive.
void on_scroll(GLFWwindow* window, double dx, double dy) {
    touched();
    ImGui_ImplGlfw_ScrollCallback(window, -dx / 100.0, -dy / 100.0);
}

void follow_canvas_size() {
    const CanvasSize c = canvas_size();
    const int w = std::max(1, static_cast<int>(std::lround(c.css_width * c.pixel_ratio)));
    const int h = std::max(1, static_cast<int>(std::lround(c.css_height * c.pixel_ratio)));
    if (w != g_width || h != g_height) {
        wake();
        resize_canvas(w, h);
        g_width = w;
        g_height = h;
    }
    const float before = ui::scale();
    ui::set_scale(static_cast<float>(c.pixel_ratio));
    if (ui::scale() != before) ImGui_ImplOpenGL3_DestroyDeviceObjects();  // new font atlas
}

// The organisation's logo, once portal.json has named one.
void load_logo(AppState& app) {
    if (app.config.logo.empty() || app.logo_texture != 0) return;
    GLuint texture = 0;
    glGenTextures(1, &texture);
    app.logo_texture = texture;
    load_image_into_texture(app.config.logo, texture);
}

void show_screen(AppState& app) {
    switch (app.screen) {
        case Screen::home: return ShowHome(app);
        case Screen::form: return ShowRequestForm(app);
        case Screen::submitted: return ShowSubmitted(app);
        case Screen::mine: return ShowMyRequests(app);
        case Screen::detail: return ShowRequestDetail(app);
        case Screen::sign_in: return ShowSignIn(app);
        case Screen::article: return ShowArticle(app);
        case Screen::solved: return ShowSolved(app);
        case Screen::queue:
        case Screen::desk_request:
        case Screen::routing:
        case Screen::knowledge:
        case Screen::kb_article:
        case Screen::desk_search: return ShowConsoleScreen(app);  // console/console.h
    }
}

// Typing that came before its text field was active (a tap, then keys, all before
// this frame) waits for the field; ImGui drops characters nobody takes.
void deliver_typing() {
    static std::string typed;
    static double typed_since = 0;
    if (typed.empty()) typed_since = seconds_since_start();
    typed += text_input_take();
    if (!typed.empty()) touched();
    if (!typed.empty() && ui::active_text_field()) {  // as the last frame left it
        ImGui::GetIO().AddInputCharactersUTF8(typed.c_str());
        typed.clear();
    } else if (seconds_since_start() - typed_since > 2) {
        typed.clear();  // typed where no field takes it
    }
}

bool g_first_frame_drawn = false;

// On the page's timeline: the first frame drawn, and the first with portal.json's configuration.
void mark_first_frames() {
    static bool configured_marked = false;
    if (!g_first_frame_drawn) performance_mark("first-frame");
    g_first_frame_drawn = true;
    if (!configured_marked && g_app.config_json.is_object()) {
        performance_mark("configured-frame");
        configured_marked = true;
    }
}

// Every glyph of the fonts (ui::set_first_glyphs) once the first frame is on screen, or before
// portal.json's texts are drawn (an organisation's name may need glyphs the first atlas lacks).
void complete_fonts_when_due() {
    if (!g_first_frame_drawn && !g_app.config_json.is_object()) return;
    if (ui::complete_fonts() && g_first_frame_drawn) {  // else the first frame makes the texture
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
}

void frame() {
    complete_fonts_when_due();
    if (g_first_frame_drawn) finish_start(g_app);
    follow_canvas_size();
    deliver_typing();
    poll(g_app);
    if (kiosk_idle(g_app, seconds_since_start() - g_last_touch)) {
        // Nothing of the last person may come back, not even through a text field's undo.
        ImGui::ClearActiveID();
        ImGui::GetCurrentContext()->InputTextState.ClearFreeMemory();
        ui::forget_text_fields();
    }
    load_logo(g_app);
    if (!frame_due(busy(), seconds_since_start())) return;  // the canvas keeps showing the last frame

    // The CPU time of the last frame drawn (building the UI and its draw lists), for the bench.
    static double last_frame_ms = 0;
    const double frame_started = emscripten_get_now();
    ImGuiIO& io = ImGui::GetIO();
    ui::hold_tapped_keys();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    // Mouse positions arrive in drawing-buffer pixels; draw in the same.
    io.DisplaySize = ImVec2(static_cast<float>(g_width), static_cast<float>(g_height));
    io.DisplayFramebufferScale = ImVec2(1, 1);
    ImGui::NewFrame();
    ui::begin_frame_registry(screen_name(g_app.screen));
    static long frames_drawn = 0;
    ui::shown("frames", std::to_string(++frames_drawn));
    ui::shown("frame_ms", std::to_string(last_frame_ms));

    const float header = ui::px(68);
    const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, header));
    ImGui::Begin("header", nullptr, fixed | ImGuiWindowFlags_NoScrollbar);
    ShowHeader(g_app, header);
    ImGui::End();

    ImGui::SetNextWindowPos(ImVec2(0, header));
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, io.DisplaySize.y - header));
    const Screen before = g_app.screen;
    ImGui::Begin("screen", nullptr, fixed);
    show_screen(g_app);
    ui::drag_to_scroll();
    if (g_app.screen != before) ImGui::SetScrollY(0);
    ImGui::End();
    ImGui::Render();
    ui::end_frame_keys();
    last_frame_ms = emscripten_get_now() - frame_started;

    const std::optional<ImVec2> typing_at = ui::active_text_field();
    ui::shown("typing", typing_at ? "yes" : "no");
    const std::vector<float>& fields = ui::text_field_rects();
    text_input_focus(typing_at.has_value(), typing_at ? typing_at->x : 0, typing_at ? typing_at->y : 0, fields.data(),
                     static_cast<int>(fields.size() / 4));

    glViewport(0, 0, g_width, g_height);
    const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(ui::color::page);
    glClearColor(bg.x, bg.y, bg.z, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    mark_first_frames();
    first_frame_drawn(g_app);  // what the first screen does not need may come now
}

}  // namespace

int main() {
    performance_mark("main");
    if (!glfwInit()) return 1;
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    const CanvasSize c = canvas_size();
    g_window = glfwCreateWindow(std::max(1, c.css_width), std::max(1, c.css_height), "spoc", nullptr, nullptr);
    if (!g_window) {
        report_cannot_draw();
        return 1;
    }
    glfwMakeContextCurrent(g_window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // nothing to remember between visits but what app_actions keeps
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.ConfigInputTextCursorBlink = true;
    // ImGui's GLFW backend calls these before its own (it chains to callbacks set earlier).
    glfwSetCursorPosCallback(g_window, on_cursor);
    glfwSetMouseButtonCallback(g_window, on_button);
    glfwSetKeyCallback(g_window, on_key);
    ImGui_ImplGlfw_InitForOpenGL(g_window, true);
    glfwSetScrollCallback(g_window, on_scroll);
    glfwSetCharCallback(g_window, nullptr);  // text comes from the hidden textarea (platform.h)
    // Emscripten's GLFW keeps a clipboard of its own: cut and copy go to the browser's;
    // pasting arrives through the hidden textarea like typing.
    io.SetClipboardTextFn = [](void*, const char* text) { copy_to_clipboard(text ? text : ""); };
    io.GetClipboardTextFn = [](void*) -> const char* { return ""; };
    ImGui_ImplOpenGL3_Init("#version 300 es");

    text_input_init();
    start(g_app);
    ui::set_first_glyphs(first_screen_texts(g_app));
    follow_canvas_size();
    emscripten_set_main_loop(frame, 0, false);
    frame();  // the first frame now, not at the next animation frame
    return 0;
}
