// impact \ urgency  high medium low
//   high              1     2     3
//   medium            2     3     4
//   low               3     4     5
#include "priority.h"

namespace spoc {

int priority(Level impact, Level urgency) {
    if (impact == Level::invalid || urgency == Level::invalid) return 0;
    // Level's order is high=0, medium=1, low=2, so the cell is a sum.
    return 1 + static_cast<int>(impact) + static_cast<int>(urgency);
}

}  // namespace spoc
