// StatePresentation: the short names of Task resources, the Type column and the transition
// labels the state tree (and later the canvas) shows.
#include "model/asl/StateMachine.h"
#include "ui/common/StatePresentation.h"

#include <QtTest>

using namespace flowcast;

class TestStatePresentation : public QObject {
    Q_OBJECT

private slots:
    void resourceLabel_data() {
        QTest::addColumn<QString>("resource");
        QTest::addColumn<QString>("label");
        QTest::newRow("lambda invoke") << "arn:aws:states:::lambda:invoke"
                                       << "Lambda: invoke";
        QTest::newRow("glue sync") << "arn:aws:states:::glue:startJobRun.sync"
                                   << "Glue: startJobRun.sync";
        QTest::newRow("sdk") << "arn:aws:states:::aws-sdk:glue:startCrawler"
                             << "Glue SDK: startCrawler";
        QTest::newRow("emr") << "arn:aws:states:::elasticmapreduce:addStep.sync"
                             << "EMR: addStep.sync";
        QTest::newRow("task token") << "arn:aws:states:::sqs:sendMessage.waitForTaskToken"
                                    << "SQS: sendMessage.waitForTaskToken";
        QTest::newRow("unknown service") << "arn:aws:states:::newthing:run"
                                         << "newthing: run";
        QTest::newRow("activity") << "arn:aws:states:us-east-1:123456789012:activity:Approve"
                                  << "Task (activity)";
        QTest::newRow("lambda arn") << "arn:aws:lambda:us-east-1:123456789012:function:Copy"
                                    << "Lambda function";
        QTest::newRow("china partition") << "arn:aws-cn:states:::sns:publish"
                                         << "SNS: publish";
        QTest::newRow("placeholder") << "${CopyFunctionArn}"
                                     << "Task";
        QTest::newRow("empty") << ""
                               << "Task";
        QTest::newRow("too short") << "arn:aws:states:::"
                                   << "Task";
    }
    void resourceLabel() {
        QFETCH(QString, resource);
        QFETCH(QString, label);
        QCOMPARE(ui::resourceLabel(resource.toStdString()), label);
    }

    void typeLabel_data() {
        QTest::addColumn<QString>("stateJson");
        QTest::addColumn<QString>("label");
        QTest::newRow("task")
            << R"({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true})"
            << "Lambda: invoke";
        QTest::newRow("inline map")
            << R"({"Type":"Map","ItemProcessor":{"StartAt":"A","States":{"A":{"Type":"Succeed"}}},"End":true})"
            << "Map (INLINE)";
        QTest::newRow("distributed map")
            << R"({"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"A","States":{"A":{"Type":"Succeed"}}},"End":true})"
            << "Map (DISTRIBUTED)";
        QTest::newRow("choice") << R"({"Type":"Choice","Choices":[]})"
                                << "Choice";
        QTest::newRow("misspelt type") << R"({"Type":"Tsak"})"
                                       << "Tsak";
        QTest::newRow("no type") << R"({"Next":"B"})"
                                 << "(no Type)";
    }
    void typeLabel() {
        QFETCH(QString, stateJson);
        QFETCH(QString, label);
        const model::Json definition = {
            {"StartAt", "S"}, {"States", {{"S", model::Json::parse(stateJson.toStdString())}}}};
        const auto machine = model::StateMachine::fromJson(definition);
        QCOMPARE(machine.states().size(), std::size_t(1));
        QCOMPARE(ui::typeLabel(machine.states()[0]), label);
    }

    void transitionLabels() {
        const model::Json definition = model::Json::parse(R"({
            "StartAt": "Pick",
            "States": {
                "Pick": {"Type": "Choice", "Default": "Other",
                         "Choices": [{"Variable": "$.a", "IsPresent": true, "Next": "Run"}]},
                "Run": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                        "Catch": [{"ErrorEquals": ["States.Timeout", "States.TaskFailed"], "Next": "Other"},
                                  {"ErrorEquals": ["States.ALL"], "Next": "Fail"}]},
                "Other": {"Type": "Pass", "Next": "Fail"},
                "Fail": {"Type": "Fail"}
            }})");
        const auto machine = model::StateMachine::fromJson(definition);
        QCOMPARE(ui::transitionLabels(*machine.find("Pick")),
                 QStringList({"rule 1 \u2192 Run", "Default \u2192 Other"}));
        QCOMPARE(ui::transitionLabels(*machine.find("Run")),
                 QStringList({"Catch [States.Timeout, States.TaskFailed] \u2192 Other",
                              "Catch [States.ALL] \u2192 Fail", "End"}));
        QCOMPARE(ui::transitionLabels(*machine.find("Other")), QStringList({"\u2192 Fail"}));
        QCOMPARE(ui::transitionLabels(*machine.find("Fail")), QStringList({"ends: fails"}));
    }

    void coloursDifferByType() {
        QCOMPARE(ui::typeColour(model::StateType::Task), QColor(0x3b82f6));
        QCOMPARE(ui::typeColour(model::StateType::Fail), QColor(0xef4444));
        QVERIFY(ui::typeColour(model::StateType::Parallel) !=
                ui::typeColour(model::StateType::Map));
        QVERIFY(!ui::typeIcon(model::StateType::Choice).isNull());
    }
};

QTEST_MAIN(TestStatePresentation)
#include "TestStatePresentation.moc"
