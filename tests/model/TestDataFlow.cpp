// The JSONPath data flow of one state: InputPath -> Parameters -> ResultSelector -> ResultPath ->
// OutputPath. Rows use the examples of the AWS developer guide ("Manipulate parameters",
// "Specifying state output using ResultPath", "Filtering state output using OutputPath",
// "Example: Manipulating state data with paths", "Pass workflow state") with their inputs and
// outputs; JSON is written with ' for ".
#include "model/asl/eval/DataFlow.h"

#include "tests/common/EvalSupport.h"
#include "tests/common/QuotedJson.h"

#include <QtTest>

#include <string>

using namespace flowcast::model;
using namespace flowcast::model::eval;

namespace {

Json parse(const QString& singleQuoted) { return quotedJson(singleQuoted); }

QString describe(const Result<Json>& result) { return describeResult(result); }

const QString kContext = "{'Execution': {'Id': 'arn:aws:states:us-east-1:123456789012:execution:M:e1'}, 'State': {'Name': 'S'}}";

// "Manipulate parameters": the InputPath example.
const QString kDatasets = "{'comment': 'Example for InputPath.', 'dataset1': {'val1': 1, 'val2': 2, 'val3': 3}, 'dataset2': {'val1': 'a', 'val2': 'b', 'val3': 'c'}}";
// "Manipulate parameters": the Parameters example.
const QString kProduct = "{'comment': 'Example for Parameters.', 'product': {'details': {'color': 'blue', 'size': 'small', 'material': 'cotton'}, 'availability': 'in stock', 'sku': '2317', 'cost': '$23'}}";
const QString kProductParameters = "{'comment': 'Selecting what I care about.', 'MyDetails': {'size.$': '$.product.details.size', 'exists.$': '$.product.availability', 'StaticValue': 'foo'}}";
const QString kProductSelected = "{'comment': 'Selecting what I care about.', 'MyDetails': {'size': 'small', 'exists': 'in stock', 'StaticValue': 'foo'}}";
// "Specifying state output using ResultPath": input and task result of every example.
const QString kTest = "{'comment': 'This is a test', 'details': 'Default example', 'who': 'Step Functions'}";
const QString kHello = "'Hello, Step Functions!'";
// "Example: Manipulating state data with paths": the Lambda task with all three paths.
const QString kLambdaInput = "{'comment': 'An input comment.', 'data': {'val1': 23, 'val2': 17}, 'extra': 'foo', 'lambda': {'who': 'AWS Step Functions'}}";
const QString kLambdaState = "{'Type': 'Task', 'Resource': 'arn:aws:lambda:us-east-1:123456789012:function:HelloFunction', 'InputPath': '$.lambda', 'ResultPath': '$.data.lambdaresult', 'OutputPath': '$.data', 'End': true}";
// "Manipulate parameters": the ResultSelector example (an EMR createCluster.sync result).
const QString kEmrResult = "{'resourceType': 'elasticmapreduce', 'resource': 'createCluster.sync', 'output': {'SdkHttpMetadata': {'HttpStatusCode': 200}, 'SdkResponseMetadata': {'RequestId': '1234-5678-9012'}, 'ClusterId': 'AKIAIOSFODNN7EXAMPLE'}}";
// "Pass workflow state": the No-op example.
const QString kCoords = "{'x-datum': 0.381018, 'y-datum': 622.2269926397355}";

} // namespace

