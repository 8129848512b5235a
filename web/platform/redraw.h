// When the portal draws: a portal left open on a kiosk or a phone should not redraw
// 60 times a second for nothing. Frames are drawn after input, while something is
// busy (a call on its way, a text field active), and once a second in any case.
#pragma once

namespace spoc::web {

void wake();                                // something changed: draw the next few frames
bool frame_due(bool busy, double now_seconds);  // whether this animation frame draws

}  // namespace spoc::web
