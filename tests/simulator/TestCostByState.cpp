// costByState: a CostReport's lines go to the states that used them (the rules in
// simulator/cost/CostByState.h), and what no state used stays unattributed.
#include "simulator/cost/CostByState.h"

#include <QtTest>

#include <algorithm>

using namespace flowcast;

namespace {

// Extract → Load → Fan (Parallel: Notify) → Pause (Wait) → Done.
const model::Json kDefinition = model::Json::parse(
    "{\"StartAt\": \"Extract\", \"States\": {"
    "\"Extract\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:1:function:e\","
    " \"Next\": \"Load\"},"
    "\"Load\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:1:function:l\","
    " \"Next\": \"Fan\"},"
    "\"Fan\": {\"Type\": \"Parallel\", \"Next\": \"Pause\", \"Branches\": [{\"StartAt\": "
    "\"Notify\", \"States\": {\"Notify\": {\"Type\": \"Task\", \"Resource\": "
    "\"arn:aws:states:::sns:publish\", \"End\": true}}}]},"
    "\"Pause\": {\"Type\": \"Wait\", \"Seconds\": 6, \"Next\": \"Done\"},"
    "\"Done\": {\"Type\": \"Succeed\"}}}");

cost::CostLine line(std::string priceId, std::string consumer, double usd) {
    cost::CostLine l;
    l.priceId = std::move(priceId);
    l.consumer = std::move(consumer);
    l.quote.amountUsd = usd;
    return l;
}

model::Scenario scenario() {
    return model::Scenario::fromJson(
        model::Json::parse("{\"definition\": \"p.asl.json\", \"workload\": {\"poisson\": "
                           "{\"ratePerDay\": 1}}, \"services\": {\"fn\": {\"kind\": \"lambda\"}, "
                           "\"unused\": {\"kind\": \"lambda\"}}, \"states\": {\"Extract\": "
                           "{\"service\": \"fn\"}, \"Load\": {\"service\": \"fn\"}}}"),
        "/tmp/p.scenario.json");
}

struct Run {
    sim::Program program{kDefinition};
    sim::Metrics metrics{program.stateNames()};

    void visit(const std::string& name, double seconds, int retries = 0) {
        const auto& names = program.stateNames();
        sim::StateEnded r;
        r.state =
            static_cast<std::uint32_t>(std::find(names.begin(), names.end(), name) - names.begin());
        r.exited = sim::SimTime::fromSeconds(seconds);
        r.retries = retries;
        metrics.stateEnded(r);
    }
    // Extract: 1 s (1 retry) and 3 s; Load 4 s; Fan 2 s around Notify 2 s; Pause 6 s; Done 0 s.
    // Attempts: Extract 3, the others 1 each (8). Working time: Extract 4, Load 4, Notify 2,
    // Pause 6 (16 s); Fan's 2 s are Notify's.
    Run() {
        visit("Extract", 1, 1);
        visit("Extract", 3);
        visit("Load", 4);
        visit("Notify", 2);
        visit("Fan", 2);
        visit("Pause", 6);
        visit("Done", 0);
    }
};

} // namespace

class TestCostByState : public QObject {
    Q_OBJECT

private slots:
    // Transitions $8 by attempts ($1 each); "fn" duration $10 by time (4 s : 4 s); "fn"
    // requests $4 by attempts (3 : 1); Notify's own $0.50; "unused" and storage: no state's.
    void linesGoToTheirStates() {
        const Run run;
        cost::CostReport report;
        report.lines = {line("stepfunctions.standard.transitions", "state machine", 8),
                        line("lambda.duration.x86", "fn", 10),
                        line("lambda.requests", "fn", 4),
                        line("sns.publishes", "state Notify", 0.5),
                        line("lambda.requests", "unused", 1),
                        line("s3.standard.storage", "storage lake", 2),
                        line("lambda.requests", "fn", 0)};
        report.monthlyUsd = 25.5;
        const cost::CostByState c = cost::costByState(report, run.metrics, run.program, scenario());
        QCOMPARE(c.monthlyUsd.at("Extract"), 3.0 + 5.0 + 3.0);
        QCOMPARE(c.monthlyUsd.at("Load"), 1.0 + 5.0 + 1.0);
        QCOMPARE(c.monthlyUsd.at("Fan"), 1.0);
        QCOMPARE(c.monthlyUsd.at("Notify"), 1.5);
        QCOMPARE(c.monthlyUsd.at("Pause"), 1.0);
        QCOMPARE(c.monthlyUsd.at("Done"), 1.0);
        QCOMPARE(c.monthlyUsd.size(), std::size_t(6));
        QCOMPARE(c.unattributedUsd, 3.0);
        QCOMPARE(c.totalUsd, 25.5);
    }

    // Express duration $16 by working time: Extract 4, Load 4, Notify 2, Pause 6; the Parallel
    // counts nothing of its own (its time is Notify's), so nothing is counted twice.
    void expressByWorkingTime() {
        const Run run;
        cost::CostReport report;
        report.lines = {line("stepfunctions.express.duration", "state machine", 16)};
        report.monthlyUsd = 16;
        const cost::CostByState c = cost::costByState(report, run.metrics, run.program, scenario());
        QCOMPARE(c.monthlyUsd.at("Extract"), 4.0);
        QCOMPARE(c.monthlyUsd.at("Load"), 4.0);
        QCOMPARE(c.monthlyUsd.at("Notify"), 2.0);
        QCOMPARE(c.monthlyUsd.at("Pause"), 6.0);
        QVERIFY(!c.monthlyUsd.contains("Fan"));
        QVERIFY(!c.monthlyUsd.contains("Done"));
    }

    // A service whose states spent no time splits its duration by attempts (3 : 1).
    void noTimeSplitsByAttempts() {
        Run run;
        run.metrics = sim::Metrics(run.program.stateNames());
        run.visit("Extract", 0, 2);
        run.visit("Load", 0);
        cost::CostReport report;
        report.lines = {line("lambda.duration.x86", "fn", 4)};
        report.monthlyUsd = 4;
        const cost::CostByState c = cost::costByState(report, run.metrics, run.program, scenario());
        QCOMPARE(c.monthlyUsd.at("Extract"), 3.0);
        QCOMPARE(c.monthlyUsd.at("Load"), 1.0);
    }
};

QTEST_APPLESS_MAIN(TestCostByState)
#include "TestCostByState.moc"
