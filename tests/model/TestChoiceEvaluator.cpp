// Choice rules: each of the 39 operators on resolved values (no paths involved), timestamps,
// wildcards and string order; then whole rules and selectChoice, which resolve the Variable and
// *Path operands through evaluatePath. JSON is written with ' for ".
#include "model/asl/eval/ChoiceEvaluator.h"
#include "model/asl/eval/ChoiceOperators.h"
#include "model/asl/eval/Timestamp.h"

#include "tests/common/EvalSupport.h"
#include "tests/common/QuotedJson.h"

#include <QtTest>

#include <map>
#include <string>

using namespace flowcast::model;
using namespace flowcast::model::eval;

namespace {

Json parse(const QString& singleQuoted) { return quotedJson(singleQuoted); }

// The state input, context object and variables every rule test runs against.
const Json& ruleInput() {
    static const Json input = parse(
        "{'s': 'abc', 'n': 5, 'f': 5.0, 'b': true, 'z': null, 'str5': '5', 'pattern': 'a*',"
        " 't': '2016-03-14T01:59:00Z', 't2': '2016-03-14T02:59:00+01:00', 'arr': [1, 2],"
        " 'o': {'k': 'v'}, 'type': 'Private', 'value': 22}");
    return input;
}

const Json& ruleContext() {
    static const Json context = parse("{'Execution': {'Name': 'run-1'}}");
    return context;
}

const JsonVariables& ruleVariables() {
    static const JsonVariables variables(parse("{'myVar': 7, 'obj': {'x': 'y'}}"));
    return variables;
}

Scope ruleScope() { return Scope{ruleInput(), ruleContext(), &ruleVariables(), nullptr}; }

QString invalidPath(const QString& path) {
    return "Invalid path '" + path + "': The choice state's condition path references an invalid value.";
}

QString deeplyNested(int depth) {
    QString rule = "{'Variable': '$.n', 'IsPresent': true}";
    for (int i = 0; i < depth; ++i) rule = "{'Not': " + rule + "}";
    return rule;
}

} // namespace

