// The browser side of platform.h, with Emscripten's EM_JS.
#include <emscripten.h>
#include <emscripten/html5.h>

#include <cstdlib>

#include "platform.h"

namespace {

EM_JS(char*, js_browser_language, (), {
    const s = navigator.language || "en";
    return allocateUTF8(s);
});

EM_JS(char*, js_storage_get, (const char* key), {
    let s = null;
    try { s = window.localStorage.getItem(UTF8ToString(key)); } catch (e) {}
    if (s === null) s = "";
    return allocateUTF8(s);
});

EM_JS(int, js_storage_set, (const char* key, const char* value), {
    try { window.localStorage.setItem(UTF8ToString(key), UTF8ToString(value)); return 1; } catch (e) { return 0; }
});

EM_JS(double, js_now, (), { return Date.now() / 1000; });

// start.js's functions (absent when the page is not index.html, e.g. under a bench's own page).
EM_JS(void, js_remember_program, (const char* program), {
    if (typeof spocRememberProgram === "function") spocRememberProgram(UTF8ToString(program));
});
EM_JS(int, js_switch_program, (const char* program, const char* hash), {
    return typeof spocSwitchProgram === "function" && spocSwitchProgram(UTF8ToString(program), UTF8ToString(hash)) ? 1 : 0;
});
EM_JS(double, js_monotonic, (), { return performance.now() / 1000; });
EM_JS(int, js_utc_offset, (double at), { return -new Date(at * 1000).getTimezoneOffset(); });

// Text typed into the hidden textarea is queued here and taken once per frame.
// Enter, Backspace, Tab and arrows reach the portal as key events through GLFW.
EM_JS(void, js_text_input_init, (), {
    const box = document.getElementById("text-input");
    if (!box || box.spocQueue !== undefined) return;
    box.spocQueue = "";
    box.spocFields = [];
    Module.canvas.addEventListener("pointerup", (e) => {
        const r = Module.canvas.getBoundingClientRect();
        const px = e.clientX - r.left, py = e.clientY - r.top, f = box.spocFields;
        for (let i = 0; i + 3 < f.length; i += 4) {
            if (px >= f[i] && px <= f[i] + f[i + 2] && py >= f[i + 1] && py <= f[i + 1] + f[i + 3]) {
                box.style.left = f[i] + "px";
                box.style.top = f[i + 1] + "px";
                box.focus({preventScroll: true});
                return;
            }
        }
    });
    box.addEventListener("input", (e) => {
        if (e.isComposing) return;
        if (e.inputType !== "insertLineBreak") box.spocQueue += box.value;
        box.value = "";
    });
    box.addEventListener("compositionend", () => { box.spocQueue += box.value; box.value = ""; });
});

EM_JS(void, js_text_input_focus, (int active, float x, float y, const float* fields, int count), {
    const box = document.getElementById("text-input");
    if (!box) return;
    box.spocFields = HEAPF32.slice(fields >> 2, (fields >> 2) + count * 4);
    if (active) {
        box.style.left = x + "px";
        box.style.top = y + "px";
        if (document.activeElement !== box) box.focus({preventScroll: true});
    } else if (document.activeElement === box) {
        box.blur();
    }
});

EM_JS(char*, js_text_input_take, (), {
    const box = document.getElementById("text-input");
    const s = box && box.spocQueue ? box.spocQueue : "";
    if (box) box.spocQueue = "";
    if (!s) return 0;
    return allocateUTF8(s);
});

EM_JS(void, js_load_image, (const char* url, unsigned texture), {
    const img = new Image();
    img.onload = () => {
        const gl = GLctx;
        gl.bindTexture(gl.TEXTURE_2D, GL.textures[texture]);
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
        gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, img);
        Module.spocImages = Module.spocImages || {};
        Module.spocImages[texture] = [img.naturalWidth || 1, img.naturalHeight || 1];
    };
    img.onerror = () => console.warn("spoc: the logo " + img.src + " could not be loaded");
    img.src = UTF8ToString(url);
});

EM_JS(int, js_image_size, (unsigned texture, int* width, int* height), {
    const size = Module.spocImages && Module.spocImages[texture];
    if (!size) return 0;
    HEAP32[width >> 2] = size[0];
    HEAP32[height >> 2] = size[1];
    return 1;
});

EM_JS(char*, js_location_hash, (), {
    const s = window.location.hash || "";
    return allocateUTF8(s);
});

EM_JS(void, js_push_location, (const char* hash), {
    const h = UTF8ToString(hash);
    history.pushState(null, "", h ? h : window.location.pathname + window.location.search);
});

EM_JS(void, js_replace_location, (const char* hash), {
    const h = UTF8ToString(hash);
    history.replaceState(null, "", h ? h : window.location.pathname + window.location.search);
});

// popstate is remembered here until the next frame asks (null: nothing happened).
EM_JS(char*, js_popped_location, (), {
    if (!Module.spocPopWatch) {
        Module.spocPopWatch = true;
        window.addEventListener("popstate", () => { Module.spocPopped = window.location.hash || ""; });
    }
    if (Module.spocPopped === undefined || Module.spocPopped === null) return 0;
    const s = Module.spocPopped;
    Module.spocPopped = null;
    return allocateUTF8(s);
});

