#pragma once
// Running a comparison: every deployment of a scenario simulated and priced, then, when asked,
// the break-even sweep (every deployment at every daily rate of a grid) and the tornado (each
// input moved down and up). The CLI's `compare` and the app's Compare view both run it; it
// reports progress and stops when asked, on the thread that calls run().
#include "model/pricing/PriceBook.h"
#include "model/scenario/Deployment.h"
#include "model/scenario/Scenario.h"
#include "model/scenario/ScenarioError.h"
#include "simulator/cost/Comparison.h"
#include "simulator/cost/SweepPlacement.h"
#include "simulator/exec/Program.h"
#include "simulator/run/RunPlan.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace flowcast::cost {

/// The daily rates of a break-even sweep: `points` from `from` to `to`, evenly on a log grid or
/// placed by the pilots' cost model (SweepPlacement.h, as `flowcast-cli sweep` places them).
struct SweepRange {
    double from = 0, to = 0;
    int points = 7;
    SweepPlacement placement = SweepPlacement::Even;
};

struct ComparisonOptions {
    sim::RunCounts counts;                ///< seed, replications, threads, horizon overrides
    std::optional<SweepRange> sweep;      ///< run the break-even sweep
    std::optional<double> tornadoPercent; ///< run the tornado at ± this percentage
};

/// Where a comparison is: "deployment 'serverless'", "sweep: always-on EMR at 300 a day",
/// "sensitivity"; the fraction of that step done, and of the whole comparison.
struct ComparisonProgress {
    std::string step;
    double stepFraction = 0;
    double overallFraction = 0;
};

class ComparisonRun {
public:
    /// Checks what can be checked before any simulation (every deployment's scenario, storage
    /// and run plan): throws model::ScenarioError, pointed into the deployment where the value
    /// came from and naming it. `program`, `scenario` and `book` must outlive the run.
    ComparisonRun(const sim::Program& program, const model::Scenario& scenario,
                  const model::PriceBook& book, ComparisonOptions options);

    const std::vector<model::Deployment>& deployments() const { return m_deployments; }

    /// Runs it all; nullopt when `stop` cancelled it. `onProgress` is called on this thread
    /// about every 100 ms while a simulation runs.
    std::optional<Comparison>
    run(const std::atomic<bool>* stop,
        const std::function<void(const ComparisonProgress&)>& onProgress = {});

private:
    bool simulate(sim::Replications& runs, const std::string& step, const std::atomic<bool>* stop);
    bool runSweep(Comparison& comparison, const std::atomic<bool>* stop);
    std::optional<std::vector<double>> sweepGrid(Comparison& comparison,
                                                 const std::atomic<bool>* stop);
    std::optional<Tornado> runTornado(const Comparison& comparison, const std::atomic<bool>* stop);

    const sim::Program& m_program;
    const model::Scenario& m_scenario;
    const model::PriceBook& m_book;
    ComparisonOptions m_options;
    std::vector<model::Deployment> m_deployments;
    std::function<void(const ComparisonProgress&)> m_onProgress;
    std::size_t m_stepsDone = 0, m_stepsTotal = 1;
};

/// A mistake in a deployment's merged scenario, pointed at the deployment when the value came
/// from it, and named after it either way.
model::ScenarioError inDeployment(const model::Scenario& scenario, const model::Deployment& d,
                                  const model::ScenarioError& e);

} // namespace flowcast::cost
