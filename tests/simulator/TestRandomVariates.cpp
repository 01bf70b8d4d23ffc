// Normal, gamma and Poisson variates built on RandomStream: means and variances within 5
// standard errors. The standard error of a sample mean is sd / sqrt(n); of a sample variance
// sigma^2 sqrt((2 + kurtosis excess) / n) (normal: 0; Gamma(k): 6 / k; Poisson(m): 1 / m).
#include "simulator/core/RandomVariates.h"

#include <QtTest>

#include <cmath>

using namespace flowcast::sim;

namespace {

struct Moments {
    double mean = 0, variance = 0;
};

template <typename F> Moments moments(int n, F draw) {
    double sum = 0, squares = 0;
    for (int i = 0; i < n; ++i) {
        const double x = draw();
        sum += x;
        squares += x * x;
    }
    const double mean = sum / n;
    return {mean, squares / n - mean * mean};
}

constexpr int kSamples = 400'000;

bool close(const Moments& m, double mean, double variance, double excessKurtosis) {
    const double n = kSamples;
    return std::abs(m.mean - mean) <= 5 * std::sqrt(variance / n) &&
           std::abs(m.variance - variance) <= 5 * variance * std::sqrt((2 + excessKurtosis) / n);
}

} // namespace

class TestRandomVariates : public QObject {
    Q_OBJECT

private slots:
    void normal() {
        RandomStream random(1);
        const Moments m = moments(kSamples, [&] { return standardNormal(random); });
        QVERIFY2(close(m, 0, 1, 0), qPrintable(QString("%1 %2").arg(m.mean).arg(m.variance)));
        // Tail: P(Z > 2) = 0.0227501.
        int tail = 0;
        for (int i = 0; i < kSamples; ++i)
            tail += standardNormal(random) > 2;
        const double p = 0.0227501;
        QVERIFY(std::abs(double(tail) / kSamples - p) <= 5 * std::sqrt(p * (1 - p) / kSamples));
    }

    void gamma_data() {
        QTest::addColumn<double>("shape");
        QTest::newRow("0.5") << 0.5;
        QTest::newRow("1") << 1.0;
        QTest::newRow("3") << 3.0;
        QTest::newRow("99") << 99.0;
        QTest::newRow("9999") << 9999.0;
    }

    void gamma() {
        QFETCH(double, shape);
        RandomStream random(2);
        const Moments m = moments(kSamples, [&] { return gammaVariate(random, shape); });
        QVERIFY2(close(m, shape, shape, 6 / shape),
                 qPrintable(QString("%1 %2").arg(m.mean).arg(m.variance)));
    }

    void poisson_data() {
        QTest::addColumn<double>("mean");
        QTest::newRow("0.3") << 0.3;
        QTest::newRow("3") << 3.0;
        QTest::newRow("9.9") << 9.9;
        QTest::newRow("10") << 10.0;
        QTest::newRow("50") << 50.0;
        QTest::newRow("5000") << 5000.0;
    }

    void poisson() {
        QFETCH(double, mean);
        RandomStream random(3);
        const Moments m = moments(kSamples, [&] { return double(poissonVariate(random, mean)); });
        QVERIFY2(close(m, mean, mean, 1 / mean),
                 qPrintable(QString("%1 %2").arg(m.mean).arg(m.variance)));
        QCOMPARE(poissonVariate(random, 0), std::int64_t(0));
    }

    void truncatedPoisson_data() {
        QTest::addColumn<double>("mean");
        QTest::addColumn<int>("most");
        QTest::newRow("bound above the mean") << 5.0 << 8;
        QTest::newRow("bound below the mean") << 30.0 << 20;
        QTest::newRow("bound far below") << 5000.0 << 98;
        QTest::newRow("bound 0") << 4.0 << 0;
    }

    void truncatedPoisson() {
        // Against the exact conditional law P(K = k | K <= most), computed here from the
        // Poisson log-probabilities shifted by their largest value (e^-5000 underflows).
        QFETCH(double, mean);
        QFETCH(int, most);
        std::vector<double> p(most + 1);
        double largest = -INFINITY, total = 0;
        for (int k = 0; k <= most; ++k)
            largest = std::max(largest, p[k] = k * std::log(mean) - std::lgamma(k + 1.0));
        for (int k = 0; k <= most; ++k)
            total += p[k] = std::exp(p[k] - largest);
        double m1 = 0, m2 = 0;
        for (int k = 0; k <= most; ++k) {
            p[k] /= total;
            m1 += k * p[k];
            m2 += double(k) * k * p[k];
        }
        const double variance = m2 - m1 * m1;
        RandomStream random(4);
        double sum = 0;
        for (int i = 0; i < kSamples; ++i) {
            const auto k = truncatedPoissonVariate(random, mean, most);
            QVERIFY(k >= 0 && k <= most);
            sum += double(k);
        }
        QVERIFY2(std::abs(sum / kSamples - m1) <= 5 * std::sqrt(variance / kSamples) + 1e-12,
                 qPrintable(QString("%1 for %2").arg(sum / kSamples).arg(m1)));
    }
};

QTEST_APPLESS_MAIN(TestRandomVariates)
#include "TestRandomVariates.moc"
