// From simulation metrics to a month of usage lines: the scale from simulated time to a
// 730-hour month, Standard transitions, Lambda through its service model, Tasks priced by their
// Resource (DynamoDB per attempt, SNS), an always-on cluster's node-hours as EC2 + EMR, records.
#include "model/scenario/Scenario.h"
#include "model/scenario/ScenarioError.h"
#include "simulator/cost/SimulatedUsage.h"
#include "tests/common/QuotedJson.h"

#include <QtTest>

#include <cmath>

using flowcast::model::Json;
using namespace flowcast::sim;
using namespace flowcast::cost;

namespace {

const char* const kDefinition =
    "{'StartAt':'Source','States':{"
    "'Source':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Next':'Record'},"
    "'Record':{'Type':'Task','Resource':'arn:aws:states:::dynamodb:putItem','Next':'Spark'},"
    "'Spark':{'Type':'Task','Resource':'arn:aws:states:::glue:startJobRun.sync','Next':'Alert'},"
    "'Alert':{'Type':'Task','Resource':'arn:aws:states:::sns:publish','Next':'Look'},"
    "'Look':{'Type':'Task','Resource':'arn:aws:states:::aws-sdk:glue:getCrawler','Next':'Ecs'},"
    "'Ecs':{'Type':'Task','Resource':'arn:aws:states:::ecs:runTask.sync','End':true}}}";

const char* const kScenario =
    "{'definition':'x.asl.json','workload':{'schedule':'rate(12 hours)','recordsPerExecution':"
    "1000},'services':{'fn':{'kind':'lambda','memoryMb':2048},'emr':{'kind':'cluster',"
    "'nodes':2,'instanceType':'r5.xlarge'}},'states':{'Source':{'service':'fn'},"
    "'Spark':{'service':'emr'}}}";

// The book whose rules the metrics below were billed by (the built-in one).
const flowcast::model::PriceBook& book() {
    return flowcast::model::PriceBook::defaults();
}

SimTime sec(double s) {
    return SimTime::fromSeconds(s);
}

const UsageLine* find(const MonthlyUsage& usage, const std::string& id, const std::string& who) {
    for (const UsageLine& line : usage.lines)
        if (line.priceId == id && line.consumer == who) return &line;
    return nullptr;
}

} // namespace

