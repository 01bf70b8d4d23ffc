// Intrinsic functions, ".$" values and payload templates. Happy paths are the examples of AWS's
// "Intrinsic functions for JSONPath states" page and ASL Appendix B, with their inputs; results
// are compared as exact JSON text, failures as "ERROR <name>: <cause>".
// JSON below is written with ' for " (and \' for a real ').
#include "model/asl/PathSyntax.h"
#include "model/asl/eval/Intrinsics.h"
#include "model/asl/eval/JsonPath.h"

#include <QRegularExpression>
#include "tests/common/EvalSupport.h"
#include "tests/common/QuotedJson.h"

#include <QtTest>

#include <set>

using namespace flowcast::model;
using namespace flowcast::model::eval;

namespace {

Json parse(const QString& singleQuoted) { return quotedJson(singleQuoted); }

QString describe(const Result<Json>& result) { return describeResult(result, "ERROR "); }

QString dumped(const QString& singleQuoted) {
    return QString::fromStdString(parse(singleQuoted).dump());
}

// xorshift64*: a fixed, seedable stream of 64-bit words.
class XorShiftRandom : public RandomSource {
public:
    explicit XorShiftRandom(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next() override {
        m_state ^= m_state >> 12;
        m_state ^= m_state << 25;
        m_state ^= m_state >> 27;
        return m_state * 2685821657736338717ULL;
    }

private:
    std::uint64_t m_state;
};

class ConstantRandom : public RandomSource {
public:
    explicit ConstantRandom(std::uint64_t value) : m_value(value) {}
    std::uint64_t next() override { return m_value; }

private:
    std::uint64_t m_value;
};

const char* const kContext =
    "{'Execution': {'Name': 'run-9', 'Input': {'suffix': 'run'}}, 'State': {'Name': 'S'}}";
const char* const kVariables = "{'greeting': 'hey', 'nums': [2, 4]}";

// Evaluates with `input` as $, kContext as $$ and kVariables as the variables.
QString evaluate(const QString& expression, const QString& input = "{}",
                 RandomSource* random = nullptr) {
    const Json in = parse(input);
    const Json context = parse(kContext);
    const JsonVariables variables(parse(kVariables));
    const Scope scope{in, context, &variables, random};
    return describe(evaluateIntrinsic(expression.toStdString(), scope));
}

QString evaluateTemplate(const QString& payloadTemplate, const QString& input) {
    const Json in = parse(input);
    const Json context = parse(kContext);
    const JsonVariables variables(parse(kVariables));
    const Scope scope{in, context, &variables, nullptr};
    return describe(evaluatePayloadTemplate(parse(payloadTemplate), scope));
}

// "States.Array(" n times: n calls nested in one another.
QString nestedArrays(int depth) {
    return QString("States.Array(").repeated(depth) + QString(")").repeated(depth);
}

QString fail(const QString& function, const QString& detail) {
    return "ERROR States.IntrinsicFailure: Invalid arguments in " + function + ": " + detail;
}

// The ASL spec's input for its Appendix B examples, and the AWS guide's inputs.
const char* const kSpecInput =
    "{'name': 'Foo', 'zebra': 'stripe', 'someString': '{\\\"number\\\": 20}', "
    "'someJson': {'name': 'Foo', 'year': 2020}}";
const char* const kGuideInput =
    "{'Id': 123456, 'inputArray': [1,2,3,4,5,6,7,8,9], 'lookingFor': 5, 'index': 5, "
    "'dupes': [1,2,3,3,3,3,3,3,4], 'input': 'Data to encode', 'base64': 'RGF0YSB0byBlbmNvZGU=', "
    "'Data': 'input data', 'Algorithm': 'SHA-1', "
    "'json1': {'a': {'a1': 1, 'a2': 2}, 'b': 2}, 'json2': {'a': {'a3': 1, 'a4': 2}, 'c': 3}, "
    "'start': 1, 'end': 999, 'value1': 111, 'step': -1, "
    "'inputString': '1,2,3,4,5', 'splitter': ',', 'multi': 'This.is+a,test=string', "
    "'multiSplitter': '.+,=', 'template': 'Hello, my name is {}.', 'person': 'Arnav', "
    "'escapedJsonString': '{\\\"foo\\\": \\\"bar\\\"}', 'unescapedJson': {'foo': 'bar'}, "
    "'ImageRecipe': {'Arn': 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/r/1.0.2'}}";

} // namespace

class TestIntrinsics : public QObject {
    Q_OBJECT

private slots:
    // Every function with literal arguments only (no path evaluation involved).
    void literalArguments_data() {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("expected");

        QTest::newRow("Format guide") << "States.Format('Hello, my name is {}.', 'Arnav')" << "'Hello, my name is Arnav.'";
        QTest::newRow("Format spec") << "States.Format('Your name is {}, we are in the year {}', 'Foo', 2020)" << "'Your name is Foo, we are in the year 2020'";
        QTest::newRow("Format scalars") << "States.Format('{}|{}|{}|{}|{}', 'x', -1, 3.5, false, null)" << "'x|-1|3.5|false|null'";
        QTest::newRow("Format no placeholder") << "States.Format('plain')" << "'plain'";
        QTest::newRow("Format escaped braces") << "States.Format('\\{\\} and {}', 'x')" << "'{} and x'";
        QTest::newRow("Format escaped quote") << "States.Format('it\\'s {}', 'ok')" << "'it\\'s ok'";
        QTest::newRow("Format escaped backslash") << "States.Format('a\\\\b {}', 'c')" << "'a\\\\b c'";
        QTest::newRow("Format whitespace kept") << "States.Format('  {}  ', 'x')" << "'  x  '";
        QTest::newRow("Format nested") << "States.Format('{} items', States.ArrayLength(States.Array(1, 2)))" << "'2 items'";
        QTest::newRow("StringToJson") << "States.StringToJson('\\{\"number\": 20\\}')" << "{'number': 20}";
        QTest::newRow("StringToJson scalar") << "States.StringToJson('[1, true]')" << "[1, true]";
        QTest::newRow("JsonToString nested call") << "States.JsonToString(States.Array(1, 'a'))" << "'[1,\\\"a\\\"]'";
        QTest::newRow("Array") << "States.Array('Foo', 2020, null, true)" << "['Foo', 2020, null, true]";
        QTest::newRow("Array empty") << "States.Array()" << "[]";
        QTest::newRow("Array spaces") << "States.Array( 1 ,2 )" << "[1, 2]";
        QTest::newRow("ArrayPartition") << "States.ArrayPartition(States.Array(1,2,3,4,5,6,7,8,9),4)" << "[[1,2,3,4],[5,6,7,8],[9]]";
        QTest::newRow("ArrayPartition rounds 2.5 up") << "States.ArrayPartition(States.Array(1,2,3,4), 2.5)" << "[[1,2,3],[4]]";
        QTest::newRow("ArrayPartition empty") << "States.ArrayPartition(States.Array(), 2)" << "[]";
        QTest::newRow("ArrayContains") << "States.ArrayContains(States.Array(1,2,3,4,5,6,7,8,9), 5)" << "true";
        QTest::newRow("ArrayContains absent") << "States.ArrayContains(States.Array(1,2,3), 5)" << "false";
        QTest::newRow("ArrayContains null") << "States.ArrayContains(States.Array(1, null), null)" << "true";
        QTest::newRow("ArrayContains 1.0 is 1") << "States.ArrayContains(States.Array(1), 1.0)" << "true";
        QTest::newRow("ArrayContains no bool coercion") << "States.ArrayContains(States.Array(0, 1), false)" << "false";
        QTest::newRow("ArrayContains no string coercion") << "States.ArrayContains(States.Array('true'), true)" << "false";
        QTest::newRow("ArrayContains key order") << "States.ArrayContains(States.Array(States.StringToJson('\\{\"a\":1,\"b\":2\\}')), States.StringToJson('\\{\"b\":2,\"a\":1\\}'))" << "true";
        QTest::newRow("ArrayContains extra key") << "States.ArrayContains(States.Array(States.StringToJson('\\{\"a\":1\\}')), States.StringToJson('\\{\"a\":1,\"x\":null\\}'))" << "false";
        QTest::newRow("ArrayRange guide") << "States.ArrayRange(1, 9, 2)" << "[1,3,5,7,9]";
        QTest::newRow("ArrayRange crosses zero") << "States.ArrayRange(-2, 2, 2)" << "[-2,0,2]";
        QTest::newRow("ArrayRange descending") << "States.ArrayRange(5, 1, -2)" << "[5,3,1]";
        QTest::newRow("ArrayRange wrong direction") << "States.ArrayRange(5, 1, 1)" << "[]";
        QTest::newRow("ArrayRange single") << "States.ArrayRange(3, 3, -1)" << "[3]";
        QTest::newRow("ArrayRange rounds") << "States.ArrayRange(1.4, 5.6, 2.2)" << "[1,3,5]";
        QTest::newRow("ArrayGetItem") << "States.ArrayGetItem(States.Array(1,2,3,4,5,6,7,8,9), 5)" << "6";
        QTest::newRow("ArrayGetItem string") << "States.ArrayGetItem(States.Array('x', 'y', 'z'), 1)" << "'y'";
        QTest::newRow("ArrayGetItem 2.0") << "States.ArrayGetItem(States.Array('x', 'y', 'z'), 2.0)" << "'z'";
        QTest::newRow("ArrayLength") << "States.ArrayLength(States.Array(1,2,3,4,5,6,7,8,9))" << "9";
        QTest::newRow("ArrayLength empty") << "States.ArrayLength(States.Array())" << "0";
        QTest::newRow("ArrayUnique") << "States.ArrayUnique(States.Array(1,2,3,3,3,3,3,3,4))" << "[1,2,3,4]";
        QTest::newRow("ArrayUnique mixed") << "States.ArrayUnique(States.Array(null, null, true, 1, 1.0, 'a', 'a', States.Array(), States.Array()))" << "[null, true, 1, 'a', []]";
        QTest::newRow("Base64Encode") << "States.Base64Encode('Data to encode')" << "'RGF0YSB0byBlbmNvZGU='";
        QTest::newRow("Base64Encode one pad") << "States.Base64Encode('ab')" << "'YWI='";
        QTest::newRow("Base64Encode two pads") << "States.Base64Encode('a')" << "'YQ=='";
        QTest::newRow("Base64Encode empty") << "States.Base64Encode('')" << "''";
        QTest::newRow("Base64Encode UTF-8") << QString::fromUtf8("States.Base64Encode('\u2713')") << "'4pyT'";
        // The guide shows "Decoded data" here; its input is the encoding of "Data to encode".
        QTest::newRow("Base64Decode") << "States.Base64Decode('RGF0YSB0byBlbmNvZGU=')" << "'Data to encode'";
        QTest::newRow("Base64Decode UTF-8") << "States.Base64Decode('4pyT')" << "'\\u2713'";
        QTest::newRow("Base64Decode MIME skips spaces") << "States.Base64Decode(' YWJjZA== ')" << "'abcd'";
        QTest::newRow("Base64Decode no padding") << "States.Base64Decode('YWI')" << "'ab'";
        QTest::newRow("Base64Decode invalid UTF-8") << "States.Base64Decode('abc')" << "'i\\ufffd'";
        // The guide prints this digest with a digit missing (39 characters).
        QTest::newRow("Hash SHA-1 guide") << "States.Hash('input data', 'SHA-1')" << "'aaff4a450a104cd177d28d18d74485e8cae074b7'";
        QTest::newRow("Hash MD5") << "States.Hash('hello', 'MD5')" << "'5d41402abc4b2a76b9719d911017c592'";
        QTest::newRow("Hash SHA-256") << "States.Hash('hello', 'SHA-256')" << "'2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'";
        QTest::newRow("Hash SHA-384") << "States.Hash('hello', 'SHA-384')" << "'59e1748777448c69de6b800d7a33bbfb9ff1b463e44354c3553bcdb9c666fa90125a3c79f90397bdf5f6a13de828684f'";
        QTest::newRow("Hash SHA-512") << "States.Hash('hello', 'SHA-512')" << "'9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043'";
        QTest::newRow("Hash empty") << "States.Hash('', 'SHA-256')" << "'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'";
        QTest::newRow("JsonMerge guide") << "States.JsonMerge(States.StringToJson('\\{\"a\": \\{\"a1\": 1, \"a2\": 2\\}, \"b\": 2\\}'), States.StringToJson('\\{\"a\": \\{\"a3\": 1, \"a4\": 2\\}, \"c\": 3\\}'), false)" << "{'a': {'a3': 1, 'a4': 2}, 'b': 2, 'c': 3}";
        QTest::newRow("MathAdd guide") << "States.MathAdd(111, -1)" << "110";
        // Recorded on AWS (LocalStack snapshots): halves round up, like Java's Math.round.
        QTest::newRow("MathAdd 1.49 + 1.5") << "States.MathAdd(1.49, 1.5)" << "3";
        QTest::newRow("MathAdd 1.5 + 1.51") << "States.MathAdd(1.5, 1.51)" << "4";
        QTest::newRow("MathAdd -1.49 + -1.5") << "States.MathAdd(-1.49, -1.5)" << "-2";
        QTest::newRow("MathAdd -1.5 + -1.51") << "States.MathAdd(-1.5, -1.51)" << "-3";
        QTest::newRow("MathAdd int32 edge") << "States.MathAdd(2147483647.4, -2147483648)" << "-1";
        QTest::newRow("StringSplit guide") << "States.StringSplit('1,2,3,4,5', ',')" << "['1','2','3','4','5']";
        QTest::newRow("StringSplit any delimiter") << "States.StringSplit('This.is+a,test=string', '.+,=')" << "['This','is','a','test','string']";
        // Recorded on AWS (LocalStack snapshots): empty pieces are dropped.
        QTest::newRow("StringSplit only delimiters") << "States.StringSplit(',,,,', ',')" << "[]";
        QTest::newRow("StringSplit spaces kept") << "States.StringSplit(' , ', ',')" << "[' ', ' ']";
        QTest::newRow("StringSplit no delimiter") << "States.StringSplit('abc', '')" << "['abc']";
        QTest::newRow("StringSplit UTF-8 delimiter") << QString::fromUtf8("States.StringSplit('a\u2713b', '\u2713')") << "['a', 'b']";
        // The guide's nine-call myArn example (its Format has one value too few; fixed here).
        QTest::newRow("nested myArn") << "States.Format('{}.{}.{}', "
                                         "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit('arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/r/1.0.2', '/'), 2), '.'), 0), "
                                         "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit('arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/r/1.0.2', '/'), 2), '.'), 1), "
                                         "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit('arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/r/1.0.2', '/'), 2), '.'), 2))"
                                      << "'1.0.2'";
    }
    void literalArguments() {
        QFETCH(QString, expression);
        QFETCH(QString, expected);
        QCOMPARE(evaluate(expression), dumped(expected));
    }

