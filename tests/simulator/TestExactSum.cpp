// ExactSum: amounts added exactly, the total rounded once, the same double whatever the order.
#include "simulator/core/RandomStream.h"
#include "simulator/metrics/ExactSum.h"
#include "tests/common/ExactDouble.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

using flowcast::sim::ExactSum;
using flowcast::sim::RandomStream;

namespace {

double sumOf(const std::vector<double>& amounts) {
    ExactSum sum;
    for (double a : amounts)
        sum.add(a);
    return sum.value();
}

} // namespace

class TestExactSum : public QObject {
    Q_OBJECT

private slots:
    void singleAmountsReadBack_data() {
        QTest::addColumn<double>("amount");
        QTest::newRow("0.3") << 0.3;
        QTest::newRow("-0.3") << -0.3;
        QTest::newRow("GB-s of 128 MB for 1.1 ms") << 0.125 * 0.0011;
        QTest::newRow("1 TB scanned") << 1e12;
        QTest::newRow("smallest exact binade, 2^-44") << std::ldexp(1.0, -44) * 1.9999999999999998;
        QTest::newRow("just below 2^90") << std::nextafter(std::ldexp(1.0, 90), 0.0);
        QTest::newRow("zero") << 0.0;
    }
    void singleAmountsReadBack() {
        QFETCH(double, amount);
        QCOMPARE_EXACT(sumOf({amount}), amount);
    }

    void twoAmountsRoundLikeOneAddition() {
        // IEEE addition of two doubles is their exact sum rounded once: ExactSum must agree.
        RandomStream random(5);
        for (int i = 0; i < 10'000; ++i) {
            const double a =
                std::ldexp(random.uniform() - 0.5, static_cast<int>(random.next() % 80) - 40);
            const double b =
                std::ldexp(random.uniform() - 0.5, static_cast<int>(random.next() % 80) - 40);
            if (std::fabs(a) < 0x1p-43 || std::fabs(b) < 0x1p-43) continue;
            QCOMPARE_EXACT(sumOf({a, b}), a + b);
        }
    }

    void exactWhereDoublesCancel() {
        QCOMPARE_EXACT(sumOf({1e20, 1.0, -1e20}), 1.0); // a double running sum gives 0
        // The doubles nearest 0.1, 0.2 and 0.3 sum to exactly 2^-55; (0.1 + 0.2) - 0.3 gives 2^-54.
        QCOMPARE_EXACT(sumOf({0.1, 0.2, -0.3}), std::ldexp(1.0, -55));
        QCOMPARE_EXACT(sumOf({-5.5, 2.25}), -3.25);
        // Below the resolution, 2^-96, amounts round to it; the resolution itself is kept.
        QCOMPARE_EXACT(sumOf({std::ldexp(1.0, -100)}), 0.0);
        QCOMPARE_EXACT(sumOf({std::ldexp(1.0, -96)}), std::ldexp(1.0, -96));
        QCOMPARE_EXACT(sumOf({std::ldexp(3.0, -98)}), std::ldexp(1.0, -96)); // 0.75 rounds up
    }

    void orderDoesNotMatter() {
        RandomStream random(11);
        std::vector<double> amounts(5000);
        for (auto& a : amounts)
            a = random.exponential(1.0) *
                std::pow(10.0, static_cast<double>(random.next() % 12) - 6);
        const double forward = sumOf(amounts);
        std::reverse(amounts.begin(), amounts.end());
        QCOMPARE_EXACT(sumOf(amounts), forward);
        std::sort(amounts.begin(), amounts.end());
        QCOMPARE_EXACT(sumOf(amounts), forward);
        // Merging partial sums, in any grouping, gives the same total.
        ExactSum left;
        ExactSum right;
        for (std::size_t i = 0; i < amounts.size(); ++i)
            (i % 3 == 0 ? left : right).add(amounts[i]);
        ExactSum merged = right;
        merged.add(left);
        QCOMPARE_EXACT(merged.value(), forward);
    }

    void outOfRange() {
        ExactSum sum;
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, sum.add(std::ldexp(1.0, 90)));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range,
                                 sum.add(std::numeric_limits<double>::infinity()));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range,
                                 sum.add(std::numeric_limits<double>::quiet_NaN()));
        QVERIFY(sum.isZero());
    }
};

QTEST_APPLESS_MAIN(TestExactSum)
#include "TestExactSum.moc"
