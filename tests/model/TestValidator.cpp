// Validator rules, one row per rule: a small definition, the code it must raise and where.
// Definitions are written with ' for " to stay readable.
#include "model/asl/Validator.h"

#include "tests/common/QuotedJson.h"

#include <QtTest>

#include <algorithm>

using namespace flowcast::model;

namespace {

// ' stands for ", and \' for a real ' (inside intrinsic function arguments).
Json parse(const QString& singleQuoted) { return quotedJson(singleQuoted); }

// A definition whose only state is `state` (named S), ending there.
QString oneState(const QString& state) {
    return "{'StartAt': 'S', 'States': {'S': " + state + "}}";
}

QString describe(const Diagnostics& diags) {
    QStringList out;
    for (const auto& d : diags)
        out << QString::fromStdString(std::string(severityName(d.severity)) + " " + d.code + " " + d.location + ": " + d.message);
    return out.join("\n");
}

} // namespace

class TestValidator : public QObject {
    Q_OBJECT

private slots:
    void findings_data() {
        QTest::addColumn<QString>("definition");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("location");
        QTest::addColumn<bool>("isError");

        // Schema: required, unknown, exclusive fields, types, ranges.
        QTest::newRow("no StartAt") << "{'States': {'S': {'Type': 'Succeed'}}}" << "SCHEMA_VALIDATION_FAILED" << "" << true;
        QTest::newRow("unknown top field") << "{'StartAt': 'S', 'Foo': 1, 'States': {'S': {'Type': 'Succeed'}}}" << "SCHEMA_VALIDATION_FAILED" << "/Foo" << true;
        QTest::newRow("unknown type") << oneState("{'Type': 'Sleep', 'End': true}") << "SCHEMA_VALIDATION_FAILED" << "/States/S/Type" << true;
        QTest::newRow("unknown field") << oneState("{'Type': 'Pass', 'Resource': 'x', 'End': true}") << "SCHEMA_VALIDATION_FAILED" << "/States/S/Resource" << true;
        QTest::newRow("task needs resource") << oneState("{'Type': 'Task', 'End': true}") << "SCHEMA_VALIDATION_FAILED" << "/States/S" << true;
        QTest::newRow("next and end") << "{'StartAt': 'S', 'States': {'S': {'Type': 'Pass', 'Next': 'T', 'End': true}, 'T': {'Type': 'Succeed'}}}" << "SCHEMA_VALIDATION_FAILED" << "/States/S/End" << true;
        QTest::newRow("neither next nor end") << "{'StartAt': 'S', 'States': {'S': {'Type': 'Pass'}, 'T': {'Type': 'Succeed'}}}" << "MISSING_TRANSITION" << "/States/S" << true;
        QTest::newRow("backoff below 1") << oneState("{'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', 'Retry': [{'ErrorEquals': ['States.ALL'], 'BackoffRate': 0.5}], 'End': true}") << "SCHEMA_VALIDATION_FAILED" << "/States/S/Retry/0/BackoffRate" << true;
        QTest::newRow("negative attempts") << oneState("{'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', 'Retry': [{'ErrorEquals': ['States.ALL'], 'MaxAttempts': -1}], 'End': true}") << "SCHEMA_VALIDATION_FAILED" << "/States/S/Retry/0/MaxAttempts" << true;
        QTest::newRow("max delay too long") << oneState("{'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', 'Retry': [{'ErrorEquals': ['States.ALL'], 'MaxDelaySeconds': 31622401}], 'End': true}") << "SCHEMA_VALIDATION_FAILED" << "/States/S/Retry/0/MaxDelaySeconds" << true;
        QTest::newRow("jitter") << oneState("{'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', 'Retry': [{'ErrorEquals': ['States.ALL'], 'JitterStrategy': 'HALF'}], 'End': true}") << "SCHEMA_VALIDATION_FAILED" << "/States/S/Retry/0/JitterStrategy" << true;
        QTest::newRow("heartbeat >= timeout") << oneState("{'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', 'TimeoutSeconds': 10, 'HeartbeatSeconds': 10, 'End': true}") << "SCHEMA_VALIDATION_FAILED" << "/States/S/HeartbeatSeconds" << true;
        QTest::newRow("timeout and path") << oneState("{'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', 'TimeoutSeconds': 10, 'TimeoutSecondsPath': '$.t', 'End': true}") << "SCHEMA_VALIDATION_FAILED" << "/States/S/TimeoutSecondsPath" << true;
        QTest::newRow("wait two fields") << oneState("{'Type': 'Wait', 'Seconds': 1, 'SecondsPath': '$.s', 'End': true}") << "SCHEMA_VALIDATION_FAILED" << "/States/S" << true;
        QTest::newRow("wait timestamp") << oneState("{'Type': 'Wait', 'Timestamp': '2026-13-01T00:00:00Z', 'End': true}") << "SCHEMA_VALIDATION_FAILED" << "/States/S/Timestamp" << true;
        QTest::newRow("fail error and path") << oneState("{'Type': 'Fail', 'Error': 'E', 'ErrorPath': '$.e'}") << "SCHEMA_VALIDATION_FAILED" << "/States/S/ErrorPath" << true;
        QTest::newRow("credentials null") << oneState("{'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', 'Credentials': null, 'End': true}") << "SCHEMA_VALIDATION_FAILED" << "/States/S/Credentials" << true;
        QTest::newRow("tolerated > 100") << oneState("{'Type': 'Map', 'ItemProcessor': {'ProcessorConfig': {'Mode': 'DISTRIBUTED', 'ExecutionType': 'EXPRESS'}, 'StartAt': 'P', 'States': {'P': {'Type': 'Succeed'}}}, 'ToleratedFailurePercentage': 105, 'End': true}") << "SCHEMA_VALIDATION_FAILED" << "/States/S/ToleratedFailurePercentage" << true;
        QTest::newRow("distributed needs execution type") << oneState("{'Type': 'Map', 'ItemProcessor': {'ProcessorConfig': {'Mode': 'DISTRIBUTED'}, 'StartAt': 'P', 'States': {'P': {'Type': 'Succeed'}}}, 'End': true}") << "SCHEMA_VALIDATION_FAILED" << "/States/S/ItemProcessor/ProcessorConfig" << true;
        QTest::newRow("label chars") << oneState("{'Type': 'Map', 'ItemProcessor': {'ProcessorConfig': {'Mode': 'DISTRIBUTED', 'ExecutionType': 'STANDARD'}, 'StartAt': 'P', 'States': {'P': {'Type': 'Succeed'}}}, 'Label': 'a b', 'End': true}") << "SCHEMA_VALIDATION_FAILED" << "/States/S/Label" << true;
        QTest::newRow("inline map tolerated") << oneState("{'Type': 'Map', 'ItemProcessor': {'StartAt': 'P', 'States': {'P': {'Type': 'Succeed'}}}, 'ToleratedFailureCount': 1, 'End': true}") << "DISTRIBUTED_MAP_ONLY" << "/States/S/ToleratedFailureCount" << false;
        QTest::newRow("batch bytes") << oneState("{'Type': 'Map', 'ItemProcessor': {'ProcessorConfig': {'Mode': 'DISTRIBUTED', 'ExecutionType': 'EXPRESS'}, 'StartAt': 'P', 'States': {'P': {'Type': 'Succeed'}}}, 'ItemBatcher': {'MaxInputBytesPerBatch': 300000}, 'End': true}") << "SCHEMA_VALIDATION_FAILED" << "/States/S/ItemBatcher/MaxInputBytesPerBatch" << true;
        QTest::newRow("timestamp no such day") << oneState("{'Type': 'Wait', 'Timestamp': '2026-02-30T01:59:00Z', 'End': true}") << "SCHEMA_VALIDATION_FAILED" << "/States/S/Timestamp" << true;
        QTest::newRow("timestamp lowercase") << oneState("{'Type': 'Wait', 'Timestamp': '2026-03-14t01:59:00z', 'End': true}") << "SCHEMA_VALIDATION_FAILED" << "/States/S/Timestamp" << true;
        QTest::newRow("max items path in jsonata") << "{'QueryLanguage': 'JSONata', 'StartAt': 'S', 'States': {'S': {'Type': 'Map', 'ItemReader': {'Resource': 'arn:aws:states:::s3:getObject', 'ReaderConfig': {'MaxItemsPath': '$.n'}}, 'ItemProcessor': {'ProcessorConfig': {'Mode': 'DISTRIBUTED', 'ExecutionType': 'EXPRESS'}, 'StartAt': 'P', 'States': {'P': {'Type': 'Succeed'}}}, 'End': true}}}" << "SCHEMA_VALIDATION_FAILED" << "/States/S/ItemReader/ReaderConfig/MaxItemsPath" << true;
        QTest::newRow("state name > 80") << "{'StartAt': '" + QString(81, 'n') + "', 'States': {'" + QString(81, 'n') + "': {'Type': 'Succeed'}}}" << "INVALID_STATE_NAME" << "/States/" + QString(81, 'n') << true;

        // Graph.
        QTest::newRow("missing target") << "{'StartAt': 'S', 'States': {'S': {'Type': 'Pass', 'Next': 'Nope'}}}" << "MISSING_TRANSITION_TARGET" << "/States/S/Next" << true;
        QTest::newRow("missing StartAt target") << "{'StartAt': 'X', 'States': {'S': {'Type': 'Succeed'}}}" << "MISSING_TRANSITION_TARGET" << "/StartAt" << true;
        QTest::newRow("unreachable") << "{'StartAt': 'S', 'States': {'S': {'Type': 'Succeed'}, 'T': {'Type': 'Succeed'}}}" << "MISSING_TRANSITION_TARGET" << "/States/T" << true;
        QTest::newRow("no end") << "{'StartAt': 'S', 'States': {'S': {'Type': 'Pass', 'Next': 'T'}, 'T': {'Type': 'Pass', 'Next': 'S'}}}" << "MISSING_END_STATE" << "/States" << true;
        QTest::newRow("leaves branch") << "{'StartAt': 'P', 'States': {'P': {'Type': 'Parallel', 'Branches': [{'StartAt': 'B', 'States': {'B': {'Type': 'Pass', 'Next': 'Done'}}}], 'Next': 'Done'}, 'Done': {'Type': 'Succeed'}}}" << "MISSING_TRANSITION_TARGET" << "/States/P/Branches/0/States/B/Next" << true;
        QTest::newRow("jumps into map") << "{'StartAt': 'S', 'States': {'S': {'Type': 'Pass', 'Next': 'In'}, 'M': {'Type': 'Map', 'ItemProcessor': {'StartAt': 'In', 'States': {'In': {'Type': 'Succeed'}}}, 'End': true}}}" << "MISSING_TRANSITION_TARGET" << "/States/S/Next" << true;
        QTest::newRow("duplicate across scopes") << "{'StartAt': 'M', 'States': {'M': {'Type': 'Map', 'Iterator': {'StartAt': 'M', 'States': {'M': {'Type': 'Succeed'}}}, 'End': true}}}" << "DUPLICATE_STATE_NAME" << "/States/M/Iterator/States/M" << true;
        QTest::newRow("catch target missing") << oneState("{'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', 'Catch': [{'ErrorEquals': ['States.ALL'], 'Next': 'Gone'}], 'End': true}") << "MISSING_TRANSITION_TARGET" << "/States/S/Catch/0/Next" << true;

        // Choice rules.
        QTest::newRow("choice two operators") << "{'StartAt': 'C', 'States': {'C': {'Type': 'Choice', 'Choices': [{'Variable': '$.a', 'NumericEquals': 1, 'NumericLessThan': 2, 'Next': 'D'}]}, 'D': {'Type': 'Succeed'}}}" << "SCHEMA_VALIDATION_FAILED" << "/States/C/Choices/0" << true;
        QTest::newRow("choice operand type") << "{'StartAt': 'C', 'States': {'C': {'Type': 'Choice', 'Choices': [{'Variable': '$.a', 'NumericEquals': '1', 'Next': 'D'}]}, 'D': {'Type': 'Succeed'}}}" << "SCHEMA_VALIDATION_FAILED" << "/States/C/Choices/0/NumericEquals" << true;
        QTest::newRow("choice nested next") << "{'StartAt': 'C', 'States': {'C': {'Type': 'Choice', 'Choices': [{'Not': {'Variable': '$.a', 'IsNull': true, 'Next': 'D'}, 'Next': 'D'}]}, 'D': {'Type': 'Succeed'}}}" << "SCHEMA_VALIDATION_FAILED" << "/States/C/Choices/0/Not/Next" << true;
        QTest::newRow("choice timestamp") << "{'StartAt': 'C', 'States': {'C': {'Type': 'Choice', 'Choices': [{'Variable': '$.t', 'TimestampEquals': 'yesterday', 'Next': 'D'}]}, 'D': {'Type': 'Succeed'}}}" << "SCHEMA_VALIDATION_FAILED" << "/States/C/Choices/0/TimestampEquals" << true;
        QTest::newRow("choice variable intrinsic") << "{'StartAt': 'C', 'States': {'C': {'Type': 'Choice', 'Choices': [{'Variable': 'States.ArrayLength($.a)', 'IsNull': false, 'Next': 'D'}]}, 'D': {'Type': 'Succeed'}}}" << "INVALID_JSONPATH" << "/States/C/Choices/0/Variable" << true;

        // Paths and intrinsic functions.
        QTest::newRow("input path no $") << oneState("{'Type': 'Pass', 'InputPath': 'a.b', 'End': true}") << "INVALID_JSONPATH" << "/States/S/InputPath" << true;
        QTest::newRow("result path filter") << oneState("{'Type': 'Pass', 'ResultPath': '$.a[?(@.x)]', 'End': true}") << "INVALID_JSONPATH" << "/States/S/ResultPath" << true;
        QTest::newRow("result path variable") << oneState("{'Type': 'Pass', 'ResultPath': '$var', 'End': true}") << "INVALID_JSONPATH" << "/States/S/ResultPath" << true;
        QTest::newRow("payload not a path") << oneState("{'Type': 'Pass', 'Parameters': {'a.$': 'hello'}, 'End': true}") << "INVALID_JSONPATH" << "/States/S/Parameters/a.$" << true;
        QTest::newRow("intrinsic unknown") << oneState("{'Type': 'Pass', 'Parameters': {'a.$': 'States.Nope($.x)'}, 'End': true}") << "INVALID_INTRINSIC_FUNCTION" << "/States/S/Parameters/a.$" << true;
        QTest::newRow("intrinsic arity") << oneState("{'Type': 'Pass', 'Parameters': {'a.$': 'States.ArrayGetItem($.x)'}, 'End': true}") << "INVALID_INTRINSIC_FUNCTION" << "/States/S/Parameters/a.$" << true;
        QTest::newRow("intrinsic depth 11") << oneState("{'Type': 'Pass', 'Parameters': {'a.$': '" + QString("States.Array(").repeated(11) + QString(")").repeated(11) + "'}, 'End': true}") << "INVALID_INTRINSIC_FUNCTION" << "/States/S/Parameters/a.$" << true;
        QTest::newRow("dollar collision") << oneState("{'Type': 'Pass', 'Parameters': {'a': 1, 'a.$': '$.a'}, 'End': true}") << "DUPLICATE_FIELD_NAME" << "/States/S/Parameters/a.$" << true;
        QTest::newRow("assign collision") << oneState("{'Type': 'Pass', 'Assign': {'x': 1, 'x.$': '$.a'}, 'End': true}") << "DUPLICATE_FIELD_NAME" << "/States/S/Assign/x.$" << true;
        QTest::newRow("no dollar") << oneState("{'Type': 'Pass', 'Parameters': {'a': '$.a'}, 'End': true}") << "NO_DOLLAR" << "/States/S/Parameters/a" << false;
        QTest::newRow("pass result static") << oneState("{'Type': 'Pass', 'Result': {'a.$': '$.a'}, 'End': true}") << "PASS_RESULT_IS_STATIC" << "/States/S/Result/a.$" << false;

        // Query languages and JSONata.
        QTest::newRow("jsonpath field in jsonata") << oneState("{'Type': 'Pass', 'QueryLanguage': 'JSONata', 'InputPath': '$', 'End': true}") << "SCHEMA_VALIDATION_FAILED" << "/States/S/InputPath" << true;
        QTest::newRow("jsonata field in jsonpath") << oneState("{'Type': 'Pass', 'Output': '{% 1 %}', 'End': true}") << "SCHEMA_VALIDATION_FAILED" << "/States/S/Output" << true;
        QTest::newRow("jsonpath under jsonata top") << "{'QueryLanguage': 'JSONata', 'StartAt': 'S', 'States': {'S': {'Type': 'Pass', 'QueryLanguage': 'JSONPath', 'End': true}}}" << "SCHEMA_VALIDATION_FAILED" << "/States/S/QueryLanguage" << true;
        QTest::newRow("jsonata unclosed") << "{'QueryLanguage': 'JSONata', 'StartAt': 'S', 'States': {'S': {'Type': 'Pass', 'Output': '{% 1 + 2', 'End': true}}}" << "INVALID_JSONATA" << "/States/S/Output" << true;
        QTest::newRow("jsonata unopened") << "{'QueryLanguage': 'JSONata', 'StartAt': 'S', 'States': {'S': {'Type': 'Pass', 'Output': {'x': '1 + 2 %}'}, 'End': true}}}" << "INVALID_JSONATA" << "/States/S/Output/x" << true;
        QTest::newRow("jsonata empty") << "{'QueryLanguage': 'JSONata', 'StartAt': 'S', 'States': {'S': {'Type': 'Pass', 'Output': '{%  %}', 'End': true}}}" << "INVALID_JSONATA" << "/States/S/Output" << true;
        QTest::newRow("jsonata syntax") << "{'QueryLanguage': 'JSONata', 'StartAt': 'S', 'States': {'S': {'Type': 'Pass', 'Output': '{% $sum(1, 2 %}', 'End': true}}}" << "INVALID_JSONATA" << "/States/S/Output" << true;
        QTest::newRow("dollar key in jsonata") << "{'QueryLanguage': 'JSONata', 'StartAt': 'S', 'States': {'S': {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', 'Arguments': {'Payload.$': '$'}, 'End': true}}}" << "SCHEMA_VALIDATION_FAILED" << "/States/S/Arguments/Payload.$" << true;
        QTest::newRow("jsonata timeout not expression") << "{'QueryLanguage': 'JSONata', 'StartAt': 'S', 'States': {'S': {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', 'TimeoutSeconds': 'ten', 'End': true}}}" << "SCHEMA_VALIDATION_FAILED" << "/States/S/TimeoutSeconds" << true;

        // Errors.
        QTest::newRow("ALL not alone") << oneState("{'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', 'Retry': [{'ErrorEquals': ['States.ALL', 'X']}], 'End': true}") << "INVALID_ERROR_NAME" << "/States/S/Retry/0/ErrorEquals/0" << true;
        QTest::newRow("ALL not last") << oneState("{'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', 'Retry': [{'ErrorEquals': ['States.ALL']}, {'ErrorEquals': ['X']}], 'End': true}") << "INVALID_ERROR_NAME" << "/States/S/Retry/0/ErrorEquals" << true;
        QTest::newRow("reserved prefix") << oneState("{'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', 'Retry': [{'ErrorEquals': ['States.Mine']}], 'End': true}") << "RESERVED_ERROR_NAME" << "/States/S/Retry/0/ErrorEquals/0" << false;
        QTest::newRow("error not string") << oneState("{'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', 'Catch': [{'ErrorEquals': [true], 'Next': 'S'}], 'End': true}") << "SCHEMA_VALIDATION_FAILED" << "/States/S/Catch/0/ErrorEquals/0" << true;

        // Resources and placeholders.
        QTest::newRow("resource not arn") << oneState("{'Type': 'Task', 'Resource': 'lambda:invoke', 'End': true}") << "INVALID_RESOURCE" << "/States/S/Resource" << true;
        QTest::newRow("lambda qualifier") << oneState("{'Type': 'Task', 'Resource': 'arn:aws:lambda:us-east-1:123456789012:function:f:$*#', 'End': true}") << "INVALID_RESOURCE" << "/States/S/Resource" << true;
        QTest::newRow("placeholder resource") << oneState("{'Type': 'Task', 'Resource': 'arn:${AWS::Partition}:states:::lambda:invoke', 'End': true}") << "UNRESOLVED_PLACEHOLDER" << "/States/S/Resource" << false;
        QTest::newRow("placeholder unclosed") << oneState("{'Type': 'Task', 'Resource': '${LambdaArn', 'End': true}") << "INVALID_RESOURCE" << "/States/S/Resource" << true;
        QTest::newRow("placeholder elsewhere") << oneState("{'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', 'Parameters': {'FunctionName': '${Fn}'}, 'End': true}") << "UNRESOLVED_PLACEHOLDER" << "/States/S/Parameters/FunctionName" << false;
    }

