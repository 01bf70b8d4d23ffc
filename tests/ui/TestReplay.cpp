// The Replay panel driven as a user drives it, on the offscreen platform: the flagship sample
// opened in the window, Run > Replay an Execution… shows the panel under the Design mode, an
// execution loads off the GUI thread into the Gantt chart, the steps walk forward and back with
// the canvas's glowing states following them, the first failure of a sample whose scenario
// injects failures is found, and another file or another mode clears the glow (and drops a
// load still running).
#include "ui/canvas/CanvasScene.h"
#include "ui/main/MainWindow.h"
#include "ui/plots/GanttPlot.h"
#include "ui/replay/ReplayPanel.h"
#include "ui/session/DefinitionSession.h"
#include "ui/simulate/SimulateView.h"
#include "ui/simulate/SimulationRunner.h"

#include <QDockWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <set>

using namespace flowcast::ui;
using flowcast::sim::StateResult;

namespace {

QString sample(const char* name) {
    return QStringLiteral(FLOWCAST_SOURCE_DIR "/samples/%1/%1.asl.json").arg(QLatin1String(name));
}

std::set<std::string> activeAt(const flowcast::sim::ExecutionTimeline& t, std::size_t step) {
    const std::vector<std::string> names = t.activeStates(step);
    return {names.begin(), names.end()};
}

void click(ReplayPanel& panel, const char* name) {
    QAbstractButton* button = panel.findChild<QAbstractButton*>(QLatin1String(name));
    QVERIFY2(button, name);
    QVERIFY2(button->isEnabled(), name);
    QTest::mouseClick(button, Qt::LeftButton);
}

QAction* menuAction(QMainWindow& window, const QString& text) {
    for (QAction* menu : window.menuBar()->actions())
        if (menu->menu())
            for (QAction* action : menu->menu()->actions())
                if (action->text() == text) return action;
    return nullptr;
}

} // namespace

class TestReplay : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_windows = 0;

    std::unique_ptr<MainWindow> openWindow(const char* name) {
        auto window = std::make_unique<MainWindow>(std::make_unique<QSettings>(
            m_dir.filePath(QStringLiteral("w%1.ini").arg(++m_windows)), QSettings::IniFormat));
        window->resize(1280, 900);
        window->show();
        if (!window->session().open(sample(name))) return nullptr;
        return window;
    }

    // Clicks `button` and waits for the load; true when an execution was found.
    static bool loadWith(ReplayPanel& panel, const char* button) {
        QSignalSpy loaded(&panel, &ReplayPanel::loaded);
        click(panel, button);
        if (!panel.isLoading() && loaded.isEmpty()) return false;
        if (loaded.isEmpty() && !loaded.wait(120000)) return false;
        return loaded.first().first().toBool();
    }