class TestSimulatedUsage : public QObject {
    Q_OBJECT

private slots:
    // One simulated day: two executions of 5 transitions; Record retried once; Alert once.
    // The month is 730 h, so every daily figure is multiplied by 730 / 24 = 30.41666...
    void oneDayScaledToAMonth() {
        const Json definition = quotedJson(kDefinition);
        const Program program(definition);
        const auto scenario = flowcast::model::Scenario::fromJson(quotedJson(kScenario), "s.json");
        Metrics metrics(program.stateNames());
        for (std::uint64_t e = 1; e <= 2; ++e) {
            metrics.executionStarted(e, sec(0));
            metrics.addRecords(1000);
            metrics.executionEnded({e, sec(0), sec(10), EndStatus::Succeeded, {}, 5, 12});
        }
        metrics.stateEnded({1, sec(0), sec(1), StateResult::Succeeded, {}, 1, 1});
        metrics.stateEnded({1, sec(0), sec(1), StateResult::Succeeded, {}, 0, 2});
        metrics.stateEnded({3, sec(0), sec(1), StateResult::Succeeded, {}, 0, 1});
        metrics.stateEnded({4, sec(0), sec(1), StateResult::Succeeded, {}, 0, 1});
        metrics.stateEnded({5, sec(0), sec(1), StateResult::Succeeded, {}, 0, 1});
        metrics.usage(0, UsageKind::Requests, 2);           // fn
        metrics.usage(0, UsageKind::GbSecondsBilled, 3);    // 2 invocations × 0.75 s × 2 GB
        metrics.usage(1, UsageKind::NodeSecondsBusy, 7200); // emr: 2 nodes × 24 h in all
        metrics.usage(1, UsageKind::NodeSecondsIdle, 165'600);
        metrics.finish(sec(86'400));

        const MonthlyUsage usage = monthlyUsage(metrics, {"fn", "emr"}, program, scenario, book());
        const double scale = 730.0 / 24.0;
        QCOMPARE(usage.scale, scale);
        QCOMPARE(usage.executions, 2 * scale);
        QCOMPARE(*usage.records, 2000 * scale);
        const UsageLine* transitions =
            find(usage, "stepfunctions.standard.transitions", "state machine");
        QVERIFY(transitions);
        QCOMPARE(transitions->monthlyQuantity, 10 * scale);
        QCOMPARE(find(usage, "lambda.requests", "fn")->monthlyQuantity, 2 * scale);
        QCOMPARE(find(usage, "lambda.duration.x86", "fn")->monthlyQuantity, 3 * scale);
        QCOMPARE(QString::fromStdString(find(usage, "lambda.duration.x86", "fn")->quantityFormula),
                 QString("60.8333 invocations × 0.75 s × 2 GB, each rounded up to 1 ms"));
        // Two putItem attempts plus one retry: 3 write request units a day.
        QCOMPARE(find(usage, "dynamodb.ondemand.writes", "state Record")->monthlyQuantity,
                 3 * scale);
        QCOMPARE(find(usage, "sns.publishes", "state Alert")->monthlyQuantity, scale);
        // The cluster: 172,800 node-seconds a day = 48 node-hours, × 30.4167 = 1,460 hours.
        QCOMPARE(find(usage, "ec2.r5.xlarge", "emr")->monthlyQuantity, 1460.0);
        QCOMPARE(find(usage, "emr.r5.xlarge", "emr")->monthlyQuantity, 1460.0);
        QCOMPARE(*usage.clusterIdleShare, 165'600.0 / 172'800.0);
        // A control-plane read (glue:getCrawler) is free; a Task the engine has no rule for
        // (ECS) is listed, not silently free.
        QCOMPARE(usage.unpriced.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(usage.unpriced[0]).contains("state Ecs"));
    }

    void expressBillsRequestsAndDuration() {
        const Json definition = quotedJson(kDefinition);
        const Program program(definition);
        Json doc = quotedJson(kScenario);
        doc["express"] = true;
        doc["workload"].erase("recordsPerExecution");
        const auto scenario = flowcast::model::Scenario::fromJson(doc, "s.json");
        Metrics metrics(program.stateNames());
        metrics.executionStarted(1, sec(0));
        // 2 s as the execution billed itself when it ended (rounded up to 100 ms).
        metrics.executionEnded({1, sec(0), sec(2), EndStatus::Succeeded, {}, 5, 12, 0, 0, 2.0});
        metrics.finish(sec(86'400));
        const MonthlyUsage usage = monthlyUsage(metrics, {}, program, scenario, book());
        QVERIFY(!find(usage, "stepfunctions.standard.transitions", "state machine"));
        QCOMPARE(find(usage, "stepfunctions.express.requests", "state machine")->monthlyQuantity,
                 730.0 / 24.0);
        // 2 billed s × 64 MB, in GB-hours.
        QCOMPARE(find(usage, "stepfunctions.express.duration", "state machine")->monthlyQuantity,
                 730.0 / 24.0 * 2.0 * 64.0 / 1024.0 / 3600.0);
        QVERIFY(!usage.records); // the workload does not say how many records a run carries
    }

    // Storage at steady state: 2 executions a day × 3 GB × 60 days = 360 GB-months, whatever
    // the simulated time; requests per execution scale with the month's executions.
    void storageKeptForItsRetention() {
        const Json definition = quotedJson(kDefinition);
        const Program program(definition);
        Json doc = quotedJson(kScenario);
        doc["storage"] = quotedJson("[{'name':'raw','gbPerExecution':3,'retentionDays':60,"
                                    "'putsPerExecution':10}]");
        const auto scenario = flowcast::model::Scenario::fromJson(doc, "s.json");
        Metrics metrics(program.stateNames());
        for (std::uint64_t e = 1; e <= 4; ++e)
            metrics.executionStarted(e, sec(0));
        metrics.finish(sec(2 * 86'400)); // 4 executions in 2 days
        const MonthlyUsage usage = monthlyUsage(metrics, {}, program, scenario, book());
        const UsageLine* stored = find(usage, "s3.standard.storage", "storage raw");
        QVERIFY(stored);
        QVERIFY(std::abs(stored->monthlyQuantity - 360.0) < 1e-9);
        QVERIFY(std::abs(find(usage, "s3.standard.putRequests", "storage raw")->monthlyQuantity -
                         10 * 2 * 730.0 / 24.0) < 1e-9);
        QVERIFY(!find(usage, "s3.standard.getRequests", "storage raw")); // none given: no line
    }

    void storageMistakesNameTheField() {
        const Json definition = quotedJson(kDefinition);
        const Program program(definition);
        Json doc = quotedJson(kScenario);
        doc["storage"] = quotedJson("[{'name':'raw','gbPerExecution':-3,'retentionDays':60}]");
        const auto scenario = flowcast::model::Scenario::fromJson(doc, "s.json");
        Metrics metrics(program.stateNames());
        metrics.executionStarted(1, sec(0));
        metrics.finish(sec(86'400));
        try {
            monthlyUsage(metrics, {}, program, scenario, book());
            QFAIL("no error");
        } catch (const flowcast::model::ScenarioError& e) {
            QCOMPARE(QString::fromStdString(e.pointer()), QString("/storage/0/gbPerExecution"));
        }
    }

    void nothingSimulatedIsAnError() {
        const Json definition = quotedJson(kDefinition);
        const Program program(definition);
        const auto scenario = flowcast::model::Scenario::fromJson(quotedJson(kScenario), "s.json");
        Metrics metrics(program.stateNames());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 monthlyUsage(metrics, {}, program, scenario, book()));
    }
};

QTEST_APPLESS_MAIN(TestSimulatedUsage)
#include "TestSimulatedUsage.moc"