    // The AWS examples verbatim, with paths into their inputs ($, $$, $var).
    void pathArguments_data() {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");

        const QString spec = kSpecInput;
        const QString guide = kGuideInput;
        QTest::newRow("spec Format") << "States.Format('Your name is {}, we are in the year {}', $.name, 2020)" << spec << "'Your name is Foo, we are in the year 2020'";
        QTest::newRow("spec StringToJson") << "States.StringToJson($.someString)" << spec << "{'number': 20}";
        QTest::newRow("spec JsonToString") << "States.JsonToString($.someJson)" << spec << "'{\\\"name\\\":\\\"Foo\\\",\\\"year\\\":2020}'";
        QTest::newRow("spec Array") << "States.Array('Foo', 2020, $.someJson, null)" << spec << "['Foo', 2020, {'name': 'Foo', 'year': 2020}, null]";
        QTest::newRow("Format template path") << "States.Format($.template, $.person)" << guide << "'Hello, my name is Arnav.'";
        QTest::newRow("StringToJson") << "States.StringToJson($.escapedJsonString)" << guide << "{'foo': 'bar'}";
        QTest::newRow("JsonToString") << "States.JsonToString($.unescapedJson)" << guide << "'{\\\"foo\\\":\\\"bar\\\"}'";
        QTest::newRow("Array") << "States.Array($.Id)" << guide << "[123456]";
        QTest::newRow("ArrayPartition") << "States.ArrayPartition($.inputArray,4)" << guide << "[[1,2,3,4],[5,6,7,8],[9]]";
        QTest::newRow("ArrayContains") << "States.ArrayContains($.inputArray, $.lookingFor)" << guide << "true";
        QTest::newRow("ArrayGetItem") << "States.ArrayGetItem($.inputArray, $.index)" << guide << "6";
        QTest::newRow("ArrayLength") << "States.ArrayLength($.inputArray)" << guide << "9";
        QTest::newRow("ArrayUnique") << "States.ArrayUnique($.dupes)" << guide << "[1,2,3,4]";
        QTest::newRow("Base64Encode") << "States.Base64Encode($.input)" << guide << "'RGF0YSB0byBlbmNvZGU='";
        QTest::newRow("Base64Decode") << "States.Base64Decode($.base64)" << guide << "'Data to encode'";
        QTest::newRow("Hash") << "States.Hash($.Data, $.Algorithm)" << guide << "'aaff4a450a104cd177d28d18d74485e8cae074b7'";
        QTest::newRow("JsonMerge") << "States.JsonMerge($.json1, $.json2, false)" << guide << "{'a': {'a3': 1, 'a4': 2}, 'b': 2, 'c': 3}";
        QTest::newRow("MathAdd") << "States.MathAdd($.value1, $.step)" << guide << "110";
        QTest::newRow("StringSplit") << "States.StringSplit($.inputString, $.splitter)" << guide << "['1','2','3','4','5']";
        QTest::newRow("StringSplit many") << "States.StringSplit($.multi, $.multiSplitter)" << guide << "['This','is','a','test','string']";
        QTest::newRow("myArn") << "States.Format('{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))" << guide << "'1.0'";
        QTest::newRow("root path") << "States.JsonToString($)" << "{'a': 1}" << "'{\\\"a\\\":1}'";
        QTest::newRow("context") << "States.Format('{}:{}', $$.Execution.Name, $$.Execution.Input.suffix)" << "{}" << "'run-9:run'";
        QTest::newRow("variable") << "States.Format('{} {}', $greeting, States.ArrayLength($nums))" << "{}" << "'hey 2'";
        QTest::newRow("bracket path") << "States.Format('{}', $['a b'])" << "{'a b': 'x'}" << "'x'";
    }
    void pathArguments() {
        QFETCH(QString, expression);
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(evaluate(expression, input), dumped(expected));
    }

