// flowcast-cli run as a person uses it: one execution in virtual time, the event history, the
// end, --json, mocks, and exit codes 0 (succeeded) / 1 (failed or invalid input) / 2 (usage).
#include "tests/common/CliProcess.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <QtTest>

namespace {

using Run = CliRun;

Run cli(const QStringList& args) {
    return runProgram(FLOWCAST_CLI_PATH, args);
}

QString sample(const QString& name) {
    return QString(FLOWCAST_SOURCE_DIR) + "/samples/" + name + "/" + name + ".asl.json";
}

QString write(const QTemporaryDir& dir, const QString& name, const QString& singleQuoted) {
    return writeQuotedJson(dir, name, singleQuoted);
}

const char* const kLivyMock =
    "{'StateMachines':{'emr-livy':{'TestCases':{'HappyPath':{'SubmitLivyBatch':'Submit','"
    "GetBatchState':'Poll'}}}},"
    "'MockedResponses':{'Submit':{'0':{'Return':{'Payload':{'id':7,'state':'starting'}}}},"
    "'Poll':{'0-1':{'Return':{'Payload':{'id':7,'state':'running'}}},'2':{'Return':{'Payload':{'id'"
    ":7,'state':'success'}}}}}}";

} // namespace

class TestCliRun : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void help() {
        for (const QStringList& args : {QStringList{"run", "--help"}, QStringList{"help", "run"}}) {
            const Run r = cli(args);
            QCOMPARE(r.exitCode, 0);
            QVERIFY2(r.out.startsWith("Usage: flowcast-cli run DEF"), qPrintable(r.out));
        }
        QVERIFY(cli({"--help"}).out.contains("  run "));
    }

    void usageErrorsExitTwo_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no DEF") << QStringList{"run"};
        QTest::newRow("two DEFs") << QStringList{"run", "a", "b"};
        QTest::newRow("unknown option") << QStringList{"run", sample("emr-livy"), "--seed"};
        QTest::newRow("--input without value") << QStringList{"run", sample("emr-livy"), "--input"};
        QTest::newRow("mock without test case")
            << QStringList{"run", sample("emr-livy"), "--mock-config", "m.json"};
    }
    void usageErrorsExitTwo() {
        QFETCH(QStringList, args);
        const Run r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.crashed);
    }

    void succeededPrintsHistoryAndExitsZero() {
        const QString def = write(m_dir, "hello.asl.json",
                                  "{'StartAt':'P','States':{'P':{'Type':'Pass','Result':'hi','"
                                  "ResultPath':'$.greeting','Next':'W'},"
                                  "'W':{'Type':'Wait','Seconds':5,'End':true}}}");
        const QString input = write(m_dir, "in.json", "{'who':'you'}");
        const Run r = cli({"run", def, "--input", input});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines,
                 (QStringList{"1\t0.000s\tExecutionStarted", "2\t0.000s\tPassStateEntered\tP",
                              "3\t0.000s\tPassStateExited\tP", "4\t0.000s\tWaitStateEntered\tW",
                              "5\t5.000s\tWaitStateExited\tW", "6\t5.000s\tExecutionSucceeded",
                              "status: SUCCEEDED", "output: {\"who\":\"you\",\"greeting\":\"hi\"}",
                              "stateTransitions: 2"}));
    }

    void failedExitsOne() {
        const QString def =
            write(m_dir, "fail.asl.json",
                  "{'StartAt':'F','States':{'F':{'Type':'Fail','Error':'Bad','Cause':'no'}}}");
        const Run r = cli({"run", def});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("status: FAILED\nerror: Bad\ncause: no\n"), qPrintable(r.out));
    }

    void invalidDefinitionExitsOneWithDiagnostics() {
        const QString def =
            write(m_dir, "broken.asl.json",
                  "{'StartAt':'Nowhere','States':{'P':{'Type':'Pass','End':true}}}");
        const Run r = cli({"run", def});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("ERROR"), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void unreadableInputExitsOne() {
        const Run r = cli({"run", sample("emr-livy"), "--input", m_dir.filePath("missing.json")});
        QCOMPARE(r.exitCode, 1);
    }

    void jsonShapeWithMock() {
        // emr-livy: polls RUNNING twice then SUCCEEDED; t=90s end, 12 transitions.
        const QString mock = write(m_dir, "MockConfigFile.json", kLivyMock);
        const QString input = write(m_dir, "livy-in.json", "{'runDate':'2026-01-01'}");
        const Run r = cli({"run", sample("emr-livy"), "--input", input, "--mock-config", mock,
                           "--test-case", "HappyPath", "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.keys(),
                 (QStringList{"cause", "error", "events", "output", "stateTransitions", "status"}));
        QCOMPARE(o["status"].toString(), QString("SUCCEEDED"));
        QVERIFY(o["error"].isNull());
        QVERIFY(o["cause"].isNull());
        QCOMPARE(o["stateTransitions"].toInt(), 12);
        QCOMPARE(o["output"].toObject()["livy"].toObject()["state"].toString(), QString("success"));
        const QJsonArray events = o["events"].toArray();
        QCOMPARE(events.size(),
                 38); // 1 + Pass 2 + Submit 5 + 3 x (Wait 2, Get 5, Check 2) + Succeed 2 + 1
        const QJsonObject last = events.last().toObject();
        QCOMPARE(last["type"].toString(), QString("ExecutionSucceeded"));
        QCOMPARE(last["id"].toInt(), 38);
        QCOMPARE(last["timestamp"].toString(), QString("2026-01-01T00:01:30.000Z"));
    }

    void unknownTestCaseExitsOne() {
        const QString mock = write(m_dir, "MockConfigFile.json", kLivyMock);
        const Run r =
            cli({"run", sample("emr-livy"), "--mock-config", mock, "--test-case", "Nope"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no test case 'Nope'"), qPrintable(r.err));
    }
};

QTEST_APPLESS_MAIN(TestCliRun)
#include "TestCliRun.moc"
