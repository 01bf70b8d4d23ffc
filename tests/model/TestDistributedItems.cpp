// A distributed Map's items (model/asl/eval/DistributedItems): an ItemReader's content read as
// CSV, JSON or JSON Lines under its ReaderConfig, MaxItems, and ItemBatcher's batches by count and
// by bytes.
#include "model/asl/eval/DistributedItems.h"
#include "model/asl/eval/PayloadSize.h"
#include "tests/common/QuotedJson.h"

#include <QtTest>

using flowcast::model::Json;
using namespace flowcast::model::eval;

namespace {

ReaderConfig config(const QString& readerConfig) {
    auto parsed = ReaderConfig::from(quotedJson(readerConfig));
    if (!parsed.ok()) qFatal("bad ReaderConfig in the test: %s", parsed.error().cause.c_str());
    return parsed.value();
}

} // namespace

class TestDistributedItems : public QObject {
    Q_OBJECT

private slots:
    void reads_data() {
        QTest::addColumn<QString>("readerConfig");
        QTest::addColumn<QString>("content"); // the object's text
        QTest::addColumn<QString>("items");
        QTest::newRow("csv, header in the first row")
            << "{'InputType':'CSV','CSVHeaderLocation':'FIRST_ROW'}"
            << "a,b\n1,2\n3,4\n"
            << "[{'a':'1','b':'2'},{'a':'3','b':'4'}]";
        QTest::newRow("csv quoting: delimiter, doubled quote, line break, CRLF")
            << "{'InputType':'CSV'}"
            << "name,note\r\n\"Lima, PE\",\"say \"\"hi\"\"\"\r\nx,\"two\nlines\"\r\n"
            << "[{'name':'Lima, PE','note':'say \\\"hi\\\"'},{'name':'x','note':'two\\nlines'}]";
        QTest::newRow("csv, given headers and a pipe")
            << "{'InputType':'CSV','CSVHeaderLocation':'GIVEN','CSVHeaders':['k','v'],"
               "'CSVDelimiter':'PIPE'}"
            << "1|one\n2|two"
            << "[{'k':'1','v':'one'},{'k':'2','v':'two'}]";
        QTest::newRow("csv, empty lines skipped, MaxItems") << "{'InputType':'CSV','MaxItems':1}"
                                                            << "a\n\n1\n2\n"
                                                            << "[{'a':'1'}]";
        QTest::newRow("MaxItems as a whole double") << "{'InputType':'JSONL','MaxItems':2.0}"
                                                    << "1\n2\n3"
                                                    << "[1,2]";
        QTest::newRow("MaxItems 0 is no limit") << "{'InputType':'JSONL','MaxItems':0}"
                                                << "1\n2\n3"
                                                << "[1,2,3]";
        QTest::newRow("json array") << "{'InputType':'JSON'}"
                                    << "[{'id':1},{'id':2},3]"
                                    << "[{'id':1},{'id':2},3]";
        QTest::newRow("json lines") << "{'InputType':'JSONL','MaxItems':2}"
                                    << "{\"id\":1}\n\n{\"id\":2}\n{\"id\":3}\n"
                                    << "[{'id':1},{'id':2}]";
        QTest::newRow("an S3 listing saved as JSON") << "{}"
                                                     << "[{'Key':'a'},{'Key':'b'}]"
                                                     << "[{'Key':'a'},{'Key':'b'}]";
    }
    void reads() {
        QFETCH(QString, readerConfig);
        QFETCH(QString, content);
        QFETCH(QString, items);
        QString text = content;
        text.replace('\'', '"');
        const auto read = readItems(Json(text.toStdString()), config(readerConfig));
        QVERIFY2(read.ok(), read.ok() ? "" : read.error().cause.c_str());
        QCOMPARE(read.value(), quotedJson(items));
    }

