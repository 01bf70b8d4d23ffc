// Metrics: a scripted run's records aggregate into the documented JSON, exactly; merging runs
// equals feeding one Metrics with all their records, in either order.
#include "simulator/core/Observer.h"
#include "simulator/metrics/Metrics.h"
#include "tests/common/ExactDouble.h"

#include <QtTest>

#include <stdexcept>

using namespace flowcast::sim;
using flowcast::model::Json;

namespace {

SimTime sec(double s) {
    return SimTime::fromSeconds(s);
}

const std::vector<std::string> kStates = {"Extract", "Transform", "Load"};

/// A Probe with the scenario's services and series registered in a fixed order.
struct Run {
    Probe probe;
    std::uint32_t lambda = probe.service("lambda");
    std::uint32_t glue = probe.service("glue");
    std::uint32_t instances = probe.series("lambda.instances");
    std::uint32_t queue = probe.series("glue.queue"); // never reported
    Metrics metrics{kStates, sec(10), 100};
    Run() { probe.subscribe(metrics); }
};

ExecutionEnded executionEnded(std::uint64_t serial, double started, double ended, EndStatus status,
                              std::string_view error, int transitions, int events) {
    ExecutionEnded r;
    r.serial = serial;
    r.started = sec(started);
    r.ended = sec(ended);
    r.status = status;
    r.error = error;
    r.stateTransitions = transitions;
    r.historyEvents = static_cast<std::size_t>(events);
    return r;
}

StateEnded stateEnded(std::uint32_t state, double entered, double exited, StateResult result,
                      std::string_view error = {}, int retries = 0) {
    StateEnded r;
    r.state = state;
    r.entered = sec(entered);
    r.exited = sec(exited);
    r.result = result;
    r.error = error;
    r.retries = retries;
    return r;
}

// Run A, horizon 20 s:
// t=0     execution 1 starts; lambda request, cold start (0.3 s init); instances 1
// t=0.5s  execution 1: Extract succeeds (0.0625 GB-s)
// t=1s    execution 2 starts; lambda request; instances 2
// t=2.5s  execution 1: Transform's error States.TaskFailed is caught after 2 retries
//         (glue: 3 requests, 3 failures, 1 queued; 240 DPU-s)
// t=3s    execution 1 succeeds (5 transitions, 12 events); instances 1
// t=11s   execution 2: Extract times out, the execution fails with States.Timeout
//         (2 transitions, 6 events); instances 0
// end     glue reports 30 busy and 10 idle node-seconds
void runA(Run& r, bool levels) {
    Probe& p = r.probe;
    p.executionStarted(1, sec(0));
    r.metrics.addRecords(5); // the simulation counts an execution's records as it starts it
    p.serviceSignal(r.lambda, ServiceSignal::Request, sec(0));
    p.serviceSignal(r.lambda, ServiceSignal::ColdStart, sec(0));
    p.usage(r.lambda, UsageKind::Requests, 1);
    p.usage(r.lambda, UsageKind::InitSeconds, 0.3);
    if (levels) p.level(r.instances, sec(0), 1);
    p.usage(r.lambda, UsageKind::GbSecondsRaw, 0.0625);
    p.usage(r.lambda, UsageKind::GbSecondsBilled, 0.0625);
    p.stateEnded(stateEnded(0, 0, 0.5, StateResult::Succeeded));
    p.executionStarted(2, sec(1));
    p.serviceSignal(r.lambda, ServiceSignal::Request, sec(1));
    p.usage(r.lambda, UsageKind::Requests, 1);
    if (levels) p.level(r.instances, sec(1), 2);
    for (double t : {0.5, 1.0, 2.0}) {
        p.serviceSignal(r.glue, ServiceSignal::Request, sec(t));
        p.serviceSignal(r.glue, ServiceSignal::Failure, sec(t + 0.25));
    }
    p.serviceSignal(r.glue, ServiceSignal::Queued, sec(2.0));
    p.usage(r.glue, UsageKind::DpuSeconds, 240);
    p.stateEnded(stateEnded(1, 0.5, 2.5, StateResult::Caught, "States.TaskFailed", 2));
    p.executionEnded(executionEnded(1, 0, 3, EndStatus::Succeeded, {}, 5, 12));
    if (levels) p.level(r.instances, sec(3), 1);
    p.stateEnded(stateEnded(0, 1, 11, StateResult::Failed, "States.Timeout"));
    p.executionEnded(executionEnded(2, 1, 11, EndStatus::Failed, "States.Timeout", 2, 6));
    if (levels) p.level(r.instances, sec(11), 0);
    p.usage(r.glue, UsageKind::NodeSecondsBusy, 30);
    p.usage(r.glue, UsageKind::NodeSecondsIdle, 10);
}

// Run B, horizon 10 s:
// t=0     executions 3 and 5 start; lambda request; instances 3
// t=0.1s  execution 4 starts (still running at the horizon)
// t=0.2s  execution 3: Extract succeeds; lambda throttles once, then a request
// t=0.7s  execution 3 is aborted: Load ends aborted (3 transitions, 7 events)
// t=5s    execution 5 times out (States.Timeout; 1 transition, 3 events), its Extract ends
//         aborted; instances 0; lambda bills 0.05 GB-s
void runB(Run& r, bool levels) {
    Probe& p = r.probe;
    p.executionStarted(3, sec(0));
    p.executionStarted(5, sec(0));
    p.serviceSignal(r.lambda, ServiceSignal::Request, sec(0));
    if (levels) p.level(r.instances, sec(0), 3);
    p.executionStarted(4, sec(0.1));
    p.stateEnded(stateEnded(0, 0, 0.2, StateResult::Succeeded));
    p.serviceSignal(r.lambda, ServiceSignal::Throttle, sec(0.2));
    p.serviceSignal(r.lambda, ServiceSignal::Request, sec(0.2));
    p.stateEnded(stateEnded(2, 0.2, 0.7, StateResult::Aborted));
    p.executionEnded(executionEnded(3, 0, 0.7, EndStatus::Aborted, {}, 3, 7));
    p.stateEnded(stateEnded(0, 0, 5, StateResult::Aborted));
    p.executionEnded(executionEnded(5, 0, 5, EndStatus::TimedOut, "States.Timeout", 1, 3));
    if (levels) p.level(r.instances, sec(5), 0);
    p.usage(r.lambda, UsageKind::Requests, 2);
    p.usage(r.lambda, UsageKind::GbSecondsBilled, 0.05);
}

std::vector<std::string> keysOf(const Json& object) {
    std::vector<std::string> keys;
    for (const auto& [key, value] : object.items())
        keys.push_back(key);
    return keys;
}

} // namespace

