// The mock configuration file of Step Functions Local. The first rows use the example file of the
// AWS developer guide ("Configuration file for mocked service integrations", MockConfigFile.json)
// with its structure unchanged; JSON is written with ' for ".
#include "model/asl/MockConfig.h"

#include "tests/common/QuotedJson.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <string>

using namespace flowcast::model;

namespace {

// The AWS example, verbatim in structure and values.
const QString kAwsExample =
    "{'StateMachines': {'LambdaSQSIntegration': {'TestCases': {"
    "'HappyPath': {'LambdaState': 'MockedLambdaSuccess', 'SQSState': 'MockedSQSSuccess'},"
    "'RetryPath': {'LambdaState': 'MockedLambdaRetry', 'SQSState': 'MockedSQSSuccess'},"
    "'HybridPath': {'LambdaState': 'MockedLambdaSuccess'}}}},"
    "'MockedResponses': {"
    "'MockedLambdaSuccess': {'0': {'Return': {'StatusCode': 200, 'Payload': {'StatusCode': 200, 'body': 'Hello from Lambda!'}}}},"
    "'LambdaMockedResourceNotReady': {'0': {'Throw': {'Error': 'Lambda.ResourceNotReadyException', 'Cause': 'Lambda resource is not ready.'}}},"
    "'MockedSQSSuccess': {'0': {'Return': {'MD5OfMessageBody': '3bcb6e8e-7h85-4375-b0bc-1a59812c6e51', 'MessageId': '3bcb6e8e-8b51-4375-b0bc-1a59812c6e51'}}},"
    "'MockedLambdaRetry': {"
    "'0': {'Throw': {'Error': 'Lambda.ResourceNotReadyException', 'Cause': 'Lambda resource is not ready.'}},"
    "'1-2': {'Throw': {'Error': 'Lambda.TimeoutException', 'Cause': 'Lambda timed out.'}},"
    "'3': {'Return': {'StatusCode': 200, 'Payload': {'StatusCode': 200, 'body': 'Hello from Lambda!'}}}}}}";

const QString kLambdaOk = "{'Return': {'StatusCode': 200, 'Payload': {'StatusCode': 200, 'body': 'Hello from Lambda!'}}}";
const QString kSqsOk = "{'Return': {'MD5OfMessageBody': '3bcb6e8e-7h85-4375-b0bc-1a59812c6e51', 'MessageId': '3bcb6e8e-8b51-4375-b0bc-1a59812c6e51'}}";
const QString kNotReady = "{'Throw': {'Error': 'Lambda.ResourceNotReadyException', 'Cause': 'Lambda resource is not ready.'}}";
const QString kTimeout = "{'Throw': {'Error': 'Lambda.TimeoutException', 'Cause': 'Lambda timed out.'}}";

// An outcome written back in the file's own shape, so rows compare with one QCOMPARE; "null" when
// there is none.
QString describe(const std::optional<MockOutcome>& outcome) {
    if (!outcome) return "null";
    Json json;
    if (outcome->isThrow) json["Throw"] = {{"Error", outcome->error}, {"Cause", outcome->cause}};
    else json["Return"] = outcome->value;
    return QString::fromStdString(json.dump());
}

QString expected(const QString& singleQuoted) {
    return singleQuoted == "null" ? singleQuoted : QString::fromStdString(quotedJson(singleQuoted).dump());
}

QString describe(const Diagnostics& diagnostics) {
    QStringList lines;
    for (const auto& d : diagnostics)
        lines << QString::fromStdString(formatDiagnostic("mock.json", d));
    return lines.join('\n');
}

// A valid file with the comma-separated machines, each with test case T mocking S with response R.
Json withMachines(const QString& machineNames) {
    Json document = quotedJson("{'StateMachines': {}, 'MockedResponses': {'R': {'0': {'Return': 1}}}}");
    for (const QString& name : machineNames.split(',', Qt::SkipEmptyParts))
        document["StateMachines"][name.toStdString()] = quotedJson("{'TestCases': {'T': {'S': 'R'}}}");
    return document;
}

} // namespace

