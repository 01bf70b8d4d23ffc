#pragma once
// Which states of the pipeline a month's cost comes from, for the canvas's cost-share heat map:
// each line of a CostReport goes to the states that used it.
// - "state X" lines (Tasks priced from their Resource) go to X.
// - Step Functions Standard transitions go to the states by attempts (visits + retries: AWS
//   bills a transition per state entered, retries included); Express requests and duration by
//   the time spent in the states that do the work (a Parallel's or Map's time is its
//   branches', so containers are left out).
// - A service model's lines go to the states the scenario binds to it ("states": {"X":
//   {"service": ...}}): its request lines by attempts, the others (duration, DPU-hours, node
//   hours, bytes) by the time spent in those states, or by attempts when no time passed.
// - Anything else (storage, distributed Map children, a service no state names) stays
//   unattributed.
// Time spent is a visit's entered-to-exited time, retries' back-off and waits included: an
// approximation of what a service bills, good for telling which states cost, not for a bill.
#include "model/scenario/Scenario.h"
#include "simulator/cost/CostReport.h"
#include "simulator/exec/Program.h"
#include "simulator/metrics/Metrics.h"

#include <map>
#include <string>

namespace flowcast::cost {

struct CostByState {
    std::map<std::string, double> monthlyUsd; ///< by state name; states with no cost left out
    double unattributedUsd = 0;
    double totalUsd = 0; ///< the report's monthly total
};

/// `metrics` of a run of `program` (same state indices).
CostByState costByState(const CostReport& report, const sim::Metrics& metrics,
                        const sim::Program& program, const model::Scenario& scenario);

} // namespace flowcast::cost
