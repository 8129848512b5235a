// The test-only hook: where each labelled widget sat on the canvas in the last frame
// (CSS pixels), the values screens show, and which screen is open. Browser tests read
// it with Module.ccall, then click and type through the canvas's real input events.
#include <emscripten.h>

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "redraw.h"
#include "ui.h"

namespace spoc::web::ui {
namespace {

struct Registry {
    std::string screen = "home";
    nlohmann::json widgets = nlohmann::json::object();
    nlohmann::json texts = nlohmann::json::object();
    std::string scroll_target;
    bool has_text_field = false;
    std::vector<float> text_fields;
    ImVec2 text_at;
};

Registry& registry() {
    static Registry r;
    return r;
}

}  // namespace

void begin_frame_registry(const char* screen) {
    Registry& r = registry();
    r.screen = screen;
    r.widgets = nlohmann::json::object();
    r.texts = nlohmann::json::object();
    r.has_text_field = false;
    r.text_fields.clear();
}

void track(const std::string& test_id) {
    Registry& r = registry();
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const float s = scale();
    r.widgets[test_id] = {{"x", a.x / s}, {"y", a.y / s}, {"w", (b.x - a.x) / s}, {"h", (b.y - a.y) / s}};
    if (r.scroll_target == test_id) {
        const ImVec2 clip_min = ImGui::GetWindowPos();
        const ImVec2 clip_max(clip_min.x + ImGui::GetWindowWidth(), clip_min.y + ImGui::GetWindowHeight());
        if (a.y < clip_min.y || b.y > clip_max.y)
            ImGui::SetScrollFromPosY((a.y + b.y) / 2 - ImGui::GetWindowPos().y, 0.5f);
        r.scroll_target.clear();
    }
}

void shown(const std::string& key, const std::string& value) { registry().texts[key] = value; }
void scroll_to(const std::string& test_id) { registry().scroll_target = test_id; }
std::string registry_widgets_json() { return registry().widgets.dump(); }
std::string registry_texts_json() { return registry().texts.dump(); }
const char* registry_screen() { return registry().screen.c_str(); }

void note_text_field() {
    Registry& r = registry();
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const float s = scale();
    if (ImGui::IsItemVisible())
        r.text_fields.insert(r.text_fields.end(), {a.x / s, a.y / s, (b.x - a.x) / s, (b.y - a.y) / s});
    if (ImGui::IsItemActive()) {
        r.has_text_field = true;
        r.text_at = ImVec2(a.x / s, a.y / s);
    }
}
const std::vector<float>& text_field_rects() { return registry().text_fields; }

std::optional<ImVec2> active_text_field() {
    const Registry& r = registry();
    if (!r.has_text_field) return std::nullopt;
    return r.text_at;
}

}  // namespace spoc::web::ui

namespace {
std::string g_answer;  // ccall copies the returned string before the next call
}

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* spoc_test_widgets() {
    g_answer = spoc::web::ui::registry_widgets_json();
    return g_answer.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* spoc_test_text() {
    g_answer = spoc::web::ui::registry_texts_json();
    return g_answer.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* spoc_test_screen() { return spoc::web::ui::registry_screen(); }

EMSCRIPTEN_KEEPALIVE const char* spoc_test_scroll_to(const char* test_id) {
    spoc::web::ui::scroll_to(test_id ? test_id : "");
    spoc::web::wake();
    return "";
}
}
