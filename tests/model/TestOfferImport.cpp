// Importing AWS Price List API offer files into a price-book override: every fixture of
// tests/data/offers (hand-written in the documented offer format) maps to the book's items in
// the book's units and tiers, the override prices AWS's Lambda example as the built-in book does,
// a changed offer price changes the cost, the region picks the products, the reader keeps only
// what it needs, and every kind of bad input names the file and the JSON Pointer.
#include "model/pricing/OfferImport.h"
#include "model/pricing/OfferReader.h"
#include "model/pricing/PriceBook.h"
#include "model/pricing/PriceBookError.h"

#include "tests/common/QuotedJson.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>
#include <optional>

using namespace flowcast::model;

namespace {

QString offers() {
    return QString(FLOWCAST_SOURCE_DIR) + "/tests/data/offers/";
}

std::filesystem::path offer(const QString& name) {
    return (offers() + name + ".offer.json").toStdString();
}

const QStringList kFixtures = {"lambda", "stepfunctions", "glue", "athena", "ec2",     "emr",
                               "s3",     "dynamodb",      "sns",  "sqs",    "kinesis", "sagemaker"};

OfferImport importOf(const QStringList& names, const std::string& region = "us-east-1") {
    std::vector<std::filesystem::path> files;
    for (const QString& n : names)
        files.push_back(offer(n));
    return OfferImporter(PriceBook::defaults(), region).run(files);
}

QStringList ids(const std::vector<std::string>& list) {
    QStringList out;
    for (const std::string& s : list)
        out << QString::fromStdString(s);
    return out;
}

QStringList importedIds(const OfferImport& r) {
    QStringList out;
    for (const OfferSummary& o : r.offers)
        for (const ImportedPrice& p : o.imported)
            out << QString::fromStdString(p.id);
    return out;
}

// A copy of a fixture with every `from` replaced by `to`, in `dir`.
std::filesystem::path edited(const QTemporaryDir& dir, const QString& name, const QString& from,
                             const QString& to) {
    QFile in(offers() + name + ".offer.json");
    in.open(QIODevice::ReadOnly);
    QString text = QString::fromUtf8(in.readAll());
    const bool found = text.contains(from);
    if (found) text.replace(from, to);
    const QString path = dir.filePath(name + ".offer.json");
    QFile out(path);
    out.open(QIODevice::WriteOnly);
    out.write(text.toUtf8());
    return path.toStdString();
}

std::filesystem::path written(const QTemporaryDir& dir, const QString& name,
                              const QString& quoted) {
    const QString path = dir.filePath(name);
    QFile out(path);
    out.open(QIODevice::WriteOnly);
    out.write(QString(quoted).replace('\'', '"').toUtf8());
    return path.toStdString();
}

struct ErrorSeen {
    QString pointer;
    QString message;
};

std::optional<ErrorSeen> errorOf(const std::function<void()>& run) {
    try {
        run();
    } catch (const PriceBookError& e) {
        return ErrorSeen{QString::fromStdString(e.pointer()), QString::fromStdString(e.message())};
    }
    return std::nullopt;
}

// The Lambda example of issue 4 (AWS's example 1): 512 MB, 3 million invocations of 1 s in a
// month, with the free tier; returns the bill in cents.
qint64 lambdaExampleCents(const PriceBook& book) {
    const double gbSeconds = 3e6 * 1.0 * (512.0 / 1024.0);
    return book.quote("lambda.requests", 3e6).cents() +
           book.quote("lambda.duration.x86", gbSeconds).cents();
}

PriceBook overridden(const OfferImport& r) {
    return PriceBook::builtIn().withOverrides(r.priceBook, "imported.prices.json");
}

// An offer with one Lambda request product (us-east-1) and `dimensions` as its on-demand price.
QString oneProduct(const QString& dimensions,
                   const QString& attributes = "'regionCode': 'us-east-1', 'usagetype': "
                                               "'USE1-Request'") {
    return "{'formatVersion': 'v1.0', 'offerCode': 'AWSLambda', 'version': '1', "
           "'publicationDate': '2026-11-14T00:00:00Z', 'products': {'SKU1': {'sku': 'SKU1', "
           "'productFamily': 'Serverless', 'attributes': {" +
           attributes +
           "}}}, 'terms': {'OnDemand': {'SKU1': {'SKU1.T': {'offerTermCode': 'T', "
           "'effectiveDate': '2026-11-01T00:00:00Z', 'priceDimensions': " +
           dimensions + "}}}}}";
}

} // namespace

