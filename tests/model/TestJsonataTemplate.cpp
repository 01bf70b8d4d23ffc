// JSONata-state fields (model/asl/eval/JsonataTemplate): "{% %}" strings evaluated in place
// against $states and variables, literals kept, failures as States.QueryEvaluationError.
#include "model/asl/eval/JsonataTemplate.h"
#include "tests/common/QuotedJson.h"

#include <QtTest>

using flowcast::model::Json;
using namespace flowcast::model::eval;

class TestJsonataTemplate : public QObject {
    Q_OBJECT

private slots:
    void evaluates_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("bindings");
        QTest::addColumn<QString>("expected");
        QTest::newRow("whole value") << "'{% $states.input.a + 1 %}'"
                                     << "{'states':{'input':{'a':41}}}"
                                     << "42";
        QTest::newRow("inside objects and arrays, literals kept")
            << "{'static':'Hello','title':'{% $states.input.title %}','list':[1,'{% $n %}'],"
               "'not-evaluated':'$customerName','half':'{% no end'}"
            << "{'states':{'input':{'title':'Doctor'}},'n':'two'}"
            << "{'static':'Hello','title':'Doctor','list':[1,'two'],"
               "'not-evaluated':'$customerName','half':'{% no end'}";
        QTest::newRow("variables and the result")
            << "{'total':'{% $states.result.Payload.total * $rate %}'}"
            << "{'states':{'result':{'Payload':{'total':10}}},'rate':2}"
            << "{'total':20}";
        QTest::newRow("an expression may build objects")
            << "'{% {\\'ids\\': $states.input.items.id} %}'"
            << "{'states':{'input':{'items':[{'id':1},{'id':2}]}}}"
            << "{'ids':[1,2]}";
        QTest::newRow("no expression at all") << "{'a':[1,{'b':null}]}"
                                              << "{}"
                                              << "{'a':[1,{'b':null}]}";
    }
    void evaluates() {
        QFETCH(QString, field);
        QFETCH(QString, bindings);
        QFETCH(QString, expected);
        const JsonataTemplate t(quotedJson(field), "Output");
        const auto out = t.evaluate(quotedJson(bindings), 1, 0);
        QVERIFY2(out.ok(), out.ok() ? "" : out.error().cause.c_str());
        QCOMPARE(out.value(), quotedJson(expected));
    }

    void failures_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("causePart");
        QTest::newRow("undefined") << "{'x':'{% $states.input.missing %}'}"
                                   << "returned nothing (undefined)";
        QTest::newRow("type error") << "'{% \\'a\\' + 1 %}'"
                                    << "T2001";
        QTest::newRow("syntax error") << "'{% 1 + %}'"
                                      << "syntax error";
        QTest::newRow("$eval is not offered") << "'{% $eval(\\'1\\') %}'"
                                              << "T1006";
    }
    void failures() {
        QFETCH(QString, field);
        QFETCH(QString, causePart);
        const JsonataTemplate t(quotedJson(field), "Arguments");
        const auto out = t.evaluate(quotedJson("{'states':{'input':{}}}"), 1, 0);
        QVERIFY(!out.ok());
        QCOMPARE(out.error().error, std::string("States.QueryEvaluationError"));
        QVERIFY2(out.error().cause.find(causePart.toStdString()) != std::string::npos,
                 out.error().cause.c_str());
        QVERIFY(out.error().cause.find("'Arguments'") != std::string::npos);
    }

    void seededRandomIsReproducible() {
        const JsonataTemplate t(Json("{% $random() %}"), "Output");
        const auto a = t.evaluate(Json::object(), 7, 0);
        const auto b = t.evaluate(Json::object(), 7, 0);
        const auto c = t.evaluate(Json::object(), 8, 0);
        QVERIFY(a.ok() && b.ok() && c.ok());
        QCOMPARE(a.value(), b.value());
        QVERIFY(a.value() != c.value());
    }

    void nowIsTheGivenInstant() {
        const JsonataTemplate t(Json("{% $millis() %}"), "Output");
        const auto out = t.evaluate(Json::object(), 1, 1767225600000);
        QVERIFY(out.ok());
        QCOMPARE(out.value(), Json(1767225600000));
    }

    void expressionText() {
        QCOMPARE(jsonataExpressionText("{% 1 %}").value_or("?"), std::string(" 1 "));
        QVERIFY(!jsonataExpressionText("{% 1").has_value());
        QVERIFY(!jsonataExpressionText("1 %}").has_value());
    }
};

QTEST_APPLESS_MAIN(TestJsonataTemplate)
#include "TestJsonataTemplate.moc"
