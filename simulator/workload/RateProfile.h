#pragma once
// An arrival rate that repeats every week: a rate per hour of the day (UTC, virtual calendar)
// times a factor per day of the week, or one constant rate. Besides the rate at a moment it
// gives the cumulative intensity Lambda(t) (expected arrivals in [0, t)) and its inverse, so a
// non-homogeneous Poisson process can be drawn as a unit-rate one in "operational time"
// u = Lambda(t) (Cinlar's time change). Immutable; copy freely.
//   {"dailyPerHour": [24 arrivals per hour, hour 0 = 00:00-01:00 UTC],
//    "weekdayFactors": [7 factors, Monday first]}            (factors default to 1)
#include "model/asl/Json.h"

#include <array>
#include <string>

namespace flowcast::sim {

class RateProfile {
public:
    static RateProfile constant(double perSecond);
    /// Throws model::ScenarioError for a wrong count of rates, a negative one, or all zero.
    static RateProfile parse(const model::Json& spec, const std::string& pointer);

    /// Arrivals per second at virtual time `seconds`.
    double ratePerSecond(double seconds) const;
    double maxRatePerSecond() const { return m_max; }
    /// Lambda(t): expected arrivals in [0, t).
    double cumulative(double seconds) const;
    /// The earliest t with Lambda(t) = u (u >= 0).
    double inverse(double u) const;
    /// "peak 120/h" or "0.9/s".
    std::string describe() const;

private:
    static constexpr int kHours = 168; ///< one week; hour 0 starts at t = 0 (a Thursday)

    bool m_constant = true;
    double m_max = 0;
    std::array<double, kHours> m_rate{};           ///< per second, by hour of the week
    std::array<double, kHours + 1> m_cumulative{}; ///< Lambda at the start of each hour
};

} // namespace flowcast::sim
