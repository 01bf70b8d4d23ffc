// Streams: records as a Poisson stream batched like a Lambda event source mapping (a batch
// closes at batchSize records or batchWindowSeconds after its first record). Both the
// per-record path (a dynamic record template) and the per-batch path (a static one, drawn in
// operational time) must give batches of the same law: for a constant rate r, a batch is full
// with probability P(Poisson(r W) >= B - 1). Counts are checked within 5 standard deviations,
// fractions within 5 binomial standard errors (fixed seeds).
#include "simulator/workload/CivilCalendar.h"
#include "simulator/workload/Workload.h"
#include "tests/common/QuotedJson.h"

#include <QElapsedTimer>
#include <QtTest>

#include <cmath>
#include <cstdio>

using namespace flowcast::sim;
using flowcast::model::Json;

namespace {

/// P(Poisson(mean) >= k).
double poissonTail(double mean, int k) {
    double term = std::exp(-mean), below = 0;
    for (int i = 0; i < k; ++i) {
        below += term;
        term *= mean / (i + 1);
    }
    return 1 - below;
}

// "2026-01-01T00:00:01.500Z" back to virtual time, decoded here rather than with the
// production parser so that the check is independent of it.
SimTime timeOf(const Json& iso) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
    std::sscanf(iso.get<std::string>().c_str(), "%d-%d-%dT%d:%d:%d.%dZ", &y, &mo, &d, &h, &mi, &s,
                &ms);
    const std::int64_t days =
        calendar::daysFromCivil(y, unsigned(mo), unsigned(d)) - calendar::daysFromCivil(2026, 1, 1);
    return SimTime{(((days * 24 + h) * 60 + mi) * 60 + s) * 1'000'000 + ms * 1000};
}

} // namespace

class TestStreamWorkload : public QObject {
    Q_OBJECT

private slots:
    void batches_data() {
        QTest::addColumn<double>("rate");
        QTest::addColumn<int>("batchSize");
        QTest::addColumn<double>("window");
        QTest::addColumn<bool>("dynamic");
        QTest::addColumn<double>("hours");
        QTest::newRow("window cuts, per batch") << 10.0 << 10 << 1.0 << false << 48.0;
        QTest::newRow("window cuts, per record") << 10.0 << 10 << 1.0 << true << 3.0;
        QTest::newRow("size cuts, per batch") << 1000.0 << 100 << 1.0 << false << 6.0;
        QTest::newRow("size cuts, per record") << 1000.0 << 100 << 1.0 << true << 0.05;
        QTest::newRow("both, per batch") << 50.0 << 40 << 0.8 << false << 24.0;
        QTest::newRow("both, per record") << 50.0 << 40 << 0.8 << true << 1.0;
        QTest::newRow("window 0, per batch") << 5.0 << 10 << 0.0 << false << 6.0;
        QTest::newRow("window 0, per record") << 5.0 << 10 << 0.0 << true << 6.0;
        QTest::newRow("batch size 1, per batch") << 5.0 << 1 << 5.0 << false << 6.0;
        QTest::newRow("batch size 1, per record") << 5.0 << 1 << 5.0 << true << 6.0;
    }

    void batches() {
        QFETCH(double, rate);
        QFETCH(int, batchSize);
        QFETCH(double, window);
        QFETCH(bool, dynamic);
        QFETCH(double, hours);
        Json spec{{"stream",
                   {{"recordsPerSecond", rate},
                    {"batchSize", batchSize},
                    {"batchWindowSeconds", window}}},
                  {"end", hours * 3600}};
        spec["stream"]["record"] = dynamic
                                       ? quotedJson("{'i': {'$index': true}, 't': {'$time': true}}")
                                       : quotedJson("{'body': 'x'}");
        const auto workload = parseWorkload(spec, "/workload");
        RandomStream random(17);
        const Json staticRecord = quotedJson("{'body': 'x'}");
        std::int64_t records = 0, batches = 0, full = 0;
        SimTime last;
        const SimTime tolerance{1}; // rounding to whole microseconds
        while (auto a = workload->next(random)) {
            QVERIFY(a->time >= last);
            last = a->time;
            QVERIFY(a->records >= 1 && a->records <= batchSize);
            const Json& list = a->input->at("Records");
            QCOMPARE(std::int64_t(list.size()), a->records);
            ++batches;
            full += a->records == batchSize;
            if (dynamic) {
                // Records conserved and in order: indexes run on across batches; every record
                // came at or before the batch started its execution, and within the window.
                const SimTime first = timeOf(list.front()["t"]);
                for (const Json& r : list) {
                    QCOMPARE(r["i"].get<std::int64_t>(), records++);
                    const SimTime t = timeOf(r["t"]);
                    QVERIFY(t >= first && t <= a->time + tolerance);
                }
                // Milliseconds in $time: compare with a 1 ms margin.
                QVERIFY(a->time - first <= SimTime::fromSeconds(window) + SimTime::fromMillis(1));
                if (a->records < batchSize)
                    QVERIFY(a->time - first >=
                            SimTime::fromSeconds(window) - SimTime::fromMillis(1));
            } else {
                records += a->records;
                QCOMPARE(list.front(), staticRecord);
            }
        }
        QVERIFY(last < SimTime::fromSeconds(hours * 3600));
        // Records: Poisson(rate x horizon), less the last open batch (at most B records).
        const double expected = rate * hours * 3600;
        QVERIFY2(std::abs(records - expected) <= 5 * std::sqrt(expected) + batchSize,
                 qPrintable(QString("%1 records for %2").arg(records).arg(expected)));
        const double pFull = batchSize == 1 ? 1.0
                             : window == 0  ? 0.0
                                            : poissonTail(rate * window, batchSize - 1);
        const double fraction = double(full) / double(batches);
        QVERIFY2(std::abs(fraction - pFull) <= 5 * std::sqrt(pFull * (1 - pFull) / batches) + 1e-12,
                 qPrintable(QString("full %1 of %2 batches, expected fraction %3")
                                .arg(full)
                                .arg(batches)
                                .arg(pFull)));
    }