class TestDataFlow : public QObject {
    Q_OBJECT

private slots:
    void effectiveInput_data() {
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");

        QTest::newRow("InputPath dataset2 (AWS)") << "{'Type': 'Task', 'InputPath': '$.dataset2'}" << kDatasets
                                                  << "{'val1': 'a', 'val2': 'b', 'val3': 'c'}";
        QTest::newRow("InputPath slice (AWS)") << "{'Type': 'Task', 'InputPath': '$.a[0:2]'}" << "{'a': [1, 2, 3, 4]}" << "[1, 2]";
        QTest::newRow("Parameters (AWS)") << "{'Type': 'Task', 'Parameters': " + kProductParameters + "}" << kProduct << kProductSelected;
        QTest::newRow("InputPath then Parameters") << "{'Type': 'Task', 'InputPath': '$.product', 'Parameters': {'size.$': '$.details.size', 'sku.$': '$.sku'}}"
                                                   << kProduct << "{'size': 'small', 'sku': '2317'}";
        QTest::newRow("Parameters from context") << "{'Type': 'Parallel', 'Parameters': {'id.$': '$$.Execution.Id', 'name.$': '$$.State.Name'}}" << "{}"
                                                 << "{'id': 'arn:aws:states:us-east-1:123456789012:execution:M:e1', 'name': 'S'}";
        QTest::newRow("Parameters intrinsic") << "{'Type': 'Task', 'Parameters': {'greeting.$': 'States.Format(\\'Hello, {}\\', $.who)'}}" << kTest
                                              << "{'greeting': 'Hello, Step Functions'}";
        QTest::newRow("Lambda InputPath (AWS)") << kLambdaState << kLambdaInput << "{'who': 'AWS Step Functions'}";
        QTest::newRow("InputPath absent is $") << "{'Type': 'Task'}" << kTest << kTest;
        QTest::newRow("InputPath $") << "{'Type': 'Task', 'InputPath': '$'}" << kTest << kTest;
        QTest::newRow("InputPath null is {}") << "{'Type': 'Task', 'InputPath': null}" << kTest << "{}";
        QTest::newRow("InputPath null then Parameters") << "{'Type': 'Pass', 'InputPath': null, 'Parameters': {'k': 'v'}}" << kTest << "{'k': 'v'}";
        QTest::newRow("Parameters array") << "{'Type': 'Task', 'Parameters': [1, {'a.$': '$.who'}]}" << kTest << "[1, {'a': 'Step Functions'}]";
        QTest::newRow("Map Parameters is per item") << "{'Type': 'Map', 'InputPath': '$.items', 'Parameters': {'x.$': '$$.Map.Item.Value'}}"
                                                    << "{'items': [1, 2]}" << "[1, 2]";
        QTest::newRow("Choice InputPath") << "{'Type': 'Choice', 'InputPath': '$.data'}" << kLambdaInput << "{'val1': 23, 'val2': 17}";
        QTest::newRow("Choice ignores Parameters") << "{'Type': 'Choice', 'Parameters': {'k': 'v'}}" << kTest << kTest;
        QTest::newRow("Wait InputPath") << "{'Type': 'Wait', 'InputPath': '$.data', 'SecondsPath': '$.val1'}" << kLambdaInput << "{'val1': 23, 'val2': 17}";
        QTest::newRow("Succeed InputPath") << "{'Type': 'Succeed', 'InputPath': '$.lambda'}" << kLambdaInput << "{'who': 'AWS Step Functions'}";
        QTest::newRow("Fail has no InputPath") << "{'Type': 'Fail', 'InputPath': '$.missing'}" << kTest << kTest;
    }

    void effectiveInput() {
        QFETCH(QString, state);
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const Json context = parse(kContext);
        const Result<Json> result = eval::effectiveInput(parse(state), parse(input), context, nullptr, nullptr);
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QCOMPARE(describe(result), QString::fromStdString(parse(expected).dump()));
    }

    void effectiveInputWithVariables() {
        const JsonVariables vars(parse("{'limit': 10, 'user': {'name': 'ana'}}"));
        const Json state = parse("{'Type': 'Task', 'Parameters': {'limit.$': '$limit', 'name.$': '$user.name', 'who.$': '$.who'}}");
        const Result<Json> result = eval::effectiveInput(state, parse(kTest), parse(kContext), &vars, nullptr);
        QCOMPARE(describe(result), QString::fromStdString(parse("{'limit': 10, 'name': 'ana', 'who': 'Step Functions'}").dump()));
    }

    void effectiveInputErrors_data() {
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("cause");

        QTest::newRow("InputPath matches nothing") << "{'Type': 'Task', 'InputPath': '$.missing'}" << kTest << "States.Runtime"
                                                   << "Invalid path '$.missing' : No results for path: $['missing']";
        QTest::newRow("Succeed InputPath matches nothing") << "{'Type': 'Succeed', 'InputPath': '$.a.b'}" << "{'a': {}}" << "States.Runtime"
                                                           << "Invalid path '$.a.b' : No results for path: $['a']['b']";
        QTest::newRow("Parameters field matches nothing") << "{'Type': 'Task', 'InputPath': '$.data', 'Parameters': {'v.$': '$.val3'}}" << kLambdaInput
                                                          << "States.Runtime"
                                                          << "The JSONPath '$.val3' specified for the field 'v.$' could not be found in the input '{\"val1\":23,\"val2\":17}'";
        QTest::newRow("Parameters after InputPath null") << "{'Type': 'Pass', 'InputPath': null, 'Parameters': {'v.$': '$.who'}}" << kTest
                                                         << "States.Runtime"
                                                         << "The JSONPath '$.who' specified for the field 'v.$' could not be found in the input '{}'";
        QTest::newRow("InputPath not a string") << "{'Type': 'Task', 'InputPath': 3}" << kTest << "States.Runtime"
                                                << "The field 'InputPath' must be a path or null, not a number";
    }

