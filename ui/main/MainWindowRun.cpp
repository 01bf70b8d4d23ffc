// MainWindow's Run menu: simulate the project's scenario, compare its deployments, cancel.
#include "ui/canvas/CanvasScene.h"
#include "ui/canvas/HeatMap.h"
#include "ui/main/MainWindow.h"
#include "ui/simulate/CompareView.h"
#include "ui/simulate/SimulateView.h"

#include <QAction>
#include <QActionGroup>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>

namespace flowcast::ui {

void MainWindow::createRunMenu() {
    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addAction(tr("&Simulate"), QKeySequence(Qt::CTRL | Qt::Key_R), this,
                   [this] { runScenario(SimulateMode); });
    run->addAction(tr("&Compare Deployments"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), this,
                   [this] { runScenario(CompareMode); });
    createReplay(run); // Replay an Execution… (MainWindowReplay.cpp)
    // The last simulation drawn on the canvas: each state tinted by a measure.
    QMenu* heat = run->addMenu(tr("&Heat Map on the Canvas"));
    auto* group = new QActionGroup(heat);
    const std::pair<QString, HeatMeasure> measures[] = {
        {tr("&Off"), HeatMeasure::Off},
        {tr("&Time Share"), HeatMeasure::TimeShare},
        {tr("&Cost Share"), HeatMeasure::CostShare},
        {tr("&Failure Rate"), HeatMeasure::FailureRate}};
    for (const auto& [label, measure] : measures) {
        QAction* action =
            heat->addAction(label, this, [this, m = measure] { showHeat(static_cast<int>(m)); });
        action->setCheckable(true);
        action->setChecked(measure == HeatMeasure::Off);
        group->addAction(action);
    }
    connect(m_simulate, &SimulateView::runFinished, this, [this] {
        if (m_heatMeasure != 0) showHeat(m_heatMeasure); // the new figures
    });
    run->addSeparator();
    run->addAction(tr("C&ancel"), QKeySequence(Qt::CTRL | Qt::Key_Period), this, [this] {
        m_simulate->cancel();
        m_compare->cancel();
    });
}

bool MainWindow::showHeat(int measure) {
    m_heatMeasure = measure;
    const SimulationOutcome* outcome = m_simulate->runner().outcome();
    if (measure == static_cast<int>(HeatMeasure::Off) || !outcome || !outcome->metrics) {
        m_scene->setHeat({});
        if (measure != static_cast<int>(HeatMeasure::Off))
            statusBar()->showMessage(tr("Run a simulation first (Run > Simulate)."), 8000);
        return measure == static_cast<int>(HeatMeasure::Off);
    }
    const auto chosen = static_cast<HeatMeasure>(measure);
    if (chosen == HeatMeasure::CostShare && !outcome->costByState) {
        m_scene->setHeat({});
        statusBar()->showMessage(tr("The last run has no cost: %1").arg(outcome->costProblem),
                                 8000);
        return false;
    }
    m_scene->setHeat(stateHeat(*outcome->metrics, chosen,
                               outcome->costByState ? &*outcome->costByState : nullptr));
    setMode(DesignMode);
    return true;
}

bool MainWindow::runScenario(int mode) {
    setMode(mode);
    return mode == CompareMode ? m_compare->run() : m_simulate->run();
}

} // namespace flowcast::ui
