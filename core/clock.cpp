// RFC 3339 conversion with Howard Hinnant's civil-date arithmetic (no <ctime>, no locale).
#include "clock.h"

#include <cstdio>

namespace spoc {
namespace {

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

}  // namespace

std::string to_rfc3339(Timestamp t) {
    std::int64_t days = t / 86400, secs = t % 86400;
    if (secs < 0) { secs += 86400; --days; }
    std::int64_t y; unsigned m, d;
    civil_from_days(days, y, m, d);
    const unsigned hh = static_cast<unsigned>(secs / 3600), mm = static_cast<unsigned>(secs / 60 % 60),
                   ss = static_cast<unsigned>(secs % 60);
    if (y < 0 || y > 9999) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02uZ", static_cast<long long>(y), m, d, hh, mm, ss);
        return buf;
    }
    // Every answer carries several of these: written by hand, not by snprintf.
    std::string out = "0000-00-00T00:00:00Z";
    const auto put = [&out](std::size_t at, unsigned value, int digits) {
        for (int i = digits - 1; i >= 0; --i, value /= 10) out[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    };
    put(0, static_cast<unsigned>(y), 4);
    put(5, m, 2);
    put(8, d, 2);
    put(11, hh, 2);
    put(14, mm, 2);
    put(17, ss, 2);
    return out;
}

std::optional<Timestamp> from_rfc3339(std::string_view s) {
    int y, mo, d, h, mi, sec;
    char z = 0;
    if (s.size() != 20) return std::nullopt;
    // Exactly YYYY-MM-DDThh:mm:ssZ: sscanf alone would accept signs and spaces inside.
    for (std::size_t i = 0; i < 20; ++i) {
        const char want = "dddd-dd-ddTdd:dd:ddZ"[i];
        if (want == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != want) return std::nullopt;
    }
    const std::string str(s);
    if (std::sscanf(str.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &sec, &z) != 7 || z != 'Z')
        return std::nullopt;
    const bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    const int month_days[] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mo < 1 || mo > 12 || d < 1 || d > month_days[mo - 1] || h > 23 || mi > 59 || sec > 60) return std::nullopt;
    return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 + sec;
}

}  // namespace spoc
