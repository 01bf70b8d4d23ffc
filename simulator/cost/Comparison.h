#pragma once
// Deployments of one pipeline side by side: what each costs a month (with the spread between
// replications), per execution and per million records, how fast and how reliably it ran, how
// much of its cluster time sat idle, and a one-line recommendation that says why. Built from
// simulation results and the price book; plain data, Qt-free (the CLI and the app share it).
#include "model/asl/Json.h"
#include "model/pricing/PriceBook.h"
#include "model/scenario/Scenario.h"
#include "simulator/cost/BreakEven.h"
#include "simulator/cost/CostReport.h"
#include "simulator/cost/Sensitivity.h"
#include "simulator/cost/SimulatedUsage.h"
#include "simulator/cost/SweepPlacement.h"
#include "simulator/cost/TheoryCheck.h"
#include "simulator/run/Replications.h"

#include <optional>
#include <string>
#include <vector>

namespace flowcast::cost {

struct DeploymentResult {
    std::string name;
    std::string description;
    MonthlyUsage usage;
    CostReport cost; ///< of the replications merged
    std::vector<double> replicationMonthlyUsd;
    double p5MonthlyUsd = 0; ///< 5th and 95th percentiles over the replications
    double p95MonthlyUsd = 0;
    double latencyP50Seconds = 0, latencyP95Seconds = 0, latencyP99Seconds = 0;
    std::uint64_t started = 0, ended = 0, succeeded = 0;
    std::optional<double> slaSeconds;
    /// Ended executions (of every replication) slower than slaSeconds, failed ones included;
    /// the bucket holding slaSeconds itself (0.78 % wide) is not counted.
    std::uint64_t slaMisses = 0;
    double slaMissRate() const {
        return ended ? static_cast<double>(slaMisses) / static_cast<double>(ended) : 0;
    }
    double idleUsd = 0; ///< the idle share of the cluster lines
    TheoryCheck theory; ///< simulation vs theory, per service (filled by ComparisonRun)

    double failureRate() const {
        return ended ? static_cast<double>(ended - succeeded) / static_cast<double>(ended) : 0;
    }
};

/// Prices one deployment's finished replications.
DeploymentResult evaluate(std::string name, std::string description, const sim::Replications& runs,
                          const sim::Program& program, const model::Scenario& scenario,
                          const model::PriceBook& book,
                          std::optional<double> slaSeconds = std::nullopt);

/// The q-quantile (0..1) of values by linear interpolation; 0 when empty.
double percentile(std::vector<double> values, double q);

/// One sentence: the cheapest deployment, by how much, and what it gives up (latency, failures)
/// against the others.
std::string recommend(const std::vector<DeploymentResult>& results);

/// One row of the side-by-side table: a label and one cell per deployment.
struct ComparisonRow {
    std::string label;
    std::vector<std::string> cells;
};

struct Comparison {
    std::string scenario;
    std::uint64_t seed = 0;
    std::string priceBookRegion, priceBookAsOf;
    std::vector<DeploymentResult> deployments;
    std::string recommendation;
    // The break-even sweep, when one was run.
    std::vector<SweepPoint> sweep;
    bool sweepRecords = false; ///< the sweep's rate is records per day, else executions per day
    std::vector<Crossing> crossings;
    /// How the sweep's rates were placed; adaptive: the crossings its pilots' model predicted.
    SweepPlacement sweepPlacement = SweepPlacement::Even;
    std::vector<Crossing> predictedCrossings;
    std::optional<Tornado> tornado; ///< the sensitivity analysis, when one was run

    /// "always-on EMR becomes cheaper than serverless above ≈ 412 executions a day".
    std::string crossingText(const Crossing& crossing) const;
    /// A simulated crossing's text, with the model's prediction of it when the points were
    /// placed adaptively: "... above ≈ 80.68 executions a day (predicted ≈ 75.2)".
    std::string crossingWithPrediction(const Crossing& crossing) const;
    /// The model's crossings the simulated sweep did not find, as crossingText words them.
    std::vector<std::string> unmatchedPredictions() const;
    /// The sweep as CSV: one row per rate, a cost and a failure-rate column per deployment.
    std::string sweepCsv() const;

    model::Json toJson() const;
    /// One row per deployment: name, monthly USD (P5, P95), per execution, per million
    /// records, latency P50/P95/P99, failure rate, SLA misses, idle share and idle USD.
    std::string toCsv() const;
    /// The side-by-side table's rows (monthly cost and its P5-P95 band, per execution, per
    /// million records, latency P50/P95/P99, failures, SLA misses when set, cluster idle).
    std::vector<ComparisonRow> tableRows() const;
    /// The side-by-side table for a terminal.
    std::string toText() const;
};

} // namespace flowcast::cost
