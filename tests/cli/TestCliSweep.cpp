// flowcast-cli sweep and merge as a person uses them: a sweep split into 3 shards and merged is
// byte for byte the sweep run whole; sizing sweeps (Lambda memory, cluster nodes) with the best
// size per strategy; and every mistake (a missing or foreign part, a shard out of range, bad
// points) named with its file. Each run is a few simulated days: the CLI tests also run under
// AddressSanitizer, and the process helper waits 60 s.
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

QByteArray bytesOf(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonObject jsonOf(const QByteArray& text) {
    return QJsonDocument::fromJson(text).object();
}

// A small, fast sweep of the flagship: three rates, two simulated days at most per point.
QStringList workloadSweep() {
    return {"sweep",    "--scenario", flagship(),  "--over", "runs-per-day",
            "--points", "1:100:3",    "--horizon", "2d"};
}

// Two Glue sizes of the serverless deployment, one simulated day each.
QStringList glueSweep() {
    return {"sweep", "--scenario", flagship(), "--over",       "glue-workers", "--points",
            "5,20",  "--horizon",  "1d",       "--deployment", "serverless"};
}

} // namespace

class TestCliSweep : public QObject {
    Q_OBJECT

private slots:
    void help() {
        const CliRun sweep = cli({"sweep", "--help"});
        QCOMPARE(sweep.exitCode, 0);
        QVERIFY(sweep.out.contains("--shard I/N"));
        QVERIFY(sweep.out.contains("lambda-memory"));
        QVERIFY(sweep.out.contains("balanced"));
        QVERIFY(sweep.out.contains("--placement even|adaptive"));
        const CliRun merge = cli({"merge", "--help"});
        QCOMPARE(merge.exitCode, 0);
        QVERIFY(merge.out.contains("merge PART..."));
        QVERIFY(cli({"--help"}).out.contains("merge"));
    }

