// flowcast-cli simulate as a person uses it: a scenario names its definition, the summary and
// --json results, determinism whatever the thread count, bad scenarios named by file and JSON
// Pointer (exit 1), usage errors (exit 2).
#include "tests/common/CliProcess.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <QtTest>

namespace {

CliRun cli(const QStringList& args) {
    return runProgram(FLOWCAST_CLI_PATH, args);
}

QString flagship() {
    return QString(FLOWCAST_SOURCE_DIR) + "/samples/data-lake-etl/data-lake-etl.scenario.json";
}

QString write(const QTemporaryDir& dir, const QString& name, const QString& singleQuoted) {
    return writeQuotedJson(dir, name, singleQuoted);
}

// A two-state machine: a Task that fails 30 % of attempts without Retry, caught to a Pass.
const char* const kDefinition =
    "{'StartAt':'Work','States':{'Work':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
    "'Catch':[{'ErrorEquals':['States.ALL'],'Next':'Recover'}],'End':true},"
    "'Recover':{'Type':'Pass','End':true}}}";

} // namespace

class TestCliSimulate : public QObject {
    Q_OBJECT

private slots:
    void help() {
        const CliRun r = cli({"simulate", "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("--scenario FILE"));
        QVERIFY(r.out.contains("--executions N"));
    }

    void usageErrors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no scenario") << QStringList{"simulate"} << "--scenario FILE is required";
        QTest::newRow("both limits")
            << QStringList{"simulate", "--scenario", "x", "--executions", "5", "--horizon", "1d"}
            << "not both";
        QTest::newRow("bad count")
            << QStringList{"simulate", "--scenario", "x", "--executions", "many"}
            << "positive integer";
        QTest::newRow("unknown option")
            << QStringList{"simulate", "--scenario", "x", "--fast"} << "unknown option";
    }
    void usageErrors() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const CliRun r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    // Without a horizon a run ends when its executions have (plus a day for the services),
    // even when a cluster's daily schedule keeps scheduling events forever.
    void endsWithoutAHorizon() {
        QTemporaryDir dir;
        write(dir, "m.asl.json",
              "{'StartAt':'Spark','States':{'Spark':{'Type':'Task','Resource':"
              "'arn:aws:states:::glue:startJobRun.sync','End':true}}}");
        const QString scenario = write(
            dir, "s.json",
            "{'definition':'m.asl.json','executions':3,'workload':{'schedule':'rate(1 hour)'},"
            "'services':{'c':{'kind':'cluster','nodes':2,'schedule':{'from':'00:00','to':'23:00'}}}"
            ","
            "'states':{'Spark':{'service':'c','duration':60}}}");
        const CliRun r = cli({"simulate", "--scenario", scenario, "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject m =
            QJsonDocument::fromJson(r.out.toUtf8()).object()["metrics"].toObject();
        QCOMPARE(m["executions"].toObject()["ended"].toInt(), 3);
        QVERIFY(m["simulatedSeconds"].toDouble() < 3 * 86'400); // stopped a day after the last
    }

    // A scenario mistake names the scenario file and the JSON Pointer of the bad value.
    void scenarioErrors_data() {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown top-level field")
            << "{'definition':'m.asl.json','workload':{'poisson':{'ratePerSecond':1}},'seeds':3}"
            << ":/seeds: error: unknown field";
        QTest::newRow("no workload") << "{'definition':'m.asl.json'}"
                                     << "missing \"workload\"";
        QTest::newRow("unknown state")
            << "{'definition':'m.asl.json','workload':{'poisson':{'ratePerSecond':1}},"
               "'states':{'Nope':{}}}"
            << ":/states/Nope: error: no state named";
        QTest::newRow("unknown service")
            << "{'definition':'m.asl.json','workload':{'poisson':{'ratePerSecond':1}},"
               "'states':{'Work':{'service':'fn'}}}"
            << ":/states/Work/service: error: no service named \"fn\"";
        QTest::newRow("probability above one")
            << "{'definition':'m.asl.json','workload':{'poisson':{'ratePerSecond':1}},"
               "'states':{'Work':{'failures':[{'error':'X','probability':1.5}]}}}"
            << ":/states/Work/failures/0/probability: error:";
        QTest::newRow("malformed JSON") << "{'definition': "
                                        << "error:";
    }
    void scenarioErrors() {
        QFETCH(QString, scenario);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        write(dir, "m.asl.json", kDefinition);
        const QString file = write(dir, "s.scenario.json", scenario);
        const CliRun r = cli({"simulate", "--scenario", file, "--executions", "10"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(!r.crashed, "crashed");
        QVERIFY2(r.err.startsWith(file), qPrintable(r.err));
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
    }

    // 2,000 executions, 30 % injected failures, all caught: every execution succeeds and the
    // Task's "caught" count is near 600 (binomial sd ≈ 20.5, so ±5 sd is 500..700).
    void jsonResults() {
        QTemporaryDir dir;
        write(dir, "m.asl.json", kDefinition);
        const QString file =
            write(dir, "s.scenario.json",
                  "{'definition':'m.asl.json','seed':5,'workload':{'poisson':{'ratePerSecond':2}},"
                  "'states':{'Work':{'duration':{'constant':1.5},'failures':[{'error':'Boom',"
                  "'probability':0.3}]}}}");
        const CliRun r = cli({"simulate", "--scenario", file, "--executions", "2000", "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject results = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(results["status"].toString(), QString("completed"));
        const QJsonObject executions = results["metrics"].toObject()["executions"].toObject();
        QCOMPARE(executions["started"].toInt(), 2000);
        QCOMPARE(executions["byStatus"].toObject()["SUCCEEDED"].toInt(), 2000);
        const QJsonObject work = results["metrics"].toObject()["states"].toArray()[0].toObject();
        QCOMPARE(work["name"].toString(), QString("Work"));
        const int caught = work["byResult"].toObject()["caught"].toInt();
        QVERIFY2(caught > 500 && caught < 700, qPrintable(QString::number(caught)));
        // Every execution takes the Task's 1.5 s exactly, caught or not.
        QCOMPARE(executions["latency"].toObject()["max"].toDouble(), 1.5);
    }

    // Same scenario and seed: byte-identical results with 1 thread or 3.
    void deterministicAcrossThreads() {
        QStringList args{"simulate", "--scenario",     flagship(), "--horizon",
                         "20d",      "--replications", "3",        "--json"};
        const CliRun one = cli(args + QStringList{"--threads", "1"});
        const CliRun three = cli(args + QStringList{"--threads", "3"});
        QCOMPARE(one.exitCode, 0);
        QVERIFY(one.out.size() > 1000);
        QCOMPARE(one.out, three.out);
        const CliRun otherSeed = cli(args + QStringList{"--seed", "99"});
        QVERIFY(otherSeed.out != one.out);
    }

    // The flagship sample's scenario runs as shipped and its daily schedule gives one execution
    // a day per replication.
    void flagshipScenario() {
        const CliRun r = cli({"simulate", "--scenario", flagship()});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("executions: 120 started"), qPrintable(r.out));
        QVERIFY(r.out.contains("ConvertToParquet"));
    }
};

QTEST_APPLESS_MAIN(TestCliSimulate)
#include "TestCliSimulate.moc"
