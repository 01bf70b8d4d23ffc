#pragma once
// The Simulate mode: the project's scenario run against the editor's state machine, with the
// run settings a user changes most (horizon, replications, seed), a progress bar with an ETA and
// Cancel, a summary line, and the plots, which fill in while the run goes (refreshed in bulk from
// the runner's live figures) and hold the merged results at the end.
#include "ui/simulate/SimulationRunner.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace flowcast::ui {

class DefinitionSession;
class LatencyPlot;
class LevelsPlot;
class RatesPlot;
class SignalsPlot;
class StateLatencyPlot;
class ThroughputPlot;

class SimulateView : public QWidget {
    Q_OBJECT
public:
    explicit SimulateView(DefinitionSession& session, QWidget* parent = nullptr);

    SimulationRunner& runner() { return m_runner; }
    /// Starts a run with the form's settings; false (and a message in statusText()) when it
    /// cannot: no scenario, errors in the definition, a bad setting.
    bool run();
    void cancel() { m_runner.cancel(); }
    QString statusText() const;
    QString summaryText() const;

    LatencyPlot* latencyPlot() const { return m_latency; }
    StateLatencyPlot* stateLatencyPlot() const { return m_stateLatency; }
    LevelsPlot* levelsPlot() const { return m_levels; }
    SignalsPlot* signalsPlot() const { return m_signals; }
    ThroughputPlot* throughputPlot() const { return m_throughput; }
    RatesPlot* ratesPlot() const { return m_rates; }
    QLineEdit* horizonField() const { return m_horizon; }
    QSpinBox* replicationsField() const { return m_replications; }

signals:
    void runFinished(bool completed);

private slots:
    void refreshScenario();
    void onProgress(double fraction, const QString& step, double etaSeconds);
    void onLiveMetrics();
    void onFinished(bool completed);
    void onFailed(const QString& message);

private:
    void setStatus(const QString& text, bool error = false);
    void createPlots();
    void updatePlots(const sim::Metrics& metrics, bool final);

    DefinitionSession& m_session;
    SimulationRunner m_runner;
    QLabel* m_scenario = nullptr;
    QLineEdit* m_horizon = nullptr;
    QSpinBox* m_replications = nullptr;
    QSpinBox* m_seed = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_eta = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_summary = nullptr;
    QTabWidget* m_plots = nullptr;
    LatencyPlot* m_latency = nullptr;
    StateLatencyPlot* m_stateLatency = nullptr;
    LevelsPlot* m_levels = nullptr;
    SignalsPlot* m_signals = nullptr;
    ThroughputPlot* m_throughput = nullptr;
    RatesPlot* m_rates = nullptr;
};

/// "3 min 20 s", "2 h 05 min", "850 ms": a duration for people.
QString humanDuration(double seconds);

} // namespace flowcast::ui