class TestMockConfig : public QObject {
    Q_OBJECT

private slots:
    void awsExample_data() {
        QTest::addColumn<QString>("testCase");
        QTest::addColumn<QString>("state");
        QTest::addColumn<int>("invocation");
        QTest::addColumn<QString>("outcome");
        QTest::newRow("HappyPath Lambda #0") << "HappyPath" << "LambdaState" << 0 << kLambdaOk;
        QTest::newRow("HappyPath SQS #0") << "HappyPath" << "SQSState" << 0 << kSqsOk;
        QTest::newRow("HappyPath Lambda #1: not defined") << "HappyPath" << "LambdaState" << 1 << "null";
        QTest::newRow("RetryPath #0 not ready") << "RetryPath" << "LambdaState" << 0 << kNotReady;
        QTest::newRow("RetryPath #1 in 1-2") << "RetryPath" << "LambdaState" << 1 << kTimeout;
        QTest::newRow("RetryPath #2 in 1-2") << "RetryPath" << "LambdaState" << 2 << kTimeout;
        QTest::newRow("RetryPath #3 returns") << "RetryPath" << "LambdaState" << 3 << kLambdaOk;
        QTest::newRow("RetryPath #4: last entry not repeated") << "RetryPath" << "LambdaState" << 4 << "null";
        QTest::newRow("RetryPath SQS #0") << "RetryPath" << "SQSState" << 0 << kSqsOk;
        QTest::newRow("HybridPath Lambda #0") << "HybridPath" << "LambdaState" << 0 << kLambdaOk;
        QTest::newRow("HybridPath SQS: not mocked") << "HybridPath" << "SQSState" << 0 << "null";
        QTest::newRow("unknown test case") << "SadPath" << "LambdaState" << 0 << "null";
        QTest::newRow("unknown state") << "HappyPath" << "Nope" << 0 << "null";
        QTest::newRow("negative invocation") << "RetryPath" << "LambdaState" << -1 << "null";
    }
    void awsExample() {
        QFETCH(QString, testCase);
        QFETCH(QString, state);
        QFETCH(int, invocation);
        QFETCH(QString, outcome);
        Diagnostics diagnostics;
        const auto config = MockConfig::fromJson(quotedJson(kAwsExample), diagnostics);
        QCOMPARE(describe(diagnostics), QString());
        QCOMPARE(describe(config.outcome("LambdaSQSIntegration", testCase.toStdString(),
                                         state.toStdString(), invocation)),
                 expected(outcome));
    }

    void awsExampleNames() {
        Diagnostics diagnostics;
        const auto config = MockConfig::fromJson(quotedJson(kAwsExample), diagnostics);
        QCOMPARE(config.stateMachineNames(), std::vector<std::string>{"LambdaSQSIntegration"});
        QCOMPARE(config.testCaseNames("LambdaSQSIntegration"),
                 (std::vector<std::string>{"HappyPath", "RetryPath", "HybridPath"}));
        QVERIFY(config.hasTestCase("LambdaSQSIntegration", "HybridPath"));
        QVERIFY(!config.hasTestCase("LambdaSQSIntegration", "SadPath"));
        QVERIFY(!config.hasTestCase("Other", "HappyPath"));
        QVERIFY(config.isMocked("LambdaSQSIntegration", "HybridPath", "LambdaState"));
        QVERIFY(!config.isMocked("LambdaSQSIntegration", "HybridPath", "SQSState"));
    }

