// InspectorView: the form shows the fields of the selected state's type, a committed field
// changes exactly that value in one undo step, invalid text shows a message and changes nothing,
// and the header, Retry rows, Choice rules and Next combo write the ASL they should.
#include "model/document/StateEdits.h"
#include "ui/inspector/ChoiceRulesEditor.h"
#include "ui/inspector/InspectorView.h"
#include "ui/session/DefinitionSession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using flowcast::model::Json;
using flowcast::ui::DefinitionSession;
using flowcast::ui::FieldEditor;
using flowcast::ui::InspectorView;

namespace {

QString sample(const QString& name) {
    return QStringLiteral(FLOWCAST_SOURCE_DIR "/samples/%1/%1.asl.json").arg(name);
}

// A JSONata state machine: no sample uses JSONata yet.
Json jsonataDefinition() {
    return Json::parse(
        "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"Go\", \"States\": {"
        "\"Go\": {\"Type\": \"Pass\", \"Output\": \"{% $states.input %}\", \"Next\": \"Pick\"},"
        "\"Pick\": {\"Type\": \"Choice\", \"Choices\": [{\"Condition\": \"{% $states.input.n > "
        "1 %}\", \"Next\": \"Done\"}], \"Default\": \"Done\"},"
        "\"Done\": {\"Type\": \"Succeed\"}}}");
}

void typeInto(QLineEdit* field, const QString& text) {
    field->selectAll();
    QTest::keyClick(field, Qt::Key_Delete);
    QTest::keyClicks(field, text);
    QTest::keyClick(field, Qt::Key_Return);
}

void choose(QComboBox* combo, const QString& text) {
    int index = combo->findText(text);
    if (index < 0) index = combo->findData(text);
    QVERIFY2(index >= 0, qPrintable(text));
    combo->setCurrentIndex(index);
    emit combo->activated(index);
}

} // namespace

class TestInspectorView : public QObject {
    Q_OBJECT

    DefinitionSession m_session;
    std::unique_ptr<InspectorView> m_view;
    QTemporaryDir m_dir;

    const Json& definition() { return m_session.document().definition(); }
    std::size_t steps() { return m_session.document().undoCount(); }
    template <typename T> T* find(const QString& name) {
        return m_view->widget()->findChild<T*>(name);
    }
    void openAndSelect(const QString& file, const QString& state) {
        QVERIFY(m_session.open(file));
        m_session.select(state);
        QCOMPARE(m_view->statePointer(), state);
    }
    QString jsonataFile() {
        const QString path = m_dir.filePath(QStringLiteral("jsonata.asl.json"));
        std::ofstream(path.toStdString()) << jsonataDefinition().dump(2);
        return path;
    }

private slots:
    void init() { m_view = std::make_unique<InspectorView>(m_session); }
    void cleanup() { m_view.reset(); }

    void showsAMessageWhenNothingIsSelected() {
        QVERIFY(m_session.open(sample("data-lake-etl")));
        QVERIFY(find<QLabel>("inspector:empty") != nullptr);
        m_session.select("/States/WaitForCrawler");
        QVERIFY(find<QLabel>("inspector:empty") == nullptr);
        m_session.select(QString());
        QVERIFY(find<QLabel>("inspector:empty") != nullptr);
    }

