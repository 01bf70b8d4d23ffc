// CountSeries: counts land in their bucket of virtual time, the width doubles when a run outgrows
// the cap, finish() records the covered time (a partial last bucket), and merging runs of
// different lengths and widths is exact and order-independent.
#include "simulator/metrics/CountSeries.h"

#include <QtTest>

#include <stdexcept>

using namespace flowcast::sim;

namespace {

SimTime sec(double s) {
    return SimTime::fromSeconds(s);
}

const std::vector<std::string_view> kNames = {"a", "b"};

} // namespace

class TestCountSeries : public QObject {
    Q_OBJECT

private slots:
    // Width 10 s, cap 4: a at 0, 9.999999 and 10 s; b ×3 at 25 s; the run ends at 35 s, so
    // the last bucket [30,40) is covered for 5 s.
    void countsPerBucket() {
        CountSeries s(2, sec(10), 4);
        s.add(0, sec(0));
        s.add(0, SimTime{9'999'999});
        s.add(0, sec(10));
        s.add(1, sec(25), 3);
        s.finish(sec(35));
        QCOMPARE(s.bucketCount(), std::size_t(4));
        QCOMPARE(s.count(0, 0), std::uint64_t(2));
        QCOMPARE(s.count(0, 1), std::uint64_t(1));
        QCOMPARE(s.count(1, 2), std::uint64_t(3));
        QCOMPARE(s.total(0), std::uint64_t(3));
        QCOMPARE(s.coveredUs(3), std::int64_t(5'000'000));
        QCOMPARE(s.ratePerSecond(1, 2), 0.3);
        QCOMPARE(s.ratePerSecond(1, 3), 0.0);
        QCOMPARE(s.toJson(kNames).dump(),
                 std::string(R"({"bucketSeconds":10.0,"coveredSeconds":[10.0,10.0,10.0,5.0],)"
                             R"("a":[2,1,0,0],"b":[0,0,3,0]})"));
    }

    // Cap 4 at 10 s: an event at 45 s needs bucket 4, so the width doubles to 20 s and pairs
    // merge; finishing at 95 s needs bucket 9 at 10 s → 40 s wide buckets.
    void widthDoublesPastTheCap() {
        CountSeries s(2, sec(10), 4);
        s.add(0, sec(5));
        s.add(0, sec(15));
        s.add(1, sec(45));
        QCOMPARE(s.bucketWidth(), sec(20));
        QCOMPARE(s.count(0, 0), std::uint64_t(2));
        QCOMPARE(s.count(1, 2), std::uint64_t(1));
        s.finish(sec(95));
        QCOMPARE(s.bucketWidth(), sec(40));
        QCOMPARE(s.toJson(kNames).dump(),
                 std::string(R"({"bucketSeconds":40.0,"coveredSeconds":[40.0,40.0,15.0],)"
                             R"("a":[2,0,0],"b":[0,1,0]})"));
    }

    // A: 20 s at width 10 s; B: 60 s, coarsened to 20 s. Merged at 20 s either way, covered
    // time summed per bucket: [20+20, 20, 20].
    void mergeDifferentWidths() {
        CountSeries a(2, sec(10), 3);
        a.add(0, sec(1));
        a.add(1, sec(12));
        a.finish(sec(20));
        CountSeries b(2, sec(10), 3);
        b.add(0, sec(2));
        b.add(0, sec(55));
        b.finish(sec(60));
        QCOMPARE(b.bucketWidth(), sec(20));
        CountSeries ab = a;
        ab.merge(b);
        CountSeries ba = b;
        ba.merge(a);
        QVERIFY(ab == ba);
        QCOMPARE(ab.toJson(kNames).dump(),
                 std::string(R"({"bucketSeconds":20.0,"coveredSeconds":[40.0,20.0,20.0],)"
                             R"("a":[2,0,1],"b":[1,0,0]})"));
        QCOMPARE(ab.ratePerSecond(0, 0), 0.05);
    }

    // The last execution ends the run at 20 s, a bucket boundary: it counts in [10,20), the
    // bucket the run covered, not in an uncovered [20,30).
    void eventAtTheEndOnABoundary() {
        CountSeries s(2, sec(10), 4);
        s.add(0, sec(3));
        s.add(1, sec(20));
        s.finish(sec(20));
        QCOMPARE(s.bucketCount(), std::size_t(2));
        QCOMPARE(s.count(1, 1), std::uint64_t(1));
        QCOMPARE(s.total(1), std::uint64_t(1));
        QCOMPARE(s.ratePerSecond(1, 1), 0.1);
    }

    void misuse() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, CountSeries(0, sec(1), 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, CountSeries(1, sec(0), 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, CountSeries(1, sec(1), 0));
        CountSeries s(2, sec(10), 4);
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, s.add(2, sec(0)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.add(0, SimTime{-1}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.toJson({"only one"}));
        CountSeries finished(2, sec(10), 4);
        finished.finish(sec(10));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, s.merge(finished));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, finished.add(0, sec(1)));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, finished.finish(sec(20)));
        CountSeries otherWidth(2, sec(5), 4);
        otherWidth.finish(sec(10));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, finished.merge(otherWidth));
    }
};

QTEST_APPLESS_MAIN(TestCountSeries)
#include "TestCountSeries.moc"