class TestOfferImport : public QObject {
    Q_OBJECT

private slots:
    void eachOffer_data() {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QStringList>("imported");
        QTest::addColumn<QStringList>("notInOffer");
        QTest::addColumn<QString>("asOf"); // the prices' effective date
        QTest::newRow("Lambda") << "lambda"
                                << QStringList{"lambda.requests", "lambda.duration.x86",
                                               "lambda.duration.arm64", "lambda.ephemeralStorage"}
                                << QStringList{} << QString("2026-11-01");
        QTest::newRow("Step Functions")
            << "stepfunctions"
            << QStringList{"stepfunctions.standard.transitions", "stepfunctions.express.requests",
                           "stepfunctions.express.duration"}
            << QStringList{} << QString("2026-11-01");
        QTest::newRow("Glue") << "glue"
                              << QStringList{"glue.etl.dpuHours", "glue.etl.flex.dpuHours",
                                             "glue.crawler.dpuHours"}
                              << QStringList{} << QString("2026-10-01");
        QTest::newRow("Athena") << "athena" << QStringList{"athena.sql.scanned"} << QStringList{}
                                << QString("2026-09-01");
        QTest::newRow("EC2") << "ec2"
                             << QStringList{"ec2.m5.large",   "ec2.m5.xlarge", "ec2.m5.2xlarge",
                                            "ec2.m5.4xlarge", "ec2.r5.xlarge", "ec2.r5.2xlarge"}
                             << QStringList{"ec2.r5.4xlarge"} << QString("2026-11-01");
        QTest::newRow("EMR") << "emr"
                             << QStringList{"emr.m5.xlarge", "emr.m5.2xlarge", "emr.m5.4xlarge",
                                            "emr.r5.xlarge", "emr.r5.2xlarge", "emr.r5.4xlarge"}
                             << QStringList{} << QString("2026-11-01");
        QTest::newRow("S3") << "s3"
                            << QStringList{"s3.standard.storage", "s3.standard.putRequests",
                                           "s3.standard.getRequests"}
                            << QStringList{} << QString("2026-11-01");
        QTest::newRow("DynamoDB") << "dynamodb"
                                  << QStringList{"dynamodb.ondemand.writes",
                                                 "dynamodb.ondemand.reads", "dynamodb.storage"}
                                  << QStringList{} << QString("2026-11-01");
        QTest::newRow("SNS") << "sns" << QStringList{"sns.publishes"} << QStringList{}
                             << QString("2026-08-01");
        QTest::newRow("SQS") << "sqs" << QStringList{"sqs.standard.requests", "sqs.fifo.requests"}
                             << QStringList{} << QString("2026-07-01");
        QTest::newRow("Kinesis") << "kinesis"
                                 << QStringList{"kinesis.provisioned.shardHours",
                                                "kinesis.provisioned.putUnits",
                                                "kinesis.ondemand.streamHours",
                                                "kinesis.ondemand.dataIn",
                                                "kinesis.ondemand.dataOut"}
                                 << QStringList{} << QString("2026-06-01");
        QTest::newRow("SageMaker")
            << "sagemaker"
            << QStringList{"sagemaker.ml.m5.large", "sagemaker.ml.m5.xlarge",
                           "sagemaker.ml.m5.2xlarge"}
            << QStringList{"sagemaker.ml.m5.4xlarge"} << QString("2026-11-01");
    }
    void eachOffer() {
        QFETCH(QString, fixture);
        QFETCH(QStringList, imported);
        QFETCH(QStringList, notInOffer);
        QFETCH(QString, asOf);
        const OfferImport r = importOf({fixture});
        QCOMPARE(r.offers.size(), std::size_t(1));
        QCOMPARE(importedIds(r), imported);
        QCOMPARE(ids(r.offers[0].notInOffer), notInOffer);
        // The fixtures carry the built-in book's prices: nothing is "changed", not even where
        // the unit conversion moves the sixth significant digit (Express duration: $0.0000166667
        // a GB-second is $0.06000012 a GB-hour against the book's $0.06).
        for (const ImportedPrice& p : r.offers[0].imported)
            QVERIFY2(!p.changed, p.id.c_str());
        // The override reads back over the built-in book.
        const PriceBook book = overridden(r);
        QCOMPARE(QString::fromStdString(book.asOf()), asOf);
    }