    void findings() {
        QFETCH(QString, definition);
        QFETCH(QString, code);
        QFETCH(QString, location);
        QFETCH(bool, isError);
        const Diagnostics diags = Validator().validate(parse(definition));
        const auto it = std::find_if(diags.begin(), diags.end(), [&](const Diagnostic& d) {
            return d.code == code.toStdString() && d.location == location.toStdString();
        });
        if (it == diags.end()) QFAIL(qPrintable("expected " + code + " at " + location + ", got:\n" + describe(diags)));
        QCOMPARE(it->isError(), isError);
        QVERIFY(!it->message.empty());
    }

    void expressRestrictions_data() {
        QTest::addColumn<QString>("resource");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("request-response") << "arn:aws:states:::lambda:invoke" << true;
        QTest::newRow("sync") << "arn:aws:states:::glue:startJobRun.sync" << false;
        QTest::newRow("sync:2") << "arn:aws:states:::states:startExecution.sync:2" << false;
        QTest::newRow("callback") << "arn:aws:states:::sqs:sendMessage.waitForTaskToken" << false;
        QTest::newRow("activity") << "arn:aws:states:us-east-1:123456789012:activity:review" << false;
    }
    void expressRestrictions() {
        QFETCH(QString, resource);
        QFETCH(bool, allowed);
        const Json def = parse(oneState("{'Type': 'Task', 'Resource': '" + resource + "', 'End': true}"));
        ValidatorOptions express;
        express.express = true;
        const Diagnostics diags = Validator(express).validate(def);
        const bool flagged = std::any_of(diags.begin(), diags.end(), [](const Diagnostic& d) {
            return d.code == "EXPRESS_UNSUPPORTED" && d.location == "/States/S/Resource" && d.isError();
        });
        QCOMPARE(flagged, !allowed);
        QVERIFY(!hasError(Validator().validate(def))); // fine for a Standard workflow
    }