    // The whole sweep, then its 3 shards (point k to shard k mod 3) merged in another order:
    // the same JSON, byte for byte.
    void shardsMergeToTheWholeSweep() {
        QTemporaryDir dir;
        const QString whole = dir.filePath("whole.json");
        CliRun r = cli(workloadSweep() << "--json"
                                       << "-o" << whole);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.isEmpty()); // -o: nothing on standard output
        QStringList parts;
        for (int i = 0; i < 3; ++i) {
            parts << dir.filePath(QString("part-%1.json").arg(i));
            r = cli(workloadSweep() << "--shard" << QString("%1/3").arg(i) << "-o" << parts.last());
            QCOMPARE(r.exitCode, 0);
            const QJsonObject part = jsonOf(bytesOf(parts.last()));
            QCOMPARE(part["kind"].toString(), QString("flowcast-sweep-part"));
            QCOMPARE(part["points"].toArray().size(), 1);
            QCOMPARE(part["points"].toArray()[0].toObject()["index"].toInt(), i);
        }
        const QString merged = dir.filePath("merged.json");
        r = cli({"merge", parts[2], parts[0], parts[1], "--json", "-o", merged});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!bytesOf(whole).isEmpty());
        QCOMPARE(bytesOf(merged), bytesOf(whole));

        const QJsonObject result = jsonOf(bytesOf(merged));
        QCOMPARE(result["kind"].toString(), QString("flowcast-sweep"));
        const QJsonObject sweep = result["sweep"].toObject();
        QCOMPARE(sweep["seed"].toDouble(), 20260101.0);
        QCOMPARE(sweep["grid"].toArray().size(), 3);
        QCOMPARE(sweep["scenarioHash"].toString().size(), 16);
        QCOMPARE(sweep["priceBook"].toObject()["region"].toString(), QString("us-east-1"));
        QVERIFY(!sweep["flowcastVersion"].toString().isEmpty());
        const QJsonArray points = result["points"].toArray();
        QCOMPARE(points[2].toObject()["value"].toDouble(), 100.0);
        QCOMPARE(points[0].toObject()["deployments"].toArray().size(), 4);
        QVERIFY(result.contains("crossings"));

        // The text and the report come from the merged result too.
        r = cli({"merge", parts[0], parts[1], parts[2], "--report", dir.filePath("report")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("runs-per-day sweep of"));
        QVERIFY(r.out.contains("always-on EMR"));
        QCOMPARE(bytesOf(dir.filePath("report/sweep.json")), bytesOf(whole));
        QCOMPARE(QString(bytesOf(dir.filePath("report/sweep.csv"))).count('\n'), 1 + 3 * 4);
    }

    // Adaptive placement: every shard runs the same pilots under the same seed and places the
    // same grid, so the parts still merge into the whole sweep byte for byte; the document names
    // the placement and keeps the range's ends.
    void adaptiveShardsMergeToTheWholeSweep() {
        QTemporaryDir dir;
        const QStringList adaptive = workloadSweep() << "--placement"
                                                     << "adaptive";
        const QString whole = dir.filePath("whole.json");
        CliRun r = cli(QStringList(adaptive) << "--json"
                                             << "-o" << whole);
        QCOMPARE(r.exitCode, 0);
        QStringList parts;
        for (int i = 0; i < 2; ++i) {
            parts << dir.filePath(QString("part-%1.json").arg(i));
            r = cli(QStringList(adaptive)
                    << "--shard" << QString("%1/2").arg(i) << "-o" << parts.last());
            QCOMPARE(r.exitCode, 0);
        }
        r = cli({"merge", parts[1], parts[0], "--json"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!bytesOf(whole).isEmpty());
        QCOMPARE(r.out.toUtf8(), bytesOf(whole));
        const QJsonObject sweep = jsonOf(bytesOf(whole))["sweep"].toObject();
        QCOMPARE(sweep["placement"].toString(), QString("adaptive"));
        QVERIFY(sweep["predictedCrossings"].isArray());
        const QJsonArray grid = sweep["grid"].toArray();
        QCOMPARE(grid.size(), 3);
        QCOMPARE(grid.first().toDouble(), 1.0);
        QCOMPARE(grid.last().toDouble(), 100.0);
        r = cli({"merge", parts[0], parts[1]});
        QVERIFY2(r.out.contains("points placed where the analytic model's curves bend"),
                 qPrintable(r.out));
        // Adaptive is the default for a range of 5 points or more; fewer, or a list of points,
        // stay even.
        const auto placementOf = [](const QString& points) {
            const CliRun run = cli({"sweep", "--scenario", flagship(), "--over", "runs-per-day",
                                    "--points", points, "--horizon", "1d", "--json"});
            return jsonOf(run.out.toUtf8())["sweep"].toObject()["placement"].toString();
        };
        QCOMPARE(placementOf("1:100:5"), QString("adaptive"));
        QCOMPARE(placementOf("1:100:4"), QString("even"));
        QCOMPARE(placementOf("1,2,5,10,100"), QString("even"));
    }

    // Records a day of a batch workload are its executions times its 20,000,000 records each:
    // 2 × 10^7 and 2 × 10^9 records a day price exactly as 1 and 100 runs a day.
    void recordsPerDay() {
        const auto costs = [](const QStringList& axisAndPoints) {
            const CliRun r =
                cli(QStringList{"sweep", "--scenario", flagship(), "--horizon", "1d", "--json"}
                    << axisAndPoints);
            QJsonArray out;
            for (const auto& p : jsonOf(r.out.toUtf8())["points"].toArray())
                for (const auto& d : p.toObject()["deployments"].toArray())
                    out.append(d.toObject()["monthlyUsd"]);
            return out;
        };
        const QJsonArray records =
            costs({"--over", "records-per-day", "--points", "20000000,2000000000"});
        QCOMPARE(records.size(), 8);
        QCOMPARE(records, costs({"--over", "runs-per-day", "--points", "1,100"}));
        QVERIFY(records[4].toDouble() > records[0].toDouble()); // serverless grows with the rate
    }

    // Lambda memory: the source function's 45 s median at 1,024 MB takes twice as long at
    // 512 MB and 1,024 / 1,769 of it at 2,048 MB (one vCPU at 1,769 MB, one thread).
    void lambdaMemory() {
        const CliRun r =
            cli({"sweep", "--scenario", flagship(), "--over", "lambda-memory", "--points",
                 "512,2048", "--horizon", "3d", "--deployment", "serverless", "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject result = jsonOf(r.out.toUtf8());
        const QJsonObject swept = result["sweep"].toObject()["deployments"].toArray()[0].toObject();
        QCOMPARE(swept["service"].toString(), QString("source-function"));
        QCOMPARE(swept["configured"].toDouble(), 1024.0);
        const QJsonArray points = result["points"].toArray();
        const auto mean = [&](int k) {
            return points[k]
                .toObject()["deployments"]
                .toArray()[0]
                .toObject()["latencySeconds"]
                .toObject()["mean"]
                .toDouble();
        };
        // 45 s × (2 − 1,024 / 1,769) ≈ 64 s more at 512 MB on average (about, the lognormal's
        // mean is above its median): at least 45 s between the two.
        QVERIFY2(mean(0) - mean(1) > 45, qPrintable(QString::number(mean(0) - mean(1))));
        const QJsonObject best = result["best"].toArray()[0].toObject();
        QCOMPARE(best["speed"].toObject()["value"].toDouble(), 2048.0);
        for (const char* strategy : {"cost", "speed", "balanced"})
            QVERIFY2(best[strategy].isObject(), strategy);
    }

    // Nodes of the EMR deployments; serverless has no cluster and the autoscaling cluster sizes
    // itself: both are left out, with the reason.
    void clusterNodes() {
        const CliRun r = cli({"sweep", "--scenario", flagship(), "--over", "cluster-nodes",
                              "--points", "2,8", "--horizon", "2d"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("not swept: serverless (has no cluster service)"));
        QVERIFY(r.out.contains("not swept: autoscaling EMR (its cluster \"spark-cluster\" "
                               "autoscales)"));
        QVERIFY(r.out.contains("always-on EMR (spark-cluster, configured 4 nodes)"));
        QVERIFY(r.out.contains("best: cost 2 nodes"));
    }

    // --rate: the Glue sizes under 40 Poisson executions a day instead of one run a night;
    // one day simulated, so about 40 executions (seeded: the count is fixed, the range says
    // what it means).
    void sizingAtARate() {
        const CliRun r = cli(glueSweep() << "--rate"
                                         << "40"
                                         << "--json");
        QCOMPARE(r.exitCode, 0);
        const QJsonObject result = jsonOf(r.out.toUtf8());
        QCOMPARE(result["sweep"].toObject()["rate"].toDouble(), 40.0);
        const QJsonObject first =
            result["points"].toArray()[0].toObject()["deployments"].toArray()[0].toObject();
        const int started = first["executions"].toObject()["started"].toInt();
        QVERIFY2(started >= 20 && started <= 60, qPrintable(QString::number(started)));
    }

    void partMistakes() {
        QTemporaryDir dir;
        const QString part0 = dir.filePath("part-0.json"), part1 = dir.filePath("part-1.json");
        QCOMPARE(cli(glueSweep() << "--shard"
                                 << "0/2"
                                 << "-o" << part0)
                     .exitCode,
                 0);
        QCOMPARE(cli(glueSweep() << "--shard"
                                 << "1/2"
                                 << "-o" << part1)
                     .exitCode,
                 0);
        QCOMPARE(cli({"merge", part0, part1}).exitCode, 0);

        CliRun r = cli({"merge", part0});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QString("merge: error: shard 1/2 is missing (merge needs every part of "
                                "the sweep)\n"));
        r = cli({"merge", part0, part1, part1});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, part1 + ": error: is shard 1/2 again (already given by " + part1 + ")\n");
        r = cli({"merge", part0, dir.filePath("absent.json")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, dir.filePath("absent.json") + ": error: cannot read the part\n");

        // A part of another sweep: another seed.
        const QString foreign = dir.filePath("foreign.json");
        QFile f(foreign);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytesOf(part1).replace("\"seed\": 20260101", "\"seed\": 7"));
        f.close();
        r = cli({"merge", part0, foreign});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, foreign + ": error: belongs to another sweep than " + part0 +
                            ": its \"seed\" differs\n");
    }

    void usageErrors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QStringList glue = glueSweep();
        QTest::newRow("shard out of range") << (QStringList(glue) << "--shard"
                                                                  << "2/2")
                                            << "--shard needs I/N with 0 <= I < N, got '2/2'";
        QTest::newRow("report with a shard") << (QStringList(glue) << "--shard"
                                                                   << "0/2"
                                                                   << "--report"
                                                                   << "out")
                                             << "--report is for a whole sweep";
        QTest::newRow("no axis") << QStringList{"sweep", "--scenario", flagship()}
                                 << "--over AXIS is required";
        QTest::newRow("unknown axis")
            << QStringList{"sweep", "--scenario", flagship(), "--over", "memory"}
            << "--over takes runs-per-day";
        QTest::newRow("points down")
            << QStringList{"sweep",        "--scenario", flagship(), "--over",
                           "glue-workers", "--points",   "20,5"}
            << "--points must increase";
        QTest::newRow("memory too small")
            << QStringList{"sweep",         "--scenario", flagship(), "--over",
                           "lambda-memory", "--points",   "64,512"}
            << "--points must stay within 128 to 10,240 MB";
        QTest::newRow("no points")
            << QStringList{"sweep", "--scenario", flagship(), "--over", "glue-workers"}
            << "--points is required for --over glue-workers";
        QTest::newRow("weight") << (QStringList(glue) << "--balanced-weight"
                                                      << "2")
                                << "--balanced-weight needs a number from 0 to 1";
        QTest::newRow("rate on a workload sweep")
            << QStringList{"sweep",    "--scenario", flagship(), "--over", "runs-per-day",
                           "--points", "1:10",       "--rate",   "5"}
            << "--rate is for the sizing sweeps";
        QTest::newRow("rate not positive") << (QStringList(glue) << "--rate"
                                                                 << "0")
                                           << "--rate needs a positive number";
        QTest::newRow("unknown placement")
            << QStringList{"sweep",    "--scenario", flagship(),    "--over", "runs-per-day",
                           "--points", "1:10",       "--placement", "dense"}
            << "--placement takes even or adaptive, got 'dense'";
        QTest::newRow("adaptive list")
            << QStringList{"sweep",    "--scenario", flagship(),    "--over",  "runs-per-day",
                           "--points", "1,5,10",     "--placement", "adaptive"}
            << "--placement adaptive places the points of a workload sweep's range";
        QTest::newRow("adaptive sizing") << (QStringList(glue) << "--placement"
                                                               << "adaptive")
                                         << "it needs --over runs-per-day or records-per-day";
        QTest::newRow("merge nothing") << QStringList{"merge"} << "give the part files";
        QTest::newRow("merge option")
            << QStringList{"merge", "--shard", "0/1"} << "unknown option '--shard'";
    }
    void usageErrors() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const CliRun r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void invalidInput() {
        CliRun r = cli({"sweep", "--scenario", flagship(), "--over", "cluster-nodes", "--points",
                        "2,8", "--deployment", "serverless"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, flagship() + ": error: no deployment to sweep; serverless has no cluster "
                                     "service (--deployment serverless)\n");

        // A stream's rate is in records.
        const QString stream = QString(FLOWCAST_SOURCE_DIR) +
                               "/samples/streaming-micro-batch/streaming-micro-batch.scenario.json";
        r = cli({"sweep", "--scenario", stream, "--over", "runs-per-day", "--points", "1,100"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith(stream + ":/workload/stream: error: a stream workload is swept "
                                           "in records a day"),
                 qPrintable(r.err));

        // A sizing override out of range, named by its JSON Pointer.
        QTemporaryDir dir;
        QJsonObject scenario = jsonOf(bytesOf(flagship()));
        scenario["definition"] =
            QString(FLOWCAST_SOURCE_DIR) + "/samples/data-lake-etl/data-lake-etl.asl.json";
        scenario["sizing"] = QJsonObject{{"source-function", QJsonObject{{"cpuShare", 2}}}};
        const QString file = dir.filePath("bad.scenario.json");
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(scenario).toJson());
        out.close();
        r = cli({"sweep", "--scenario", file, "--over", "lambda-memory", "--points", "512,1024"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, file + ":/sizing/source-function/cpuShare: error: cpuShare must be from "
                               "0 to 1, got 2\n");
    }
};

QTEST_APPLESS_MAIN(TestCliSweep)
#include "TestCliSweep.moc"
