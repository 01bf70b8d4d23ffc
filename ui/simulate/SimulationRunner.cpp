#include "ui/simulate/SimulationRunner.h"

#include "model/pricing/PriceBookError.h"
#include "model/pricing/PriceFormat.h"
#include "model/scenario/ScenarioError.h"
#include "simulator/cost/CostEngine.h"
#include "simulator/cost/SimulatedUsage.h"
#include "simulator/cost/SweepRun.h"
#include "simulator/exec/Program.h"
#include "simulator/run/Replications.h"
#include "simulator/workload/DurationText.h"
#include "ui/session/DefinitionSession.h"
#include "ui/simulate/ScenarioSource.h"

namespace flowcast::ui {

namespace {

constexpr int kRefreshMs = 250;
// Live figures are merged every few refreshes: a merge copies every replication's histograms.
constexpr int kPollsPerSnapshot = 2;

// Scenario pointers name their place in the project, where the app keeps the scenario.
QString scenarioMessage(const model::ScenarioError& e) {
    const QString where = QString::fromStdString(e.pointer());
    return where.isEmpty() ? QString::fromUtf8(e.what())
                           : QStringLiteral("/scenario") + where + QStringLiteral(": ") +
                                 QString::fromUtf8(e.what());
}

} // namespace

std::optional<SimulationRunner::Request>
SimulationRunner::requestFor(const DefinitionSession& session, Kind kind, const QString& horizon,
                             QString& why, const model::Scenario* scenario) {
    if (!session.hasDocument()) {
        why = tr("Open a state machine first.");
        return std::nullopt;
    }
    ProjectScenario found = scenario ? ProjectScenario{*scenario, {}} : scenarioOf(session);
    if (!found.scenario) {
        why = found.error;
        return std::nullopt;
    }
    if (const int errors = session.errorCount(); errors > 0) {
        why = tr("The definition has %n error(s): fix them first.", "", errors);
        return std::nullopt;
    }
    Request request;
    request.kind = kind;
    request.definition = session.document().definition();
    request.scenario = std::move(*found.scenario);
    if (!horizon.trimmed().isEmpty()) {
        try {
            request.counts.horizon = sim::parseDuration(horizon.trimmed().toStdString());
        } catch (const std::exception& e) {
            why = tr("Horizon: %1").arg(QString::fromUtf8(e.what()));
            return std::nullopt;
        }
    }
    return request;
}

SimulationRunner::SimulationRunner(QObject* parent) : QObject(parent) {
    m_timer.setInterval(kRefreshMs);
    connect(&m_timer, &QTimer::timeout, this, &SimulationRunner::poll);
}

SimulationRunner::~SimulationRunner() {
    if (m_thread.joinable()) {
        m_stop = true;
        m_thread.join();
    }
}

double SimulationRunner::etaSeconds() const {
    if (!isRunning() || m_fraction < 0.02) return -1;
    const double elapsed = static_cast<double>(m_clock.elapsed()) / 1000.0;
    return elapsed * (1 - m_fraction) / m_fraction;
}

bool SimulationRunner::start(Request request) {
    if (isRunning()) {
        emit failed(tr("a run is going: cancel it first"));
        return false;
    }
    // Everything is built before anything is replaced: a run that cannot start leaves the last
    // outcome as it was.
    auto held = std::make_unique<Request>(std::move(request));
    Built built;
    if (!build(*held, built)) return false;
    adopt(std::move(held), std::move(built));
    m_clock.start();
    m_thread = std::thread([this] { work(); });
    m_timer.start();
    emit started();
    return true;
}

bool SimulationRunner::build(const Request& request, Built& built) {
    try {
        built.program = std::make_unique<sim::Program>(request.definition);
        if (request.kind == Kind::Simulate) {
            built.replications = std::make_unique<sim::Replications>(
                *built.program, request.scenario, sim::makePlan(request.scenario, request.counts));
            return true;
        }
        built.book = std::make_unique<model::PriceBook>(model::PriceBook::load(std::nullopt));
        if (request.kind == Kind::Sizing) {
            try {
                prepareSizing(request, *built.book, built);
            } catch (const std::invalid_argument& e) {
                emit failed(tr("sizing: %1").arg(QString::fromUtf8(e.what())));
                return false;
            }
            return true;
        }
        cost::ComparisonOptions options = request.compare;
        options.counts = request.counts;
        built.comparisonRun = std::make_unique<cost::ComparisonRun>(
            *built.program, request.scenario, *built.book, std::move(options));
        return true;
    } catch (const model::ScenarioError& e) {
        emit failed(tr("scenario: %1").arg(scenarioMessage(e)));
    } catch (const model::PriceBookError& e) {
        emit failed(tr("price book: %1").arg(QString::fromUtf8(e.what())));
    } catch (const std::exception& e) {
        emit failed(tr("the state machine cannot run: %1").arg(QString::fromUtf8(e.what())));
    }
    return false;
}

void SimulationRunner::adopt(std::unique_ptr<Request> request, Built built) {
    m_replications.reset();
    m_comparisonRun.reset();
    m_request = std::move(request);
    m_program = std::move(built.program);
    m_replications = std::move(built.replications);
    m_book = std::move(built.book);
    m_comparisonRun = std::move(built.comparisonRun);
    m_deployments = std::move(built.deployments); // the targets keep pointing at the elements
    m_targets = std::move(built.targets);
    m_sweep = std::move(built.sweep);
    m_stop = false;
    m_cancelled = false;
    m_done = false;
    m_workerFraction = 0;
    m_workerStep.clear();
    m_workerError.clear();
    m_fraction = 0;
    m_step.clear();
    m_polls = 0;
    m_live.reset();
    m_comparison.reset();
    m_completed = false;
    m_outcomeDraft = {};
    m_outcome.reset();
    if (m_replications) {
        m_outcomeDraft.serviceNames = m_replications->serviceNames();
        m_outcomeDraft.seriesNames = m_replications->seriesNames();
    }
}

// The worker thread: the run, its progress under the mutex, its mistakes kept for finish().
void SimulationRunner::work() {
    try {
        if (m_request->kind == Kind::Sizing) {
            m_completed = runSizing();
        } else if (m_request->kind == Kind::Simulate) {
            m_completed = m_replications->run(&m_stop, [this](double fraction) {
                const std::lock_guard lock(m_mutex);
                m_workerFraction = fraction;
            });
        } else {
            m_comparison = m_comparisonRun->run(&m_stop, [this](const auto& p) {
                const std::lock_guard lock(m_mutex);
                m_workerFraction = p.overallFraction;
                m_workerStep = p.step;
            });
            m_completed = m_comparison.has_value();
        }
    } catch (const model::ScenarioError& e) {
        const std::lock_guard lock(m_mutex);
        m_workerError = tr("scenario: %1").arg(scenarioMessage(e)).toStdString();
    } catch (const std::exception& e) {
        const std::lock_guard lock(m_mutex);
        m_workerError = e.what();
    }
    m_done = true;
}

void SimulationRunner::clearOutcome() {
    if (isRunning()) return;
    m_outcome.reset();
    m_live.reset();
}

void SimulationRunner::cancel() {
    if (!isRunning()) return;
    m_cancelled = true;
    m_stop = true;
}

void SimulationRunner::poll() {
    {
        const std::lock_guard lock(m_mutex);
        m_fraction = m_workerFraction;
        m_step = QString::fromStdString(m_workerStep);
    }
    if (m_done) {
        finish();
        return;
    }
    emit progressChanged(m_fraction, m_step, etaSeconds());
    if (m_replications && ++m_polls % kPollsPerSnapshot == 0) {
        try {
            if (std::unique_ptr<sim::Metrics> merged = m_replications->snapshot()) {
                m_live = std::move(merged);
                emit liveMetricsChanged();
            }
        } catch (const std::exception&) {
            // A copy that cannot merge yet (a replication mid-way): the next poll tries again.
        }
    }
}

void SimulationRunner::finish() {
    m_timer.stop();
    m_thread.join();
    auto outcome = std::make_unique<SimulationOutcome>(std::move(m_outcomeDraft));
    m_outcomeDraft = {};
    outcome->completed = m_completed && m_workerError.empty();
    outcome->wallSeconds = static_cast<double>(m_clock.elapsed()) / 1000.0;
    if (m_workerError.empty() && m_replications) {
        outcome->results = m_replications->results(!m_completed);
        outcome->metrics = std::make_shared<const sim::Metrics>(m_replications->merged());
        for (std::size_t i = 0; i < m_replications->replicationCount(); ++i)
            outcome->replications.push_back(
                std::make_shared<const sim::Metrics>(m_replications->replication(i)));
        m_live = outcome->metrics;
        priceOutcome(*outcome);
    }
    outcome->comparison = std::move(m_comparison);
    m_comparison.reset();
    outcome->sweep = std::move(m_sweep);
    m_sweep.reset();
    m_outcomeDraft.serviceNames = outcome->serviceNames;
    m_outcomeDraft.seriesNames = outcome->seriesNames;
    m_outcome = std::move(outcome);
    m_replications.reset();
    m_comparisonRun.reset();
    m_program.reset();
    m_fraction = m_outcome->completed ? 1.0 : m_fraction;
    m_outcome->cancelled = m_cancelled;
    m_outcome->error = QString::fromStdString(m_workerError);
    if (m_live) emit liveMetricsChanged();
    emit progressChanged(m_fraction, m_step, -1);
    emit finished(m_outcome->completed);
}

void SimulationRunner::prepareSizing(const Request& request, const model::PriceBook& book,
                                     Built& built) {
    if (!cost::isSizing(request.sizing.axis) || request.sizing.grid.size() < 2)
        throw std::invalid_argument("a sizing sweep needs a sizing axis and two sizes or more");
    cost::SweepResult sweep;
    sweep.spec.axis = request.sizing.axis;
    sweep.spec.grid = request.sizing.grid;
    sweep.spec.scenario = request.scenario.name;
    sweep.spec.priceBookRegion = book.region();
    sweep.spec.priceBookAsOf = book.asOf();
    sweep.spec.seed = sim::makePlan(request.scenario, request.counts).seed;
    built.deployments = model::deploymentsOf(request.scenario);
    built.targets = cost::sweepTargets(built.deployments, "", request.sizing.service, sweep.spec);
    if (sweep.spec.deployments.empty()) {
        std::string why = "no deployment can be sized in " + cost::sweepUnit(request.sizing.axis);
        for (const auto& [name, reason] : sweep.spec.excluded)
            why += "; " + name + ": " + reason;
        throw std::invalid_argument(why);
    }
    built.sweep = std::move(sweep);
}

bool SimulationRunner::runSizing() {
    cost::SweepResult& sweep = *m_sweep;
    const double total = static_cast<double>(m_targets.size() * sweep.spec.grid.size());
    double done = 0;
    cost::SweepPointContext context;
    context.axis = sweep.spec.axis;
    context.program = m_program.get();
    context.book = m_book.get();
    context.counts = m_request->counts;
    context.stop = &m_stop;
    context.onPoint = [&](const std::string& deployment, double value) {
        const std::lock_guard lock(m_mutex);
        m_workerStep = deployment + " at " + model::formatQuantity(value) + " " +
                       cost::sweepUnit(sweep.spec.axis);
        m_workerFraction = done / total;
        ++done;
    };
    context.onPointProgress = [&](double fraction) {
        const std::lock_guard lock(m_mutex);
        m_workerFraction = (done - 1 + fraction) / total;
    };
    return cost::computeSweepRows(m_targets, std::nullopt, context, sweep);
}

void SimulationRunner::priceOutcome(SimulationOutcome& outcome) const {
    try {
        const model::PriceBook book = model::PriceBook::load(std::nullopt);
        const cost::MonthlyUsage usage = cost::monthlyUsage(*outcome.metrics, outcome.serviceNames,
                                                            *m_program, m_request->scenario, book);
        outcome.cost =
            cost::priceUsage(usage.lines, book, cost::CostBasis{usage.executions, usage.records});
        outcome.costByState =
            cost::costByState(*outcome.cost, *outcome.metrics, *m_program, m_request->scenario);
    } catch (const std::exception& e) {
        // Nothing simulated yet (cancelled at once), or a price the book lacks: the figures
        // stand without a cost.
        outcome.costProblem = QString::fromUtf8(e.what());
    }
}

} // namespace flowcast::ui
