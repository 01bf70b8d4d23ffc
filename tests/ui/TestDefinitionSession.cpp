// DefinitionSession: loading (good, unreadable, templates), which node owns a pointer, and the
// selection signals the views rely on.
#include "ui/session/DefinitionSession.h"

#include "model/asl/AslReader.h"
#include "model/document/ProjectFile.h"
#include "model/document/StateEdits.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using flowcast::ui::DefinitionSession;
namespace edits = flowcast::model::edits;

namespace {

QString sample(const char* name) {
    return QStringLiteral(FLOWCAST_SOURCE_DIR "/samples/%1/%1.asl.json").arg(QLatin1String(name));
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text) {
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
    file.write(text);
    return path;
}

} // namespace

class TestDefinitionSession : public QObject {
    Q_OBJECT

private slots:
    void loadsSampleAndCountsNestedStates() {
        DefinitionSession session;
        QSignalSpy loaded(&session, &DefinitionSession::documentLoaded);
        QSignalSpy failed(&session, &DefinitionSession::loadFailed);
        QVERIFY(session.open(sample("use-case-fanout")));
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(failed.count(), 0);
        QVERIFY(session.hasDocument());
        QVERIFY(!session.isTemplate());
        QCOMPARE(session.fileName(), QStringLiteral("use-case-fanout.asl.json"));
        QCOMPARE(session.definitions().size(), std::size_t(1));
        QCOMPARE(session.stateCount(), std::size_t(15)); // 9 top level + 3 branches of 2
        QCOMPARE(session.errorCount(), 0);
        const auto* state = session.stateAt("/States/RunUseCases/Branches/2/States/ForecastDemand");
        QVERIFY(state);
        QCOMPARE(state->name, std::string("ForecastDemand"));
        QCOMPARE(session.stateAt("/States/RunUseCases/Branches/2"), nullptr);
    }

    void opensYaml() {
        QTemporaryDir dir;
        const QString path = writeFile(dir, "flow.asl.yaml",
                                       "StartAt: Copy\n"
                                       "States:\n"
                                       "  Copy:\n"
                                       "    Type: Task\n"
                                       "    Resource: arn:aws:states:::lambda:invoke\n"
                                       "    Next: Done\n"
                                       "  Done:\n"
                                       "    Type: Succeed\n");
        DefinitionSession session;
        QVERIFY(session.open(path));
        QCOMPARE(session.errorCount(), 0);
        QCOMPARE(session.definitions().size(), std::size_t(1));
        const auto& states = session.definitions()[0].machine.states();
        QCOMPARE(states.size(), std::size_t(2));
        QCOMPARE(states[0].pointer, std::string("/States/Copy"));
        QCOMPARE(states[1].name, std::string("Done"));

        // Saved as YAML again, an edit included: block YAML, not JSON, read back equal.
        QVERIFY(session.apply(flowcast::model::edits::setValue(
            session.document(), "/States/Copy/Comment", "copies: the raw files")));
        QVERIFY(session.save());
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray text = saved.readAll();
        QVERIFY2(text.startsWith("StartAt: Copy\nStates:\n  Copy:\n    Type: Task\n"),
                 text.constData());
        QVERIFY(text.contains("Comment: \"copies: the raw files\"\n"));
        DefinitionSession again;
        QVERIFY(again.open(path));
        QCOMPARE(again.document().definition(), session.document().definition());
        // Exported to .json, JSON.
        const QString json = dir.filePath("flow.asl.json");
        QVERIFY(session.exportAsl(json));
        QFile exported(json);
        QVERIFY(exported.open(QIODevice::ReadOnly));
        QVERIFY(exported.readAll().startsWith("{"));
    }

    void ownerOf_data() {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("owner");
        const QString p = QStringLiteral("/States/BuildFeatureSets");
        QTest::newRow("state") << "/States/CreateCluster"
                               << "/States/CreateCluster";
        QTest::newRow("field of a state") << "/States/CreateCluster/Parameters/Name"
                                          << "/States/CreateCluster";
        QTest::newRow("state in a branch")
            << p + "/Branches/0/States/BuildUserFeatures/Parameters/Step/Name"
            << p + "/Branches/0/States/BuildUserFeatures";
        QTest::newRow("branch's own field") << p + "/Branches/1/StartAt" << p + "/Branches/1";
        QTest::newRow("branches array") << p + "/Branches" << p;
        QTest::newRow("top level") << "/StartAt"
                                   << "";
        QTest::newRow("States object") << "/States"
                                       << "";
        QTest::newRow("missing state") << "/States/Nope/Next"
                                       << "";
        QTest::newRow("whole document") << ""
                                        << "";
        QTest::newRow("not a pointer") << "States"
                                       << "";
    }
    void ownerOf() {
        QFETCH(QString, pointer);
        QFETCH(QString, owner);
        DefinitionSession session;
        QVERIFY(session.open(sample("emr-direct")));
        QCOMPARE(session.ownerOf(pointer), owner);
    }

