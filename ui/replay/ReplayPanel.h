#pragma once
// ReplayPanel: one simulated execution of the open document's scenario, replayed step by step.
// The user picks an execution (by number, the slowest or the first failure of the first N),
// the panel records it off the GUI thread (sim::ExecutionTimeline, the first replication of the
// last simulation's run, else of the scenario's own), shows it as a Gantt chart and walks its steps
// (first, back, play / pause, forward, last, a slider); the states running at the current step glow
// on the design canvas. Holds the recorded timeline; forgets it, and drops a load still running,
// when another file opens.
#include "simulator/run/ExecutionTimeline.h"

#include <QPointer>
#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>
#include <thread>

class QLabel;
class QLayout;
class QSlider;
class QSpinBox;
class QTimer;
class QToolButton;
class QPushButton;

namespace flowcast::ui {

class CanvasScene;
class DefinitionSession;
class GanttPlot;
class SimulationRunner;

class ReplayPanel : public QWidget {
    Q_OBJECT
public:
    ReplayPanel(DefinitionSession& session, CanvasScene& canvas, QWidget* parent = nullptr);
    ~ReplayPanel() override;

    /// The simulation whose run (seed, replications, horizon, executions) the replay follows
    /// (not owned; may be null).
    void setRunner(const SimulationRunner* runner) { m_runner = runner; }
    /// Starts recording the execution the controls name for `pick`; loaded() follows. False,
    /// with the reason in the status line, when it cannot start (no scenario, errors).
    bool load(sim::ExecutionPick pick);
    bool isLoading() const { return m_worker.joinable(); }

    const sim::ExecutionTimeline* timeline() const { return m_timeline ? &*m_timeline : nullptr; }
    std::size_t step() const { return m_step; }
    std::size_t stepCount() const { return m_timeline ? m_timeline->steps().size() : 0; }
    /// Goes to step `step` (clamped): the Gantt's line and the canvas follow.
    void setStep(std::size_t step);
    void stepForward();
    void stepBack();
    void setPlaying(bool playing);
    bool isPlaying() const;

    GanttPlot* gantt() const { return m_gantt; }
    QSpinBox* executionBox() const { return m_execution; }
    QSpinBox* amongBox() const { return m_among; }
    QString statusText() const;
    /// "step 3 of 20 · t = 12.3 s · Transform entered"
    QString stepText() const;

signals:
    /// A load finished: `ok` when an execution was found and is shown.
    void loaded(bool ok);
    void stepChanged(int step);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    struct Job;
    void buildControls();
    QLayout* buildPicker();
    QLayout* buildStepper();
    void onJobDone(const std::shared_ptr<Job>& job);
    void stopWorker();
    void forget(const QString& why);
    void showStep();
    void enableSteps(bool enabled);
    void setStatus(const QString& text, bool problem = false);

    DefinitionSession& m_session;
    QPointer<CanvasScene> m_canvas; ///< may go first when the window closes
    const SimulationRunner* m_runner = nullptr;
    std::optional<sim::ExecutionTimeline> m_timeline;
    std::size_t m_step = 0;
    std::thread m_worker;
    std::shared_ptr<Job> m_job;

    QSpinBox* m_execution = nullptr;
    QSpinBox* m_among = nullptr;
    QPushButton* m_load = nullptr;
    QPushButton* m_slowest = nullptr;
    QPushButton* m_firstFailure = nullptr;
    QLabel* m_status = nullptr;
    QToolButton* m_first = nullptr;
    QToolButton* m_back = nullptr;
    QToolButton* m_play = nullptr;
    QToolButton* m_forward = nullptr;
    QToolButton* m_last = nullptr;
    QSlider* m_slider = nullptr;
    QLabel* m_stepLabel = nullptr;
    QTimer* m_timer = nullptr;
    GanttPlot* m_gantt = nullptr;
};

} // namespace flowcast::ui