    void allOffersTogether() {
        const OfferImport r = importOf(kFixtures);
        QCOMPARE(r.importedCount(), std::size_t(40));
        QCOMPARE(QString::fromStdString(r.asOf), QString("2026-11-01")); // the latest
        QVERIFY(r.noOffer.empty());
        // EMR Serverless has no mapping: its built-in prices stay.
        QCOMPARE(ids(r.notImportable),
                 (QStringList{"emrserverless.vcpuHours", "emrserverless.memoryGbHours",
                              "emrserverless.storageGbHours"}));
        const PriceBook book = overridden(r);
        const PriceBook builtIn = PriceBook::builtIn();
        QCOMPARE(book.items().size(), builtIn.items().size());
        for (const PriceItem& item : book.items()) {
            const PriceItem& before = builtIn.at(item.id);
            if (item.id == "stepfunctions.express.duration" ||
                item.id.rfind("emrserverless", 0) == 0)
                continue;
            QVERIFY2(item.tiers.size() == before.tiers.size(), item.id.c_str());
            for (std::size_t i = 0; i < item.tiers.size(); ++i) {
                QCOMPARE(item.tiers[i].price, before.tiers[i].price);
                QCOMPARE(item.tiers[i].from, before.tiers[i].from);
                QCOMPARE(item.tiers[i].upTo, before.tiers[i].upTo);
            }
            QCOMPARE(item.freeQuantity, before.freeQuantity);
            QCOMPARE(item.rules.step(Measure::DurationMs), before.rules.step(Measure::DurationMs));
            if (item.origin == "imported.prices.json") QVERIFY(!item.weak); // the offer's figure
        }
    }

    void conversions() {
        const OfferImport r = importOf({"lambda", "stepfunctions", "dynamodb", "sns"});
        const PriceBook book = overridden(r);
        // $0.0000002 per request -> $0.20 per 1,000,000 (the book's "per").
        QCOMPARE(book.at("lambda.requests").basePrice(), 0.2);
        QCOMPARE(book.at("lambda.requests").per, 1e6);
        // Lambda's GB-second tiers map one to one.
        const PriceItem& x86 = book.at("lambda.duration.x86");
        QCOMPARE(x86.tiers.size(), std::size_t(3));
        QCOMPARE(x86.tiers[1].from, 6e9);
        QCOMPARE(x86.tiers[1].upTo.value_or(-1), 15e9);
        QCOMPARE(x86.tiers[2].price, 0.0000133334);
        QVERIFY(!x86.tiers[2].upTo);
        // Express duration: 3,600,000 GB-s = 1,000 GB-hours; $0.0000166667 per GB-s =
        // $0.06000012 per GB-hour.
        const PriceItem& express = book.at("stepfunctions.express.duration");
        QCOMPARE(express.tiers[0].upTo.value_or(-1), 1000.0);
        QCOMPARE(express.tiers[1].upTo.value_or(-1), 5000.0);
        QCOMPARE(express.tiers[0].price, 0.06000012);
        QCOMPARE(express.tiers[1].price, 0.02999988);
        QCOMPARE(express.tiers[2].price, 0.01641996);
        QCOMPARE(express.rules.step(Measure::MemoryMb).value_or(-1), 64.0); // the book's rule
        // A leading $0 range is the free tier: DynamoDB's 25 GB, SNS's first million.
        QCOMPARE(book.at("dynamodb.storage").freeQuantity, 25.0);
        QCOMPARE(book.at("dynamodb.storage").tiers.size(), std::size_t(1));
        QCOMPARE(book.at("dynamodb.storage").basePrice(), 0.25);
        QCOMPARE(book.at("sns.publishes").freeQuantity, 1e6);
        QCOMPARE(book.at("sns.publishes").basePrice(), 0.5);
        // The source names the offer, its version and publication date, and the product.
        const PriceItem& requests = book.at("lambda.requests");
        QVERIFY2(requests.source.find("AWS Price List API, offer AWSLambda version "
                                      "20261114221031 published 2026-11-14T22:10:31Z, SKU ") == 0,
                 requests.source.c_str());
        QCOMPARE(QString::fromStdString(requests.origin), QString("imported.prices.json"));
        QCOMPARE(QString::fromStdString(r.priceBook["asOf"].get<std::string>()),
                 QString("2026-11-01"));
    }

