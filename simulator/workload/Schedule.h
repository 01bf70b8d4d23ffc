#pragma once
// An EventBridge schedule expression: "rate(5 minutes)" or "cron(0 2 * * ? *)", exactly as the
// EventBridge user guide ("Rate expressions reference", "Cron expressions reference") defines
// them, in UTC on the virtual calendar. A rate schedule fires at its anchor (the workload's
// start) and every interval after it. Immutable once parsed.
#include "simulator/core/SimTime.h"
#include "simulator/workload/CronExpression.h"

#include <optional>
#include <string>
#include <string_view>

namespace flowcast::sim {

class Schedule {
public:
    /// Throws model::ScenarioError(pointer, ...) for anything AWS would refuse.
    static Schedule parse(std::string_view expression, const std::string& pointer);

    /// The first firing at or after `t`; a rate schedule counts its intervals from `anchor`.
    std::optional<SimTime> nextAtOrAfter(SimTime t, SimTime anchor = {}) const;

    bool isRate() const { return !m_cron.has_value(); }
    /// The interval of a rate schedule (zero for cron).
    SimTime interval() const { return m_interval; }
    const std::string& expression() const { return m_expression; }

private:
    std::string m_expression;
    SimTime m_interval;
    std::optional<CronExpression> m_cron;
};

} // namespace flowcast::sim
