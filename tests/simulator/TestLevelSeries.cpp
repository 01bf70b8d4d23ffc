// LevelSeries: time-weighted averages and maxima computed by hand from a timeline, buckets that
// double their width under the cap, merges across replications, and misuse.
#include "simulator/metrics/LevelSeries.h"

#include <QtTest>

#include <cmath>
#include <stdexcept>

using flowcast::sim::LevelSeries;
using flowcast::sim::SimTime;

namespace {

SimTime sec(double s) {
    return SimTime::fromSeconds(s);
}

/// A level of `value` from 0 to `end`, in buckets of 10 s.
LevelSeries constant(double value, double end, std::size_t cap = 100) {
    LevelSeries series(sec(10), cap);
    series.set(sec(0), value);
    series.finish(sec(end));
    return series;
}

} // namespace

class TestLevelSeries : public QObject {
    Q_OBJECT

private slots:
    // Buckets of 10 s.
    // t=0 level 2; t=5s 4; t=15s 0; t=20s 7 then, at the same instant, 1; finish at t=30s.
    // Intervals: [0,5) 2, [5,15) 4, [15,20) 0, [20,30) 1 (the 7 is held for no time).
    // Integral 10 + 40 + 0 + 10 = 60 level·s over 30 s: average 2, max 4.
    // Bucket [0,10): (2·5 + 4·5)/10 = 3, max 4; [10,20): (4·5 + 0·5)/10 = 2, max 4;
    // [20,30): 1, max 1.
    void timeWeightedAverage() {
        LevelSeries s(sec(10), 100);
        s.set(sec(0), 2);
        s.set(sec(5), 4);
        QCOMPARE(s.value(), 4.0);
        s.set(sec(15), 0);
        s.set(sec(20), 7);
        s.set(sec(20), 1);
        s.finish(sec(30));

        QVERIFY(s.isFinished());
        QCOMPARE(s.average(), 2.0);
        QCOMPARE(s.max(), 4.0);
        QCOMPARE(s.observed(), sec(30));
        QCOMPARE(s.bucketCount(), std::size_t(3));
        QCOMPARE(s.bucketMean(0), 3.0);
        QCOMPARE(s.bucketMax(0), 4.0);
        QCOMPARE(s.bucketMean(1), 2.0);
        QCOMPARE(s.bucketMax(1), 4.0);
        QCOMPARE(s.bucketMean(2), 1.0);
        QCOMPARE(s.bucketMax(2), 1.0);
        QCOMPARE(s.toJson().dump(),
                 std::string(R"({"average":2.0,"max":4.0,"observedSeconds":30.0,)"
                             R"("bucketSeconds":10.0,"bucketMean":[3.0,2.0,1.0],)"
                             R"("bucketMax":[4.0,4.0,1.0]})"));
    }

    // The level is 0 until the first change: t=0..10s 0; t=10s 3; finish at t=20s.
    // Average (0·10 + 3·10)/20 = 1.5; bucket [0,10) mean 0 max 0, [10,20) mean 3 max 3.
    void zeroBeforeTheFirstChange() {
        LevelSeries s(sec(10), 100);
        s.set(sec(10), 3);
        s.finish(sec(20));
        QCOMPARE(s.average(), 1.5);
        QCOMPARE(s.max(), 3.0);
        QCOMPARE(s.bucketMean(0), 0.0);
        QCOMPARE(s.bucketMax(0), 0.0);
        QCOMPARE(s.bucketMean(1), 3.0);

        LevelSeries nothing(sec(10), 100); // never set, finished at 0: nothing observed
        nothing.finish(sec(0));
        QCOMPARE(nothing.average(), 0.0);
        QCOMPARE(nothing.max(), 0.0);
        QCOMPARE(nothing.bucketCount(), std::size_t(0));
    }

    // Buckets of 1 s, at most 4. Level k+1 from t=k s for k = 0..4, the same 5 again at t=6s,
    // finish at t=9s: [0,1) 1, [1,2) 2, [2,3) 3, [3,4) 4, [4,9) 5.
    // Up to t=4s the four 1 s buckets suffice. Closing [4,6) needs a 5th: width 2 s, buckets
    // [0,2) 1.5 max 2, [2,4) 3.5 max 4, [4,6) 5. Closing [6,9) needs a 5th 2 s bucket: width
    // 4 s, [0,4) 2.5 max 4, [4,8) 5, [8,9) 5.
    void downsampling() {
        LevelSeries s(sec(1), 4);
        for (int k = 0; k < 5; ++k)
            s.set(sec(k), k + 1);
        QCOMPARE(s.bucketWidth(), sec(1));
        QCOMPARE(s.bucketCount(), std::size_t(4));
        s.set(sec(6), 5);
        QCOMPARE(s.bucketWidth(), sec(2));
        QCOMPARE(s.bucketCount(), std::size_t(3));
        QCOMPARE(s.bucketMean(0), 1.5);
        QCOMPARE(s.bucketMax(0), 2.0);
        QCOMPARE(s.bucketMean(1), 3.5);
        QCOMPARE(s.bucketMax(1), 4.0);
        QCOMPARE(s.bucketMean(2), 5.0);
        s.finish(sec(9));
        QCOMPARE(s.bucketWidth(), sec(4));
        QCOMPARE(s.bucketCount(), std::size_t(3));
        QCOMPARE(s.bucketMean(0), 2.5);
        QCOMPARE(s.bucketMax(0), 4.0);
        QCOMPARE(s.bucketMean(1), 5.0);
        QCOMPARE(s.bucketMean(2), 5.0);
        QCOMPARE(s.average(), (1 + 2 + 3 + 4 + 5 * 5) / 9.0);
        QCOMPARE(s.max(), 5.0);
    }

