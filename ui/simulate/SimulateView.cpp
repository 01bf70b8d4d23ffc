#include "ui/simulate/SimulateView.h"

#include "simulator/workload/DurationText.h"
#include "ui/plots/LatencyPlot.h"
#include "ui/plots/LevelsPlot.h"
#include "ui/plots/RatesPlot.h"
#include "ui/plots/SignalsPlot.h"
#include "ui/plots/StateLatencyPlot.h"
#include "ui/plots/ThroughputPlot.h"
#include "ui/session/DefinitionSession.h"
#include "ui/simulate/ScenarioSource.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include <cmath>

namespace flowcast::ui {

QString humanDuration(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0) return QStringLiteral("–");
    if (seconds < 1) return QStringLiteral("%1 ms").arg(std::lround(seconds * 1000));
    if (seconds < 60) return QStringLiteral("%1 s").arg(seconds, 0, 'f', seconds < 10 ? 1 : 0);
    const long long whole = std::llround(seconds);
    if (whole < 3600)
        return QStringLiteral("%1 min %2 s").arg(whole / 60).arg(whole % 60, 2, 10, QChar('0'));
    if (whole < 86400)
        return QStringLiteral("%1 h %2 min")
            .arg(whole / 3600)
            .arg((whole % 3600) / 60, 2, 10, QChar('0'));
    const long long hours = (whole % 86400) / 3600;
    return hours == 0 ? QStringLiteral("%1 d").arg(whole / 86400)
                      : QStringLiteral("%1 d %2 h").arg(whole / 86400).arg(hours);
}

