// InputTemplate: static JSON handed out shared, dynamic spots ($sample, $index, $time) filled
// per arrival in document order, and errors naming the spot.
#include "model/scenario/ScenarioError.h"
#include "simulator/workload/InputTemplate.h"
#include "tests/common/QuotedJson.h"
#include "tests/common/ScenarioErrorOf.h"

#include <QtTest>

#include <cmath>

using namespace flowcast::sim;
using flowcast::model::Json;
using flowcast::model::ScenarioError;

class TestInputTemplate : public QObject {
    Q_OBJECT

private slots:
    void emptyByDefault() {
        const InputTemplate t;
        QVERIFY(t.isStatic());
        RandomStream random(1);
        QCOMPARE(t.instantiate(random, 0, {}), Json::object());
    }

    void staticIsShared() {
        const Json spec = quotedJson("{'bucket': 'raw', 'keys': [1, 2, {'deep': true}]}");
        const InputTemplate t = InputTemplate::parse(spec, "/input");
        QVERIFY(t.isStatic());
        RandomStream random(1);
        const auto a = t.instantiateShared(random, 0, {});
        const auto b = t.instantiateShared(random, 1, SimTime::fromSeconds(60));
        QCOMPARE(a.get(), b.get()); // one document, no copy
        QCOMPARE(*a, spec);
        QCOMPARE(t.instantiate(random, 5, {}), spec);
        QCOMPARE(random.next(), RandomStream(1).next()); // nothing drawn
    }

    void dynamicSpots() {
        const InputTemplate t = InputTemplate::parse(
            quotedJson("{'id': {'$index': true}, 'at': {'$time': true}, 'size': {'$sample': "
                       "{'uniform': {'min': 1, 'max': 10}}, 'integer': true}, 'nested': [1, "
                       "{'x': {'$sample': 2.5}}], 'keep': 'text'}"),
            "/input");
        QVERIFY(!t.isStatic());
        RandomStream random(11);
        // Arrival 7 at t = 90.5 s on the virtual calendar (t = 0 is 2026-01-01T00:00:00Z).
        const Json a = t.instantiate(random, 7, SimTime::fromSeconds(90.5));
        QCOMPARE(a["id"], Json(7));
        QCOMPARE(a["at"], Json("2026-01-01T00:01:30.500Z"));
        QVERIFY(a["size"].is_number_integer());
        QVERIFY(a["size"].get<int>() >= 1 && a["size"].get<int>() <= 10);
        QCOMPARE(a["nested"], quotedJson("[1, {'x': 2.5}]"));
        QCOMPARE(a["keep"], Json("text"));
        // Keys stay in the template's order.
        QCOMPARE(QString::fromStdString(a.dump()).left(12), QString("{\"id\":7,\"at\""));
        const auto shared = t.instantiateShared(random, 8, SimTime::fromSeconds(31 * 86400.0));
        QCOMPARE((*shared)["at"], Json("2026-02-01T00:00:00.000Z"));
        QCOMPARE((*shared)["id"], Json(8));
    }

    void rootSpotAndRounding() {
        RandomStream random(1);
        QCOMPARE(
            InputTemplate::parse(quotedJson("{'$index': true}"), "").instantiate(random, 3, {}),
            Json(3));
        const Json rounded =
            InputTemplate::parse(quotedJson("{'$sample': 2.6, 'integer': true}"), "")
                .instantiate(random, 0, {});
        QVERIFY(rounded.is_number_integer());
        QCOMPARE(rounded, Json(3));
        const Json real = InputTemplate::parse(quotedJson("{'$sample': 2.6, 'integer': false}"), "")
                              .instantiate(random, 0, {});
        QVERIFY(real.is_number_float());
    }

    void samplesFollowTheDistribution() {
        // Exponential with mean 4: mean of 100,000 draws within 5 standard errors (5 x 4 / 316).
        const InputTemplate t = InputTemplate::parse(
            quotedJson("{'wait': {'$sample': {'exponential': {'mean': 4}}}}"), "");
        RandomStream random(8);
        double sum = 0;
        const int n = 100'000;
        for (int i = 0; i < n; ++i)
            sum += t.instantiate(random, i, {})["wait"].get<double>();
        QVERIFY(std::abs(sum / n - 4) < 5 * 4 / std::sqrt(double(n)));
    }

    void errors_data() {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("message");
        QTest::newRow("extra key") << "{'a': {'$sample': 1, 'foo': 2}}"
                                   << "/input/a/foo"
                                   << "template: unknown field 'foo' (expected $sample, integer)";
        QTest::newRow("index false") << "{'$index': false}"
                                     << "/input/$index"
                                     << "template: $index must be true, got false";
        QTest::newRow("time in array") << "{'a': [0, {'$time': 1}]}"
                                       << "/input/a/1/$time"
                                       << "template: $time must be true, got 1";
        QTest::newRow("index and time") << "{'$index': true, '$time': true}"
                                        << "/input/$time"
                                        << "template: unknown field '$time' (expected $index)";
        QTest::newRow("bad distribution") << "{'n': {'$sample': {'uniform': {'min': 1}}}}"
                                          << "/input/n/$sample/uniform"
                                          << "uniform: missing field 'max'";
        QTest::newRow("integer not boolean")
            << "{'$sample': 1, 'integer': 'yes'}"
            << "/input/integer"
            << "template: integer must be true or false, got a string";
    }

    void errors() {
        QFETCH(QString, spec);
        QFETCH(QString, pointer);
        QFETCH(QString, message);
        const auto error =
            scenarioErrorOf([&] { InputTemplate::parse(quotedJson(spec), "/input"); });
        QVERIFY2(error, "no error");
        QCOMPARE(error->pointer, pointer);
        QCOMPARE(error->message, message);
    }
};

QTEST_APPLESS_MAIN(TestInputTemplate)
#include "TestInputTemplate.moc"
