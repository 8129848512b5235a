// Time as the core sees it: a parameter, never read from a clock here.
// Timestamps are whole seconds since the Unix epoch, UTC; JSON shows RFC 3339.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace spoc {

using Timestamp = std::int64_t;

std::string to_rfc3339(Timestamp t);                       // 2026-11-24T18:52:26Z
std::optional<Timestamp> from_rfc3339(std::string_view s);  // accepts the Z form only

}  // namespace spoc
