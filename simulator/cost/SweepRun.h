#pragma once
// Running a sweep, point by point: each deployment of a scenario simulated and priced at every
// value of a grid, a workload rate (runs or records a day) or a size (Lambda memory, Glue
// workers, cluster nodes). What `flowcast-cli sweep` and the app's Compare mode share; the
// command line adds its options, shards and output, the app a thread and a progress bar.
#include "model/pricing/PriceBook.h"
#include "model/scenario/Deployment.h"
#include "simulator/cost/SizingSweep.h"
#include "simulator/cost/SweepPlacement.h"
#include "simulator/cost/SweepResult.h"
#include "simulator/exec/Program.h"
#include "simulator/run/RunPlan.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace flowcast::cost {

/// A sweep's grid from text: a list ("128,512,2048") or FROM:TO[:N], N points (default 7) on
/// a log scale; sizes rounded to whole units and kept within the axis's limits; 2 to 1000
/// increasing points. Empty text means power-tuning's memories for lambda-memory. nullopt,
/// with what is wrong in `error` ("needs positive numbers, got 'x'"), otherwise.
std::optional<std::vector<double>> parseSweepPoints(std::string text, SweepAxis axis,
                                                    std::string& error);

/// A deployment a sweep covers, and for a sizing sweep the service it resizes.
struct SweepTarget {
    const model::Deployment* deployment = nullptr;
    std::string service;
};

/// The deployments of `deployments` a sweep over spec.axis covers (only `onlyDeployment` when
/// not empty), filling spec.deployments and, with the reason, spec.excluded. `service` names
/// the service to resize when a deployment has several of the axis's kind. Throws
/// std::invalid_argument when several fit and none is named, model::ScenarioError for a bad
/// "sizing" section.
std::vector<SweepTarget> sweepTargets(const std::vector<model::Deployment>& deployments,
                                      const std::string& onlyDeployment, const std::string& service,
                                      SweepSpec& spec);

/// Executions a day of a workload point whose value is in the axis's unit (a stream's record
/// rate as it is). Throws model::ScenarioError when the scenario cannot be swept that way.
double executionsPerDay(const model::Scenario& scenario, SweepAxis axis, double value);

/// What every point of a sweep shares. The referenced objects outlive the sweep.
struct SweepPointContext {
    SweepAxis axis = SweepAxis::RunsPerDay;
    std::optional<double> rate; ///< a sizing sweep at this workload rate a day
    const sim::Program* program = nullptr;
    const model::PriceBook* book = nullptr;
    sim::RunCounts counts;
    const std::atomic<bool>* stop = nullptr; ///< cancels between and inside points
    /// Called before each point is simulated, with its deployment and value.
    std::function<void(const std::string& deployment, double value)> onPoint;
    /// Called while a point is simulated: the fraction of that point done.
    std::function<void(double)> onPointProgress;
};

/// One point's scenario (resized or re-rated) and run plan, before it is simulated.
struct SweepPointSetup {
    model::Scenario scenario;
    sim::RunPlan plan;
    double executionsPerDay = 0; ///< a workload point's (or --rate's); 0 for a sizing point
};
/// Throws model::ScenarioError.
SweepPointSetup sweepPointSetup(const SweepTarget& target, double value,
                                const SweepPointContext& context);

/// One deployment at one value: its scenario resized or re-rated, simulated and priced;
/// nullopt when cancelled. Throws model::ScenarioError.
std::optional<SweepFigures> evaluateSweepPoint(const SweepTarget& target, double value,
                                               const SweepPointContext& context);

/// The cheap model adaptive placement evaluates (SweepPlacement.h), for a workload sweep: each
/// target simulated at `from` and at `to` with about 2,000 executions (at least a day, one
/// replication); each of its usage lines fitted as fixed + slope × rate through the two and
/// priced by the cost engine at any rate, so free tiers, tiers and fixed cluster hours shape the
/// curve; a Lambda function's billed duration (INIT included) follows instead the warm-pool
/// chain's cold-start share at each rate where the pilots' theory check applies it, scaled to
/// the pilots' usage; and where a service queues (Erlang C in the pilot's theory check,
/// TheoryCheck.h) the deployment stops keeping up at the rate where the offered load reaches its
/// servers. A deployment failing more than 1 % of its executions at both ends keeps up nowhere. The
/// curves depend on the inputs alone (the pilots run under the sweep's seed). nullopt when
/// cancelled; throws model::ScenarioError naming the deployment.
std::optional<CostCurves> pilotCostCurves(const std::vector<SweepTarget>& targets, double from,
                                          double to, const SweepPointContext& context);

/// The rows of `result.spec.grid` (only the shard's points when given), every target at each,
/// appended to result.rows in grid order; false when cancelled. Throws model::ScenarioError
/// naming the deployment.
bool computeSweepRows(const std::vector<SweepTarget>& targets, const std::optional<Shard>& shard,
                      const SweepPointContext& context, SweepResult& result);

} // namespace flowcast::cost
