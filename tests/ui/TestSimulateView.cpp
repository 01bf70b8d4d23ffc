// The Simulate and Compare modes driven as a user drives them, on the offscreen platform: every
// sample's scenario runs from the GUI layer (off the GUI thread, with progress) and the plots
// receive the results; a run can be cancelled; a project without a scenario, a broken scenario
// and a definition with errors say why instead of running; the comparison fills its table, its
// simulation vs theory section and its charts, and exports HTML, PDF, CSV and JSON.
#include "model/document/ProjectEdits.h"
#include "model/document/StateEdits.h"
#include "model/scenario/Deployment.h"
#include "model/scenario/ScenarioError.h"
#include "ui/code/CodeEditor.h"
#include "ui/plots/ArrivalsPlot.h"
#include "ui/plots/BreakEvenPlot.h"
#include "ui/plots/CostBarsPlot.h"
#include "ui/plots/LatencyPlot.h"
#include "ui/plots/LevelsPlot.h"
#include "ui/plots/RatesPlot.h"
#include "ui/plots/SizingScatterPlot.h"
#include "ui/plots/StateLatencyPlot.h"
#include "ui/plots/ThroughputPlot.h"
#include "ui/session/DefinitionSession.h"
#include "ui/simulate/CompareView.h"
#include "ui/simulate/ScenarioSource.h"
#include "ui/simulate/ScenarioView.h"
#include "ui/simulate/SimulateView.h"

#include <QCheckBox>
#include <QComboBox>
#include <QImage>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

using namespace flowcast::ui;
using flowcast::model::Json;

namespace {

QString sample(const QString& name) {
    return QStringLiteral(FLOWCAST_SOURCE_DIR "/samples/%1/%1.asl.json").arg(name);
}

// Waits for the view's run to end; false on a timeout.
template <class View> bool waitForRun(View& view, QSignalSpy& finished, int ms = 120000) {
    return !view.runner().isRunning() || finished.count() > 0 || finished.wait(ms);
}

} // namespace

