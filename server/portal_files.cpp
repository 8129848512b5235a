// See portal_files.h.
#include "portal_files.h"

#include <zlib.h>

#include <map>
#include <mutex>

namespace spoc {
namespace {

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::string gzip(const std::string& data) {
    z_stream z{};
    if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
    std::string out(deflateBound(&z, data.size()), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return rc == Z_STREAM_END ? out : std::string();
}

// Compressed once per file content; the files change only when the portal is rebuilt.
class GzipCache {
public:
    const std::string& get(const std::string& path, const std::string& body) {
        std::lock_guard<std::mutex> lock(mutex_);
        Entry& e = entries_[path];
        const std::size_t hash = std::hash<std::string>{}(body);
        if (e.hash != hash || e.size != body.size()) e = {hash, body.size(), gzip(body)};
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

}  // namespace

bool serve_portal_files(httplib::Server& server, const std::string& folder) {
    for (const auto& [ext, type] : std::initializer_list<std::pair<const char*, const char*>>{
             {"html", "text/html; charset=utf-8"},
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
    return server.set_mount_point("/", folder, {{"Cache-Control", "no-cache"}});
}

}  // namespace spoc
