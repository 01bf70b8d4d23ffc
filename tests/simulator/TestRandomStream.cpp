// RandomStream(s): reproducible, independent of creation order, and the right distributions
// (tolerances are 5 standard errors of the sample mean, so a correct generator fails about
// once in 3.5 million runs).
#include "simulator/core/RandomStream.h"

#include <QtTest>

#include <cmath>

using namespace flowcast::sim;

class TestRandomStream : public QObject {
    Q_OBJECT

private slots:
    void sameSeedSameNumbers() {
        RandomStream a(7), b(7), c(8);
        bool differsFromOtherSeed = false;
        for (int i = 0; i < 1000; ++i) {
            const auto x = a.next();
            QCOMPARE(x, b.next());
            differsFromOtherSeed = differsFromOtherSeed || x != c.next();
        }
        QVERIFY(differsFromOtherSeed);
    }

    void streamsDependOnNameNotOrder() {
        RandomStreams one(2026), two(2026);
        const double lambdaFirst = one.stream("lambda:Transform").uniform();
        (void)two.stream("glue:Convert").uniform(); // another stream created and used first
        QCOMPARE(two.stream("lambda:Transform").uniform(), lambdaFirst);
        QVERIFY(RandomStreams::streamSeed(2026, "a") != RandomStreams::streamSeed(2026, "b"));
        QVERIFY(RandomStreams::streamSeed(2026, "a") != RandomStreams::streamSeed(2027, "a"));
        QCOMPARE(&one.stream("x"), &one.stream("x")); // references stay valid
    }

    void uniformAndExponentialMoments() {
        RandomStream rng(12345);
        const int n = 1'000'000;
        double sumU = 0, sumE = 0, minU = 1, maxU = 0;
        for (int i = 0; i < n; ++i) {
            const double u = rng.uniform();
            sumU += u;
            minU = std::min(minU, u);
            maxU = std::max(maxU, u);
            sumE += rng.exponential(2.0);
        }
        // Uniform(0,1): mean 1/2, sd sqrt(1/12). Exponential(mean 2): sd 2.
        QVERIFY(std::abs(sumU / n - 0.5) < 5 * std::sqrt(1.0 / 12.0 / n));
        QVERIFY(std::abs(sumE / n - 2.0) < 5 * 2.0 / std::sqrt(double(n)));
        QVERIFY(minU >= 0.0 && maxU < 1.0);
        QVERIFY(rng.uniformPositive() > 0.0);
    }
};

QTEST_APPLESS_MAIN(TestRandomStream)
#include "TestRandomStream.moc"