    // Argument counts and types, limits, malformed calls: exact causes.
    void failures_data() {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("expected");

        const QString parseError = "ERROR States.IntrinsicFailure: Invalid intrinsic function call '%1': %2 (at character %3)";
        const auto malformed = [&](const QString& expression, const QString& reason, int at) {
            QTest::newRow(qPrintable("malformed " + expression)) << expression << parseError.arg(expression, reason).arg(at);
        };
        malformed("States.Format('abc", "unterminated string argument", 15);
        malformed("States.Format('a\\b')", "open escape backslash: only \\', \\{, \\} and \\\\ are allowed", 17);
        malformed("States.Array(1", "missing ')' after the arguments of States.Array", 15);
        malformed("States.Array(1, )", "missing argument", 17);
        malformed("States.Array(abc)", "'abc' is not a string, number, boolean, null, path or call", 14);
        malformed("States.Array(1 2)", "expected ',' or ')' in the arguments of States.Array", 16);
        malformed("States.Array() x", "unexpected text after the closing ')'", 16);
        malformed("Array(1)", "expected an intrinsic function name (States.Name)", 1);
        malformed("States.Array", "expected '(' after States.Array", 13);
        QTest::newRow("unknown function") << "States.Nope(1)" << "ERROR States.IntrinsicFailure: Unknown intrinsic function 'States.Nope'";

        QTest::newRow("arity Hash") << "States.Hash('a')" << fail("States.Hash", "it takes 2 argument(s), not 1");
        QTest::newRow("arity UUID") << "States.UUID(1)" << fail("States.UUID", "it takes 0 argument(s), not 1");
        QTest::newRow("arity Format") << "States.Format()" << fail("States.Format", "it takes at least 1 argument(s), not 0");
        QTest::newRow("arity MathRandom") << "States.MathRandom(1)" << fail("States.MathRandom", "it takes 2 or 3 argument(s), not 1");
        QTest::newRow("arity ArrayContains") << "States.ArrayContains(States.Array(1), 2, 999)" << fail("States.ArrayContains", "it takes 2 argument(s), not 3");

        QTest::newRow("Format too few") << "States.Format('{} {}', 'x')" << fail("States.Format", "the template has 2 placeholder(s) but 1 value(s) follow it");
        QTest::newRow("Format too many") << "States.Format('{}', 'x', 'y')" << fail("States.Format", "the template has 1 placeholder(s) but 2 value(s) follow it");
        QTest::newRow("Format lone {") << "States.Format('Hello {', 'x')" << fail("States.Format", "unmatched '{' at character 7 of the template");
        QTest::newRow("Format lone }") << "States.Format('}')" << fail("States.Format", "unmatched '}' at character 1 of the template");
        QTest::newRow("Format array value") << "States.Format('{}', States.Array(1))" << fail("States.Format", "argument 2 must be a string, number, boolean or null, not an array");
        QTest::newRow("Format number template") << "States.Format(1)" << fail("States.Format", "argument 1 must be a string, not a number");
        QTest::newRow("StringToJson invalid") << "States.StringToJson('not json')" << fail("States.StringToJson", "the string is not valid JSON: \"not json\"");
        QTest::newRow("StringToJson number") << "States.StringToJson(1)" << fail("States.StringToJson", "argument 1 must be a string, not a number");
        QTest::newRow("JsonToString literal") << "States.JsonToString('x')" << fail("States.JsonToString", "the argument must be a path, not a literal");
        QTest::newRow("ArrayPartition zero") << "States.ArrayPartition(States.Array(1), 0)" << fail("States.ArrayPartition", "the chunk size must be a positive integer, not 0");
        QTest::newRow("ArrayPartition rounds to zero") << "States.ArrayPartition(States.Array(1), 0.49)" << fail("States.ArrayPartition", "the chunk size must be a positive integer, not 0.49");
        QTest::newRow("ArrayPartition not array") << "States.ArrayPartition('x', 1)" << fail("States.ArrayPartition", "argument 1 must be an array, not a string");
        QTest::newRow("ArrayContains not array") << "States.ArrayContains('not-array', 'x')" << fail("States.ArrayContains", "argument 1 must be an array, not a string");
        QTest::newRow("ArrayRange zero step") << "States.ArrayRange(1, 10, 0)" << fail("States.ArrayRange", "the step must not be zero");
        QTest::newRow("ArrayRange step rounds to zero") << "States.ArrayRange(1, 10, 0.49)" << fail("States.ArrayRange", "the step must not be zero");
        QTest::newRow("ArrayRange string") << "States.ArrayRange('a', 5, 1)" << fail("States.ArrayRange", "argument 1 must be a number, not a string");
        QTest::newRow("ArrayRange 1001") << "States.ArrayRange(1, 1001, 1)" << fail("States.ArrayRange", "the range has 1001 items; at most 1000 are allowed");
        QTest::newRow("ArrayRange 1001 down") << "States.ArrayRange(1001, 1, -1)" << fail("States.ArrayRange", "the range has 1001 items; at most 1000 are allowed");
        QTest::newRow("ArrayRange beyond int32") << "States.ArrayRange(0, 2147483648, 1)" << fail("States.ArrayRange", "argument 2 must be an integer from -2147483648 to 2147483647, not 2147483648");
        QTest::newRow("ArrayGetItem index = length") << "States.ArrayGetItem(States.Array(10, 20, 30), 3)" << fail("States.ArrayGetItem", "index 3 is out of bounds for an array of 3 item(s)");
        QTest::newRow("ArrayGetItem negative") << "States.ArrayGetItem(States.Array(10, 20, 30), -1)" << fail("States.ArrayGetItem", "index -1 is out of bounds for an array of 3 item(s)");
        QTest::newRow("ArrayGetItem fraction") << "States.ArrayGetItem(States.Array(10, 20, 30), 1.2)" << fail("States.ArrayGetItem", "argument 2 must be an integer, not 1.2");
        QTest::newRow("ArrayGetItem string index") << "States.ArrayGetItem(States.Array(10), '0')" << fail("States.ArrayGetItem", "argument 2 must be a number, not a string");
        QTest::newRow("ArrayGetItem not array") << "States.ArrayGetItem('not-array', 0)" << fail("States.ArrayGetItem", "argument 1 must be an array, not a string");
        QTest::newRow("ArrayLength not array") << "States.ArrayLength('x')" << fail("States.ArrayLength", "argument 1 must be an array, not a string");
        QTest::newRow("ArrayUnique not array") << "States.ArrayUnique(null)" << fail("States.ArrayUnique", "argument 1 must be an array, not null");
        QTest::newRow("Base64Encode number") << "States.Base64Encode(1)" << fail("States.Base64Encode", "argument 1 must be a string, not a number");
        QTest::newRow("Base64Decode lone char") << "States.Base64Decode('a')" << fail("States.Base64Decode", "the string is not valid Base64");
        QTest::newRow("Hash lowercase") << "States.Hash('data', 'sha-256')" << fail("States.Hash", "the algorithm \"sha-256\" is not one of MD5, SHA-1, SHA-256, SHA-384, SHA-512");
        QTest::newRow("Hash no hyphen") << "States.Hash('data', 'SHA256')" << fail("States.Hash", "the algorithm \"SHA256\" is not one of MD5, SHA-1, SHA-256, SHA-384, SHA-512");
        QTest::newRow("Hash number data") << "States.Hash(1, 'MD5')" << fail("States.Hash", "argument 1 must be a string, not a number");
        QTest::newRow("Hash number algorithm") << "States.Hash('data', 5)" << fail("States.Hash", "argument 2 must be a string, not a number");
        QTest::newRow("JsonMerge deep") << "States.JsonMerge(States.StringToJson('\\{\\}'), States.StringToJson('\\{\\}'), true)" << fail("States.JsonMerge", "deep merging is not supported: argument 3 must be false");
        QTest::newRow("JsonMerge string") << "States.JsonMerge('a', States.StringToJson('\\{\\}'), false)" << fail("States.JsonMerge", "argument 1 must be an object, not a string");
        QTest::newRow("JsonMerge flag string") << "States.JsonMerge(States.StringToJson('\\{\\}'), States.StringToJson('\\{\\}'), 'false')" << fail("States.JsonMerge", "argument 3 must be the boolean false, not a string");
        QTest::newRow("MathAdd beyond int32") << "States.MathAdd(2147483648, 1)" << fail("States.MathAdd", "argument 1 must be an integer from -2147483648 to 2147483647, not 2147483648");
        QTest::newRow("MathAdd rounds beyond int32") << "States.MathAdd(0, 2147483647.5)" << fail("States.MathAdd", "argument 2 must be an integer from -2147483648 to 2147483647, not 2147483647.5");
        QTest::newRow("MathAdd string") << "States.MathAdd('1', 2)" << fail("States.MathAdd", "argument 1 must be a number, not a string");
        QTest::newRow("MathRandom equal bounds") << "States.MathRandom(1, 1)" << fail("States.MathRandom", "the start (1) must be less than the end (1)");
        QTest::newRow("MathRandom reversed") << "States.MathRandom(10, 5)" << fail("States.MathRandom", "the start (10) must be less than the end (5)");
        QTest::newRow("MathRandom rounds equal") << "States.MathRandom(1.49, 1.49, 7)" << fail("States.MathRandom", "the start (1) must be less than the end (1)");
        QTest::newRow("MathRandom null seed") << "States.MathRandom(1, 10, null)" << fail("States.MathRandom", "argument 3 must be a number, not null");
        QTest::newRow("MathRandom string seed") << "States.MathRandom(1, 10, 'seed')" << fail("States.MathRandom", "argument 3 must be a number, not a string");
        QTest::newRow("MathRandom string end") << "States.MathRandom(1, 'b')" << fail("States.MathRandom", "argument 2 must be a number, not a string");
        QTest::newRow("MathRandom span") << "States.MathRandom(-2147483648, 2147483647, 1)" << fail("States.MathRandom", "the range from start to end exceeds 2147483647");
        QTest::newRow("StringSplit number") << "States.StringSplit(1, ',')" << fail("States.StringSplit", "argument 1 must be a string, not a number");
        QTest::newRow("StringSplit number delimiter") << "States.StringSplit('a', 1)" << fail("States.StringSplit", "argument 2 must be a string, not a number");
        QTest::newRow("first failing argument wins") << "States.Array(States.ArrayLength(1), States.UUID(1))" << fail("States.ArrayLength", "argument 1 must be an array, not a number");
        QTest::newRow("MathRandom without random") << "States.MathRandom(1, 10)" << "ERROR States.IntrinsicFailure: States.MathRandom without a seed needs a random source, and the scope has none";
        QTest::newRow("UUID without random") << "States.UUID()" << "ERROR States.IntrinsicFailure: States.UUID needs a random source, and the scope has none";
    }
    void failures() {
        QFETCH(QString, expression);
        QFETCH(QString, expected);
        QCOMPARE(evaluate(expression), expected);
    }

