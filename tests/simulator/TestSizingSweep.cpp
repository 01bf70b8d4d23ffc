// Sizing sweeps' pure parts: the speed-up models (Lambda's CPU share, Amdahl's law), the
// scenario a size gives (the service resized, its states' durations scaled), the "sizing"
// overrides and their mistakes, which service a sweep resizes, and power-tuning's three
// strategies.
#include "model/scenario/ScenarioError.h"
#include "simulator/cost/SizingSweep.h"
#include "tests/common/QuotedJson.h"

#include <QtTest>

using flowcast::model::Json;
using flowcast::model::Scenario;
using namespace flowcast::cost;

namespace {

Scenario scenarioOf(Json document) {
    document["definition"] = "pipeline.asl.json";
    document["workload"] = Json{{"schedule", "rate(1 day)"}};
    return Scenario::fromJson(std::move(document), "/tmp/pipeline.scenario.json");
}

// A function, a Glue job and a cluster, each serving one state.
Json pipeline() {
    return quotedJson(R"({
      "services": {
        "fn": {"kind": "lambda", "memoryMb": 1024},
        "job": {"kind": "glue", "workers": 10},
        "spark": {"kind": "cluster", "nodes": 4, "slotsPerNode": 8, "slotsPerJob": 32}
      },
      "states": {
        "Source": {"service": "fn", "duration": {"lognormal": {"median": 40, "p99": 160}}},
        "Convert": {"service": "job", "duration": {"uniform": {"min": 100, "max": 300}}},
        "Spark": {"service": "spark", "duration": 600},
        "Batch": {"service": "fn", "duration": {"startup": 2, "records": "$.n",
                                                "recordsPerSecondPerWorker": 100}},
        "Other": {"duration": 5}
      }
    })");
}

double number(const Scenario& s, const char* pointer) {
    return s.document.at(Json::json_pointer(pointer)).get<double>();
}

} // namespace

class TestSizingSweep : public QObject {
    Q_OBJECT

private slots:
    void axes() {
        QCOMPARE(sweepAxisFromName("lambda-memory"), std::optional(SweepAxis::LambdaMemory));
        QCOMPARE(sweepAxisFromName("cluster-nodes"), std::optional(SweepAxis::ClusterNodes));
        QVERIFY(!sweepAxisFromName("memory"));
        QVERIFY(isSizing(SweepAxis::GlueWorkers));
        QVERIFY(!isSizing(SweepAxis::RecordsPerDay));
        QCOMPARE(sweepUnit(SweepAxis::LambdaMemory), std::string("MB"));
        QCOMPARE(sizeLimits(SweepAxis::LambdaMemory), std::make_pair(128.0, 10240.0));
    }

    // duration(m) = d × (1 − cpuShare + cpuShare × speed(from) / speed(to)),
    // speed(m) = min(m / mbPerVcpu, threads).
    void lambdaFactor_data() {
        QTest::addColumn<double>("threads");
        QTest::addColumn<double>("cpuShare");
        QTest::addColumn<double>("fromMb");
        QTest::addColumn<double>("toMb");
        QTest::addColumn<double>("factor");
        QTest::newRow("half the memory, twice as long") << 1.0 << 1.0 << 1024.0 << 512.0 << 2.0;
        QTest::newRow("up to one vCPU") << 1.0 << 1.0 << 1024.0 << 2048.0 << 1024.0 / 1769.0;
        QTest::newRow("one thread: flat above 1769 MB") << 1.0 << 1.0 << 1769.0 << 10240.0 << 1.0;
        QTest::newRow("six threads use six vCPUs") << 6.0 << 1.0 << 1769.0 << 3538.0 << 0.5;
        QTest::newRow("half of it waits on I/O") << 1.0 << 0.5 << 1024.0 << 512.0 << 1.5;
        QTest::newRow("all of it waits on I/O") << 1.0 << 0.0 << 1024.0 << 128.0 << 1.0;
    }
    void lambdaFactor() {
        QFETCH(double, threads);
        QFETCH(double, cpuShare);
        QFETCH(double, fromMb);
        QFETCH(double, toMb);
        QFETCH(double, factor);
        SizingModel m;
        m.threads = threads;
        m.cpuShare = cpuShare;
        QVERIFY(qAbs(lambdaDurationFactor(m, fromMb, toMb) - factor) < 1e-12);
    }

    void amdahl() {
        QCOMPARE(amdahlDurationFactor(0.9, 10, 20), 0.1 + 0.9 * 0.5);
        QCOMPARE(amdahlDurationFactor(0.9, 10, 5), 0.1 + 0.9 * 2);
        QCOMPARE(amdahlDurationFactor(1.0, 4, 8), 0.5);
        QCOMPARE(amdahlDurationFactor(0.0, 4, 8), 1.0);
    }

