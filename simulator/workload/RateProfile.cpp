#include "simulator/workload/RateProfile.h"

#include "model/asl/JsonPointer.h"
#include "model/scenario/ScenarioError.h"
#include "simulator/core/SpecObject.h"
#include "simulator/exec/VirtualClock.h"
#include "simulator/workload/CivilCalendar.h"

#include <algorithm>
#include <cmath>

namespace flowcast::sim {

using model::Json;

namespace {

constexpr double kHour = 3600.0;
constexpr double kWeek = 168 * kHour;

std::vector<double> rates(const SpecObject& o, std::string_view key, std::size_t count) {
    const Json& list = o.value(key);
    if (!list.is_array() || list.size() != count)
        o.fail(key, std::string(key) + " must be an array of " + std::to_string(count) +
                        " numbers, got " +
                        (list.is_array() ? std::to_string(list.size()) + " values"
                                         : std::string(model::jsonTypeName(list))));
    std::vector<double> values;
    for (std::size_t i = 0; i < count; ++i) {
        const std::string at = model::pointerChild(o.pointer(key), i);
        if (!list[i].is_number() || list[i].get<double>() < 0)
            throw model::ScenarioError(at, o.what() + ": " + std::string(key) + "[" +
                                               std::to_string(i) + "] must be a number >= 0, got " +
                                               list[i].dump());
        values.push_back(list[i].get<double>());
    }
    return values;
}

} // namespace

RateProfile RateProfile::constant(double perSecond) {
    RateProfile p;
    p.m_max = perSecond;
    p.m_rate.fill(perSecond);
    for (int h = 0; h <= kHours; ++h)
        p.m_cumulative[h] = perSecond * kHour * h;
    return p;
}

RateProfile RateProfile::parse(const Json& spec, const std::string& pointer) {
    const SpecObject o(spec, pointer, "profile");
    o.allowOnly({"dailyPerHour", "weekdayFactors"});
    const std::vector<double> daily = rates(o, "dailyPerHour", 24);
    const std::vector<double> factors =
        o.has("weekdayFactors") ? rates(o, "weekdayFactors", 7) : std::vector<double>(7, 1.0);
    RateProfile p;
    p.m_constant = false;
    // Hour h of the week lies on day h / 24 after the virtual epoch; its weekday follows from
    // the calendar rather than a hard-coded "Thursday".
    const std::int64_t epochDay = kVirtualEpochSeconds / 86400;
    for (int h = 0; h < kHours; ++h) {
        const unsigned weekday = calendar::mondayIndex(epochDay + h / 24);
        p.m_rate[h] = daily[h % 24] * factors[weekday] / kHour;
        p.m_cumulative[h + 1] = p.m_cumulative[h] + p.m_rate[h] * kHour;
        p.m_max = std::max(p.m_max, p.m_rate[h]);
    }
    if (p.m_max <= 0) o.fail("every rate is 0: no arrival would ever come");
    return p;
}

double RateProfile::ratePerSecond(double seconds) const {
    const double inWeek = seconds - std::floor(seconds / kWeek) * kWeek;
    return m_rate[std::clamp(static_cast<int>(inWeek / kHour), 0, kHours - 1)];
}

double RateProfile::cumulative(double seconds) const {
    const double weeks = std::floor(seconds / kWeek);
    const double inWeek = seconds - weeks * kWeek;
    const int h = std::clamp(static_cast<int>(inWeek / kHour), 0, kHours - 1);
    return weeks * m_cumulative[kHours] + m_cumulative[h] + m_rate[h] * (inWeek - h * kHour);
}

double RateProfile::inverse(double u) const {
    const double perWeek = m_cumulative[kHours];
    const double weeks = std::floor(u / perWeek);
    const double inWeek = u - weeks * perWeek;
    // The last hour starting at or below inWeek has a positive rate (the next one starts
    // strictly higher), unless rounding put inWeek at the very end of the week.
    auto it = std::upper_bound(m_cumulative.begin(), m_cumulative.end(), inWeek);
    int h = std::clamp(static_cast<int>(it - m_cumulative.begin()) - 1, 0, kHours - 1);
    while (h > 0 && m_rate[h] <= 0)
        --h;
    const double offset = m_rate[h] > 0 ? (inWeek - m_cumulative[h]) / m_rate[h] : 0.0;
    return weeks * kWeek + h * kHour + std::min(offset, kHour);
}

std::string RateProfile::describe() const {
    if (m_constant) return formatNumber(m_max, 6) + "/s";
    return "peak " + formatNumber(m_max * kHour, 6) + "/h";
}

} // namespace flowcast::sim
