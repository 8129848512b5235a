// Priority from impact x urgency (the ITIL matrix of DESIGN.md): 1 is most urgent, 5 least.
#pragma once
#include "request.h"

namespace spoc {

// 0 when either input is invalid.
int priority(Level impact, Level urgency);

}  // namespace spoc
