// MainWindow end to end on the offscreen platform: samples shown as a tree with branches and
// processors nested, diagnostics that select their state, unreadable files shown as problems,
// recent files, drag and drop. Each window gets its own settings file.
#include "ui/canvas/CanvasScene.h"
#include "ui/canvas/HeatMap.h"
#include "ui/diagnostics/DiagnosticsPanel.h"
#include "ui/main/MainWindow.h"
#include "ui/main/RecentFiles.h"
#include "ui/session/DefinitionSession.h"
#include "ui/simulate/SimulateView.h"
#include "ui/tree/StateTreeView.h"

#include <QMenu>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowcast::ui;

namespace {

QString sample(const char* name) {
    return QStringLiteral(FLOWCAST_SOURCE_DIR "/samples/%1/%1.asl.json").arg(QLatin1String(name));
}

QStringList childNames(const QTreeWidgetItem* item) {
    QStringList names;
    for (int i = 0; i < item->childCount(); ++i)
        names << item->child(i)->text(StateTreeView::NameColumn);
    return names;
}

QStringList topLevelNames(const QTreeWidget* tree) {
    QStringList names;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        names << tree->topLevelItem(i)->text(StateTreeView::NameColumn);
    return names;
}

QStringList column(const QTreeWidget* list, int col) {
    QStringList out;
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        out << list->topLevelItem(i)->text(col);
    return out;
}

// A Next to a missing state, a BackoffRate below 1, and (so) an unreachable Done and no end.
const QByteArray kInvalid = R"({
  "StartAt": "Extract",
  "States": {
    "Extract": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Transform"},
    "Transform": {
      "Type": "Task",
      "Resource": "arn:aws:states:::glue:startJobRun.sync",
      "Retry": [{"ErrorEquals": ["States.ALL"], "BackoffRate": 0.5}],
      "Next": "Load"
    },
    "Done": {"Type": "Succeed"}
  }
}
)";

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_windows = 0;

    std::unique_ptr<MainWindow> makeWindow(const QString& settingsName = {}) {
        const QString name =
            settingsName.isEmpty() ? QStringLiteral("w%1.ini").arg(++m_windows) : settingsName;
        return std::make_unique<MainWindow>(
            std::make_unique<QSettings>(m_dir.filePath(name), QSettings::IniFormat));
    }

    QString writeFile(const QString& name, const QByteArray& text) {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
        file.write(text);
        return path;
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void heatMapShowsTheLastSimulation() {
        auto window = makeWindow();
        window->resize(1400, 900);
        QVERIFY(window->openFile(sample("data-lake-etl")));
        QVERIFY(!window->showHeat(int(HeatMeasure::TimeShare))); // nothing simulated yet
        QVERIFY(window->canvasScene()->heat("ConvertToParquet") == nullptr);

        QSignalSpy finished(window->simulateView(), &SimulateView::runFinished);
        QVERIFY(window->runScenario(MainWindow::SimulateMode));
        QCOMPARE(window->mode(), int(MainWindow::SimulateMode));
        QVERIFY(finished.wait(60000));

        QVERIFY(window->showHeat(int(HeatMeasure::TimeShare)));
        QCOMPARE(window->mode(), int(MainWindow::DesignMode));
        // The Spark job and the batch transform are where the time goes: the Glue job has the
        // largest share of the Task states, and the start record a small one.
        const StateHeat* glue = window->canvasScene()->heat("ConvertToParquet");
        const StateHeat* record = window->canvasScene()->heat("RecordRunStarted");
        QVERIFY(glue && record);
        QVERIFY(glue->intensity > 0.1);
        QVERIFY(record->intensity < glue->intensity / 10);
        QVERIFY(glue->label.endsWith("% of time"));
        // Cost share: the month priced with the default book. The 10-DPU Spark job costs far
        // more than the DynamoDB write that records the start; the shares add up to at most
        // the whole (storage is not any state's).
        QVERIFY(window->showHeat(int(HeatMeasure::CostShare)));
        const StateHeat* glueCost = window->canvasScene()->heat("ConvertToParquet");
        const StateHeat* recordCost = window->canvasScene()->heat("RecordRunStarted");
        QVERIFY(glueCost && recordCost);
        QVERIFY(glueCost->label.endsWith("% of cost"));
        QVERIFY(glueCost->intensity > 0.1);
        QVERIFY(recordCost->intensity < glueCost->intensity / 100);
        const auto* outcome = window->simulateView()->runner().outcome();
        QVERIFY(outcome->cost && outcome->costByState);
        double attributed = outcome->costByState->unattributedUsd;
        for (const auto& [name, usd] : outcome->costByState->monthlyUsd)
            attributed += usd;
        QCOMPARE_LE(std::abs(attributed - outcome->cost->monthlyUsd), 1e-9 * attributed);
        // Nothing fails in the flagship's scenario.
        QVERIFY(window->showHeat(int(HeatMeasure::FailureRate)));
        QCOMPARE(window->canvasScene()->heat("ConvertToParquet")->intensity, 0.0);
        QVERIFY(window->showHeat(int(HeatMeasure::Off)));
        QVERIFY(window->canvasScene()->heat("ConvertToParquet") == nullptr);
        if (qEnvironmentVariableIsSet("FLOWCAST_HEAT_PNG")) {
            window->showHeat(int(HeatMeasure::TimeShare));
            window->grab().save(qEnvironmentVariable("FLOWCAST_HEAT_PNG"));
        }
    }

    void startsEmpty() {
        auto window = makeWindow();
        QCOMPARE(window->windowTitle(), QStringLiteral("Flowcast"));
        QCOMPARE(window->stateTree()->topLevelItemCount(), 0);
        QCOMPARE(window->diagnosticsPanel()->topLevelItemCount(), 0);
        QCOMPARE(window->statusSummary(), QString());
    }

    void showsFlagshipSample() {
        auto window = makeWindow();
        QVERIFY(window->openFile(sample("data-lake-etl")));
        QCOMPARE(window->windowTitle(),
                 QStringLiteral("data-lake-etl.asl.json[*] \u2014 Flowcast"));
        const QStringList expected{
            "RecordRunStarted", "SourceFilesToRawZone", "RecordFilesSourced", "ConvertToParquet",
            "RecordConverted",  "StartCrawler",         "WaitForCrawler",     "GetCrawlerState",
            "IsCrawlerReady",   "CrawlerDidNotSucceed", "RecordCatalogued",   "PredictChurn",
            "RecordPredicted",  "CreateAnalyticsView",  "RecordRunSucceeded", "PipelineSucceeded",
            "RecordRunFailed",  "SendFailureAlert",     "PipelineFailed"};
        StateTreeView* tree = window->stateTree();
        QCOMPARE(topLevelNames(tree), expected);
        QCOMPARE(window->diagnosticsPanel()->topLevelItemCount(), 0);
        QCOMPARE(window->statusSummary(), QStringLiteral("No problems"));

        const QTreeWidgetItem* convert = tree->itemFor("/States/ConvertToParquet");
        QVERIFY(convert);
        QCOMPARE(convert->text(StateTreeView::TypeColumn),
                 QStringLiteral("Glue: startJobRun.sync"));
        QCOMPARE(
            convert->text(StateTreeView::TransitionsColumn),
            QStringLiteral("\u2192 RecordConverted, Catch [States.ALL] \u2192 RecordRunFailed"));
        const QTreeWidgetItem* source = tree->itemFor("/States/SourceFilesToRawZone");
        QCOMPARE(source->text(StateTreeView::TypeColumn), QStringLiteral("Lambda: invoke"));
        const QTreeWidgetItem* choice = tree->itemFor("/States/IsCrawlerReady");
        QCOMPARE(choice->text(StateTreeView::TypeColumn), QStringLiteral("Choice"));
        QCOMPARE(choice->text(StateTreeView::TransitionsColumn),
                 QStringLiteral("rule 1 \u2192 WaitForCrawler, rule 2 \u2192 RecordCatalogued, "
                                "Default \u2192 CrawlerDidNotSucceed"));
        QCOMPARE(tree->itemFor("/States/PipelineSucceeded")->text(StateTreeView::TransitionsColumn),
                 QStringLiteral("ends: succeeds"));
    }

    void nestsParallelBranches() {
        auto window = makeWindow();
        QVERIFY(window->openFile(sample("emr-direct")));
        StateTreeView* tree = window->stateTree();
        QCOMPARE(tree->topLevelItemCount(), 10);
        QVERIFY(!topLevelNames(tree).contains("BuildUserFeatures"));
        const QTreeWidgetItem* parallel = tree->itemFor("/States/BuildFeatureSets");
        QVERIFY(parallel);
        QCOMPARE(parallel->parent(), nullptr);
        QCOMPARE(parallel->text(StateTreeView::TypeColumn), QStringLiteral("Parallel"));
        QCOMPARE(childNames(parallel), QStringList({"Branch 1", "Branch 2"}));
        QCOMPARE(childNames(parallel->child(0)), QStringList({"BuildUserFeatures"}));
        QCOMPARE(childNames(parallel->child(1)), QStringList({"BuildProductFeatures"}));
        QCOMPARE(parallel->child(1)->text(StateTreeView::TransitionsColumn),
                 QStringLiteral("Start \u2192 BuildProductFeatures"));
        const QTreeWidgetItem* nested = parallel->child(0)->child(0);
        QCOMPARE(nested->text(StateTreeView::TypeColumn), QStringLiteral("EMR: addStep.sync"));
        QCOMPARE(nested->text(StateTreeView::TransitionsColumn), QStringLiteral("End"));
        QVERIFY(parallel->isExpanded() && parallel->child(0)->isExpanded());
    }

    void nestsMapProcessor() {
        auto window = makeWindow();
        QVERIFY(window->openFile(sample("streaming-micro-batch")));
        StateTreeView* tree = window->stateTree();
        QCOMPARE(topLevelNames(tree),
                 QStringList({"ProcessRecords", "SummariseBatch", "BatchProcessed"}));
        const QTreeWidgetItem* map = tree->topLevelItem(0);
        QCOMPARE(map->text(StateTreeView::TypeColumn), QStringLiteral("Map (INLINE)"));
        QCOMPARE(childNames(map), QStringList({"Processor"}));
        QCOMPARE(childNames(map->child(0)),
                 QStringList({"EnrichRecord", "WriteEnrichedEvent", "RecordWritten",
                              "SkipDuplicate", "WriteToDeadLetterTable", "RecordDeadLettered"}));
        QCOMPARE(map->child(0)->child(0)->data(0, StateTreeView::PointerRole).toString(),
                 QStringLiteral("/States/ProcessRecords/ItemProcessor/States/EnrichRecord"));
    }

    void listsDiagnosticsOfInvalidDefinition() {
        auto window = makeWindow();
        QVERIFY(window->openFile(writeFile("invalid.asl.json", kInvalid)));
        const DiagnosticsPanel* panel = window->diagnosticsPanel();
        QCOMPARE(column(panel, DiagnosticsPanel::CodeColumn),
                 QStringList({"SCHEMA_VALIDATION_FAILED", "MISSING_TRANSITION_TARGET",
                              "MISSING_TRANSITION_TARGET", "MISSING_END_STATE"}));
        QCOMPARE(column(panel, DiagnosticsPanel::LocationColumn),
                 QStringList({"/States/Transform/Retry/0/BackoffRate  (line 8)",
                              "/States/Transform/Next  (line 9)", "/States/Done  (line 11)",
                              "/States  (line 3)"}));
        QCOMPARE(panel->topLevelItem(1)->text(DiagnosticsPanel::MessageColumn),
                 QStringLiteral("no state named \"Load\" in this scope"));
        QCOMPARE(window->statusSummary(), QStringLiteral("4 errors, 0 warnings"));
        QCOMPARE(window->stateTree()->topLevelItemCount(), 3); // the tree still shows it
    }

    void selectingDiagnosticSelectsState_data() {
        QTest::addColumn<int>("row");
        QTest::addColumn<QString>("statePointer");
        QTest::newRow("BackoffRate") << 0 << "/States/Transform";
        QTest::newRow("Next") << 1 << "/States/Transform";
        QTest::newRow("state itself") << 2 << "/States/Done";
        QTest::newRow("no state") << 3 << "";
    }
    void selectingDiagnosticSelectsState() {
        QFETCH(int, row);
        QFETCH(QString, statePointer);
        auto window = makeWindow();
        QVERIFY(window->openFile(writeFile("invalid.asl.json", kInvalid)));
        window->stateTree()->setCurrentItem(window->stateTree()->itemFor("/States/Extract"));
        DiagnosticsPanel* panel = window->diagnosticsPanel();
        QTreeWidgetItem* item = panel->topLevelItem(row);
        panel->setCurrentItem(item);
        QCOMPARE(window->session().selection(),
                 item->data(0, DiagnosticsPanel::PointerRole).toString());
        QCOMPARE(window->stateTree()->currentPointer(), statePointer);
        QCOMPARE(panel->currentItem(), item); // the clicked row stays selected
    }

    void clickingDiagnosticSelectsState() {
        auto window = makeWindow();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QVERIFY(window->openFile(writeFile("invalid.asl.json", kInvalid)));
        DiagnosticsPanel* panel = window->diagnosticsPanel();
        const QRect rect = panel->visualItemRect(panel->topLevelItem(0));
        QTest::mouseClick(panel->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(window->stateTree()->currentItem()->text(StateTreeView::NameColumn),
                 QStringLiteral("Transform"));
        QVERIFY(window->stateTree()->currentItem()->isSelected());
    }

    void selectingStateHighlightsItsDiagnostics() {
        auto window = makeWindow();
        QVERIFY(window->openFile(writeFile("invalid.asl.json", kInvalid)));
        DiagnosticsPanel* panel = window->diagnosticsPanel();
        const auto highlighted = [panel] {
            QList<bool> out;
            for (int i = 0; i < panel->topLevelItemCount(); ++i)
                out << panel->topLevelItem(i)->data(0, DiagnosticsPanel::HighlightRole).toBool();
            return out;
        };
        panel->setCurrentItem(panel->topLevelItem(2)); // Done's, selected in the list
        StateTreeView* tree = window->stateTree();
        tree->setCurrentItem(tree->itemFor("/States/Transform"));
        QCOMPARE(window->session().selection(), QStringLiteral("/States/Transform"));
        QCOMPARE(highlighted(), QList<bool>({true, true, false, false}));
        QVERIFY(panel->selectedItems().isEmpty()); // Done's row is not about Transform
        tree->setCurrentItem(tree->itemFor("/States/Done"));
        QCOMPARE(highlighted(), QList<bool>({false, false, true, false}));
        tree->setCurrentItem(tree->itemFor("/States/Extract"));
        QCOMPARE(highlighted(), QList<bool>({false, false, false, false}));
    }

    void missingFileShowsErrorRow() {
        auto window = makeWindow();
        const QString path = m_dir.filePath("missing.asl.json");
        QVERIFY(!window->openFile(path));
        QCOMPARE(window->windowTitle(), QStringLiteral("missing.asl.json[*] \u2014 Flowcast"));
        QCOMPARE(window->stateTree()->topLevelItemCount(), 0);
        const DiagnosticsPanel* panel = window->diagnosticsPanel();
        QCOMPARE(panel->topLevelItemCount(), 1);
        QCOMPARE(panel->topLevelItem(0)->text(DiagnosticsPanel::CodeColumn),
                 QStringLiteral("FILE_NOT_FOUND"));
        QCOMPARE(panel->topLevelItem(0)->text(DiagnosticsPanel::LocationColumn),
                 QStringLiteral("missing.asl.json"));
        QCOMPARE(panel->topLevelItem(0)->text(DiagnosticsPanel::MessageColumn),
                 QStringLiteral("no such file"));
        QCOMPARE(window->statusSummary(), QStringLiteral("1 error, 0 warnings"));
        QVERIFY(!window->recentFiles().files().contains(path));
    }

    void truncatedJsonShowsLineAndColumn() {
        auto window = makeWindow();
        QVERIFY(window->openFile(sample("emr-direct")));
        const QString path =
            writeFile("trunc.asl.json",
                      "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\",");
        QVERIFY(!window->openFile(path));
        QCOMPARE(window->stateTree()->topLevelItemCount(), 0); // the previous file is gone
        const DiagnosticsPanel* panel = window->diagnosticsPanel();
        QCOMPARE(panel->topLevelItemCount(), 1);
        QCOMPARE(panel->topLevelItem(0)->text(DiagnosticsPanel::CodeColumn),
                 QStringLiteral("INVALID_JSON_DESCRIPTION"));
        QCOMPARE(panel->topLevelItem(0)->text(DiagnosticsPanel::LocationColumn),
                 QStringLiteral("trunc.asl.json:4:26"));
        // It exists, so it is remembered: it is the file being fixed.
        QCOMPARE(window->recentFiles().files().first(), path);
    }

    void templateShowsEachStateMachine() {
        auto window = makeWindow();
        QVERIFY(window->openFile(writeFile("stack.json", R"({
          "Resources": {
            "Nightly": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {"Definition":
              {"StartAt": "A", "States": {"A": {"Type": "Task", "End": true,
                "Resource": "arn:aws:states:::lambda:invoke",
                "Retry": [{"ErrorEquals": ["States.ALL"], "BackoffRate": 0.5}]}}}}},
            "External": {"Type": "AWS::Serverless::StateMachine",
                         "Properties": {"DefinitionUri": "sm.asl.json"}}
          }})")));
        StateTreeView* tree = window->stateTree();
        QCOMPARE(topLevelNames(tree), QStringList({"Nightly"}));
        QCOMPARE(childNames(tree->topLevelItem(0)), QStringList({"A"}));
        QCOMPARE(window->statusSummary(), QStringLiteral("1 error, 1 warning"));
        DiagnosticsPanel* panel = window->diagnosticsPanel();
        QCOMPARE(column(panel, DiagnosticsPanel::CodeColumn),
                 QStringList({"EXTERNAL_DEFINITION", "SCHEMA_VALIDATION_FAILED"}));
        panel->setCurrentItem(panel->topLevelItem(1));
        QCOMPARE(tree->currentItem(), tree->topLevelItem(0)->child(0));
    }

    void recentFilesUpdateAndDropMissing() {
        const QString settings = QStringLiteral("recent.ini");
        const QString first = writeFile("first.asl.json", kInvalid);
        const QString second = writeFile("second.asl.json", kInvalid);
        {
            auto window = makeWindow(settings);
            QVERIFY(!window->recentMenu()->menuAction()->isEnabled());
            window->openFile(first);
            window->openFile(second);
            window->openFile(first);
            QMenu* menu = window->recentMenu();
            QVERIFY(menu->menuAction()->isEnabled());
            QStringList texts;
            for (QAction* a : menu->actions())
                if (!a->isSeparator()) texts << a->text();
            QCOMPARE(texts, QStringList({"&1  first.asl.json", "&2  second.asl.json",
                                         "&Clear Recent Files"}));
            QCOMPARE(menu->actions().first()->data().toString(), first);
        }
        QVERIFY(QFile::remove(second));
        auto window = makeWindow(settings); // a new window reads the same settings
        QCOMPARE(window->recentFiles().files(), QStringList({first}));
        emit window->recentMenu()->aboutToShow();
        QAction* entry = window->recentMenu()->actions().first();
        QCOMPARE(entry->text(), QStringLiteral("&1  first.asl.json"));
        entry->trigger();
        QCOMPARE(window->session().path(), first);
        QCOMPARE(window->statusSummary(), QStringLiteral("4 errors, 0 warnings"));
    }

    void droppedFileOpens() {
        auto window = makeWindow();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(sample("glue-job-chain"))});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, {});
        QApplication::sendEvent(window.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, {});
        QApplication::sendEvent(window.get(), &drop);
        QCOMPARE(window->windowTitle(),
                 QStringLiteral("glue-job-chain.asl.json[*] \u2014 Flowcast"));
        QCOMPARE(window->stateTree()->topLevelItemCount(), 15);

        QMimeData web;
        web.setUrls({QUrl("https://example.com/x.asl.json")});
        QDragEnterEvent refused(QPoint(10, 10), Qt::CopyAction, &web, Qt::LeftButton, {});
        refused.ignore();
        QApplication::sendEvent(window.get(), &refused);
        QVERIFY(!refused.isAccepted());
    }

    void reloadShowsChangesAndKeepsSelection() {
        auto window = makeWindow();
        const QString path = writeFile("reload.asl.json", kInvalid);
        QVERIFY(window->openFile(path));
        window->stateTree()->setCurrentItem(window->stateTree()->itemFor("/States/Done"));
        QByteArray fixed = kInvalid;
        fixed.replace("\"Load\"", "\"Done\"").replace("0.5", "1.5");
        writeFile("reload.asl.json", fixed);
        window->reload();
        QCOMPARE(window->statusSummary(), QStringLiteral("No problems"));
        QCOMPARE(window->stateTree()->currentPointer(), QStringLiteral("/States/Done"));
    }

    void statusSummary_data() {
        QTest::addColumn<int>("errors");
        QTest::addColumn<int>("warnings");
        QTest::addColumn<QString>("text");
        QTest::newRow("none") << 0 << 0 << "No problems";
        QTest::newRow("singular") << 1 << 1 << "1 error, 1 warning";
        QTest::newRow("plural") << 2 << 3 << "2 errors, 3 warnings";
        QTest::newRow("warnings only") << 0 << 2 << "0 errors, 2 warnings";
    }
    void statusSummary() {
        QFETCH(int, errors);
        QFETCH(int, warnings);
        QFETCH(QString, text);
        QCOMPARE(DiagnosticsPanel::summary(errors, warnings), text);
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
