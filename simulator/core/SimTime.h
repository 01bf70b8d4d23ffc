#pragma once
// Virtual time: an integer count of microseconds since the start of a simulation. No wall clock
// ever enters the simulator; this type is the only clock it knows.
#include <cstdint>
#include <string>

namespace flowcast::sim {

struct SimTime {
    std::int64_t us = 0;

    static constexpr SimTime fromSeconds(double s) { return {static_cast<std::int64_t>(s * 1e6 + (s >= 0 ? 0.5 : -0.5))}; }
    static constexpr SimTime fromMillis(std::int64_t ms) { return {ms * 1000}; }
    constexpr double seconds() const { return static_cast<double>(us) / 1e6; }

    friend constexpr auto operator<=>(SimTime, SimTime) = default;
    friend constexpr SimTime operator+(SimTime a, SimTime b) { return {a.us + b.us}; }
    friend constexpr SimTime operator-(SimTime a, SimTime b) { return {a.us - b.us}; }
};

/// Human form for traces and reports: "1.250s", "2m03.000s", "3d04h05m06.000s".
std::string formatSimTime(SimTime t);

} // namespace flowcast::sim