class TestMetrics : public QObject {
    Q_OBJECT

private slots:
    void usageKindNames() {
        QCOMPARE(usageKindName(UsageKind::Requests), std::string_view("requests"));
        QCOMPARE(usageKindName(UsageKind::GbSecondsBilled), std::string_view("gbSecondsBilled"));
        QCOMPARE(usageKindName(UsageKind::ProvisioningSeconds),
                 std::string_view("provisioningSeconds"));
        QCOMPARE(usageKindName(UsageKind::BytesScanned), std::string_view("bytesScanned"));
        QCOMPARE(usageKindName(UsageKind::VcpuSeconds), std::string_view("vcpuSeconds"));
        QCOMPARE(usageKindName(UsageKind::StorageGbSeconds), std::string_view("storageGbSeconds"));
        QCOMPARE(usageKindName(UsageKind::Count_), std::string_view());
    }

    void singleRun() {
        Run a;
        runA(a, true);
        a.metrics.finish(sec(20), a.probe.seriesNames().size());
        const Json json = a.metrics.toJson(a.probe);

        QCOMPARE(keysOf(json),
                 (std::vector<std::string>{"runs", "simulatedSeconds", "executions", "states",
                                           "services", "levels", "activity"}));
        QCOMPARE(json["runs"].dump(), std::string("1"));
        QCOMPARE(json["simulatedSeconds"].dump(), std::string("20.0"));
        // Latencies 3 s and 10 s: p50 is the first, in a bucket whose middle lies below 3 s and
        // is clamped to the smallest sample; the rest is the second, clamped to the largest.
        QCOMPARE(json["executions"].dump(),
                 std::string(R"({"started":2,"ended":2,)"
                             R"("byStatus":{"SUCCEEDED":1,"FAILED":1,"TIMED_OUT":0,"ABORTED":0},)"
                             R"("errors":{"States.Timeout":1},)"
                             R"("latency":{"count":2,"mean":6.5,"p50":3.0,"p90":10.0,)"
                             R"("p95":10.0,"p99":10.0,"max":10.0},)"
                             R"("stateTransitions":7,"historyEvents":18,"records":5})"));
        // Extract: 0.5 s and 10 s. 500,000 µs lies in [499,712, 503,808): p50 is the middle,
        // 501,759.5 µs (0.35 % above).
        QCOMPARE(json["states"][0].dump(),
                 std::string(R"({"name":"Extract","visits":2,)"
                             R"("byResult":{"succeeded":1,"caught":0,"failed":1,"aborted":0},)"
                             R"("retries":0,"timeouts":1,"errors":{"States.Timeout":1},)"
                             R"("latency":{"count":2,"mean":5.25,"p50":0.5017595,"p90":10.0,)"
                             R"("p95":10.0,"p99":10.0,"max":10.0}})"));
        QCOMPARE(json["states"][1].dump(),
                 std::string(R"({"name":"Transform","visits":1,)"
                             R"("byResult":{"succeeded":0,"caught":1,"failed":0,"aborted":0},)"
                             R"("retries":2,"timeouts":0,"errors":{"States.TaskFailed":1},)"
                             R"("latency":{"count":1,"mean":2.0,"p50":2.0,"p90":2.0,)"
                             R"("p95":2.0,"p99":2.0,"max":2.0}})"));
        QCOMPARE(json["states"][2]["visits"].dump(), std::string("0"));
        QCOMPARE(json["states"][2]["latency"]["count"].dump(), std::string("0"));
        QCOMPARE(json["services"].dump(),
                 std::string(R"([{"name":"lambda",)"
                             R"("signals":{"requests":2,"coldStarts":1,"throttles":0,)"
                             R"("failures":0,"queued":0},)"
                             R"("usage":{"requests":2.0,"gbSecondsRaw":0.0625,)"
                             R"("gbSecondsBilled":0.0625,"initSeconds":0.3,"dpuSeconds":0.0,)"
                             R"("nodeSecondsBusy":0.0,"nodeSecondsIdle":0.0,)"
                             R"("provisioningSeconds":0.0,"bytesScanned":0.0,"bytesBilled":0.0,)"
                             R"("vcpuSeconds":0.0,"memoryGbSeconds":0.0,"storageGbSeconds":0.0,)"
                             R"("nodeSecondsBilledEc2":0.0,"nodeSecondsBilledEmr":0.0},)"
                             R"("utilisation":null},)"
                             R"({"name":"glue",)"
                             R"("signals":{"requests":3,"coldStarts":0,"throttles":0,)"
                             R"("failures":3,"queued":1},)"
                             R"("usage":{"requests":0.0,"gbSecondsRaw":0.0,)"
                             R"("gbSecondsBilled":0.0,"initSeconds":0.0,"dpuSeconds":240.0,)"
                             R"("nodeSecondsBusy":30.0,"nodeSecondsIdle":10.0,)"
                             R"("provisioningSeconds":0.0,"bytesScanned":0.0,"bytesBilled":0.0,)"
                             R"("vcpuSeconds":0.0,"memoryGbSeconds":0.0,"storageGbSeconds":0.0,)"
                             R"("nodeSecondsBilledEc2":0.0,"nodeSecondsBilledEmr":0.0},)"
                             R"("utilisation":0.75}])"));
        // instances: [0,1) 1, [1,3) 2, [3,11) 1, [11,20) 0 → 13 instance-s over 20 s = 0.65;
        // bucket [0,10): 12/10 = 1.2 (max 2), [10,20): 1/10 = 0.1 (max 1). glue.queue never
        // reported: 0 over the 20 s.
        QCOMPARE(json["levels"].dump(),
                 std::string(R"([{"name":"lambda.instances","average":0.65,"max":2.0,)"
                             R"("observedSeconds":20.0,"bucketSeconds":10.0,)"
                             R"("bucketMean":[1.2,0.1],"bucketMax":[2.0,1.0]},)"
                             R"({"name":"glue.queue","average":0.0,"max":0.0,)"
                             R"("observedSeconds":20.0,"bucketSeconds":10.0,)"
                             R"("bucketMean":[0.0,0.0],"bucketMax":[0.0,0.0]}])"));
        // Per 10 s: starts at 0 and 1 s, a success at 3 s, a failure at 11 s, 2 retries counted
        // at Transform's exit (2.5 s), the cold start at 0 s.
        QCOMPARE(json["activity"].dump(),
                 std::string(R"({"bucketSeconds":10.0,"coveredSeconds":[10.0,10.0],)"
                             R"("started":[2,0],"succeeded":[1,0],"failed":[0,1],)"
                             R"("retries":[2,0],"throttles":[0,0],"coldStarts":[1,0]})"));
        QCOMPARE(a.metrics.executions().latency.count(), std::uint64_t(2));
        QCOMPARE(a.metrics.state(1).retries, std::uint64_t(2));
        QCOMPARE_EXACT(*a.metrics.service(a.glue).utilisation(), 0.75);
        QVERIFY(a.metrics.levelSeries(a.queue) != nullptr);
        QVERIFY(a.metrics.levelSeries(7) == nullptr);
    }

