// EmrServerless (simulator/services/EmrServerless): job runs on an application that starts on
// demand and stops when idle, pre-initialized capacity, the maximum vCPU queue, per-worker
// billing with the price book's rounding and minimum, a month's cost to the cent, and the
// scenario form's errors.
#include "model/pricing/PriceBook.h"
#include "model/scenario/Scenario.h"
#include "model/scenario/ScenarioError.h"
#include "simulator/cost/CostEngine.h"
#include "simulator/cost/SimulatedUsage.h"
#include "simulator/exec/Program.h"
#include "simulator/metrics/Metrics.h"
#include "simulator/run/Replications.h"
#include "simulator/run/RunPlan.h"
#include "simulator/services/EmrServerless.h"
#include "tests/common/QuotedJson.h"
#include "tests/common/ScenarioErrorOf.h"
#include "tests/common/ServiceTestSupport.h"

#include <QtTest>

using flowcast::model::Json;
using namespace flowcast::sim;
using namespace servicetest;

namespace {

// A driver and 3 executors of 4 vCPU, 16 GB and 20 GB of disk each (the defaults): 16 vCPU and
// 64 GB a run, no storage billed.
EmrServerless::Config application(double appStart, double workerStart) {
    EmrServerless::Config c;
    c.applicationStartSeconds = constant(appStart);
    c.workerStartSeconds = constant(workerStart);
    c.preInitializedStartSeconds = constant(2);
    return c;
}

struct Bench {
    Kernel kernel{11};
    Probe probe;
    RecordingObserver observer;
    RecordingListener listener{kernel};
    std::unique_ptr<EmrServerless> service;
    std::unique_ptr<Submitter> submitter;

    explicit Bench(EmrServerless::Config config) {
        probe.subscribe(observer);
        service = std::make_unique<EmrServerless>(kernel, probe, "spark", std::move(config));
        submitter = std::make_unique<Submitter>(kernel, *service);
    }
    double endOf(std::uint32_t attempt) const {
        const Finished* f = listener.of(attempt);
        return f ? f->seconds : -1;
    }
};

const flowcast::cost::CostLine* lineOf(const flowcast::cost::CostReport& report,
                                       const std::string& priceId) {
    for (const auto& line : report.lines)
        if (line.priceId == priceId) return &line;
    return nullptr;
}

} // namespace

class TestEmrServerless : public QObject {
    Q_OBJECT

private slots:
    // A month (730 h) with 10 runs of 90 s, one every hour: each run's 4 workers × 4 vCPU ×
    // 16 GB for 90 s (the worker and application start-up are not billed).
    //   vCPU:   10 × 4 × 4 × 90 s = 14,400 vCPU-s = 4 vCPU-h × $0.052624 = $0.210496 -> $0.21
    //   memory: 10 × 4 × 16 × 90 s = 57,600 GB-s = 16 GB-h × $0.0057785 = $0.092456 -> $0.09
    //   in all $0.302952 -> $0.30; no storage (20 GB a worker is free).
    void monthOfRunsCostsToTheCent() {
        const Json definition =
            quotedJson("{'StartAt':'Spark','States':{'Spark':{'Type':'Task','Resource':"
                       "'arn:aws:states:::emr-serverless:startJobRun.sync','End':true}}}");
        const Program program(definition);
        const auto scenario = flowcast::model::Scenario::fromJson(
            quotedJson("{'definition':'x.asl.json','workload':{'schedule':'rate(1 hour)'},"
                       "'services':{'spark':{'kind':'emr-serverless','executors':3,"
                       "'applicationStartSeconds':{'constant':45},'workerStartSeconds':"
                       "{'constant':20}}}}"),
            "s.json");
        Kernel kernel(3);
        Probe probe;
        Metrics metrics(program.stateNames());
        probe.subscribe(metrics);
        auto service = EmrServerless::fromJson(
            kernel, probe, "spark", scenario.section("services").at("spark"), "/services/spark");
        RecordingListener listener(kernel);
        Submitter submitter(kernel, *service);
        for (std::uint32_t i = 0; i < 10; ++i)
            submitter.at(3600.0 * i, makeJob(listener, i + 1, i + 1, 90));
        const SimTime month = SimTime::fromSeconds(730 * 3600.0);
        kernel.run(month);
        service->finish(month);
        metrics.finish(month);
        QCOMPARE(listener.finished.size(), std::size_t(10));

        const auto& book = flowcast::model::PriceBook::defaults();
        const auto usage =
            flowcast::cost::monthlyUsage(metrics, probe.serviceNames(), program, scenario, book);
        QCOMPARE(usage.scale, 1.0);
        const auto report = flowcast::cost::priceUsage(usage.lines, book);
        const auto* vcpu = lineOf(report, "emrserverless.vcpuHours");
        const auto* memory = lineOf(report, "emrserverless.memoryGbHours");
        QVERIFY(vcpu && memory);
        QCOMPARE(vcpu->quote.billedQuantity, 4.0);
        QCOMPARE(memory->quote.billedQuantity, 16.0);
        QCOMPARE(vcpu->quote.cents(), std::int64_t(21));
        QCOMPARE(memory->quote.cents(), std::int64_t(9));
        QVERIFY(std::abs(report.monthlyUsd - 0.302952) < 1e-9);
        QVERIFY(!lineOf(report, "emrserverless.storageGbHours"));
        QVERIFY(QString::fromStdString(vcpu->quote.formula).contains("1 driver + 3 executors"));
    }

