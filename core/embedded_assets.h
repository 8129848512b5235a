// The default configuration compiled into both programs: assets/catalog.json,
// assets/messages.json and assets/routing.json, embedded by CMake at build time (see cmake/embed.cmake).
#pragma once

namespace spoc::assets {

extern const char* const catalog_json;
extern const char* const messages_json;
extern const char* const routing_json;

}  // namespace spoc::assets
