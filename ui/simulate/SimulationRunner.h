#pragma once
// Runs a simulation or a cost comparison off the GUI thread. The window stays responsive: the
// run works on its own thread (and the replications on theirs), and a timer on the GUI thread
// reads its progress, an ETA and, for a simulation, live metrics that the views plot in bulk.
// Cancel stops it at the next slice of virtual time; the partial results stay readable.
#include "model/asl/Json.h"
#include "model/pricing/PriceBook.h"
#include "model/scenario/Scenario.h"
#include "simulator/cost/Comparison.h"
#include "simulator/cost/ComparisonRun.h"
#include "simulator/cost/CostByState.h"
#include "simulator/cost/SizingSweep.h"
#include "simulator/cost/SweepResult.h"
#include "simulator/cost/SweepRun.h"
#include "simulator/metrics/Metrics.h"
#include "simulator/run/RunPlan.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace flowcast::sim {
class Program;
class Replications;
} // namespace flowcast::sim

namespace flowcast::ui {

class DefinitionSession;

/// What a finished (or cancelled) run leaves.
struct SimulationOutcome {
    bool completed = false;
    model::Json
        results; ///< the simulate results document (Replications::results); null for a comparison
    std::shared_ptr<const sim::Metrics> metrics;                   ///< merged over the replications
    std::vector<std::shared_ptr<const sim::Metrics>> replications; ///< each one's own
    std::vector<std::string> serviceNames, seriesNames;
    std::optional<cost::Comparison> comparison;
    std::optional<cost::SweepResult> sweep; ///< a sizing sweep's points, done ones when cancelled
    /// A simulation's month as modelled, priced with the default price book, and where it goes
    /// by state; empty, with the reason in costProblem, when it cannot be priced.
    std::optional<cost::CostReport> cost;
    std::optional<cost::CostByState> costByState;
    QString costProblem;
    double wallSeconds = 0;
    bool cancelled = false; ///< stopped by cancel()
    QString error;          ///< what stopped it otherwise (a scenario mistake found while running)
};

class SimulationRunner : public QObject {
    Q_OBJECT
public:
    enum class Kind { Simulate, Compare, Sizing };

    /// A sizing sweep: every deployment that has a service of the axis's kind, resized to each
    /// value of the grid, simulated and priced.
    struct SizingRequest {
        cost::SweepAxis axis = cost::SweepAxis::LambdaMemory;
        std::vector<double> grid;
        std::string service; ///< the one to resize when a deployment has several; "" otherwise
    };

    struct Request {
        Kind kind = Kind::Simulate;
        model::Json definition; ///< the state machine to run (the editor's, not the file's)
        model::Scenario scenario;
        sim::RunCounts counts; ///< overrides of the scenario's seed, horizon, replications
        cost::ComparisonOptions compare; ///< Compare: sweep and tornado (counts come from above)
        SizingRequest sizing;
    };

    /// The request for the session's state machine and project scenario (or `scenario`, when
    /// given: one read from its own file), with `horizon` (a duration text; empty: the
    /// scenario's) over the scenario's. Nullopt, with the reason in `why`, when there is nothing
    /// to run: no document, no scenario, errors in the definition, a bad horizon.
    static std::optional<Request> requestFor(const DefinitionSession& session, Kind kind,
                                             const QString& horizon, QString& why,
                                             const model::Scenario* scenario = nullptr);

    explicit SimulationRunner(QObject* parent = nullptr);
    ~SimulationRunner() override;

    /// Starts `request`: false (and failed()) when it cannot start: another run is going, the
    /// definition does not compile, or the scenario has a mistake (the message names its JSON
    /// Pointer).
    bool start(Request request);
    /// Asks the run to stop; finished(false) follows.
    void cancel();
    /// Forgets the last outcome and live figures (another file was opened); not while running.
    void clearOutcome();
    bool isRunning() const { return m_thread.joinable(); }

    double progress() const { return m_fraction; }
    QString step() const { return m_step; }
    /// Seconds left at the current pace; negative when not known yet.
    double etaSeconds() const;
    /// The latest live figures of a simulation (merged over its replications); null before
    /// the first and for a comparison.
    std::shared_ptr<const sim::Metrics> liveMetrics() const { return m_live; }
    const std::vector<std::string>& serviceNames() const { return m_outcomeDraft.serviceNames; }
    const std::vector<std::string>& seriesNames() const { return m_outcomeDraft.seriesNames; }
    /// The last run's outcome; null while running and before the first run.
    const SimulationOutcome* outcome() const { return m_outcome.get(); }

    /// How often progress and live figures are read (ms); tests shorten it.
    void setRefreshInterval(int ms) { m_timer.setInterval(ms); }

signals:
    void started();
    void progressChanged(double fraction, const QString& step, double etaSeconds);
    /// New live figures are in liveMetrics().
    void liveMetricsChanged();
    void finished(bool completed);
    void failed(const QString& message);

private slots:
    void poll();

private:
    /// What a run needs, built before anything of the last run is replaced.
    struct Built {
        std::unique_ptr<sim::Program> program;
        std::unique_ptr<sim::Replications> replications;
        std::unique_ptr<model::PriceBook> book;
        std::unique_ptr<cost::ComparisonRun> comparisonRun;
        std::vector<model::Deployment> deployments; ///< Sizing: what `targets` point into
        std::vector<cost::SweepTarget> targets;
        std::optional<cost::SweepResult> sweep; ///< Sizing: its spec; the rows come as it runs
    };
    /// False, after failed(), when the request cannot run.
    bool build(const Request& request, Built& built);
    /// Makes `request` and `built` the current run and resets the live figures.
    void adopt(std::unique_ptr<Request> request, Built built);
    void work();
    void finish();
    /// Prices a finished simulation into `outcome` (cost, costByState or costProblem).
    void priceOutcome(SimulationOutcome& outcome) const;
    /// Prepares a sizing sweep into `built` (deployments, targets, the sweep's spec); throws
    /// model::ScenarioError or std::invalid_argument when it cannot run.
    static void prepareSizing(const Request& request, const model::PriceBook& book, Built& built);
    /// The worker's part of a sizing sweep; false when cancelled.
    bool runSizing();

    QTimer m_timer;
    QElapsedTimer m_clock;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    bool m_cancelled = false;
    std::atomic<bool> m_done{false};
    // Written by the worker, read by poll() on the GUI thread.
    mutable std::mutex m_mutex;
    double m_workerFraction = 0;
    std::string m_workerStep;
    std::string m_workerError;

    std::unique_ptr<Request> m_request; ///< what the running objects point into
    std::unique_ptr<sim::Program> m_program;
    std::unique_ptr<sim::Replications> m_replications;
    std::unique_ptr<cost::ComparisonRun> m_comparisonRun;
    std::unique_ptr<model::PriceBook> m_book;
    std::optional<cost::Comparison> m_comparison;
    std::vector<model::Deployment> m_deployments; ///< Sizing: what m_targets point into
    std::vector<cost::SweepTarget> m_targets;
    std::optional<cost::SweepResult> m_sweep;
    bool m_completed = false;

    double m_fraction = 0;
    QString m_step;
    int m_polls = 0;
    std::shared_ptr<const sim::Metrics> m_live;
    SimulationOutcome m_outcomeDraft;
    std::unique_ptr<SimulationOutcome> m_outcome;
};

} // namespace flowcast::ui