    // Memory stays bounded whatever the horizon: a year of one-minute changes, cap 1024.
    void boundedBuckets() {
        LevelSeries s; // 60 s buckets, at most 1024
        for (int minute = 0; minute < 525'600; ++minute)
            s.set(SimTime{std::int64_t(minute) * 60'000'000}, minute % 10);
        s.finish(SimTime{std::int64_t(525'600) * 60'000'000});
        QVERIFY(s.bucketCount() <= LevelSeries::kDefaultMaxBuckets);
        QCOMPARE(s.bucketWidth(), SimTime{std::int64_t(60'000'000) * 1024}); // 2^10 doublings
        QCOMPARE(s.average(), 4.5);
        QCOMPARE(s.max(), 9.0);
    }

    // Run A: level 2 over [0,20s); run B: level 4 over [0,40s). Buckets of 10 s.
    // Merged: average (2·20 + 4·40)/60 = 10/3; buckets [0,10) and [10,20) (2+4)/2 = 3,
    // [20,30) and [30,40) only B: 4; max 4; observed 60 s.
    void mergeReplications() {
        const LevelSeries a = constant(2, 20);
        const LevelSeries b = constant(4, 40);
        LevelSeries ab = a;
        ab.merge(b);
        LevelSeries ba = b;
        ba.merge(a);
        QVERIFY(ab == ba);
        QCOMPARE(ab.toJson().dump(), ba.toJson().dump());
        QCOMPARE(ab.average(), 10.0 / 3.0);
        QCOMPARE(ab.observed(), sec(60));
        QCOMPARE(ab.max(), 4.0);
        QCOMPARE(ab.bucketCount(), std::size_t(4));
        QCOMPARE(ab.bucketMean(0), 3.0);
        QCOMPARE(ab.bucketMean(1), 3.0);
        QCOMPARE(ab.bucketMean(2), 4.0);
        QCOMPARE(ab.bucketMean(3), 4.0);
    }

    // A long run doubled its width (cap 4: 80 s → 20 s buckets); a short one did not. The merge
    // brings the short one to 20 s buckets, in either order.
    // Long: level 1 over [0,80s): buckets 1,1,1,1. Short: level 3 over [0,30s) in 10 s buckets,
    // as 20 s buckets [0,20) 3 (20 s), [20,40) 3 (10 s).
    // Merged buckets: (20+60)/40 = 2, (20+30)/30 = 5/3, 1, 1.
    void mergeAlignsWidths() {
        const LevelSeries longRun = constant(1, 80, 4);
        const LevelSeries shortRun = constant(3, 30, 4);
        QCOMPARE(longRun.bucketWidth(), sec(20));
        QCOMPARE(shortRun.bucketWidth(), sec(10));
        LevelSeries a = longRun;
        a.merge(shortRun);
        LevelSeries b = shortRun;
        b.merge(longRun);
        QVERIFY(a == b);
        QCOMPARE(a.bucketWidth(), sec(20));
        QCOMPARE(a.bucketCount(), std::size_t(4));
        QCOMPARE(a.bucketMean(0), 2.0);
        QCOMPARE(a.bucketMean(1), 5.0 / 3.0);
        QCOMPARE(a.bucketMean(2), 1.0);
        QCOMPARE(a.average(), (80 + 90) / 110.0);
    }

    void misuse() {
        LevelSeries s(sec(10), 100);
        s.set(sec(5), 1);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.set(sec(4), 2));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.finish(sec(4)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.set(sec(6), std::nan("")));
        LevelSeries unfinished = s;
        QVERIFY_THROWS_EXCEPTION(std::logic_error, unfinished.merge(constant(1, 10)));
        s.finish(sec(10));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, s.set(sec(11), 2));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, s.finish(sec(12)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.merge(constant(1, 10, 50)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, LevelSeries(SimTime{0}, 10));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, LevelSeries(sec(1), 0));
    }
};

QTEST_APPLESS_MAIN(TestLevelSeries)
#include "TestLevelSeries.moc"