    void acceptsValidDefinitions_data() {
        QTest::addColumn<QString>("definition");
        QTest::newRow("minimal") << oneState("{'Type': 'Succeed'}");
        QTest::newRow("all intrinsics") << oneState("{'Type': 'Pass', 'Parameters': {'a.$': 'States.Format(\\'{} and {}\\', $.a, States.ArrayLength($.b))', 'b.$': 'States.MathAdd($.n, -1)', 'c.$': 'States.UUID()', 'd.$': 'States.JsonMerge($.x, $.y, false)', 'e.$': 'States.Hash($.s, \\'SHA-256\\')', 'f.$': 'States.MathRandom(1, 10)'}, 'End': true}");
        QTest::newRow("paths") << oneState("{'Type': 'Pass', 'InputPath': '$.books[-2]', 'OutputPath': '$[(@.length-1)].bar', 'ResultPath': '$.a.b[0]', 'Parameters': {'x.$': '$..price', 'y.$': '$.a[?(@.b == 1)]', 'z.$': '$$.Execution.Id', 'v.$': '$myVar.x'}, 'End': true}");
        QTest::newRow("null paths") << oneState("{'Type': 'Pass', 'InputPath': null, 'OutputPath': null, 'ResultPath': null, 'End': true}");
        QTest::newRow("choice loop") << "{'StartAt': 'W', 'States': {'W': {'Type': 'Wait', 'Seconds': 5, 'Next': 'C'}, 'C': {'Type': 'Choice', 'Choices': [{'And': [{'Variable': '$.s', 'StringEquals': 'done'}, {'Variable': '$.n', 'NumericGreaterThanPath': '$.m'}], 'Next': 'D'}], 'Default': 'W'}, 'D': {'Type': 'Succeed'}}}";
        QTest::newRow("jsonata") << "{'QueryLanguage': 'JSONata', 'StartAt': 'S', 'States': {'S': {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', 'Arguments': {'Payload': '{% $states.input %}'}, 'TimeoutSeconds': '{% $t %}', 'Output': '{% $states.result.Payload %}', 'Assign': {'x': '{% 1 %}'}, 'End': true}}}";
        QTest::newRow("multi-line jsonata") << "{'QueryLanguage': 'JSONata', 'StartAt': 'C', 'States': {'C': {'Type': 'Choice', 'Choices': [{'Condition': '{%\\n  $states.input.n > 1\\n%}', 'Next': 'D'}], 'Default': 'D'}, 'D': {'Type': 'Succeed'}}}";
        QTest::newRow("unicode variable and label") << oneState("{'Type': 'Map', 'ItemsPath': '$données.items', 'ItemProcessor': {'ProcessorConfig': {'Mode': 'DISTRIBUTED', 'ExecutionType': 'EXPRESS'}, 'StartAt': 'P', 'States': {'P': {'Type': 'Succeed'}}}, 'Label': 'ééééééééééééééééééééééééééééééééééééééé', 'End': true}");
        QTest::newRow("distributed map") << oneState("{'Type': 'Map', 'ItemReader': {'Resource': 'arn:aws:states:::s3:getObject', 'ReaderConfig': {'InputType': 'CSV', 'CSVHeaderLocation': 'FIRST_ROW', 'MaxItems': 10}, 'Parameters': {'Bucket': 'b', 'Key': 'k'}}, 'ItemProcessor': {'ProcessorConfig': {'Mode': 'DISTRIBUTED', 'ExecutionType': 'EXPRESS'}, 'StartAt': 'P', 'States': {'P': {'Type': 'Succeed'}}}, 'ItemBatcher': {'MaxItemsPerBatch': 100}, 'ToleratedFailurePercentage': 5, 'Label': 'Batch', 'End': true}");
    }
    void acceptsValidDefinitions() {
        QFETCH(QString, definition);
        const Diagnostics diags = Validator().validate(parse(definition));
        if (hasError(diags)) QFAIL(qPrintable(describe(diags)));
    }

