// The floor for the portal's first frame (scripts/bench/first_frame.mjs): the smallest Dear ImGui
// 1.86 app on GLFW and WebGL2, linked with the portal's flags; marks 'first-frame' as the portal does.
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

namespace {

GLFWwindow* g_window = nullptr;

#ifdef MINIMAL_WITH_SPOC_FONTS
// The portal's three faces (web/ui/ui_theme.cpp), built into one atlas before the first frame.
void load_spoc_fonts() {
    static const ImWchar glyphs[] = {0x0020, 0x017F, 0x2000, 0x206F, 0x20AC, 0x20AC, 0x2190, 0x21FF, 0};
    ImFontConfig config;
    config.OversampleH = 2;
    config.OversampleV = 1;
    ImGuiIO& io = ImGui::GetIO();
    io.FontDefault = io.Fonts->AddFontFromFileTTF("/fonts/NotoSans-Regular.ttf", 18, &config, glyphs);
    io.Fonts->AddFontFromFileTTF("/fonts/NotoSans-Bold.ttf", 18, &config, glyphs);
    io.Fonts->AddFontFromFileTTF("/fonts/NotoSans-Bold.ttf", 28, &config, glyphs);
    io.Fonts->Build();
}
#endif

void frame() {
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size("#canvas", &css_w, &css_h);
    const int w = static_cast<int>(css_w), h = static_cast<int>(css_h);
    int cw = 0, ch = 0;
    emscripten_get_canvas_element_size("#canvas", &cw, &ch);
    if (w > 0 && h > 0 && (w != cw || h != ch)) emscripten_set_canvas_element_size("#canvas", w, h);

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::GetIO().DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(40, 40));
    ImGui::Begin("Hello");
    ImGui::TextUnformatted("Hello from Dear ImGui");
    ImGui::Button("A button");
    ImGui::End();
    ImGui::Render();
    glViewport(0, 0, w, h);
    glClearColor(0.95f, 0.96f, 0.98f, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    static bool marked = false;
    if (!marked) {
        marked = true;
        EM_ASM(performance.mark('first-frame'));
    }
}

}  // namespace

int main() {
    EM_ASM(performance.mark('main'));
    if (!glfwInit()) return 1;
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    g_window = glfwCreateWindow(640, 480, "minimal", nullptr, nullptr);
    if (!g_window) return 1;
    glfwMakeContextCurrent(g_window);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui::StyleColorsLight();
#ifdef MINIMAL_WITH_SPOC_FONTS
    load_spoc_fonts();
#endif
    ImGui_ImplGlfw_InitForOpenGL(g_window, true);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    emscripten_set_main_loop(frame, 0, false);
    return 0;
}
