// Small text helpers the rules need: trimming and counting characters (not bytes) in UTF-8.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace spoc {

std::string_view trim(std::string_view s);
// A-Z to a-z, the rest as it is (how names of groups and organisations compare, as in SQLite's NOCASE).
std::string ascii_lowercase(std::string_view s);
std::size_t utf8_length(std::string_view s);  // code points; a broken byte counts as one
bool is_valid_utf8(std::string_view s);
bool is_email(std::string_view s);
// Control characters other than tab and line breaks (NUL, ESC, DEL, C1 controls ...):
// nothing a person types, and they break display and terminals.
bool has_control_characters(std::string_view s);

// Whether JSON text nests arrays and objects at most max_depth deep (brackets inside
// strings do not count). Checked before parsing, so deep input costs no memory.
constexpr std::size_t kMaxJsonDepth = 16;
bool json_depth_within(std::string_view json_text, std::size_t max_depth = kMaxJsonDepth);

}  // namespace spoc
