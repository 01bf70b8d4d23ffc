// Every sample's scenario (samples/<name>/<name>.scenario.json) runs as shipped with
// flowcast-cli simulate: exit 0, executions start and mostly succeed, no execution takes a path
// because a scenario "result" does not fit the definition (States.Runtime), and each sample shows
// the behaviour it exists to show (queueing, provisioning, cold starts, both Choice branches...).
#include "tests/common/CliProcess.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <QtTest>

namespace {

CliRun cli(const QStringList& args) {
    return runProgram(FLOWCAST_CLI_PATH, args);
}

QString scenarioOf(const QString& sample) {
    return QString(FLOWCAST_SOURCE_DIR) + "/samples/" + sample + "/" + sample + ".scenario.json";
}

// The object of `list` (results' "states" or "services") whose "name" is `name`.
QJsonObject named(const QJsonArray& list, const QString& name) {
    for (const QJsonValue& v : list)
        if (v.toObject()["name"].toString() == name) return v.toObject();
    return {};
}

// A check reads "<where> <name> <dotted.path> <op> <number>", e.g.
// "service emr-features usage.provisioningSeconds > 0", "state FullLoad visits > 0" or
// "executions - started == 120". Returns an empty string when it holds, else why not.
QString check(const QJsonObject& metrics, const QString& text) {
    const QStringList parts = text.split(' ', Qt::SkipEmptyParts);
    if (parts.size() != 5) return "malformed check: " + text;
    const QString& where = parts[0];
    QJsonValue value;
    if (where == "executions")
        value = metrics["executions"];
    else if (where == "state")
        value = named(metrics["states"].toArray(), parts[1]);
    else if (where == "service")
        value = named(metrics["services"].toArray(), parts[1]);
    else
        return "unknown section in check: " + text;
    if (value.toObject().isEmpty()) return "no " + where + " named " + parts[1] + " in the results";
    for (const QString& key : parts[2].split('.'))
        value = value.toObject()[key];
    if (!value.isDouble()) return text + ": the results have no number there";
    const double actual = value.toDouble();
    const double expected = parts[4].toDouble();
    const QString& op = parts[3];
    const bool holds = op == ">"    ? actual > expected
                       : op == ">=" ? actual >= expected
                       : op == "==" ? actual == expected
                                    : false;
    return holds ? QString() : text + " does not hold: got " + QString::number(actual, 'g', 12);
}

} // namespace

class TestSampleScenarios : public QObject {
    Q_OBJECT

private slots:
    void sampleRuns_data() {
        QTest::addColumn<QString>("sample");
        QTest::addColumn<QStringList>("overrides");
        QTest::addColumn<QStringList>("checks");

        QTest::newRow("data-lake-etl")
            << "data-lake-etl" << QStringList{}
            << QStringList{"executions - started == 120", // 4 replications x 30 daily runs
                           "state ConvertToParquet visits > 0",
                           "service source-function signals.coldStarts > 0",
                           "service curated-crawler usage.dpuSeconds > 0",
                           "service athena usage.bytesScanned > 0"};
        // An always-on cluster that two batches fill: office-hours peaks queue batches.
        QTest::newRow("emr-livy") << "emr-livy" << QStringList{}
                                  << QStringList{
                                         "service emr-livy-cluster signals.queued > 0",
                                         "service emr-livy-cluster usage.nodeSecondsBusy > 0",
                                         "service emr-livy-cluster usage.nodeSecondsIdle > 0",
                                         "state GetBatchState visits > 2000", // a poll every 30 s
                                         "state SparkJobSucceeded visits > 0"};
        // Per-run clusters: every execution provisions (and bills) its own.
        QTest::newRow("emr-direct")
            << "emr-direct" << QStringList{}
            << QStringList{"executions - started == 120",
                           "service emr-features usage.provisioningSeconds > 0",
                           "service emr-features usage.nodeSecondsBusy > 0",
                           "state BuildUserFeatures visits > 0",
                           "state TerminateCluster visits > 0"};
        // The trace's inputs take both load branches, and the defaulting Pass.
        QTest::newRow("glue-job-chain")
            << "glue-job-chain" << QStringList{}
            << QStringList{"executions - started == 456", // 114 trace rows x 4 replications
                           "state FullLoad visits > 0",
                           "state IncrementalLoad visits > 0",
                           "state DefaultToIncremental visits > 0",
                           "state GetCrawler visits > 456", // polled until the crawl ends
                           "service orders-landing-crawler usage.dpuSeconds > 0"};
        // Express batches of Kinesis records; 5 s of stream is enough for the cold starts.
        QTest::newRow("streaming-micro-batch")
            << "streaming-micro-batch" << QStringList{"--horizon", "5s"}
            << QStringList{"executions - started > 10", "state EnrichRecord visits > 1000",
                           "state RecordWritten visits > 1000",
                           "service enrich-fn signals.coldStarts > 0"};
        // A distributed Map: Express children per batch of 200 listed objects.
        QTest::newRow("s3-object-fanout")
            << "s3-object-fanout" << QStringList{"--horizon", "3d"}
            << QStringList{"executions - started == 6", // 2 replications x 3 nightly runs
                           "executions - expressChildExecutions > 1000", // 200-250 a run
                           "state CompactBatch visits > 1000", "state RefreshDailyView visits == 6",
                           "service compact-fn signals.coldStarts > 0"};
        QTest::newRow("use-case-fanout")
            << "use-case-fanout" << QStringList{}
            << QStringList{"executions - started == 120",
                           "state RefreshCustomer360 visits > 0",
                           "state BuildRevenueReport visits > 0",
                           "state ForecastDemand visits > 0",
                           "state MergeResults visits > 0",
                           "service athena usage.bytesScanned > 0",
                           "service demand-forecast-fn signals.coldStarts > 0"};
    }

    void sampleRuns() {
        QFETCH(QString, sample);
        QFETCH(QStringList, overrides);
        QFETCH(QStringList, checks);
        const CliRun r =
            cli(QStringList{"simulate", "--scenario", scenarioOf(sample), "--json"} + overrides);
        QVERIFY2(!r.crashed, "crashed");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject results = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(results["status"].toString(), QString("completed"));
        const QJsonObject metrics = results["metrics"].toObject();
        const QJsonObject executions = metrics["executions"].toObject();

        const int started = executions["started"].toInt();
        const int ended = executions["ended"].toInt();
        const int succeeded = executions["byStatus"].toObject()["SUCCEEDED"].toInt();
        QVERIFY2(started > 0, "no execution started");
        QVERIFY(ended > 0);
        // Injected failures fail a few executions on purpose; most take the normal path.
        QVERIFY2(succeeded >= 0.9 * ended,
                 qPrintable(QString("%1 of %2 executions succeeded").arg(succeeded).arg(ended)));

        // A result that does not fit the definition's paths shows as States.Runtime.
        QVERIFY2(!executions["errors"].toObject().contains("States.Runtime"),
                 "an execution failed with States.Runtime");
        for (const QJsonValue& state : metrics["states"].toArray()) {
            const QJsonObject s = state.toObject();
            QVERIFY2(!s["errors"].toObject().contains("States.Runtime"),
                     qPrintable("state " + s["name"].toString() + " met States.Runtime"));
        }

        for (const QString& c : checks) {
            const QString why = check(metrics, c);
            QVERIFY2(why.isEmpty(), qPrintable(why));
        }
    }
};

QTEST_APPLESS_MAIN(TestSampleScenarios)
#include "TestSampleScenarios.moc"