    void arraysAreTakenAsTheyAre() {
        const auto read = readItems(quotedJson("[1,2,3]"), config("{'MaxItems':2}"));
        QVERIFY(read.ok());
        QCOMPARE(read.value(), quotedJson("[1,2]"));
    }

    void failures_data() {
        QTest::addColumn<QString>("readerConfig");
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("causePart");
        QTest::newRow("ragged csv row") << "{'InputType':'CSV'}"
                                        << "a,b\n1\n"
                                        << "States.ItemReaderFailed"
                                        << "CSV row 2 has 1 fields";
        QTest::newRow("unclosed quote") << "{'InputType':'CSV'}"
                                        << "a\n\"1\n"
                                        << "States.ItemReaderFailed"
                                        << "not closed";
        QTest::newRow("json not an array") << "{'InputType':'JSON'}"
                                           << "{\"a\":1}"
                                           << "States.ItemReaderFailed"
                                           << "does not hold an array";
        QTest::newRow("bad json line") << "{'InputType':'JSONL'}"
                                       << "{}\n{x\n"
                                       << "States.ItemReaderFailed"
                                       << "JSONL line 2";
        QTest::newRow("parquet") << "{'InputType':'PARQUET'}"
                                 << "PAR1"
                                 << "Flowcast.NotSupported"
                                 << "Parquet";
    }
    void failures() {
        QFETCH(QString, readerConfig);
        QFETCH(QString, content);
        QFETCH(QString, error);
        QFETCH(QString, causePart);
        const auto read = readItems(Json(content.toStdString()), config(readerConfig));
        QVERIFY(!read.ok());
        QCOMPARE(QString::fromStdString(read.error().error), error);
        QVERIFY2(read.error().cause.find(causePart.toStdString()) != std::string::npos,
                 read.error().cause.c_str());
    }

    void readerConfigRejectsUnknownValues() {
        QVERIFY(!ReaderConfig::from(quotedJson("{'InputType':'XML'}")).ok());
        QVERIFY(!ReaderConfig::from(quotedJson("{'CSVDelimiter':'COLON'}")).ok());
        QVERIFY(!ReaderConfig::from(quotedJson("[]")).ok());
        QVERIFY(ReaderConfig::from(Json()).ok());
    }

    void batchesByCount() {
        const Json batchInput = quotedJson("{'run':7}");
        const auto batches = batchItems(quotedJson("[1,2,3,4,5]"), 2, 0, &batchInput);
        QVERIFY(batches.ok());
        QCOMPARE(batches.value(), quotedJson("[{'BatchInput':{'run':7},'Items':[1,2]},"
                                             "{'BatchInput':{'run':7},'Items':[3,4]},"
                                             "{'BatchInput':{'run':7},'Items':[5]}]"));
    }

    void batchesByBytes() {
        // Items of 12 bytes ("aaaaaaaaaa" with quotes); {"Items":[...]} adds 12, each comma 1.
        Json items = Json::array();
        for (int i = 0; i < 7; ++i)
            items.push_back(std::string(10, 'a'));
        const std::size_t limit = 12 + 3 * 12 + 2; // exactly three items
        const auto batches = batchItems(std::move(items), 0, limit, nullptr);
        QVERIFY(batches.ok());
        QCOMPARE(batches.value().size(), std::size_t{3});
        for (const Json& batch : batches.value())
            QVERIFY(payloadSize(batch) <= limit);
        QCOMPARE(payloadSize(batches.value()[0]), limit);
        QCOMPARE(batches.value()[2]["Items"].size(), std::size_t{1});
    }

    void itemOverTheByteLimitFails() {
        const auto batches =
            batchItems(quotedJson("['" + QString(100, 'x') + "']"), 0, 50, nullptr);
        QVERIFY(!batches.ok());
        QCOMPARE(batches.error().error, std::string("States.Runtime"));
    }
};

QTEST_APPLESS_MAIN(TestDistributedItems)
#include "TestDistributedItems.moc"