    void dayAt5000RecordsPerSecond() {
        // 432 million records in batches of 100 within 1 s: every batch fills (P(Poisson(5000)
        // <= 98) is nil), so this is 4.32 million draws and one shared input.
        const auto workload = parseWorkload(
            quotedJson("{'stream': {'recordsPerSecond': 5000, 'batchSize': 100, "
                       "'batchWindowSeconds': 1, 'record': {'bucket': 'in', 'size': 1024}}, "
                       "'end': '1d'}"),
            "/workload");
        RandomStream random(3);
        QElapsedTimer clock;
        clock.start();
        std::int64_t records = 0, batches = 0;
        const Json* shared = nullptr;
        bool allFull = true, allShared = true;
        while (auto a = workload->next(random)) {
            records += a->records;
            ++batches;
            allFull = allFull && a->records == 100;
            if (!shared) shared = a->input.get();
            allShared = allShared && a->input.get() == shared;
        }
        qInfo("5,000 records/s for a day: %lld batches in %lld ms", static_cast<long long>(batches),
              static_cast<long long>(clock.elapsed()));
        QVERIFY(allFull);
        QVERIFY(allShared);
        QCOMPARE(shared->at("Records").size(), std::size_t(100));
        const double expected = 5000.0 * 86400;
        QVERIFY(std::abs(records - expected) <= 5 * std::sqrt(expected) + 100);
    }

    void followsAProfile_data() {
        QTest::addColumn<bool>("dynamic");
        QTest::addColumn<int>("days");
        QTest::newRow("per batch") << false << 14;
        QTest::newRow("per record") << true << 2;
    }

    void followsAProfile() {
        // Records per hour of the day: 3,600 x (1, or 10 from 09:00 to 17:00, or 0 at 03:00),
        // i.e. 1 to 10 per second. Each hour's records, counted by the hour their batch closed
        // in, are Poisson(days x rate) give or take a batch a day at each end of the hour.
        QFETCH(bool, dynamic);
        QFETCH(int, days);
        std::vector<double> perHour(24, 3600);
        for (int h = 9; h < 17; ++h)
            perHour[h] = 36000;
        perHour[3] = 0;
        Json spec{{"stream",
                   {{"profile", {{"dailyPerHour", perHour}}},
                    {"batchSize", 50},
                    {"batchWindowSeconds", 2}}},
                  {"end", days * 86400}};
        if (dynamic) spec["stream"]["record"] = quotedJson("{'i': {'$index': true}}");
        const auto workload = parseWorkload(spec, "/workload");
        RandomStream random(23);
        double counts[24] = {};
        while (auto a = workload->next(random))
            counts[a->time.us / 1'000'000 % 86400 / 3600] += double(a->records);
        // Only a batch opened before 03:00 can close in that hour: at most one a day.
        QVERIFY(counts[3] <= days * 50);
        for (int h = 0; h < 24; ++h) {
            const double expected = days * perHour[h];
            QVERIFY2(std::abs(counts[h] - expected) <= 5 * std::sqrt(expected) + days * 50,
                     qPrintable(QString("hour %1: %2 for %3").arg(h).arg(counts[h]).arg(expected)));
        }
    }

    void startsAtStart() {
        // Records begin at "start": the first batch closes after it, and the counts match the
        // shorter window.
        const auto workload = parseWorkload(
            quotedJson(
                "{'stream': {'recordsPerSecond': 20, 'batchSize': 10, 'batchWindowSeconds': 1}, "
                "'start': '1h', 'end': '2h'}"),
            "");
        RandomStream random(4);
        std::int64_t records = 0;
        auto first = workload->next(random);
        QVERIFY(first && first->time >= SimTime::fromSeconds(3600));
        records += first->records;
        while (auto a = workload->next(random))
            records += a->records;
        QVERIFY(std::abs(records - 72000.0) <= 5 * std::sqrt(72000.0) + 10);
    }
};

QTEST_APPLESS_MAIN(TestStreamWorkload)
#include "TestStreamWorkload.moc"
