// The seed knowledge articles of assets/kb, compiled in by cmake/embed.cmake (see
// server/CMakeLists.txt): each file's path below assets/kb ("en/vpn-connect-from-home.md") and text.
#pragma once
#include <cstddef>

namespace spoc::assets {

struct EmbeddedFile {
    const char* path;
    const char* text;
};

extern const EmbeddedFile seed_articles[];
extern const std::size_t seed_articles_count;

}  // namespace spoc::assets
