// The price book: the built-in us-east-1 book (complete, sourced, the figures of AWS's own
// examples), the arithmetic of free tiers and volume tiers, users' override files, and the exact
// file, JSON Pointer and message of every kind of bad input. JSON is written with ' for ".
#include "model/pricing/DefaultPriceBook.h"
#include "model/pricing/PriceBook.h"
#include "model/pricing/PriceBookError.h"
#include "model/pricing/PriceFormat.h"

#include "tests/common/QuotedJson.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>
#include <optional>
#include <stdexcept>

using namespace flowcast::model;

namespace {

const QString kLambdaPage = "https://aws.amazon.com/lambda/pricing/";

struct ErrorSeen {
    QString file;
    QString pointer;
    QString message;
};

std::optional<ErrorSeen> errorOf(const std::function<void()>& run) {
    try {
        run();
    } catch (const PriceBookError& e) {
        return ErrorSeen{QString::fromStdString(e.file()), QString::fromStdString(e.pointer()),
                         QString::fromStdString(e.message())};
    }
    return std::nullopt;
}

// A complete one-item book whose item "x" is `item` (quoted JSON).
Json bookWithItem(const QString& item) {
    return quotedJson("{'region': 'us-east-1', 'currency': 'USD', 'asOf': '2026-11-21', "
                      "'prices': {'x': " +
                      item + "}}");
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text) {
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size()) return {};
    return path;
}

QString formula(const PriceQuote& q) {
    return QString::fromStdString(q.formula);
}
qint64 cents(const PriceQuote& q) {
    return q.cents();
}

} // namespace

class TestPriceBook : public QObject {
    Q_OBJECT

private slots:
    void builtInBookLoads() {
        const PriceBook book = PriceBook::builtIn();
        QCOMPARE(QString::fromStdString(book.region()), QString("us-east-1"));
        QCOMPARE(QString::fromStdString(book.currency()), QString("USD"));
        QCOMPARE(QString::fromStdString(book.asOf()), QString("2026-11-21"));
        QCOMPARE(book.files().size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(book.files()[0]),
                 QString::fromUtf8(kDefaultPriceBookName.data(), kDefaultPriceBookName.size()));
        QCOMPARE(book.items().size(), std::size_t(45));
    }

    void embeddedTextIsTheRepositoryFile() {
        // The library carries the JSON file byte for byte: there is no second copy to keep.
        QFile file(QString(FLOWCAST_SOURCE_DIR) + "/model/pricing/aws-us-east-1.prices.json");
        QVERIFY(file.open(QIODevice::ReadOnly));
        const std::string_view text = defaultPriceBookText();
        QCOMPARE(QByteArray(text.data(), static_cast<qsizetype>(text.size())), file.readAll());
    }

    void everyItemHasSourceUnitAndService() {
        QSet<QString> ids;
        const PriceBook book = PriceBook::builtIn();
        for (const PriceItem& item : book.items()) {
            const QString id = QString::fromStdString(item.id);
            QVERIFY2(!ids.contains(id), qPrintable("duplicate id " + id));
            ids.insert(id);
            QVERIFY2(QString::fromStdString(item.source).startsWith("https://aws.amazon.com/"),
                     qPrintable(id + ": " + QString::fromStdString(item.source)));
            QVERIFY2(!item.unit.empty(), qPrintable(id));
            QVERIFY2(!item.service.empty(), qPrintable(id));
            QVERIFY2(!item.tiers.empty(), qPrintable(id));
            QVERIFY2(!item.weak || !item.note.empty(), qPrintable(id + ": weak without a note"));
            QCOMPARE(QString::fromStdString(item.origin),
                     QString::fromUtf8(kDefaultPriceBookName.data(), kDefaultPriceBookName.size()));
        }
    }