    void effectiveInputErrors() {
        QFETCH(QString, state);
        QFETCH(QString, input);
        QFETCH(QString, error);
        QFETCH(QString, cause);
        const Result<Json> result = eval::effectiveInput(parse(state), parse(input), parse(kContext), nullptr, nullptr);
        QVERIFY2(!result.ok(), qPrintable(describe(result)));
        QCOMPARE(QString::fromStdString(result.error().error), error);
        QCOMPARE(QString::fromStdString(result.error().cause), cause);
    }

    void stateOutput_data() {
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("result");
        QTest::addColumn<QString>("expected");

        QTest::newRow("ResultPath absent replaces (AWS)") << "{'Type': 'Task'}" << kTest << kHello << kHello;
        QTest::newRow("ResultPath $ replaces (AWS)") << "{'Type': 'Task', 'ResultPath': '$'}" << kTest << kHello << kHello;
        QTest::newRow("ResultPath null keeps input (AWS)") << "{'Type': 'Task', 'ResultPath': null}" << kTest << kHello << kTest;
        QTest::newRow("ResultPath includes result (AWS)") << "{'Type': 'Task', 'ResultPath': '$.taskresult'}" << kTest << kHello
                                                          << "{'comment': 'This is a test', 'details': 'Default example', 'who': 'Step Functions', 'taskresult': 'Hello, Step Functions!'}";
        QTest::newRow("ResultPath updates a node (AWS)") << "{'Type': 'Task', 'ResultPath': '$.details'}" << kTest << kHello
                                                         << "{'comment': 'This is a test', 'details': 'Hello, Step Functions!', 'who': 'Step Functions'}";
        QTest::newRow("ResultPath creates objects") << "{'Type': 'Task', 'ResultPath': '$.a.b'}" << "{'x': 1}" << "[1]" << "{'x': 1, 'a': {'b': [1]}}";
        QTest::newRow("all three paths (AWS)") << kLambdaState << kLambdaInput << "'Hello, AWS Step Functions!'"
                                               << "{'val1': 23, 'val2': 17, 'lambdaresult': 'Hello, AWS Step Functions!'}";
        QTest::newRow("ResultSelector (AWS)") << "{'Type': 'Task', 'ResultSelector': {'ClusterId.$': '$.output.ClusterId', 'ResourceType.$': '$.resourceType'}, 'ResultPath': '$.EMROutput'}"
                                              << "{'cluster': 'c1'}" << kEmrResult
                                              << "{'cluster': 'c1', 'EMROutput': {'ClusterId': 'AKIAIOSFODNN7EXAMPLE', 'ResourceType': 'elasticmapreduce'}}";
        QTest::newRow("ResultSelector flattens Parallel") << "{'Type': 'Parallel', 'ResultSelector': {'flat.$': '$[*][*]'}}" << "{}" << "[[1, 2], [3]]"
                                                          << "{'flat': [1, 2, 3]}";
        QTest::newRow("ResultSelector on Map, context") << "{'Type': 'Map', 'ResultSelector': {'n.$': 'States.ArrayLength($)', 'state.$': '$$.State.Name'}, 'ResultPath': '$.summary'}"
                                                        << "{'items': [1, 2]}" << "[2, 4]" << "{'items': [1, 2], 'summary': {'n': 2, 'state': 'S'}}";
        QTest::newRow("ResultSelector then ResultPath null") << "{'Type': 'Task', 'ResultSelector': {'k': 1}, 'ResultPath': null}" << kTest << kHello << kTest;
        QTest::newRow("OutputPath (AWS)") << "{'Type': 'Task', 'OutputPath': '$.data'}" << kTest << kLambdaInput << "{'val1': 23, 'val2': 17}";
        QTest::newRow("OutputPath on the kept input") << "{'Type': 'Task', 'ResultPath': null, 'OutputPath': '$.who'}" << kTest << kHello << "'Step Functions'";
        QTest::newRow("OutputPath null is {}") << "{'Type': 'Task', 'ResultPath': '$.r', 'OutputPath': null}" << kTest << kHello << "{}";
        QTest::newRow("OutputPath selects the result") << "{'Type': 'Task', 'ResultPath': '$.r', 'OutputPath': '$.r'}" << kTest << kHello << kHello;
        QTest::newRow("Pass ignores ResultSelector") << "{'Type': 'Pass', 'ResultSelector': {'k': 1}, 'ResultPath': '$.r'}" << "{}" << "2" << "{'r': 2}";
        QTest::newRow("Choice ignores ResultPath") << "{'Type': 'Choice', 'ResultPath': '$.r', 'OutputPath': '$.val1'}" << kLambdaInput
                                                   << "{'val1': 23, 'val2': 17}" << "23";
        QTest::newRow("Succeed OutputPath") << "{'Type': 'Succeed', 'OutputPath': '$.who'}" << kTest << kTest << "'Step Functions'";
        QTest::newRow("Fail ignores every field") << "{'Type': 'Fail', 'ResultPath': null, 'OutputPath': null}" << kTest << kHello << kHello;
    }

