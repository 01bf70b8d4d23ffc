#include "ui/simulate/SimulationRunner.h"

#include "model/pricing/PriceBookError.h"
#include "model/scenario/ScenarioError.h"
#include "simulator/exec/Program.h"
#include "simulator/run/Replications.h"

namespace flowcast::ui {

namespace {

constexpr int kRefreshMs = 250;
// Live figures are merged every few refreshes: a merge copies every replication's histograms.
constexpr int kPollsPerSnapshot = 2;

QString scenarioMessage(const model::ScenarioError& e) {
    const QString where = QString::fromStdString(e.pointer());
    return where.isEmpty() ? QString::fromUtf8(e.what())
                           : where + QStringLiteral(": ") + QString::fromUtf8(e.what());
}

} // namespace

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
    m_stop = false;
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
    m_replications.reset();
    m_comparisonRun.reset();
    m_outcomeDraft = {};
    m_outcome.reset();
    m_request = std::move(request);
    try {
        m_program = std::make_unique<sim::Program>(m_request.definition);
        if (m_request.kind == Kind::Simulate) {
            m_replications = std::make_unique<sim::Replications>(
                *m_program, m_request.scenario,
                sim::makePlan(m_request.scenario, m_request.counts));
            m_outcomeDraft.serviceNames = m_replications->serviceNames();
            m_outcomeDraft.seriesNames = m_replications->seriesNames();
        } else {
            m_book = std::make_unique<model::PriceBook>(model::PriceBook::load(std::nullopt));
            cost::ComparisonOptions options = m_request.compare;
            options.counts = m_request.counts;
            m_comparisonRun = std::make_unique<cost::ComparisonRun>(*m_program, m_request.scenario,
                                                                    *m_book, std::move(options));
        }
    } catch (const model::ScenarioError& e) {
        emit failed(tr("scenario: %1").arg(scenarioMessage(e)));
        return false;
    } catch (const model::PriceBookError& e) {
        emit failed(tr("price book: %1").arg(QString::fromUtf8(e.what())));
        return false;
    } catch (const std::exception& e) {
        emit failed(tr("the state machine cannot run: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }

    m_clock.start();
    m_thread = std::thread([this] {
        try {
            if (m_request.kind == Kind::Simulate) {
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
            m_workerError = scenarioMessage(e).toStdString();
        } catch (const std::exception& e) {
            const std::lock_guard lock(m_mutex);
            m_workerError = e.what();
        }
        m_done = true;
    });
    m_timer.start();
    emit started();
    return true;
}

void SimulationRunner::cancel() {
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
    }
    outcome->comparison = std::move(m_comparison);
    m_comparison.reset();
    m_outcomeDraft.serviceNames = outcome->serviceNames;
    m_outcomeDraft.seriesNames = outcome->seriesNames;
    m_outcome = std::move(outcome);
    m_replications.reset();
    m_comparisonRun.reset();
    m_program.reset();
    m_fraction = m_outcome->completed ? 1.0 : m_fraction;
    const QString error = QString::fromStdString(m_workerError);
    if (!error.isEmpty()) emit failed(error);
    if (m_live) emit liveMetricsChanged();
    emit progressChanged(m_fraction, m_step, -1);
    emit finished(m_outcome->completed);
}

} // namespace flowcast::ui
