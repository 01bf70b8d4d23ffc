// flowcast-cli compare as a person uses it: the flagship's deployments side by side with the
// exact always-on cluster cost, the recommendation, --json with every cost line, --report files,
// the price book override, emr-direct's Spark steps on EMR Serverless, and mistakes named by file
// and JSON Pointer.
#include "tests/common/CliProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

namespace {

CliRun cli(const QStringList& args) {
    return runProgram(FLOWCAST_CLI_PATH, args);
}

QString flagship() {
    return QString(FLOWCAST_SOURCE_DIR) + "/samples/data-lake-etl/data-lake-etl.scenario.json";
}

QJsonObject jsonOf(const CliRun& r) {
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

QJsonObject deployment(const QJsonObject& comparison, const QString& name) {
    for (const auto& d : comparison["deployments"].toArray())
        if (d.toObject()["name"].toString() == name) return d.toObject();
    return {};
}

double lineUsd(const QJsonObject& deployment, const QString& priceId, double* quantity = nullptr) {
    for (const auto& l : deployment["cost"].toObject()["lines"].toArray()) {
        const QJsonObject line = l.toObject();
        if (line["priceId"].toString() != priceId) continue;
        if (quantity) *quantity = line["quantity"].toDouble();
        return line["usd"].toDouble();
    }
    return -1;
}

const char* const kDefinition =
    "{'StartAt':'Work','States':{'Work':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
    "'End':true}}}";

} // namespace

class TestCliCompare : public QObject {
    Q_OBJECT

private slots:
    void help() {
        const CliRun r = cli({"compare", "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("--price-book FILE"));
        QVERIFY(r.out.contains("deployments"));
    }

    // The flagship's three deployments. An always-on cluster bills nodes × the whole month:
    // 4 m5.2xlarge × 730 h = 2,920 instance-hours × ($0.384 EC2 + $0.096 EMR) = $1,401.60.
    void flagshipDeployments() {
        const CliRun r = cli({"compare", "--scenario", flagship(), "--json", "--threads", "2"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject c = jsonOf(r);
        QCOMPARE(c["deployments"].toArray().size(), 4);
        const QJsonObject emr = deployment(c, "always-on EMR");
        double hours = 0;
        QCOMPARE(lineUsd(emr, "ec2.m5.2xlarge", &hours), 1121.28);
        QCOMPARE(hours, 2920.0);
        QCOMPARE(lineUsd(emr, "emr.m5.2xlarge"), 280.32);
        QVERIFY(lineUsd(emr, "glue.etl.dpuHours") < 0); // the Spark step left Glue
        QVERIFY(emr["clusterIdleShare"].toDouble() > 0.9);
        const QJsonObject serverless = deployment(c, "serverless");
        QVERIFY(lineUsd(serverless, "glue.etl.dpuHours") > 0);
        QVERIFY(serverless["clusterIdleShare"].isNull());
        // Same workload and seed: the same number of executions in every deployment.
        QCOMPARE(serverless["executions"].toObject()["started"].toInt(),
                 emr["executions"].toObject()["started"].toInt());
        const double total = serverless["monthlyUsd"].toDouble();
        QVERIFY(serverless["monthlyUsdP5"].toDouble() <= total + 1e-9);
        QVERIFY(serverless["monthlyUsdP95"].toDouble() >= serverless["monthlyUsdP5"].toDouble());
        QVERIFY(c["recommendation"].toString().startsWith("Choose serverless"));
        // 20 million records a run: the cost per million records is the cost per run / 20.
        QCOMPARE(qRound64(serverless["perMillionRecordsUsd"].toDouble() * 1e6),
                 qRound64(serverless["perExecutionUsd"].toDouble() / 20 * 1e6));
    }

    // The break-even sweep: every deployment at every rate, and the autoscaling cluster
    // overtaking serverless somewhere in the range (serverless grows with the rate, the
    // cluster's floor is 4 nodes around the clock).
    void sweep() {
        const CliRun r = cli({"compare", "--scenario", flagship(), "--json", "--sweep", "1:1000:4",
                              "--horizon", "3d"}); // 3 days: fast enough under AddressSanitizer too
        QCOMPARE(r.exitCode, 0);
        const QJsonObject s = jsonOf(r)["sweep"].toObject();
        QCOMPARE(s["rate"].toString(), QString("executionsPerDay"));
        const QJsonArray points = s["points"].toArray();
        QCOMPARE(points.size(), 4);
        QCOMPARE(points[3].toObject()["perDay"].toDouble(), 1000.0);
        QCOMPARE(points[0].toObject()["deployments"].toArray().size(), 4);
        const auto usdAt = [&](int k, int d) {
            return points[k]
                .toObject()["deployments"]
                .toArray()[d]
                .toObject()["monthlyUsd"]
                .toDouble();
        };
        QVERIFY(usdAt(3, 0) > 10 * usdAt(0, 0)); // serverless grows with the rate
        bool autoscalingOvertakes = false;
        for (const auto& c : s["crossings"].toArray())
            autoscalingOvertakes = autoscalingOvertakes ||
                                   (c.toObject()["cheaperAbove"].toString() == "autoscaling EMR" &&
                                    c.toObject()["cheaperBelow"].toString() == "serverless");
        QVERIFY2(autoscalingOvertakes, qPrintable(r.out.left(2000)));
    }

    void sweepUsage() {
        for (const char* bad : {"10", "10:1", "0:5", "1:10:1", "1:10:x", "1:10x"})
            QCOMPARE(cli({"compare", "--scenario", flagship(), "--sweep", bad}).exitCode, 2);
        // FROM:TO alone takes the default 7 points (the README's example).
        const CliRun seven = cli(
            {"compare", "--scenario", flagship(), "--json", "--sweep", "1:10", "--horizon", "1d"});
        QCOMPARE(seven.exitCode, 0);
        QCOMPARE(jsonOf(seven)["sweep"].toObject()["points"].toArray().size(), 7);
        CliRun r = cli({"compare", "--scenario", flagship(), "--placement", "adaptive"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--placement places the points of --sweep"), qPrintable(r.err));
        r = cli({"compare", "--scenario", flagship(), "--sweep", "1:10", "--placement", "dense"});
        QCOMPARE(r.exitCode, 2);
        // The message sweep gives too: the option is parsed in one place.
        QVERIFY2(r.err.contains("--placement takes even or adaptive, got 'dense'"),
                 qPrintable(r.err));
        QVERIFY(cli({"sweep", "--scenario", flagship(), "--over", "runs-per-day", "--points",
                     "1:10", "--placement", "dense"})
                    .err.contains("--placement takes even or adaptive, got 'dense'"));
    }

    // --placement adaptive (the default): the pilots' model places the sweep's points, as sweep
    // places them
    // (the same function, the same pilots under the same seed: the same rates); the JSON names
    // the placement and lists the model's crossings, the text sets each beside the simulated.
    void adaptiveSweep() {
        const QStringList common{"--scenario", flagship(), "--horizon", "3d"};
        CliRun r =
            cli(QStringList{"compare", "--json", "--sweep", "1:1000:5", "--placement", "adaptive"} +
                common);
        QCOMPARE(r.exitCode, 0);
        const QJsonObject s = jsonOf(r)["sweep"].toObject();
        QCOMPARE(s["placement"].toString(), QString("adaptive"));
        QVERIFY(s["predictedCrossings"].isArray());
        QVERIFY2(!s["predictedCrossings"].toArray().isEmpty(), qPrintable(r.out.right(3000)));
        for (const auto& c : s["predictedCrossings"].toArray())
            QVERIFY(c.toObject()["text"].toString().contains("becomes cheaper than"));
        QList<double> adaptive;
        for (const auto& p : s["points"].toArray())
            adaptive << p.toObject()["perDay"].toDouble();
        QCOMPARE(adaptive.size(), 5);
        QCOMPARE(adaptive.first(), 1.0);
        QCOMPARE(adaptive.last(), 1000.0);
        const QList<double> even{1, std::pow(10, 0.75), std::pow(10, 1.5), std::pow(10, 2.25),
                                 1000};
        bool differs = false;
        for (int i = 1; i < 4; ++i)
            differs = differs || std::abs(adaptive[i] / even[i] - 1) > 0.01;
        QVERIFY2(differs, qPrintable(QString::number(adaptive[2])));

        r = cli(QStringList{"sweep", "--json", "--over", "runs-per-day", "--points", "1:1000:5",
                            "--placement", "adaptive"} +
                common);
        QCOMPARE(r.exitCode, 0);
        QList<double> swept;
        for (const auto& v : jsonOf(r)["sweep"].toObject()["grid"].toArray())
            swept << v.toDouble();
        QCOMPARE(swept, adaptive);

        r = cli(QStringList{"compare", "--sweep", "1:1000:5", "--placement", "adaptive"} + common);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("points placed adaptively"), qPrintable(r.out.right(2000)));
        QVERIFY2(r.out.contains("(predicted ≈ "), qPrintable(r.out.right(2000)));
        r = cli(QStringList{"compare", "--json", "--sweep", "1:1000:5", "--placement", "even"} +
                common);
        const QJsonObject even5 = jsonOf(r)["sweep"].toObject();
        QCOMPARE(even5["placement"].toString(), QString("even"));
        QVERIFY(!even5.contains("predictedCrossings"));
        for (int i = 0; i < 5; ++i)
            QVERIFY(
                std::abs(even5["points"].toArray()[i].toObject()["perDay"].toDouble() / even[i] -
                         1) < 1e-9);
        // Adaptive is the default from 5 points (it found the crossings closer at the same
        // budget), even below (4 points are too few for the ends and a bracket per crossing).
        r = cli(QStringList{"compare", "--json", "--sweep", "1:1000:5"} + common);
        QCOMPARE(jsonOf(r)["sweep"].toObject()["placement"].toString(), QString("adaptive"));
        r = cli(QStringList{"compare", "--json", "--sweep", "1:1000:4"} + common);
        QCOMPARE(jsonOf(r)["sweep"].toObject()["placement"].toString(), QString("even"));
    }

    void textTable() {
        const CliRun r = cli({"compare", "--scenario", flagship()});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("monthly cost"));
        QVERIFY(r.out.contains("always-on EMR"));
        QVERIFY(r.out.contains("Choose serverless"));
    }

    void reportFiles() {
        QTemporaryDir dir;
        const QString out = dir.filePath("report");
        const CliRun r = cli({"compare", "--scenario", flagship(), "--report", out});
        QCOMPARE(r.exitCode, 0);
        for (const char* name : {"compare.json", "compare.csv", "compare.txt", "compare.html"})
            QVERIFY2(QFile::exists(out + "/" + name), name);
        QFile csv(out + "/compare.csv");
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(QString(csv.readAll()).count('\n'), 5); // header + 4 deployments
        QFile html(out + "/compare.html");
        QVERIFY(html.open(QIODevice::ReadOnly));
        QVERIFY(html.readAll().contains("<svg"));
    }

    // A user's price book changes one price and every line using it.
    void priceBookOverride() {
        QTemporaryDir dir;
        const QString book = writeQuotedJson(
            dir, "prices.json",
            "{'prices': {'ec2.m5.2xlarge': {'price': 0.2, 'source': 'our negotiated rate'}}}");
        const CliRun r = cli({"compare", "--scenario", flagship(), "--json", "--price-book", book});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(lineUsd(deployment(jsonOf(r), "always-on EMR"), "ec2.m5.2xlarge"), 584.0);
    }

    // emr-direct's Spark steps on EMR Serverless: each step a driver and 5 executors, 24 vCPU
    // and 166 GB, for the step's duration. The steps' lognormal means (median × e^(σ²/2), σ =
    // ln(p99 / median) / 2.326) are 1,610 + 1,924 + 1,297 + 335 = 5,166 s, so a run bills about
    // 5,166 × 24 / 3,600 = 34.4 vCPU-hours (a little less with the 1 % failing steps), and
    // memory 166 / 24 times that exactly, since every worker bills the same seconds. A
    // transient cluster bills 6 r5.2xlarge at $0.63 an hour for over an hour a run (provisioning
    // included), about $5 against EMR Serverless's $3.
    void emrServerlessBesideTheClusters() {
        const QString emrDirect =
            QString(FLOWCAST_SOURCE_DIR) + "/samples/emr-direct/emr-direct.scenario.json";
        const CliRun r = cli({"compare", "--scenario", emrDirect, "--json", "--threads", "2"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject c = jsonOf(r);
        const QJsonObject serverless = deployment(c, "EMR Serverless");
        const QJsonObject transient = deployment(c, "transient cluster");
        const QJsonObject alwaysOn = deployment(c, "always-on cluster");
        QVERIFY(!serverless.isEmpty() && !transient.isEmpty() && !alwaysOn.isEmpty());
        const double executions = serverless["monthlyExecutions"].toDouble();
        double vcpuHours = 0, gbHours = 0;
        QVERIFY(lineUsd(serverless, "emrserverless.vcpuHours", &vcpuHours) > 0);
        QVERIFY(lineUsd(serverless, "emrserverless.memoryGbHours", &gbHours) > 0);
        QVERIFY2(vcpuHours / executions > 30 && vcpuHours / executions < 38,
                 qPrintable(QString::number(vcpuHours / executions)));
        QVERIFY(std::abs(gbHours / vcpuHours - 166.0 / 24.0) < 1e-9);
        QVERIFY(lineUsd(serverless, "ec2.r5.2xlarge") < 0); // no cluster was created
        QVERIFY(serverless["clusterIdleShare"].isNull());
        QCOMPARE(serverless["executions"].toObject()["started"].toInt(),
                 alwaysOn["executions"].toObject()["started"].toInt());
        QVERIFY(serverless["monthlyUsd"].toDouble() < transient["monthlyUsd"].toDouble());
    }

    void mistakes_data() {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown deployment field")
            << "'horizon': '1h', 'deployments': [{'name': 'a', 'workload': {}}]"
            << "scenario.json:/deployments/0/workload: error: unknown deployment field";
        QTest::newRow("duplicate name")
            << "'horizon': '1h', 'deployments': [{'name': 'a'}, {'name': 'a'}]"
            << "scenario.json:/deployments/1/name: error: another deployment is already named";
        QTest::newRow("bad service in a deployment")
            << "'horizon': '1h', 'deployments': [{'name': 'big', 'services': {'fn': {'kind': "
               "'lambda', "
               "'memoryMb': 5}}}]"
            << "scenario.json:/deployments/0/services/fn/memoryMb: error:";
        QTest::newRow("negative EMR Serverless executors")
            << "'horizon': '1h', 'deployments': [{'name': 'spark', 'services': {'fn': {'kind': "
               "'emr-serverless', 'executors': -1}}}]"
            << "scenario.json:/deployments/0/services/fn/executors: error: \"executors\" must be "
               "an integer from 0 to 10000 (got -1)";
        QTest::newRow("executions without a horizon")
            << "'executions': 10"
            << "scenario.json:/executions: error: compare scales costs from the simulated time";
        QTest::newRow("bad storage") << "'horizon': '1h', 'storage': [{'name': 'raw', "
                                        "'gbPerExecution': 2, 'retentionDays': 'long'}]"
                                     << "scenario.json:/storage/0/retentionDays: error:";
    }
    void mistakes() {
        QFETCH(QString, scenario);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        writeQuotedJson(dir, "m.asl.json", kDefinition);
        const QString file = writeQuotedJson(
            dir, "scenario.json",
            "{'definition': 'm.asl.json', 'workload': {'schedule': "
            "'rate(1 minute)'}, 'services': {'fn': {'kind': 'lambda'}}, 'states': {'Work': "
            "{'service': 'fn'}}, " +
                scenario + "}");
        const CliRun r = cli({"compare", "--scenario", file});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QVERIFY(!r.crashed);
    }

    void bookMistake() {
        QTemporaryDir dir;
        const QString book = writeQuotedJson(dir, "prices.json", "{'prices': {'x': 5}}");
        const CliRun r = cli({"compare", "--scenario", flagship(), "--price-book", book});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("prices.json:/prices/x"), qPrintable(r.err));
    }

    void usageErrors() {
        QCOMPARE(cli({"compare"}).exitCode, 2);
        QCOMPARE(cli({"compare", "--scenario", "x", "--replications", "none"}).exitCode, 2);
        QCOMPARE(cli({"compare", "--scenario", "x", "--horizon", "soon"}).exitCode, 2);
        QCOMPARE(cli({"compare", "--scenario", "x", "--bogus"}).exitCode, 2);
        QCOMPARE(cli({"compare", "--scenario", "x", "--executions", "10"}).exitCode, 2);
        QCOMPARE(cli({"compare", "--scenario", "x", "--tornado", "100"}).exitCode, 2);
    }
};

QTEST_APPLESS_MAIN(TestCliCompare)
#include "TestCliCompare.moc"