    void lambdaExample() {
        // At the price table's $0.0000166667 the offer prices the example exactly as the built-in
        // book: $0.40 + $18.33.
        QCOMPARE(lambdaExampleCents(PriceBook::builtIn()), qint64(1873));
        QCOMPARE(lambdaExampleCents(overridden(importOf({"lambda"}))), qint64(1873));

        // With the figure of AWS's example ($0.00001667): $18.34 + $0.40 = $18.74.
        QTemporaryDir dir;
        const auto asStated = edited(dir, "lambda", "0.0000166667", "0.0000166700");
        const OfferImport stated =
            OfferImporter(PriceBook::defaults(), "us-east-1").run({asStated});
        QVERIFY(stated.offers[0].imported[1].changed);
        QCOMPARE(lambdaExampleCents(overridden(stated)), qint64(1874));

        // A changed price changes the cost: 1,100,000 GB-s x $0.00002 = $22.00, + $0.40.
        QTemporaryDir dir2;
        const auto dearer = edited(dir2, "lambda", "0.0000166667", "0.0000200000");
        const OfferImport changed = OfferImporter(PriceBook::defaults(), "us-east-1").run({dearer});
        QCOMPARE(lambdaExampleCents(overridden(changed)), qint64(2240));
    }

    void region() {
        // us-west-2 has its own products (same prices here); eu-west-1's carry only "location"
        // and its x86 duration is dearer in the fixture.
        const OfferImport west = importOf({"lambda"}, "us-west-2");
        QCOMPARE(west.offers[0].imported.size(), std::size_t(4));
        QCOMPARE(QString::fromStdString(west.priceBook["region"].get<std::string>()),
                 QString("us-west-2"));
        QVERIFY(west.offers[0].imported[0].sku != importOf({"lambda"}).offers[0].imported[0].sku);
        const OfferImport ireland = importOf({"lambda"}, "eu-west-1");
        QCOMPARE(ireland.offers[0].imported[1].tiers[0].price, 0.000017);
        QVERIFY(ireland.offers[0].imported[1].changed);
        // A region the offer does not have: nothing imported, every item listed as missing.
        const OfferImport mumbai = importOf({"lambda"}, "ap-south-1");
        QCOMPARE(mumbai.importedCount(), std::size_t(0));
        QCOMPARE(mumbai.offers[0].notInOffer.size(), std::size_t(4));
        // Offers not given are listed by offer code.
        const OfferImport lambdaOnly = importOf({"lambda"});
        QCOMPARE(QString::fromStdString(lambdaOnly.noOffer.front().first), QString("AmazonStates"));
    }

