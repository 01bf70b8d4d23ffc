// flowcast-cli prices import as a person uses it: help, usage errors (exit 2), importing the
// offer fixtures of tests/data/offers into a price-book file (-o), the summary (what was
// imported, what the offer lacks, which offers were not given), --json, the book on standard
// output without -o, and bad offers named by file and JSON Pointer (exit 1).
#include "tests/common/CliProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

namespace {

CliRun cli(const QStringList& args) {
    return runProgram(FLOWCAST_CLI_PATH, args);
}

QString offer(const QString& name) {
    return QString(FLOWCAST_SOURCE_DIR) + "/tests/data/offers/" + name + ".offer.json";
}

QJsonObject jsonOf(const QString& text) {
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QJsonObject fileJson(const QString& path) {
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

class TestCliPrices : public QObject {
    Q_OBJECT

private slots:
    void help() {
        for (const QStringList& args :
             {QStringList{"prices", "--help"}, QStringList{"prices", "import", "--help"},
              QStringList{"help", "prices"}}) {
            const CliRun r = cli(args);
            QCOMPARE(r.exitCode, 0);
            QVERIFY(r.out.contains("Usage: flowcast-cli prices import OFFER.json"));
            QVERIFY(r.out.contains("https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/"
                                   "<offerCode>/current/<region>/index.json"));
        }
        QVERIFY(cli({"--help"}).out.contains("prices"));
    }

    void usageErrors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no subcommand")
            << QStringList{"prices"} << "flowcast-cli prices: give a subcommand: import";
        QTest::newRow("unknown subcommand")
            << QStringList{"prices", "export"}
            << "flowcast-cli prices: unknown subcommand 'export' (known: import)";
        QTest::newRow("no file") << QStringList{"prices", "import"}
                                 << "flowcast-cli prices import: give the offer files to import";
        QTest::newRow("unknown option")
            << QStringList{"prices", "import", offer("lambda"), "--currency", "EUR"}
            << "flowcast-cli prices import: unknown option '--currency'";
        QTest::newRow("missing value") << QStringList{"prices", "import", offer("lambda"), "-o"}
                                       << "flowcast-cli prices import: -o needs a value";
    }
    void usageErrors() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const CliRun r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(message + "\n"), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void importToFile() {
        QTemporaryDir dir;
        const QString book = dir.filePath("aws.prices.json");
        const CliRun r = cli({"prices", "import", offer("lambda"), offer("ec2"), "-o", book});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("Imported 10 prices for us-east-1, as of 2026-11-01"),
                 qPrintable(r.out));
        QVERIFY(r.out.contains("  AWSLambda 20261114221031, published 2026-11-14T22:10:31Z ("));
        QVERIFY(r.out.contains(
            "    lambda.requests                     $0.20 per 1,000,000 requests\n"));
        QVERIFY(r.out.contains("    lambda.duration.x86                 $0.0000166667 per GB-s "
                               "(3 tiers)\n"));
        QVERIFY(r.out.contains("    not in this offer: ec2.r5.4xlarge\n"));
        QVERIFY(r.out.contains("Not imported, no offer given:\n  AmazonStates: "
                               "stepfunctions.standard.transitions, "
                               "stepfunctions.express.requests, stepfunctions.express.duration\n"));
        QVERIFY(r.out.contains("Wrote " + book));
        QVERIFY(r.err.isEmpty());
        const QJsonObject written = fileJson(book);
        QCOMPARE(written["region"].toString(), QString("us-east-1"));
        QCOMPARE(written["asOf"].toString(), QString("2026-11-01"));
        QCOMPARE(written["prices"].toObject().size(), 10);
        const QJsonObject m5 = written["prices"].toObject()["ec2.m5.large"].toObject();
        QCOMPARE(m5["price"].toDouble(), 0.096);
        QVERIFY(m5["source"].toString().startsWith(
            "AWS Price List API, offer AmazonEC2 version 20261113200418 published "
            "2026-11-13T20:04:18Z, SKU "));
    }

    void bookOnStandardOutput() {
        const CliRun r = cli({"prices", "import", offer("sns")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject book = jsonOf(r.out);
        const QJsonObject sns = book["prices"].toObject()["sns.publishes"].toObject();
        QCOMPARE(sns["price"].toDouble(), 0.5);
        QCOMPARE(sns["freeTier"].toObject()["quantity"].toDouble(), 1e6);
        QVERIFY(r.err.startsWith("Imported 1 prices for us-east-1"));
    }

    void json() {
        const CliRun r =
            cli({"prices", "import", offer("sagemaker"), "--json", "--region", "us-east-1"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject s = jsonOf(r.out);
        QCOMPARE(s["region"].toString(), QString("us-east-1"));
        QCOMPARE(s["imported"].toInt(), 3);
        const QJsonObject o = s["offers"].toArray()[0].toObject();
        QCOMPARE(o["offerCode"].toString(), QString("AmazonSageMaker"));
        QCOMPARE(o["products"].toInt(), 6);
        QCOMPARE(o["notInOffer"].toArray(), QJsonArray{"sagemaker.ml.m5.4xlarge"});
        QCOMPARE(o["imported"].toArray()[0].toObject()["id"].toString(),
                 QString("sagemaker.ml.m5.large"));
        QVERIFY(s["output"].isNull());
        QVERIFY(s["priceBook"].toObject()["prices"].toObject().contains("sagemaker.ml.m5.large"));
        QVERIFY(s["noOffer"].toObject().contains("AWSLambda"));
    }

    // The imported file is a --price-book: an offer whose m5.2xlarge costs $0.20 an hour
    // changes the flagship's always-on cluster: 4 nodes x 730 h = 2,920 h x $0.20 = $584.00.
    void changedOfferPriceChangesTheCost() {
        QTemporaryDir dir;
        QFile in(offer("ec2"));
        in.open(QIODevice::ReadOnly);
        const QString dearer = writeQuotedJson(dir, "ec2.offer.json",
                                               QString::fromUtf8(in.readAll())
                                                   .replace("\"0.3840000000\"", "\"0.2000000000\"")
                                                   .replace('"', '\''));
        const QString book = dir.filePath("ec2.prices.json");
        const CliRun imported = cli({"prices", "import", dearer, offer("emr"), "-o", book});
        QCOMPARE(imported.exitCode, 0);
        QVERIFY(imported.out.contains("    ec2.m5.2xlarge                      $0.20 per "
                                      "instance-hour  changed\n"));
        const QString flagship =
            QString(FLOWCAST_SOURCE_DIR) + "/samples/data-lake-etl/data-lake-etl.scenario.json";
        const CliRun r = cli(
            {"compare", "--scenario", flagship, "--json", "--threads", "2", "--price-book", book});
        QCOMPARE(r.exitCode, 0);
        double usd = -1;
        for (const auto& d : jsonOf(r.out)["deployments"].toArray()) {
            if (d.toObject()["name"].toString() != "always-on EMR") continue;
            for (const auto& l : d.toObject()["cost"].toObject()["lines"].toArray())
                if (l.toObject()["priceId"].toString() == "ec2.m5.2xlarge")
                    usd = l.toObject()["usd"].toDouble();
        }
        QCOMPARE(usd, 584.0);
    }

    void badOffers() {
        QTemporaryDir dir;
        const QString bad =
            writeQuotedJson(dir, "bad.json",
                            "{'formatVersion': 'v1.0', 'offerCode': 'AmazonRDS', 'version': '1', "
                            "'publicationDate': 'x', 'products': {}, 'terms': {}}");
        CliRun r = cli({"prices", "import", bad});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith(bad + ":/offerCode: error: offer \"AmazonRDS\" prices nothing "
                                        "in the price book"),
                 qPrintable(r.err));
        QVERIFY(r.out.isEmpty());

        r = cli({"prices", "import", dir.filePath("missing.json")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, dir.filePath("missing.json") + ": error: cannot read the file\n");

        // A region the offer has no product of.
        r = cli({"prices", "import", offer("athena"), "--region", "ap-south-1"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("the offers hold no price of the book's items in ap-south-1"));

        // Nothing is written when the import fails.
        const QString out = dir.filePath("out.json");
        QCOMPARE(cli({"prices", "import", offer("athena"), bad, "-o", out}).exitCode, 1);
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_APPLESS_MAIN(TestCliPrices)
#include "TestCliPrices.moc"