    // AWS: up to 1000 range items; Base64 and Hash data up to 10,000 characters (counted as Java
    // counts them, so a character beyond the BMP counts twice).
    void limits_data() {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("expected");

        const QString a10000(10000, 'a');
        const QString rocket = QString::fromUtf8("\xF0\x9F\x9A\x80"); // U+1F680, two UTF-16 units
        QTest::newRow("Base64Encode 10000") << "States.ArrayLength(States.StringSplit(States.Base64Encode('" + a10000 + "'), 'x'))" << "1";
        QTest::newRow("Base64Encode 10001") << "States.Base64Encode('" + a10000 + "a')" << fail("States.Base64Encode", "argument 1 has 10001 characters; at most 10000 are allowed");
        QTest::newRow("Base64Encode 5000 astral") << "States.ArrayLength(States.Array(States.Base64Encode('" + rocket.repeated(5000) + "')))" << "1";
        QTest::newRow("Base64Encode 5001 astral") << "States.Base64Encode('" + rocket.repeated(5001) + "')" << fail("States.Base64Encode", "argument 1 has 10002 characters; at most 10000 are allowed");
        QTest::newRow("Base64Decode 10000") << "States.ArrayLength(States.Array(States.Base64Decode('" + QString(10000, 'A') + "')))" << "1";
        QTest::newRow("Base64Decode 10001") << "States.Base64Decode('" + QString(10001, 'A') + "')" << fail("States.Base64Decode", "argument 1 has 10001 characters; at most 10000 are allowed");
        QTest::newRow("Hash 10000") << "States.Hash('" + a10000 + "', 'SHA-256')" << "'27dd1f61b867b6a0f6e9d8a41c43231de52107e53ae424de8f847b821db4b711'";
        QTest::newRow("Hash 10001") << "States.Hash('" + a10000 + "a', 'SHA-256')" << fail("States.Hash", "argument 1 has 10001 characters; at most 10000 are allowed");
    }
    void limits() {
        QFETCH(QString, expression);
        QFETCH(QString, expected);
        QCOMPARE(evaluate(expression), expected.startsWith("ERROR") ? expected : dumped(expected));
    }