class TestSimulateView : public QObject {
    Q_OBJECT

private slots:
    void everySampleRunsFromTheGui_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("horizon"); // shorter than the scenario's, to keep the test quick
        QTest::newRow("data-lake-etl") << "data-lake-etl"
                                       << "3d";
        QTest::newRow("emr-direct") << "emr-direct"
                                    << "3d";
        QTest::newRow("emr-livy") << "emr-livy"
                                  << "1d";
        QTest::newRow("glue-job-chain") << "glue-job-chain"
                                        << "2d";
        QTest::newRow("s3-object-fanout") << "s3-object-fanout"
                                          << "1d";
        QTest::newRow("streaming-micro-batch") << "streaming-micro-batch"
                                               << "";
        QTest::newRow("use-case-fanout") << "use-case-fanout"
                                         << "2d";
    }
    void everySampleRunsFromTheGui() {
        QFETCH(QString, name);
        QFETCH(QString, horizon);
        DefinitionSession session;
        QVERIFY(session.open(sample(name)));
        QVERIFY2(session.document().project().contains("scenario"),
                 "the scenario beside the sample joins the project");
        SimulateView view(session);
        view.runner().setRefreshInterval(20);
        QSignalSpy progress(&view.runner(), &SimulationRunner::progressChanged);
        QSignalSpy live(&view.runner(), &SimulationRunner::liveMetricsChanged);
        QSignalSpy finished(&view, &SimulateView::runFinished);
        view.horizonField()->setText(horizon);
        QVERIFY2(view.run(), qPrintable(view.statusText()));
        QVERIFY(view.runner().isRunning());
        QVERIFY(!view.run()); // one run at a time
        QVERIFY(waitForRun(view, finished));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY(progress.count() >= 1);
        QVERIFY(live.count() >= 1);

        const SimulationOutcome* outcome = view.runner().outcome();
        QVERIFY(outcome && outcome->completed && outcome->metrics);
        const auto& executions = outcome->metrics->executions();
        QVERIFY(executions.started > 0);
        QCOMPARE(outcome->results["status"], Json("completed"));
        QCOMPARE(outcome->results["metrics"]["executions"]["started"], Json(executions.started));
        QVERIFY2(view.summaryText().contains(QString::number(executions.started)),
                 qPrintable(view.summaryText()));

        // The plots hold the merged results: a bar per latency bucket, a box per state visited,
        // a line per level series that rose, a bar per replication.
        if (executions.ended > 0) {
            QVERIFY(!view.latencyPlot()->isEmpty());
            QVERIFY(view.latencyPlot()->bars()->data()->size() > 0);
            QVERIFY(!view.stateLatencyPlot()->isEmpty());
            QVERIFY(view.stateLatencyPlot()->stateIndices().size() <=
                    outcome->metrics->stateNames().size());
            QCOMPARE(view.throughputPlot()->replicationCount(),
                     static_cast<int>(outcome->replications.size()));
            // Over time: the starts per bucket of the activity series, summed back, are the
            // executions started.
            const QCPGraph* started =
                view.ratesPlot()->channelGraph(flowcast::sim::Metrics::Activity::Started);
            QVERIFY(started);
            const auto& activity = outcome->metrics->activity();
            QCOMPARE(activity.total(0), executions.started);
            const std::size_t group = view.ratesPlot()->bucketsPerPoint();
            QVERIFY(started->data()->size() <=
                    static_cast<int>((activity.bucketCount() + group - 1) / group) + 1);
            QVERIFY(started->data()->size() >= 2);
        }
        QVERIFY(view.levelsPlot()->seriesIds().size() <= outcome->seriesNames.size());
        for (const std::size_t id : view.levelsPlot()->seriesIds())
            QVERIFY(outcome->metrics->levelSeries(id) != nullptr);
    }

    void cancelStopsTheRun() {
        DefinitionSession session;
        QVERIFY(session.open(sample("streaming-micro-batch")));
        SimulateView view(session);
        view.runner().setRefreshInterval(20);
        QSignalSpy finished(&view, &SimulateView::runFinished);
        QSignalSpy progress(&view.runner(), &SimulationRunner::progressChanged);
        QSignalSpy live(&view.runner(), &SimulationRunner::liveMetricsChanged);
        view.horizonField()->setText("365d"); // far longer than the test waits
        QVERIFY2(view.run(), qPrintable(view.statusText()));
        QVERIFY(progress.wait(10000));
        // Live figures arrive while it runs (a slice of this run lasts minutes: the kernel
        // pauses between two events for them).
        QVERIFY(live.wait(20000));
        QVERIFY(view.runner().isRunning());
        QVERIFY(view.runner().liveMetrics() != nullptr);
        QVERIFY(view.runner().liveMetrics()->executions().started > 0);
        view.cancel();
        QVERIFY(waitForRun(view, finished, 30000));
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(view.statusText().startsWith("Cancelled"));
        QVERIFY(view.runner().outcome()->cancelled);
        const SimulationOutcome* outcome = view.runner().outcome();
        QVERIFY(outcome && !outcome->completed);
        QCOMPARE(outcome->results["status"], Json("cancelled"));
        QVERIFY(view.runner().progress() < 1.0);
    }

    void problemsFoundWhileRunningAreShownAndKeepTheLastResults() {
        DefinitionSession session;
        QVERIFY(session.open(sample("emr-direct")));
        CompareView view(session);
        view.runner().setRefreshInterval(20);
        QSignalSpy finished(&view, &CompareView::runFinished);
        view.horizonField()->setText("2d");
        QVERIFY2(view.run(), qPrintable(view.statusText()));
        QVERIFY(waitForRun(view, finished));
        QVERIFY(view.comparison() != nullptr);
        const std::string recommendation = view.comparison()->recommendation;

        // A state the scenario models, renamed on the canvas: the deployments find out only
        // when they are simulated, on the worker thread; the message names the place.
        QVERIFY(session.edit([](const flowcast::model::Document& d) {
            return flowcast::model::edits::renameState(d, "/States/CleanRawEvents", "CleanEvents");
        }));
        finished.clear();
        QVERIFY2(view.run(), qPrintable(view.statusText()));
        QVERIFY(waitForRun(view, finished));
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY2(view.statusText().contains("/scenario/"), qPrintable(view.statusText()));
        QVERIFY(!view.statusText().contains("Cancelled"));
        QVERIFY(!view.runner().outcome()->cancelled);
        session.document().undo();
        Q_UNUSED(recommendation);
    }

    void expressTypeReachesEveryDeployment() {
        DefinitionSession session;
        QVERIFY(session.open(sample("emr-direct")));
        QVERIFY(session.edit([](const flowcast::model::Document& d) {
            return flowcast::model::edits::setProjectValue(d, "/type", Json("EXPRESS"));
        }));
        const ProjectScenario found = scenarioOf(session);
        QVERIFY(found.scenario && found.scenario->express);
        for (const auto& d : flowcast::model::deploymentsOf(*found.scenario))
            QVERIFY2(d.scenario.express, d.name.c_str());
    }

    void refusesWithAReason() {
        DefinitionSession session;
        session.newDocument(); // no scenario
        SimulateView view(session);
        QVERIFY(!view.run());
        QVERIFY2(view.statusText().contains("no scenario"), qPrintable(view.statusText()));

        // A scenario with a mistake names its place in the project.
        QVERIFY(session.open(sample("emr-livy")));
        QVERIFY(session.edit([](const flowcast::model::Document& d) {
            return flowcast::model::edits::setProjectValue(d, "/scenario/replications", Json(-2));
        }));
        QVERIFY(!view.run());
        QVERIFY2(view.statusText().contains("/scenario/replications"),
                 qPrintable(view.statusText()));
        session.document().undo();

        // A definition with errors is not run.
        QVERIFY(session.edit([](const flowcast::model::Document& d) {
            return flowcast::model::edits::setValue(d, "/StartAt", Json("Nowhere"));
        }));
        QVERIFY(!view.run());
        QVERIFY2(view.statusText().contains("error"), qPrintable(view.statusText()));
        QVERIFY(!view.runner().isRunning());
    }

    void scenarioIsEditedAndUndone() {
        DefinitionSession session;
        QVERIFY(session.open(sample("emr-livy")));
        ScenarioView view(session);
        const Json original = session.document().project()["scenario"];
        QCOMPARE(Json::parse(view.editor()->text().toStdString()), original);
        QVERIFY(view.arrivalsPlot()->total() > 0);

        Json changed = original;
        changed["replications"] = 2;
        view.editor()->setText(QString::fromStdString(changed.dump(2)));
        QVERIFY(view.hasUnappliedText());
        QVERIFY2(view.apply(), qPrintable(view.statusText()));
        QCOMPARE(session.document().project()["scenario"]["replications"], Json(2));
        QVERIFY(!view.hasUnappliedText());
        QVERIFY(session.document().isModified());
        session.document().undo();
        QCOMPARE(session.document().project()["scenario"], original);
        QCOMPARE(Json::parse(view.editor()->text().toStdString()), original);

        // Broken JSON: where, and nothing changes.
        view.editor()->setText("{\n  \"seed\": 1,\n  oops\n}");
        QVERIFY(!view.apply());
        QVERIFY2(view.statusText().contains("line 3"), qPrintable(view.statusText()));
        QCOMPARE(view.editor()->markedLines(CodeEditor::Mark::SyntaxError), QList<int>{3});
        QCOMPARE(session.document().project()["scenario"], original);

        // A workload the simulator refuses: its pointer in the project.
        changed = original;
        changed["workload"] = Json{{"poisson", {{"ratePerSecond", -1}}}};
        view.editor()->setText(QString::fromStdString(changed.dump(2)));
        QVERIFY(!view.apply());
        QVERIFY2(view.statusText().contains("/scenario/workload"), qPrintable(view.statusText()));
        QCOMPARE(session.document().project()["scenario"], original);

        // A new document starts from a template that applies as it is.
        session.newDocument();
        QVERIFY(!session.document().project().contains("scenario"));
        QVERIFY(view.statusText().contains("No scenario yet"));
        QVERIFY2(view.apply(), qPrintable(view.statusText()));
        QVERIFY(session.document().project().contains("scenario"));
    }

    void arrivalPreviewCountsTheWorkload() {
        // One an hour: 24 bars of one.
        const ArrivalPreview hourly = previewArrivals(
            Json::parse("{\"workload\": {\"schedule\": \"rate(1 hour)\"}}"), QString());
        QCOMPARE(hourly.bucketSeconds, 3600.0);
        QCOMPARE(hourly.counts, std::vector<double>(24, 1.0));
        // Too many for a day: the first hour, per minute, all of it counted.
        const ArrivalPreview fast = previewArrivals(
            Json::parse("{\"workload\": {\"schedule\": \"rate(1 minute)\"}}"), QString(), 100);
        QCOMPARE(fast.bucketSeconds, 60.0);
        QVERIFY(!fast.counts.empty() && fast.counts.size() <= 60);
        for (double c : fast.counts)
            QCOMPARE(c, 1.0);
        QVERIFY_THROWS_EXCEPTION(
            flowcast::model::ScenarioError,
            previewArrivals(Json::parse("{\"workload\": {\"schedule\": \"never\"}}"), {}));
    }

    void comparesDeploymentsAndExports() {
        DefinitionSession session;
        QVERIFY(session.open(sample("emr-direct")));
        CompareView view(session);
        view.runner().setRefreshInterval(20);
        QSignalSpy finished(&view, &CompareView::runFinished);
        QTemporaryDir dir;
        QVERIFY(!view.exportReport(dir.filePath("early.html"))); // nothing to export yet
        view.horizonField()->setText("7d");
        view.sweepField()->setChecked(true);
        QVERIFY2(view.run(), qPrintable(view.statusText()));
        QVERIFY(waitForRun(view, finished, 300000));
        QCOMPARE(finished.first().first().toBool(), true);
        const flowcast::cost::Comparison* comparison = view.comparison();
        QVERIFY(comparison);
        const int deployments = static_cast<int>(comparison->deployments.size());
        QVERIFY(deployments >= 2);
        QCOMPARE(view.table()->columnCount(), deployments);
        QCOMPARE(view.table()->horizontalHeaderItem(0)->text(),
                 QString::fromStdString(comparison->deployments[0].name));
        QCOMPARE(view.recommendationText(), QString::fromStdString(comparison->recommendation));
        QVERIFY(!view.recommendationText().isEmpty());
        QCOMPARE(view.costPlot()->deployments().size(), deployments);
        QVERIFY(!view.costPlot()->isEmpty());
        QVERIFY(!comparison->sweep.empty());
        for (int d = 0; d < deployments; ++d) {
            QVERIFY(view.breakEvenPlot()->curve(d) != nullptr);
            QCOMPARE(view.breakEvenPlot()->points(d)->data()->size(),
                     static_cast<int>(comparison->sweep.size()));
        }
        const QCPGraph* marks = view.breakEvenPlot()->crossingMarks(); // none without crossings
        QCOMPARE(marks ? marks->data()->size() : 0, static_cast<int>(comparison->crossings.size()));
        // Simulation vs theory: the sample's Spark steps run nightly on a cron schedule, so no
        // steady-state model applies to its cluster in any deployment, and the view says why.
        const QString theory = view.theoryView()->toPlainText();
        QVERIFY2(theory.startsWith("Simulation vs theory"), qPrintable(theory));
        for (const auto& d : comparison->deployments)
            QVERIFY2(theory.contains(QString::fromStdString(d.name)), d.name.c_str());
        QCOMPARE(theory.count("emr-features"), deployments);
        QCOMPARE(theory.count("no model applies: arrivals follow a schedule, not a Poisson stream"),
                 deployments + 1); // EMR Serverless's own service too

        for (const char* name : {"report.html", "report.csv", "report.json", "report.pdf"}) {
            const QString path = dir.filePath(name);
            QVERIFY2(view.exportReport(path), qPrintable(view.statusText()));
            QVERIFY(QFileInfo(path).size() > 200);
        }
        QFile csv(dir.filePath("report.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(csv.readAll()), QString::fromStdString(comparison->toCsv()));
        QFile pdf(dir.filePath("report.pdf"));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        QVERIFY(!view.exportReport(dir.filePath("missing/dir/report.html")));
        QVERIFY(view.statusText().contains("cannot write"));
        QVERIFY(!view.exportReport(dir.filePath("report.docx")));
    }

    // The sweep's placement chosen in the view reaches the run: adaptive places the points by
    // the pilots' model (not on the even log grid) and the status lists its predicted crossings.
    void sweepPlacementReachesTheRun() {
        DefinitionSession session;
        QVERIFY(session.open(sample("data-lake-etl")));
        CompareView view(session);
        view.runner().setRefreshInterval(20);
        QSignalSpy finished(&view, &CompareView::runFinished);
        view.horizonField()->setText("3d");
        view.sweepField()->setChecked(true);
        view.sweepRangeField()->setText("1:1000:5");
        QComboBox* placement = view.sweepPlacementField();
        QCOMPARE(placement->currentData().toString(), QString("adaptive")); // the CLI's default
        placement->setCurrentIndex(placement->findData(QStringLiteral("even")));
        placement->setCurrentIndex(placement->findData(QStringLiteral("adaptive")));
        QVERIFY2(view.run(), qPrintable(view.statusText()));
        QVERIFY(waitForRun(view, finished, 300000));
        const flowcast::cost::Comparison* comparison = view.comparison();
        QVERIFY(comparison);
        QCOMPARE(comparison->sweepPlacement, flowcast::cost::SweepPlacement::Adaptive);
        QCOMPARE(comparison->sweep.size(), std::size_t(5));
        const std::vector<double> even = flowcast::cost::logGrid(1, 1000, 5);
        bool differs = false;
        for (std::size_t i = 0; i < even.size(); ++i)
            differs = differs || std::abs(comparison->sweep[i].perDay / even[i] - 1) > 0.01;
        QVERIFY(differs);
        QVERIFY2(view.statusText().contains("placed adaptively"), qPrintable(view.statusText()));
        QCOMPARE(view.breakEvenPlot()->isVisibleTo(&view), true); // the sweep's tab is shown
        // FLOWCAST_COMPARE_SCREENSHOT=OUT.png keeps a picture of the view after the sweep.
        if (const QString out = qEnvironmentVariable("FLOWCAST_COMPARE_SCREENSHOT");
            !out.isEmpty()) {
            view.resize(1400, 900);
            QVERIFY(view.grab().save(out));
        }

        placement->setCurrentIndex(placement->findData(QStringLiteral("even")));
        finished.clear();
        QVERIFY2(view.run(), qPrintable(view.statusText()));
        QVERIFY(waitForRun(view, finished, 300000));
        QCOMPARE(view.comparison()->sweepPlacement, flowcast::cost::SweepPlacement::Even);
        for (std::size_t i = 0; i < even.size(); ++i)
            QCOMPARE(view.comparison()->sweep[i].perDay, even[i]);
    }

    // The stream sample's Lambda is fed at a steady 5 executions/s: the warm-pool chain and
    // Erlang B apply, and each figure stands beside its simulated value as the report words it.
    void showsSimulationVsTheory() {
        DefinitionSession session;
        QVERIFY(session.open(sample("streaming-micro-batch")));
        CompareView view(session);
        view.runner().setRefreshInterval(20);
        QSignalSpy finished(&view, &CompareView::runFinished);
        QVERIFY(view.theoryView()->toPlainText().contains("run the comparison"));
        QVERIFY2(view.run(), qPrintable(view.statusText()));
        QVERIFY(waitForRun(view, finished, 300000));
        const flowcast::cost::Comparison* comparison = view.comparison();
        QVERIFY(comparison && comparison->deployments.size() == 2); // Express and Standard
        const QString text = view.theoryView()->toPlainText();
        QVERIFY(text.contains("Steady-state models beside the simulated figures, with the "
                              "relative difference"));
        QCOMPARE(text.count("enrich-fn"), 2 * 2); // in each table and under it
        QCOMPARE(text.count("warm-pool CTMC (Mahmoudi & Khazaei 2020) + Erlang B at 100, "
                            "approximate"),
                 2);
        for (const auto& d : comparison->deployments) {
            QVERIFY(text.contains(QString::fromStdString(d.name)));
            QCOMPARE(d.theory.services.size(), std::size_t(1));
            for (const auto& f : d.theory.services[0].figures) {
                // Four significant digits, as the report writes them.
                const QString row = QString::fromStdString(f.quantity) + "\n" +
                                    QString::number(f.simulated, 'g', 4) + "\n" +
                                    QString::number(f.theory, 'g', 4);
                QVERIFY2(text.contains(row), qPrintable(row + " in\n" + text));
            }
        }
        for (const char* quantity : {"average instances", "P(cold start)", "P(throttled)"})
            QCOMPARE(text.count(quantity), 2);
        // Another file: the last comparison's theory goes with it.
        QVERIFY(session.open(sample("emr-direct")));
        QVERIFY(view.theoryView()->toPlainText().contains("run the comparison"));
    }

    // The Sizing tab: the flagship's Lambda at three memories, simulated and priced like
    // power-tuning; the scatter gets a point per size and the best sizes are named.
    void sizesALambdaFromTheCompareView() {
        DefinitionSession session;
        QVERIFY(session.open(sample("data-lake-etl")));
        CompareView view(session);
        view.runner().setRefreshInterval(20);
        QSignalSpy finished(&view, &CompareView::runFinished);
        view.horizonField()->setText("3d");
        view.sizingPointsField()->setText("oops");
        QVERIFY(!view.runSizing());
        QVERIFY2(view.statusText().startsWith("Sizes: needs positive numbers"),
                 qPrintable(view.statusText()));
        view.sizingAxisField()->setCurrentIndex(1); // Glue workers: its own default sizes
        QCOMPARE(view.sizingPointsField()->text(), QString("2,5,10,20,40"));
        view.sizingAxisField()->setCurrentIndex(0);
        view.sizingPointsField()->setText("512,1024,2048");
        QVERIFY2(view.runSizing(), qPrintable(view.statusText()));
        QVERIFY(waitForRun(view, finished, 300000));
        QCOMPARE(finished.first().first().toBool(), true);
        const SimulationOutcome* outcome = view.runner().outcome();
        QVERIFY(outcome && outcome->sweep);
        QCOMPARE(outcome->sweep->rows.size(), std::size_t(3));
        const int deployments = static_cast<int>(outcome->sweep->spec.deployments.size());
        QVERIFY(deployments >= 1);
        QVERIFY(view.sizingPlot()->curve(0) != nullptr);
        QCOMPARE(view.sizingPlot()->curve(0)->data()->size(), 3);
        QVERIFY2(view.sizingSummaryText().contains("source-function (1,024 as configured)"),
                 qPrintable(view.sizingSummaryText()));
        QVERIFY(view.sizingSummaryText().contains("cheapest"));
        if (qEnvironmentVariableIsSet("FLOWCAST_SIZING_PNG")) {
            view.resize(1400, 900);
            view.grab().save(qEnvironmentVariable("FLOWCAST_SIZING_PNG"));
        }
        // A sizing sweep is not a comparison: nothing to export as one.
        QVERIFY(view.comparison() == nullptr);

        // An axis no deployment has says so: the Glue job chain has no cluster.
        DefinitionSession glue;
        QVERIFY(glue.open(sample("glue-job-chain")));
        CompareView other(glue);
        other.sizingAxisField()->setCurrentIndex(2); // cluster nodes
        QVERIFY(!other.runSizing());
        QVERIFY2(
            other.statusText().contains(
                "sizing: no deployment can be sized in nodes; as written: has no cluster service"),
            qPrintable(other.statusText()));
    }
};

QTEST_MAIN(TestSimulateView)
#include "TestSimulateView.moc"
