// Histogram: quantiles within 1 % of the exact ones on several distributions, exact and
// order-independent merges, the empty histogram, bounded memory, the JSON round trip.
#include "simulator/core/RandomStream.h"
#include "simulator/metrics/Histogram.h"
#include "tests/common/ExactDouble.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <numeric>
#include <vector>

using flowcast::sim::Histogram;
using flowcast::sim::RandomStream;

namespace {

using Samples = std::vector<std::int64_t>;
using Draw = std::function<double(RandomStream&)>;

constexpr double kPi = 3.14159265358979323846;

double standardNormal(RandomStream& r) { // Box-Muller
    return std::sqrt(-2.0 * std::log(r.uniformPositive())) * std::cos(2.0 * kPi * r.uniform());
}

Samples draw(const Draw& distribution, std::size_t n, std::uint64_t seed) {
    RandomStream random(seed);
    Samples samples(n);
    for (auto& s : samples)
        s = std::llround(distribution(random));
    return samples;
}

Histogram histogramOf(const Samples& samples, std::size_t from = 0, std::size_t to = SIZE_MAX) {
    Histogram h;
    for (std::size_t i = from; i < std::min(to, samples.size()); ++i)
        h.add(samples[i]);
    return h;
}

/// Nearest rank, as Histogram::quantile defines it: the ceil(q·n)-th smallest sample.
std::int64_t exactQuantile(const Samples& sorted, double q) {
    if (q <= 0.0) return sorted.front();
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

} // namespace

Q_DECLARE_METATYPE(Draw)

class TestHistogram : public QObject {
    Q_OBJECT

private slots:
    // Values in µs. 200,000 samples each, fixed seeds.
    void quantileError_data() {
        QTest::addColumn<Draw>("distribution");
        QTest::newRow("lognormal median 200 ms, sigma 1.5")
            << Draw([](RandomStream& r) { return 200'000.0 * std::exp(1.5 * standardNormal(r)); });
        QTest::newRow("exponential mean 2 s")
            << Draw([](RandomStream& r) { return r.exponential(2'000'000.0); });
        QTest::newRow("exponential mean 40 us (exact buckets)")
            << Draw([](RandomStream& r) { return r.exponential(40.0); });
        QTest::newRow("log-uniform over 6 decades, 1 us .. 1 s")
            << Draw([](RandomStream& r) { return std::pow(10.0, 6.0 * r.uniform()); });
        QTest::newRow("uniform 0 .. 1e6 us")
            << Draw([](RandomStream& r) { return 1e6 * r.uniform(); });
        QTest::newRow("log-uniform 1 s .. 1 year")
            << Draw([](RandomStream& r) { return 1e6 * std::pow(31'536'000.0, r.uniform()); });
        QTest::newRow("pareto alpha 1.1 from 1 ms") << Draw(
            [](RandomStream& r) { return 1000.0 * std::pow(r.uniformPositive(), -1 / 1.1); });
    }
    void quantileError() {
        QFETCH(Draw, distribution);
        Samples samples = draw(distribution, 200'000, 20241121);
        const Histogram h = histogramOf(samples);
        std::sort(samples.begin(), samples.end());

        QCOMPARE(h.count(), std::uint64_t(samples.size()));
        QCOMPARE(h.min(), samples.front());
        QCOMPARE(h.max(), samples.back());
        // The sum is exact: the mean is the exact integer sum divided once.
        const std::int64_t exactSum =
            std::accumulate(samples.begin(), samples.end(), std::int64_t{0});
        QCOMPARE_EXACT(h.mean(),
                       static_cast<double>(exactSum) / static_cast<double>(samples.size()));
        for (double q : {0.0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0}) {
            const auto exact = static_cast<double>(exactQuantile(samples, q));
            const double got = h.quantile(q);
            if (exact == 0.0) {
                QCOMPARE(got, 0.0);
                continue;
            }
            const double error = std::fabs(got - exact) / exact;
            if (error > 1.0 / 128)
                QFAIL(qPrintable(QStringLiteral("q=%1: %2 against exact %3 (error %4)")
                                     .arg(q)
                                     .arg(got)
                                     .arg(exact)
                                     .arg(error)));
        }
    }

    // A bucket holds at most 1/64 of its lower bound; small values are exact.
    void bucketBounds() {
        QCOMPARE(Histogram::bucketOf(0), std::size_t(0));
        QCOMPARE(Histogram::bucketOf(127), std::size_t(127));
        QCOMPARE(Histogram::bucketOf(128), std::size_t(128));
        QCOMPARE(Histogram::width(128), std::uint64_t(2));
        QCOMPARE(Histogram::bucketOf(256), std::size_t(192));
        QCOMPARE(Histogram::lowerBound(192), std::uint64_t(256));
        for (std::size_t b = 0; b < Histogram::kMaxBuckets; ++b) {
            const std::uint64_t lower = Histogram::lowerBound(b);
            const std::uint64_t last = lower + (Histogram::width(b) - 1);
            QCOMPARE(Histogram::bucketOf(lower), b);
            QCOMPARE(Histogram::bucketOf(last), b);
            QVERIFY(Histogram::width(b) == 1 || Histogram::width(b) * 64 <= lower);
            if (b + 1 < Histogram::kMaxBuckets) QCOMPARE(Histogram::lowerBound(b + 1), last + 1);
        }
        QCOMPARE(Histogram::bucketOf(std::numeric_limits<std::int64_t>::max()),
                 Histogram::kMaxBuckets - 1);
    }

    // Whatever the split and the order, merging gives the histogram of all the samples.
    void mergeIsExactAndOrderIndependent() {
        const Samples samples = draw(
            [](RandomStream& r) { return 1000.0 * std::exp(3.0 * standardNormal(r)); }, 30'000, 7);
        const Histogram all = histogramOf(samples);
        const Histogram a = histogramOf(samples, 0, 1000);
        const Histogram b = histogramOf(samples, 1000, 12'345);
        const Histogram c = histogramOf(samples, 12'345);

        Histogram abc = a;
        abc.merge(b);
        abc.merge(c);
        Histogram cba = c;
        cba.merge(b);
        cba.merge(a);
        Histogram bc = b;
        bc.merge(c);
        Histogram aBc; // (empty + a) + (b + c)
        aBc.merge(a);
        aBc.merge(bc);

        for (const Histogram* merged : {&abc, &cba, &aBc}) {
            QVERIFY(*merged == all);
            QCOMPARE(merged->toJson(true).dump(), all.toJson(true).dump());
        }
        // Adding with a count is adding that many times.
        Histogram repeated;
        repeated.add(5000, 3);
        Histogram single;
        for (int i = 0; i < 3; ++i)
            single.add(5000);
        QVERIFY(repeated == single);
    }

    void empty() {
        const Histogram h;
        QCOMPARE(h.count(), std::uint64_t(0));
        QVERIFY(h.isEmpty());
        QCOMPARE(h.mean(), 0.0);
        QCOMPARE(h.quantile(0.5), 0.0);
        QCOMPARE(h.min(), std::int64_t(0));
        QCOMPARE(h.max(), std::int64_t(0));
        QCOMPARE(h.bucketCount(), std::size_t(0));
        QCOMPARE(h.toJson().dump(),
                 std::string(R"({"count":0,"mean":0.0,"p50":0.0,"p90":0.0,"p95":0.0,"p99":0.0,)"
                             R"("max":0.0})"));

        Histogram some;
        some.add(42);
        Histogram merged = some;
        merged.merge(h);
        QVERIFY(merged == some);
        Histogram intoEmpty;
        intoEmpty.merge(some);
        QVERIFY(intoEmpty == some);
        // A zero count adds nothing; negative values count as 0.
        intoEmpty.add(7, 0);
        QVERIFY(intoEmpty == some);
        Histogram negative;
        negative.add(-5);
        QCOMPARE(negative.max(), std::int64_t(0));
    }

    // Hand-computed: samples 10, 20, 30, 40 µs and 1 s. p50 is the 3rd sample (exact bucket);
    // p90 is the 5th: 1,000,000 µs lies in [999,424, 1,007,616) whose middle, 1,003,519.5, is
    // clamped to the largest sample.
    void summaryJson() {
        Histogram h;
        for (std::int64_t v : {40, 10, 1'000'000, 30, 20})
            h.add(v);
        QCOMPARE(h.quantile(0.5), 30.0);
        QCOMPARE(h.quantile(0.2), 10.0);
        QCOMPARE(h.quantile(0.21), 20.0);
        QCOMPARE(h.toJson().dump(),
                 std::string(R"({"count":5,"mean":0.20002,"p50":3e-05,"p90":1.0,"p95":1.0,)"
                             R"("p99":1.0,"max":1.0})"));
        // A bucket's middle when no clamping applies: both samples lie in [999,424, 1,007,616).
        Histogram wide;
        wide.add(999'424);
        wide.add(1'007'615);
        QCOMPARE_EXACT(wide.quantile(0.5), 1'003'519.5);
    }

    // Memory follows the range of the samples, not their number, and never exceeds the cap.
    void boundedMemory() {
        RandomStream random(99);
        Histogram h;
        for (int i = 0; i < 1'000'000; ++i)
            h.add(static_cast<std::int64_t>(random.next() >> (1 + random.next() % 63)));
        h.add(0);
        h.add(std::numeric_limits<std::int64_t>::max());
        QCOMPARE(h.bucketCount(), Histogram::kMaxBuckets);
        for (int i = 0; i < 1'000'000; ++i)
            h.add(static_cast<std::int64_t>(random.next() >> 1));
        QCOMPARE(h.bucketCount(), Histogram::kMaxBuckets);

        Histogram narrow; // 1 ms .. 2 ms: one power of two, 64 buckets
        for (int i = 0; i < 100'000; ++i)
            narrow.add(1024 + static_cast<std::int64_t>(random.next() % 1024));
        QVERIFY(narrow.bucketCount() <= 64);
    }

    void jsonRoundTrip() {
        Histogram h;
        h.add(3);
        h.add(150'000, 17);
        h.add(std::int64_t{1} << 62, 9); // the sum exceeds 2^64: written as digits
        const auto json = h.toJson(true);
        QVERIFY(json["sumUs"].is_string());
        QVERIFY(Histogram::fromJson(json) == h);
        QCOMPARE(Histogram::fromJson(json).toJson(true).dump(), json.dump());

        Histogram small;
        small.add(1500, 2);
        QCOMPARE(small.toJson(true).dump(),
                 std::string(R"({"count":2,"mean":0.0015,"p50":0.0015,"p90":0.0015,)"
                             R"("p95":0.0015,"p99":0.0015,"max":0.0015,"minUs":1500,)"
                             R"("maxUs":1500,"sumUs":3000,"buckets":[[1488,2]]})"));
        QVERIFY(Histogram::fromJson(small.toJson(true)) == small);
        QVERIFY(Histogram::fromJson(Histogram().toJson(true)) == Histogram());

        auto wrongCount = small.toJson(true);
        wrongCount["count"] = 3;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Histogram::fromJson(wrongCount));
        auto notABound = small.toJson(true);
        notABound["buckets"][0][0] = 1497;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Histogram::fromJson(notABound));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Histogram::fromJson(small.toJson()));
    }
};

QTEST_APPLESS_MAIN(TestHistogram)
#include "TestHistogram.moc"
