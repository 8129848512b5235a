// Rate limits on signing in: per account (email) and per client address, counted in failed
// attempts over a sliding window. While an account is limited even its right password is
// refused, so guessing gains nothing. Kept in this process: a second server counts its own.
#pragma once
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "clock.h"

namespace spoc {

struct SignInLimitRules {
    int failures_per_account = 5;
    int failures_per_address = 30;
    Timestamp window = 15 * 60;  // seconds
};

class SignInLimits {
public:
    explicit SignInLimits(SignInLimitRules rules = {}) : rules_(rules) {}

    // Seconds until this email may be tried from this address again; 0: now.
    Timestamp retry_after(const std::string& email, const std::string& address, Timestamp now);
    void failed(const std::string& email, const std::string& address, Timestamp now);
    void succeeded(const std::string& email);

private:
    using Failures = std::deque<Timestamp>;
    Timestamp wait_for(std::unordered_map<std::string, Failures>& map, const std::string& key, int limit, Timestamp now);
    void forget_old(Timestamp now);

    SignInLimitRules rules_;
    std::mutex mutex_;
    std::unordered_map<std::string, Failures> by_account_, by_address_;
    Timestamp last_cleanup_ = 0;
};

}  // namespace spoc