    void readerKeepsOnlyWhatItNeeds() {
        // EC2: 13 products, of which the filter keeps the Linux shared ones of us-east-1; the
        // Reserved terms are skipped, only the kept products' on-demand terms are read.
        int asked = 0;
        const OfferFile ec2 =
            OfferReader::read(offer("ec2"), [&](const std::string&, const Json& product) {
                ++asked;
                return product["attributes"].value("operatingSystem", "") == "Linux" &&
                       product["attributes"].value("regionCode", "") == "us-east-1" &&
                       product["attributes"].value("tenancy", "") == "Shared";
            });
        QCOMPARE(ec2.productCount, std::size_t(13));
        QCOMPARE(asked, 13);
        QCOMPARE(ec2.products.size(), std::size_t(8)); // 6 types, SQL Std, unused reservation
        QCOMPARE(ec2.onDemand.size(), ec2.products.size());
        QCOMPARE(QString::fromStdString(ec2.offerCode), QString("AmazonEC2"));
        QCOMPARE(QString::fromStdString(ec2.version), QString("20261113200418"));
    }

    void termsBeforeProducts() {
        // The format does not fix the order of "products" and "terms".
        QTemporaryDir dir;
        const auto file = written(
            dir, "o.json",
            "{'terms': {'OnDemand': {'SKU1': {'SKU1.T': {'effectiveDate': '2026-10-01T00:00:00Z', "
            "'priceDimensions': {'R': {'unit': 'Requests', 'beginRange': '0', 'endRange': 'Inf', "
            "'pricePerUnit': {'USD': '0.0000003'}}}}}, 'SKU2': {}}}, 'formatVersion': 'v1.0', "
            "'offerCode': 'AWSLambda', 'version': '7', 'publicationDate': '2026-10-02T00:00:00Z', "
            "'products': {'SKU1': {'productFamily': 'Serverless', 'attributes': {'regionCode': "
            "'us-east-1', 'usagetype': 'Request'}}}}");
        const OfferImport r = OfferImporter(PriceBook::defaults(), "us-east-1").run({file});
        QCOMPARE(importedIds(r), QStringList{"lambda.requests"});
        QCOMPARE(overridden(r).at("lambda.requests").basePrice(), 0.3);
    }

