// QueryService (simulator/services/QueryService): Athena-like queries limited by concurrency and
// queued FIFO, timed as planning + bytes / scan rate + work, reporting raw bytes per successful
// query; and the scenario form's defaults and errors.
#include "model/scenario/ScenarioError.h"
#include "simulator/services/QueryService.h"
#include "tests/common/QuotedJson.h"
#include "tests/common/ScenarioErrorOf.h"
#include "tests/common/ServiceTestSupport.h"

#include <QtTest>

using flowcast::model::Json;
using namespace flowcast::sim;
using namespace servicetest;

namespace {

struct Bench {
    Kernel kernel{7};
    Probe probe;
    RecordingObserver observer;
    RecordingListener listener{kernel};
    std::unique_ptr<QueryService> service;

    explicit Bench(std::shared_ptr<const Distribution> bytes) {
        probe.subscribe(observer);
        QueryService::Config c;
        c.concurrentQueries = 2;
        c.planningSeconds = constant(1);
        c.bytesScanned = std::move(bytes);
        c.scanBytesPerSecond = 1e9;
        service = std::make_unique<QueryService>(kernel, probe, "athena", std::move(c));
    }
};

Job query(TaskListener& listener, std::uint32_t attempt, double bytes, double work = 0) {
    Job job = makeJob(listener, attempt, attempt, work);
    job.bytesScanned = bytes;
    return job;
}

} // namespace

class TestQueryService : public QObject {
    Q_OBJECT

private slots:
    void timedAndQueued() {
        // 2 at once, planning 1 s, 1 GB/s. t=0 q1 (5 GB): 1 + 5 = 6 s; q2 (2 GB, 1 s of work):
        // 1 + 2 + 1 = 4 s; q3 (no bytes: the service's 3 GB) waits; t=4 q2 ends, q3 starts,
        // ends at 4 + 1 + 3 = 8; t=6 q1 ends.
        Bench b(constant(3e9));
        b.service->submit(query(b.listener, 1, 5e9));
        b.service->submit(query(b.listener, 2, 2e9, 1));
        b.service->submit(query(b.listener, 3, 0));
        QCOMPARE(b.service->queueLength(), std::size_t(1));
        b.kernel.run(SimTime::fromSeconds(100));
        QCOMPARE(b.listener.of(1)->seconds, 6.0);
        QCOMPARE(b.listener.of(2)->seconds, 4.0);
        QCOMPARE(b.listener.of(3)->seconds, 8.0);
        QCOMPARE(b.listener.of(3)->outcome.result, Json({{"attempt", 3}}));
        QCOMPARE(b.observer.count(ServiceSignal::Queued), 1);
        // One raw record per query, in the order they end.
        QCOMPARE(b.observer.of(UsageKind::BytesScanned), (std::vector<double>{2e9, 5e9, 3e9}));
    }

    void failedQueriesScanNothingBilled() {
        // t=0 a doomed 1 GB query fails at 1 + 1 = 2 s; Athena does not bill failed queries.
        Bench b(nullptr);
        Job job = query(b.listener, 1, 1e9);
        job.failure = std::make_pair(std::string("Athena.InvalidRequestException"), "bad SQL");
        b.service->submit(std::move(job));
        b.service->submit(query(b.listener, 2, 0));
        b.kernel.run(SimTime::fromSeconds(100));
        QCOMPARE(b.listener.of(1)->seconds, 2.0);
        QCOMPARE(b.listener.of(1)->outcome.error, std::string("Athena.InvalidRequestException"));
        QCOMPARE(b.listener.of(2)->seconds, 1.0); // no bytes anywhere: planning only
        QCOMPARE(b.observer.of(UsageKind::BytesScanned), (std::vector<double>{0}));
        QCOMPARE(b.observer.count(ServiceSignal::Failure), 1);
    }

    void parsesDefaults() {
        const QueryService::Config c =
            QueryService::parseConfig(quotedJson("{'kind': 'athena'}"), "/services/athena");
        QCOMPARE(c.concurrentQueries, 25);
        QCOMPARE(c.scanBytesPerSecond, 1e9);
        QVERIFY(!c.bytesScanned);
        QCOMPARE(c.planningSeconds->mean(), 0.9); // uniform 0.3–1.5 s
        const QueryService::Config d = QueryService::parseConfig(
            quotedJson("{'concurrentQueries': 5, 'bytesScanned': {'constant': 1e8}, "
                       "'scanBytesPerSecond': 2e8, 'planningSeconds': 0.5}"),
            "");
        QCOMPARE(d.concurrentQueries, 5);
        QCOMPARE(d.bytesScanned->mean(), 1e8);
        QCOMPARE(d.scanBytesPerSecond, 2e8);
        QCOMPARE(d.planningSeconds->mean(), 0.5);
    }

    void configErrors_data() {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown key") << "{'concurrency': 5}"
                                     << "/s/concurrency"
                                     << "unknown field \"concurrency\" in athena";
        QTest::newRow("limit") << "{'concurrentQueries': -1}"
                               << "/s/concurrentQueries"
                               << "\"concurrentQueries\" must be an integer from 1 to 100000 "
                                  "(got -1)";
        QTest::newRow("rate") << "{'scanBytesPerSecond': 0}"
                              << "/s/scanBytesPerSecond"
                              << "\"scanBytesPerSecond\" must be a number from 1 to 1e+15 (got "
                                 "0)";
        QTest::newRow("not an object") << "'athena'"
                                       << "/s"
                                       << "athena must be an object (got a string)";
    }
    void configErrors() {
        QFETCH(QString, spec);
        QFETCH(QString, pointer);
        QFETCH(QString, message);
        const auto error =
            scenarioErrorOf([&] { QueryService::parseConfig(quotedJson(spec), "/s"); });
        QVERIFY2(error, "no error");
        QCOMPARE(error->pointer, pointer);
        QCOMPARE(error->message, message);
    }
};

QTEST_APPLESS_MAIN(TestQueryService)
#include "TestQueryService.moc"