    void issueFourItemsArePresent_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<double>("price"); // the first tier's, per "per" units
        QTest::addColumn<int>("vcpu");     // 0: not an instance
        const struct {
            const char* id;
            const char* unit;
            double price;
            int vcpu;
        } rows[] = {
            {"stepfunctions.standard.transitions", "state transition", 0.025, 0},
            {"stepfunctions.express.requests", "request", 1.0, 0},
            {"stepfunctions.express.duration", "GB-hour", 0.06, 0},
            {"lambda.requests", "request", 0.2, 0},
            {"lambda.duration.x86", "GB-s", 0.0000166667, 0},
            {"lambda.duration.arm64", "GB-s", 0.0000133334, 0},
            {"lambda.ephemeralStorage", "GB-s", 0.0000000309, 0},
            {"glue.etl.dpuHours", "DPU-hour", 0.44, 0},
            {"glue.etl.flex.dpuHours", "DPU-hour", 0.29, 0},
            {"glue.crawler.dpuHours", "DPU-hour", 0.44, 0},
            {"ec2.m5.large", "instance-hour", 0.096, 2},
            {"ec2.m5.xlarge", "instance-hour", 0.192, 4},
            {"ec2.m5.2xlarge", "instance-hour", 0.384, 8},
            {"ec2.m5.4xlarge", "instance-hour", 0.768, 16},
            {"ec2.r5.xlarge", "instance-hour", 0.252, 4},
            {"ec2.r5.2xlarge", "instance-hour", 0.504, 8},
            {"ec2.r5.4xlarge", "instance-hour", 1.008, 16},
            {"emr.m5.xlarge", "instance-hour", 0.048, 4},
            {"emr.m5.2xlarge", "instance-hour", 0.096, 8},
            {"emr.m5.4xlarge", "instance-hour", 0.192, 16},
            {"emr.r5.xlarge", "instance-hour", 0.063, 4},
            {"emr.r5.2xlarge", "instance-hour", 0.126, 8},
            {"emr.r5.4xlarge", "instance-hour", 0.252, 16},
            {"emrserverless.vcpuHours", "vCPU-hour", 0.052624, 0},
            {"emrserverless.memoryGbHours", "GB-hour", 0.0057785, 0},
            {"emrserverless.storageGbHours", "GB-hour", 0.000111, 0},
            {"athena.sql.scanned", "TB", 5.0, 0},
            {"s3.standard.storage", "GB-month", 0.023, 0},
            {"s3.standard.putRequests", "request", 0.005, 0},
            {"s3.standard.getRequests", "request", 0.0004, 0},
            {"dynamodb.ondemand.writes", "write request unit", 0.625, 0},
            {"dynamodb.ondemand.reads", "read request unit", 0.125, 0},
            {"dynamodb.storage", "GB-month", 0.25, 0},
            {"sns.publishes", "request", 0.5, 0},
            {"sqs.standard.requests", "request", 0.4, 0},
            {"sqs.fifo.requests", "request", 0.5, 0},
            {"kinesis.provisioned.shardHours", "shard-hour", 0.015, 0},
            {"kinesis.provisioned.putUnits", "PUT payload unit", 0.014, 0},
            {"kinesis.ondemand.streamHours", "stream-hour", 0.04, 0},
            {"kinesis.ondemand.dataIn", "GB", 0.08, 0},
            {"kinesis.ondemand.dataOut", "GB", 0.04, 0},
            {"sagemaker.ml.m5.xlarge", "instance-hour", 0.23, 4},
        };
        for (const auto& r : rows)
            QTest::newRow(r.id) << QString(r.id) << QString(r.unit) << r.price << r.vcpu;
    }
    void issueFourItemsArePresent() {
        QFETCH(QString, id);
        QFETCH(QString, unit);
        QFETCH(double, price);
        QFETCH(int, vcpu);
        const PriceBook book = PriceBook::builtIn();
        const PriceItem* item = book.find(id.toStdString());
        QVERIFY(item);
        QCOMPARE(QString::fromStdString(item->unit), unit);
        QCOMPARE(item->basePrice(), price);
        QCOMPARE(item->instance ? item->instance->vcpu : 0, vcpu);
    }

    void billingRulesAreTyped() {
        const PriceBook book = PriceBook::builtIn();
        // Lambda: 1 ms steps, INIT billed, three tiers, a free tier shared by both architectures.
        const PriceItem& x86 = book.at("lambda.duration.x86");
        QCOMPARE(x86.rules.step(Measure::DurationMs).value_or(-1), 1.0);
        QCOMPARE(x86.rules.billed(Measure::DurationMs, 1.2), 2.0);
        QCOMPARE(x86.rules.billed(Measure::DurationMs, 3.0), 3.0);
        QVERIFY(x86.initBilled);
        QCOMPARE(x86.tiers.size(), std::size_t(3));
        QCOMPARE(x86.tiers[1].from, 6e9);
        QCOMPARE(x86.tiers[1].upTo.value_or(-1), 15e9);
        QCOMPARE(x86.freeQuantity, 400000.0);
        QCOMPARE(QString::fromStdString(x86.freePool),
                 QString::fromStdString(book.at("lambda.duration.arm64").freePool));
        QCOMPARE(book.at("lambda.requests").freeQuantity, 1e6);
        QCOMPARE(book.at("lambda.requests").per, 1e6);
        QCOMPARE(book.at("stepfunctions.standard.transitions").freeQuantity, 4000.0);
        QCOMPARE(book.at("sns.publishes").freeQuantity, 1e6);
        QCOMPARE(book.at("sqs.standard.requests").freeQuantity, 1e6);
        // Express: 100 ms and 64 MB steps.
        const RequestRules& express = book.at("stepfunctions.express.duration").rules;
        QCOMPARE(express.billed(Measure::DurationMs, 101), 200.0);
        QCOMPARE(express.billed(Measure::DurationMs, 300.0000000001), 300.0);
        QCOMPARE(express.billed(Measure::MemoryMb, 50.05), 64.0);
        QCOMPARE(express.billed(Measure::MemoryMb, 65), 128.0);
        // Glue and EMR: per second with a 1-minute minimum; crawlers 10 minutes.
        const RequestRules& glue = book.at("glue.etl.dpuHours").rules;
        QCOMPARE(glue.billed(Measure::DurationMs, 30500), 60000.0);
        QCOMPARE(glue.billed(Measure::DurationMs, 61200.4), 62000.0);
        QCOMPARE(book.at("emr.r5.xlarge").rules.billed(Measure::DurationMs, 5000), 60000.0);
        QCOMPARE(book.at("glue.crawler.dpuHours").rules.minimum(Measure::DurationMs).value_or(-1),
                 600000.0);
        // Athena: rounded up to the MB, 10 MB minimum per query.
        const RequestRules& athena = book.at("athena.sql.scanned").rules;
        QCOMPARE(athena.billed(Measure::DataMb, 0.3), 10.0);
        QCOMPARE(athena.billed(Measure::DataMb, 10.2), 11.0);
        QVERIFY(!athena.step(Measure::DurationMs));
        QCOMPARE(athena.billed(Measure::DurationMs, 1234.5), 1234.5);
        // Instances carry their size.
        QCOMPARE(book.at("ec2.r5.4xlarge").instance->memoryGiB, 128.0);
    }

    void awsLambdaExample() {
        // AWS's Lambda pricing example 1: 512 MB, 3 million invocations of 1 s in a month, with
        // the free tier. AWS writes "1,100,000 * $0.00001667 = $18.34" and "$18.34 + $0.40 =
        // $18.74": its example rounds the price table's $0.0000166667 to $0.00001667.
        const PriceBook book = PriceBook::builtIn();
        const PriceQuote requests = book.quote("lambda.requests", 3e6);
        QCOMPARE(formula(requests), QString("3,000,000 requests − 1,000,000 requests free = "
                                            "2,000,000 requests × $0.20 per 1,000,000 = $0.40"));
        QCOMPARE(cents(requests), qint64(40));
        QCOMPARE(requests.billedQuantity, 2e6);

        const double gbSeconds = 3e6 * 1.0 * (512.0 / 1024.0);
        const PriceQuote compute =
            book.quote("lambda.duration.x86", gbSeconds, {"3,000,000 × 1 s × 0.5 GB", {}});
        QCOMPARE(formula(compute), QString("3,000,000 × 1 s × 0.5 GB − 400,000 GB-s free = "
                                           "1,100,000 GB-s × $0.0000166667 = $18.33"));
        QCOMPARE(cents(compute), qint64(1833));
        QCOMPARE(cents(requests) + cents(compute), qint64(1873)); // at the price table's figure

        // The example as AWS states it, with the price it states: $18.34 + $0.40 = $18.74.
        const PriceBook asStated = book.withOverrides(
            quotedJson("{'prices': {'lambda.duration.x86': {'price': 0.00001667, 'source': '" +
                       kLambdaPage + " (example 1)'}}}"),
            "aws-example.json");
        const PriceQuote stated = asStated.quote("lambda.duration.x86", gbSeconds);
        QCOMPARE(formula(stated), QString("1,500,000 GB-s − 400,000 GB-s free = 1,100,000 GB-s × "
                                          "$0.00001667 = $18.34"));
        QCOMPARE(cents(stated), qint64(1834));
        QCOMPARE(cents(asStated.quote("lambda.requests", 3e6)) + cents(stated), qint64(1874));
    }

    void tiers_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<double>("quantity");
        QTest::addColumn<double>("freeAvailable"); // < 0: the item's own free tier
        QTest::addColumn<qint64>("cents");
        QTest::addColumn<QString>("formula");
        QTest::newRow("x86 up to the first boundary")
            << "lambda.duration.x86" << 6e9 << 0.0 << qint64(10000020)
            << "6,000,000,000 GB-s × $0.0000166667 = $100,000.20";
        QTest::newRow("x86 across one boundary")
            << "lambda.duration.x86" << 7e9 << 0.0 << qint64(11500020)
            << "7,000,000,000 GB-s = 6,000,000,000 GB-s × $0.0000166667 + 1,000,000,000 GB-s × "
               "$0.000015 = $115,000.20";
        QTest::newRow("x86 across both, free tier first")
            << "lambda.duration.x86" << 20e9 << -1.0 << qint64(30166187)
            << "20,000,000,000 GB-s − 400,000 GB-s free = 19,999,600,000 GB-s = 6,000,000,000 "
               "GB-s × $0.0000166667 + 9,000,000,000 GB-s × $0.000015 + 4,999,600,000 GB-s × "
               "$0.0000133334 = $301,661.87";
        QTest::newRow("shared free tier partly used")
            << "lambda.duration.arm64" << 250000.0 << 100000.0 << qint64(200)
            << "250,000 GB-s − 100,000 GB-s free = 150,000 GB-s × $0.0000133334 = $2.00";
        QTest::newRow("free tier covers all")
            << "lambda.duration.x86" << 300000.0 << -1.0 << qint64(0)
            << "300,000 GB-s − 300,000 GB-s free = 0 GB-s × $0.0000166667 = $0.00";
        // AWS's Step Functions pricing example 4: 100 million Express workflows x 10 s x 64 MB =
        // 17,361.11 GB-hours -> $60.00 + $120.00 + $202.97 = $382.97.
        QTest::newRow("Express example 4")
            << "stepfunctions.express.duration" << 1e9 * 64 / 1024 / 3600 << -1.0 << qint64(38297)
            << "17,361.1111 GB-hours = 1,000 GB-hours × $0.06 + 4,000 GB-hours × $0.03 + "
               "12,361.1111 GB-hours × $0.01642 = $382.97";
        QTest::newRow("S3 across 50 TB")
            << "s3.standard.storage" << 60000.0 << -1.0 << qint64(137120)
            << "60,000 GB-months = 51,200 GB-months × $0.023 + 8,800 GB-months × $0.022 = "
               "$1,371.20";
        QTest::newRow("Standard transitions")
            << "stepfunctions.standard.transitions" << 1004000.0 << -1.0 << qint64(2500)
            << "1,004,000 state transitions − 4,000 state transitions free = 1,000,000 state "
               "transitions × $0.025 per 1,000 = $25.00";
    }
    void tiers() {
        QFETCH(QString, id);
        QFETCH(double, quantity);
        QFETCH(double, freeAvailable);
        QFETCH(qint64, cents);
        QFETCH(QString, formula);
        QuoteOptions options;
        if (freeAvailable >= 0) options.freeAvailable = freeAvailable;
        const PriceQuote q = PriceBook::builtIn().quote(id.toStdString(), quantity, options);
        QCOMPARE(::formula(q), formula);
        QCOMPARE(::cents(q), cents);
        QCOMPARE(q.quantity, quantity);
        QCOMPARE(q.freeQuantity + q.billedQuantity, quantity);
    }

    void overrideChangesOnePriceAndLeavesTheRest() {
        QTemporaryDir dir;
        const QString path =
            writeFile(dir, "ours.prices.json",
                      "{\"asOf\": \"2026-12-01\", \"prices\": {\"lambda.requests\": "
                      "{\"price\": 0.18, \"source\": \"our enterprise agreement, 2026\"}}}");
        QVERIFY(!path.isEmpty());
        const PriceBook base = PriceBook::builtIn();
        const PriceBook ours = PriceBook::load(path.toStdString());
        QCOMPARE(ours.files().size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(ours.files()[1]), path);
        QCOMPARE(QString::fromStdString(ours.asOf()), QString("2026-12-01"));
        QCOMPARE(QString::fromStdString(ours.region()), QString("us-east-1"));

        const PriceItem& changed = ours.at("lambda.requests");
        QCOMPARE(changed.basePrice(), 0.18);
        QCOMPARE(QString::fromStdString(changed.source), QString("our enterprise agreement, 2026"));
        QCOMPARE(QString::fromStdString(changed.origin), path);
        QCOMPARE(changed.freeQuantity, 1e6); // the fields not given stay
        QCOMPARE(changed.per, 1e6);
        QCOMPARE(QString::fromStdString(changed.unit), QString("request"));
        QCOMPARE(cents(ours.quote("lambda.requests", 3e6)), qint64(36));

        QCOMPARE(ours.items().size(), base.items().size());
        int same = 0;
        for (std::size_t i = 0; i < base.items().size(); ++i) {
            const PriceItem& a = base.items()[i];
            const PriceItem& b = ours.items()[i];
            QCOMPARE(QString::fromStdString(b.id), QString::fromStdString(a.id));
            if (a.id == "lambda.requests") continue;
            QCOMPARE(b.basePrice(), a.basePrice());
            QCOMPARE(QString::fromStdString(b.origin), QString::fromStdString(a.origin));
            ++same;
        }
        QCOMPARE(same, 44);
        QCOMPARE(base.at("lambda.requests").basePrice(), 0.2); // the base book is unchanged
    }

    void overrideAddsItemsAndRegion() {
        const PriceBook book = PriceBook::builtIn().withOverrides(
            quotedJson("{'region': 'eu-west-1', 'prices': {"
                       "'lambda.duration.x86': {'confidence': 'weak', 'note': 'checking'},"
                       "'stepfunctions.express.duration': {'roundUp': {'durationMs': 1000}},"
                       "'ec2.c5.xlarge': {'service': 'Amazon EC2', 'unit': 'instance-hour', "
                       "'price': 0.17, 'instance': {'vcpu': 4, 'memoryGiB': 8}, "
                       "'source': 'https://aws.amazon.com/ec2/pricing/on-demand/'}}}"),
            "eu.json");
        QCOMPARE(QString::fromStdString(book.region()), QString("eu-west-1"));
        QCOMPARE(book.items().size(), std::size_t(46));
        QCOMPARE(QString::fromStdString(book.items().back().id), QString("ec2.c5.xlarge"));
        QCOMPARE(book.at("ec2.c5.xlarge").instance->vcpu, 4);
        // A change of rules only, not of the price: the price keeps its source and origin.
        const PriceItem& x86 = book.at("lambda.duration.x86");
        QVERIFY(x86.weak);
        QCOMPARE(QString::fromStdString(x86.source), kLambdaPage);
        QCOMPARE(QString::fromStdString(x86.origin),
                 QString::fromUtf8(kDefaultPriceBookName.data(), kDefaultPriceBookName.size()));
        QCOMPARE(x86.tiers.size(), std::size_t(3));
        // "roundUp" given replaces the base's whole: the 64 MB memory step is gone.
        const RequestRules& express = book.at("stepfunctions.express.duration").rules;
        QCOMPARE(express.billed(Measure::DurationMs, 1001), 2000.0);
        QVERIFY(!express.step(Measure::MemoryMb));
    }

    void toJsonReadsBack() {
        const PriceBook book = PriceBook::builtIn();
        const Json written = book.toJson();
        const PriceBook again = PriceBook::fromJson(written, "again.json");
        QCOMPARE(QString::fromStdString(again.toJson().dump()),
                 QString::fromStdString(written.dump()));
        QCOMPARE(again.items().size(), book.items().size());
        QCOMPARE(written["prices"]["lambda.duration.x86"]["tiers"].size(), std::size_t(3));
        QCOMPARE(written["prices"]["athena.sql.scanned"]["minimum"]["dataMb"].get<double>(), 10.0);
    }

    void badDocument_data() {
        QTest::addColumn<QString>("document");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("message");
        const QString ok = "'currency': 'USD', 'asOf': '2026-11-21', 'prices': {}";
        QTest::newRow("not an object") << "[1]"
                                       << ""
                                       << "a price book must be a JSON object";
        QTest::newRow("unknown field") << "{'region': 'r', " + ok + ", 'regions': []}"
                                       << "/regions"
                                       << "unknown field \"regions\"";
        QTest::newRow("missing region") << "{" + ok + "}"
                                        << ""
                                        << "missing \"region\"";
        QTest::newRow("missing prices")
            << "{'region': 'r', 'currency': 'USD', 'asOf': '2026-11-21'}"
            << ""
            << "missing \"prices\"";
        QTest::newRow("region wrong type")
            << "{'region': 1, " + ok + "}"
            << "/region"
            << "\"region\" must be a non-empty string such as \"us-east-1\"";
        QTest::newRow("currency lower case")
            << "{'region': 'r', 'currency': 'usd', 'asOf': '2026-11-21', 'prices': {}}"
            << "/currency"
            << "\"currency\" must be a three-letter code such as \"USD\"";
        QTest::newRow("asOf not ISO")
            << "{'region': 'r', 'currency': 'USD', 'asOf': '21/11/2026', 'prices': {}}"
            << "/asOf"
            << "\"asOf\" must be a date such as \"2026-11-21\"";
        QTest::newRow("asOf month 13")
            << "{'region': 'r', 'currency': 'USD', 'asOf': '2026-13-01', 'prices': {}}"
            << "/asOf"
            << "\"asOf\" must be a date such as \"2026-11-21\"";
        QTest::newRow("prices an array")
            << "{'region': 'r', 'currency': 'USD', 'asOf': '2026-11-21', 'prices': []}"
            << "/prices"
            << "\"prices\" must be an object";
        QTest::newRow("item not an object")
            << "{'region': 'r', 'currency': 'USD', 'asOf': '2026-11-21', 'prices': {'a.b': 3}}"
            << "/prices/a.b"
            << "price \"a.b\" must be an object (got a number)";
        QTest::newRow("id with a space")
            << "{'region': 'r', 'currency': 'USD', 'asOf': '2026-11-21', 'prices': {'a b': {}}}"
            << "/prices/a b"
            << "price id \"a b\" may hold only letters, digits, \".\", \"-\" and \"_\"";
        QTest::newRow("id with a slash")
            << "{'region': 'r', 'currency': 'USD', 'asOf': '2026-11-21', 'prices': {'a/b': {}}}"
            << "/prices/a~1b"
            << "price id \"a/b\" may hold only letters, digits, \".\", \"-\" and \"_\"";
    }
    void badDocument() {
        QFETCH(QString, document);
        QFETCH(QString, pointer);
        QFETCH(QString, message);
        const auto e = errorOf([&] { PriceBook::fromJson(quotedJson(document), "book.json"); });
        QVERIFY(e);
        QCOMPARE(e->file, QString("book.json"));
        QCOMPARE(e->pointer, pointer);
        QCOMPARE(e->message, message);
    }

    void badItem_data() {
        QTest::addColumn<QString>("item");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("message");
        const QString head = "'service': 'S', 'unit': 'request', 'source': 'https://x', ";
        QTest::newRow("unknown field") << "{" + head + "'price': 1, 'cost': 2}"
                                       << "/prices/x/cost"
                                       << "unknown field \"cost\"";
        QTest::newRow("negative price") << "{" + head + "'price': -0.2}"
                                        << "/prices/x/price"
                                        << "\"price\" must be a number >= 0 (got -0.2)";
        QTest::newRow("absurd price") << "{" + head + "'price': 1e16}"
                                      << "/prices/x/price"
                                      << "\"price\" is out of range (got 1e+16, at most 1000000)";
        QTest::newRow("price as text") << "{" + head + "'price': '0.2'}"
                                       << "/prices/x/price"
                                       << "\"price\" must be a number >= 0 (got \"0.2\")";
        QTest::newRow("missing source") << "{'service': 'S', 'unit': 'request', 'price': 1}"
                                        << "/prices/x"
                                        << "missing \"source\"";
        QTest::newRow("empty source") << "{" + head + "'price': 1, 'source': ''}"
                                      << "/prices/x/source"
                                      << "\"source\" must be a non-empty string";
        QTest::newRow("missing unit") << "{'service': 'S', 'source': 'https://x', 'price': 1}"
                                      << "/prices/x"
                                      << "missing \"unit\"";
        QTest::newRow("missing service") << "{'unit': 'request', 'source': 'https://x', 'price': 1}"
                                         << "/prices/x"
                                         << "missing \"service\"";
        QTest::newRow("missing price") << "{" + head.chopped(2) + "}"
                                       << "/prices/x"
                                       << "missing \"price\" or \"tiers\"";
        QTest::newRow("price and tiers")
            << "{" + head + "'price': 1, 'tiers': [{'from': 0, 'price': 1}]}"
            << "/prices/x"
            << "give \"price\" or \"tiers\", not both";
        QTest::newRow("per zero") << "{" + head + "'price': 1, 'per': 0}"
                                  << "/prices/x/per"
                                  << "\"per\" must be a number > 0 (got 0)";
        QTest::newRow("tiers empty") << "{" + head + "'tiers': []}"
                                     << "/prices/x/tiers"
                                     << "\"tiers\" must be a non-empty array";
        QTest::newRow("tier not an object") << "{" + head + "'tiers': [5]}"
                                            << "/prices/x/tiers/0"
                                            << "a tier must be an object (got a number)";
        QTest::newRow("tier unknown field")
            << "{" + head + "'tiers': [{'from': 0, 'to': 5, 'price': 1}]}"
            << "/prices/x/tiers/0/to"
            << "unknown field \"to\"";
        QTest::newRow("tier without price") << "{" + head + "'tiers': [{'from': 0}]}"
                                            << "/prices/x/tiers/0"
                                            << "missing \"price\"";
        QTest::newRow("first tier not at 0") << "{" + head + "'tiers': [{'from': 10, 'price': 1}]}"
                                             << "/prices/x/tiers/0/from"
                                             << "the first tier must start at 0";
        QTest::newRow("tiers overlap")
            << "{" + head +
                   "'tiers': [{'from': 0, 'upTo': 10, 'price': 1}, "
                   "{'from': 5, 'price': 0.5}]}"
            << "/prices/x/tiers/1/from"
            << "tiers overlap: this one starts at 5, before the previous one ends at 10";
        QTest::newRow("tiers overlap, large")
            << "{" + head +
                   "'tiers': [{'from': 0, 'upTo': 6000000000, 'price': 1}, "
                   "{'from': 5000000000, 'price': 0.5}]}"
            << "/prices/x/tiers/1/from"
            << "tiers overlap: this one starts at 5,000,000,000, before the previous one ends at "
               "6,000,000,000";
        QTest::newRow("tiers leave a gap")
            << "{" + head +
                   "'tiers': [{'from': 0, 'upTo': 10, 'price': 1}, "
                   "{'from': 20, 'price': 0.5}]}"
            << "/prices/x/tiers/1/from"
            << "tiers leave a gap: this one starts at 20, after the previous one ends at 10";
        QTest::newRow("tiers unsorted")
            << "{" + head +
                   "'tiers': [{'from': 0, 'upTo': 100, 'price': 1}, "
                   "{'from': 100, 'upTo': 50, 'price': 0.5}, {'from': 50, 'price': 0.4}]}"
            << "/prices/x/tiers/1/upTo"
            << "\"upTo\" must be a number above \"from\" (got 50)";
        QTest::newRow("open tier before the last")
            << "{" + head + "'tiers': [{'from': 0, 'price': 1}, {'from': 10, 'price': 0.5}]}"
            << "/prices/x/tiers/0"
            << "only the last tier may leave out \"upTo\"";
        QTest::newRow("last tier bounded")
            << "{" + head +
                   "'tiers': [{'from': 0, 'upTo': 10, 'price': 1}, "
                   "{'from': 10, 'upTo': 20, 'price': 0.5}]}"
            << "/prices/x/tiers/1/upTo"
            << "the last tier must leave out \"upTo\", so that every quantity has a price";
        QTest::newRow("tier price negative") << "{" + head + "'tiers': [{'from': 0, 'price': -1}]}"
                                             << "/prices/x/tiers/0/price"
                                             << "\"price\" must be a number >= 0 (got -1)";
        QTest::newRow("free tier negative")
            << "{" + head + "'price': 1, 'freeTier': {'quantity': -5}}"
            << "/prices/x/freeTier/quantity"
            << "\"quantity\" must be a number >= 0 (got -5)";
        QTest::newRow("free tier a number")
            << "{" + head + "'price': 1, 'freeTier': 1000}"
            << "/prices/x/freeTier"
            << "\"freeTier\" must be an object such as {\"quantity\": 1000000}";
        QTest::newRow("free tier without quantity")
            << "{" + head + "'price': 1, 'freeTier': {'pool': 'p'}}"
            << "/prices/x/freeTier"
            << "missing \"quantity\"";
        QTest::newRow("unknown measure")
            << "{" + head + "'price': 1, 'roundUp': {'durationSec': 1}}"
            << "/prices/x/roundUp/durationSec"
            << "unknown measure \"durationSec\" (use durationMs, memoryMb, dataKb or dataMb)";
        QTest::newRow("minimum zero") << "{" + head + "'price': 1, 'minimum': {'durationMs': 0}}"
                                      << "/prices/x/minimum/durationMs"
                                      << "\"durationMs\" must be a number > 0 (got 0)";
        QTest::newRow("instance vcpu zero")
            << "{" + head + "'price': 1, 'instance': {'vcpu': 0, 'memoryGiB': 8}}"
            << "/prices/x/instance/vcpu"
            << "\"vcpu\" must be an integer >= 1 (got 0)";
        QTest::newRow("instance without memory")
            << "{" + head + "'price': 1, 'instance': {'vcpu': 2}}"
            << "/prices/x/instance"
            << "missing \"memoryGiB\"";
        QTest::newRow("confidence low") << "{" + head + "'price': 1, 'confidence': 'low'}"
                                        << "/prices/x/confidence"
                                        << "\"confidence\" must be \"high\" or \"weak\"";
        QTest::newRow("initBilled text") << "{" + head + "'price': 1, 'initBilled': 'yes'}"
                                         << "/prices/x/initBilled"
                                         << "\"initBilled\" must be true or false";
    }
    void badItem() {
        QFETCH(QString, item);
        QFETCH(QString, pointer);
        QFETCH(QString, message);
        const auto e = errorOf([&] { PriceBook::fromJson(bookWithItem(item), "book.json"); });
        QVERIFY(e);
        QCOMPARE(e->pointer, pointer);
        QCOMPARE(e->message, message);
    }

    void badOverride_data() {
        QTest::addColumn<QString>("document");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("message");
        QTest::newRow("changed price without source")
            << "{'prices': {'lambda.requests': {'price': 0.1}}}"
            << "/prices/lambda.requests"
            << "a changed price needs its own \"source\"";
        QTest::newRow("changed per without source")
            << "{'prices': {'lambda.requests': {'per': 1000}}}"
            << "/prices/lambda.requests"
            << "a changed price needs its own \"source\"";
        QTest::newRow("changed tiers without source")
            << "{'prices': {'lambda.duration.x86': {'tiers': [{'from': 0, 'price': 0.00001}]}}}"
            << "/prices/lambda.duration.x86"
            << "a changed price needs its own \"source\"";
        QTest::newRow("other currency")
            << "{'currency': 'EUR'}"
            << "/currency"
            << "\"currency\" is \"EUR\" but the book it changes is in \"USD\"";
        QTest::newRow("new item incomplete")
            << "{'prices': {'new.item': {'unit': 'request', 'price': 1, 'source': 'https://x'}}}"
            << "/prices/new.item"
            << "missing \"service\"";
        QTest::newRow("wrong type over a good item")
            << "{'prices': {'lambda.requests': {'per': 'x', 'source': 'https://x'}}}"
            << "/prices/lambda.requests/per"
            << "\"per\" must be a number > 0 (got \"x\")";
        QTest::newRow("unknown field") << "{'price': {}}"
                                       << "/price"
                                       << "unknown field \"price\"";
    }
    void badOverride() {
        QFETCH(QString, document);
        QFETCH(QString, pointer);
        QFETCH(QString, message);
        const auto e =
            errorOf([&] { PriceBook::builtIn().withOverrides(quotedJson(document), "user.json"); });
        QVERIFY(e);
        QCOMPARE(e->file, QString("user.json"));
        QCOMPARE(e->pointer, pointer);
        QCOMPARE(e->message, message);
    }

    void badFile_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("message");
        QTest::newRow("malformed JSON")
            << QByteArray("{\"prices\": {\n  \"a\": {\"price\": 1,}\n}}") << ""
            << "line 2, column 20: a ',' is followed by '}': remove the trailing comma";
        QTest::newRow("duplicate id")
            << QByteArray("{\"prices\": {\"lambda.requests\": {}, \"lambda.requests\": {}}}")
            << "/prices/lambda.requests"
            << "key \"lambda.requests\" appears more than once in this object";
        QTest::newRow("empty file") << QByteArray() << ""
                                    << "line 1, column 1: the text ends early: a value is missing";
    }
    void badFile() {
        QFETCH(QByteArray, text);
        QFETCH(QString, pointer);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = writeFile(dir, "user.prices.json", text);
        QVERIFY(!path.isEmpty());
        const auto e = errorOf([&] { PriceBook::load(path.toStdString()); });
        QVERIFY(e);
        QCOMPARE(e->file, path);
        QCOMPARE(e->pointer, pointer);
        QCOMPARE(e->message, message);
    }

    void errorTextNamesFileAndPointer() {
        try {
            PriceBook::fromJson(bookWithItem("{'service': 'S', 'unit': 'u', 'source': 's', "
                                             "'price': -1}"),
                                "my.prices.json");
            QFAIL("no error");
        } catch (const PriceBookError& e) {
            QCOMPARE(QString(e.what()),
                     QString("my.prices.json:/prices/x/price: error: \"price\" must be a number "
                             ">= 0 (got -1)"));
        }
        const auto missing = errorOf([] { PriceBook::readFile("/nonexistent/a.prices.json"); });
        QVERIFY(missing);
        QCOMPARE(missing->file, QString("/nonexistent/a.prices.json"));
        QCOMPARE(missing->message, QString("no such file"));
    }

    void unknownIdAndNegativeQuantity() {
        const PriceBook book = PriceBook::builtIn();
        QVERIFY(!book.find("lambda.duration.riscv"));
        const auto e = errorOf([&] { book.at("lambda.duration.riscv"); });
        QVERIFY(e);
        QCOMPARE(e->pointer, QString("/prices/lambda.duration.riscv"));
        QCOMPARE(e->message, QString("the price book has no price \"lambda.duration.riscv\""));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, book.quote("lambda.requests", -1));
    }

    void formatting_data() {
        QTest::addColumn<QString>("actual");
        QTest::addColumn<QString>("expected");
        auto s = [](const std::string& text) { return QString::fromStdString(text); };
        QTest::newRow("quantity") << s(formatQuantity(3e6)) << "3,000,000";
        QTest::newRow("quantity < 1000") << s(formatQuantity(999)) << "999";
        QTest::newRow("quantity decimals") << s(formatQuantity(1234.56789)) << "1,234.5679";
        QTest::newRow("quantity zero") << s(formatQuantity(0)) << "0";
        QTest::newRow("unit price cents") << s(formatUnitPrice(0.2)) << "$0.20";
        QTest::newRow("unit price tiny") << s(formatUnitPrice(0.0000000309)) << "$0.0000000309";
        QTest::newRow("unit price whole") << s(formatUnitPrice(5)) << "$5.00";
        QTest::newRow("usd half up") << s(formatUsd(0.125)) << "$0.13";
        QTest::newRow("usd thousands") << s(formatUsd(1234567.891)) << "$1,234,567.89";
        QTest::newRow("usd negative") << s(formatUsd(-2.5)) << "-$2.50";
        // Beyond whole cents in 64 bits: printed from the double, never an overflow.
        QTest::newRow("usd huge") << s(formatUsd(1e17)) << "$100,000,000,000,000,000.00";
        QTest::newRow("plural") << s(unitLabel("request", 2)) << "requests";
        QTest::newRow("singular") << s(unitLabel("request", 1)) << "request";
        QTest::newRow("abbreviation") << s(unitLabel("GB-s", 2)) << "GB-s";
        QTest::newRow("upper case") << s(unitLabel("TB", 2)) << "TB";
    }
    void formatting() {
        QFETCH(QString, actual);
        QFETCH(QString, expected);
        QCOMPARE(actual, expected);
    }
};

QTEST_APPLESS_MAIN(TestPriceBook)
#include "TestPriceBook.moc"