private slots:
    void replaysAnExecutionStepByStep() {
        const auto window = openWindow("data-lake-etl");
        QVERIFY(window);
        window->setMode(MainWindow::SimulateMode);
        QAction* open = menuAction(*window, QStringLiteral("Re&play an Execution\u2026"));
        QVERIFY(open);
        QCOMPARE(open->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+P")));
        open->trigger();
        QCOMPARE(window->mode(), int(MainWindow::DesignMode));
        QVERIFY(window->replayDock()->isVisible());

        ReplayPanel& panel = *window->replayPanel();
        panel.executionBox()->setValue(2);
        QVERIFY(loadWith(panel, "replayLoad"));
        const flowcast::sim::ExecutionTimeline* t = panel.timeline();
        QVERIFY(t);
        QCOMPARE(t->serial(), std::uint64_t(2));
        QCOMPARE(t->status(), flowcast::sim::EndStatus::Succeeded);
        QVERIFY(panel.statusText().startsWith("#2 "));

        // A bar per visit, a lane label per lane, the first state at the top.
        const GanttPlot& gantt = *panel.gantt();
        QVERIFY(!gantt.isEmpty());
        QCOMPARE(gantt.bars().size(), t->visits().size());
        QVERIFY(t->visits().size() >= 15); // the whole success path of the pipeline
        QCOMPARE(gantt.laneNames().size(), qsizetype(t->laneCount()));
        QCOMPARE(gantt.laneNames().front(), QString("RecordRunStarted"));
        QCOMPARE(gantt.bars().front().startSeconds, 0.0);

        // Step 0: the first state entered glows on the canvas.
        CanvasScene& canvas = *window->canvasScene();
        QCOMPARE(panel.step(), std::size_t(0));
        QCOMPARE(canvas.activeStates(), std::set<std::string>{"RecordRunStarted"});
        QVERIFY(canvas.isActive(*canvas.node("/States/RecordRunStarted")->state));
        QVERIFY(!canvas.isActive(*canvas.node("/States/ConvertToParquet")->state));

        // Forward twice with the button: the first state left, the second entered.
        click(panel, "replayForward");
        QCOMPARE(canvas.activeStates(), std::set<std::string>());
        click(panel, "replayForward");
        QCOMPARE(panel.step(), std::size_t(2));
        QCOMPARE(canvas.activeStates(), std::set<std::string>{"SourceFilesToRawZone"});
        QVERIFY2(panel.stepText().startsWith(
                     QStringLiteral("step 3 of %1 · t = ").arg(t->steps().size())),
                 qPrintable(panel.stepText()));
        QVERIFY(panel.stepText().endsWith("SourceFilesToRawZone entered"));
        const double at = (t->steps()[2].time - t->started()).seconds();
        QCOMPARE(gantt.currentTime(), at);
        QCOMPARE(gantt.currentLineKey(), at / gantt.unit().seconds);

        // Every step forward, then every step back: the canvas shows the same states at each.
        std::vector<std::set<std::string>> forward;
        click(panel, "replayFirst");
        QCOMPARE(panel.step(), std::size_t(0));
        for (std::size_t k = 0; k < panel.stepCount(); ++k) {
            QCOMPARE(panel.step(), k);
            QCOMPARE(canvas.activeStates(), activeAt(*t, k));
            forward.push_back(canvas.activeStates());
            if (k + 1 < panel.stepCount()) click(panel, "replayForward");
        }
        QVERIFY(!panel.findChild<QToolButton*>("replayForward")->isEnabled()); // at the end
        QCOMPARE(canvas.activeStates(), std::set<std::string>());              // all over
        for (std::size_t k = panel.stepCount() - 1; k > 0; --k) {
            click(panel, "replayBack");
            QCOMPARE(canvas.activeStates(), forward[k - 1]);
        }
        QCOMPARE(panel.step(), std::size_t(0));

        // The slider goes straight to a step; Last to the end.
        panel.findChild<QSlider*>("replaySlider")->setValue(5);
        QCOMPARE(panel.step(), std::size_t(5));
        QCOMPARE(canvas.activeStates(), forward[5]);
        click(panel, "replayLast");
        QCOMPARE(panel.step(), panel.stepCount() - 1);
    }

    void theGlowFollowsTheDesignModeAndTheFile() {
        const auto window = openWindow("data-lake-etl");
        QVERIFY(window);
        window->showReplay();
        ReplayPanel& panel = *window->replayPanel();
        QVERIFY(loadWith(panel, "replayLoad"));
        CanvasScene& canvas = *window->canvasScene();
        QCOMPARE(canvas.activeStates().size(), std::size_t(1));

        window->setMode(MainWindow::CodeMode);
        QVERIFY(!window->replayDock()->isVisible());
        QVERIFY(canvas.activeStates().empty());
        window->setMode(MainWindow::DesignMode);
        QVERIFY(window->replayDock()->isVisible());
        QCOMPARE(canvas.activeStates(), std::set<std::string>{"RecordRunStarted"});

        QVERIFY(window->session().open(sample("glue-job-chain")));
        QVERIFY(!panel.timeline());
        QVERIFY(panel.gantt()->isEmpty());
        QVERIFY(canvas.activeStates().empty());
    }

    // After a simulation, the replay follows its run: 3 executions over 2 replications leave
    // the first replication two, so there is no #3 to replay, and #2 has its seed.
    void followsTheLastSimulationsRun() {
        const auto window = openWindow("data-lake-etl");
        QVERIFY(window);
        QString why;
        auto request = SimulationRunner::requestFor(window->session(),
                                                    SimulationRunner::Kind::Simulate, {}, why);
        QVERIFY2(request, qPrintable(why));
        request->counts.executions = 3;
        request->counts.replications = 2;
        request->counts.seed = 77;
        request->counts.horizon.reset();
        SimulationRunner& runner = window->simulateView()->runner();
        QSignalSpy finished(&runner, &SimulationRunner::finished);
        QVERIFY(runner.start(std::move(*request)));
        QVERIFY(finished.wait(120000));
        QVERIFY(runner.outcome());

        window->showReplay();
        ReplayPanel& panel = *window->replayPanel();
        panel.executionBox()->setValue(3);
        QVERIFY(!loadWith(panel, "replayLoad"));
        QVERIFY(!panel.timeline());
        QVERIFY2(panel.statusText().startsWith("The run has no execution #3 that ended"),
                 qPrintable(panel.statusText()));
        panel.executionBox()->setValue(2);
        QVERIFY(loadWith(panel, "replayLoad"));
        flowcast::sim::RunPlan plan;
        plan.seed = 77;
        plan.replications = 2;
        QVERIFY2(panel.statusText().endsWith(
                     QStringLiteral("seed %1").arg(flowcast::sim::firstReplicationSeed(plan))),
                 qPrintable(panel.statusText()));
    }

    // Another file opened while a load runs: the load is dropped, and nothing of the old file's
    // execution shows on the new one, then or once the load would have finished.
    void openingAnotherFileDropsARunningLoad() {
        const auto window = openWindow("data-lake-etl");
        QVERIFY(window);
        window->showReplay();
        ReplayPanel& panel = *window->replayPanel();
        QSignalSpy loaded(&panel, &ReplayPanel::loaded);
        panel.executionBox()->setValue(2);
        click(panel, "replayLoad");
        QVERIFY(panel.isLoading());
        QVERIFY(window->session().open(sample("glue-job-chain")));
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isLoading(), 120000);
        QTest::qWait(50); // a result already queued would arrive now
        QVERIFY(loaded.isEmpty());
        QVERIFY(!panel.timeline());
        QVERIFY(panel.gantt()->isEmpty());
        QVERIFY(window->canvasScene()->activeStates().empty());
        QVERIFY2(!panel.statusText().startsWith("#"), qPrintable(panel.statusText()));

        // The new file's own execution loads as usual: its states are on the canvas.
        QVERIFY(loadWith(panel, "replayLoad"));
        QCOMPARE(panel.timeline()->serial(), std::uint64_t(2));
        for (const flowcast::sim::StateVisit& visit : panel.timeline()->visits())
            QVERIFY2(window->canvasScene()->node(visit.pointer), visit.pointer.c_str());
    }

    // The glue-job-chain scenario injects task failures: the first execution that did not
    // succeed has a visit whose error was caught, drawn in the Gantt's caught colour.
    void firstFailureFindsACaughtError() {
        const auto window = openWindow("glue-job-chain");
        QVERIFY(window);
        window->showReplay();
        ReplayPanel& panel = *window->replayPanel();
        panel.amongBox()->setValue(500);
        QVERIFY(loadWith(panel, "replayFirstFailure"));
        const flowcast::sim::ExecutionTimeline* t = panel.timeline();
        QVERIFY(t);
        QCOMPARE(t->status(), flowcast::sim::EndStatus::Failed);
        QCOMPARE(panel.executionBox()->value(), int(t->serial()));
        QVERIFY2(panel.statusText().contains(", the first failure of the first 500 · seed "),
                 qPrintable(panel.statusText()));
        QVERIFY(panel.gantt()->title().startsWith(QStringLiteral("Execution #%1: FAILED (%2) in ")
                                                      .arg(t->serial())
                                                      .arg(QString::fromStdString(t->error()))));
        std::size_t caught = t->visits().size();
        for (std::size_t v = 0; v < t->visits().size(); ++v)
            if (t->visits()[v].result == StateResult::Caught) caught = v;
        QVERIFY2(caught < t->visits().size(), "no visit caught an error");
        QCOMPARE(panel.gantt()->bars()[caught].result, StateResult::Caught);
        QVERIFY(panel.gantt()->bars()[caught].text.contains(
            QString::fromStdString(t->visits()[caught].error)));
        // The executions before it all succeeded: loading the one before it shows success.
        if (t->serial() > 1) {
            panel.executionBox()->setValue(int(t->serial()) - 1);
            QVERIFY(loadWith(panel, "replayLoad"));
            QCOMPARE(panel.timeline()->status(), flowcast::sim::EndStatus::Succeeded);
        }
    }
};

QTEST_MAIN(TestReplay)
#include "TestReplay.moc"
