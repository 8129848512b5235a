// Files served from memory: each is read and compressed once (gzip at level 9, or the .gz and .br
// the build made beside it, taken only when they decompress to the file), with an ETag per encoding,
// and read again when it changes on disk. Also the choice of an encoding from Accept-Encoding.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace spoc::http {

enum class Coding { identity, gzip, br };

// One file as it was read: its bytes in each encoding (empty where that one is not smaller).
struct StaticFile {
    std::string identity, gzip, br;
    std::string hash;  // of the content, hex: the ETags are "hash", "hash-gzip" and "hash-br"
    const std::string& bytes(Coding c) const { return c == Coding::br ? br : c == Coding::gzip ? gzip : identity; }
    std::string etag(Coding c) const;
    bool compressed() const { return !gzip.empty() || !br.empty(); }
    // If-None-Match names the ETag of this content in that encoding (weakly compared), or is *.
    bool matches(const std::string& if_none_match, Coding c) const;
};

// The best encoding the client accepts of those the file has (brotli, then gzip, else identity).
Coding choose_coding(const std::string& accept_encoding, const StaticFile& file);
const char* coding_name(Coding c);  // "br", "gzip", "" for identity

class StaticFiles {
public:
    // compress(request path) says which files are worth compressing.
    StaticFiles(std::filesystem::path folder, bool (*compress)(const std::string& path));
    // The file at a request path ("/" and "/x/" are their index.html), or nullptr when the folder
    // holds no such file (nothing outside it: no "..", and no link that leads out).
    std::shared_ptr<const StaticFile> find(const std::string& request_path);

private:
    std::optional<std::filesystem::path> file_at(const std::string& key) const;

    struct Slot {
        std::filesystem::path path;
        std::uintmax_t size = 0;
        std::int64_t mtime_ns = -1;
        std::shared_ptr<const StaticFile> file;
    };
    std::filesystem::path folder_;
    bool (*compress_)(const std::string&);
    std::mutex mutex_;
    std::map<std::string, Slot> slots_;  // by request path ("/index.html"): the files asked for so far
};

}  // namespace spoc::http
