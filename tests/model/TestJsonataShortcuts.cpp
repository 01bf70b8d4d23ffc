// The evaluator's shortcuts give jsonata-js's results: a lone field name read directly, a filter
// on a variable evaluated once, literals and regexes prepared by the parser, one shared function
// value per library function, object keys copied straight through, date-time pictures compiled
// once per thread. Each expected value is what jsonata-js 2.2.2 (the peer installed by
// ../shared/peers/peer) gives for the same expression and input.
#include "model/jsonata/Evaluator.h"

#include <QtTest>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

using flowcast::model::Json;
using namespace flowcast::model::jsonata;

namespace {

std::string evaluateToText(const std::string& expression, const std::string& input,
                           const Json& bindings = Json::object()) {
    const Expression compiled(expression);
    const auto result = input.empty() ? compiled.evaluate(std::nullopt, bindings)
                                      : compiled.evaluate(Json::parse(input), bindings);
    return result ? result->dump() : "undefined";
}

} // namespace

class TestJsonataShortcuts : public QObject {
    Q_OBJECT

private slots:
    void matchJsonataJs_data() {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        // `$` differs from item to item, so it is not evaluated once for the whole filter.
        QTest::newRow("item predicate") << "[0,1,2][$]"
                                        << ""
                                        << "[0,1,2]";
        // In a tuple stream every item binds its own $i.
        QTest::newRow("tuple predicate") << "[10,20,30]#$i[$i]"
                                         << ""
                                         << "[10,20,30]";
        QTest::newRow("variable predicate") << "($i := 1; [10,20,30][$i])"
                                            << ""
                                            << "20";
        QTest::newRow("bound predicate") << "items[$i].v"
                                         << "{\"items\":[{\"v\":\"a\"},{\"v\":\"b\"}]}"
                                         << "\"b\"";
        // A lone name: an array value comes back whole, a sequence stored in an object as
        // jsonata-js keeps it, and an array input still maps the name over its items.
        QTest::newRow("name gives array") << "a"
                                          << "{\"a\":[[1],[2]]}"
                                          << "[[1],[2]]";
        QTest::newRow("name gives one-item array") << "a"
                                                   << "{\"a\":[3]}"
                                                   << "[3]";
        QTest::newRow("name in block") << "x.(a)"
                                       << "{\"x\":{\"a\":[1,2]}}"
                                       << "[1,2]";
        QTest::newRow("name gives sequence") << "{\"a\": [1,2].$}.(a)"
                                             << ""
                                             << "[1,2]";
        QTest::newRow("name over array") << "$.a"
                                         << "[{\"a\":1},{\"a\":[2,3]}]"
                                         << "[1,2,3]";
        QTest::newRow("missing name") << "b"
                                      << "{\"a\":1}"
                                      << "undefined";
        // The parser folds the minus into the literal; the prepared value must follow.
        QTest::newRow("negative literals") << "-5 + -(2)"
                                           << ""
                                           << "-7";
        QTest::newRow("same library function") << "$sum = $sum"
                                               << ""
                                               << "true";
        QTest::newRow("different library functions") << "$sum = $count"
                                                     << ""
                                                     << "false";
        // Every evaluation of a regex literal is a new function, as in jsonata-js.
        QTest::newRow("regex values differ") << "($f := function(){/a/}; $f() = $f())"
                                             << ""
                                             << "false";
        QTest::newRow("regex") << "$replace($, /a(b+)/, \"<$1>\")"
                               << "\"xabbby\""
                               << "\"x<bbb>y\"";
    }

    void matchJsonataJs() {
        QFETCH(QString, expression);
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const Json bindings = {{"i", 1}};
        QCOMPARE(QString::fromStdString(
                     evaluateToText(expression.toStdString(), input.toStdString(), bindings)),
                 expected);
    }

    void objectKeysKeepTheirOrder() {
        // Written out exactly: deep equality would not see a change of key order.
        QCOMPARE(evaluateToText("$", "{\"z\":1,\"a\":{\"y\":2,\"b\":3}}"),
                 std::string("{\"z\":1,\"a\":{\"y\":2,\"b\":3}}"));
        QCOMPARE(evaluateToText("{\"b\": 1, \"a\": 2, \"c\": {\"z\": 0, \"y\": 1}}", ""),
                 std::string("{\"b\":1,\"a\":2,\"c\":{\"z\":0,\"y\":1}}"));
        QCOMPARE(evaluateToText("$keys($)", "{\"z\":1,\"a\":2}"), std::string("[\"z\",\"a\"]"));
    }

    void oneRegexServesConcurrentEvaluations() {
        // The compiled regex belongs to the expression; four threads match with it at once.
        const Expression expression("$replace(s, /a(b+)/, \"<$1>\")");
        std::atomic<int> wrong{0};
        std::vector<std::thread> threads;
        for (int t = 1; t <= 4; ++t) {
            threads.emplace_back([&, t] {
                const std::string bs(static_cast<std::size_t>(t), 'b');
                const Json input = {{"s", "xa" + bs + "y"}};
                for (int i = 0; i < 200; ++i) {
                    if (expression.evaluate(input) != Json("x<" + bs + ">y")) ++wrong;
                }
            });
        }
        for (std::thread& thread : threads)
            thread.join();
        QCOMPARE(wrong.load(), 0);
    }

    void manyPicturesParseAlike() {
        // 2018-03-27T00:00:00Z is 17617 days after 1970-01-01: 1522108800000 ms. 70 pictures
        // (more than the per-thread cache keeps), each read twice, all give that instant.
        const double expected = 17617.0 * 86400 * 1000;
        for (int pass = 0; pass < 2; ++pass) {
            for (int k = 0; k < 70; ++k) {
                const std::string pad(static_cast<std::size_t>(k), ' ');
                const std::string expression =
                    "$toMillis('2018-03-27" + pad + "', '[Y0001]-[M01]-[D01]" + pad + "')";
                const auto result = Expression(expression).evaluate(std::nullopt);
                QVERIFY2(result && result->get<double>() == expected, expression.c_str());
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestJsonataShortcuts)
#include "TestJsonataShortcuts.moc"
