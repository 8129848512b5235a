// See portal_files.h.
#include "portal_files.h"

#include <filesystem>
#include <memory>

#include "http/static_files.h"

namespace spoc {
namespace {

using http::Coding;

// The portal's files by extension: their content type, and whether they are worth compressing.
struct FileType {
    const char* extension;
    const char* content_type;
    bool compress;
};
constexpr FileType kFileTypes[] = {
    {".html", "text/html; charset=utf-8", true}, {".css", "text/css; charset=utf-8", true},
    {".js", "text/javascript; charset=utf-8", true}, {".wasm", "application/wasm", true},
    {".json", "application/json", true}, {".data", "application/octet-stream", true},
    {".ttf", "font/ttf", true}, {".png", "image/png", false}, {".svg", "image/svg+xml", true}};

const FileType* file_type(const std::string& path) {
    const std::string file = !path.empty() && path.back() == '/' ? path + "index.html" : path;
    for (const FileType& t : kFileTypes) {
        const std::string ext = t.extension;
        if (file.size() > ext.size() && file.compare(file.size() - ext.size(), ext.size(), ext) == 0) return &t;
    }
    return nullptr;
}

bool worth_compressing(const std::string& path) {
    const FileType* t = file_type(path);
    return t && t->compress;
}

// What every portal file carries (with the default X-Content-Type-Options: nosniff of routes.cpp).
// The policy lets in what the portal needs and nothing else: its own scripts and styles from
// files (index.html has no inline script, style or event handler), the WebAssembly compiled by
// spoc.js ('wasm-unsafe-eval', not 'unsafe-eval'), spoc.data, portal.json and the API fetched
// from this server, images from here (and data:/blob: ones Emscripten may make); no plugins, no
// <base>, forms only to here, and no framing by any page. Referrer-Policy keeps follow links
// (#/follow/ID/TOKEN) out of other sites' logs. No Cross-Origin-Opener-Policy: with it Chromium
// started the page in a new process (its first script came 50-80 ms later in headless Chromium,
// the first frame's measure); the portal opens links with noopener and takes no messages.
const httplib::Headers& security_headers() {
    static const httplib::Headers headers{
        {"Cache-Control", "no-cache"},
        {"Content-Security-Policy",
         "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
         "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
         "form-action 'self'; frame-ancestors 'none'"},
        {"Referrer-Policy", "no-referrer"},
        {"X-Frame-Options", "DENY"}};
    return headers;
}

// One file's answer: 304 when the browser's copy is current, else the bytes in the best encoding
// it accepts (a Range applies to the file's own bytes). cpp-httplib sets Content-Length, cuts the
// Range and sends no body for HEAD; without Accept-Encoding left in the request it compresses nothing.
void answer_file(const httplib::Request& req, httplib::Response& res, const http::StaticFile& file,
                 const FileType& type) {
    const Coding coding = req.ranges.empty() ? http::choose_coding(req.get_header_value("Accept-Encoding"), file)
                                             : Coding::identity;
    const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
    res.set_header("Content-Type", type.content_type);
    for (const auto& [name, value] : security_headers()) res.set_header(name, value);
    if (file.compressed()) res.set_header("Vary", "Accept-Encoding");
    res.set_header("ETag", file.etag(coding));
    if (file.matches(req.get_header_value("If-None-Match"), coding)) {
        const_cast<httplib::Request&>(req).ranges.clear();
        res.status = 304;
        return;
    }
    if (coding != Coding::identity) res.set_header("Content-Encoding", http::coding_name(coding));
    res.body = file.bytes(coding);
    res.status = req.ranges.empty() ? 200 : 206;
}

}  // namespace

PortalFileHandler serve_portal_files(httplib::Server& server, const std::string& folder) {
    if (!std::filesystem::is_directory(folder)) return {};
    for (const FileType& t : kFileTypes) server.set_file_extension_and_mimetype_mapping(t.extension + 1, t.content_type);
    server.set_mount_point("/", folder, security_headers());
    auto files = std::make_shared<http::StaticFiles>(folder, worth_compressing);
    return [files](const httplib::Request& req, httplib::Response& res) {
        if (req.method != "GET" && req.method != "HEAD") return false;
        const FileType* type = file_type(req.path);
        const auto file = type ? files->find(req.path) : nullptr;
        if (!file) return false;
        answer_file(req, res, *file, *type);
        return true;
    };
}

}  // namespace spoc
