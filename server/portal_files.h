// The portal's files (--web): index.html, the program's js/wasm, fonts and configuration,
// with the right content types, and the WebAssembly and font files sent gzip-compressed
// (cpp-httplib compresses text on its own, but not those). Every file carries the portal's
// security headers: a Content-Security-Policy that lets only the portal's own files and its
// WebAssembly run, Referrer-Policy, X-Frame-Options and Cross-Origin-Opener-Policy.
#pragma once
#include <httplib.h>

#include <string>

namespace spoc {

// false when the folder does not exist (the API is served anyway).
bool serve_portal_files(httplib::Server& server, const std::string& folder);

}  // namespace spoc
