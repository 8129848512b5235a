// See passwords.h.
#include "passwords.h"

#include <sodium.h>

#include <stdexcept>

namespace spoc {

Passwords::Passwords(int parallel, int max_waiting) : parallel_(parallel), max_waiting_(max_waiting) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
}

template <typename Fn>
auto Passwords::bounded(Fn&& fn) -> std::optional<decltype(fn())> {
    {
        std::unique_lock lock(mutex_);
        if (running_ >= parallel_ && waiting_ >= max_waiting_) return std::nullopt;
        ++waiting_;
        turn_.wait(lock, [this] { return running_ < parallel_; });
        --waiting_;
        ++running_;
    }
    struct Done {
        Passwords* p;
        ~Done() {
            {
                std::lock_guard lock(p->mutex_);
                --p->running_;
            }
            p->turn_.notify_one();
        }
    } done{this};
    return fn();
}

std::optional<std::string> Passwords::hash(const std::string& password) {
    return bounded([&password]() -> std::string {
        char out[crypto_pwhash_STRBYTES];
        if (crypto_pwhash_str(out, password.c_str(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
            throw std::runtime_error("not enough memory to hash a password");
        return out;
    });
}

Passwords::Check Passwords::verify(const std::string& stored_hash, const std::string& password) {
    const auto ok = bounded([&] {
        return crypto_pwhash_str_verify(stored_hash.c_str(), password.c_str(), password.size()) == 0;
    });
    if (!ok) return Check::busy;
    return *ok ? Check::match : Check::mismatch;
}

Passwords::Check Passwords::verify_nobody(const std::string& password) {
    std::string nobody;
    {
        std::lock_guard lock(nobody_mutex_);
        nobody = nobody_hash_;
    }
    if (nobody.empty()) {  // made once, when first needed: a server that never needs it never pays
        const auto made = hash(one_time_password());
        if (!made) return Check::busy;
        std::lock_guard lock(nobody_mutex_);
        if (nobody_hash_.empty()) nobody_hash_ = *made;
        nobody = nobody_hash_;
    }
    const Check c = verify(nobody, password);
    return c == Check::busy ? c : Check::mismatch;
}

std::string one_time_password() {
    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    std::string out;
    for (int i = 0; i < 20; ++i) out += alphabet[randombytes_uniform(sizeof alphabet - 1)];
    return out;
}

}  // namespace spoc
