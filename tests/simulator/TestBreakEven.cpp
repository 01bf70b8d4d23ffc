// The break-even sweep: the log grid, crossings found by interpolating in log(rate), segments
// where a deployment cannot keep up left out, and the workload rewritten to a daily rate.
#include "model/scenario/Scenario.h"
#include "simulator/cost/BreakEven.h"
#include "tests/common/QuotedJson.h"

#include <QtTest>

#include <cmath>

using namespace flowcast::cost;

namespace {

SweepPoint point(double perDay, std::vector<double> usd, std::vector<double> failures = {}) {
    if (failures.empty()) failures.assign(usd.size(), 0.0);
    return {perDay, std::move(usd), std::move(failures)};
}

} // namespace

class TestBreakEven : public QObject {
    Q_OBJECT

private slots:
    void grid() {
        const auto g = logGrid(1, 1000, 4);
        QCOMPARE(g.size(), std::size_t(4));
        QCOMPARE(g[0], 1.0);
        QVERIFY(std::abs(g[1] - 10) < 1e-9);
        QVERIFY(std::abs(g[2] - 100) < 1e-9);
        QCOMPARE(g[3], 1000.0); // the end exactly, not exp(log(1000))
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, logGrid(0, 10, 3));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, logGrid(10, 1, 3));
    }

    // Serverless grows with the rate (cost = rate), a cluster is flat at 40: between 10 and 100
    // the difference goes from -30 to +60; linear in log(rate), it is 0 a third of the way:
    // 10^(1 + 1/3) = 21.54.
    void crossingInterpolatesInLogRate() {
        const auto c = crossings({point(1, {1, 40}), point(10, {10, 40}), point(100, {100, 40})});
        QCOMPARE(c.size(), std::size_t(1));
        QCOMPARE(c[0].cheaperBelow, std::size_t(0));
        QCOMPARE(c[0].cheaperAbove, std::size_t(1));
        QVERIFY(std::abs(c[0].perDay - std::pow(10.0, 1 + 1.0 / 3)) < 1e-9);
    }

    void noCrossingWhenOneStaysCheaper() {
        QVERIFY(crossings({point(1, {1, 40}), point(10, {10, 40})}).empty());
    }

    // The cluster "wins" at 100 a day only because 30 % of its executions fail: not counted.
    void failingSegmentsAreSkipped() {
        const std::vector<SweepPoint> sweep{point(10, {10, 40}), point(100, {100, 40}, {0, 0.3})};
        QVERIFY(crossings(sweep).empty());
        QCOMPARE(crossings(sweep, 0.5).size(), std::size_t(1));
        const auto failing = firstFailingRates(sweep);
        QCOMPARE(failing[0], -1.0);
        QCOMPARE(failing[1], 100.0);
    }

    void equalAtAPointCountsOnceWhenTheOrderFlips() {
        const auto c = crossings({point(1, {1, 10}), point(10, {10, 10}), point(100, {100, 10})});
        QCOMPARE(c.size(), std::size_t(1));
        QCOMPARE(c[0].perDay, 10.0);
    }

    void workloadAtADailyRate() {
        const auto scenario = flowcast::model::Scenario::fromJson(
            quotedJson("{'definition':'x.asl.json','workload':{'schedule':'cron(0 2 * * ? *)',"
                       "'input':{'a':1},'recordsPerExecution':7}}"),
            "dir/s.json");
        QVERIFY(!sweepsRecords(scenario));
        const auto swept = atDailyRate(scenario, 48);
        QCOMPARE(swept.section("workload").dump(),
                 quotedJson("{'poisson':{'ratePerDay':48.0},'input':{'a':1},"
                            "'recordsPerExecution':7}")
                     .dump());
        QCOMPARE(swept.definition, scenario.definition);

        const auto stream = flowcast::model::Scenario::fromJson(
            quotedJson("{'definition':'x.asl.json','workload':{'stream':{'recordsPerSecond':5,"
                       "'batchSize':10}}}"),
            "s.json");
        QVERIFY(sweepsRecords(stream));
        QCOMPARE(atDailyRate(stream, 86'400)
                     .section("workload")["stream"]["recordsPerSecond"]
                     .get<double>(),
                 1.0);
    }
};

QTEST_APPLESS_MAIN(TestBreakEven)
#include "TestBreakEven.moc"
