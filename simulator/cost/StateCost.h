#pragma once
// Which states of the pipeline a month's cost comes from, for the canvas's cost-share heat map:
// each line of a CostReport goes to the states that used it.
// - "state X" lines (Tasks priced from their Resource) go to X.
// - Step Functions Standard transitions go to the states by attempts (visits + retries: AWS
//   bills a transition per state entered, retries included); Express requests and duration by
//   the states' share of the time.
// - A service model's lines go to the states the scenario binds to it ("states": {"X":
//   {"service": ...}}), by their share of the time spent in them (a Glue job bills its run time,
//   a Lambda its duration), or by attempts when no time passed.
// - Anything else (storage, distributed Map children, a service no state names) stays
//   unattributed.
#include "model/scenario/Scenario.h"
#include "simulator/cost/CostReport.h"
#include "simulator/metrics/Metrics.h"

#include <map>
#include <string>

namespace flowcast::cost {

struct CostByState {
    std::map<std::string, double> monthlyUsd; ///< by state name; states with no cost left out
    double unattributedUsd = 0;
    double totalUsd = 0; ///< the report's monthly total
};

CostByState costByState(const CostReport& report, const sim::Metrics& metrics,
                        const model::Scenario& scenario);

} // namespace flowcast::cost
