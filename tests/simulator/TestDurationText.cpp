// parseDuration: plain seconds and "250ms" / "30s" / "5m" / "2h" / "30d", and its errors.
#include "model/scenario/ScenarioError.h"
#include "simulator/workload/DurationText.h"
#include "tests/common/QuotedJson.h"
#include "tests/common/ScenarioErrorOf.h"

#include <QtTest>

using namespace flowcast::sim;
using flowcast::model::Json;
using flowcast::model::ScenarioError;

class TestDurationText : public QObject {
    Q_OBJECT

private slots:
    void valid_data() {
        QTest::addColumn<QString>("json"); // a JSON value
        QTest::addColumn<qint64>("us");
        QTest::newRow("milliseconds") << "'250ms'" << qint64(250'000);
        QTest::newRow("seconds") << "'30s'" << qint64(30'000'000);
        QTest::newRow("minutes") << "'5m'" << qint64(300'000'000);
        QTest::newRow("hours") << "'2h'" << qint64(7'200'000'000);
        QTest::newRow("days") << "'30d'" << qint64(2'592'000'000'000);
        QTest::newRow("fractional hours") << "'1.5h'" << qint64(5'400'000'000);
        QTest::newRow("number text") << "'90'" << qint64(90'000'000);
        QTest::newRow("spaces") << "' 2h '" << qint64(7'200'000'000);
        QTest::newRow("space before unit") << "'5 m'" << qint64(300'000'000);
        QTest::newRow("json number") << "0.25" << qint64(250'000);
        QTest::newRow("json integer") << "3600" << qint64(3'600'000'000);
        QTest::newRow("zero") << "'0s'" << qint64(0);
    }

    void valid() {
        QFETCH(QString, json);
        QFETCH(qint64, us);
        QCOMPARE(parseDuration(quotedJson(json), "/horizon").us, us);
    }

    void invalid_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("message");
        const QString expected = "duration: expected seconds or a number with a unit (250ms, 30s, "
                                 "5m, 2h, 30d), got '%1'";
        QTest::newRow("words") << "'2 hours'" << expected.arg("2 hours");
        QTest::newRow("unit only") << "'h'" << expected.arg("h");
        QTest::newRow("empty") << "''" << expected.arg("");
        QTest::newRow("weeks") << "'2w'" << expected.arg("2w");
        QTest::newRow("negative") << "'-5s'"
                                  << "duration: '-5s' must not be negative";
        QTest::newRow("negative number") << "-1"
                                         << "duration: '-1' must not be negative";
        QTest::newRow("boolean")
            << "true"
            << "duration: expected a number of seconds or a string like '2h', got a boolean";
        QTest::newRow("huge") << "'1e300d'" << expected.arg("1e300d");
    }

    void invalid() {
        QFETCH(QString, json);
        QFETCH(QString, message);
        const auto error = scenarioErrorOf([&] { parseDuration(quotedJson(json), "/horizon"); });
        QVERIFY2(error, "no error");
        QCOMPARE(error->pointer, QString("/horizon"));
        QCOMPARE(error->message, message);
    }

    void textOverload() {
        // The command line's --horizon passes text and no pointer.
        QCOMPARE(parseDuration(std::string_view("2h")).us, std::int64_t(7'200'000'000));
        QVERIFY_THROWS_EXCEPTION(ScenarioError, parseDuration(std::string_view("soon")));
    }
};

QTEST_APPLESS_MAIN(TestDurationText)
#include "TestDurationText.moc"
