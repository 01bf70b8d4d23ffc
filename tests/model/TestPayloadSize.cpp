// payloadSize: the length of a value's JSON text, counted without writing it, must equal what
// nlohmann's dump() writes (the text AWS measures against its 256 KiB quota).
#include "model/asl/eval/PayloadSize.h"
#include "model/asl/eval/PayloadTemplate.h"
#include "tests/common/QuotedJson.h"

#include <QtTest>

using flowcast::model::Json;
using flowcast::model::eval::payloadSize;

class TestPayloadSize : public QObject {
    Q_OBJECT

private slots:
    void equalsDump_data() {
        QTest::addColumn<QString>("json");
        QTest::newRow("null") << "null";
        QTest::newRow("booleans") << "[true,false]";
        QTest::newRow("integers") << "[0,7,10,-1,-10,123456789,-9223372036854775808]";
        QTest::newRow("unsigned max") << "18446744073709551615";
        QTest::newRow("floats") << "[0.5,1e300,-2.25,3.0,1e-7]";
        QTest::newRow("empty containers") << "[{},[],{'a':[]}]";
        QTest::newRow("nested") << "{'a':{'b':[1,{'c':'d'}]},'e':null}";
        QTest::newRow("escapes") << "['q\\\"b\\\\s\\n\\t\\r\\b\\f','\\u0001\\u001f']";
        QTest::newRow("utf-8 kept") << "['caf\u00e9 \u20ac \U0001F600']";
    }
    void equalsDump() {
        QFETCH(QString, json);
        const Json value = quotedJson(json);
        QCOMPARE(payloadSize(value), value.dump().size());
    }

    void keyEscapes() {
        const Json value{{"k\"ey\n", 1}};
        QCOMPARE(payloadSize(value), value.dump().size());
    }

    void stopsAboveTheBound() {
        Json big = Json::array();
        for (int i = 0; i < 1000; ++i)
            big.push_back(std::string(100, 'z'));
        const std::size_t full = big.dump().size();
        QCOMPARE(payloadSize(big), full);
        const std::size_t bounded = payloadSize(big, 500);
        QVERIFY(bounded > 500);
        QVERIFY(bounded < full);
    }

    // The quick bound settles most values; near the limit the exact count decides.
    void limitIsExact_data() {
        QTest::addColumn<int>("length");
        QTest::addColumn<int>("limit");
        QTest::addColumn<bool>("exceeds");
        QTest::newRow("far below") << 10 << 1000 << false;
        QTest::newRow("at the limit") << 998 << 1000 << false; // "..." is 1000 bytes
        QTest::newRow("one over") << 999 << 1000 << true;
        QTest::newRow("far over") << 5000 << 1000 << true;
    }
    void limitIsExact() {
        QFETCH(int, length);
        QFETCH(int, limit);
        QFETCH(bool, exceeds);
        const Json value = std::string(static_cast<std::size_t>(length), 'a');
        QCOMPARE(flowcast::model::eval::exceedsPayloadLimit(value, static_cast<std::size_t>(limit)),
                 exceeds);
    }
    void escapesCountTowardsTheLimit() {
        // 200 newlines: 200 bytes of text, 402 bytes of JSON.
        const Json value = std::string(200, '\n');
        QVERIFY(flowcast::model::eval::exceedsPayloadLimit(value, 401));
        QVERIFY(!flowcast::model::eval::exceedsPayloadLimit(value, 402));
    }

    // PayloadTemplate::fitsLimit answers what evaluate() then exceedsPayloadLimit would, with
    // the same error, without building the value: paths read in place, calls evaluated.
    void templateFitsLimitAgreesWithEvaluate_data() {
        QTest::addColumn<QString>("payloadTemplate");
        QTest::addColumn<int>("limit");
        QTest::addColumn<bool>("expected"); // when the template evaluates
        QTest::newRow("static only") << "{'a':'b','c':[1,2]}" << 1000 << true;
        QTest::newRow("static over") << "{'a':'bbbbbbbbbbbbbbbbbbbb'}" << 20 << false;
        QTest::newRow("paths far below")
            << "{'x.$':'$.small','y':{'z.$':'$$.Name'}}" << 1000 << true;
        QTest::newRow("path at the limit") << "{'x.$':'$.text'}" << 0 << true; // set below: exact
        QTest::newRow("path one over") << "{'x.$':'$.text'}" << -1 << false;   // exact - 1
        QTest::newRow("escapes count") << "{'x.$':'$.newlines'}" << 0 << true;
        QTest::newRow("escapes one over") << "{'x.$':'$.newlines'}" << -1 << false;
        QTest::newRow("whole input") << "{'all.$':'$'}" << 0 << true;
        QTest::newRow("call") << "{'s.$':'States.Format(\\'id-{}\\', $.small)'}" << 0 << true;
        QTest::newRow("call over")
            << "{'s.$':'States.Format(\\'id-{}\\', $.small)'}" << -1 << false;
        QTest::newRow("replaced key") << "{'a.$':'$.text','a':'short'}" << 0 << true;
        QTest::newRow("array of paths")
            << "[{'p.$':'$.small'},'lit',{'q.$':'$.text'}]" << 0 << true;
        QTest::newRow("missing path") << "{'ok.$':'$.small','bad.$':'$.nothing'}" << 1000 << false;
        QTest::newRow("bad call") << "{'n.$':'States.MathAdd($.small, 1)'}" << 1000 << false;
        QTest::newRow("refused field") << "{'n.$':5}" << 1000 << false;
    }
    void templateFitsLimitAgreesWithEvaluate() {
        using namespace flowcast::model::eval;
        QFETCH(QString, payloadTemplate);
        QFETCH(int, limit);
        QFETCH(bool, expected);
        const Json input{{"small", "abc"},
                         {"text", std::string(300, 'x')},
                         {"newlines", std::string(100, '\n')}};
        const Json context{{"Name", "execution-1"}};
        const Scope scope{input, context};
        const PayloadTemplate compiled(quotedJson(payloadTemplate));
        const Result<Json> built = compiled.evaluate(scope);
        // 0 and -1 stand for the built value's exact length and one byte less.
        std::size_t bytes = static_cast<std::size_t>(limit);
        if (limit <= 0 && built.ok()) bytes = built.value().dump().size() - (limit < 0 ? 1 : 0);
        const Result<bool> fits = compiled.fitsLimit(scope, bytes);
        QCOMPARE(fits.ok(), built.ok());
        if (!built.ok()) {
            QCOMPARE(fits.error().error, built.error().error);
            QCOMPARE(fits.error().cause, built.error().cause);
            return;
        }
        QCOMPARE(fits.value(), !exceedsPayloadLimit(built.value(), bytes));
        QCOMPARE(fits.value(), expected);
    }

    void deepNestingDoesNotRecurse() {
        Json value = 1;
        for (int i = 0; i < 100'000; ++i) {
            Json outer = Json::array();
            outer.push_back(std::move(value));
            value = std::move(outer);
        }
        QCOMPARE(payloadSize(value), std::size_t(200'001));
        QVERIFY(!flowcast::model::eval::exceedsPayloadLimit(value, 200'001));
        QVERIFY(flowcast::model::eval::exceedsPayloadLimit(value, 200'000));
        // nlohmann destroys nested values recursively: unwind by hand.
        while (value.is_array() && !value.empty()) {
            Json inner = std::move(value[0]);
            value = std::move(inner);
        }
    }
};

QTEST_APPLESS_MAIN(TestPayloadSize)
#include "TestPayloadSize.moc"
