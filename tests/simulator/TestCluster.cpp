// Cluster (simulator/services/Cluster): FIFO queueing on slots, busy/idle node time, autoscaling,
// a daily schedule, per-run clusters created, used and terminated by each execution (and the
// bill of one never terminated), and the scenario form's errors.
#include "model/scenario/ScenarioError.h"
#include "simulator/services/Cluster.h"
#include "tests/common/QuotedJson.h"
#include "tests/common/ScenarioErrorOf.h"
#include "tests/common/ServiceTestSupport.h"

#include <QtTest>

using flowcast::model::Json;
using namespace flowcast::sim;
using namespace servicetest;

namespace {

Cluster::Config alwaysOn(int nodes, int slotsPerNode, int slotsPerJob = 1) {
    Cluster::Config c;
    c.nodes = nodes;
    c.slotsPerNode = slotsPerNode;
    c.slotsPerJob = slotsPerJob;
    return c;
}

Cluster::Config perRun(std::optional<double> autoTerminateSeconds) {
    Cluster::Config c;
    c.mode = Cluster::Mode::PerRun;
    c.nodes = 2;
    c.slotsPerNode = 2;
    c.provisioningSeconds = constant(600);
    c.terminationSeconds = constant(60);
    if (autoTerminateSeconds) c.autoTerminateIdle = SimTime::fromSeconds(*autoTerminateSeconds);
    return c;
}

// Everything a test looks at, built in the order a simulation builds it.
struct Bench {
    Kernel kernel{7};
    Probe probe;
    RecordingObserver observer;
    RecordingListener listener{kernel};
    std::unique_ptr<Cluster> cluster;
    std::unique_ptr<Submitter> submitter;

    explicit Bench(Cluster::Config config) {
        probe.subscribe(observer);
        cluster = std::make_unique<Cluster>(kernel, probe, "emr", std::move(config));
        submitter = std::make_unique<Submitter>(kernel, *cluster);
    }
    void runTo(double seconds) {
        kernel.run(SimTime::fromSeconds(seconds));
        cluster->finish(SimTime::fromSeconds(seconds));
    }
    std::vector<std::pair<double, double>> level(const char* which) {
        return observer.series(probe.series(std::string("emr/") + which));
    }
    double usage(UsageKind kind) const { return observer.sum(kind); }
};

using Levels = std::vector<std::pair<double, double>>;

} // namespace

class TestCluster : public QObject {
    Q_OBJECT

private slots:
    void fifoOnSlots() {
        // 1 node × 2 slots. t=0 submit A(10 s), B(30 s), C(5 s), D(5 s): A and B start, C and D
        // queue; t=10 A ends, C starts; t=15 C ends, D starts; t=20 D ends; t=30 B ends.
        Bench b(alwaysOn(1, 2));
        b.cluster->submit(makeJob(b.listener, 1, 1, 10));
        b.cluster->submit(makeJob(b.listener, 1, 2, 30));
        b.cluster->submit(makeJob(b.listener, 1, 3, 5));
        b.cluster->submit(makeJob(b.listener, 1, 4, 5));
        QCOMPARE(b.cluster->busySlots(), 2);
        QCOMPARE(b.cluster->queueLength(), std::size_t(2));
        b.runTo(30);
        QCOMPARE(b.listener.finished.size(), std::size_t(4));
        const std::vector<std::pair<std::uint32_t, double>> expected{
            {1, 10}, {3, 15}, {4, 20}, {2, 30}};
        for (std::size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(b.listener.finished[i].ticket.attempt, expected[i].first);
            QCOMPARE(b.listener.finished[i].seconds, expected[i].second);
            QVERIFY(!b.listener.finished[i].outcome.failed);
        }
        QCOMPARE(b.listener.of(3)->outcome.result, Json({{"attempt", 3}}));
        QCOMPARE(b.observer.count(ServiceSignal::Request), 4);
        QCOMPARE(b.observer.count(ServiceSignal::Queued), 2);
        QCOMPARE(b.level("queue"), (Levels{{0, 0}, {0, 1}, {0, 2}, {10, 1}, {15, 0}}));
        QCOMPARE(b.level("busySlots"), (Levels{{0, 0}, {0, 1}, {0, 2}, {20, 1}, {30, 0}}));
        // 1 node for 30 s; 10 + 30 + 5 + 5 = 50 slot-seconds on 2 slots per node.
        QCOMPARE(b.usage(UsageKind::NodeSecondsBusy), 25.0);
        QCOMPARE(b.usage(UsageKind::NodeSecondsIdle), 5.0);
    }

