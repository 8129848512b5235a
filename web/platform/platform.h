// What the portal needs from the browser: language, localStorage, the clock, the
// canvas size, and the hidden text field that receives typing. Implemented in
// platform_emscripten.cpp; core never sees any of it.
#pragma once
#include <optional>
#include <string>

#include "clock.h"

namespace spoc::web {

std::string browser_language();                  // navigator.language, e.g. "de-AT"
std::string stored(const std::string& key);      // localStorage; "" when missing
bool store(const std::string& key, const std::string& value);  // false: full or disabled
Timestamp wall_clock();                          // seconds since the epoch
double seconds_since_start();                    // monotonic, for polling
int utc_offset_minutes(Timestamp at);            // the browser's time zone at that moment

struct CanvasSize {
    int css_width = 0, css_height = 0;
    double pixel_ratio = 1;
};
CanvasSize canvas_size();                        // its CSS size and devicePixelRatio
void resize_canvas(int width, int height);       // the drawing buffer, in device pixels

// The hidden textarea that receives typed text (keyboards, accents, phone keyboards,
// pasting) while a text field of the portal is active.
void text_input_init();
// fields: the text fields' rectangles (x, y, w, h in CSS pixels, four floats each).
// A tap that ends on one focuses the textarea at once, inside the tap, which phones
// require before they show their keyboard, and which keeps the first typed letter.
void text_input_focus(bool active, float css_x, float css_y, const float* fields, int field_count);
std::string text_input_take();                   // what was typed since the last call

// Loads an image (PNG, SVG, ...) beside index.html into an existing GL texture;
// logo_size() answers its pixel size once it has arrived, false until then.
void load_image_into_texture(const std::string& url, unsigned texture);
bool image_size(unsigned texture, int& width, int& height);

// The screen's place in the browser's history, so Back, Forward and reload work:
// location_hash() is "#/mine/5" or "", push_location() adds a history entry, and
// popped_location() answers where Back or Forward went since the last call.
std::string location_hash();
void push_location(const std::string& hash);
void replace_location(const std::string& hash);  // the same, without a new history entry
std::optional<std::string> popped_location();

// A parameter of the page's address (?kiosk=90): nullopt when absent, "" when bare.
std::optional<std::string> page_parameter(const std::string& name);

std::string random_key();  // 128 random bits as hex (crypto.getRandomValues)
std::string page_address();                      // origin and path, without ?query or #fragment
bool copy_to_clipboard(const std::string& text);  // false when the browser refused
// Opens an address (http, https or mailto: a knowledge article's link) in a new tab, without
// giving that page a hold on the portal (noopener).
void open_in_new_tab(const std::string& url);

// Says text to screen readers (an aria-live region of index.html): the canvas itself
// is a picture to them, so every screen change and result is announced.
void announce(const std::string& text);

// A mark on the page's performance timeline (the first frame, for scripts/bench/first_frame.mjs).
void performance_mark(const char* name);

// Tells the person that this browser cannot draw the portal (no WebGL 2 context): the page's
// problem message. There is no probe before the program starts; its own context is the test.
void report_cannot_draw();

// Which of the portal's two programs the page loads ("requester": spoc.js, "staff": spoc-staff.js;
// see console/console.h), through start.js. remember_program() takes effect at the next load;
// switch_program() remembers it and loads the page again at hash (its own address when empty).
// switch_program() answers false, and does nothing, when the page may not switch: the staff
// program failed to load in this tab, or it switched too often just now (no reload loops).
void remember_program(const std::string& program);
bool switch_program(const std::string& program, const std::string& hash);

void set_page_title(const std::string& title);
void set_page_language(const std::string& lang);

}  // namespace spoc::web