    // Without levels, a run's figures do not depend on how its records are split: A and B fed
    // to one Metrics equal A's Metrics merged with B's, in either order.
    void mergeEqualsOneFedWithBoth() {
        Run a;
        Run b;
        Run both;
        runA(a, false);
        runB(b, false);
        runA(both, false);
        runB(both, false);
        Metrics ab = a.metrics;
        ab.merge(b.metrics);
        Metrics ba = b.metrics;
        ba.merge(a.metrics);
        const std::string expected = both.metrics.toJson(both.probe).dump();
        QCOMPARE(ab.toJson(both.probe).dump(), expected);
        QCOMPARE(ba.toJson(both.probe).dump(), expected);

        const Json json = ab.toJson(both.probe);
        QCOMPARE(json["executions"]["started"].dump(), std::string("5"));
        QCOMPARE(json["executions"]["byStatus"].dump(),
                 std::string(R"({"SUCCEEDED":1,"FAILED":1,"TIMED_OUT":1,"ABORTED":1})"));
        QCOMPARE(json["executions"]["errors"].dump(), std::string(R"({"States.Timeout":2})"));
        QCOMPARE(json["states"][0]["byResult"].dump(),
                 std::string(R"({"succeeded":2,"caught":0,"failed":1,"aborted":1})"));
        QCOMPARE(json["services"][0]["usage"]["gbSecondsBilled"].dump(), std::string("0.1125"));
    }

