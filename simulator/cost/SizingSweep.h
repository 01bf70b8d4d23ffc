#pragma once
// Sizing sweeps, like aws-lambda-power-tuning but simulated: one service's size (a Lambda
// function's memory, a Glue job's workers, a cluster's nodes) set to each value of a grid, and
// the durations of the states it serves scaled by a speed-up model, so that every point is
// simulated and priced like the scenario itself. Pure functions over the scenario's JSON, and
// power-tuning's three ways of choosing a size (cost, speed, balanced).
//
// The speed-up models, and how a scenario overrides them ("sizing", keyed by service name):
//   Lambda: CPU is allocated in proportion to memory, one vCPU at 1,769 MB (AWS Lambda
//   Developer Guide, "Configure Lambda function memory", 2026). A function that keeps `threads`
//   threads busy uses min(memory / 1,769, threads) vCPU; the CPU part of its duration (cpuShare
//   of it at the configured memory) shrinks with that, the rest (waiting on I/O) does not:
//     duration(m) = d × (1 − cpuShare + cpuShare × speed(configured) / speed(m))
//   Defaults: threads 1 (a Python or Node.js handler), cpuShare 1 (CPU-bound): the curve
//   power-tuning users see for CPU-bound functions, faster up to 1,769 MB and flat above.
//   Glue workers, cluster nodes: Amdahl's law over the workers (or the job's slots, which grow
//   with the nodes): duration(n) = d × (1 − parallelShare + parallelShare × configured / n),
//   parallelShare 0.9 by default (an assumption, weak: measure your job at two sizes).
//     "sizing": {"source-function": {"cpuShare": 0.4, "threads": 1, "mbPerVcpu": 1769},
//                "parquet-job": {"parallelShare": 0.95}}
// Cold starts and Glue start-up times are not scaled.
#include "model/asl/Json.h"
#include "model/scenario/Scenario.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowcast::cost {

enum class SweepAxis { RunsPerDay, RecordsPerDay, LambdaMemory, GlueWorkers, ClusterNodes };

/// "runs-per-day", "records-per-day", "lambda-memory", "glue-workers", "cluster-nodes".
std::optional<SweepAxis> sweepAxisFromName(std::string_view name);
std::string sweepAxisName(SweepAxis axis);
/// True for the sizing axes (memory, workers, nodes), false for the workload axes.
bool isSizing(SweepAxis axis);
/// The unit of a point's value: "MB", "workers", "nodes", "executions a day", "records a day".
std::string sweepUnit(SweepAxis axis);
/// The smallest and largest size a service of the axis takes (sizing axes only).
std::pair<double, double> sizeLimits(SweepAxis axis);

struct SizingModel {
    double mbPerVcpu = 1769;    ///< Lambda: memory that buys one vCPU
    double threads = 1;         ///< Lambda: vCPUs the function can keep busy
    double cpuShare = 1;        ///< Lambda: CPU share of the duration at the configured memory
    double parallelShare = 0.9; ///< Glue, clusters: Amdahl's parallel fraction
};

/// The model for `service` (a service of the axis's kind): defaults, overridden by the
/// scenario's "sizing"/<service>. Throws model::ScenarioError at the bad field.
SizingModel sizingModelOf(const model::Scenario& scenario, SweepAxis axis,
                          const std::string& service);

/// The factor a Lambda duration is multiplied by when memory goes from `fromMb` to `toMb`.
double lambdaDurationFactor(const SizingModel& model, double fromMb, double toMb);
/// The factor a parallel job's duration is multiplied by when `from` workers become `to`.
double amdahlDurationFactor(double parallelShare, double from, double to);

/// The service a sizing sweep resizes in `scenario`: `requested` when given, else the only
/// service of the axis's kind. nullopt with `why` set when there is none, when no state runs on
/// it, or when it cannot be sized (an autoscaling cluster); throws std::invalid_argument when
/// several fit and none is named.
std::optional<std::string> sizingTarget(const model::Scenario& scenario, SweepAxis axis,
                                        const std::string& requested, std::string& why);

/// The service's size as configured: memoryMb, workers or nodes (with the services' defaults).
double configuredSize(const model::Scenario& scenario, SweepAxis axis, const std::string& service);

/// The scenario with `service` resized to `size` and the durations of the states it serves
/// scaled by the model (a work model's start-up scaled and its rate divided by the factor).
/// A cluster's slotsPerJob grows with its nodes. Throws model::ScenarioError.
model::Scenario sized(const model::Scenario& scenario, SweepAxis axis, const std::string& service,
                      double size);

/// One size as power-tuning's analyzer sees it: its cost and its average duration.
struct SizingCandidate {
    double costUsd = 0;
    double durationSeconds = 0;
};

enum class SizingStrategy { Cost, Speed, Balanced };
std::string sizingStrategyName(SizingStrategy strategy);

/// The index of the best candidate (power-tuning's analyzer.js): cost, the cheapest, the faster
/// on a tie; speed, the fastest, the cheaper on a tie; balanced, the least
/// weight × cost / max cost + (1 − weight) × duration / max duration (weight 1 is cost, 0 is
/// speed), the first on a tie. nullopt when `candidates` is empty.
std::optional<std::size_t> bestSize(SizingStrategy strategy,
                                    const std::vector<SizingCandidate>& candidates,
                                    double balancedWeight = 0.5);

} // namespace flowcast::cost
