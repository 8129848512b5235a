// Soft line breaks for a text field that does not wrap its lines (Dear ImGui's multi-line input):
// the spaces to show as line ends so that a line fits the field, chosen greedily. A space becomes
// the break, so the text keeps its length and every cursor position stays where it was; the
// person's own line breaks stay hard. What the field holds is then the person's text with those
// spaces shown as '\n', and after an edit the edited text is told back apart from the breaks.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace spoc {

// The positions of the spaces in text to break at: each line (up to its break) is at most width
// wide by width_of, unless a single word is wider. A break goes after a run of spaces' first one.
std::vector<std::size_t> soft_breaks(std::string_view text, float width,
                                     const std::function<float(std::string_view)>& width_of);

// The text as the field shows it: the spaces at breaks (sorted positions) as '\n'.
std::string with_breaks(std::string_view text, const std::vector<std::size_t>& breaks);

// After an edit of the shown text (before: shown with breaks, after: as the field holds it now),
// the person's text: the breaks that the edit kept become spaces again; a line break the edit
// brought in (typed or pasted) stays one.
std::string without_breaks(std::string_view before, const std::vector<std::size_t>& breaks, std::string_view after);

}  // namespace spoc
