// See portal_files.h.
#include "portal_files.h"

#include <map>
#include <mutex>

#include "http/gzip.h"

namespace spoc {
namespace {

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// Compressed once per file content; the files change only when the portal is rebuilt.
class GzipCache {
public:
    const std::string& get(const std::string& path, const std::string& body) {
        std::lock_guard<std::mutex> lock(mutex_);
        Entry& e = entries_[path];
        const std::size_t hash = std::hash<std::string>{}(body);
        if (e.hash != hash || e.size != body.size()) e = {hash, body.size(), http::gzip(body)};
        return e.compressed;
    }

private:
    struct Entry {
        std::size_t hash = 0;
        std::size_t size = 0;
        std::string compressed;
    };
    std::mutex mutex_;
    std::map<std::string, Entry> entries_;
};

// What every portal file carries (with the default X-Content-Type-Options: nosniff of routes.cpp).
// The policy lets in what the portal needs and nothing else: its own scripts and styles from
// files (index.html has no inline script, style or event handler), the WebAssembly compiled by
// spoc.js ('wasm-unsafe-eval', not 'unsafe-eval'), spoc.data, portal.json and the API fetched
// from this server, images from here (and data:/blob: ones Emscripten may make); no plugins, no
// <base>, forms only to here, and no framing by any page. Referrer-Policy keeps follow links
// (#/follow/ID/TOKEN) out of other sites' logs; COOP gives the portal its own browsing context
// group, so a page that opened it cannot reach into its window.
const httplib::Headers& security_headers() {
    static const httplib::Headers headers{
        {"Cache-Control", "no-cache"},
        {"Content-Security-Policy",
         "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
         "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
         "form-action 'self'; frame-ancestors 'none'"},
        {"Referrer-Policy", "no-referrer"},
        {"X-Frame-Options", "DENY"},
        {"Cross-Origin-Opener-Policy", "same-origin"}};
    return headers;
}

}  // namespace

bool serve_portal_files(httplib::Server& server, const std::string& folder) {
    for (const auto& [ext, type] : std::initializer_list<std::pair<const char*, const char*>>{
             {"html", "text/html; charset=utf-8"},
             {"css", "text/css; charset=utf-8"},
             {"js", "text/javascript; charset=utf-8"},
             {"wasm", "application/wasm"},
             {"json", "application/json"},
             {"data", "application/octet-stream"},
             {"ttf", "font/ttf"},
             {"png", "image/png"},
             {"svg", "image/svg+xml"}})
        server.set_file_extension_and_mimetype_mapping(ext, type);

    static GzipCache cache;
    server.set_file_request_handler([](const httplib::Request& req, httplib::Response& res) {
        if (!(ends_with(req.path, ".wasm") || ends_with(req.path, ".data"))) return;
        res.set_header("Vary", "Accept-Encoding");
        if (req.get_header_value("Accept-Encoding").find("gzip") == std::string::npos) return;
        const std::string& compressed = cache.get(req.path, res.body);
        if (compressed.empty() || compressed.size() >= res.body.size()) return;
        res.body = compressed;
        res.set_header("Content-Encoding", "gzip");
    });
    return server.set_mount_point("/", folder, security_headers());
}

}  // namespace spoc
