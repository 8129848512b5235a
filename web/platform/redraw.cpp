// See redraw.h.
#include "redraw.h"

namespace spoc::web {
namespace {

constexpr int kFramesAfterChange = 3;  // ImGui settles hover and layout within a few frames
constexpr double kQuietInterval = 1.0;

int g_frames_to_draw = kFramesAfterChange;
double g_last_drawn = 0;

}  // namespace

void wake() { g_frames_to_draw = kFramesAfterChange; }

bool frame_due(bool busy, double now_seconds) {
    if (busy) wake();
    if (g_frames_to_draw <= 0 && now_seconds - g_last_drawn < kQuietInterval) return false;
    --g_frames_to_draw;
    g_last_drawn = now_seconds;
    return true;
}

}  // namespace spoc::web
