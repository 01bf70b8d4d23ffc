#pragma once
// Runs a scenario's replications, each a Simulation with its own seed, on a few threads, and
// merges their Metrics in replication order: the same scenario and seed give byte-identical
// results with one thread or many. Confidence intervals come from the spread between
// replications (Student's t, 95 %).
#include "model/asl/Json.h"
#include "model/scenario/Scenario.h"
#include "simulator/exec/Program.h"
#include "simulator/run/Simulation.h"

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace flowcast::sim {

struct RunPlan {
    std::uint64_t seed = 1;
    int replications = 1;
    int threads = 1;
    std::optional<SimTime> horizon;
    std::optional<std::uint64_t> executions; ///< in all, shared out among the replications
    /// Whose billing rules (rounding, minimums per request or run) the services apply: not
    /// owned, it must outlive the runs; null: the built-in book's. Price with the same book.
    const model::PriceBook* prices = nullptr;
};

class Replications {
public:
    /// Builds every replication (so scenario mistakes throw model::ScenarioError here, before
    /// any thread starts). `trace`, if given, watches replication 0 only.
    Replications(const Program& program, const model::Scenario& scenario, RunPlan plan,
                 Observer* trace = nullptr);

    /// Replication `index`'s seed: the plan's own for a single replication, else a stream
    /// derived from it ("replication/<index>").
    static std::uint64_t seedOf(const RunPlan& plan, int index);
    /// Replication `index`'s limits: the plan's horizon and its share of an executions limit
    /// (the first replications take one more when it does not divide).
    static SimulationLimits limitsOf(const RunPlan& plan, int index);
    ~Replications();

    /// Runs them all; `onProgress(fraction)` is called on this thread about every 100 ms.
    /// Returns false when `stop` cancelled the run (the results then hold what was simulated).
    bool run(const std::atomic<bool>* stop, const std::function<void(double)>& onProgress = {});

    /// The results document (see README "Simulation results").
    model::Json results(bool cancelled) const;
    const Metrics& merged() const { return *m_merged; }
    /// While run() works (from its onProgress, or any thread): the replications' figures so
    /// far, merged in replication order, from the copies they made since the last call (each
    /// call asks for new ones). nullptr until one replication has made a copy.
    std::unique_ptr<Metrics> snapshot() const;
    /// One replication's own figures, in replication order (for spreads such as cost bands).
    std::size_t replicationCount() const { return m_runs.size(); }
    const Metrics& replication(std::size_t index) const { return m_runs.at(index)->metrics(); }
    /// Service names by Probe service id (the same in every replication).
    const std::vector<std::string>& serviceNames() const {
        return m_runs.front()->probe().serviceNames();
    }
    /// Level series names by Probe series id ("source-function/instances").
    const std::vector<std::string>& seriesNames() const {
        return m_runs.front()->probe().seriesNames();
    }

private:
    model::Json confidence() const;

    const Program& m_program;
    const model::Scenario& m_scenario;
    RunPlan m_plan;
    std::vector<std::unique_ptr<Simulation>> m_runs;
    std::unique_ptr<Metrics> m_merged;
};

/// Half-width factor of a two-sided 95 % confidence interval with `df` degrees of freedom.
double studentT95(int df);

} // namespace flowcast::sim