    // 1024 → 512 MB doubles the function's durations: the lognormal's median and p99, and a
    // work model's start-up (its rate per worker halves); other states are left alone.
    void sizedLambda() {
        const Scenario s = sized(scenarioOf(pipeline()), SweepAxis::LambdaMemory, "fn", 512);
        QCOMPARE(number(s, "/services/fn/memoryMb"), 512.0);
        QCOMPARE(number(s, "/states/Source/duration/lognormal/median"), 80.0);
        QCOMPARE(number(s, "/states/Source/duration/lognormal/p99"), 320.0);
        QCOMPARE(number(s, "/states/Batch/duration/startup"), 4.0);
        QCOMPARE(number(s, "/states/Batch/duration/recordsPerSecondPerWorker"), 50.0);
        QCOMPARE(number(s, "/states/Convert/duration/uniform/min"), 100.0);
        QCOMPARE(number(s, "/states/Other/duration"), 5.0);
    }

    // 10 → 20 workers: × (0.1 + 0.9 × 10 / 20) = × 0.55 with the default parallel share.
    void sizedGlue() {
        const Scenario s = sized(scenarioOf(pipeline()), SweepAxis::GlueWorkers, "job", 20);
        QCOMPARE(number(s, "/services/job/workers"), 20.0);
        QCOMPARE(number(s, "/states/Convert/duration/uniform/min"), 55.0);
        QCOMPARE(number(s, "/states/Convert/duration/uniform/max"), 165.0);
        QCOMPARE(number(s, "/states/Source/duration/lognormal/median"), 40.0);
    }

    // 4 → 8 nodes: the job's 32 slots become 64, its 600 s × (0.1 + 0.9 × 32 / 64) = 330 s;
    // 4 → 1 node: at most the 8 slots there are, 600 × (0.1 + 0.9 × 4) = 2,220 s.
    void sizedCluster() {
        const Scenario up = sized(scenarioOf(pipeline()), SweepAxis::ClusterNodes, "spark", 8);
        QCOMPARE(number(up, "/services/spark/nodes"), 8.0);
        QCOMPARE(number(up, "/services/spark/slotsPerJob"), 64.0);
        QVERIFY(qAbs(number(up, "/states/Spark/duration") - 330.0) < 1e-9);
        const Scenario down = sized(scenarioOf(pipeline()), SweepAxis::ClusterNodes, "spark", 1);
        QCOMPARE(number(down, "/services/spark/slotsPerJob"), 8.0);
        QVERIFY(qAbs(number(down, "/states/Spark/duration") - 2220.0) < 1e-9);
    }

    void overrides() {
        Json doc = pipeline();
        doc["sizing"] = quotedJson("{'fn': {'cpuShare': 0.25, 'threads': 2}, "
                                   "'job': {'parallelShare': 0.5}}");
        const Scenario s = scenarioOf(doc);
        const SizingModel fn = sizingModelOf(s, SweepAxis::LambdaMemory, "fn");
        QCOMPARE(fn.cpuShare, 0.25);
        QCOMPARE(fn.threads, 2.0);
        QCOMPARE(fn.mbPerVcpu, 1769.0);
        QCOMPARE(sizingModelOf(s, SweepAxis::GlueWorkers, "job").parallelShare, 0.5);
        QCOMPARE(sizingModelOf(s, SweepAxis::ClusterNodes, "spark").parallelShare, 0.9);
        // The job at 5 workers: × (0.5 + 0.5 × 2) = × 1.5.
        const Scenario half = sized(s, SweepAxis::GlueWorkers, "job", 5);
        QCOMPARE(number(half, "/states/Convert/duration/uniform/min"), 150.0);
    }

    void overrideMistakes_data() {
        QTest::addColumn<QString>("sizing");
        QTest::addColumn<QString>("pointer");
        QTest::newRow("share above 1") << "{'fn': {'cpuShare': 1.5}}"
                                       << "/sizing/fn/cpuShare";
        QTest::newRow("unknown field") << "{'fn': {'parallelShare': 0.5}}"
                                       << "/sizing/fn/parallelShare";
        QTest::newRow("threads not positive") << "{'fn': {'threads': 0}}"
                                              << "/sizing/fn/threads";
        QTest::newRow("not an object") << "[1]"
                                       << "/sizing";
    }
    void overrideMistakes() {
        QFETCH(QString, sizing);
        QFETCH(QString, pointer);
        Json doc = pipeline();
        doc["sizing"] = quotedJson(sizing);
        try {
            sizingModelOf(scenarioOf(doc), SweepAxis::LambdaMemory, "fn");
            QFAIL("no error");
        } catch (const flowcast::model::ScenarioError& e) {
            QCOMPARE(QString::fromStdString(e.pointer()), pointer);
        }
    }