    void unreadableFileFailsWithPlace() {
        QTemporaryDir dir;
        const QString path =
            writeFile(dir, "trunc.asl.json",
                      "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\",");
        DefinitionSession session;
        QSignalSpy loaded(&session, &DefinitionSession::documentLoaded);
        QSignalSpy failed(&session, &DefinitionSession::loadFailed);
        QVERIFY(!session.open(path));
        QCOMPARE(loaded.count(), 0);
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).toString(),
                 QStringLiteral("trunc.asl.json:4:26: the text ends early: an object is not closed "
                                "with '}' (INVALID_JSON_DESCRIPTION)"));
        QVERIFY(!session.hasDocument());
        QCOMPARE(session.path(), path); // kept, so reload() can retry once it is fixed
        QCOMPARE(session.definitions().size(), std::size_t(0));
        QCOMPARE(session.errorCount(), 1);
    }

    void failedLoadReplacesPreviousDocument() {
        DefinitionSession session;
        QVERIFY(session.open(sample("emr-direct")));
        QVERIFY(!session.open(QStringLiteral("/nonexistent/missing.asl.json")));
        QCOMPARE(session.stateCount(), std::size_t(0));
        QCOMPARE(session.diagnostics().size(), std::size_t(1));
        QCOMPARE(session.diagnostics()[0].code, std::string("FILE_NOT_FOUND"));
    }

    void selectionSignalsOnlyChanges() {
        DefinitionSession session;
        QVERIFY(session.open(sample("emr-direct")));
        QSignalSpy changed(&session, &DefinitionSession::selectionChanged);
        session.select("/States/CleanRawEvents/Next");
        session.select("/States/CleanRawEvents/Next");
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("/States/CleanRawEvents/Next"));
        QCOMPARE(session.selection(), QStringLiteral("/States/CleanRawEvents/Next"));
    }

    void reloadKeepsSelectionThatStillExists() {
        QTemporaryDir dir;
        const QByteArray two =
            R"({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Succeed"}}})";
        const QString path = writeFile(dir, "two.asl.json", two);
        DefinitionSession session;
        QVERIFY(session.open(path));
        session.select("/States/B");
        QVERIFY(session.reload());
        QCOMPARE(session.selection(), QStringLiteral("/States/B"));

        writeFile(dir, "two.asl.json", R"({"StartAt":"A","States":{"A":{"Type":"Succeed"}}})");
        QVERIFY(session.reload());
        QCOMPARE(session.stateCount(), std::size_t(1));
        QCOMPARE(session.selection(), QString()); // B is gone
    }

    void templateDefinitionsAreNamedByResource() {
        QTemporaryDir dir;
        const QString path = writeFile(dir, "stack.json", R"({
          "Resources": {
            "Nightly": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {"Definition":
              {"StartAt": "A", "States": {"A": {"Type": "Task", "End": true,
                "Resource": "arn:aws:states:::lambda:invoke",
                "Retry": [{"ErrorEquals": ["States.ALL"], "BackoffRate": 0.5}]}}}}},
            "External": {"Type": "AWS::Serverless::StateMachine",
                         "Properties": {"DefinitionUri": "sm.asl.json"}}
          }})");
        DefinitionSession session;
        QVERIFY(session.open(path));
        QVERIFY(session.isTemplate());
        QCOMPARE(session.definitions().size(), std::size_t(1));
        QCOMPARE(session.definitions()[0].title, QStringLiteral("Nightly"));
        QCOMPARE(session.errorCount(), 1);
        QCOMPARE(session.warningCount(), 1);
        const QString def = QStringLiteral("/Resources/Nightly/Properties/Definition");
        QCOMPARE(session.ownerOf(def + "/States/A/Retry/0/BackoffRate"), def + "/States/A");
        QCOMPARE(session.ownerOf(def + "/StartAt"), def);
        QCOMPARE(session.ownerOf("/Resources/External/Properties"), QString());
    }

    void editsRevalidateAndUndo() {
        DefinitionSession session;
        QVERIFY(session.open(sample("emr-livy")));
        QSignalSpy content(&session, &DefinitionSession::contentChanged);
        QSignalSpy modified(&session, &DefinitionSession::modifiedChanged);
        QCOMPARE(session.errorCount(), 0);
        // Pointing a Next at nothing is an error the validator reports at once, with a line.
        QVERIFY(session.apply(
            edits::setTarget(session.document(), "/States/SetJobConfig/Next", "Nowhere")));
        QCOMPARE(content.count(), 1);
        QVERIFY(session.errorCount() > 0);
        const auto& diagnostics = session.diagnostics();
        const auto at = std::find_if(diagnostics.begin(), diagnostics.end(), [](const auto& d) {
            return d.location == "/States/SetJobConfig/Next";
        });
        QVERIFY(at != diagnostics.end());
        QVERIFY(at->isError() && at->line > 0);
        QVERIFY(session.isModified());
        QCOMPARE(modified.count(), 1);
        session.document().undo();
        QCOMPARE(session.errorCount(), 0);
        QVERIFY(!session.isModified());
        QCOMPARE(modified.count(), 2);
    }

    void refusedEditSaysWhyAndChangesNothing() {
        DefinitionSession session;
        QVERIFY(session.open(sample("emr-livy")));
        QSignalSpy failed(&session, &DefinitionSession::editFailed);
        const auto before = session.document().definition();
        flowcast::model::Edit bad{"bad",
                                  {flowcast::model::JsonOp::remove(
                                      flowcast::model::DocumentPart::Definition, "/States/Nope")},
                                  {}};
        QVERIFY(!session.apply(bad));
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("nothing at /States/Nope"));
        QCOMPARE(session.document().definition(), before);
    }

    void selectionOfDeletedStateClears() {
        DefinitionSession session;
        QVERIFY(session.open(sample("emr-livy")));
        session.select("/States/SetJobConfig/Result");
        QVERIFY(session.apply(edits::removeStates(session.document(), {"/States/SetJobConfig"})));
        QCOMPARE(session.selection(), QString());
    }

    void savesProjectWithLayoutAndExportsAsl() {
        QTemporaryDir dir;
        DefinitionSession session;
        QVERIFY(session.open(sample("glue-job-chain")));
        const auto original = session.document().definition();
        QVERIFY(session.apply(
            edits::moveStates(session.document(), {{"/States/StartRawCrawler", {12, 34}}})));
        const QString project = dir.filePath("chain.flowcast.json");
        QVERIFY(session.save(project));
        QVERIFY(!session.isModified());
        QCOMPARE(session.path(), project);
        const auto read = flowcast::model::ProjectFile::read(project.toStdString());
        QVERIFY(read.project);
        QCOMPARE(read.project->definition, original);
        QCOMPARE(read.project->layout["positions"]["/States/StartRawCrawler"]["x"].get<double>(),
                 12.0);
        // The exported ASL is the definition alone, the same JSON as the sample.
        const QString asl = dir.filePath("chain.asl.json");
        QVERIFY(session.exportAsl(asl));
        const auto exported = flowcast::model::AslReader::readFile(asl.toStdString());
        QVERIFY(exported.ok());
        QCOMPARE(exported.json->dump(), original.dump());
        // The project opens again with its layout.
        DefinitionSession again;
        QVERIFY(again.open(project));
        QCOMPARE(again.document().layout(), read.project->layout);
        QCOMPARE(again.stateCount(), session.stateCount());
    }

    void unwritablePathFailsAndStaysModified() {
        DefinitionSession session;
        QVERIFY(session.open(sample("glue-job-chain")));
        QVERIFY(session.apply(edits::setValue(session.document(), "/Comment", "changed")));
        QSignalSpy failed(&session, &DefinitionSession::saveFailed);
        QVERIFY(!session.save("/nonexistent/dir/x.flowcast.json"));
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.at(0).at(0).toString().contains("/nonexistent/dir/x.flowcast.json"));
        QVERIFY(session.isModified());
    }

    void templatesAreReadOnly() {
        QTemporaryDir dir;
        const QString path = writeFile(dir, "stack.json", R"({"Resources": {"N": {
            "Type": "AWS::StepFunctions::StateMachine", "Properties": {"Definition":
            {"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}}}}})");
        DefinitionSession session;
        QVERIFY(session.open(path));
        QVERIFY(!session.isEditable());
        QSignalSpy failed(&session, &DefinitionSession::editFailed);
        QVERIFY(!session.apply(edits::setValue(session.document(), "/Comment", "x")));
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.at(0).at(0).toString().contains("template"));
    }

    void oddlyTypedFieldsAreRefusedNotFatal() {
        DefinitionSession session;
        session.newDocument();
        QVERIFY(session.apply(edits::replaceDefinition(
            session.document(),
            {{"StartAt", "A"},
             {"States", {{"A", {{"Type", 5}, {"End", true}}}, {"B", {{"Type", "Succeed"}}}}}})));
        QSignalSpy failed(&session, &DefinitionSession::editFailed);
        QVERIFY(!session.edit([](const flowcast::model::Document& d) {
            return edits::connect(d, "/States/A", "B");
        }));
        QCOMPARE(failed.count(), 1);
    }

    void newDocumentIsEmptyAndEditable() {
        DefinitionSession session;
        QVERIFY(session.open(sample("glue-job-chain")));
        session.newDocument();
        QVERIFY(session.isEditable());
        QCOMPARE(session.path(), QString());
        QCOMPARE(session.stateCount(), std::size_t(0));
        QVERIFY(
            session.apply(edits::addState(session.document(), "", "Only", {{"Type", "Succeed"}})));
        QCOMPARE(session.stateCount(), std::size_t(1));
        QCOMPARE(session.errorCount(), 0);
    }
};

QTEST_MAIN(TestDefinitionSession)
#include "TestDefinitionSession.moc"
