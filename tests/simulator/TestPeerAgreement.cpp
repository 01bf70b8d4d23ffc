// Agreement with the peer interpreter aws-local-stepfunctions 3 (issue 3): every corpus definition
// the peer ran with input {} (tests/simulator/data/peer-runs.tsv, recorded by
// tests/simulator/data/record-peer-runs.sh, every Task stubbed to return its input) is run by
// Flowcast with the EchoBackend and the same input. Final status and, on success, the output must
// agree; every difference is listed in kKnownDifferences with the AWS documentation sentence behind
// Flowcast.
#include "model/asl/DefinitionFile.h"
#include "simulator/core/Kernel.h"
#include "simulator/exec/Execution.h"
#include "tests/model/CorpusManifest.h"

#include <QtTest>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

using flowcast::model::Json;
using namespace flowcast::sim;

namespace {

// Why Flowcast differs from the peer, with the AWS developer guide sentence behind Flowcast.
const char* const kJsonata =
    "the peer's run of these JSONata states returns their input ({}) instead of evaluating "
    "Output, Seconds or Timestamp; Flowcast evaluates them (an undefined value is "
    "States.QueryEvaluationError). AWS (Transforming data with JSONata): your fields \"will be "
    "reduced from five JSONPath fields ... to only two fields: Arguments and Output\"";
const char* const kWaitPath =
    "peer harness: run-asl.js overrides every Wait to 1 ms, so SecondsPath / TimestampPath are "
    "never read; Flowcast reads them from input {} and fails. AWS (Wait state): SecondsPath is "
    "\"A path in the states input data to an integer value that specifies the time to wait\"; "
    "AWS (error names): States.Runtime \"An execution failed due to some exception that it "
    "couldn't process\"";
const char* const kStateContext =
    "peer context lacks $$.State (run-asl.js passes only Execution and StateMachine); AWS "
    "(Context object): \"The Context object includes information about the state machine, "
    "state, execution, and task\", its State holding EnteredTime, Name and RetryCount";
const char* const kStartTime =
    "$$.Execution.StartTime: the peer uses the wall clock, Flowcast its virtual clock "
    "(2026-01-01T00:00:00Z); AWS (Context object): Execution.StartTime is when the execution "
    "started, so no fixed value is right";
const char* const kUuid = "States.UUID: both draw random UUIDs; AWS (intrinsic functions): "
                          "\"return a version 4 universally unique identifier (v4 UUID) "
                          "generated using random numbers\"";

// Path (relative to the corpus) → why Flowcast differs from the peer there. Every entry must still
// differ (stale entries fail the test) and every difference must be here.
const std::map<QString, const char*> kKnownDifferences = {
    {"asl-validator-tests/src/__tests__/definitions/valid-comments-are-not-parsed.asl.json",
     kJsonata},
    {"asl-validator-tests/src/__tests__/definitions/valid-current-value-predicate.json",
     "JSONPath dialect: filter [?(@.OutputKey == FooBar)] with a bare word. The peer's "
     "jsonpath-plus evaluates the filter as JavaScript (FooBar undefined, no match, "
     "States.Runtime); Flowcast follows Jayway JsonPath, which AWS uses, and compares the bare "
     "word as the string FooBar. No AWS sentence covers bare words (unverified against AWS)"},
    {"asl-validator-tests/src/__tests__/definitions/valid-json-surround-syntax.json", kJsonata},
    {"asl-validator-tests/src/__tests__/definitions/valid-jsonata-syntax-function-call.json",
     kJsonata},
    {"asl-validator-tests/src/__tests__/definitions/valid-jsonata-syntax-path-expression.json",
     kJsonata},
    {"asl-validator-tests/src/__tests__/definitions/valid-jsonata-syntax-simple-arithmetic.json",
     kJsonata},
    {"asl-validator-tests/src/__tests__/definitions/valid-map-inline.asl.json", kUuid},
    {"asl-validator-tests/src/__tests__/definitions/valid-map-items.asl.json",
     "JSONata Map Items: the peer does not read Items and fails with States.Runtime (\"Input of "
     "Map state must be an array\"); AWS (Map state, JSONata): Items is \"a JSON array or a "
     "JSONata expression that must evaluate to an array\""},
    {"asl-validator-tests/src/__tests__/definitions/valid-map-with-item-batcher-jsonata.json",
     "Flowcast rejects a JSONPath state inside a JSONata machine (the peer runs it and fails); "
     "AWS (state machine structure): \"You cannot revert a JSONata-based top-level state machine "
     "to a mix of JSONata and JSONPath states.\" (also a distributed Map: not supported yet, "
     "issue 3/7)"},
    {"asl-validator-tests/src/__tests__/definitions/valid-parallel-parameters.json", kStateContext},
    {"asl-validator-tests/src/__tests__/definitions/valid-parameters-array.json", kStartTime},
    {"asl-validator-tests/src/__tests__/definitions/valid-parameters-object.json", kStartTime},
    {"asl-validator-tests/src/__tests__/definitions/valid-task-timer.json", kWaitPath},
    {"asl-validator-tests/src/__tests__/definitions/valid-wait-jsonata.asl.json", kJsonata},
    {"asl-validator-tests/src/__tests__/definitions/valid-wait-state.json", kWaitPath},
    {"sfn-workflows-collection/s3-bucket-nested-distributed-map/statemachine/statemachine.asl.json",
     "ItemReader from S3: the peer does not implement ItemReader and fails with States.Runtime "
     "(\"Input of Map state must be an array\"); Flowcast has no S3 here either, raises "
     "States.ItemReaderFailed and the definition's own Catch on that name handles it. AWS "
     "(error names): \"States.ItemReaderFailed - Indicates that a Map state couldn't read input "
     "from the ItemReader source.\""},
    {"sfn-workflows-collection/app-control-concurrency-with-dynamodb-tf/statemachines/"
     "dynamodb-semaphore.asl.json",
     kStateContext},
    {"sfn-workflows-collection/app-control-concurrency-with-dynamodb-tf/statemachines/"
     "statemachine.asl.json",
     kStateContext},
    {"sfn-workflows-collection/calling-async-api-callback/statemachine/"
     "workflow_ExternalAsyncAPISimulator.asl.json",
     kWaitPath},
    {"sfn-workflows-collection/either-or-parallel-pattern/statemachine/statemachine.asl.json",
     "Fail state without Cause, caught from a Parallel branch: the peer invents the Cause "
     "\"Execution failed because of a Fail state\", Flowcast gives \"\"; AWS (Fail state): "
     "Cause is \"(Optional) Provides a custom failure string\" and no default is documented "
     "(unverified against AWS)"},
    {"sfn-workflows-collection/request-response/statemachine/statemachine.asl.json", kWaitPath},
};

struct PeerRun {
    QString path;
    int exitCode = 1; ///< 0 succeeded, 2 failed, 3 rejected, 1 parse error, 124 killed
    QString output;   ///< the final output JSON when exitCode is 0
    QString error;
};

QVector<PeerRun> readPeerRuns(const QString& file) {
    QVector<PeerRun> out;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) return out;
    f.readLine(); // header
    while (!f.atEnd()) {
        QString line = QString::fromUtf8(f.readLine());
        if (line.endsWith('\n')) line.chop(1);
        const QStringList c = line.split('\t');
        if (c.size() < 4) continue;
        out.push_back({c[0], c[1].toInt(), c[2], c[3]});
    }
    return out;
}

