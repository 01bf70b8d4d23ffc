#include "simulator/exec/VirtualClock.h"

#include <cstdio>

namespace flowcast::sim {

namespace {

// Howard Hinnant's civil_from_days: days since 1970-01-01 to a proleptic Gregorian date.
void civilFromDays(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

} // namespace

std::string isoTimestamp(SimTime t) {
    std::string out;
    writeIsoTimestamp(t, out);
    return out;
}

void writeIsoTimestamp(SimTime t, std::string& out) {
    const std::int64_t ms = floorDiv(t.us, 1000) + kVirtualEpochSeconds * 1000;
    const std::int64_t secs = floorDiv(ms, 1000);
    const std::int64_t days = floorDiv(secs, 86400);
    const std::int64_t inDay = secs - days * 86400;
    std::int64_t y = 0;
    unsigned m = 0, d = 0;
    civilFromDays(days, y, m, d);
    if (y < 0 || y > 9999) { // printf's widths for years outside four digits
        char buf[64];
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ",
                      static_cast<long long>(y), m, d, static_cast<long long>(inDay / 3600),
                      static_cast<long long>(inDay / 60 % 60), static_cast<long long>(inDay % 60),
                      static_cast<long long>(ms - secs * 1000));
        out = buf;
        return;
    }
    char buf[] = "0000-00-00T00:00:00.000Z";
    auto digits = [&buf](std::size_t at, std::int64_t value, int width) {
        for (int i = width - 1; i >= 0; --i, value /= 10)
            buf[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    };
    digits(0, y, 4);
    digits(5, m, 2);
    digits(8, d, 2);
    digits(11, inDay / 3600, 2);
    digits(14, inDay / 60 % 60, 2);
    digits(17, inDay % 60, 2);
    digits(20, ms - secs * 1000, 3);
    out.assign(buf, sizeof buf - 1);
}

SimTime virtualTimeOf(const model::eval::Timestamp& timestamp) {
    std::string micro = timestamp.fraction.substr(0, 6);
    micro.resize(6, '0');
    return {(timestamp.epochSeconds - kVirtualEpochSeconds) * 1'000'000 + std::stoll(micro)};
}

} // namespace flowcast::sim
