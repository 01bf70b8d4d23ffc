#pragma once
// How many executions, how much virtual time, which seed and how many replications a run gets:
// the user's overrides (command-line options, the app's run settings) over the scenario's own.
// Shared by the CLI's simulate / compare / sweep and by the app.
#include "model/scenario/Scenario.h"
#include "simulator/run/Replications.h"

#include <cstdint>
#include <optional>

namespace flowcast::sim {

/// Overrides of the scenario's run settings; unset members keep the scenario's.
struct RunCounts {
    std::optional<std::uint64_t> executions, seed, replications, threads;
    std::optional<SimTime> horizon;
};

/// The run plan: the overrides first, then the scenario's own horizon / executions (one day when
/// neither says); threads default to the number of cores. Throws model::ScenarioError for a bad
/// horizon in the scenario.
RunPlan makePlan(const model::Scenario& scenario, const RunCounts& counts);

/// The run plan of one point of a workload sweep: the horizon (the override's or the scenario's)
/// shortened so that the point starts about 20,000 executions (at least a day), one replication
/// unless the overrides say otherwise.
RunPlan workloadPointPlan(const model::Scenario& swept, double executionsPerDay, RunCounts counts);

} // namespace flowcast::sim
