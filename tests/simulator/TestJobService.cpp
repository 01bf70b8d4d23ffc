// JobService (simulator/services/JobService): Glue-like runs with their own workers, start-up and
// Flex delays, billed DPU-seconds with the per-run minimum, MaxConcurrentRuns failing or queueing,
// crawler defaults, and the scenario form's errors.
#include "model/scenario/ScenarioError.h"
#include "simulator/services/JobService.h"
#include "tests/common/QuotedJson.h"
#include "tests/common/ScenarioErrorOf.h"
#include "tests/common/ServiceTestSupport.h"

#include <QtTest>

using flowcast::model::Json;
using namespace flowcast::sim;
using namespace servicetest;

namespace {

JobService::Config glue(int maxConcurrentRuns, JobService::OnLimit onLimit) {
    JobService::Config c;
    c.workers = 10;
    c.workerType = "G.2X";
    c.dpuPerWorker = 2;
    c.startupSeconds = constant(20);
    c.flexDelaySeconds = constant(100);
    c.maxConcurrentRuns = maxConcurrentRuns;
    c.onLimit = onLimit;
    return c;
}

struct Bench {
    Kernel kernel{7};
    Probe probe;
    RecordingObserver observer;
    RecordingListener listener{kernel};
    std::unique_ptr<JobService> service;

    explicit Bench(JobService::Config config) {
        probe.subscribe(observer);
        service = std::make_unique<JobService>(kernel, probe, "glue", std::move(config));
    }
};

} // namespace

