// See static_files.h.
#include "http/static_files.h"

#include "http/gzip.h"

#include <brotli/decode.h>
#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

namespace spoc::http {
namespace {

bool read_whole(const std::filesystem::path& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream s;
    s << in.rdbuf();
    out = std::move(s).str();
    return !in.bad();
}

// Whether a .gz or .br made by the build decompresses to exactly the file (never more than it).
bool gunzips_to(const std::string& gz, const std::string& expected) {
    z_stream z{};
    if (inflateInit2(&z, 15 + 16) != Z_OK) return false;
    std::string out(expected.size() + 1, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
    z.avail_in = static_cast<uInt>(gz.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = inflate(&z, Z_FINISH);
    const bool whole = rc == Z_STREAM_END && z.avail_in == 0 && z.total_out == expected.size();
    inflateEnd(&z);
    return whole && out.compare(0, expected.size(), expected) == 0;
}

bool unbrotlis_to(const std::string& br, const std::string& expected) {
    std::string out(expected.size(), '\0');
    std::size_t size = out.size();
    if (BrotliDecoderDecompress(br.size(), reinterpret_cast<const std::uint8_t*>(br.data()), &size,
                                reinterpret_cast<std::uint8_t*>(out.data())) != BROTLI_DECODER_RESULT_SUCCESS)
        return false;
    return size == expected.size() && out == expected;
}

std::string fnv1a_hex(const std::string& data) {
    std::uint64_t h = 1469598103934665603ull;
    for (const unsigned char c : data) h = (h ^ c) * 1099511628211ull;
    static const char* digits = "0123456789abcdef";
    std::string hex(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) hex[i] = digits[h & 15];
    return hex;
}

std::string trim_lower(std::string s) {
    const auto b = s.find_first_not_of(" \t");
    const auto e = s.find_last_not_of(" \t");
    s = b == std::string::npos ? "" : s.substr(b, e - b + 1);
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

// A coding's q in Accept-Encoding: its own entry, else "*"'s, else 0.
double quality(const std::string& accept, const std::string& coding) {
    double own = -1, any = -1;
    std::istringstream items(accept);
    std::string item;
    while (std::getline(items, item, ',')) {
        const auto semi = item.find(';');
        const std::string name = trim_lower(item.substr(0, semi));
        double q = 1;
        if (semi != std::string::npos) {
            const std::string params = trim_lower(item.substr(semi + 1));
            const auto at = params.find("q=");
            if (at != std::string::npos) q = std::strtod(params.c_str() + at + 2, nullptr);
        }
        if (name == coding) own = q;
        else if (name == "*") any = q;
    }
    return own >= 0 ? own : any >= 0 ? any : 0;
}

std::int64_t mtime_ns(const struct stat& st) {
    return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

// The file in every encoding worth having.
std::shared_ptr<const StaticFile> load(const std::filesystem::path& path, bool compress) {
    auto file = std::make_shared<StaticFile>();
    if (!read_whole(path, file->identity)) return nullptr;
    file->hash = fnv1a_hex(file->identity);
    if (!compress) return file;
    std::string made;
    if (read_whole(path.string() + ".br", made) && made.size() < file->identity.size() &&
        unbrotlis_to(made, file->identity))
        file->br = std::move(made);
    if (!(read_whole(path.string() + ".gz", made) && gunzips_to(made, file->identity))) made = gzip(file->identity);
    if (!made.empty() && made.size() < file->identity.size()) file->gzip = std::move(made);
    return file;
}

}  // namespace

std::string StaticFile::etag(Coding c) const {
    return "\"" + hash + (c == Coding::br ? "-br" : c == Coding::gzip ? "-gzip" : "") + "\"";
}

bool StaticFile::matches(const std::string& if_none_match, Coding c) const {
    const std::string mine = etag(c);
    std::istringstream tags(if_none_match);
    std::string tag;
    while (std::getline(tags, tag, ',')) {
        tag = trim_lower(tag);
        if (tag.rfind("w/", 0) == 0) tag.erase(0, 2);
        if (tag == "*" || tag == mine) return true;
    }
    return false;
}

Coding choose_coding(const std::string& accept_encoding, const StaticFile& file) {
    const double br = file.br.empty() ? 0 : quality(accept_encoding, "br");
    const double gz = file.gzip.empty() ? 0 : quality(accept_encoding, "gzip");
    if (br > 0 && br >= gz) return Coding::br;
    if (gz > 0) return Coding::gzip;
    return Coding::identity;
}

const char* coding_name(Coding c) { return c == Coding::br ? "br" : c == Coding::gzip ? "gzip" : ""; }

StaticFiles::StaticFiles(std::filesystem::path folder, bool (*compress)(const std::string& path))
    : compress_(compress) {
    std::error_code ec;
    folder_ = std::filesystem::canonical(folder, ec);
}

std::optional<std::filesystem::path> StaticFiles::file_at(const std::string& key) const {
    if (folder_.empty() || key.empty() || key[0] != '/' || key.find_first_of(std::string("\\\0", 2)) != std::string::npos)
        return std::nullopt;
    std::istringstream segments(key.substr(1));
    std::string segment;
    while (std::getline(segments, segment, '/'))
        if (segment.empty() || segment == "." || segment == "..") return std::nullopt;
    std::error_code ec;
    const std::filesystem::path path = std::filesystem::canonical(folder_ / key.substr(1), ec);
    if (ec || !std::filesystem::is_regular_file(path, ec)) return std::nullopt;
    // Inside the folder, also once links are followed.
    const auto [in_folder, _] = std::mismatch(folder_.begin(), folder_.end(), path.begin(), path.end());
    if (in_folder != folder_.end()) return std::nullopt;
    return path;
}

std::shared_ptr<const StaticFile> StaticFiles::find(const std::string& request_path) {
    const std::string key = !request_path.empty() && request_path.back() == '/' ? request_path + "index.html" : request_path;
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = slots_.find(key);
    if (it == slots_.end()) {  // the first request for it: only files inside the folder get a slot
        const std::optional<std::filesystem::path> path = file_at(key);
        if (!path) return nullptr;
        Slot slot;
        slot.path = *path;
        it = slots_.emplace(key, std::move(slot)).first;
    }
    Slot& slot = it->second;
    struct stat st{};
    if (::stat(slot.path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return nullptr;
    const auto size = static_cast<std::uintmax_t>(st.st_size);
    if (!slot.file || slot.size != size || slot.mtime_ns != mtime_ns(st)) {  // new, or rebuilt since
        slot.file = load(slot.path, compress_(key));
        slot.size = size;
        slot.mtime_ns = mtime_ns(st);
    }
    return slot.file;
}

}  // namespace spoc::http