    void stateOutput() {
        QFETCH(QString, state);
        QFETCH(QString, input);
        QFETCH(QString, result);
        QFETCH(QString, expected);
        const Result<Json> output = eval::stateOutput(parse(state), parse(input), parse(result), parse(kContext), nullptr, nullptr);
        QVERIFY2(output.ok(), qPrintable(describe(output)));
        QCOMPARE(describe(output), QString::fromStdString(parse(expected).dump()));
    }

    void stateOutputErrors_data() {
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("result");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("cause");

        QTest::newRow("ResultPath through a number") << "{'Type': 'Task', 'ResultPath': '$.a.b'}" << "{'a': 1}" << "true" << "States.ResultPathMatchFailure"
                                                     << "Unable to apply ResultPath '$.a.b' to the input: $['a'] is a number, not an object";
        QTest::newRow("ResultPath into a string input") << "{'Type': 'Pass', 'ResultPath': '$.r'}" << "'text'" << "1" << "States.ResultPathMatchFailure"
                                                        << "Unable to apply ResultPath '$.r' to the input: $ is a string, not an object";
        QTest::newRow("ResultSelector field matches nothing") << "{'Type': 'Task', 'ResultSelector': {'id.$': '$.Id'}}" << "{}" << "{'id': 1}"
                                                              << "States.Runtime"
                                                              << "The JSONPath '$.Id' specified for the field 'id.$' could not be found in the input '{\"id\":1}'";
        QTest::newRow("OutputPath matches nothing") << "{'Type': 'Task', 'OutputPath': '$.Payload'}" << "{}" << "{'StatusCode': 200}" << "States.Runtime"
                                                    << "Invalid path '$.Payload' : No results for path: $['Payload']";
        QTest::newRow("OutputPath after ResultPath null") << "{'Type': 'Task', 'ResultPath': null, 'OutputPath': '$.r'}" << "{}" << "{'r': 1}"
                                                          << "States.Runtime" << "Invalid path '$.r' : No results for path: $['r']";
        QTest::newRow("ResultPath not a string") << "{'Type': 'Task', 'ResultPath': true}" << "{}" << "1" << "States.Runtime"
                                                 << "The field 'ResultPath' must be a path or null, not a boolean";
    }

    void stateOutputErrors() {
        QFETCH(QString, state);
        QFETCH(QString, input);
        QFETCH(QString, result);
        QFETCH(QString, error);
        QFETCH(QString, cause);
        const Result<Json> output = eval::stateOutput(parse(state), parse(input), parse(result), parse(kContext), nullptr, nullptr);
        QVERIFY2(!output.ok(), qPrintable(describe(output)));
        QCOMPARE(QString::fromStdString(output.error().error), error);
        QCOMPARE(QString::fromStdString(output.error().cause), cause);
    }

