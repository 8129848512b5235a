// Bearer tokens: random, shown once, stored only as a hash (libsodium).
#pragma once
#include <string>

namespace spoc {

std::string new_token();                          // 256 random bits, base64url
std::string hash_token(const std::string& token);  // BLAKE2b-256, hex
bool same_hash(const std::string& a, const std::string& b);  // constant time

}  // namespace spoc
