#pragma once
// One replication of a scenario: a Kernel with its own seed, the workload that starts
// executions, the service models they call, and the Metrics that watch it all. Executions share
// one Program and one Kernel; the Simulation owns them while they run and frees each when it
// ends, so memory follows the executions in flight, not the executions simulated.
// Single-threaded; run replications in parallel with one Simulation per thread (Replications).
#include "model/pricing/PriceBook.h"
#include "model/scenario/Scenario.h"
#include "simulator/core/Kernel.h"
#include "simulator/core/Observer.h"
#include "simulator/exec/Execution.h"
#include "simulator/exec/Program.h"
#include "simulator/metrics/Metrics.h"
#include "simulator/services/ServiceRouter.h"
#include "simulator/workload/Workload.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

namespace flowcast::sim {

struct SimulationLimits {
    std::optional<SimTime> horizon;          ///< stop starting and running at this time
    std::optional<std::uint64_t> executions; ///< start at most this many executions
};

class Simulation final : public Component, public TaskListener, private Observer {
public:
    /// Throws model::ScenarioError for mistakes in the scenario's sections. The services and
    /// Express executions are billed per request or run by the rules of `prices` (not owned; it
    /// must outlive the Simulation), the built-in book's when null; model::PriceBookError when
    /// it lacks a price they need.
    Simulation(const Program& program, const model::Scenario& scenario, std::uint64_t seed,
               SimulationLimits limits, const model::PriceBook* prices = nullptr);
    ~Simulation() override;

    /// Adds an observer (not owned) before run(), e.g. a trace writer.
    void subscribe(Observer& observer) { m_probe.subscribe(observer); }
    /// Runs to the horizon, or until the last execution has ended. `stop` cancels: the partial
    /// results stay valid. Returns false when stopped.
    bool run(const std::atomic<bool>* stop = nullptr);

    const Metrics& metrics() const { return m_metrics; }
    Metrics& metrics() { return m_metrics; }
    const Probe& probe() const { return m_probe; }
    SimTime endTime() const { return m_end; }
    /// Readable from other threads while run() works: progress in [0, 1].
    double progress() const { return m_progress.load(std::memory_order_relaxed); }
    std::uint64_t executionsStarted() const { return m_started; }

    /// Live figures while run() works on another thread: asks for a copy of the metrics so far,
    /// which run() makes at the end of its current slice (and always once it has finished).
    void requestSnapshot() { m_snapshotWanted.store(true, std::memory_order_relaxed); }
    /// The latest copy, finished at the virtual time it was taken (usage a service bills when
    /// the run ends, such as a cluster's idle time, is not in it until then); nullptr before
    /// the first. Safe from any thread.
    std::shared_ptr<const Metrics> snapshot() const;

    void handle(const Event& event) override;
    void taskFinished(const TaskTicket& ticket, TaskOutcome outcome) override;

private:
    static constexpr std::uint32_t kArrival = 1000; // above the Execution's own event kinds

    unsigned reports() const override { return kExecutionEnded; }
    void executionEnded(const ExecutionEnded& record) override;
    void scheduleArrival();
    void startArrival();
    void reap();
    void updateProgress();
    void publishSnapshot(bool final);

    const Program& m_program;
    const model::Scenario& m_scenario;
    SimulationLimits m_limits;
    const model::RequestRules& m_expressBilling;
    Kernel m_kernel;
    Probe m_probe;
    Metrics m_metrics;
    std::unique_ptr<ServiceRouter> m_router;
    std::unique_ptr<Workload> m_workload;
    RandomStream& m_workloadRandom;
    RandomStream& m_intrinsics;
    RandomStream& m_jitter;
    std::uint32_t m_target = 0;
    std::optional<Arrival> m_next;
    std::uint64_t m_started = 0;
    std::unordered_map<std::uint64_t, std::unique_ptr<Execution>> m_live;
    std::vector<std::uint64_t> m_finished;
    SimTime m_end;
    std::atomic<double> m_progress{0};
    std::atomic<bool> m_snapshotWanted{false};
    mutable std::mutex m_snapshotMutex;
    std::shared_ptr<const Metrics> m_snapshot;
};

} // namespace flowcast::sim
