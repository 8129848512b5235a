// The portal's files (--web): index.html, the program's js/wasm, fonts and configuration, from
// memory with the right content types, compressed once (http/static_files.h) and sent in the
// encoding the browser accepts, with an ETag (304 when it still has them). Every file carries the
// portal's security headers: a Content-Security-Policy that lets only the portal's own files and
// its WebAssembly run, Referrer-Policy and X-Frame-Options.
#pragma once
#include <httplib.h>

#include <functional>
#include <string>

namespace spoc {

// Answers a GET or HEAD of one of the portal's files (true), else leaves the request to the routes
// (false); for the server's pre-routing handler, so that cpp-httplib never compresses a file itself.
using PortalFileHandler = std::function<bool(const httplib::Request&, httplib::Response&)>;

// Serves the folder; files of other types than the portal's are left to cpp-httplib's own file
// handler. An empty handler when the folder does not exist (the API is served anyway).
PortalFileHandler serve_portal_files(httplib::Server& server, const std::string& folder);

}  // namespace spoc