SimulateView::SimulateView(DefinitionSession& session, QWidget* parent)
    : QWidget(parent), m_session(session) {
    m_scenario = new QLabel(this);
    m_scenario->setWordWrap(true);
    m_horizon = new QLineEdit(this);
    m_horizon->setObjectName(QStringLiteral("horizon"));
    m_horizon->setPlaceholderText(tr("scenario's"));
    m_horizon->setToolTip(tr("Virtual time to simulate: 90s, 30m, 12h, 30d. Empty: the "
                             "scenario's horizon."));
    m_horizon->setMaximumWidth(110);
    m_replications = new QSpinBox(this);
    m_replications->setObjectName(QStringLiteral("replications"));
    m_replications->setRange(0, 1000);
    m_replications->setSpecialValueText(tr("scenario's"));
    m_replications->setToolTip(tr("Independent replications, for 95 % confidence intervals"));
    m_seed = new QSpinBox(this);
    m_seed->setObjectName(QStringLiteral("seed"));
    m_seed->setRange(0, 2147483647);
    m_seed->setSpecialValueText(tr("scenario's"));
    m_seed->setToolTip(tr("Same seed, same results"));
    m_run = new QPushButton(tr("Run simulation"), this);
    m_run->setObjectName(QStringLiteral("runSimulation"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelSimulation"));
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_eta = new QLabel(this);
    m_eta->setMinimumWidth(150);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("simulationSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* settings = new QHBoxLayout;
    settings->addWidget(new QLabel(tr("Horizon"), this));
    settings->addWidget(m_horizon);
    settings->addWidget(new QLabel(tr("Replications"), this));
    settings->addWidget(m_replications);
    settings->addWidget(new QLabel(tr("Seed"), this));
    settings->addWidget(m_seed);
    settings->addSpacing(12);
    settings->addWidget(m_run);
    settings->addWidget(m_cancel);
    settings->addWidget(m_progress, 1);
    settings->addWidget(m_eta);

    m_plots = new QTabWidget(this);
    m_plots->setObjectName(QStringLiteral("simulationPlots"));
    m_plots->setDocumentMode(true);
    createPlots();

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_scenario);
    layout->addLayout(settings);
    layout->addWidget(m_status);
    layout->addWidget(m_summary);
    layout->addWidget(m_plots, 1);

    connect(m_run, &QPushButton::clicked, this, [this] { run(); });
    connect(m_cancel, &QPushButton::clicked, this, &SimulateView::cancel);
    connect(&m_runner, &SimulationRunner::progressChanged, this, &SimulateView::onProgress);
    connect(&m_runner, &SimulationRunner::liveMetricsChanged, this, &SimulateView::onLiveMetrics);
    connect(&m_runner, &SimulationRunner::finished, this, &SimulateView::onFinished);
    connect(&m_runner, &SimulationRunner::failed, this, &SimulateView::onFailed);
    connect(&m_session, &DefinitionSession::documentLoaded, this, &SimulateView::refreshScenario);
    connect(&m_session, &DefinitionSession::documentLoaded, this, [this] {
        // Another pipeline: the last run's figures are not its figures.
        m_runner.clearOutcome();
        m_summary->clear();
        setStatus(QString());
    });
    connect(&m_session, &DefinitionSession::projectChanged, this, &SimulateView::refreshScenario);
    refreshScenario();
}

void SimulateView::createPlots() {
    m_latency = new LatencyPlot(m_plots);
    m_stateLatency = new StateLatencyPlot(m_plots);
    m_levels = new LevelsPlot(m_plots);
    m_throughput = new ThroughputPlot(m_plots);
    m_rates = new RatesPlot(m_plots);
    m_signals = new SignalsPlot(m_plots);
    m_plots->addTab(m_latency, tr("Latency"));
    m_plots->addTab(m_stateLatency, tr("Per state"));
    m_plots->addTab(m_levels, tr("Instances and queues"));
    m_plots->addTab(m_rates, tr("Over time"));
    m_plots->addTab(m_throughput, tr("Throughput"));
    m_plots->addTab(m_signals, tr("Errors, retries, throttles"));
}

void SimulateView::updatePlots(const sim::Metrics& metrics, bool final) {
    m_latency->setHistogram(metrics.executions().latency);
    m_stateLatency->setMetrics(metrics);
    m_levels->setLevels(metrics, m_runner.seriesNames());
    m_rates->setMetrics(metrics);
    m_signals->setMetrics(metrics, m_runner.serviceNames());
    // Throughput per replication needs finished runs: drawn from the outcome at the end.
    if (const SimulationOutcome* outcome = m_runner.outcome(); final && outcome) {
        std::vector<const sim::Metrics*> runs;
        for (const auto& r : outcome->replications)
            runs.push_back(r.get());
        m_throughput->setReplications(runs);
    }
}

QString SimulateView::statusText() const {
    return m_status->text();
}

QString SimulateView::summaryText() const {
    return m_summary->text();
}

void SimulateView::setStatus(const QString& text, bool error) {
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #d32f2f") : QString());
}

void SimulateView::refreshScenario() {
    const ProjectScenario found = scenarioOf(m_session);
    if (!found.scenario) {
        m_scenario->setText(tr("<b>No scenario</b>: %1").arg(found.error.toHtmlEscaped()));
        return;
    }
    const model::Scenario& s = *found.scenario;
    QString horizon = tr("until %1 executions").arg(s.executions.value_or(0));
    if (!s.horizon.is_null()) {
        try {
            horizon = humanDuration(sim::parseDuration(s.horizon, "/horizon").seconds());
        } catch (const std::exception&) {
            horizon = QString::fromStdString(s.horizon.dump());
        }
    }
    m_scenario->setText(tr("<b>Scenario</b>: %1 — %2 of virtual time, %3 replication(s), seed %4%5")
                            .arg(QString::fromStdString(s.name).toHtmlEscaped(), horizon)
                            .arg(s.replications)
                            .arg(s.seed)
                            .arg(s.express ? tr(", Express") : QString()));
}

bool SimulateView::run() {
    if (m_runner.isRunning()) return false;
    QString why;
    std::optional<SimulationRunner::Request> prepared = SimulationRunner::requestFor(
        m_session, SimulationRunner::Kind::Simulate, m_horizon->text(), why);
    if (!prepared) {
        setStatus(why, true);
        return false;
    }
    SimulationRunner::Request request = std::move(*prepared);
    if (m_replications->value() > 0)
        request.counts.replications = static_cast<std::uint64_t>(m_replications->value());
    if (m_seed->value() > 0) request.counts.seed = static_cast<std::uint64_t>(m_seed->value());
    setStatus(tr("Simulating…"));
    m_summary->clear();
    if (!m_runner.start(std::move(request))) return false;
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_progress->setValue(0);
    return true;
}

void SimulateView::onProgress(double fraction, const QString&, double etaSeconds) {
    m_progress->setValue(static_cast<int>(fraction * 1000));
    m_eta->setText(etaSeconds >= 0 ? tr("%1 %  ETA %2")
                                         .arg(static_cast<int>(fraction * 100))
                                         .arg(humanDuration(etaSeconds))
                                   : tr("%1 %").arg(static_cast<int>(fraction * 100)));
}

void SimulateView::onLiveMetrics() {
    if (const auto metrics = m_runner.liveMetrics()) updatePlots(*metrics, !m_runner.isRunning());
}

void SimulateView::onFinished(bool completed) {
    m_eta->setText(completed ? tr("done") : tr("stopped"));
    m_run->setEnabled(true);
    m_cancel->setEnabled(false);
    const SimulationOutcome* outcome = m_runner.outcome();
    if (outcome && outcome->metrics) {
        const sim::Metrics& m = *outcome->metrics;
        const auto& e = m.executions();
        const auto ok = e.byStatus[static_cast<std::size_t>(sim::EndStatus::Succeeded)];
        const double succeeded =
            e.ended ? 100.0 * static_cast<double>(ok) / static_cast<double>(e.ended) : 0;
        m_summary->setText(
            tr("%1 executions started, %2 ended, %3 % succeeded · latency P50 %4, P95 %5, P99 %6 "
               "· %7 of virtual time in %8 replication(s), simulated in %9")
                .arg(e.started)
                .arg(e.ended)
                .arg(succeeded, 0, 'f', 1)
                .arg(humanDuration(e.latency.quantile(0.50) / 1e6),
                     humanDuration(e.latency.quantile(0.95) / 1e6),
                     humanDuration(e.latency.quantile(0.99) / 1e6),
                     humanDuration(m.simulated().seconds() / std::max<double>(1, m.runs())))
                .arg(m.runs())
                .arg(humanDuration(outcome->wallSeconds)));
    }
    if (outcome && !outcome->error.isEmpty())
        setStatus(outcome->error, true);
    else
        setStatus(completed ? tr("Done.") : tr("Cancelled: the figures are what was simulated."));
    emit runFinished(completed);
}

void SimulateView::onFailed(const QString& message) {
    setStatus(message, true);
    m_run->setEnabled(!m_runner.isRunning());
    m_cancel->setEnabled(m_runner.isRunning());
}

} // namespace flowcast::ui