    void arrayRangeLimit_data() {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<int>("first");
        QTest::addColumn<int>("last");

        QTest::newRow("1..1000") << "States.ArrayRange(1, 1000, 1)" << 1 << 1000;
        QTest::newRow("1000..1") << "States.ArrayRange(1000, 1, -1)" << 1000 << 1;
        QTest::newRow("0..2997 by 3") << "States.ArrayRange(0, 2999, 3)" << 0 << 2997;
    }
    void arrayRangeLimit() {
        QFETCH(QString, expression);
        QFETCH(int, first);
        QFETCH(int, last);
        const Json in = Json::object(), context = Json::object();
        const auto result = evaluateIntrinsic(expression.toStdString(), Scope{in, context});
        QVERIFY(result.ok());
        QCOMPARE(result.value().size(), std::size_t(1000));
        QCOMPARE(result.value().front().get<int>(), first);
        QCOMPARE(result.value().back().get<int>(), last);
    }

    // ASL: "You can nest up to 10 intrinsic functions within a field"; the validator agrees.
    void nestingDepth_data() {
        QTest::addColumn<int>("depth");
        QTest::addColumn<QString>("expected");

        QTest::newRow("1") << 1 << "[]";
        QTest::newRow("10") << 10 << "[[[[[[[[[[]]]]]]]]]]";
        QTest::newRow("11") << 11 << "ERROR States.IntrinsicFailure: Invalid intrinsic function call '" + nestedArrays(11) + "': intrinsic functions nest more than 10 deep (at character 131)";
        QTest::newRow("1000") << 1000 << "ERROR States.IntrinsicFailure: Invalid intrinsic function call '" + nestedArrays(1000) + "': intrinsic functions nest more than 10 deep (at character 131)";
    }
    void nestingDepth() {
        QFETCH(int, depth);
        QFETCH(QString, expected);
        QCOMPARE(evaluate(nestedArrays(depth)), expected);
        QCOMPARE(checkIntrinsicFunction(nestedArrays(depth).toStdString()).empty(), depth <= 10);
    }