    void showsTheFieldsOfTheType_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QStringList>("present");
        QTest::addColumn<QStringList>("absent");
        QTest::newRow("Task") << "data-lake-etl"
                              << "/States/SourceFilesToRawZone"
                              << QStringList{"field:name",
                                             "field:/Comment",
                                             "field:/Resource",
                                             "field:/Parameters",
                                             "field:/TimeoutSeconds",
                                             "field:/HeartbeatSecondsPath",
                                             "field:/Credentials",
                                             "field:/InputPath",
                                             "field:/ResultSelector",
                                             "field:/ResultPath",
                                             "field:/Assign",
                                             "field:/Next",
                                             "field:/End",
                                             "field:/Retry/1/MaxAttempts",
                                             "field:/Retry/0/JitterStrategy",
                                             "field:/Catch/0/Next",
                                             "field:/Catch/0/ResultPath"}
                              << QStringList{"field:/Arguments", "field:/Output", "field:/Result",
                                             "field:waitKind"};
        QTest::newRow("Wait") << "data-lake-etl"
                              << "/States/WaitForCrawler"
                              << QStringList{"field:waitKind", "field:/Seconds", "field:/Next"}
                              << QStringList{"field:/Resource", "section:Retry", "field:/Result"};
        QTest::newRow("Fail") << "data-lake-etl"
                              << "/States/PipelineFailed"
                              << QStringList{"field:/Error", "field:/Cause", "field:/ErrorPath"}
                              << QStringList{"field:/Next", "field:/InputPath", "field:/Assign"};
        QTest::newRow("Succeed") << "data-lake-etl"
                                 << "/States/PipelineSucceeded"
                                 << QStringList{"field:/InputPath", "field:/OutputPath"}
                                 << QStringList{"field:/Next", "field:/End", "field:/Assign"};
        QTest::newRow("Choice") << "glue-job-chain"
                                << "/States/ChooseLoadType"
                                << QStringList{"operator:/Choices/0", "field:/Choices/0/Variable",
                                               "field:/Choices/1/StringEquals",
                                               "field:/Choices/1/Next", "field:/Default"}
                                << QStringList{"field:/Next", "section:Retry"};
        QTest::newRow("Choice Not")
            << "glue-job-chain"
            << "/States/HasLoadType"
            << QStringList{"condition:/Choices/0", "field:/Choices/0/Not/Variable",
                           "operator:/Choices/0/Not"}
            << QStringList{};
        QTest::newRow("distributed Map")
            << "s3-object-fanout"
            << "/States/CompactRawObjects"
            << QStringList{"field:/ItemProcessor/ProcessorConfig/Mode",
                           "field:/ItemProcessor/ProcessorConfig/ExecutionType",
                           "field:/ToleratedFailurePercentage",
                           "field:/Label",
                           "field:/MaxConcurrency",
                           "section:Catch"}
            << QStringList{"field:/Items"};
        QTest::newRow("inline Map")
            << "streaming-micro-batch"
            << "/States/ProcessRecords"
            << QStringList{"field:/ItemsPath", "field:/ItemSelector", "field:/MaxConcurrency"}
            << QStringList{"field:/Label", "field:/ToleratedFailureCount"};
        QTest::newRow("Parallel") << "emr-direct"
                                  << "/States/BuildFeatureSets"
                                  << QStringList{"field:branchCount", "field:/Catch/0/Next"}
                                  << QStringList{"field:/Resource"};
        QTest::newRow("Pass") << "emr-livy"
                              << "/States/SetJobConfig"
                              << QStringList{"field:/Result", "field:/ResultPath",
                                             "field:/Parameters"}
                              << QStringList{"field:/Resource", "section:Retry"};
    }
    void showsTheFieldsOfTheType() {
        QFETCH(QString, file);
        QFETCH(QString, state);
        QFETCH(QStringList, present);
        QFETCH(QStringList, absent);
        openAndSelect(sample(file), state);
        for (const QString& name : present)
            QVERIFY2(find<QWidget>(name) != nullptr, qPrintable(name));
        for (const QString& name : absent)
            QVERIFY2(find<QWidget>(name) == nullptr, qPrintable(name));
    }

    void showsTheValues() {
        openAndSelect(sample("data-lake-etl"), "/States/SourceFilesToRawZone");
        QCOMPARE(find<QLineEdit>("field:name")->text(), QStringLiteral("SourceFilesToRawZone"));
        QCOMPARE(find<QLineEdit>("field:/TimeoutSeconds")->text(), QStringLiteral("900"));
        QCOMPARE(find<QLineEdit>("field:/Retry/1/ErrorEquals")->text(),
                 QStringLiteral("States.Timeout"));
        QCOMPARE(find<QComboBox>("field:/Next")->currentText(),
                 QStringLiteral("RecordFilesSourced"));
        QVERIFY(find<QPlainTextEdit>("field:/Parameters")->toPlainText().contains("Payload.$"));
        QCOMPARE(find<QLabel>("field:type")->text(), QStringLiteral("Lambda: invoke"));
    }

    void jsonataStatesShowJsonataFields() {
        openAndSelect(jsonataFile(), "/States/Go");
        QVERIFY(find<QWidget>("field:/Output") != nullptr);
        QVERIFY(find<QWidget>("field:/Assign") != nullptr);
        QVERIFY(find<QWidget>("field:/InputPath") == nullptr);
        QVERIFY(find<QWidget>("field:/Parameters") == nullptr);
        m_session.select("/States/Pick");
        QCOMPARE(find<QLineEdit>("field:/Choices/0/Condition")->text(),
                 QStringLiteral("{% $states.input.n > 1 %}"));
        QVERIFY(find<QWidget>("operator:/Choices/0") == nullptr);
    }

    void aCommittedFieldChangesOnlyItsValue() {
        openAndSelect(sample("data-lake-etl"), "/States/SourceFilesToRawZone");
        Json expected = definition();
        expected["States"]["SourceFilesToRawZone"]["TimeoutSeconds"] = 1200;
        const auto before = steps();
        typeInto(find<QLineEdit>("field:/TimeoutSeconds"), "1200");
        QCOMPARE(definition(), expected);
        QCOMPARE(steps(), before + 1);
        QCOMPARE(find<QLineEdit>("field:/TimeoutSeconds")->text(), QStringLiteral("1200"));
        m_session.document().undo();
        QCOMPARE(definition()["States"]["SourceFilesToRawZone"]["TimeoutSeconds"], Json(900));
    }

    void aNewFieldIsAddedAndAnEmptyOneRemoved() {
        openAndSelect(sample("data-lake-etl"), "/States/SourceFilesToRawZone");
        typeInto(find<QLineEdit>("field:/HeartbeatSeconds"), "60");
        QCOMPARE(definition()["States"]["SourceFilesToRawZone"]["HeartbeatSeconds"], Json(60));
        typeInto(find<QLineEdit>("field:/HeartbeatSeconds"), "");
        QVERIFY(!definition()["States"]["SourceFilesToRawZone"].contains("HeartbeatSeconds"));
    }

    void invalidTextShowsWhyAndChangesNothing_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        const QString etl = sample("data-lake-etl");
        const QString task = "/States/SourceFilesToRawZone";
        QTest::newRow("JSONPath") << etl << task << "/InputPath"
                                  << "$..["
                                  << "not a valid path";
        QTest::newRow("MaxAttempts") << etl << task << "/Retry/0/MaxAttempts"
                                     << "-1"
                                     << "must be from 0 to 99999999, not -1";
        QTest::newRow("BackoffRate") << etl << task << "/Retry/0/BackoffRate"
                                     << "0.5"
                                     << "must be at least 1.0";
        QTest::newRow("TimeoutSeconds") << etl << task << "/TimeoutSeconds"
                                        << "0"
                                        << "must be from 1 to 99999999, not 0";
        QTest::newRow("not a number") << etl << task << "/TimeoutSeconds"
                                      << "ten"
                                      << "must be a whole number";
        QTest::newRow("JSON") << etl << task << "/Parameters"
                              << "{"
                              << "not valid JSON";
        QTest::newRow("intrinsic") << etl << task << "/Parameters"
                                   << "{\"a.$\": \"States.Format(\"}"
                                   << "at /a.$:";
        QTest::newRow("JSONata") << QString() << "/States/Go"
                                 << "/Output"
                                 << "{% $x + %}"
                                 << "S0207 at character 6: Unexpected end of expression";
        QTest::newRow("Condition") << QString() << "/States/Pick"
                                   << "/Choices/0/Condition"
                                   << "{% ( %}"
                                   << "S0";
    }
    void invalidTextShowsWhyAndChangesNothing() {
        QFETCH(QString, file);
        QFETCH(QString, state);
        QFETCH(QString, field);
        QFETCH(QString, text);
        QFETCH(QString, message);
        openAndSelect(file.isEmpty() ? jsonataFile() : file, state);
        const Json before = definition();
        const auto stepsBefore = steps();
        FieldEditor* editor = m_view->fieldEditor(field);
        QVERIFY(editor != nullptr);
        if (auto* line = qobject_cast<QLineEdit*>(editor->input())) {
            line->selectAll();
            QTest::keyClicks(line, text); // checked on every keystroke
            QVERIFY2(editor->error().contains(message), qPrintable(editor->error()));
            QTest::keyClick(line, Qt::Key_Return);
        } else {
            static_cast<QPlainTextEdit*>(editor->input())->setPlainText(text);
            QVERIFY(!editor->commit());
        }
        QVERIFY2(editor->error().contains(message), qPrintable(editor->error()));
        auto* label = find<QLabel>("error:" + field);
        QVERIFY(label != nullptr && !label->isHidden());
        QCOMPARE(label->text(), editor->error());
        QCOMPARE(definition(), before);
        QCOMPARE(steps(), stepsBefore);
    }

    void aValidJsonataExpressionCommits() {
        openAndSelect(jsonataFile(), "/States/Go");
        auto* editor = m_view->fieldEditor("/Output");
        static_cast<QPlainTextEdit*>(editor->input())->setPlainText("{% $states.input.a + 1 %}");
        QVERIFY(editor->error().isEmpty());
        QVERIFY(editor->commit());
        QCOMPARE(definition()["States"]["Go"]["Output"], Json("{% $states.input.a + 1 %}"));
    }

    void renamingFollowsReferences() {
        openAndSelect(sample("data-lake-etl"), "/States/RecordFilesSourced");
        const auto before = steps();
        auto* name = find<QLineEdit>("field:name");
        name->selectAll();
        QTest::keyClicks(name, "StartCrawler");
        QVERIFY(find<QLabel>("error:name")->text().contains("already a state"));
        typeInto(find<QLineEdit>("field:name"), "RecordSourced");
        QCOMPARE(steps(), before + 1);
        QVERIFY(definition()["States"].contains("RecordSourced"));
        QVERIFY(!definition()["States"].contains("RecordFilesSourced"));
        QCOMPARE(definition()["States"]["SourceFilesToRawZone"]["Next"], Json("RecordSourced"));
        QCOMPARE(m_session.selection(), QStringLiteral("/States/RecordSourced"));
        QCOMPARE(find<QLineEdit>("field:name")->text(), QStringLiteral("RecordSourced"));
    }

    void retryRowsAreAddedRemovedAndMoved() {
        openAndSelect(sample("data-lake-etl"), "/States/SourceFilesToRawZone");
        const Json& retry = definition()["States"]["SourceFilesToRawZone"]["Retry"];
        const auto before = steps();
        find<QPushButton>("add:/Retry")->click();
        QCOMPARE(steps(), before + 1);
        QCOMPARE(retry.size(), std::size_t(3));
        QCOMPARE(retry[2]["ErrorEquals"], Json::array({"States.ALL"}));
        QVERIFY(find<QWidget>("field:/Retry/2/BackoffRate") != nullptr);
        find<QPushButton>("up:/Retry/1")->click();
        QCOMPARE(retry[0]["ErrorEquals"], Json::array({"States.Timeout"}));
        find<QPushButton>("remove:/Retry/0")->click();
        QCOMPARE(retry.size(), std::size_t(2));
        QCOMPARE(retry[0]["ErrorEquals"][0], Json("Lambda.ServiceException"));
        typeInto(find<QLineEdit>("field:/Retry/0/ErrorEquals"), "States.TaskFailed, X.Y");
        QCOMPARE(retry[0]["ErrorEquals"], Json::array({"States.TaskFailed", "X.Y"}));
        choose(find<QComboBox>("field:/Retry/1/JitterStrategy"), "FULL");
        QCOMPARE(retry[1]["JitterStrategy"], Json("FULL"));
    }

    void catchRowsTargetAState() {
        openAndSelect(sample("data-lake-etl"), "/States/SourceFilesToRawZone");
        choose(find<QComboBox>("field:/Catch/0/Next"), "PipelineFailed");
        QCOMPARE(definition()["States"]["SourceFilesToRawZone"]["Catch"][0]["Next"],
                 Json("PipelineFailed"));
        find<QPushButton>("add:/Catch")->click();
        const Json& added = definition()["States"]["SourceFilesToRawZone"]["Catch"][1];
        QCOMPARE(added["ErrorEquals"], Json::array({"States.ALL"}));
        QVERIFY(added["Next"].is_string());
    }

    void aChoiceOperatorChangeWritesTheRightAsl() {
        openAndSelect(sample("glue-job-chain"), "/States/ChooseLoadType");
        const auto before = steps();
        choose(find<QComboBox>("operator:/Choices/0"), "NumericGreaterThan");
        QCOMPARE(steps(), before + 1);
        const Json& rule = definition()["States"]["ChooseLoadType"]["Choices"][0];
        QCOMPARE(rule, Json::parse("{\"Variable\": \"$.loadType\", \"NumericGreaterThan\": 0, "
                                   "\"Next\": \"FullLoad\"}"));
        typeInto(find<QLineEdit>("field:/Choices/0/NumericGreaterThan"), "5");
        QCOMPARE(rule["NumericGreaterThan"], Json(5));
        typeInto(find<QLineEdit>("field:/Choices/0/NumericGreaterThan"), "five");
        QCOMPARE(rule["NumericGreaterThan"], Json(5));
        choose(find<QComboBox>("operator:/Choices/0"), "StringEqualsPath");
        QCOMPARE(rule["StringEqualsPath"], Json("$"));
        choose(find<QComboBox>("operator:/Choices/0"), "IsPresent");
        QCOMPARE(rule["IsPresent"], Json(true));
    }

    void choiceConditionsNest() {
        openAndSelect(sample("glue-job-chain"), "/States/ChooseLoadType");
        choose(find<QComboBox>("condition:/Choices/0"), "And");
        const Json& rule = definition()["States"]["ChooseLoadType"]["Choices"][0];
        QCOMPARE(rule["And"][0]["StringEquals"], Json("FULL"));
        QCOMPARE(rule["Next"], Json("FullLoad"));
        find<QPushButton>("add:/Choices/0")->click();
        QCOMPARE(rule["And"].size(), std::size_t(2));
        choose(find<QComboBox>("condition:/Choices/0/And/1"), "Not");
        QCOMPARE(rule["And"][1]["Not"]["Variable"], Json("$"));
        find<QPushButton>("up:/Choices/0/And/1")->click();
        QVERIFY(rule["And"][0].contains("Not"));
        find<QPushButton>("remove:/Choices/0/And/0")->click();
        QCOMPARE(rule["And"].size(), std::size_t(1));
        choose(find<QComboBox>("condition:/Choices/0"), "Comparison");
        QCOMPARE(rule["StringEquals"], Json("FULL"));
        QVERIFY(!rule.contains("And"));
    }

    void choiceRulesAreAddedAndDefaultChanges() {
        openAndSelect(sample("glue-job-chain"), "/States/ChooseLoadType");
        const Json& choice = definition()["States"]["ChooseLoadType"];
        find<QPushButton>("add:/Choices")->click();
        QCOMPARE(choice["Choices"].size(), std::size_t(3));
        find<QPushButton>("down:/Choices/0")->click();
        QCOMPARE(choice["Choices"][1]["Next"], Json("FullLoad"));
        choose(find<QComboBox>("field:/Choices/0/Next"), "ChainFailed");
        QCOMPARE(choice["Choices"][0]["Next"], Json("ChainFailed"));
        choose(find<QComboBox>("field:/Default"), "ChainSucceeded");
        QCOMPARE(choice["Default"], Json("ChainSucceeded"));
        choose(find<QComboBox>("field:/Default"), "(none)");
        QVERIFY(!choice.contains("Default"));
    }

    void nextAndEndChangeTheTransition() {
        openAndSelect(sample("data-lake-etl"), "/States/WaitForCrawler");
        const Json& wait = definition()["States"]["WaitForCrawler"];
        const auto before = steps();
        choose(find<QComboBox>("field:/Next"), "PipelineFailed");
        QCOMPARE(wait["Next"], Json("PipelineFailed"));
        QCOMPARE(steps(), before + 1);
        find<QCheckBox>("field:/End")->click();
        QCOMPARE(wait["End"], Json(true));
        QVERIFY(!wait.contains("Next"));
        QCOMPARE(steps(), before + 2);
        QVERIFY(!find<QComboBox>("field:/Next")->isEnabled());
        find<QCheckBox>("field:/End")->click();
        QVERIFY(wait["Next"].is_string());
        QVERIFY(!wait.contains("End"));
    }

    void waitChoosesHowLong() {
        openAndSelect(sample("data-lake-etl"), "/States/WaitForCrawler");
        const Json& wait = definition()["States"]["WaitForCrawler"];
        choose(find<QComboBox>("field:waitKind"), "SecondsPath");
        QVERIFY(!wait.contains("Seconds"));
        QCOMPARE(wait["SecondsPath"], Json("$.seconds"));
        QCOMPARE(wait.begin().key(), std::string("Type"));
        typeInto(find<QLineEdit>("field:/SecondsPath"), "$.wait.seconds");
        QCOMPARE(wait["SecondsPath"], Json("$.wait.seconds"));
    }

    void mapModeSwitches() {
        openAndSelect(sample("streaming-micro-batch"), "/States/ProcessRecords");
        choose(find<QComboBox>("field:/ItemProcessor/ProcessorConfig/Mode"), "DISTRIBUTED");
        QCOMPARE(
            definition()["States"]["ProcessRecords"]["ItemProcessor"]["ProcessorConfig"]["Mode"],
            Json("DISTRIBUTED"));
        QVERIFY(find<QWidget>("field:/Label") != nullptr);
    }

    void selectionChangeRefreshesTheForm() {
        openAndSelect(sample("data-lake-etl"), "/States/SourceFilesToRawZone");
        m_session.select("/States/PipelineFailed/Cause");
        QCOMPARE(m_view->statePointer(), QStringLiteral("/States/PipelineFailed"));
        QCOMPARE(find<QLineEdit>("field:name")->text(), QStringLiteral("PipelineFailed"));
        QVERIFY(find<QWidget>("field:/Resource") == nullptr);
        m_session.select("/States/ProcessRecords");
        QVERIFY(find<QLabel>("inspector:empty") != nullptr);
    }

    void anOutsideChangeRefreshesTheForm() {
        openAndSelect(sample("data-lake-etl"), "/States/SourceFilesToRawZone");
        m_session.edit([](const flowcast::model::Document& document) {
            return flowcast::model::edits::setValue(
                document, "/States/SourceFilesToRawZone/TimeoutSeconds", 42);
        });
        QCOMPARE(find<QLineEdit>("field:/TimeoutSeconds")->text(), QStringLiteral("42"));
        m_session.document().undo();
        QCOMPARE(find<QLineEdit>("field:/TimeoutSeconds")->text(), QStringLiteral("900"));
    }
    void templatesAreReadOnly() {
        const QString path = m_dir.filePath(QStringLiteral("stack.json"));
        std::ofstream(path.toStdString())
            << "{\"Resources\": {\"N\": {\"Type\": \"AWS::StepFunctions::StateMachine\", "
               "\"Properties\": {\"Definition\": {\"StartAt\": \"A\", \"States\": {\"A\": "
               "{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", "
               "\"TimeoutSeconds\": 30, \"Retry\": [{\"ErrorEquals\": [\"States.ALL\"]}], "
               "\"End\": true}}}}}}}";
        openAndSelect(path, "/Resources/N/Properties/Definition/States/A");
        QVERIFY(!m_session.isEditable());
        QCOMPARE(find<QLineEdit>("field:/TimeoutSeconds")->text(), QStringLiteral("30"));
        QVERIFY(find<QLineEdit>("field:/TimeoutSeconds")->isReadOnly());
        QVERIFY(find<QLineEdit>("field:name")->isReadOnly());
        QVERIFY(!find<QPushButton>("add:/Retry")->isEnabled());
        QVERIFY(!find<QCheckBox>("field:/End")->isEnabled());
        QVERIFY(!m_view->fieldEditor("/TimeoutSeconds")->commit());
    }

    void theFocusedFieldKeepsItsTextAcrossARefresh() {
        openAndSelect(sample("data-lake-etl"), "/States/SourceFilesToRawZone");
        m_view->show();
        QVERIFY(QTest::qWaitForWindowActive(m_view.get()));
        auto* comment = find<QLineEdit>("field:/Comment");
        comment->setFocus();
        QTRY_VERIFY(comment->hasFocus());
        comment->setText(QStringLiteral("draft"));
        comment->setCursorPosition(2);
        m_session.edit([](const flowcast::model::Document& document) {
            return flowcast::model::edits::setValue(
                document, "/States/SourceFilesToRawZone/TimeoutSeconds", 42);
        });
        auto* again = find<QLineEdit>("field:/Comment");
        QVERIFY(again != comment);
        QVERIFY(again->hasFocus());
        QCOMPARE(again->text(), QStringLiteral("draft"));
        QCOMPARE(again->cursorPosition(), 2);
        QVERIFY(!definition()["States"]["SourceFilesToRawZone"].contains("Comment") ||
                definition()["States"]["SourceFilesToRawZone"]["Comment"] != Json("draft"));
    }
};

QTEST_MAIN(TestInspectorView)
#include "TestInspectorView.moc"