    void passOutput_data() {
        QTest::addColumn<QString>("pass");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");

        QTest::newRow("No-op with Result (AWS)") << "{'Type': 'Pass', 'Result': " + kCoords + ", 'ResultPath': '$.coords', 'Next': 'End'}"
                                                 << "{'georefOf': 'Home'}" << "{'georefOf': 'Home', 'coords': " + kCoords + "}";
        QTest::newRow("passes its input") << "{'Type': 'Pass', 'End': true}" << kTest << kTest;
        QTest::newRow("Result replaces the input") << "{'Type': 'Pass', 'Result': {'k': 1}}" << kTest << "{'k': 1}";
        QTest::newRow("Result is static") << "{'Type': 'Pass', 'Result': {'v.$': '$.who'}}" << kTest << "{'v.$': '$.who'}";
        QTest::newRow("Result null") << "{'Type': 'Pass', 'Result': null, 'ResultPath': '$.r'}" << "{'a': 1}" << "{'a': 1, 'r': null}";
        QTest::newRow("Parameters (AWS) is the result") << "{'Type': 'Pass', 'Parameters': " + kProductParameters + "}" << kProduct << kProductSelected;
        QTest::newRow("Parameters into the raw input") << "{'Type': 'Pass', 'InputPath': '$.product', 'Parameters': {'s.$': '$.sku'}, 'ResultPath': '$.picked'}"
                                                       << "{'product': {'sku': '2317'}}" << "{'product': {'sku': '2317'}, 'picked': {'s': '2317'}}";
        QTest::newRow("InputPath then ResultPath on raw") << "{'Type': 'Pass', 'InputPath': '$.lambda', 'ResultPath': '$.copy'}" << kLambdaInput
                                                          << "{'comment': 'An input comment.', 'data': {'val1': 23, 'val2': 17}, 'extra': 'foo', 'lambda': {'who': 'AWS Step Functions'}, 'copy': {'who': 'AWS Step Functions'}}";
        QTest::newRow("InputPath without ResultPath") << "{'Type': 'Pass', 'InputPath': '$.lambda'}" << kLambdaInput << "{'who': 'AWS Step Functions'}";
        QTest::newRow("InputPath null") << "{'Type': 'Pass', 'InputPath': null}" << kTest << "{}";
        QTest::newRow("Result with ResultPath null") << "{'Type': 'Pass', 'Result': 1, 'ResultPath': null}" << kTest << kTest;
        QTest::newRow("Result then OutputPath") << "{'Type': 'Pass', 'Result': {'a': {'b': 2}}, 'ResultPath': '$.r', 'OutputPath': '$.r.a'}" << "{}" << "{'b': 2}";
        QTest::newRow("ResultSelector ignored") << "{'Type': 'Pass', 'Result': 5, 'ResultSelector': {'k': 1}}" << "{}" << "5";
    }

    void passOutput() {
        QFETCH(QString, pass);
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const Result<Json> output = eval::passOutput(parse(pass), parse(input), parse(kContext), nullptr, nullptr);
        QVERIFY2(output.ok(), qPrintable(describe(output)));
        QCOMPARE(describe(output), QString::fromStdString(parse(expected).dump()));
    }

    void passOutputErrors_data() {
        QTest::addColumn<QString>("pass");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("cause");

        QTest::newRow("InputPath fails despite Result") << "{'Type': 'Pass', 'InputPath': '$.missing', 'Result': 1}" << "{}" << "States.Runtime"
                                                        << "Invalid path '$.missing' : No results for path: $['missing']";
        QTest::newRow("Parameters field fails") << "{'Type': 'Pass', 'Parameters': {'x.$': '$.x'}}" << "{'y': 1}" << "States.Runtime"
                                                << "The JSONPath '$.x' specified for the field 'x.$' could not be found in the input '{\"y\":1}'";
        QTest::newRow("ResultPath through an array") << "{'Type': 'Pass', 'Result': 1, 'ResultPath': '$.a.b'}" << "{'a': [0]}"
                                                     << "States.ResultPathMatchFailure"
                                                     << "Unable to apply ResultPath '$.a.b' to the input: $['a'] is an array, not an object";
        QTest::newRow("OutputPath fails") << "{'Type': 'Pass', 'Result': {'a': 1}, 'OutputPath': '$.b'}" << "{}" << "States.Runtime"
                                          << "Invalid path '$.b' : No results for path: $['b']";
    }

    void passOutputErrors() {
        QFETCH(QString, pass);
        QFETCH(QString, input);
        QFETCH(QString, error);
        QFETCH(QString, cause);
        const Result<Json> output = eval::passOutput(parse(pass), parse(input), parse(kContext), nullptr, nullptr);
        QVERIFY2(!output.ok(), qPrintable(describe(output)));
        QCOMPARE(QString::fromStdString(output.error().error), error);
        QCOMPARE(QString::fromStdString(output.error().cause), cause);
    }

    // The developer guide's chain on one Task: effective input for the work, then the output.
    void taskChain() {
        const Json state = parse(kLambdaState);
        const Json raw = parse(kLambdaInput);
        const Json context = parse(kContext);
        const Result<Json> input = eval::effectiveInput(state, raw, context, nullptr, nullptr);
        QCOMPARE(describe(input), QString::fromStdString(parse("{'who': 'AWS Step Functions'}").dump()));
        const Json result = "Hello, " + input.value()["who"].get<std::string>() + "!";
        const Result<Json> output = eval::stateOutput(state, raw, result, context, nullptr, nullptr);
        QCOMPARE(describe(output), QString::fromStdString(parse("{'val1': 23, 'val2': 17, 'lambdaresult': 'Hello, AWS Step Functions!'}").dump()));
    }
};

QTEST_APPLESS_MAIN(TestDataFlow)
#include "TestDataFlow.moc"
