#include "simulator/run/RunPlan.h"

#include "simulator/workload/DurationText.h"

#include <algorithm>
#include <thread>

namespace flowcast::sim {

RunPlan makePlan(const model::Scenario& scenario, const RunCounts& counts) {
    RunPlan plan;
    plan.seed = counts.seed.value_or(scenario.seed);
    plan.replications = static_cast<int>(counts.replications.value_or(scenario.replications));
    plan.threads = static_cast<int>(
        counts.threads.value_or(std::max(1u, std::thread::hardware_concurrency())));
    if (counts.horizon) {
        plan.horizon = counts.horizon;
    } else if (counts.executions) {
        plan.executions = counts.executions;
    } else {
        if (!scenario.horizon.is_null()) plan.horizon = parseDuration(scenario.horizon, "/horizon");
        plan.executions = scenario.executions;
        if (!plan.horizon && !plan.executions) plan.horizon = SimTime::fromSeconds(86400);
    }
    return plan;
}

RunPlan workloadPointPlan(const model::Scenario& swept, double executionsPerDay, RunCounts counts) {
    if (!counts.replications) counts.replications = 1;
    counts.executions.reset();
    RunPlan plan = makePlan(swept, counts);
    const double days = std::max(1.0, 20'000.0 / executionsPerDay);
    if (!plan.horizon || plan.horizon->seconds() > days * 86'400)
        plan.horizon = SimTime::fromSeconds(days * 86'400);
    plan.executions.reset();
    return plan;
}

} // namespace flowcast::sim
