// RandomStream(s): reproducible, independent of creation order, and the right distributions
// (tolerances are 5 standard errors of the sample mean, so a correct generator fails about
// once in 3.5 million runs).
#include "simulator/core/RandomStream.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <vector>

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

    // The ziggurat must give the exponential law itself, not just its mean: the empirical CDF
    // against 1 - e^-x (Kolmogorov-Smirnov: 1.95 / sqrt(n) is the 0.1 % critical value), the
    // second moment, and the tail beyond the base layer's edge, which takes its own path.
    void exponentialIsExponential() {
        RandomStream rng(777);
        const int n = 400'000;
        std::vector<double> draws(n);
        double sumSquares = 0;
        int beyondBase = 0, beyondTwelve = 0;
        for (double& x : draws) {
            x = rng.exponential(1.0);
            QVERIFY(x >= 0.0);
            sumSquares += x * x;
            beyondBase += x > 7.69711747013104972;
            beyondTwelve += x > 12;
        }
        std::sort(draws.begin(), draws.end());
        double d = 0;
        for (int i = 0; i < n; ++i) {
            const double cdf = 1 - std::exp(-draws[i]);
            d = std::max({d, std::abs(cdf - double(i) / n), std::abs(cdf - double(i + 1) / n)});
        }
        QVERIFY2(d < 1.95 / std::sqrt(double(n)), qPrintable(QString::number(d)));
        // E[X^2] = 2, Var[X^2] = E[X^4] - 4 = 20.
        QVERIFY(std::abs(sumSquares / n - 2.0) < 5 * std::sqrt(20.0 / n));
        // Counts are Poisson: mean n e^-7.697 = 181.6 and n e^-12 = 2.5.
        const double base = n * std::exp(-7.69711747013104972);
        QVERIFY2(std::abs(beyondBase - base) < 5 * std::sqrt(base),
                 qPrintable(QString::number(beyondBase)));
        QVERIFY(beyondTwelve <= 15);
    }

    // Every layer of the ziggurat has the same area, so that picking one uniformly is right.
    void zigguratLayersHaveEqualArea() {
        const auto& z = RandomStream::zigguratTables();
        const double base = z.edge[0] * z.height[0];
        QVERIFY(std::abs(base - (z.edge[1] * std::exp(-z.edge[1]) + std::exp(-z.edge[1]))) < 1e-15);
        for (int i = 1; i < 256; ++i)
            QVERIFY2(std::abs(z.edge[i] * (z.height[i + 1] - z.height[i]) - base) < 1e-9 * base,
                     qPrintable(QString::number(i)));
        QCOMPARE(z.inside[255], std::uint64_t(0)); // the top layer is all overhang
    }
};

QTEST_APPLESS_MAIN(TestRandomStream)
#include "TestRandomStream.moc"
