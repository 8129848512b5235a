// See request_display.h.
#include "request_display.h"

#include "platform.h"
#include "ui.h"

namespace spoc::web {

// "2026-11-25 14:03" in the browser's time zone.
std::string local_time(Timestamp at) {
    if (at <= 0) return "";
    const Timestamp local = at + static_cast<Timestamp>(utc_offset_minutes(at)) * 60;
    const std::string s = to_rfc3339(local);  // 2026-11-25T14:03:00Z
    return s.substr(0, 10) + " " + s.substr(11, 5);
}

ImU32 state_color(State s) {
    switch (s) {
        case State::new_: return ui::color::brand;
        case State::pending: return IM_COL32(122, 74, 0, 255);
        case State::resolved:
        case State::closed: return ui::color::success;
        case State::cancelled: return ui::color::muted;
        default: return ui::color::primary;
    }
}

ImU32 state_background(State s) {
    switch (s) {
        case State::pending: return IM_COL32(253, 240, 213, 255);
        case State::resolved:
        case State::closed: return ui::color::success_surface;
        case State::cancelled: return IM_COL32(233, 236, 240, 255);
        default: return ui::color::info_surface;
    }
}

std::string state_text(const AppState& app, State s) { return app.t(std::string("state.") + to_string(s)); }

std::string priority_text(const AppState& app, int p) {
    return app.t("detail.priority") + " " + std::to_string(p) + " · " + app.t("priority." + std::to_string(p));
}

}  // namespace spoc::web