    void errors_data() {
        QTest::addColumn<QString>("text"); // ' for "
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("message");
        const QString dim = "{'R': {'unit': 'Requests', 'beginRange': '0', 'endRange': 'Inf', "
                            "'pricePerUnit': {'USD': '0.0000002'}}}";
        QTest::newRow("not JSON")
            << "{'formatVersion': 'v1.0',\n 'offerCode' 'x'}"
            << ""
            << "line 2, column 16: syntax error while parsing object separator - "
               "unexpected string literal; expected ':'";
        QTest::newRow("not an object") << "[1]"
                                       << ""
                                       << "an offer file must be an object";
        QTest::newRow("no offer code")
            << "{'formatVersion': 'v1.0', 'products': {}, 'terms': {}}"
            << ""
            << "missing \"offerCode\" (is this an AWS Price List API offer file, such as "
               "offers/v1.0/aws/AWSLambda/current/us-east-1/index.json?)";
        QTest::newRow("offer code not a string")
            << "{'offerCode': 12}"
            << "/offerCode"
            << "\"offerCode\" must be a non-empty string (got a number)";
        QTest::newRow("format version")
            << "{'formatVersion': 'v2.0', 'offerCode': 'AWSLambda', 'version': '1', "
               "'publicationDate': 'x', 'products': {}, 'terms': {}}"
            << "/formatVersion"
            << "format version \"v2.0\" is not supported (only \"v1.0\")";
        QTest::newRow("unknown offer")
            << "{'formatVersion': 'v1.0', 'offerCode': 'AmazonRDS', 'version': '1', "
               "'publicationDate': 'x', 'products': {}, 'terms': {}}"
            << "/offerCode"
            << "offer \"AmazonRDS\" prices nothing in the price book (offers it reads: "
               "AmazonStates, AWSLambda, AWSGlue, AmazonEC2, ElasticMapReduce, AmazonAthena, "
               "AmazonS3, AmazonDynamoDB, AmazonSNS, AWSQueueService, AmazonKinesis, "
               "AmazonSageMaker)";
        QTest::newRow("products not an object") << "{'products': []}"
                                                << "/products"
                                                << "\"products\" must be an object";
        QTest::newRow("no terms")
            << "{'formatVersion': 'v1.0', 'offerCode': 'AWSLambda', 'version': '1', "
               "'publicationDate': 'x', 'products': {}}"
            << ""
            << "missing \"terms\"";
        QTest::newRow("attributes not an object") << "{'products': {'A/B': {'attributes': []}}}"
                                                  << "/products/A~1B/attributes"
                                                  << "\"attributes\" must be an object";
        QTest::newRow("attribute not a string")
            << "{'products': {'S': {'attributes': {'vcpu': 2}}}}"
            << "/products/S/attributes/vcpu"
            << "an attribute must be a string (got a number)";
        QTest::newRow("price not a decimal")
            << oneProduct("{'R': {'unit': 'Requests', 'pricePerUnit': {'USD': 0.2}}}")
            << "/terms/OnDemand/SKU1/SKU1.T/priceDimensions/R/pricePerUnit/USD"
            << "a price must be a decimal string such as \"0.20\", below 1000000 (got 0.2)";
        QTest::newRow("no USD")
            << oneProduct("{'R': {'unit': 'Requests', 'pricePerUnit': {'CNY': '1.3'}}}")
            << "/terms/OnDemand/SKU1/SKU1.T/priceDimensions/R/pricePerUnit"
            << "no \"USD\" price (the price book is in USD; other currencies are not converted)";
        QTest::newRow("unit")
            << oneProduct("{'R': {'unit': 'Hrs', 'pricePerUnit': {'USD': '1'}}}")
            << "/terms/OnDemand/SKU1/SKU1.T/priceDimensions/R/unit"
            << "unit \"Hrs\" is not one \"lambda.requests\" can take (expected \"Requests\")";
        QTest::newRow("ranges with a gap")
            << oneProduct("{'A': {'unit': 'Requests', 'beginRange': '0', 'endRange': '10', "
                          "'pricePerUnit': {'USD': '1'}}, 'B': {'unit': 'Requests', "
                          "'beginRange': '20', 'endRange': 'Inf', 'pricePerUnit': {'USD': '1'}}}")
            << "/terms/OnDemand/SKU1/SKU1.T/priceDimensions/B/beginRange"
            << "ranges must follow each other: this one begins at 20, the one before ends at 10";
        QTest::newRow("last range bounded")
            << oneProduct("{'A': {'unit': 'Requests', 'beginRange': '0', 'endRange': '10', "
                          "'pricePerUnit': {'USD': '1'}}}")
            << "/terms/OnDemand/SKU1/SKU1.T/priceDimensions/A/endRange"
            << "the last range must end at \"Inf\"";
        QTest::newRow("range not a number")
            << oneProduct("{'A': {'unit': 'Requests', 'beginRange': 'zero', 'pricePerUnit': "
                          "{'USD': '1'}}}")
            << "/terms/OnDemand/SKU1/SKU1.T/priceDimensions/A/beginRange"
            << "\"beginRange\" must be a decimal string below 1e15 (got \"zero\")";
        QTest::newRow("range beginning at Inf")
            << oneProduct("{'A': {'unit': 'Requests', 'beginRange': 'Inf', 'pricePerUnit': "
                          "{'USD': '1'}}}")
            << "/terms/OnDemand/SKU1/SKU1.T/priceDimensions/A/beginRange"
            << "\"beginRange\" must be a decimal string below 1e15 (got \"Inf\")";
        QTest::newRow("end out of range")
            << oneProduct("{'A': {'unit': 'Requests', 'beginRange': '0', 'endRange': '1e300', "
                          "'pricePerUnit': {'USD': '1'}}}")
            << "/terms/OnDemand/SKU1/SKU1.T/priceDimensions/A/endRange"
            << "\"endRange\" must be a decimal string or \"Inf\" below 1e15 (got \"1e300\")";
        QTest::newRow("price out of range")
            << oneProduct("{'A': {'unit': 'Requests', 'pricePerUnit': {'USD': '2000000'}}}")
            << "/terms/OnDemand/SKU1/SKU1.T/priceDimensions/A/pricePerUnit/USD"
            << "a price must be a decimal string such as \"0.20\", below 1000000 (got \"2000000\")";
        QTest::newRow("no effective date")
            << QString(oneProduct(dim)).replace("'effectiveDate': '2026-11-01T00:00:00Z', ", "")
            << "/terms/OnDemand/SKU1/SKU1.T/effectiveDate"
            << "missing or malformed \"effectiveDate\" (such as \"2026-11-01T00:00:00Z\")";
        QTest::newRow("no price dimensions")
            << QString(oneProduct("{}")).replace(", 'priceDimensions': {}", "")
            << "/terms/OnDemand/SKU1/SKU1.T"
            << "missing \"priceDimensions\"";
    }
    void errors() {
        QFETCH(QString, text);
        QFETCH(QString, pointer);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const auto file = written(dir, "bad.json", text);
        const auto e =
            errorOf([&] { OfferImporter(PriceBook::defaults(), "us-east-1").run({file}); });
        QVERIFY(e);
        QCOMPARE(e->message, message);
        QCOMPARE(e->pointer, pointer);
    }

