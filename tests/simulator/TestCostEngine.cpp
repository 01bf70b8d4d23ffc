// The cost engine prices a month of usage with the price book: line by line with formulas, free
// tiers shared across lines and pools, totals per month, per execution, per million records.
#include "model/pricing/PriceBook.h"
#include "model/pricing/PriceFormat.h"
#include "simulator/cost/CostEngine.h"
#include "tests/common/QuotedJson.h"

#include <QtTest>

using flowcast::cost::CostBasis;
using flowcast::cost::priceUsage;
using flowcast::cost::UsageLine;
using flowcast::model::centsOf;
using flowcast::model::PriceBook;

class TestCostEngine : public QObject {
    Q_OBJECT

private slots:
    // AWS's Lambda pricing example 1 (512 MB, 3 million invocations of 1 s, free tier) as two
    // usage lines: $0.40 + $18.33 at the price table's $0.0000166667 (AWS's example rounds the
    // price to $0.00001667 and gets $18.74; TestPriceBook checks that figure too).
    void lambdaExample() {
        const auto report =
            priceUsage({{"lambda.requests", "fn", 3e6, "3,000,000 invocations"},
                        {"lambda.duration.x86", "fn", 1.5e6, "3,000,000 × 1 s × 0.5 GB"}},
                       PriceBook::builtIn(), CostBasis{3e6, std::nullopt});
        QCOMPARE(report.lines.size(), std::size_t(2));
        QCOMPARE(centsOf(report.lines[0].quote.amountUsd), std::int64_t(40));
        QCOMPARE(QString::fromStdString(report.lines[1].quote.formula),
                 QString("3,000,000 × 1 s × 0.5 GB − 400,000 GB-s free = 1,100,000 GB-s × "
                         "$0.0000166667 = $18.33"));
        QCOMPARE(centsOf(report.monthlyUsd), std::int64_t(1873));
        QCOMPARE(centsOf(report.serviceUsd("AWS Lambda")), std::int64_t(1873));
        QVERIFY(qAbs(*report.perExecutionUsd() - 18.73337 / 3e6) < 1e-9);
    }