    // Entries in any key order, ranges of one, and the response reused by two states.
    void ranges_data() {
        QTest::addColumn<int>("invocation");
        QTest::addColumn<QString>("outcome");
        QTest::newRow("#0 in 0-2") << 0 << "{'Throw': {'Error': 'E1', 'Cause': 'c1'}}";
        QTest::newRow("#2 in 0-2") << 2 << "{'Throw': {'Error': 'E1', 'Cause': 'c1'}}";
        QTest::newRow("#3 in 3-3") << 3 << "{'Throw': {'Error': 'E2', 'Cause': ''}}";
        QTest::newRow("#4 in 4-10") << 4 << "{'Return': [1, 2]}";
        QTest::newRow("#10 in 4-10") << 10 << "{'Return': [1, 2]}";
        QTest::newRow("#11 beyond") << 11 << "null";
    }
    void ranges() {
        QFETCH(int, invocation);
        QFETCH(QString, outcome);
        const Json document = quotedJson(
            "{'StateMachines': {'M': {'TestCases': {'T': {'A': 'R', 'B': 'R'}}}},"
            " 'MockedResponses': {'R': {'4-10': {'Return': [1, 2]}, '0-2': {'Throw': {'Error': 'E1', 'Cause': 'c1'}},"
            " '3-3': {'Throw': {'Error': 'E2'}}}}}");
        Diagnostics diagnostics;
        const auto config = MockConfig::fromJson(document, diagnostics);
        QCOMPARE(describe(diagnostics), QString());
        QCOMPARE(describe(config.outcome("M", "T", "A", invocation)), expected(outcome));
        QCOMPARE(describe(config.outcome("M", "T", "B", invocation)), expected(outcome));
    }

    void chooseStateMachine_data() {
        QTest::addColumn<QString>("machines");
        QTest::addColumn<QString>("requested");
        QTest::addColumn<QString>("definition");
        QTest::addColumn<QString>("chosen");
        QTest::addColumn<QString>("diagnostic");
        QTest::newRow("explicit") << "A,B" << "B" << "A.asl.json" << "B" << "";
        QTest::newRow("explicit unknown")
            << "A,B" << "C" << "A.asl.json" << ""
            << "mock.json:/StateMachines: ERROR MOCK_STATE_MACHINE_UNKNOWN: no state machine \"C\" in the mock file; it has \"A\", \"B\"";
        QTest::newRow("explicit beats the only one")
            << "A" << "C" << "A.json" << ""
            << "mock.json:/StateMachines: ERROR MOCK_STATE_MACHINE_UNKNOWN: no state machine \"C\" in the mock file; it has \"A\"";
        QTest::newRow("stem of .asl.json") << "A,Orders" << "" << "dir/Orders.asl.json" << "Orders" << "";
        QTest::newRow("stem of .json") << "A,Orders" << "" << "Orders.json" << "Orders" << "";
        QTest::newRow("stem of .asl.yaml") << "A,Orders" << "" << "Orders.asl.yaml" << "Orders" << "";
        QTest::newRow("stem is case-sensitive")
            << "A,Orders" << "" << "orders.asl.json" << ""
            << "mock.json:/StateMachines: ERROR MOCK_STATE_MACHINE_AMBIGUOUS: cannot tell which state machine of the mock file \"orders\" is (name it with --state-machine-name): it has \"A\", \"Orders\"";
        QTest::newRow("only one") << "Single" << "" << "whatever.asl.json" << "Single" << "";
        QTest::newRow("ambiguous")
            << "A,B" << "" << "C.asl.json" << ""
            << "mock.json:/StateMachines: ERROR MOCK_STATE_MACHINE_AMBIGUOUS: cannot tell which state machine of the mock file \"C\" is (name it with --state-machine-name): it has \"A\", \"B\"";
        QTest::newRow("none")
            << "" << "" << "C.asl.json" << ""
            << "mock.json:/StateMachines: ERROR MOCK_STATE_MACHINE_AMBIGUOUS: cannot tell which state machine of the mock file \"C\" is (name it with --state-machine-name): it has none";
    }
    void chooseStateMachine() {
        QFETCH(QString, machines);
        QFETCH(QString, requested);
        QFETCH(QString, definition);
        QFETCH(QString, chosen);
        QFETCH(QString, diagnostic);
        Diagnostics readDiagnostics;
        const auto config = MockConfig::fromJson(withMachines(machines), readDiagnostics);
        QCOMPARE(describe(readDiagnostics), QString());
        Diagnostics diagnostics;
        const auto choice = config.chooseStateMachine(requested.toStdString(),
                                                      definition.toStdString(), diagnostics);
        QCOMPARE(QString::fromStdString(choice.value_or("")), chosen);
        QCOMPARE(choice.has_value(), !chosen.isEmpty());
        QCOMPARE(describe(diagnostics), diagnostic);
    }

