// See gzip.h.
#include "gzip.h"

#include <zlib.h>

#include <cctype>

namespace spoc::http {

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

bool accepts_gzip(const std::string& accept_encoding) {
    std::string s;
    for (const char c : accept_encoding)
        if (c != ' ' && c != '\t') s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::size_t pos = 0;
    while (pos <= s.size()) {
        std::size_t end = s.find(',', pos);
        if (end == std::string::npos) end = s.size();
        const std::string item = s.substr(pos, end - pos);
        const std::string coding = item.substr(0, item.find(';'));
        if (coding == "gzip" || coding == "x-gzip" || coding == "*") {
            const auto q = item.find(";q=");
            if (q == std::string::npos) return true;
            const std::string weight = item.substr(q + 3);
            return !(weight == "0" || weight.find_first_not_of("0.") == std::string::npos);
        }
        pos = end + 1;
    }
    return false;
}

}  // namespace spoc::http