    // Finished replications with levels: A (20 s) and B (10 s) merge the same either way.
    // instances: A holds 13 instance-s, B 3 × 5 = 15; (13 + 15) / 30 s; bucket [0,10):
    // (12 + 15) / 20 s = 1.35, max 3; bucket [10,20) only A: 0.1.
    void mergeReplications() {
        Run a;
        Run b;
        runA(a, true);
        runB(b, true);
        a.metrics.finish(sec(20), a.probe.seriesNames().size());
        b.metrics.finish(sec(10), b.probe.seriesNames().size());
        Metrics ab = a.metrics;
        ab.merge(b.metrics);
        Metrics ba = b.metrics;
        ba.merge(a.metrics);
        const Json json = ab.toJson(a.probe);
        QCOMPARE(ba.toJson(a.probe).dump(), json.dump());
        QCOMPARE(json["runs"].dump(), std::string("2"));
        QCOMPARE(json["simulatedSeconds"].dump(), std::string("30.0"));
        QCOMPARE(json["levels"][0].dump(),
                 std::string(R"({"name":"lambda.instances","average":0.9333333333333333,)"
                             R"("max":3.0,"observedSeconds":30.0,"bucketSeconds":10.0,)"
                             R"("bucketMean":[1.35,0.1],"bucketMax":[3.0,1.0]})"));
        QCOMPARE(json["levels"][1]["observedSeconds"].dump(), std::string("30.0"));
        // B adds 10 s of bucket [0,10): three starts, an abort at 0.7 s and a timeout at 5 s
        // (both "failed"), a throttle at 0.2 s.
        QCOMPARE(json["activity"].dump(),
                 std::string(R"({"bucketSeconds":10.0,"coveredSeconds":[20.0,10.0],)"
                             R"("started":[5,0],"succeeded":[1,0],"failed":[2,1],)"
                             R"("retries":[2,0],"throttles":[1,0],"coldStarts":[1,0]})"));
        // Into a fresh Metrics (what Replications does), the same figures.
        Metrics fresh(kStates, sec(10), 100);
        fresh.merge(b.metrics);
        fresh.merge(a.metrics);
        QCOMPARE(fresh.toJson(a.probe).dump(), json.dump());
    }

    void misuse() {
        Run a;
        runA(a, true);
        a.metrics.finish(sec(20), 2);
        QVERIFY_THROWS_EXCEPTION(std::logic_error, a.metrics.finish(sec(30)));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, a.probe.level(a.instances, sec(21), 1));

        Metrics otherStates({"Extract"}, sec(10), 100);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, a.metrics.merge(otherStates));
        Metrics otherBuckets(kStates, sec(60), 100);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, a.metrics.merge(otherBuckets));
        Run unfinished;
        runA(unfinished, true);
        QVERIFY_THROWS_EXCEPTION(std::logic_error, a.metrics.merge(unfinished.metrics));
    }

    // Ids beyond the names given still count, under "#id".
    void unnamedIds() {
        Metrics m({"Only"});
        m.stateEnded(stateEnded(2, 0, 1, StateResult::Succeeded));
        m.serviceSignal(1, ServiceSignal::Request, sec(0));
        const Json json = m.toJson({"first"}, {});
        QCOMPARE(json["states"].size(), std::size_t(3));
        QCOMPARE(json["states"][2]["name"].dump(), std::string(R"("#2")"));
        QCOMPARE(json["services"][1]["name"].dump(), std::string(R"("#1")"));
        QCOMPARE(json["services"][1]["signals"]["requests"].dump(), std::string("1"));
    }
};

QTEST_APPLESS_MAIN(TestMetrics)
#include "TestMetrics.moc"
