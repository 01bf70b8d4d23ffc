#pragma once
// What a simulated pipeline uses in a month, as usage lines of the price book:
// - Step Functions: Standard state transitions (retries included), or Express requests and
//   GB-hours;
// - each service model's usage: Lambda requests and billed GB-seconds (INIT included), Glue and
//   crawler DPU-hours, Athena terabytes scanned, cluster node-hours as EC2 + EMR instance-hours,
//   EMR Serverless vCPU-, GB- and storage-GB-hours;
// - the Tasks no service model stands behind, from their Resource: DynamoDB writes and reads,
//   SNS publishes, SQS requests, SageMaker batch-transform instance-hours, Lambda at 128 MB.
// Every figure is the mean of the replications scaled from their simulated time to a month of
// 730 hours (the AWS Pricing Calculator's month). Per-request rounding and minimums were applied
// by the simulation, run by run, with the rules of the price book; the formulas say which.
#include "model/pricing/PriceBook.h"
#include "model/scenario/Scenario.h"
#include "simulator/cost/UsageLine.h"
#include "simulator/exec/Program.h"
#include "simulator/metrics/Metrics.h"

#include <optional>
#include <string>
#include <vector>

namespace flowcast::cost {

inline constexpr double kSecondsPerMonth = 730.0 * 3600.0;

struct MonthlyUsage {
    std::vector<UsageLine> lines;
    double executions = 0; ///< started per month
    /// Carried by those executions, when the workload says (a stream, recordsPerExecution).
    std::optional<double> records;
    double scale = 0; ///< month / simulated time of one replication
    /// Idle share of the clusters' node time (idle / (busy + idle)); nullopt without clusters.
    std::optional<double> clusterIdleShare;
    /// Tasks that use something the engine cannot price, each with the reason.
    std::vector<std::string> unpriced;
};

/// `serviceNames` by Probe service id; `book` is the one whose billing rules the simulation
/// applied (RunPlan::prices), for the memory step and the formulas. Throws model::ScenarioError
/// for a service section the simulator would refuse, std::invalid_argument when nothing was
/// simulated, model::PriceBookError when `book` lacks a price a formula names.
MonthlyUsage monthlyUsage(const sim::Metrics& metrics, const std::vector<std::string>& serviceNames,
                          const sim::Program& program, const model::Scenario& scenario,
                          const model::PriceBook& book);

} // namespace flowcast::cost
