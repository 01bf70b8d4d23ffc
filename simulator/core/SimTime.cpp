#include "simulator/core/SimTime.h"

#include <cstdio>
#include <cstdlib>

namespace flowcast::sim {

std::string formatSimTime(SimTime t) {
    const bool negative = t.us < 0;
    const std::int64_t us = std::llabs(t.us);
    const std::int64_t totalSeconds = us / 1'000'000;
    const int millis = static_cast<int>((us % 1'000'000) / 1000);
    const std::int64_t days = totalSeconds / 86400;
    const int hours = static_cast<int>(totalSeconds % 86400 / 3600);
    const int minutes = static_cast<int>(totalSeconds % 3600 / 60);
    const int seconds = static_cast<int>(totalSeconds % 60);
    char buf[64];
    if (days > 0) {
        std::snprintf(buf, sizeof buf, "%lldd%02dh%02dm%02d.%03ds", static_cast<long long>(days), hours, minutes, seconds, millis);
    } else if (hours > 0) {
        std::snprintf(buf, sizeof buf, "%dh%02dm%02d.%03ds", hours, minutes, seconds, millis);
    } else if (minutes > 0) {
        std::snprintf(buf, sizeof buf, "%dm%02d.%03ds", minutes, seconds, millis);
    } else {
        std::snprintf(buf, sizeof buf, "%d.%03ds", seconds, millis);
    }
    return (negative ? "-" : "") + std::string(buf);
}

} // namespace flowcast::sim
