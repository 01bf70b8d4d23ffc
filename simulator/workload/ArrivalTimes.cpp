#include "simulator/workload/ArrivalTimes.h"

#include "model/scenario/ScenarioError.h"
#include "simulator/core/SpecObject.h"
#include "simulator/workload/DurationText.h"
#include "simulator/workload/RateProfile.h"
#include "simulator/workload/Schedule.h"

#include <algorithm>
#include <vector>

namespace flowcast::sim {

using model::Json;

namespace {

class ScheduleTimes final : public ArrivalTimes {
public:
    ScheduleTimes(Schedule schedule, SimTime start)
        : m_schedule(std::move(schedule)), m_anchor(start),
          m_next(m_schedule.nextAtOrAfter(start, start)) {}
    std::optional<SimTime> next(RandomStream&) override {
        const std::optional<SimTime> now = m_next;
        if (now) m_next = m_schedule.nextAtOrAfter(*now + SimTime{1}, m_anchor);
        return now;
    }
    std::string describe() const override { return m_schedule.expression(); }

private:
    Schedule m_schedule;
    SimTime m_anchor;
    std::optional<SimTime> m_next;
};

// Times are accumulated in double seconds and rounded once each, so rounding to microseconds
// never drifts the rate.
class PoissonTimes final : public ArrivalTimes {
public:
    PoissonTimes(double perSecond, SimTime start) : m_rate(perSecond), m_t(start.seconds()) {}
    std::optional<SimTime> next(RandomStream& random) override {
        m_t += random.exponential(1.0 / m_rate);
        return SimTime::fromSeconds(m_t);
    }
    std::string describe() const override { return "poisson(" + formatNumber(m_rate, 6) + "/s)"; }

private:
    double m_rate;
    double m_t;
};

// Lewis and Shedler (1979), thinning: candidates from a homogeneous process at the peak rate,
// each kept with probability rate(t) / peak.
class ProfileTimes final : public ArrivalTimes {
public:
    ProfileTimes(RateProfile profile, SimTime start)
        : m_profile(std::move(profile)), m_t(start.seconds()) {}
    std::optional<SimTime> next(RandomStream& random) override {
        const double peak = m_profile.maxRatePerSecond();
        for (;;) {
            m_t += random.exponential(1.0 / peak);
            if (random.uniform() * peak < m_profile.ratePerSecond(m_t))
                return SimTime::fromSeconds(m_t);
        }
    }
    std::string describe() const override { return "profile(" + m_profile.describe() + ")"; }

private:
    RateProfile m_profile;
    double m_t;
};

class BurstTimes final : public ArrivalTimes {
public:
    BurstTimes(std::int64_t count, SimTime at, double spreadSeconds, std::optional<SimTime> every,
               SimTime start)
        : m_count(count), m_at(at), m_spread(spreadSeconds), m_every(every) {
        // Skip, without drawing, the bursts that end before the workload starts.
        const SimTime spread = SimTime::fromSeconds(spreadSeconds);
        if (m_every && start > at + spread) m_burst = (start - at - spread).us / m_every->us;
    }
    std::optional<SimTime> next(RandomStream& random) override {
        if (m_pos == m_offsets.size()) {
            if (m_burst > 0 && !m_every) return std::nullopt;
            m_begin = SimTime{m_at.us + m_burst * (m_every ? m_every->us : 0)};
            ++m_burst;
            m_offsets.resize(static_cast<std::size_t>(m_count));
            for (double& x : m_offsets)
                x = m_spread * random.uniform();
            std::sort(m_offsets.begin(), m_offsets.end());
            m_pos = 0;
        }
        return m_begin + SimTime::fromSeconds(m_offsets[m_pos++]);
    }
    std::string describe() const override {
        return "burst(" + std::to_string(m_count) + " at " + formatSimTime(m_at) +
               (m_every ? " every " + formatSimTime(*m_every) : std::string()) + " over " +
               formatNumber(m_spread, 6) + " s)";
    }

private:
    std::int64_t m_count;
    SimTime m_at;
    double m_spread;
    std::optional<SimTime> m_every;
    std::int64_t m_burst = 0;
    SimTime m_begin;
    std::vector<double> m_offsets;
    std::size_t m_pos = 0;
};

std::unique_ptr<ArrivalTimes> parsePoisson(const Json& spec, const std::string& pointer,
                                           SimTime start) {
    const SpecObject o(spec, pointer, "poisson");
    o.allowOnly({"ratePerSecond", "ratePerHour", "ratePerDay"});
    if (o.json().size() != 1) o.fail("give exactly one of ratePerSecond, ratePerHour, ratePerDay");
    const std::string& key = o.json().begin().key();
    const double per = key == "ratePerSecond" ? 1.0 : key == "ratePerHour" ? 3600.0 : 86400.0;
    return std::make_unique<PoissonTimes>(o.positive(key) / per, start);
}

std::unique_ptr<ArrivalTimes> parseBurst(const Json& spec, const std::string& pointer,
                                         SimTime start) {
    const SpecObject o(spec, pointer, "burst");
    o.allowOnly({"count", "at", "spreadSeconds", "every"});
    const std::int64_t count = o.integer("count", 1);
    const SimTime at = o.has("at") ? parseDuration(o.value("at"), o.pointer("at")) : SimTime{};
    const double spread = o.nonNegative("spreadSeconds", 0.0);
    std::optional<SimTime> every;
    if (o.has("every")) {
        every = parseDuration(o.value("every"), o.pointer("every"));
        // Bursts must not overlap, or arrivals would come out of order.
        if (every->seconds() < spread || every->us == 0)
            o.fail("every", "every (" + formatSimTime(*every) +
                                ") must be greater than 0 and at least spreadSeconds (" +
                                formatNumber(spread) + ")");
    }
    return std::make_unique<BurstTimes>(count, at, spread, every, start);
}

} // namespace

std::unique_ptr<ArrivalTimes> parseArrivalTimes(std::string_view kind, const Json& spec,
                                                const std::string& pointer, SimTime start) {
    if (kind == "schedule") {
        if (!spec.is_string())
            throw model::ScenarioError(pointer, std::string("schedule: expected a string like "
                                                            "\"rate(5 minutes)\", got ") +
                                                    model::jsonTypeName(spec));
        return std::make_unique<ScheduleTimes>(Schedule::parse(spec.get<std::string>(), pointer),
                                               start);
    }
    if (kind == "poisson") return parsePoisson(spec, pointer, start);
    if (kind == "profile")
        return std::make_unique<ProfileTimes>(RateProfile::parse(spec, pointer), start);
    if (kind == "burst") return parseBurst(spec, pointer, start);
    throw model::ScenarioError(pointer, "workload: unknown kind '" + std::string(kind) + "'");
}

} // namespace flowcast::sim
