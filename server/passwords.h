// Passwords: Argon2id through libsodium (crypto_pwhash_str), with at most a few hashes
// at once. Each takes 64 MiB and about a tenth of a second on purpose, so a flood of
// sign-ins waits its turn (or is told the server is busy) instead of exhausting memory.
#pragma once
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>

namespace spoc {

class Passwords {
public:
    // `parallel` hashes at once; beyond `max_waiting` more, the answer is busy.
    explicit Passwords(int parallel = 2, int max_waiting = 64);

    // nullopt: too busy now.
    std::optional<std::string> hash(const std::string& password);

    enum class Check { match, mismatch, busy };
    Check verify(const std::string& stored_hash, const std::string& password);
    // The same work as verify(), for an email nobody has: the answer takes as long.
    Check verify_nobody(const std::string& password);

private:
    template <typename Fn>
    auto bounded(Fn&& fn) -> std::optional<decltype(fn())>;

    std::mutex mutex_;
    std::condition_variable turn_;
    int parallel_, max_waiting_, running_ = 0, waiting_ = 0;
    std::mutex nobody_mutex_;
    std::string nobody_hash_;  // made at the first sign-in of an unknown email
};

// A one-time password to hand over: 20 characters from an alphabet without look-alikes.
std::string one_time_password();

}  // namespace spoc