    void slotsPerJobSpanNodesAndBlockTheQueue() {
        // 3 nodes × 1 slot, 2 slots per job: t=0 job 1 takes two nodes; job 2 waits although a
        // slot is free (strict FIFO); t=10 job 1 ends, job 2 starts; t=20 job 2 ends.
        Bench b(alwaysOn(3, 1, 2));
        b.cluster->submit(makeJob(b.listener, 1, 1, 10));
        b.cluster->submit(makeJob(b.listener, 1, 2, 10));
        QCOMPARE(b.cluster->busySlots(), 2);
        b.runTo(20);
        QCOMPARE(b.listener.of(1)->seconds, 10.0);
        QCOMPARE(b.listener.of(2)->seconds, 20.0);
        QCOMPARE(b.usage(UsageKind::NodeSecondsBusy), 40.0);
        QCOMPARE(b.usage(UsageKind::NodeSecondsIdle), 20.0);
    }

    void busyPlusIdleIsNodesTimesTime() {
        // 3 nodes × 4 slots for 1,000 s; 60 jobs at irregular times with irregular lengths
        // (fixed seed). Busy is the slot-seconds used / 4, idle the rest, to the microsecond.
        Bench b(alwaysOn(3, 4));
        RandomStream random(2024);
        std::int64_t workUs = 0;
        for (std::uint32_t i = 0; i < 60; ++i) {
            const double at = 900 * random.uniform();
            const double work = random.exponential(40);
            workUs += SimTime::fromSeconds(work).us;
            b.submitter->at(at, makeJob(b.listener, 1, i, work));
        }
        b.runTo(5'000);
        QCOMPARE(b.listener.finished.size(), std::size_t(60));
        const double busy = b.usage(UsageKind::NodeSecondsBusy);
        const double idle = b.usage(UsageKind::NodeSecondsIdle);
        QCOMPARE(busy, static_cast<double>(workUs) / 4e6);
        QCOMPARE(busy + idle, 3 * 5'000.0); // exact: idle is computed as the rest
        QCOMPARE(b.observer.of(UsageKind::NodeSecondsBusy).size(), std::size_t(1));
    }

    void autoscalingTimeline() {
        // min 1, max 3, 1 slot per node, nodes start in 100 s, scale in after 300 s idle.
        // t=0 three 500 s jobs: job 1 on node 1, jobs 2 and 3 queue, two nodes asked for;
        // t=100 they are ready, jobs 2 and 3 start; t=500 job 1 ends (node 1 idle);
        // t=600 jobs 2 and 3 end; t=800 node 1 removed; t=900 node 2 removed, node 3 stays (min).
        Cluster::Config c = alwaysOn(1, 1);
        c.autoscaling = Cluster::Autoscaling{1, 3, constant(100), SimTime::fromSeconds(300)};
        Bench b(std::move(c));
        for (std::uint32_t i = 1; i <= 3; ++i)
            b.cluster->submit(makeJob(b.listener, 1, i, 500));
        b.runTo(1'000);
        QCOMPARE(b.listener.of(1)->seconds, 500.0);
        QCOMPARE(b.listener.of(2)->seconds, 600.0);
        QCOMPARE(b.listener.of(3)->seconds, 600.0);
        QCOMPARE(b.level("nodes"), (Levels{{0, 1}, {0, 2}, {0, 3}, {800, 2}, {900, 1}}));
        QCOMPARE(b.cluster->nodes(), 1);
        // Ready node time: node 1 0–800, node 2 100–900, node 3 100–1,000 = 2,500 node-seconds.
        QCOMPARE(b.usage(UsageKind::ProvisioningSeconds), 200.0);
        QCOMPARE(b.usage(UsageKind::NodeSecondsBusy), 1'500.0);
        QCOMPARE(b.usage(UsageKind::NodeSecondsIdle), 1'000.0);
    }

    void dailySchedule() {
        // 2 nodes × 1 slot, open 08:00–20:00. t=0 a 1 h job waits; 08:00 (28,800 s) it starts,
        // 09:00 it ends; 19:30 (70,200 s) a 1 h job starts and runs past closing; 20:00 the idle
        // node stops; 20:30 (73,800 s) the job ends and its node stops. Run to 24:00.
        Cluster::Config c = alwaysOn(2, 1);
        c.schedule =
            Cluster::DailySchedule{SimTime::fromSeconds(8 * 3600), SimTime::fromSeconds(20 * 3600)};
        Bench b(std::move(c));
        QCOMPARE(b.cluster->nodes(), 0);
        b.submitter->at(0, makeJob(b.listener, 1, 1, 3'600));
        b.submitter->at(70'200, makeJob(b.listener, 1, 2, 3'600));
        b.runTo(86'400);
        QCOMPARE(b.listener.of(1)->seconds, 32'400.0);
        QCOMPARE(b.listener.of(2)->seconds, 73'800.0);
        QCOMPARE(b.level("nodes"), (Levels{{0, 0}, {28'800, 2}, {72'000, 1}, {73'800, 0}}));
        // Node A 08:00–20:00 (43,200 s) + node B 08:00–20:30 (45,000 s).
        QCOMPARE(b.usage(UsageKind::NodeSecondsBusy), 7'200.0);
        QCOMPARE(b.usage(UsageKind::NodeSecondsIdle), 88'200.0 - 7'200.0);
    }

    void overnightJobKeepsItsNode() {
        // 1 node, open 08:00–20:00. Day 1 19:00 (68,400 s) a 14 h job starts and runs through
        // closing; day 2 08:00 (115,200 s) the opening finds its node still there and adds none;
        // 08:30 (117,000 s) a 1 h job waits for it; 09:00 (118,800 s) the long job ends and the
        // waiting one starts; 10:00 it ends; 20:00 (158,400 s) the node stops.
        Cluster::Config c = alwaysOn(1, 1);
        c.schedule =
            Cluster::DailySchedule{SimTime::fromSeconds(8 * 3600), SimTime::fromSeconds(20 * 3600)};
        Bench b(std::move(c));
        b.submitter->at(68'400, makeJob(b.listener, 1, 1, 14 * 3'600));
        b.submitter->at(117'000, makeJob(b.listener, 1, 2, 3'600));
        b.runTo(172'800);
        QCOMPARE(b.listener.of(1)->seconds, 118'800.0);
        QCOMPARE(b.listener.of(2)->seconds, 122'400.0);
        QCOMPARE(b.level("nodes"), (Levels{{0, 0}, {28'800, 1}, {158'400, 0}}));
        QCOMPARE(b.usage(UsageKind::NodeSecondsBusy), 54'000.0);
        QCOMPARE(b.usage(UsageKind::NodeSecondsIdle), 129'600.0 - 54'000.0);
    }

    void alwaysOnCreateAndTerminateAreFree() {
        // The same pipeline against an always-on cluster: create and terminate answer at t=0.
        Bench b(alwaysOn(1, 1));
        b.cluster->submit(makeJob(b.listener, 1, 1, 0, JobOp::Create));
        b.cluster->submit(makeJob(b.listener, 1, 2, 0, JobOp::Terminate));
        b.runTo(10);
        QCOMPARE(b.listener.finished.size(), std::size_t(2));
        QCOMPARE(b.listener.of(1)->seconds, 0.0);
        QVERIFY(!b.listener.of(1)->outcome.failed);
        QVERIFY(!b.listener.of(2)->outcome.failed);
        QCOMPARE(b.cluster->nodes(), 1);
    }

    void perRunTimeline() {
        // Execution 1: t=0 Create (600 s to provision 2 nodes); t=600 ready, a 100 s step;
        // t=700 it ends, Terminate; t=760 the cluster is gone. Execution 2 runs a step without
        // creating a cluster: it fails at t=0.
        Bench b(perRun(3'600));
        b.listener.then = [&](const Finished& f) {
            if (f.ticket.attempt == 1) b.cluster->submit(makeJob(b.listener, 1, 2, 100));
            if (f.ticket.attempt == 2)
                b.cluster->submit(makeJob(b.listener, 1, 3, 0, JobOp::Terminate));
        };
        b.cluster->submit(makeJob(b.listener, 1, 1, 0, JobOp::Create));
        b.cluster->submit(makeJob(b.listener, 2, 9, 10));
        b.runTo(10'000);
        QCOMPARE(b.listener.of(9)->seconds, 0.0);
        QCOMPARE(b.listener.of(9)->outcome.error, std::string(Cluster::kClusterNotFound));
        QCOMPARE(b.listener.of(1)->seconds, 600.0);
        QCOMPARE(b.listener.of(1)->outcome.result, Json({{"attempt", 1}}));
        QCOMPARE(b.listener.of(2)->seconds, 700.0);
        QCOMPARE(b.listener.of(3)->seconds, 760.0);
        QVERIFY(!b.listener.of(3)->outcome.failed);
        QCOMPARE(b.cluster->liveClusters(), std::size_t(0));
        QCOMPARE(b.level("nodes"), (Levels{{0, 2}, {760, 0}}));
        QCOMPARE(b.usage(UsageKind::ProvisioningSeconds), 1'200.0);
        QCOMPARE(b.usage(UsageKind::NodeSecondsBusy), 50.0);  // 100 slot-s / 2 slots per node
        QCOMPARE(b.usage(UsageKind::NodeSecondsIdle), 270.0); // 2 nodes × 160 s - 50
    }

    void neverTerminatedClusterBillsUntilIdleTimeout_data() {
        QTest::addColumn<double>("autoTerminate"); // < 0: no policy
        QTest::addColumn<double>("readyNodeSeconds");
        QTest::addColumn<double>("busyNodeSeconds");
        // Idle from t=700: auto-terminated at 4,300, gone at 4,360: 2 nodes × 3,760 s.
        QTest::newRow("1 h idle timeout") << 3'600.0 << 7'520.0 << 50.0;
        // No policy: the cluster bills until the simulation ends at 10,000 s (2 × 9,400 s) and
        // the late 10 s step runs on it.
        QTest::newRow("no policy") << -1.0 << 18'800.0 << 55.0;
    }
    void neverTerminatedClusterBillsUntilIdleTimeout() {
        // t=0 Create; t=600 ready, a 100 s step; t=700 the execution fails before its
        // Terminate step; t=5,000 a late step finds no cluster when the timeout ended it.
        QFETCH(double, autoTerminate);
        QFETCH(double, readyNodeSeconds);
        QFETCH(double, busyNodeSeconds);
        Bench b(perRun(autoTerminate < 0 ? std::nullopt : std::optional<double>(autoTerminate)));
        b.listener.then = [&](const Finished& f) {
            if (f.ticket.attempt == 1) b.cluster->submit(makeJob(b.listener, 1, 2, 100));
        };
        b.cluster->submit(makeJob(b.listener, 1, 1, 0, JobOp::Create));
        b.submitter->at(5'000, makeJob(b.listener, 1, 3, 10));
        b.runTo(10'000);
        QCOMPARE(b.listener.of(2)->seconds, 700.0);
        QCOMPARE(b.usage(UsageKind::ProvisioningSeconds), 1'200.0);
        QCOMPARE(b.usage(UsageKind::NodeSecondsBusy), busyNodeSeconds);
        QCOMPARE(b.usage(UsageKind::NodeSecondsIdle), readyNodeSeconds - busyNodeSeconds);
        const Finished* late = b.listener.of(3);
        if (autoTerminate > 0) {
            QCOMPARE(late->outcome.error, std::string(Cluster::kClusterNotFound));
            QCOMPARE(b.cluster->liveClusters(), std::size_t(0));
        } else {
            QVERIFY(!late->outcome.failed);
            QCOMPARE(late->seconds, 5'010.0);
            QCOMPARE(b.cluster->liveClusters(), std::size_t(1));
        }
    }

    void terminateStopsRunningSteps() {
        // t=0 Create; t=600 ready, a 1,000 s step starts; t=700 Terminate: the step fails at
        // once, the cluster is gone at 760.
        Bench b(perRun(3'600));
        b.cluster->submit(makeJob(b.listener, 1, 1, 0, JobOp::Create));
        b.submitter->at(600, makeJob(b.listener, 1, 2, 1'000));
        b.submitter->at(700, makeJob(b.listener, 1, 3, 0, JobOp::Terminate));
        b.runTo(2'000);
        QCOMPARE(b.listener.of(2)->seconds, 700.0);
        QCOMPARE(b.listener.of(2)->outcome.error, std::string(Cluster::kClusterTerminated));
        QCOMPARE(b.listener.of(3)->seconds, 760.0);
        QCOMPARE(b.usage(UsageKind::NodeSecondsBusy), 50.0);
        QCOMPARE(b.usage(UsageKind::NodeSecondsIdle), 270.0);
        QCOMPARE(b.observer.count(ServiceSignal::Failure), 1);
    }

    void parsesDefaults() {
        const Cluster::Config c = Cluster::parseConfig(
            quotedJson("{'kind': 'cluster', 'mode': 'per-run', 'instanceType': 'r5.xlarge'}"),
            "/services/emr");
        QCOMPARE(c.mode, Cluster::Mode::PerRun);
        QCOMPARE(c.nodes, 4);
        QCOMPARE(c.slotsPerNode, 4);
        QCOMPARE(c.slotsPerJob, 1);
        QCOMPARE(c.instanceType, std::string("r5.xlarge"));
        QCOMPARE(c.autoTerminateIdle->seconds(), 3'600.0);
        QCOMPARE(c.provisioningSeconds->mean(), 750.0); // uniform 300–1,200 s
        QCOMPARE(c.terminationSeconds->mean(), 60.0);
        const Cluster::Config never = Cluster::parseConfig(
            quotedJson("{'mode': 'per-run', 'autoTerminateIdleSeconds': null}"), "");
        QVERIFY(!never.autoTerminateIdle);
        const Cluster::Config scaled = Cluster::parseConfig(
            quotedJson("{'autoscaling': {'min': 2, 'max': 6, 'provisioningSeconds': 90}, "
                       "'schedule': {'from': '20:00', 'to': '24:00'}}"),
            "");
        QCOMPARE(scaled.nodes, 2);
        QCOMPARE(scaled.autoscaling->max, 6);
        QCOMPARE(scaled.autoscaling->scaleInIdle.seconds(), 300.0);
        QCOMPARE(scaled.schedule->from.seconds(), 72'000.0);
        QCOMPARE(scaled.schedule->to.seconds(), 0.0);
    }

    void configErrors_data() {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("message");
        QTest::newRow("not an object") << "[]"
                                       << "/s"
                                       << "cluster must be an object (got an array)";
        QTest::newRow("unknown key") << "{'nodez': 4}"
                                     << "/s/nodez"
                                     << "unknown field \"nodez\" in cluster";
        QTest::newRow("wrong kind") << "{'kind': 'glue'}"
                                    << "/s/kind"
                                    << "\"kind\" must be one of \"cluster\" (got \"glue\")";
        QTest::newRow("mode") << "{'mode': 'sometimes'}"
                              << "/s/mode"
                              << "\"mode\" must be one of \"always-on\", \"per-run\" (got "
                                 "\"sometimes\")";
        QTest::newRow("nodes 0") << "{'nodes': 0}"
                                 << "/s/nodes"
                                 << "\"nodes\" must be an integer from 1 to 10000 (got 0)";
        QTest::newRow("nodes not whole")
            << "{'nodes': 2.5}"
            << "/s/nodes"
            << "\"nodes\" must be an integer from 1 to 10000 (got 2.5)";
        QTest::newRow("slots per job") << "{'nodes': 2, 'slotsPerNode': 2, 'slotsPerJob': 5}"
                                       << "/s/slotsPerJob"
                                       << "\"slotsPerJob\" must be an integer from 1 to 4 (got 5)";
        QTest::newRow("autoscaling per run")
            << "{'mode': 'per-run', 'autoscaling': {}}"
            << "/s/autoscaling"
            << "\"autoscaling\" is not allowed here: it applies to always-on clusters";
        QTest::newRow("idle timeout always on")
            << "{'autoTerminateIdleSeconds': 600}"
            << "/s/autoTerminateIdleSeconds"
            << "\"autoTerminateIdleSeconds\" is not allowed here: it applies to per-run clusters";
        QTest::newRow("idle timeout range")
            << "{'mode': 'per-run', 'autoTerminateIdleSeconds': 30}"
            << "/s/autoTerminateIdleSeconds"
            << "\"autoTerminateIdleSeconds\" must be a number from 60 to 604800 (got 30)";
        QTest::newRow("max below min") << "{'autoscaling': {'min': 3, 'max': 2}}"
                                       << "/s/autoscaling/max"
                                       << "\"max\" must be an integer from 3 to 10000 (got 2)";
        QTest::newRow("autoscaling key") << "{'autoscaling': {'scaleIn': 5}}"
                                         << "/s/autoscaling/scaleIn"
                                         << "unknown field \"scaleIn\" in autoscaling";
        QTest::newRow("nodes outside autoscaling")
            << "{'nodes': 6, 'autoscaling': {'min': 2, 'max': 4}}"
            << "/s/nodes"
            << "\"nodes\" must be an integer from 2 to 4 (got 6)";
        QTest::newRow("schedule time") << "{'schedule': {'from': '8am', 'to': '20:00'}}"
                                       << "/s/schedule/from"
                                       << "\"from\" must be a time of day from \"00:00\" to "
                                          "\"24:00\" (got \"8am\")";
        QTest::newRow("schedule empty") << "{'schedule': {'from': '08:00', 'to': '08:00'}}"
                                        << "/s/schedule/to"
                                        << "\"to\" must differ from \"from\"";
        QTest::newRow("schedule missing") << "{'schedule': {'from': '08:00'}}"
                                          << "/s/schedule/to"
                                          << "\"to\" is required (\"HH:MM\")";
    }
    void configErrors() {
        QFETCH(QString, spec);
        QFETCH(QString, pointer);
        QFETCH(QString, message);
        const auto error = scenarioErrorOf([&] { Cluster::parseConfig(quotedJson(spec), "/s"); });
        QVERIFY2(error, "no error");
        QCOMPARE(error->pointer, pointer);
        QCOMPARE(error->message, message);
    }

    void distributionErrorsPointIntoTheField() {
        try {
            Cluster::parseConfig(quotedJson("{'mode': 'per-run', 'provisioningSeconds': 'slow'}"),
                                 "/s");
            QFAIL("no error");
        } catch (const flowcast::model::ScenarioError& e) {
            QVERIFY(QString::fromStdString(e.pointer()).startsWith("/s/provisioningSeconds"));
        }
    }
};

QTEST_APPLESS_MAIN(TestCluster)
#include "TestCluster.moc"