    // Seeded: the same number for the same seed, in [start, end), and java.util.Random's number
    // (new Random(42).nextInt(10) is 0, new Random(42).nextInt(998) is 254).
    void mathRandomSeeded() {
        QCOMPARE(evaluate("States.MathRandom(0, 10, 42)"), QString("0"));
        QCOMPARE(evaluate("States.MathRandom(1, 999, 42)"), QString("255"));
        QCOMPARE(evaluate("States.MathRandom(1, 999, 42)"), evaluate("States.MathRandom(1, 999, 42)"));
        QCOMPARE(evaluate("States.MathRandom(1, 999, 2.6)"), evaluate("States.MathRandom(1, 999, 3)"));
        std::set<int> seen;
        for (int seed = -100; seed < 100; ++seed) {
            const QString expression = QString("States.MathRandom(-5, 5, %1)").arg(seed);
            const QString value = evaluate(expression);
            bool isInt = false;
            const int n = value.toInt(&isInt);
            QVERIFY2(isInt && n >= -5 && n < 5, qPrintable(expression + " = " + value));
            QCOMPARE(evaluate(expression), value);
            seen.insert(n);
        }
        QCOMPARE(seen.size(), std::size_t(10)); // 200 seeds reach all ten values
    }

    // Unseeded: drawn from the scope's stream; the same stream gives the same numbers.
    void mathRandomUnseeded() {
        XorShiftRandom first(7), second(7);
        std::set<int> seen;
        for (int i = 0; i < 600; ++i) {
            const QString a = evaluate("States.MathRandom(1, 7)", "{}", &first);
            QCOMPARE(evaluate("States.MathRandom(1, 7)", "{}", &second), a);
            const int n = a.toInt();
            QVERIFY2(n >= 1 && n < 7, qPrintable(a));
            seen.insert(n);
        }
        QCOMPARE(seen.size(), std::size_t(6));
        ConstantRandom top(~std::uint64_t(0)), bottom(0);
        QCOMPARE(evaluate("States.MathRandom(1, 999)", "{}", &top), QString("998"));
        QCOMPARE(evaluate("States.MathRandom(1, 999)", "{}", &bottom), QString("1"));
    }

