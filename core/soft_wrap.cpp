// See soft_wrap.h.
#include "soft_wrap.h"

#include <algorithm>

namespace spoc {

std::vector<std::size_t> soft_breaks(std::string_view text, float width,
                                     const std::function<float(std::string_view)>& width_of) {
    std::vector<std::size_t> breaks;
    std::size_t line = 0;  // where the current shown line starts
    std::size_t fits = std::string_view::npos;  // the last space the line may end at
    for (std::size_t i = 0; i <= text.size(); ++i) {
        const bool end = i == text.size() || text[i] == '\n';
        if (!end && text[i] != ' ') continue;
        // text[line, i) is the line up to here; does it still fit?
        if (i > line && width_of(text.substr(line, i - line)) > width && fits != std::string_view::npos) {
            breaks.push_back(fits);
            line = fits + 1;
            fits = std::string_view::npos;
            // The rest up to i may itself be too wide: look again from the new line's start.
            i = line - 1;
            continue;
        }
        if (end) {
            line = i + 1;
            fits = std::string_view::npos;
        } else if (i > line && text[i - 1] != ' ') {
            fits = i;
        }
    }
    return breaks;
}

std::string with_breaks(std::string_view text, const std::vector<std::size_t>& breaks) {
    std::string out(text);
    for (const std::size_t b : breaks)
        if (b < out.size() && out[b] == ' ') out[b] = '\n';
    return out;
}

std::string without_breaks(std::string_view before, const std::vector<std::size_t>& breaks, std::string_view after) {
    // What the edit left alone: a common start and a common end (not overlapping in either text).
    std::size_t head = 0;
    const std::size_t shorter = std::min(before.size(), after.size());
    while (head < shorter && before[head] == after[head]) ++head;
    std::size_t tail = 0;
    while (tail < shorter - head && before[before.size() - 1 - tail] == after[after.size() - 1 - tail]) ++tail;
    std::string out(after);
    for (const std::size_t b : breaks) {
        if (b < head) out[b] = ' ';
        else if (b >= before.size() - tail && b < before.size()) out[b - before.size() + after.size()] = ' ';
    }
    return out;
}

}  // namespace spoc