    // Each row: a whole file and the one diagnostic it gets, formatted with its pointer.
    void invalid_data() {
        QTest::addColumn<QString>("document");
        QTest::addColumn<QString>("diagnostic");
        const QString ok = "'MockedResponses': {'R': {'0': {'Return': 1}}}";
        const QString machine = "'StateMachines': {'M': {'TestCases': {'T': {'S': 'R'}}}}";
        const auto responses = [&](const QString& r) { return "{" + machine + ", 'MockedResponses': {'R': " + r + "}}"; };
        const QString prefix = "mock.json:";
        QTest::newRow("not an object") << "[]" << prefix + "/: ERROR MOCK_CONFIG_INVALID: must be an object, not an array";
        QTest::newRow("no StateMachines") << "{" + ok + "}" << prefix + "/: ERROR MOCK_CONFIG_INVALID: missing required field \"StateMachines\"";
        QTest::newRow("no MockedResponses") << "{'StateMachines': {}}" << prefix + "/: ERROR MOCK_CONFIG_INVALID: missing required field \"MockedResponses\"";
        QTest::newRow("StateMachines an array") << "{'StateMachines': [], " + ok + "}" << prefix + "/StateMachines: ERROR MOCK_CONFIG_INVALID: must be an object, not an array";
        QTest::newRow("unknown top-level field") << "{'StateMachines': {}, " + ok + ", 'Extra': 1}" << prefix + "/Extra: WARNING MOCK_CONFIG_INVALID: unknown field \"Extra\" (ignored)";
        QTest::newRow("machine a string") << "{'StateMachines': {'M': 'x'}, " + ok + "}" << prefix + "/StateMachines/M: ERROR MOCK_CONFIG_INVALID: must be an object, not a string";
        QTest::newRow("machine without TestCases") << "{'StateMachines': {'M': {}}, " + ok + "}" << prefix + "/StateMachines/M: ERROR MOCK_CONFIG_INVALID: missing required field \"TestCases\"";
        QTest::newRow("machine with extra field") << "{'StateMachines': {'M': {'TestCases': {}, 'Tests': {}}}, " + ok + "}" << prefix + "/StateMachines/M/Tests: WARNING MOCK_CONFIG_INVALID: unknown field \"Tests\" (ignored)";
        QTest::newRow("test case an array") << "{'StateMachines': {'M': {'TestCases': {'T': []}}}, " + ok + "}" << prefix + "/StateMachines/M/TestCases/T: ERROR MOCK_CONFIG_INVALID: must be an object, not an array";
        QTest::newRow("state maps to a number") << "{'StateMachines': {'M': {'TestCases': {'T': {'S': 1}}}}, " + ok + "}" << prefix + "/StateMachines/M/TestCases/T/S: ERROR MOCK_CONFIG_INVALID: must be the name of a mocked response (a string), not a number";
        QTest::newRow("unknown response") << "{'StateMachines': {'M': {'TestCases': {'T': {'S': 'Nope'}}}}, " + ok + "}" << prefix + "/StateMachines/M/TestCases/T/S: ERROR MOCK_CONFIG_INVALID: names mocked response \"Nope\", which MockedResponses does not define";
        QTest::newRow("unknown response, escaped pointer") << "{'StateMachines': {'a/b': {'TestCases': {'T~1': {'S': 'Nope'}}}}, " + ok + "}" << prefix + "/StateMachines/a~1b/TestCases/T~01/S: ERROR MOCK_CONFIG_INVALID: names mocked response \"Nope\", which MockedResponses does not define";
        QTest::newRow("response a string") << responses("'x'") << prefix + "/MockedResponses/R: ERROR MOCK_CONFIG_INVALID: must be an object, not a string";
        QTest::newRow("response empty") << responses("{}") << prefix + "/MockedResponses/R: ERROR MOCK_CONFIG_INVALID: defines no invocation";
        QTest::newRow("key not a number") << responses("{'first': {'Return': 1}}") << prefix + "/MockedResponses/R/first: ERROR MOCK_CONFIG_INVALID: \"first\" is not an invocation number (\"0\") or an inclusive range (\"1-2\")";
        QTest::newRow("key negative") << responses("{'-1': {'Return': 1}}") << prefix + "/MockedResponses/R/-1: ERROR MOCK_CONFIG_INVALID: \"-1\" is not an invocation number (\"0\") or an inclusive range (\"1-2\")";
        QTest::newRow("key with spaces") << responses("{'0 - 1': {'Return': 1}}") << prefix + "/MockedResponses/R/0 - 1: ERROR MOCK_CONFIG_INVALID: \"0 - 1\" is not an invocation number (\"0\") or an inclusive range (\"1-2\")";
        QTest::newRow("key with two dashes") << responses("{'0-1-2': {'Return': 1}}") << prefix + "/MockedResponses/R/0-1-2: ERROR MOCK_CONFIG_INVALID: \"0-1-2\" is not an invocation number (\"0\") or an inclusive range (\"1-2\")";
        QTest::newRow("key too large") << responses("{'99999999999': {'Return': 1}}") << prefix + "/MockedResponses/R/99999999999: ERROR MOCK_CONFIG_INVALID: \"99999999999\" is not an invocation number (\"0\") or an inclusive range (\"1-2\")";
        QTest::newRow("range backwards") << responses("{'0': {'Return': 1}, '2-1': {'Return': 2}}") << prefix + "/MockedResponses/R/2-1: ERROR MOCK_CONFIG_INVALID: range \"2-1\" ends before it starts";
        QTest::newRow("ranges overlap") << responses("{'0-2': {'Return': 1}, '2-3': {'Return': 2}}") << prefix + "/MockedResponses/R/2-3: ERROR MOCK_CONFIG_INVALID: \"2-3\" overlaps \"0-2\": invocation 2 has two responses";
        QTest::newRow("same index twice") << responses("{'1': {'Return': 1}, '0-1': {'Return': 2}}") << prefix + "/MockedResponses/R/1: ERROR MOCK_CONFIG_INVALID: \"1\" overlaps \"0-1\": invocation 1 has two responses";
        QTest::newRow("gap") << responses("{'0': {'Return': 1}, '3': {'Return': 2}}") << prefix + "/MockedResponses/R/3: ERROR MOCK_CONFIG_INVALID: invocation 1-2 has no response: entries must cover 0, 1, 2, ... without gaps";
        QTest::newRow("not from 0") << responses("{'1': {'Return': 1}}") << prefix + "/MockedResponses/R/1: ERROR MOCK_CONFIG_INVALID: invocation 0 has no response: entries must cover 0, 1, 2, ... without gaps";
        QTest::newRow("entry not an object") << responses("{'0': 1}") << prefix + "/MockedResponses/R/0: ERROR MOCK_CONFIG_INVALID: must be an object, not a number";
        QTest::newRow("Return and Throw") << responses("{'0': {'Return': 1, 'Throw': {'Error': 'E'}}}") << prefix + "/MockedResponses/R/0: ERROR MOCK_CONFIG_INVALID: has both Return and Throw; an entry has exactly one";
        QTest::newRow("neither") << responses("{'0': {}}") << prefix + "/MockedResponses/R/0: ERROR MOCK_CONFIG_INVALID: has neither Return nor Throw; an entry has exactly one";
        QTest::newRow("entry extra field") << responses("{'0': {'Return': 1, 'Delay': 5}}") << prefix + "/MockedResponses/R/0/Delay: WARNING MOCK_CONFIG_INVALID: unknown field \"Delay\" (ignored)";
        QTest::newRow("Throw a string") << responses("{'0': {'Throw': 'E'}}") << prefix + "/MockedResponses/R/0/Throw: ERROR MOCK_CONFIG_INVALID: must be an object, not a string";
        QTest::newRow("Throw without Error") << responses("{'0': {'Throw': {'Cause': 'c'}}}") << prefix + "/MockedResponses/R/0/Throw: ERROR MOCK_CONFIG_INVALID: missing required field \"Error\"";
        QTest::newRow("Error a number") << responses("{'0': {'Throw': {'Error': 5}}}") << prefix + "/MockedResponses/R/0/Throw/Error: ERROR MOCK_CONFIG_INVALID: must be a string, not a number";
        QTest::newRow("Cause an object") << responses("{'0': {'Throw': {'Error': 'E', 'Cause': {}}}}") << prefix + "/MockedResponses/R/0/Throw/Cause: ERROR MOCK_CONFIG_INVALID: must be a string, not an object";
        QTest::newRow("Throw extra field") << responses("{'0': {'Throw': {'Error': 'E', 'Code': 1}}}") << prefix + "/MockedResponses/R/0/Throw/Code: WARNING MOCK_CONFIG_INVALID: unknown field \"Code\" (ignored)";
    }
    void invalid() {
        QFETCH(QString, document);
        QFETCH(QString, diagnostic);
        Diagnostics diagnostics;
        MockConfig::fromJson(quotedJson(document), diagnostics);
        QCOMPARE(describe(diagnostics), diagnostic);
    }

