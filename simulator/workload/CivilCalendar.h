#pragma once
// Proleptic Gregorian calendar arithmetic in UTC, for schedules and daily profiles: no OS time
// zone functions, so every platform computes the same fire times. Day numbers count from
// 1970-01-01 (a Thursday). Algorithms: Howard Hinnant, "chrono-Compatible Low-Level Date
// Algorithms" (days_from_civil, civil_from_days).
#include <cstdint>

namespace flowcast::sim::calendar {

struct CivilDate {
    std::int64_t year = 1970;
    unsigned month = 1; ///< 1..12
    unsigned day = 1;   ///< 1..31
};

constexpr std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

/// Days since 1970-01-01 of the date y-m-d.
constexpr std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = floorDiv(y, 400);
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

constexpr CivilDate civilFromDays(std::int64_t z) {
    z += 719468;
    const std::int64_t era = floorDiv(z, 146097);
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

constexpr bool isLeapYear(std::int64_t y) {
    return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

constexpr unsigned daysInMonth(std::int64_t y, unsigned m) {
    constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeapYear(y) ? 29 : kDays[m - 1];
}

/// Day of the week numbered as cron numbers it: 1 = Sunday ... 7 = Saturday.
constexpr unsigned cronWeekday(std::int64_t days) {
    return static_cast<unsigned>(floorDiv(days + 4, 7) * -7 + days + 4) + 1;
}

/// Day of the week numbered from Monday: 0 = Monday ... 6 = Sunday.
constexpr unsigned mondayIndex(std::int64_t days) {
    return (cronWeekday(days) + 5) % 7;
}

static_assert(daysFromCivil(1970, 1, 1) == 0);
static_assert(daysFromCivil(2026, 1, 1) == 20454); // the virtual epoch, 1'767'225'600 s
static_assert(civilFromDays(20454).year == 2026 && civilFromDays(20513).month == 3);
static_assert(cronWeekday(0) == 5 && cronWeekday(20454) == 5); // both Thursdays
static_assert(mondayIndex(20454) == 3 && mondayIndex(20457) == 6);
static_assert(daysInMonth(2028, 2) == 29 && daysInMonth(2100, 2) == 28);

} // namespace flowcast::sim::calendar