    void neverThrowsOnWrongShapes_data() {
        QTest::addColumn<QString>("definition");
        QTest::newRow("array") << "[]";
        QTest::newRow("states array") << "{'StartAt': 'S', 'States': []}";
        QTest::newRow("state string") << "{'StartAt': 'S', 'States': {'S': 'x'}}";
        QTest::newRow("branches wrong") << oneState("{'Type': 'Parallel', 'Branches': [1, [], {'States': 3}], 'End': true}");
        QTest::newRow("choices wrong") << oneState("{'Type': 'Choice', 'Choices': [1, {'Not': []}, {'And': {}}]}");
        QTest::newRow("retry wrong") << oneState("{'Type': 'Task', 'Resource': 1, 'Retry': [1, {'ErrorEquals': 'x'}], 'Catch': {}, 'End': 'yes'}");
        QTest::newRow("map wrong") << oneState("{'Type': 'Map', 'ItemProcessor': [], 'ItemReader': 1, 'ItemBatcher': [], 'End': true}");
        // Found by the fuzzer: a null Type reached the graph check, a null Mode the Map rules.
        QTest::newRow("type null") << "{'StartAt': 'S', 'States': {'S': {'Type': null, 'Next': 'T'}, 'T': {'Type': 3}}}";
        QTest::newRow("mode null") << oneState("{'Type': 'Map', 'ItemProcessor': {'ProcessorConfig': {'Mode': null}, 'StartAt': 'P', 'States': {'P': {'Type': 'Succeed'}}}, 'ItemReader': {}, 'End': true}");
    }
    void neverThrowsOnWrongShapes() {
        QFETCH(QString, definition);
        Diagnostics diags;
        try {
            diags = Validator().validate(parse(definition));
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
        QVERIFY(hasError(diags));
    }
};

QTEST_APPLESS_MAIN(TestValidator)
#include "TestValidator.moc"