struct FlowcastRun {
    bool skipped = false; ///< not a single runnable definition
    QString status;       ///< SUCCEEDED, FAILED, TIMED_OUT, or REJECTED by Flowcast's validator
    Json output;
    QString error;
};

FlowcastRun runFlowcast(const QString& file) {
    const auto report = flowcast::model::DefinitionFile::check(file.toStdString());
    if (!report.json) return {false, "REJECTED", {}, "unreadable"};
    flowcast::model::Diagnostics ignored;
    const auto definitions = flowcast::model::DefinitionFile::find(*report.json, ignored);
    if (definitions.size() != 1) return {true, {}, {}, {}};
    if (!report.valid()) {
        const auto d = std::find_if(report.diagnostics.begin(), report.diagnostics.end(),
                                    [](const auto& x) { return x.isError(); });
        return {false, "REJECTED", {}, QString::fromStdString(d->code + " " + d->message)};
    }
    // The peer's Context Object names the execution and machine so; match them.
    ExecutionOptions options;
    options.name = "local-execution";
    options.stateMachineName = "LocalStateMachine";
    Kernel kernel(0);
    EchoBackend backend;
    Execution execution(kernel, definitions.front().json(), backend, options);
    execution.start(Json::object());
    kernel.run(SimTime{INT64_MAX});
    return {false, QString::fromStdString(std::string(executionStatusName(execution.status()))),
            execution.output(),
            QString::fromStdString(execution.error() + ": " + execution.cause())};
}

