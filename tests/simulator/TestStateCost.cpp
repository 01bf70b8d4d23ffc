// costByState: a CostReport's lines go to the states that used them (the rules in
// simulator/cost/StateCost.h), and what no state used stays unattributed.
#include "simulator/cost/StateCost.h"

#include <QtTest>

using namespace flowcast;

namespace {

cost::CostLine line(std::string priceId, std::string consumer, double usd) {
    cost::CostLine l;
    l.priceId = std::move(priceId);
    l.consumer = std::move(consumer);
    l.quote.amountUsd = usd;
    return l;
}

sim::StateEnded visit(std::uint32_t state, double seconds, int retries = 0) {
    sim::StateEnded r;
    r.state = state;
    r.exited = sim::SimTime::fromSeconds(seconds);
    r.retries = retries;
    return r;
}

} // namespace

class TestStateCost : public QObject {
    Q_OBJECT

private slots:
    // States: Extract (lambda "fn", 2 visits of 1 s and 3 s, 1 retry), Load (lambda "fn", 1
    // visit of 4 s), Notify (no service, 1 visit of 0 s), Wait (1 visit of 8 s).
    // Attempts: Extract 3, Load 1, Notify 1, Wait 1 (6). Time in "fn": Extract 4 s, Load 4 s.
    void linesGoToTheirStates() {
        sim::Metrics metrics({"Extract", "Load", "Notify", "Wait"});
        metrics.stateEnded(visit(0, 1, 1));
        metrics.stateEnded(visit(0, 3));
        metrics.stateEnded(visit(1, 4));
        metrics.stateEnded(visit(2, 0));
        metrics.stateEnded(visit(3, 8));
        const auto scenario = model::Scenario::fromJson(
            model::Json::parse(
                R"({"definition": "p.asl.json", "workload": {"poisson": {"ratePerDay": 1}},
                "services": {"fn": {"kind": "lambda"}, "unused": {"kind": "lambda"}},
                "states": {"Extract": {"service": "fn"}, "Load": {"service": "fn"}}})"),
            "/tmp/p.scenario.json");

        cost::CostReport report;
        report.lines = {line("stepfunctions.standard.transitions", "state machine", 6),
                        line("lambda.duration.x86", "fn", 10),
                        line("sns.publishes", "state Notify", 0.5),
                        line("lambda.requests", "unused", 1),
                        line("s3.standard.storage", "storage lake", 2),
                        line("lambda.requests", "fn", 0)};
        report.monthlyUsd = 19.5;
        const cost::CostByState c = cost::costByState(report, metrics, scenario);

        // Transitions $6 by attempts: Extract 3, Load 1, Notify 1, Wait 1. "fn" $10 by time
        // 4 s : 4 s. Notify's own $0.50. "unused" and storage: no state's.
        QCOMPARE(c.monthlyUsd.at("Extract"), 3.0 + 5.0);
        QCOMPARE(c.monthlyUsd.at("Load"), 1.0 + 5.0);
        QCOMPARE(c.monthlyUsd.at("Notify"), 1.5);
        QCOMPARE(c.monthlyUsd.at("Wait"), 1.0);
        QCOMPARE(c.monthlyUsd.size(), std::size_t(4));
        QCOMPARE(c.unattributedUsd, 3.0);
        QCOMPARE(c.totalUsd, 19.5);
    }

    // Express: the workflow's requests and duration follow the time spent (Wait 8 of 16 s);
    // a service whose states spent no time splits by attempts.
    void expressByTimeAndZeroTimeByAttempts() {
        sim::Metrics metrics({"Fast", "Wait"});
        metrics.stateEnded(visit(0, 0));
        metrics.stateEnded(visit(0, 0));
        metrics.stateEnded(visit(1, 8));
        const auto scenario = model::Scenario::fromJson(
            model::Json::parse(
                R"({"definition": "p.asl.json", "workload": {"poisson": {"ratePerDay": 1}},
                "states": {"Fast": {"service": "fn"}, "Wait": {"service": "fn"}}})"),
            "/tmp/p.scenario.json");
        cost::CostReport report;
        report.lines = {line("stepfunctions.express.duration", "state machine", 4)};
        report.monthlyUsd = 4;
        cost::CostByState c = cost::costByState(report, metrics, scenario);
        QCOMPARE(c.monthlyUsd.at("Wait"), 4.0);
        QVERIFY(!c.monthlyUsd.contains("Fast"));

        sim::Metrics instant({"Fast", "Wait"});
        instant.stateEnded(visit(0, 0));
        instant.stateEnded(visit(0, 0));
        instant.stateEnded(visit(1, 0));
        report.lines = {line("lambda.requests", "fn", 3)};
        c = cost::costByState(report, instant, scenario);
        QCOMPARE(c.monthlyUsd.at("Fast"), 2.0);
        QCOMPARE(c.monthlyUsd.at("Wait"), 1.0);
    }
};

QTEST_APPLESS_MAIN(TestStateCost)
#include "TestStateCost.moc"