    void ambiguousAndRepeated() {
        QTemporaryDir dir;
        // Two products for one item at different prices: the import refuses to guess.
        const QString product = "{'productFamily': 'Serverless', 'attributes': {'regionCode': "
                                "'us-east-1', 'usagetype': 'USE1-Request'}}";
        const auto term = [](const QString& sku, const QString& usd) {
            return "'" + sku + "': {'" + sku +
                   ".T': {'effectiveDate': '2026-11-01T00:00:00Z', "
                   "'priceDimensions': {'R': {'unit': 'Requests', 'beginRange': '0', "
                   "'endRange': 'Inf', 'pricePerUnit': {'USD': '" +
                   usd + "'}}}}}";
        };
        const auto offerOf = [&](const QString& second) {
            return "{'formatVersion': 'v1.0', 'offerCode': 'AWSLambda', 'version': '1', "
                   "'publicationDate': 'x', 'products': {'SKU1': " +
                   product + ", 'SKU2': " + product + "}, 'terms': {'OnDemand': {" +
                   term("SKU1", "0.0000002") + ", " + term("SKU2", second) + "}}}";
        };
        const auto ambiguous = written(dir, "ambiguous.json", offerOf("0.00000021"));
        const auto e =
            errorOf([&] { OfferImporter(PriceBook::defaults(), "us-east-1").run({ambiguous}); });
        QVERIFY(e);
        QCOMPARE(e->pointer, QString("/products/SKU2"));
        QCOMPARE(e->message, QString("products SKU1 and SKU2 both match \"lambda.requests\" in "
                                     "us-east-1 but their prices differ; the import cannot tell "
                                     "which one the price book means"));
        // At the same price they agree: no error.
        const auto agreeing = written(dir, "agreeing.json", offerOf("0.0000002"));
        QCOMPARE(OfferImporter(PriceBook::defaults(), "us-east-1").run({agreeing}).importedCount(),
                 std::size_t(1));
        // The same offer twice.
        const auto again = errorOf([&] { importOf({"glue", "glue"}); });
        QVERIFY(again);
        QCOMPARE(again->pointer, QString("/offerCode"));
        QVERIFY(again->message.startsWith("offer \"AWSGlue\" was already read from "));
        // A file that is not there.
        const auto missing = errorOf([&] {
            OfferImporter(PriceBook::defaults(), "us-east-1").run({"/nonexistent/offer.json"});
        });
        QVERIFY(missing);
        QCOMPARE(missing->message, QString("cannot read the file"));
    }
};

QTEST_APPLESS_MAIN(TestOfferImport)
#include "TestOfferImport.moc"