    // The 400,000 GB-s free tier is the account's: two functions, x86 and arm64 (one pool),
    // share it in the order their lines come.
    void freeTierSharedAcrossLinesAndPools() {
        const auto report = priceUsage({{"lambda.duration.x86", "a", 300'000, ""},
                                        {"lambda.duration.arm64", "b", 300'000, ""},
                                        {"lambda.duration.x86", "c", 50'000, ""}},
                                       PriceBook::builtIn());
        QCOMPARE(report.lines[0].quote.freeQuantity, 300'000.0);
        QCOMPARE(report.lines[1].quote.freeQuantity, 100'000.0);
        QCOMPARE(report.lines[1].quote.billedQuantity, 200'000.0);
        QCOMPARE(report.lines[2].quote.freeQuantity, 0.0);
        // 200,000 × $0.0000133334 (arm64) + 50,000 × $0.0000166667 (x86)
        QCOMPARE(centsOf(report.monthlyUsd),
                 centsOf(200'000 * 0.0000133334 + 50'000 * 0.0000166667));
    }

    // Volume tiers are the account's: two functions of 5 billion GB-s each are priced as one
    // volume of 10 billion less the free 400,000: 6 billion at $0.0000166667, the rest at
    // $0.000015 (AWS's second tier), not twice the first tier.
    void volumeTiersSpanLines() {
        const auto report = priceUsage(
            {{"lambda.duration.x86", "a", 5e9, ""}, {"lambda.duration.x86", "b", 5e9, ""}},
            PriceBook::builtIn());
        const double expected = 6e9 * 0.0000166667 + (10e9 - 400'000 - 6e9) * 0.000015;
        QCOMPARE(centsOf(report.monthlyUsd), centsOf(expected));
        QVERIFY(QString::fromStdString(report.lines[1].quote.formula).contains("$0.000015"));
    }

    // Step Functions Standard bills every transition, retries included: 10,000 executions of 10
    // states with 2 retries each = 120,000 transitions; 4,000 free; $0.025 per 1,000 = $2.90.
    void standardTransitionsWithRetries() {
        const auto report =
            priceUsage({{"stepfunctions.standard.transitions", "pipeline", 10'000 * (10 + 2),
                         "10,000 executions × (10 states + 2 retries)"}},
                       PriceBook::builtIn(), CostBasis{10'000, 1e9});
        QCOMPARE(report.lines[0].quote.billedQuantity, 116'000.0);
        QCOMPARE(centsOf(report.monthlyUsd), std::int64_t(290));
        QCOMPARE(*report.perMillionRecordsUsd(), 2.9 / 1000);
    }

    // The per-run billing rules of the book: Glue's 1-minute minimum, Athena's 10 MB minimum
    // (rounded up to the MB), Express's 100 ms and 64 MB steps.
    void perRequestRules_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("measure");
        QTest::addColumn<double>("actual");
        QTest::addColumn<double>("billed");
        using M = flowcast::model::Measure;
        QTest::newRow("Glue 20 s job: 1 minute")
            << "glue.etl.dpuHours" << int(M::DurationMs) << 20'000.0 << 60'000.0;
        QTest::newRow("Glue 61.2 s: per second")
            << "glue.etl.dpuHours" << int(M::DurationMs) << 61'200.0 << 62'000.0;
        QTest::newRow("crawler 3 min: 10 minutes")
            << "glue.crawler.dpuHours" << int(M::DurationMs) << 180'000.0 << 600'000.0;
        QTest::newRow("Athena 3 MB: 10 MB")
            << "athena.sql.scanned" << int(M::DataMb) << 3.0 << 10.0;
        QTest::newRow("Athena 10.2 MB: 11 MB")
            << "athena.sql.scanned" << int(M::DataMb) << 10.2 << 11.0;
        QTest::newRow("Express 1,230 ms: 1,300 ms")
            << "stepfunctions.express.duration" << int(M::DurationMs) << 1230.0 << 1300.0;
        QTest::newRow("Express 70 MB: 128 MB")
            << "stepfunctions.express.duration" << int(M::MemoryMb) << 70.0 << 128.0;
        QTest::newRow("Lambda 1.2 ms: 2 ms")
            << "lambda.duration.x86" << int(M::DurationMs) << 1.2 << 2.0;
    }
    void perRequestRules() {
        QFETCH(QString, id);
        QFETCH(int, measure);
        QFETCH(double, actual);
        QFETCH(double, billed);
        const PriceBook book = PriceBook::builtIn();
        const auto& item = book.at(id.toStdString());
        QCOMPARE(item.rules.billed(static_cast<flowcast::model::Measure>(measure), actual), billed);
    }

    void unknownPriceIsAnError() {
        bool threw = false;
        try {
            priceUsage({{"lambda.nope", "x", 1, ""}}, PriceBook::builtIn());
        } catch (const std::exception& e) {
            threw = QString(e.what()).contains("lambda.nope");
        }
        QVERIFY(threw);
    }

    void jsonReport() {
        const auto report = priceUsage({{"sns.publishes", "alerts", 2e6, ""}}, PriceBook::builtIn(),
                                       CostBasis{100, std::nullopt});
        const auto json = report.toJson();
        QCOMPARE(json["lines"][0]["priceId"].get<std::string>(), std::string("sns.publishes"));
        QCOMPARE(json["lines"][0]["billedQuantity"].get<double>(), 1e6);
        QCOMPARE(json["monthlyUsd"].get<double>(), 0.5);
        QCOMPARE(json["perExecutionUsd"].get<double>(), 0.005);
        QVERIFY(json["perMillionRecordsUsd"].is_null());
        QVERIFY(QString::fromStdString(report.toText()).contains("Total per month"));
    }
};

QTEST_APPLESS_MAIN(TestCostEngine)
#include "TestCostEngine.moc"