    void uuid() {
        ConstantRandom ones(~std::uint64_t(0)), zeros(0);
        QCOMPARE(evaluate("States.UUID()", "{}", &ones), QString("\"ffffffff-ffff-4fff-bfff-ffffffffffff\""));
        QCOMPARE(evaluate("States.UUID()", "{}", &zeros), QString("\"00000000-0000-4000-8000-000000000000\""));
        const QRegularExpression v4("^\"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\"$");
        XorShiftRandom random(42);
        std::set<QString> seen;
        for (int i = 0; i < 100; ++i) {
            const QString id = evaluate("States.UUID()", "{}", &random);
            QVERIFY2(v4.match(id).hasMatch(), qPrintable(id));
            seen.insert(id);
        }
        QCOMPARE(seen.size(), std::size_t(100));
    }

    // A path argument that matches nothing fails with the path's own error.
    void pathFailurePropagates() {
        const Json in = parse("{'a': 1}"), context = Json::object();
        const Scope scope{in, context};
        const auto path = evaluatePath("$.missing", scope);
        QVERIFY(!path.ok());
        QCOMPARE(QString::fromStdString(path.error().error), QString("States.Runtime"));
        const auto call = evaluateIntrinsic("States.Format('{}', $.missing)", scope);
        QVERIFY(!call.ok());
        QCOMPARE(QString::fromStdString(call.error().error), QString::fromStdString(path.error().error));
        QCOMPARE(QString::fromStdString(call.error().cause), QString::fromStdString(path.error().cause));
    }