    // Each worker is billed per second with a minimum of 1 minute, storage per second without
    // one (the built-in book's rules). Executors with 50 GB of disk: 3 × 30 GB above the free 20.
    //   run 1, 30 s:   vCPU 16 × 60 = 960;  memory 64 × 60 = 3,840;  storage 90 × 30 = 2,700
    //   run 2, 60.2 s: vCPU 16 × 61 = 976;  memory 64 × 61 = 3,904;  storage 90 × 61 = 5,490
    void workersAreBilledWithTheMinute() {
        EmrServerless::Config c = application(0, 0);
        c.executor.diskGb = 50;
        Bench b(std::move(c));
        b.submitter->at(0, makeJob(b.listener, 1, 1, 30));
        b.submitter->at(0, makeJob(b.listener, 2, 2, 60.2));
        b.kernel.run(SimTime::fromSeconds(100));
        QCOMPARE(b.observer.of(UsageKind::VcpuSeconds), (std::vector<double>{960, 976}));
        QCOMPARE(b.observer.of(UsageKind::MemoryGbSeconds), (std::vector<double>{3'840, 3'904}));
        QCOMPARE(b.observer.of(UsageKind::StorageGbSeconds), (std::vector<double>{2'700, 5'490}));
    }

    // maxVcpu 32 holds two runs of 16 vCPU. Application start 30 s, workers 10 s, runs 100 s:
    // t=0 three runs arrive and the application starts; t=30 runs 1 and 2 take 32 vCPU and run 3
    // waits; t=140 runs 1 and 2 end, run 3 starts; t=250 it ends.
    void runsQueueAtMaximumCapacity() {
        EmrServerless::Config c = application(30, 10);
        c.maxVcpu = 32;
        Bench b(std::move(c));
        for (std::uint32_t i = 1; i <= 3; ++i)
            b.submitter->at(0, makeJob(b.listener, i, i, 100));
        b.kernel.run(SimTime::fromSeconds(100));
        QCOMPARE(b.service->running(), 2);
        QCOMPARE(b.service->queueLength(), std::size_t(1));
        QCOMPARE(b.service->vcpuInUse(), 32);
        b.kernel.run(SimTime::fromSeconds(1'000));
        QCOMPARE(b.endOf(1), 140.0);
        QCOMPARE(b.endOf(2), 140.0);
        QCOMPARE(b.endOf(3), 250.0);
        QCOMPARE(b.observer.count(ServiceSignal::Queued), 1);
        QCOMPARE(b.observer.count(ServiceSignal::ColdStart), 1);
    }

    // Application start 60 s, workers 20 s, runs 100 s, auto-stop after 900 idle seconds:
    // t=0 run 1 finds it stopped: started at 60, runs 80-180. t=500 run 2 finds it started
    // (idle since 180): 520-620. It stops at 620 + 900 = 1,520, so run 3 at t=2,000 is cold
    // again: 2,060 started, 2,080-2,180.
    void coldApplicationAgainstAStartedOne() {
        Bench b(application(60, 20));
        b.submitter->at(0, makeJob(b.listener, 1, 1, 100));
        b.submitter->at(500, makeJob(b.listener, 2, 2, 100));
        b.submitter->at(2'000, makeJob(b.listener, 3, 3, 100));
        b.kernel.run(SimTime::fromSeconds(1'000));
        QVERIFY(b.service->isStarted());
        b.kernel.run(SimTime::fromSeconds(1'600));
        QVERIFY(!b.service->isStarted());
        b.kernel.run(SimTime::fromSeconds(5'000));
        QCOMPARE(b.endOf(1), 180.0);
        QCOMPARE(b.endOf(2), 620.0);
        QCOMPARE(b.endOf(3), 2'180.0);
        QCOMPARE(b.observer.count(ServiceSignal::ColdStart), 2);
        QVERIFY(!b.service->isStarted()); // stopped again at 3,080
    }

    // Pre-initialized capacity for one run (a driver and 3 executors), starting in 2 s:
    // t=0 run 1 starts the application (60 s), takes the pool: 62-162. t=500 run 2 takes the
    // pool: 502-602. t=510 run 3 finds it busy and gets on-demand workers (20 s): 530-630.
    // Auto-stop at 630 + 900 = 1,530: the pool is billed for 1,530 - 60 = 1,470 s × 16 vCPU =
    // 23,520 vCPU-s and × 64 GB = 94,080 GB-s; run 3's own workers 100 s × 16 = 1,600 vCPU-s.
    void preInitializedCapacityIsBilledWhileStarted() {
        EmrServerless::Config c = application(60, 20);
        c.initialDrivers = 1;
        c.initialExecutors = 3;
        Bench b(std::move(c));
        b.submitter->at(0, makeJob(b.listener, 1, 1, 100));
        b.submitter->at(500, makeJob(b.listener, 2, 2, 100));
        b.submitter->at(510, makeJob(b.listener, 3, 3, 100));
        b.kernel.run(SimTime::fromSeconds(5'000));
        QCOMPARE(b.endOf(1), 162.0);
        QCOMPARE(b.endOf(2), 602.0);
        QCOMPARE(b.endOf(3), 630.0);
        QCOMPARE(b.observer.of(UsageKind::VcpuSeconds), (std::vector<double>{0, 0, 1'600, 23'520}));
        QCOMPARE(b.observer.sum(UsageKind::MemoryGbSeconds), 6'400.0 + 94'080.0);
    }

    // Without auto-stop the pool bills to the end of the simulation: started at 60, finished at
    // 1,000: 940 s × 16 vCPU.
    void poolWithoutAutoStopBillsToTheEnd() {
        EmrServerless::Config c = application(60, 20);
        c.initialDrivers = 1;
        c.initialExecutors = 3;
        c.autoStopIdle.reset();
        Bench b(std::move(c));
        b.submitter->at(0, makeJob(b.listener, 1, 1, 100));
        b.kernel.run(SimTime::fromSeconds(1'000));
        b.service->finish(SimTime::fromSeconds(1'000));
        QCOMPARE(b.observer.of(UsageKind::VcpuSeconds), (std::vector<double>{0, 940 * 16}));
    }

    // A create step starts the application and returns once it is started (t=60). The run at
    // t=100 finds it started: 120-220. A terminate step at t=150 returns at once and leaves the
    // running application alone; one at t=300 stops the idle application, so the run at t=400
    // is cold: started at 460, 480-580.
    void createStartsTerminateStopsTheApplication() {
        Bench b(application(60, 20));
        b.submitter->at(0, makeJob(b.listener, 1, 1, 0, JobOp::Create));
        b.submitter->at(100, makeJob(b.listener, 2, 2, 100));
        b.submitter->at(150, makeJob(b.listener, 3, 3, 0, JobOp::Terminate));
        b.submitter->at(300, makeJob(b.listener, 4, 4, 0, JobOp::Terminate));
        b.submitter->at(400, makeJob(b.listener, 5, 5, 100));
        b.kernel.run(SimTime::fromSeconds(350));
        QVERIFY(!b.service->isStarted());
        b.kernel.run(SimTime::fromSeconds(1'000));
        QCOMPARE(b.endOf(1), 60.0);
        QCOMPARE(b.endOf(2), 220.0);
        QCOMPARE(b.endOf(3), 150.0);
        QCOMPARE(b.endOf(4), 300.0);
        QCOMPARE(b.endOf(5), 580.0);
        QCOMPARE(b.observer.count(ServiceSignal::ColdStart), 2);
    }

    // Through the router, the integration's ARNs pick the operation: startApplication waits
    // for the application (t=0-60), startJobRun runs (workers 20 s, work 100 s: t=60-180) and
    // stopApplication answers at once. Only the job run bills: 16 vCPU × 100 s.
    void applicationStepsThroughTheRouter() {
        const Program program(quotedJson(
            "{'StartAt':'Start','States':{"
            "'Start':{'Type':'Task','Resource':'arn:aws:states:::emr-serverless:startApplication"
            ".sync','Next':'Spark'},"
            "'Spark':{'Type':'Task','Resource':'arn:aws:states:::emr-serverless:startJobRun.sync',"
            "'Next':'Stop'},"
            "'Stop':{'Type':'Task','Resource':'arn:aws:states:::emr-serverless:stopApplication',"
            "'End':true}}}"));
        const auto scenario = flowcast::model::Scenario::fromJson(
            quotedJson("{'definition':'x.asl.json','replications':1,'workload':{'schedule':"
                       "'rate(1 day)'},'services':{'spark':{'kind':'emr-serverless',"
                       "'applicationStartSeconds':{'constant':60},'workerStartSeconds':"
                       "{'constant':20}}},'states':{'Start':{'service':'spark'},'Spark':"
                       "{'service':'spark','duration':{'constant':100}},'Stop':{'service':"
                       "'spark'}}}"),
            "s.json");
        RunCounts counts;
        counts.executions = 1;
        Replications runs(program, scenario, makePlan(scenario, counts));
        QVERIFY(runs.run(nullptr));
        const Metrics& m = runs.merged();
        QCOMPARE(m.executions().ended, std::uint64_t(1));
        QCOMPARE(m.executions().latency.mean() / 1e6, 180.0);
        QCOMPARE(m.service(0).usageOf(UsageKind::VcpuSeconds), 1'600.0);
    }

    void defaults() {
        const auto c = EmrServerless::parseConfig(quotedJson("{'kind':'emr-serverless'}"), "/s");
        QCOMPARE(c.runWorkers(), 4);
        QCOMPARE(c.runVcpu(), 16);
        QVERIFY(!c.maxVcpu);
        QCOMPARE(c.autoStopIdle->seconds(), 900.0);
        QVERIFY(!EmrServerless::parseConfig(
                     quotedJson("{'kind':'emr-serverless','autoStopIdleSeconds':null}"), "/s")
                     .autoStopIdle);
    }

    void mistakes_data() {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("message");
        QTest::newRow("negative executors")
            << "{'executors': -1}"
            << "/services/spark/executors"
            << "\"executors\" must be an integer from 0 to 10000 (got -1)";
        QTest::newRow("negative pre-initialized")
            << "{'initialExecutors': -2}"
            << "/services/spark/initialExecutors"
            << "\"initialExecutors\" must be an integer from 0 to 100000 (got -2)";
        QTest::newRow("vCPU size") << "{'driverVcpu': 3}"
                                   << "/services/spark/driverVcpu"
                                   << "\"driverVcpu\" must be 1, 2, 4, 8 or 16 (got 3)";
        QTest::newRow("memory for the vCPU")
            << "{'executorMemoryGb': 40}"
            << "/services/spark/executorMemoryGb"
            << "\"executorMemoryGb\" must be 8 to 30 GB in steps of 1 GB for a 4-vCPU worker "
               "(got 40)";
        QTest::newRow("memory step") << "{'executorVcpu': 8, 'executorMemoryGb': 18}"
                                     << "/services/spark/executorMemoryGb"
                                     << "in steps of 4 GB for a 8-vCPU worker (got 18)";
        QTest::newRow("disk") << "{'driverDiskGb': 10}"
                              << "/services/spark/driverDiskGb"
                              << "\"driverDiskGb\" must be a number from 20 to 200 (got 10)";
        QTest::newRow("capacity below one run") << "{'maxVcpu': 8}"
                                                << "/services/spark/maxVcpu"
                                                << "at least 16 (got 8)";
        QTest::newRow("auto-stop") << "{'autoStopIdleSeconds': 5}"
                                   << "/services/spark/autoStopIdleSeconds"
                                   << "\"autoStopIdleSeconds\" must be a number from 60";
        QTest::newRow("unknown field") << "{'workers': 4}"
                                       << "/services/spark/workers"
                                       << "unknown field \"workers\" in emr-serverless";
    }
    void mistakes() {
        QFETCH(QString, spec);
        QFETCH(QString, pointer);
        QFETCH(QString, message);
        Json json = quotedJson(spec);
        json["kind"] = "emr-serverless";
        const auto seen =
            scenarioErrorOf([&] { EmrServerless::parseConfig(json, "/services/spark"); });
        QVERIFY2(seen, "accepted");
        QCOMPARE(seen->pointer, pointer);
        QVERIFY2(seen->message.contains(message), qPrintable(seen->message));
    }
};

QTEST_APPLESS_MAIN(TestEmrServerless)
#include "TestEmrServerless.moc"