EM_JS(char*, js_page_parameter, (const char* name), {
    const v = new URLSearchParams(window.location.search).get(UTF8ToString(name));
    if (v === null) return 0;
    return allocateUTF8(v);
});

EM_JS(char*, js_random_key, (), {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    const s = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return allocateUTF8(s);
});

EM_JS(char*, js_page_address, (), {
    const s = window.location.origin + window.location.pathname;
    return allocateUTF8(s);
});

// The Clipboard API needs a secure context (https or localhost); elsewhere the old way.
EM_JS(int, js_copy_to_clipboard, (const char* text), {
    const s = UTF8ToString(text);
    if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(s).catch(() => {});
        return 1;
    }
    const area = document.createElement("textarea");
    area.value = s;
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try { ok = document.execCommand("copy"); } catch (e) {}
    area.remove();
    return ok ? 1 : 0;
});

EM_JS(void, js_open_in_new_tab, (const char* url), {
    const a = UTF8ToString(url);
    if (!/^(https?:|mailto:)/i.test(a)) return;
    const tab = window.open(a, "_blank", "noopener,noreferrer");
    if (tab) tab.opener = null;
});

EM_JS(void, js_announce, (const char* text), {
    const box = document.getElementById("announcer");
    if (box) box.textContent = UTF8ToString(text);
});

EM_JS(void, js_performance_mark, (const char* name), {
    if (self.performance && performance.mark) performance.mark(UTF8ToString(name));
});

// start.js's message that this browser cannot draw the portal (WebGL 2 is off or missing).
EM_JS(void, js_cannot_draw, (), {
    if (Module.cannotDraw) Module.cannotDraw();
});

EM_JS(void, js_set_title, (const char* title), { document.title = UTF8ToString(title); });
EM_JS(void, js_set_lang, (const char* lang), { document.documentElement.lang = UTF8ToString(lang); });

// EM_JS strings come back from allocateUTF8 (malloc): copied here, then freed.
std::string take(char* p) {
    if (!p) return {};
    std::string s(p);
    std::free(p);
    return s;
}

}  // namespace

namespace spoc::web {

void performance_mark(const char* name) { js_performance_mark(name); }

void report_cannot_draw() { js_cannot_draw(); }

std::string browser_language() { return take(js_browser_language()); }
std::string stored(const std::string& key) { return take(js_storage_get(key.c_str())); }
bool store(const std::string& key, const std::string& value) { return js_storage_set(key.c_str(), value.c_str()) != 0; }
void remember_program(const std::string& program) { js_remember_program(program.c_str()); }
bool switch_program(const std::string& program, const std::string& hash) {
    return js_switch_program(program.c_str(), hash.c_str()) != 0;
}
Timestamp wall_clock() { return static_cast<Timestamp>(js_now()); }
double seconds_since_start() { return js_monotonic(); }
int utc_offset_minutes(Timestamp at) { return js_utc_offset(static_cast<double>(at)); }

CanvasSize canvas_size() {
    CanvasSize s;
    double w = 0, h = 0;
    emscripten_get_element_css_size("#canvas", &w, &h);
    s.css_width = static_cast<int>(w);
    s.css_height = static_cast<int>(h);
    s.pixel_ratio = emscripten_get_device_pixel_ratio();
    if (s.pixel_ratio <= 0) s.pixel_ratio = 1;
    return s;
}

void resize_canvas(int width, int height) { emscripten_set_canvas_element_size("#canvas", width, height); }

void text_input_init() { js_text_input_init(); }
void text_input_focus(bool active, float css_x, float css_y, const float* fields, int field_count) {
    js_text_input_focus(active ? 1 : 0, css_x, css_y, fields, field_count);
}
std::string text_input_take() { return take(js_text_input_take()); }

void load_image_into_texture(const std::string& url, unsigned texture) { js_load_image(url.c_str(), texture); }
bool image_size(unsigned texture, int& width, int& height) { return js_image_size(texture, &width, &height) != 0; }

std::string location_hash() { return take(js_location_hash()); }
void push_location(const std::string& hash) { js_push_location(hash.c_str()); }
void replace_location(const std::string& hash) { js_replace_location(hash.c_str()); }
std::optional<std::string> popped_location() {
    char* p = js_popped_location();
    if (!p) return std::nullopt;
    return take(p);
}

std::optional<std::string> page_parameter(const std::string& name) {
    char* p = js_page_parameter(name.c_str());
    if (!p) return std::nullopt;
    return take(p);
}

std::string random_key() { return take(js_random_key()); }

std::string page_address() { return take(js_page_address()); }
bool copy_to_clipboard(const std::string& text) { return js_copy_to_clipboard(text.c_str()) != 0; }

void open_in_new_tab(const std::string& url) { js_open_in_new_tab(url.c_str()); }

void announce(const std::string& text) { js_announce(text.c_str()); }

void set_page_title(const std::string& title) { js_set_title(title.c_str()); }
void set_page_language(const std::string& lang) { js_set_lang(lang.c_str()); }

}  // namespace spoc::web