    void dynamicValue_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");

        QTest::newRow("intrinsic") << "States.Array(1)" << "[1]";
        QTest::newRow("path") << "$.a" << "[1, 2]";
        QTest::newRow("context") << "$$.State.Name" << "'S'";
        QTest::newRow("variable") << "$greeting" << "'hey'";
    }
    void dynamicValue() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const Json in = parse("{'a': [1, 2]}"), context = parse(kContext);
        const JsonVariables variables(parse(kVariables));
        const Scope scope{in, context, &variables};
        QCOMPARE(describe(evaluateDynamicValue(text.toStdString(), scope)), dumped(expected));
    }

    void payloadTemplate_data() {
        QTest::addColumn<QString>("payloadTemplate");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");

        QTest::newRow("static copy") << "{'a': 1, 'b': {'c': [1, {'d': 'x'}, []]}, 'e': {}}" << "{}" << "{'a': 1, 'b': {'c': [1, {'d': 'x'}, []]}, 'e': {}}";
        QTest::newRow("scalar") << "5" << "{}" << "5";
        QTest::newRow("intrinsics nested") << "{'n.$': 'States.MathAdd(1, 2)', 'nested': {'list': [{'u.$': 'States.Array(1)'}, 'plain', ['x', {'v.$': 'States.Format(\\'{}\\', 7)'}]]}, 'z': null}" << "{}"
                                           << "{'n': 3, 'nested': {'list': [{'u': [1]}, 'plain', ['x', {'v': '7'}]]}, 'z': null}";
        QTest::newRow("array root") << "[{'a.$': 'States.Array()'}, 1]" << "{}" << "[{'a': []}, 1]";
        QTest::newRow("key order kept") << "{'z': 1, 'y.$': 'States.MathAdd(1, 1)', 'x': 3}" << "{}" << "{'z': 1, 'y': 2, 'x': 3}";
        QTest::newRow("later key wins") << "{'a': 1, 'a.$': 'States.MathAdd(1, 1)'}" << "{}" << "{'a': 2}";
        QTest::newRow("spec Parameters") << "{'foo.$': 'States.Format(\\'Your name is {}, we are in the year {}\\', $.name, 2020)'}" << kSpecInput << "{'foo': 'Your name is Foo, we are in the year 2020'}";
        QTest::newRow("paths") << "{'name.$': '$.name', 'static': 'x', 'items': [{'id.$': '$.someJson.year'}], 'ctx.$': '$$.Execution.Name', 'var.$': '$greeting'}" << kSpecInput
                               << "{'name': 'Foo', 'static': 'x', 'items': [{'id': 2020}], 'ctx': 'run-9', 'var': 'hey'}";
    }
    void payloadTemplate() {
        QFETCH(QString, payloadTemplate);
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(evaluateTemplate(payloadTemplate, input), dumped(expected));
    }

    void payloadTemplateFailures_data() {
        QTest::addColumn<QString>("payloadTemplate");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");

        QTest::newRow("intrinsic fails") << "{'x': {'bad.$': 'States.ArrayLength(1)'}}" << "{}" << fail("States.ArrayLength", "argument 1 must be an array, not a number");
        QTest::newRow("first failure wins") << "{'a': [{'b.$': 'States.UUID(1)'}], 'c.$': 'States.ArrayLength(1)'}" << "{}" << fail("States.UUID", "it takes 0 argument(s), not 1");
        QTest::newRow("not a string") << "{'n.$': 5}" << "{}" << "ERROR States.Runtime: The value of the field 'n.$' must be a path or an intrinsic function, not a number";
        QTest::newRow("path not found") << "{'name.$': '$.missing'}" << "{'a': 1}" << "ERROR States.Runtime: The JSONPath '$.missing' specified for the field 'name.$' could not be found in the input '{\"a\":1}'";
        QTest::newRow("nested path not found") << "{'list': [{'name.$': '$.a.b'}]}" << "{'a': 1}" << "ERROR States.Runtime: The JSONPath '$.a.b' specified for the field 'name.$' could not be found in the input '{\"a\":1}'";
    }
    void payloadTemplateFailures() {
        QFETCH(QString, payloadTemplate);
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(evaluateTemplate(payloadTemplate, input), expected);
    }

    // The copy keeps its own stack: 100,000 nested objects neither overflow nor lose the leaf.
    void deepTemplate() {
        const int depth = 100000;
        Json root = Json::object();
        Json* cursor = &root;
        for (int i = 0; i < depth; ++i) cursor = &((*cursor)["a"] = Json::object());
        (*cursor)["v.$"] = "States.MathAdd(1, 2)";
        const Json in = Json::object(), context = Json::object();
        const auto result = evaluatePayloadTemplate(root, Scope{in, context});
        QVERIFY(result.ok());
        const Json* node = &result.value();
        for (int i = 0; i < depth; ++i) node = &node->at("a");
        QCOMPARE(QString::fromStdString(node->dump()), QString("{\"v\":3}"));
    }
};

QTEST_APPLESS_MAIN(TestIntrinsics)
#include "TestIntrinsics.moc"
