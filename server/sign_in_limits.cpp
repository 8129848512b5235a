// See sign_in_limits.h.
#include "sign_in_limits.h"

#include <algorithm>

namespace spoc {

Timestamp SignInLimits::wait_for(std::unordered_map<std::string, Failures>& map, const std::string& key, int limit,
                                 Timestamp now) {
    auto it = map.find(key);
    if (it == map.end()) return 0;
    Failures& f = it->second;
    while (!f.empty() && f.front() <= now - rules_.window) f.pop_front();
    if (static_cast<int>(f.size()) < limit) return 0;
    // The oldest failure that keeps the count at the limit has to leave the window.
    return std::max<Timestamp>(1, f[f.size() - static_cast<std::size_t>(limit)] + rules_.window - now);
}

Timestamp SignInLimits::retry_after(const std::string& email, const std::string& address, Timestamp now) {
    std::lock_guard lock(mutex_);
    forget_old(now);
    return std::max(wait_for(by_account_, email, rules_.failures_per_account, now),
                    wait_for(by_address_, address, rules_.failures_per_address, now));
}

void SignInLimits::failed(const std::string& email, const std::string& address, Timestamp now) {
    std::lock_guard lock(mutex_);
    for (auto* f : {&by_account_[email], &by_address_[address]}) {
        f->push_back(now);
        if (f->size() > 64) f->pop_front();  // more than any limit needs
    }
}

void SignInLimits::succeeded(const std::string& email) {
    std::lock_guard lock(mutex_);
    by_account_.erase(email);
}

// Entries whose failures have all left the window go, at most once a minute: the maps hold
// only what still counts, however many emails an attacker makes up.
void SignInLimits::forget_old(Timestamp now) {
    if (now - last_cleanup_ < 60) return;
    last_cleanup_ = now;
    for (auto* map : {&by_account_, &by_address_})
        for (auto it = map->begin(); it != map->end();)
            it = !it->second.empty() && it->second.back() > now - rules_.window ? std::next(it) : map->erase(it);
}

}  // namespace spoc