class TestChoiceEvaluator : public QObject {
    Q_OBJECT

private slots:
    // applyComparison(op, variable, operand): the operand is the rule's literal, or for *Path
    // operators the value the path resolved to. An empty variable means "does not exist".
    void operators_data() {
        QTest::addColumn<QString>("op");
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("operand");
        QTest::addColumn<bool>("expected");

        QTest::newRow("StringEquals same") << "StringEquals" << "'abc'" << "'abc'" << true;
        QTest::newRow("StringEquals differs") << "StringEquals" << "'abc'" << "'abd'" << false;
        QTest::newRow("StringEquals case") << "StringEquals" << "'ABC'" << "'abc'" << false;
        QTest::newRow("StringEquals number variable") << "StringEquals" << "1" << "'1'" << false;
        QTest::newRow("StringEquals null variable") << "StringEquals" << "null" << "'null'" << false;
        QTest::newRow("StringEquals timestamp is a string") << "StringEquals" << "'2016-08-18T17:33:00Z'" << "'2016-08-18T17:33:00Z'" << true;
        QTest::newRow("StringEqualsPath same") << "StringEqualsPath" << "'x'" << "'x'" << true;
        QTest::newRow("StringEqualsPath differs") << "StringEqualsPath" << "'x'" << "'y'" << false;
        QTest::newRow("StringEqualsPath number operand") << "StringEqualsPath" << "'1'" << "1" << false;
        QTest::newRow("StringEqualsPath both numbers") << "StringEqualsPath" << "1" << "1" << false;
        QTest::newRow("StringLessThan") << "StringLessThan" << "'abc'" << "'abd'" << true;
        QTest::newRow("StringLessThan greater") << "StringLessThan" << "'abd'" << "'abc'" << false;
        QTest::newRow("StringLessThan equal") << "StringLessThan" << "'abc'" << "'abc'" << false;
        QTest::newRow("StringLessThan prefix") << "StringLessThan" << "'ab'" << "'abc'" << true;
        QTest::newRow("StringLessThan uppercase first") << "StringLessThan" << "'Z'" << "'a'" << true;
        QTest::newRow("StringLessThan UTF-16 order") << "StringLessThan" << "'\\ud83d\\ude00'" << "'\\ufffd'" << true;
        QTest::newRow("StringLessThan number variable") << "StringLessThan" << "1" << "'2'" << false;
        QTest::newRow("StringLessThanPath") << "StringLessThanPath" << "'a'" << "'b'" << true;
        QTest::newRow("StringLessThanPath greater") << "StringLessThanPath" << "'b'" << "'a'" << false;
        QTest::newRow("StringLessThanPath number operand") << "StringLessThanPath" << "'a'" << "2" << false;
        QTest::newRow("StringGreaterThan") << "StringGreaterThan" << "'b'" << "'a'" << true;
        QTest::newRow("StringGreaterThan equal") << "StringGreaterThan" << "'a'" << "'a'" << false;
        QTest::newRow("StringGreaterThan accent after z") << "StringGreaterThan" << "'\\u00e9'" << "'z'" << true;
        QTest::newRow("StringGreaterThan boolean variable") << "StringGreaterThan" << "true" << "'a'" << false;
        QTest::newRow("StringGreaterThanPath") << "StringGreaterThanPath" << "'b'" << "'a'" << true;
        QTest::newRow("StringGreaterThanPath less") << "StringGreaterThanPath" << "'a'" << "'b'" << false;
        QTest::newRow("StringLessThanEquals equal") << "StringLessThanEquals" << "'a'" << "'a'" << true;
        QTest::newRow("StringLessThanEquals less") << "StringLessThanEquals" << "'a'" << "'b'" << true;
        QTest::newRow("StringLessThanEquals greater") << "StringLessThanEquals" << "'b'" << "'a'" << false;
        QTest::newRow("StringLessThanEqualsPath equal") << "StringLessThanEqualsPath" << "''" << "''" << true;
        QTest::newRow("StringLessThanEqualsPath greater") << "StringLessThanEqualsPath" << "'b'" << "'a'" << false;
        QTest::newRow("StringGreaterThanEquals equal") << "StringGreaterThanEquals" << "'a'" << "'a'" << true;
        QTest::newRow("StringGreaterThanEquals less") << "StringGreaterThanEquals" << "'a'" << "'b'" << false;
        QTest::newRow("StringGreaterThanEqualsPath greater") << "StringGreaterThanEqualsPath" << "'b'" << "'a'" << true;
        QTest::newRow("StringGreaterThanEqualsPath less") << "StringGreaterThanEqualsPath" << "'a'" << "'b'" << false;
        QTest::newRow("StringGreaterThanEqualsPath object operand") << "StringGreaterThanEqualsPath" << "'a'" << "{}" << false;

        QTest::newRow("StringMatches star") << "StringMatches" << "'log-2024.txt'" << "'log-*.txt'" << true;
        QTest::newRow("StringMatches other suffix") << "StringMatches" << "'log-2024.csv'" << "'log-*.txt'" << false;
        QTest::newRow("StringMatches escaped star") << "StringMatches" << "'log-*.txt'" << "'log-\\\\*.txt'" << true;
        QTest::newRow("StringMatches escaped star literal only") << "StringMatches" << "'log-1.txt'" << "'log-\\\\*.txt'" << false;
        QTest::newRow("StringMatches number variable") << "StringMatches" << "5" << "'*'" << false;

        QTest::newRow("NumericEquals int and float") << "NumericEquals" << "2" << "2.0" << true;
        QTest::newRow("NumericEquals float and int") << "NumericEquals" << "2.0" << "2" << true;
        QTest::newRow("NumericEquals differs") << "NumericEquals" << "2" << "3" << false;
        QTest::newRow("NumericEquals negative zero") << "NumericEquals" << "-0.0" << "0" << true;
        QTest::newRow("NumericEquals fraction") << "NumericEquals" << "1.5" << "1.5" << true;
        QTest::newRow("NumericEquals beyond 2^53") << "NumericEquals" << "9007199254740993" << "9007199254740992.0" << false;
        QTest::newRow("NumericEquals max unsigned") << "NumericEquals" << "18446744073709551615" << "18446744073709551615" << true;
        QTest::newRow("NumericEquals -1 vs max unsigned") << "NumericEquals" << "-1" << "18446744073709551615" << false;
        QTest::newRow("NumericEquals string variable") << "NumericEquals" << "'2'" << "2" << false;
        QTest::newRow("NumericEquals boolean variable") << "NumericEquals" << "true" << "1" << false;
        QTest::newRow("NumericEquals null variable") << "NumericEquals" << "null" << "0" << false;
        QTest::newRow("NumericEqualsPath") << "NumericEqualsPath" << "5" << "5.0" << true;
        QTest::newRow("NumericEqualsPath differs") << "NumericEqualsPath" << "5" << "6" << false;
        QTest::newRow("NumericEqualsPath string operand") << "NumericEqualsPath" << "5" << "'5'" << false;
        QTest::newRow("NumericLessThan") << "NumericLessThan" << "1" << "1.5" << true;
        QTest::newRow("NumericLessThan greater") << "NumericLessThan" << "2" << "1.5" << false;
        QTest::newRow("NumericLessThan equal") << "NumericLessThan" << "2" << "2.0" << false;
        QTest::newRow("NumericLessThan negatives") << "NumericLessThan" << "-2.5" << "-2" << true;
        QTest::newRow("NumericLessThan signed vs unsigned") << "NumericLessThan" << "-1" << "18446744073709551615" << true;
        QTest::newRow("NumericLessThan huge float") << "NumericLessThan" << "18446744073709551615" << "1e300" << true;
        QTest::newRow("NumericLessThan string variable") << "NumericLessThan" << "'1'" << "2" << false;
        QTest::newRow("NumericLessThanPath") << "NumericLessThanPath" << "1" << "2" << true;
        QTest::newRow("NumericLessThanPath greater") << "NumericLessThanPath" << "3" << "2" << false;
        QTest::newRow("NumericLessThanPath object operand") << "NumericLessThanPath" << "1" << "{'v': 2}" << false;
        QTest::newRow("NumericGreaterThan") << "NumericGreaterThan" << "3" << "2.5" << true;
        QTest::newRow("NumericGreaterThan equal") << "NumericGreaterThan" << "2" << "2.0" << false;
        QTest::newRow("NumericGreaterThan beyond 2^53") << "NumericGreaterThan" << "9007199254740993" << "9007199254740992.0" << true;
        QTest::newRow("NumericGreaterThan negative fraction") << "NumericGreaterThan" << "-2" << "-2.5" << true;
        QTest::newRow("NumericGreaterThanPath") << "NumericGreaterThanPath" << "3" << "2" << true;
        QTest::newRow("NumericGreaterThanPath less") << "NumericGreaterThanPath" << "1" << "2" << false;
        QTest::newRow("NumericLessThanEquals equal") << "NumericLessThanEquals" << "2" << "2.0" << true;
        QTest::newRow("NumericLessThanEquals greater") << "NumericLessThanEquals" << "3" << "2" << false;
        QTest::newRow("NumericLessThanEqualsPath less") << "NumericLessThanEqualsPath" << "-3" << "2" << true;
        QTest::newRow("NumericLessThanEqualsPath greater") << "NumericLessThanEqualsPath" << "3" << "2" << false;
        QTest::newRow("NumericGreaterThanEquals equal") << "NumericGreaterThanEquals" << "2.0" << "2" << true;
        QTest::newRow("NumericGreaterThanEquals less") << "NumericGreaterThanEquals" << "1" << "2" << false;
        QTest::newRow("NumericGreaterThanEqualsPath greater") << "NumericGreaterThanEqualsPath" << "0.5" << "0" << true;
        QTest::newRow("NumericGreaterThanEqualsPath less") << "NumericGreaterThanEqualsPath" << "-0.5" << "0" << false;
        QTest::newRow("NumericGreaterThanEqualsPath null operand") << "NumericGreaterThanEqualsPath" << "1" << "null" << false;

        QTest::newRow("BooleanEquals true") << "BooleanEquals" << "true" << "true" << true;
        QTest::newRow("BooleanEquals false false") << "BooleanEquals" << "false" << "false" << true;
        QTest::newRow("BooleanEquals differs") << "BooleanEquals" << "false" << "true" << false;
        QTest::newRow("BooleanEquals string variable") << "BooleanEquals" << "'true'" << "true" << false;
        QTest::newRow("BooleanEquals number variable") << "BooleanEquals" << "1" << "true" << false;
        QTest::newRow("BooleanEqualsPath") << "BooleanEqualsPath" << "true" << "true" << true;
        QTest::newRow("BooleanEqualsPath differs") << "BooleanEqualsPath" << "true" << "false" << false;
        QTest::newRow("BooleanEqualsPath string operand") << "BooleanEqualsPath" << "true" << "'true'" << false;

        QTest::newRow("TimestampEquals same") << "TimestampEquals" << "'2001-01-01T12:00:00Z'" << "'2001-01-01T12:00:00Z'" << true;
        QTest::newRow("TimestampEquals other offset") << "TimestampEquals" << "'2001-01-01T14:00:00+02:00'" << "'2001-01-01T12:00:00Z'" << true;
        QTest::newRow("TimestampEquals zero fraction") << "TimestampEquals" << "'2001-01-01T12:00:00.000Z'" << "'2001-01-01T12:00:00Z'" << true;
        QTest::newRow("TimestampEquals differs") << "TimestampEquals" << "'2001-01-01T12:00:01Z'" << "'2001-01-01T12:00:00Z'" << false;
        QTest::newRow("TimestampEquals not a timestamp") << "TimestampEquals" << "'yesterday'" << "'2001-01-01T12:00:00Z'" << false;
        QTest::newRow("TimestampEquals lowercase variable") << "TimestampEquals" << "'2001-01-01t12:00:00z'" << "'2001-01-01T12:00:00Z'" << false;
        QTest::newRow("TimestampEquals number variable") << "TimestampEquals" << "978350400" << "'2001-01-01T12:00:00Z'" << false;
        QTest::newRow("TimestampEqualsPath") << "TimestampEqualsPath" << "'2016-03-14T01:59:00Z'" << "'2016-03-14T02:59:00+01:00'" << true;
        QTest::newRow("TimestampEqualsPath differs") << "TimestampEqualsPath" << "'2016-03-14T01:59:00Z'" << "'2016-03-14T01:59:00+01:00'" << false;
        QTest::newRow("TimestampEqualsPath invalid operand") << "TimestampEqualsPath" << "'2016-03-14T01:59:00Z'" << "'2016-03-14'" << false;
        QTest::newRow("TimestampLessThan millisecond") << "TimestampLessThan" << "'2001-01-01T12:00:00Z'" << "'2001-01-01T12:00:00.001Z'" << true;
        QTest::newRow("TimestampLessThan offset is later") << "TimestampLessThan" << "'2001-01-01T12:00:00-01:00'" << "'2001-01-01T12:30:00Z'" << false;
        QTest::newRow("TimestampLessThan across midnight") << "TimestampLessThan" << "'2000-01-01T00:30:00+01:00'" << "'1999-12-31T23:45:00Z'" << true;
        QTest::newRow("TimestampLessThan equal") << "TimestampLessThan" << "'2001-01-01T12:00:00Z'" << "'2001-01-01T12:00:00Z'" << false;
        QTest::newRow("TimestampLessThanPath") << "TimestampLessThanPath" << "'2001-01-01T12:00:00Z'" << "'2001-01-02T12:00:00Z'" << true;
        QTest::newRow("TimestampLessThanPath later") << "TimestampLessThanPath" << "'2001-01-03T12:00:00Z'" << "'2001-01-02T12:00:00Z'" << false;
        QTest::newRow("TimestampGreaterThan fraction digits") << "TimestampGreaterThan" << "'2001-01-01T12:00:00.5Z'" << "'2001-01-01T12:00:00.49Z'" << true;
        QTest::newRow("TimestampGreaterThan equal") << "TimestampGreaterThan" << "'2001-01-01T12:00:00.5Z'" << "'2001-01-01T12:00:00.500Z'" << false;
        QTest::newRow("TimestampGreaterThan leap day") << "TimestampGreaterThan" << "'2024-02-29T00:00:00Z'" << "'2024-02-28T23:59:59.999Z'" << true;
        QTest::newRow("TimestampGreaterThanPath") << "TimestampGreaterThanPath" << "'2001-01-02T00:00:00Z'" << "'2001-01-01T00:00:00Z'" << true;
        QTest::newRow("TimestampGreaterThanPath earlier") << "TimestampGreaterThanPath" << "'2000-01-02T00:00:00Z'" << "'2001-01-01T00:00:00Z'" << false;
        QTest::newRow("TimestampLessThanEquals equal") << "TimestampLessThanEquals" << "'2001-01-01T12:00:00Z'" << "'2001-01-01T07:00:00-05:00'" << true;
        QTest::newRow("TimestampLessThanEquals later") << "TimestampLessThanEquals" << "'2001-01-01T12:00:01Z'" << "'2001-01-01T12:00:00Z'" << false;
        QTest::newRow("TimestampLessThanEqualsPath") << "TimestampLessThanEqualsPath" << "'1969-12-31T23:59:59.5Z'" << "'1970-01-01T00:00:00Z'" << true;
        QTest::newRow("TimestampLessThanEqualsPath later") << "TimestampLessThanEqualsPath" << "'1970-01-01T00:00:00.1Z'" << "'1970-01-01T00:00:00Z'" << false;
        QTest::newRow("TimestampGreaterThanEquals equal") << "TimestampGreaterThanEquals" << "'2001-01-01T12:00:00+00:00'" << "'2001-01-01T12:00:00-00:00'" << true;
        QTest::newRow("TimestampGreaterThanEquals earlier") << "TimestampGreaterThanEquals" << "'2001-01-01T11:59:59.999999999Z'" << "'2001-01-01T12:00:00Z'" << false;
        QTest::newRow("TimestampGreaterThanEqualsPath") << "TimestampGreaterThanEqualsPath" << "'2001-01-01T12:00:00Z'" << "'2001-01-01T11:00:00Z'" << true;
        QTest::newRow("TimestampGreaterThanEqualsPath number operand") << "TimestampGreaterThanEqualsPath" << "'2001-01-01T12:00:00Z'" << "0" << false;

        QTest::newRow("IsNull null") << "IsNull" << "null" << "true" << true;
        QTest::newRow("IsNull string") << "IsNull" << "'null'" << "true" << false;
        QTest::newRow("IsNull false on null") << "IsNull" << "null" << "false" << false;
        QTest::newRow("IsNull false on string") << "IsNull" << "'x'" << "false" << true;
        QTest::newRow("IsPresent absent") << "IsPresent" << "" << "true" << false;
        QTest::newRow("IsPresent false absent") << "IsPresent" << "" << "false" << true;
        QTest::newRow("IsPresent null is present") << "IsPresent" << "null" << "true" << true;
        QTest::newRow("IsPresent false present") << "IsPresent" << "0" << "false" << false;
        QTest::newRow("IsNumeric float") << "IsNumeric" << "1.5" << "true" << true;
        QTest::newRow("IsNumeric numeric string") << "IsNumeric" << "'1'" << "true" << false;
        QTest::newRow("IsNumeric boolean") << "IsNumeric" << "true" << "true" << false;
        QTest::newRow("IsNumeric false on string") << "IsNumeric" << "'a'" << "false" << true;
        QTest::newRow("IsString empty") << "IsString" << "''" << "true" << true;
        QTest::newRow("IsString number") << "IsString" << "1" << "true" << false;
        QTest::newRow("IsString false on array") << "IsString" << "['a']" << "false" << true;
        QTest::newRow("IsBoolean false") << "IsBoolean" << "false" << "true" << true;
        QTest::newRow("IsBoolean string") << "IsBoolean" << "'false'" << "true" << false;
        QTest::newRow("IsBoolean false on null") << "IsBoolean" << "null" << "false" << true;
        QTest::newRow("IsTimestamp") << "IsTimestamp" << "'2016-08-18T17:33:00Z'" << "true" << true;
        QTest::newRow("IsTimestamp offset and fraction") << "IsTimestamp" << "'2016-08-18T17:33:00.25+05:30'" << "true" << true;
        QTest::newRow("IsTimestamp date only") << "IsTimestamp" << "'2016-08-18'" << "true" << false;
        QTest::newRow("IsTimestamp February 30") << "IsTimestamp" << "'2016-02-30T00:00:00Z'" << "true" << false;
        QTest::newRow("IsTimestamp number") << "IsTimestamp" << "1471541580" << "true" << false;
        QTest::newRow("IsTimestamp false on text") << "IsTimestamp" << "'x'" << "false" << true;
    }
    void operators() {
        QFETCH(QString, op);
        QFETCH(QString, variable);
        QFETCH(QString, operand);
        QFETCH(bool, expected);
        const Json value = variable.isEmpty() ? Json() : parse(variable);
        const Result<bool> result =
            applyComparison(op.toStdString(), variable.isEmpty() ? nullptr : &value, parse(operand));
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().cause.c_str());
        QCOMPARE(result.value(), expected);
    }

    void every_operator_is_known() {
        const char* names[] = {
            "StringEquals", "StringEqualsPath", "StringLessThan", "StringLessThanPath",
            "StringGreaterThan", "StringGreaterThanPath", "StringLessThanEquals",
            "StringLessThanEqualsPath", "StringGreaterThanEquals", "StringGreaterThanEqualsPath",
            "StringMatches", "NumericEquals", "NumericEqualsPath", "NumericLessThan",
            "NumericLessThanPath", "NumericGreaterThan", "NumericGreaterThanPath",
            "NumericLessThanEquals", "NumericLessThanEqualsPath", "NumericGreaterThanEquals",
            "NumericGreaterThanEqualsPath", "BooleanEquals", "BooleanEqualsPath", "TimestampEquals",
            "TimestampEqualsPath", "TimestampLessThan", "TimestampLessThanPath",
            "TimestampGreaterThan", "TimestampGreaterThanPath", "TimestampLessThanEquals",
            "TimestampLessThanEqualsPath", "TimestampGreaterThanEquals",
            "TimestampGreaterThanEqualsPath", "IsNull", "IsPresent", "IsNumeric", "IsString",
            "IsBoolean", "IsTimestamp"};
        QCOMPARE(std::size(names), std::size_t(39));
        int withPath = 0;
        for (const char* name : names) {
            QVERIFY2(isComparisonOperator(name), name);
            QCOMPARE(hasPathOperand(name), QByteArray(name).endsWith("Path"));
            withPath += hasPathOperand(name);
        }
        QCOMPARE(withPath, 16);
        QVERIFY(!isComparisonOperator("And"));
        QVERIFY(!isComparisonOperator("StringMatchesPath"));
        QVERIFY(!isComparisonOperator("stringequals"));
    }

    // A malformed rule is an error with a cause, never an exception.
    void operator_errors_data() {
        QTest::addColumn<QString>("op");
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("operand");
        QTest::addColumn<QString>("cause");

        QTest::newRow("numeric literal is a string") << "NumericEquals" << "1" << "'1'" << "NumericEquals compares with a number, not \"1\"";
        QTest::newRow("string literal is a number") << "StringLessThan" << "'a'" << "1" << "StringLessThan compares with a string, not number";
        QTest::newRow("matches literal is null") << "StringMatches" << "'a'" << "null" << "StringMatches compares with a string, not null";
        QTest::newRow("boolean literal is a string") << "BooleanEquals" << "true" << "'true'" << "BooleanEquals compares with true or false, not \"true\"";
        QTest::newRow("timestamp literal invalid") << "TimestampEquals" << "'2001-01-01T12:00:00Z'" << "'2001-01-01'" << "TimestampEquals compares with an RFC 3339 timestamp, not \"2001-01-01\"";
        QTest::newRow("timestamp literal number") << "TimestampLessThan" << "'2001-01-01T12:00:00Z'" << "0" << "TimestampLessThan compares with an RFC 3339 timestamp, not number";
        QTest::newRow("IsNull takes a boolean") << "IsNull" << "null" << "'yes'" << "IsNull takes true or false, not \"yes\"";
        QTest::newRow("IsPresent takes a boolean") << "IsPresent" << "" << "1" << "IsPresent takes true or false, not number";
        QTest::newRow("unknown operator") << "StringContains" << "'a'" << "'a'" << "\"StringContains\" is not a Choice comparison operator";
        QTest::newRow("absent variable") << "IsNull" << "" << "true" << "IsNull needs a Variable that exists";
    }
    void operator_errors() {
        QFETCH(QString, op);
        QFETCH(QString, variable);
        QFETCH(QString, operand);
        QFETCH(QString, cause);
        const Json value = variable.isEmpty() ? Json() : parse(variable);
        const Result<bool> result =
            applyComparison(op.toStdString(), variable.isEmpty() ? nullptr : &value, parse(operand));
        QVERIFY(!result.ok());
        QCOMPARE(QString::fromStdString(result.error().error), QString("States.Runtime"));
        QCOMPARE(QString::fromStdString(result.error().cause), cause);
    }

    void wildcards_data() {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("expected");

        QTest::newRow("star in the middle") << "log-*.txt" << "log-2024.txt" << true;
        QTest::newRow("star matches nothing") << "log-*.txt" << "log-.txt" << true;
        QTest::newRow("star alone, empty text") << "*" << "" << true;
        QTest::newRow("empty pattern, empty text") << "" << "" << true;
        QTest::newRow("empty pattern") << "" << "a" << false;
        QTest::newRow("needs a character") << "a*" << "" << false;
        QTest::newRow("several stars") << "*a*b*" << "xxaybz" << true;
        QTest::newRow("must end with b") << "*a*b" << "xxaybz" << false;
        QTest::newRow("double star") << "a**b" << "ab" << true;
        QTest::newRow("backtracks") << "*aab" << "aaab" << true;
        QTest::newRow("no star, exact") << "abc" << "abc" << true;
        QTest::newRow("no star, longer text") << "abc" << "abcd" << false;
        QTest::newRow("case sensitive") << "ABC" << "abc" << false;
        QTest::newRow("question mark is literal") << "a?" << "ab" << false;
        QTest::newRow("question mark matches itself") << "a?" << "a?" << true;
        QTest::newRow("escaped star") << "log-\\*.txt" << "log-*.txt" << true;
        QTest::newRow("escaped star is no wildcard") << "log-\\*.txt" << "log-1.txt" << false;
        QTest::newRow("escaped backslash then star") << "C:\\\\*" << "C:\\temp" << true;
        QTest::newRow("escaped backslash needs it") << "C:\\\\*" << "C:temp" << false;
        QTest::newRow("other backslash is literal") << "a\\b" << "a\\b" << true;
        QTest::newRow("trailing backslash is literal") << "a\\" << "a\\" << true;
        QTest::newRow("unicode literal") << "caf\xc3\xa9*" << "caf\xc3\xa9 noir" << true;
        QTest::newRow("star over unicode") << "h*llo" << "h\xc3\xa9llo" << true;
    }
    void wildcards() {
        QFETCH(QString, pattern);
        QFETCH(QString, text);
        QFETCH(bool, expected);
        QCOMPARE(matchesWildcard(text.toStdString(), pattern.toStdString()), expected);
    }

    // Java's String.compareTo: UTF-16 code units, not code points.
    void string_order_data() {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<int>("expected");

        QTest::newRow("less") << "a" << "b" << -1;
        QTest::newRow("greater") << "b" << "a" << 1;
        QTest::newRow("equal") << "abc" << "abc" << 0;
        QTest::newRow("empty first") << "" << "a" << -1;
        QTest::newRow("uppercase before lowercase") << "Z" << "a" << -1;
        QTest::newRow("prefix first") << "ab" << "abc" << -1;
        QTest::newRow("two-byte after ASCII") << "\xc3\xa9" << "z" << 1;
        QTest::newRow("U+FFFD after U+1F600") << "\xef\xbf\xbd" << "\xf0\x9f\x98\x80" << 1;
        QTest::newRow("U+1F600 before U+E000") << "\xf0\x9f\x98\x80" << "\xee\x80\x80" << -1;
        QTest::newRow("supplementary by code point") << "\xf0\x9f\x98\x80" << "\xf0\x9f\x98\x81" << -1;
    }
    void string_order() {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(int, expected);
        QCOMPARE(compareStrings(a.toStdString(), b.toStdString()), expected);
    }

    void timestamp_formats_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");

        QTest::newRow("Z") << "2016-03-14T01:59:00Z" << true;
        QTest::newRow("fraction") << "2016-03-14T01:59:00.123Z" << true;
        QTest::newRow("nanoseconds and more") << "2016-03-14T01:59:00.1234567891Z" << true;
        QTest::newRow("positive offset") << "2016-03-14T01:59:00+05:30" << true;
        QTest::newRow("negative offset") << "2016-03-14T01:59:00-08:00" << true;
        QTest::newRow("minus zero offset") << "2016-03-14T01:59:00.5-00:00" << true;
        QTest::newRow("leap day") << "2024-02-29T00:00:00Z" << true;
        QTest::newRow("leap day 2000") << "2000-02-29T00:00:00Z" << true;
        QTest::newRow("leap second") << "2016-12-31T23:59:60Z" << true;
        QTest::newRow("lowercase t") << "2016-03-14t01:59:00Z" << false;
        QTest::newRow("lowercase z") << "2016-03-14T01:59:00z" << false;
        QTest::newRow("space separator") << "2016-03-14 01:59:00Z" << false;
        QTest::newRow("no zone") << "2016-03-14T01:59:00" << false;
        QTest::newRow("no seconds") << "2016-03-14T01:59Z" << false;
        QTest::newRow("empty fraction") << "2016-03-14T01:59:00.Z" << false;
        QTest::newRow("two fractions") << "2016-03-14T01:59:00.1.2Z" << false;
        QTest::newRow("month 13") << "2016-13-14T01:59:00Z" << false;
        QTest::newRow("month 0") << "2016-00-14T01:59:00Z" << false;
        QTest::newRow("day 0") << "2016-03-00T01:59:00Z" << false;
        QTest::newRow("no leap day 2023") << "2023-02-29T00:00:00Z" << false;
        QTest::newRow("no leap day 1900") << "1900-02-29T00:00:00Z" << false;
        QTest::newRow("April 31") << "2016-04-31T00:00:00Z" << false;
        QTest::newRow("hour 24") << "2016-03-14T24:00:00Z" << false;
        QTest::newRow("minute 60") << "2016-03-14T01:60:00Z" << false;
        QTest::newRow("second 61") << "2016-03-14T01:59:61Z" << false;
        QTest::newRow("offset without colon") << "2016-03-14T01:59:00+0530" << false;
        QTest::newRow("offset hour 24") << "2016-03-14T01:59:00+24:00" << false;
        QTest::newRow("offset minute 60") << "2016-03-14T01:59:00+05:60" << false;
        QTest::newRow("offset and Z") << "2016-03-14T01:59:00+05:00Z" << false;
        QTest::newRow("two-digit year") << "16-03-14T01:59:00Z" << false;
        QTest::newRow("one-digit month") << "2016-3-14T01:59:00Z" << false;
        QTest::newRow("trailing space") << "2016-03-14T01:59:00Z " << false;
        QTest::newRow("sign before year") << "+2016-03-14T01:59:00Z" << false;
        QTest::newRow("empty") << "" << false;
    }
    void timestamp_formats() {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QCOMPARE(parseTimestamp(text.toStdString()).has_value(), valid);
    }

    void timestamp_instants_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("epochSeconds");
        QTest::addColumn<QString>("fraction");

        QTest::newRow("epoch") << "1970-01-01T00:00:00Z" << qint64(0) << "";
        QTest::newRow("Z") << "2016-03-14T01:59:00Z" << qint64(1457920740) << "";
        QTest::newRow("offset east") << "2016-03-14T07:29:00+05:30" << qint64(1457920740) << "";
        QTest::newRow("offset west") << "2016-03-13T17:59:00-08:00" << qint64(1457920740) << "";
        QTest::newRow("trailing zeros dropped") << "2016-03-14T01:59:00.120Z" << qint64(1457920740) << "12";
        QTest::newRow("before the epoch") << "1969-12-31T23:59:59.5Z" << qint64(-1) << "5";
        QTest::newRow("after a leap day") << "2000-03-01T00:00:00Z" << qint64(951868800) << "";
        QTest::newRow("year 1") << "0001-01-01T00:00:00Z" << qint64(-62135596800) << "";
        QTest::newRow("year 9999") << "9999-12-31T23:59:59Z" << qint64(253402300799) << "";
        QTest::newRow("leap second is the next minute") << "2016-12-31T23:59:60Z" << qint64(1483228800) << "";
    }
    void timestamp_instants() {
        QFETCH(QString, text);
        QFETCH(qint64, epochSeconds);
        QFETCH(QString, fraction);
        const auto t = parseTimestamp(text.toStdString());
        QVERIFY(t.has_value());
        QCOMPARE(qint64(t->epochSeconds), epochSeconds);
        QCOMPARE(QString::fromStdString(t->fraction), fraction);
    }

    // Whole rules against ruleInput(); these resolve paths through evaluatePath. An empty cause
    // means the rule evaluates to `expected`.
    void rules_data() {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<bool>("expected");
        QTest::addColumn<QString>("cause");

        QTest::newRow("string equals") << "{'Variable': '$.s', 'StringEquals': 'abc', 'Next': 'X'}" << true << "";
        QTest::newRow("nested field") << "{'Variable': '$.o.k', 'StringEquals': 'v'}" << true << "";
        QTest::newRow("array element") << "{'Variable': '$.arr[1]', 'NumericEquals': 2}" << true << "";
        QTest::newRow("whole input") << "{'Variable': '$', 'IsPresent': true}" << true << "";
        QTest::newRow("wrong type is false") << "{'Variable': '$.str5', 'NumericEquals': 5}" << false << "";
        QTest::newRow("string matches") << "{'Variable': '$.s', 'StringMatches': 'a*c'}" << true << "";
        QTest::newRow("context object") << "{'Variable': '$$.Execution.Name', 'StringEquals': 'run-1'}" << true << "";
        QTest::newRow("workflow variable") << "{'Variable': '$myVar', 'NumericEquals': 7}" << true << "";
        QTest::newRow("workflow variable field") << "{'Variable': '$obj.x', 'StringEquals': 'y'}" << true << "";

        QTest::newRow("missing variable") << "{'Variable': '$.missing', 'StringEquals': 'abc'}" << false << invalidPath("$.missing");
        QTest::newRow("missing nested variable") << "{'Variable': '$.o.nope', 'NumericEquals': 1}" << false << invalidPath("$.o.nope");
        QTest::newRow("missing variable, IsNull") << "{'Variable': '$.missing', 'IsNull': true}" << false << invalidPath("$.missing");
        QTest::newRow("missing variable, IsString false") << "{'Variable': '$.missing', 'IsString': false}" << false << invalidPath("$.missing");
        QTest::newRow("missing variable, IsNumeric") << "{'Variable': '$.missing', 'IsNumeric': true}" << false << invalidPath("$.missing");
        QTest::newRow("missing workflow variable") << "{'Variable': '$nope', 'NumericEquals': 1}" << false << invalidPath("$nope");
        QTest::newRow("IsPresent missing") << "{'Variable': '$.missing', 'IsPresent': true}" << false << "";
        QTest::newRow("IsPresent false missing") << "{'Variable': '$.missing', 'IsPresent': false}" << true << "";
        QTest::newRow("IsPresent false missing nested") << "{'Variable': '$.missing.deeper', 'IsPresent': false}" << true << "";
        QTest::newRow("IsPresent false unknown variable") << "{'Variable': '$nope', 'IsPresent': false}" << true << "";
        QTest::newRow("IsPresent null field") << "{'Variable': '$.z', 'IsPresent': true}" << true << "";
        QTest::newRow("IsNull null field") << "{'Variable': '$.z', 'IsNull': true}" << true << "";

        QTest::newRow("numeric path") << "{'Variable': '$.n', 'NumericEqualsPath': '$.f'}" << true << "";
        QTest::newRow("numeric path less") << "{'Variable': '$.n', 'NumericLessThanPath': '$.arr[1]'}" << false << "";
        QTest::newRow("path operand wrong type") << "{'Variable': '$.n', 'NumericEqualsPath': '$.str5'}" << false << "";
        QTest::newRow("path operand missing") << "{'Variable': '$.n', 'NumericLessThanPath': '$.missing'}" << false << invalidPath("$.missing");
        QTest::newRow("variable wrong type, path missing") << "{'Variable': '$.s', 'NumericEqualsPath': '$.missing'}" << false << invalidPath("$.missing");
        QTest::newRow("timestamp path") << "{'Variable': '$.t', 'TimestampEqualsPath': '$.t2'}" << true << "";
        QTest::newRow("string path") << "{'Variable': '$.s', 'StringGreaterThanPath': '$.type'}" << true << "";
        QTest::newRow("boolean path") << "{'Variable': '$.b', 'BooleanEqualsPath': '$.b'}" << true << "";
        QTest::newRow("path into variables") << "{'Variable': '$.n', 'NumericLessThanPath': '$myVar'}" << true << "";
        QTest::newRow("path operand not a string") << "{'Variable': '$.n', 'NumericEqualsPath': 5}" << false << "NumericEqualsPath takes a path, not number";
        QTest::newRow("literal of the wrong type") << "{'Variable': '$.n', 'NumericEquals': '5'}" << false << "NumericEquals compares with a number, not \"5\"";

        QTest::newRow("not") << "{'Not': {'Variable': '$.s', 'StringEquals': 'x'}, 'Next': 'X'}" << true << "";
        QTest::newRow("not not") << "{'Not': {'Not': {'Variable': '$.b', 'BooleanEquals': true}}}" << true << "";
        QTest::newRow("and true") << "{'And': [{'Variable': '$.n', 'NumericGreaterThan': 1}, {'Variable': '$.n', 'NumericLessThan': 10}]}" << true << "";
        QTest::newRow("and false") << "{'And': [{'Variable': '$.n', 'NumericGreaterThan': 1}, {'Variable': '$.n', 'NumericLessThan': 5}]}" << false << "";
        QTest::newRow("or true") << "{'Or': [{'Variable': '$.n', 'NumericEquals': 1}, {'Variable': '$.n', 'NumericEquals': 5}]}" << true << "";
        QTest::newRow("or false") << "{'Or': [{'Variable': '$.n', 'NumericEquals': 1}, {'Variable': '$.n', 'NumericEquals': 2}]}" << false << "";
        QTest::newRow("and stops at IsPresent") << "{'And': [{'Variable': '$.missing', 'IsPresent': true}, {'Variable': '$.missing', 'StringEquals': 'foo'}]}" << false << "";
        QTest::newRow("or stops at first true") << "{'Or': [{'Variable': '$.s', 'IsPresent': true}, {'Variable': '$.missing', 'StringEquals': 'foo'}]}" << true << "";
        QTest::newRow("and reaches missing") << "{'And': [{'Variable': '$.s', 'IsPresent': true}, {'Variable': '$.missing', 'StringEquals': 'foo'}]}" << false << invalidPath("$.missing");
        QTest::newRow("not of an error") << "{'Not': {'Variable': '$.missing', 'StringEquals': 'foo'}}" << false << invalidPath("$.missing");
        QTest::newRow("nested and, or, not")
            << "{'Or': [{'And': [{'Variable': '$.n', 'NumericGreaterThan': 1}, {'Not': {'Variable': '$.n', 'NumericGreaterThanEquals': 5}}]},"
               " {'Not': {'Not': {'Variable': '$.b', 'BooleanEquals': true}}}]}"
            << true << "";
        QTest::newRow("AWS example: not private") << "{'Not': {'Variable': '$.type', 'StringEquals': 'Private'}, 'Next': 'Public'}" << false << "";
        QTest::newRow("AWS example: in twenties") << "{'And': [{'Variable': '$.value', 'NumericGreaterThanEquals': 20}, {'Variable': '$.value', 'NumericLessThan': 30}], 'Next': 'ValueInTwenties'}" << true << "";
        QTest::newRow("64 levels") << deeplyNested(64) << true << "";
    }
    void rules() {
        QFETCH(QString, rule);
        QFETCH(bool, expected);
        QFETCH(QString, cause);
        const Result<bool> result = evaluateChoiceRule(parse(rule), ruleScope());
        if (cause.isEmpty()) {
            QVERIFY2(result.ok(), result.ok() ? "" : result.error().cause.c_str());
            QCOMPARE(result.value(), expected);
        } else {
            QVERIFY(!result.ok());
            QCOMPARE(QString::fromStdString(result.error().error), QString("States.Runtime"));
            QCOMPARE(QString::fromStdString(result.error().cause), cause);
        }
    }

    // Malformed rules fail before any path is resolved.
    void malformed_rules_data() {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("cause");

        QTest::newRow("not an object") << "5" << "a Choice rule must be an object, not number";
        QTest::newRow("no operator") << "{'Variable': '$.s', 'Next': 'X'}" << "a Choice rule needs one comparison operator (or And, Or, Not)";
        QTest::newRow("two operators") << "{'Variable': '$.s', 'StringEquals': 'a', 'StringLessThan': 'b'}" << "a Choice rule holds exactly one comparison operator";
        QTest::newRow("operator and And") << "{'And': [], 'Not': {}}" << "a Choice rule holds exactly one comparison operator";
        QTest::newRow("lowercase operator") << "{'Variable': '$.s', 'stringEquals': 'a'}" << "a Choice rule needs one comparison operator (or And, Or, Not)";
        QTest::newRow("no Variable") << "{'StringEquals': 'a'}" << "StringEquals needs a Variable path";
        QTest::newRow("Variable not a string") << "{'Variable': 5, 'IsNull': true}" << "IsNull needs a Variable path";
        QTest::newRow("empty And") << "{'And': []}" << "And takes a non-empty array of rules";
        QTest::newRow("Or of an object") << "{'Or': {}}" << "Or takes a non-empty array of rules";
        QTest::newRow("Not of an array") << "{'Not': [{'Variable': '$.s', 'IsNull': true}]}" << "Not takes one rule object, not array";
        QTest::newRow("And of a number") << "{'And': [1]}" << "a Choice rule must be an object, not number";
        QTest::newRow("JSONata rule") << "{'Condition': true, 'Next': 'X'}" << "a JSONata Choice rule (Condition) is not evaluated as a JSONPath rule";
        QTest::newRow("65 levels") << deeplyNested(65) << "Choice rules nest too deep";
    }
    void malformed_rules() {
        QFETCH(QString, rule);
        QFETCH(QString, cause);
        const Json input = Json::object();
        const Json context = Json::object();
        const Result<bool> result = evaluateChoiceRule(parse(rule), Scope{input, context});
        QVERIFY(!result.ok());
        QCOMPARE(QString::fromStdString(result.error().error), QString("States.Runtime"));
        QCOMPARE(QString::fromStdString(result.error().cause), cause);
    }

    // selectChoice: rules in order, the first true wins and later rules are not evaluated.
    // `expected` is the index, -1 for no match, -2 for an error with `cause`.
    void select_choice_data() {
        QTest::addColumn<QString>("choices");
        QTest::addColumn<int>("expected");
        QTest::addColumn<QString>("cause");

        const QString is1 = "{'Variable': '$.n', 'NumericEquals': 1, 'Next': 'A'}";
        const QString is5 = "{'Variable': '$.n', 'NumericEquals': 5, 'Next': 'B'}";
        const QString atLeast5 = "{'Variable': '$.n', 'NumericGreaterThanEquals': 5, 'Next': 'C'}";
        const QString missing = "{'Variable': '$.missing', 'NumericEquals': 5, 'Next': 'D'}";
        QTest::newRow("second of two true") << "[" + is1 + ", " + is5 + ", " + atLeast5 + "]" << 1 << "";
        QTest::newRow("first true") << "[" + atLeast5 + ", " + is5 + "]" << 0 << "";
        QTest::newRow("none") << "[" + is1 + "]" << -1 << "";
        QTest::newRow("later error not reached") << "[" + is5 + ", " + missing + "]" << 0 << "";
        QTest::newRow("error before a match") << "[" + is1 + ", " + missing + ", " + is5 + "]" << -2 << invalidPath("$.missing");
    }
    void select_choice() {
        QFETCH(QString, choices);
        QFETCH(int, expected);
        QFETCH(QString, cause);
        const auto result = selectChoice(parse(choices), ruleScope());
        if (expected == -2) {
            QVERIFY(!result.ok());
            QCOMPARE(QString::fromStdString(result.error().error), QString("States.Runtime"));
            QCOMPARE(QString::fromStdString(result.error().cause), cause);
            return;
        }
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().cause.c_str());
        QCOMPARE(result.value().has_value(), expected >= 0);
        if (expected >= 0) QCOMPARE(int(*result.value()), expected);
    }

    // Without paths: the shape of Choices itself.
    void select_choice_shape() {
        const Json input = Json::object();
        const Json context = Json::object();
        const Scope scope{input, context};
        const auto notArray = selectChoice(parse("{'Variable': '$', 'IsPresent': true}"), scope);
        QVERIFY(!notArray.ok());
        QCOMPARE(QString::fromStdString(notArray.error().cause),
                 QString("Choices must be an array of rules, not object"));
        const auto empty = selectChoice(Json::array(), scope);
        QVERIFY(empty.ok());
        QVERIFY(!empty.value().has_value());
        const auto malformed = selectChoice(parse("[{'And': []}]"), scope);
        QVERIFY(!malformed.ok());
        QCOMPARE(QString::fromStdString(malformed.error().cause),
                 QString("And takes a non-empty array of rules"));
    }
};

QTEST_APPLESS_MAIN(TestChoiceEvaluator)
#include "TestChoiceEvaluator.moc"
