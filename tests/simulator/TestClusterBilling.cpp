// EMR on EC2 billed instance by instance (issue 4): every node of a cluster bills from the moment
// it is asked for to its termination, rounded and raised to its minimum by the price book's
// rules for the EC2 instance and for the EMR uplift, each on its own. AWS's words: Linux
// on-demand instances are "billed in one-second increments, with a minimum of 60 seconds" (EC2
// per-second billing announcement, 2017-09-18, and the EC2 on-demand pricing page), and EMR
// "is now billed in one-second increments [...] There is a 1 minute minimum charge per
// instance" (EMR per-second billing announcement, 2017-10-02); EMR's FAQ: "per-second consumed
// for each instance type (with a one-minute minimum), from the time cluster is requested until
// it is terminated". One-second increments: a node that lived 61.5 s is billed 62 s.
#include "model/pricing/PriceBook.h"
#include "model/scenario/Scenario.h"
#include "simulator/cost/SimulatedUsage.h"
#include "simulator/services/Cluster.h"
#include "tests/common/QuotedJson.h"
#include "tests/common/ServiceTestSupport.h"

#include <QtTest>

using flowcast::model::Json;
using flowcast::model::PriceBook;
using namespace flowcast::sim;
using namespace servicetest;

namespace {

const PriceBook& builtIn() {
    return PriceBook::defaults();
}

// A transient cluster of 2 m5.xlarge nodes billed by the built-in book's rules.
Cluster::Config transient(double provisioning, double termination) {
    Cluster::Config c;
    c.mode = Cluster::Mode::PerRun;
    c.nodes = 2;
    c.slotsPerNode = 1;
    c.provisioningSeconds = constant(provisioning);
    c.terminationSeconds = constant(termination);
    c.autoTerminateIdle = SimTime::fromSeconds(3'600);
    c.instanceBilling = builtIn().at("ec2.m5.xlarge").rules;
    c.upliftBilling = builtIn().at("emr.m5.xlarge").rules;
    return c;
}

struct Bench {
    Kernel kernel{11};
    Probe probe;
    RecordingObserver observer;
    RecordingListener listener{kernel};
    std::unique_ptr<Cluster> cluster;

    explicit Bench(std::unique_ptr<Cluster> built) : cluster(std::move(built)) {}
    explicit Bench(Cluster::Config config) {
        probe.subscribe(observer);
        cluster = std::make_unique<Cluster>(kernel, probe, "emr", std::move(config));
    }
    // One execution: Create, one step of `stepSeconds`, Terminate as soon as the step ends.
    void runOneExecution(double stepSeconds) {
        listener.then = [this, stepSeconds](const Finished& f) {
            if (f.ticket.attempt == 1) cluster->submit(makeJob(listener, 1, 2, stepSeconds));
            if (f.ticket.attempt == 2)
                cluster->submit(makeJob(listener, 1, 3, 0, JobOp::Terminate));
        };
        cluster->submit(makeJob(listener, 1, 1, 0, JobOp::Create));
        kernel.run(SimTime::fromSeconds(10'000));
        cluster->finish(SimTime::fromSeconds(10'000));
    }
    double usage(UsageKind kind) const { return observer.sum(kind); }
    double rawNodeSeconds() const {
        return usage(UsageKind::ProvisioningSeconds) + usage(UsageKind::NodeSecondsBusy) +
               usage(UsageKind::NodeSecondsIdle);
    }
};

} // namespace

class TestClusterBilling : public QObject {
    Q_OBJECT

private slots:
    void transientClusterBilledPerInstance_data() {
        QTest::addColumn<double>("provisioning");
        QTest::addColumn<double>("step");
        QTest::addColumn<double>("termination");
        QTest::addColumn<double>("billedPerNode");
        // 20 s starting + 5 s step + 5 s terminating: 30 s, billed the 1-minute minimum.
        QTest::newRow("30 s: the minimum") << 20.0 << 5.0 << 5.0 << 60.0;
        // 50 + 6.5 + 5 = 61.5 s: past the minimum, rounded up to the next whole second.
        QTest::newRow("61.5 s: the next second") << 50.0 << 6.5 << 5.0 << 62.0;
        QTest::newRow("60 s exactly") << 50.0 << 5.0 << 5.0 << 60.0;
        // 600 + 0.000001 + 60 s: one microsecond past a second bills the whole second.
        QTest::newRow("660 s and 1 µs") << 600.0 << 1e-6 << 60.0 << 661.0;
    }
    void transientClusterBilledPerInstance() {
        QFETCH(double, provisioning);
        QFETCH(double, step);
        QFETCH(double, termination);
        QFETCH(double, billedPerNode);
        Bench b(transient(provisioning, termination));
        b.runOneExecution(step);
        const double life = provisioning + step + termination;
        QCOMPARE(b.listener.of(3)->seconds, life); // gone: Terminate answers then
        QCOMPARE(b.cluster->liveClusters(), std::size_t(0));
        // The time as simulated is unchanged: 2 nodes × their life.
        QCOMPARE(b.rawNodeSeconds(), 2 * life);
        QCOMPARE(b.usage(UsageKind::NodeSecondsBilledEc2), 2 * billedPerNode);
        QCOMPARE(b.usage(UsageKind::NodeSecondsBilledEmr), 2 * billedPerNode);
        // One bill per node, not one per cluster: each node pays its own minimum.
        QCOMPARE(b.observer.of(UsageKind::NodeSecondsBilledEc2),
                 (std::vector<double>{billedPerNode, billedPerNode}));
    }

    // The rules are the book's: a user's book whose EMR uplift bills whole hours (as EMR did
    // before 2017-10) bills the uplift 1 h per node and leaves the EC2 instance per second.
    void rulesComeFromThePriceBook() {
        const PriceBook book = builtIn().withOverrides(
            quotedJson("{'prices':{'emr.r5.xlarge':{'roundUp':{'durationMs':3600000}}}}"),
            "user.prices.json");
        Kernel kernel{11};
        Probe probe;
        RecordingObserver observer;
        probe.subscribe(observer);
        const Json spec = quotedJson("{'kind':'cluster','mode':'per-run','nodes':3,"
                                     "'instanceType':'r5.xlarge','provisioningSeconds':"
                                     "{'constant':20},'terminationSeconds':{'constant':10}}");
        auto cluster = Cluster::fromJson(kernel, probe, "emr", spec, "/services/emr", {}, book);
        QCOMPARE(*cluster->config().upliftBilling.step(flowcast::model::Measure::DurationMs),
                 3'600'000.0);
        QCOMPARE(*cluster->config().instanceBilling.minimum(flowcast::model::Measure::DurationMs),
                 60'000.0);
        RecordingListener listener{kernel};
        listener.then = [&](const Finished& f) {
            if (f.ticket.attempt == 1)
                cluster->submit(makeJob(listener, 1, 2, 0, JobOp::Terminate));
        };
        cluster->submit(makeJob(listener, 1, 1, 0, JobOp::Create));
        kernel.run(SimTime::fromSeconds(1'000));
        cluster->finish(SimTime::fromSeconds(1'000));
        QCOMPARE(listener.of(2)->seconds, 30.0);
        QCOMPARE(observer.sum(UsageKind::NodeSecondsBilledEc2), 3 * 60.0);
        QCOMPARE(observer.sum(UsageKind::NodeSecondsBilledEmr), 3 * 3'600.0);

        // An instance type the book does not price bills as simulated; pricing names it later.
        Probe other;
        const Json unknown = quotedJson("{'kind':'cluster','instanceType':'z9.huge'}");
        const auto priceless =
            Cluster::fromJson(kernel, other, "x", unknown, "/services/x", {}, book);
        QVERIFY(priceless->config().instanceBilling.isEmpty());
    }

    // Always-on, autoscaled: node 1 runs A (0–100 s); B waits, so a node is asked for at t=0,
    // ready at 10 s, runs B to 15 s and is scaled in at 30 s (15 s idle): 30 s of life, billed
    // 60 s. Node 1 lives to the end of the run, 200 s.
    void scaledInNodePaysItsMinimum() {
        Cluster::Config c;
        c.nodes = 1;
        c.slotsPerNode = 1;
        Cluster::Autoscaling a;
        a.min = 1;
        a.max = 2;
        a.provisioningSeconds = constant(10);
        a.scaleInIdle = SimTime::fromSeconds(15);
        c.autoscaling = a;
        c.instanceBilling = builtIn().at("ec2.m5.xlarge").rules;
        c.upliftBilling = builtIn().at("emr.m5.xlarge").rules;
        Bench b(std::move(c));
        b.cluster->submit(makeJob(b.listener, 1, 1, 100));
        b.cluster->submit(makeJob(b.listener, 2, 2, 5));
        b.kernel.run(SimTime::fromSeconds(200));
        b.cluster->finish(SimTime::fromSeconds(200));
        QCOMPARE(b.listener.of(2)->seconds, 15.0);
        QCOMPARE(b.rawNodeSeconds(), 200.0 + 30.0);
        QCOMPARE(b.usage(UsageKind::NodeSecondsBilledEc2), 200.0 + 60.0);
        QCOMPARE(b.usage(UsageKind::NodeSecondsBilledEmr), 200.0 + 60.0);
    }

    // The cost lines price the billed node-hours and say how: one simulated day of a transient
    // cluster's 2 nodes living 30 s (60 node-seconds, billed 120), scaled to the 730-hour month.
    void costLineShowsTheRule() {
        const Json definition =
            quotedJson("{'StartAt':'Spark','States':{'Spark':{'Type':'Task','Resource':"
                       "'arn:aws:states:::elasticmapreduce:addStep.sync','End':true}}}");
        const Program program(definition);
        const auto scenario = flowcast::model::Scenario::fromJson(
            quotedJson("{'definition':'x.asl.json','workload':{'schedule':'rate(1 day)'},"
                       "'services':{'emr':{'kind':'cluster','mode':'per-run','nodes':2}},"
                       "'states':{'Spark':{'service':'emr'}}}"),
            "s.json");
        Metrics metrics(program.stateNames());
        metrics.executionStarted(1, SimTime{});
        metrics.executionEnded(
            {1, SimTime{}, SimTime::fromSeconds(30), EndStatus::Succeeded, {}, 1, 2});
        metrics.usage(0, UsageKind::ProvisioningSeconds, 40);
        metrics.usage(0, UsageKind::NodeSecondsBusy, 10);
        metrics.usage(0, UsageKind::NodeSecondsIdle, 10);
        metrics.usage(0, UsageKind::NodeSecondsBilledEc2, 120);
        metrics.usage(0, UsageKind::NodeSecondsBilledEmr, 120);
        metrics.finish(SimTime::fromSeconds(86'400));
        const auto usage =
            flowcast::cost::monthlyUsage(metrics, {"emr"}, program, scenario, builtIn());
        const double scale = 730.0 / 24.0;
        for (const char* id : {"ec2.m5.xlarge", "emr.m5.xlarge"}) {
            const flowcast::cost::UsageLine* line = nullptr;
            for (const auto& l : usage.lines)
                if (l.priceId == id) line = &l;
            QVERIFY2(line, id);
            QCOMPARE(line->monthlyQuantity, 120 * scale / 3600);
            const QString formula = QString::fromStdString(line->quantityFormula);
            // 60 s of rounding up a day: 60 × 30.4167 / 3600 = 0.50694 node-hours a month,
            // written to four significant digits beside 10 s busy, 10 s idle, 40 s starting.
            QVERIFY2(formula.startsWith("0.0845 busy + 0.0845 idle + 0.338 starting + 0.5069 "
                                        "rounded-up node-hours of m5.xlarge"),
                     qPrintable(formula));
            QVERIFY2(formula.endsWith("instance by instance from request to termination, each "
                                      "rounded up to 1 s, billed at least 1 min"),
                     qPrintable(formula));
        }
    }
};

QTEST_MAIN(TestClusterBilling)
#include "TestClusterBilling.moc"