class TestJobService : public QObject {
    Q_OBJECT

private slots:
    void runsAreBilledWithTheMinimum() {
        // 10 × G.2X = 20 DPU, start-up 20 s. t=0 run 1 (30 s of work) and run 2 (100.4 s);
        // t=50 run 1 ends: 50 s billed as the 60 s minimum; t=120.4 run 2 ends: 121 s billed.
        Bench b(glue(5, JobService::OnLimit::Fail));
        b.service->submit(makeJob(b.listener, 1, 1, 30));
        b.service->submit(makeJob(b.listener, 2, 2, 100.4));
        QCOMPARE(b.service->running(), 2);
        b.kernel.run(SimTime::fromSeconds(1'000));
        QCOMPARE(b.listener.of(1)->seconds, 50.0);
        QCOMPARE(b.listener.of(2)->seconds, 120.4);
        QCOMPARE(b.listener.of(2)->outcome.result, Json({{"attempt", 2}}));
        QCOMPARE(b.observer.of(UsageKind::DpuSeconds), (std::vector<double>{1'200, 2'420}));
        QCOMPARE(b.observer.count(ServiceSignal::Request), 2);
    }

    void concurrentRunsExceededFails() {
        // MaxConcurrentRuns 1 (Glue's default), onLimit fail: t=0 run 1 starts (ends at 60);
        // run 2 fails at once with Glue's error and is neither run nor billed.
        Bench b(glue(1, JobService::OnLimit::Fail));
        b.service->submit(makeJob(b.listener, 1, 1, 40));
        b.service->submit(makeJob(b.listener, 2, 2, 40));
        b.kernel.run(SimTime::fromSeconds(1'000));
        QCOMPARE(b.listener.of(2)->seconds, 0.0);
        QCOMPARE(b.listener.of(2)->outcome.error,
                 std::string("Glue.ConcurrentRunsExceededException"));
        QCOMPARE(b.listener.of(1)->seconds, 60.0);
        QCOMPARE(b.observer.count(ServiceSignal::Throttle), 1);
        QCOMPARE(b.observer.of(UsageKind::DpuSeconds), (std::vector<double>{1'200}));
    }

    void queueWhenLimited() {
        // onLimit queue: t=0 run 1 starts, run 2 waits; t=60 run 1 ends, run 2 starts;
        // t=120 run 2 ends.
        Bench b(glue(1, JobService::OnLimit::Queue));
        b.service->submit(makeJob(b.listener, 1, 1, 40));
        b.service->submit(makeJob(b.listener, 2, 2, 40));
        QCOMPARE(b.service->queueLength(), std::size_t(1));
        b.kernel.run(SimTime::fromSeconds(1'000));
        QCOMPARE(b.listener.of(1)->seconds, 60.0);
        QCOMPARE(b.listener.of(2)->seconds, 120.0);
        QCOMPARE(b.observer.count(ServiceSignal::Queued), 1);
        QCOMPARE(b.observer.series(b.probe.series("glue/queue")).back(),
                 (std::pair<double, double>(120, 0)));
    }

    void flexWaitIsNotBilled() {
        // Flex: t=0 waits 100 s for capacity, starts in 20 s, works 50 s: ends at 170; billed
        // 20 DPU × 70 s.
        JobService::Config c = glue(1, JobService::OnLimit::Fail);
        c.flex = true;
        Bench b(std::move(c));
        b.service->submit(makeJob(b.listener, 1, 1, 50));
        b.kernel.run(SimTime::fromSeconds(1'000));
        QCOMPARE(b.listener.of(1)->seconds, 170.0);
        QCOMPARE(b.observer.sum(UsageKind::DpuSeconds), 1'400.0);
    }

    void doomedRunFailsAfterItsWorkAndIsBilled() {
        // t=0 a run doomed to fail: it fails at 20 + 100 = 120 s, billed 20 DPU × 120 s.
        Bench b(glue(1, JobService::OnLimit::Fail));
        Job job = makeJob(b.listener, 1, 1, 100);
        job.failure = std::make_pair(std::string("Glue.AWSGlueException"), std::string("boom"));
        b.service->submit(std::move(job));
        b.kernel.run(SimTime::fromSeconds(1'000));
        QCOMPARE(b.listener.of(1)->seconds, 120.0);
        QCOMPARE(b.listener.of(1)->outcome.error, std::string("Glue.AWSGlueException"));
        QCOMPARE(b.observer.sum(UsageKind::DpuSeconds), 2'400.0);
        QCOMPARE(b.observer.count(ServiceSignal::Failure), 1);
    }

    void parsesDefaults() {
        const JobService::Config etl = JobService::parseConfig(quotedJson("{'kind': 'glue'}"), "");
        QCOMPARE(etl.kind, JobService::Kind::Etl);
        QCOMPARE(etl.workers, 10);
        QCOMPARE(etl.dpuPerWorker, 1.0);
        QCOMPARE(etl.maxConcurrentRuns, 1);
        QCOMPARE(etl.onLimit, JobService::OnLimit::Fail);
        // Billed by the built-in book's glue.etl.dpuHours: per second, 1 minute at least.
        QCOMPARE(etl.billing.step(flowcast::model::Measure::DurationMs).value_or(0), 1000.0);
        QCOMPARE(etl.billing.minimum(flowcast::model::Measure::DurationMs).value_or(0), 60'000.0);
        QCOMPARE(etl.startupSeconds->mean(), 35.0); // uniform 10–60 s
        const JobService::Config sized = JobService::parseConfig(
            quotedJson("{'workers': 4, 'workerType': 'G.025X', 'flex': true, "
                       "'maxConcurrentRuns': 3, 'onLimit': 'queue', 'startupSeconds': 12}"),
            "");
        QCOMPARE(sized.dpuPerWorker, 0.25);
        QVERIFY(sized.flex);
        QCOMPARE(sized.onLimit, JobService::OnLimit::Queue);
        QCOMPARE(sized.startupSeconds->mean(), 12.0);
    }

    void crawlerDefaults() {
        // A crawler: 2 DPU, a 10-minute minimum, and StartCrawler's error while it runs.
        Kernel kernel(1);
        Probe probe;
        RecordingObserver observer;
        probe.subscribe(observer);
        RecordingListener listener(kernel);
        auto crawler = JobService::fromJson(kernel, probe, "crawl",
                                            quotedJson("{'kind': 'glue-crawler', "
                                                       "'startupSeconds': 0}"),
                                            "/services/crawl");
        QCOMPARE(crawler->config().kind, JobService::Kind::Crawler);
        crawler->submit(makeJob(listener, 1, 1, 90));
        crawler->submit(makeJob(listener, 2, 2, 90));
        kernel.run(SimTime::fromSeconds(1'000));
        QCOMPARE(listener.of(2)->outcome.error, std::string("Glue.CrawlerRunningException"));
        QCOMPARE(observer.sum(UsageKind::DpuSeconds), 2 * 600.0);
    }

    void configErrors_data() {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown key") << "{'worker': 4}"
                                     << "/s/worker"
                                     << "unknown field \"worker\" in glue";
        QTest::newRow("worker type") << "{'workerType': 'G.3X'}"
                                     << "/s/workerType"
                                     << "unknown Glue worker type \"G.3X\" (Standard, G.025X, "
                                        "G.1X, G.2X, G.4X, G.8X, G.12X, G.16X, R.1X, R.2X, R.4X, "
                                        "R.8X or Z.2X)";
        QTest::newRow("on limit") << "{'onLimit': 'retry'}"
                                  << "/s/onLimit"
                                  << "\"onLimit\" must be one of \"fail\", \"queue\" (got "
                                     "\"retry\")";
        QTest::newRow("max runs") << "{'maxConcurrentRuns': 0}"
                                  << "/s/maxConcurrentRuns"
                                  << "\"maxConcurrentRuns\" must be an integer from 1 to 100000 "
                                     "(got 0)";
        QTest::newRow("flex type") << "{'flex': 'yes'}"
                                   << "/s/flex"
                                   << "\"flex\" must be true or false (got \"yes\")";
        QTest::newRow("crawler flex") << "{'kind': 'glue-crawler', 'flex': true}"
                                      << "/s/flex"
                                      << "\"flex\" is not allowed here: crawlers have no Flex "
                                         "class";
        QTest::newRow("kind") << "{'kind': 'athena'}"
                              << "/s/kind"
                              << "\"kind\" must be one of \"glue\", \"glue-crawler\" (got "
                                 "\"athena\")";
    }
    void configErrors() {
        QFETCH(QString, spec);
        QFETCH(QString, pointer);
        QFETCH(QString, message);
        const auto error =
            scenarioErrorOf([&] { JobService::parseConfig(quotedJson(spec), "/s"); });
        QVERIFY2(error, "no error");
        QCOMPARE(error->pointer, pointer);
        QCOMPARE(error->message, message);
    }
};

QTEST_APPLESS_MAIN(TestJobService)
#include "TestJobService.moc"