    void target() {
        std::string why;
        const Scenario s = scenarioOf(pipeline());
        QCOMPARE(sizingTarget(s, SweepAxis::LambdaMemory, "", why),
                 std::optional<std::string>("fn"));
        QCOMPARE(configuredSize(s, SweepAxis::LambdaMemory, "fn"), 1024.0);
        QVERIFY(!sizingTarget(s, SweepAxis::LambdaMemory, "other", why));
        QCOMPARE(why, std::string("has no lambda service \"other\""));
        Json doc = pipeline();
        doc["services"]["fn2"] = Json{{"kind", "lambda"}};
        doc["states"]["Other"]["service"] = "fn2";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 sizingTarget(scenarioOf(doc), SweepAxis::LambdaMemory, "", why));
        QCOMPARE(sizingTarget(scenarioOf(doc), SweepAxis::LambdaMemory, "fn2", why),
                 std::optional<std::string>("fn2"));
        QCOMPARE(configuredSize(scenarioOf(doc), SweepAxis::LambdaMemory, "fn2"), 1024.0);
        doc["services"]["spark"]["autoscaling"] = Json{{"min", 2}, {"max", 8}};
        QVERIFY(!sizingTarget(scenarioOf(doc), SweepAxis::ClusterNodes, "", why));
        QCOMPARE(why, std::string("its cluster \"spark\" autoscales"));
        doc["states"]["Spark"].erase("service");
        QVERIFY(!sizingTarget(scenarioOf(doc), SweepAxis::ClusterNodes, "", why));
        QCOMPARE(why, std::string("no state runs on its cluster service \"spark\""));
        doc.erase("services");
        QVERIFY(!sizingTarget(scenarioOf(doc), SweepAxis::GlueWorkers, "", why));
        QCOMPARE(why, std::string("has no glue service"));
    }

    // Power-tuning's example shape: cost falls then rises, duration falls.
    //   128: $10, 35 s; 256: $9, 17 s; 512: $9.5, 8 s; 1024: $11, 4 s; 1536: $16, 3.9 s.
    // balanced(0.5) = 0.5 cost / 16 + 0.5 duration / 35: .8125, .5239, .4112, .4009, .5557.
    void strategies_data() {
        QTest::addColumn<int>("strategy");
        QTest::addColumn<double>("weight");
        QTest::addColumn<int>("best");
        QTest::newRow("cost") << int(SizingStrategy::Cost) << 0.5 << 1;
        QTest::newRow("speed") << int(SizingStrategy::Speed) << 0.5 << 4;
        QTest::newRow("balanced") << int(SizingStrategy::Balanced) << 0.5 << 3;
        QTest::newRow("balanced 1 is cost") << int(SizingStrategy::Balanced) << 1.0 << 1;
        QTest::newRow("balanced 0 is speed") << int(SizingStrategy::Balanced) << 0.0 << 4;
    }
    void strategies() {
        QFETCH(int, strategy);
        QFETCH(double, weight);
        QFETCH(int, best);
        const std::vector<SizingCandidate> c{{10, 35}, {9, 17}, {9.5, 8}, {11, 4}, {16, 3.9}};
        QCOMPARE(bestSize(SizingStrategy(strategy), c, weight), std::optional<std::size_t>(best));
    }

    // Ties: the cheaper of two as fast, the faster of two as cheap, the first balanced one.
    void ties() {
        const std::vector<SizingCandidate> c{{5, 10}, {5, 8}, {4, 8}, {4, 9}};
        QCOMPARE(bestSize(SizingStrategy::Cost, c), std::optional<std::size_t>(2));
        QCOMPARE(bestSize(SizingStrategy::Speed, c), std::optional<std::size_t>(2));
        const std::vector<SizingCandidate> same{{2, 2}, {2, 2}};
        QCOMPARE(bestSize(SizingStrategy::Balanced, same), std::optional<std::size_t>(0));
        QVERIFY(!bestSize(SizingStrategy::Cost, {}));
        QCOMPARE(sizingStrategyName(SizingStrategy::Balanced), std::string("balanced"));
    }
};

QTEST_APPLESS_MAIN(TestSizingSweep)
#include "TestSizingSweep.moc"