// Value equality, object key order ignored (nlohmann::json sorts its keys).
bool sameValue(const QString& peerOutput, const Json& flowcastOutput) {
    const auto peer = nlohmann::json::parse(peerOutput.toStdString(), nullptr, false);
    return !peer.is_discarded() && peer == nlohmann::json::parse(flowcastOutput.dump());
}

// Empty when both agree, else what differs.
QString difference(const PeerRun& peer, const FlowcastRun& flowcast) {
    if (peer.exitCode == 2) {
        if (flowcast.status == "FAILED" || flowcast.status == "TIMED_OUT") return {};
        return "peer failed (" + peer.error + "), Flowcast " + flowcast.status;
    }
    if (flowcast.status != "SUCCEEDED")
        return "peer succeeded, Flowcast " + flowcast.status + " (" + flowcast.error + ")";
    if (sameValue(peer.output, flowcast.output)) return {};
    return "outputs differ: peer " + peer.output.left(300) + " / Flowcast " +
           QString::fromStdString(flowcast.output.dump()).left(300);
}

} // namespace

class TestPeerAgreement : public QObject {
    Q_OBJECT

private slots:
    void agreesWithPeer();
};

void TestPeerAgreement::agreesWithPeer() {
    const QString root = corpusRoot();
    if (root.isEmpty())
        QSKIP("corpus not found: set FLOWCAST_CORPUS or put it in ../shared/corpus");
    const auto peerRuns =
        readPeerRuns(QString(FLOWCAST_SOURCE_DIR) + "/tests/simulator/data/peer-runs.tsv");
    QVERIFY2(!peerRuns.isEmpty(), "tests/simulator/data/peer-runs.tsv missing or empty");

    int compared = 0;
    int agreed = 0;
    std::map<QString, QString> differences;
    for (const PeerRun& peer : peerRuns) {
        if (peer.exitCode != 0 && peer.exitCode != 2) continue; // the peer did not run it
        const FlowcastRun flowcast = runFlowcast(root + "/" + peer.path);
        if (flowcast.skipped) continue;
        ++compared;
        const QString diff = difference(peer, flowcast);
        if (diff.isEmpty())
            ++agreed;
        else
            differences[peer.path] = diff;
    }
    const double share = compared ? 100.0 * agreed / compared : 0.0;
    qInfo("agreement with aws-local-stepfunctions: %d/%d (%.1f %%)", agreed, compared, share);

    for (const auto& [path, diff] : differences) {
        if (!kKnownDifferences.contains(path))
            qWarning("unlisted difference: %s: %s", qPrintable(path), qPrintable(diff));
    }
    // Issue 3 asks for >= 95 %; it does not hold yet (JSONata, and the peer harness's own
    // artefacts), so the exact set of differences is asserted instead.
    if (share < 95.0) qInfo("below the 95 %% goal of issue 3: %zu differences", differences.size());
    for (const auto& [path, reason] : kKnownDifferences) {
        if (!differences.contains(path)) qWarning("listed but agrees now: %s", qPrintable(path));
    }
    QVERIFY(compared > 0);
    QStringList differing;
    for (const auto& entry : differences)
        differing << entry.first;
    QStringList listed;
    for (const auto& entry : kKnownDifferences)
        listed << entry.first;
    QCOMPARE(differing, listed);
}

QTEST_APPLESS_MAIN(TestPeerAgreement)
#include "TestPeerAgreement.moc"