    // What is valid survives next to what is not: the CLI reports every problem at once.
    void validPartsKept() {
        const Json document = quotedJson(
            "{'StateMachines': {'M': {'TestCases': {'T': {'A': 'R', 'B': 'Missing'}}}},"
            " 'MockedResponses': {'R': {'0': {'Return': 'ok'}, '1': {'Return': 1, 'Throw': {'Error': 'E'}}, '2': {'Throw': {'Error': 'E'}}}}}");
        Diagnostics diagnostics;
        const auto config = MockConfig::fromJson(document, diagnostics);
        QCOMPARE(describe(diagnostics),
                 QString("mock.json:/MockedResponses/R/1: ERROR MOCK_CONFIG_INVALID: has both Return and Throw; an entry has exactly one\n"
                         "mock.json:/MockedResponses/R/2: ERROR MOCK_CONFIG_INVALID: invocation 1 has no response: entries must cover 0, 1, 2, ... without gaps\n"
                         "mock.json:/StateMachines/M/TestCases/T/B: ERROR MOCK_CONFIG_INVALID: names mocked response \"Missing\", which MockedResponses does not define"));
        QCOMPARE(describe(config.outcome("M", "T", "A", 0)), expected("{'Return': 'ok'}"));
        QCOMPARE(describe(config.outcome("M", "T", "A", 1)), QString("null"));
        QCOMPARE(describe(config.outcome("M", "T", "A", 2)), expected("{'Throw': {'Error': 'E', 'Cause': ''}}"));
        QVERIFY(!config.isMocked("M", "T", "B"));
        QVERIFY(config.hasTestCase("M", "T"));
    }

    void readFile() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path path = dir.filePath("MockConfigFile.json").toStdString();
        std::ofstream(path) << quotedJson(kAwsExample).dump(2);
        Diagnostics diagnostics;
        const auto config = MockConfig::readFile(path, diagnostics);
        QCOMPARE(describe(diagnostics), QString());
        QCOMPARE(describe(config.outcome("LambdaSQSIntegration", "RetryPath", "LambdaState", 3)),
                 expected(kLambdaOk));
    }

    // Read problems come from AslReader with its own codes; nothing is mocked afterwards.
    void readFileProblems_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("syntax error") << "{\"StateMachines\": ";
        QTest::newRow("missing file") << "";
    }
    void readFileProblems() {
        QFETCH(QString, text);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path path = dir.filePath("MockConfigFile.json").toStdString();
        if (!text.isEmpty()) std::ofstream(path) << text.toStdString();
        Diagnostics diagnostics;
        const auto config = MockConfig::readFile(path, diagnostics);
        QVERIFY2(hasError(diagnostics), qPrintable(describe(diagnostics)));
        QVERIFY(config.stateMachineNames().empty());
    }
};

QTEST_APPLESS_MAIN(TestMockConfig)
#include "TestMockConfig.moc"
