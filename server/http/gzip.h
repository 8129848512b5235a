// Compressing an answer once, where it is made, instead of per request: gzip at the best level.
#pragma once
#include <string>

namespace spoc::http {

// The gzip form of data, or "" when zlib fails.
std::string gzip(const std::string& data);

// Whether the request's Accept-Encoding takes gzip (not "gzip;q=0").
bool accepts_gzip(const std::string& accept_encoding);

}  // namespace spoc::http
