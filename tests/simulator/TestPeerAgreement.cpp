// Agreement with the peer interpreter aws-local-stepfunctions 3 (issue 3): every corpus definition
// the peer ran with input {} (tests/simulator/data/peer-runs.tsv, recorded by
// tests/simulator/data/record-peer-runs.sh through run-peer.cjs with Flowcast's Context Object
// peer-context.json, every Task stubbed to return its input) is run by Flowcast with the
// EchoBackend and the same input. Final status and, on success, the output must agree on at least
// 95 % of them; every difference is listed in kKnownDifferences with the AWS documentation
// sentence behind Flowcast. The peer has no JSONata at all, so definitions that use it are not
// compared.
#include "model/asl/DefinitionFile.h"
#include "simulator/core/Kernel.h"
#include "simulator/exec/Execution.h"
#include "tests/common/QuotedJson.h"
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
const char* const kStateContext =
    "the peer has no $$.State (aws-local-stepfunctions builds a Context Object of Execution and "
    "whatever it is given, and a fixed State could not follow the states); AWS "
    "(Context object): \"The Context object includes information about the state machine, "
    "state, execution, and task\", its State holding EnteredTime, Name and RetryCount";
const char* const kUuid = "States.UUID: both draw random UUIDs; AWS (intrinsic functions): "
                          "\"return a version 4 universally unique identifier (v4 UUID) "
                          "generated using random numbers\"";

// Path (relative to the corpus) → why Flowcast differs from the peer there. Every entry must still
// differ (stale entries fail the test) and every difference must be here.
const std::map<QString, const char*> kKnownDifferences = {
    {"asl-validator-tests/src/__tests__/definitions/valid-current-value-predicate.json",
     "JSONPath dialect: filter [?(@.OutputKey == FooBar)] with a bare word. The peer's "
     "jsonpath-plus evaluates the filter as JavaScript (FooBar undefined, no match, "
     "States.Runtime); Flowcast follows Jayway JsonPath, which AWS uses, and compares the bare "
     "word as the string FooBar. AWS (Paths): \"Paths follow JsonPath syntax.\" No AWS sentence "
     "covers bare words (unverified against AWS)"},
    {"asl-validator-tests/src/__tests__/definitions/valid-map-inline.asl.json", kUuid},
    {"asl-validator-tests/src/__tests__/definitions/valid-parallel-parameters.json", kStateContext},
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
    {"sfn-workflows-collection/either-or-parallel-pattern/statemachine/statemachine.asl.json",
     "Fail state without Cause, caught from a Parallel branch: the peer invents the Cause "
     "\"Execution failed because of a Fail state\", Flowcast gives \"\"; AWS (Fail state): "
     "Cause is \"(Optional) Provides a custom failure string\" and no default is documented "
     "(unverified against AWS)"},
};

struct PeerRun {
    QString path;
    int exitCode = 1; ///< 0 succeeded, 2 failed or timed out; else not run (see the recorder)
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

// aws-local-stepfunctions 3 has no JSONata (its build never mentions it): it ignores
// QueryLanguage and runs Arguments, Output, Items... as if absent. So a machine that turns JSONata
// on, at the top or in any state at any depth, is not one the peer can run.
bool usesJsonata(const Json& machine) {
    const auto isJsonata = [](const Json& o) {
        const auto q = o.find("QueryLanguage");
        return q != o.end() && *q == "JSONata";
    };
    if (!machine.is_object()) return false;
    if (isJsonata(machine)) return true;
    const auto states = machine.find("States");
    if (states == machine.end() || !states->is_object()) return false;
    for (const Json& state : *states) {
        if (!state.is_object()) continue;
        if (isJsonata(state)) return true;
        if (const auto b = state.find("Branches"); b != state.end() && b->is_array()) {
            if (std::any_of(b->begin(), b->end(), usesJsonata)) return true;
        }
        for (const char* key : {"Iterator", "ItemProcessor"}) {
            if (const auto m = state.find(key); m != state.end() && usesJsonata(*m)) return true;
        }
    }
    return false;
}

struct FlowcastRun {
    bool skipped = false; ///< not a single runnable definition
    bool jsonata = false; ///< uses JSONata, which the peer cannot run
    QString status;       ///< SUCCEEDED, FAILED, TIMED_OUT, or REJECTED by Flowcast's validator
    Json output;
    QString error;
};

FlowcastRun runFlowcast(const QString& file) {
    const auto report = flowcast::model::DefinitionFile::check(file.toStdString());
    if (!report.json) return {false, false, "REJECTED", {}, "unreadable"};
    flowcast::model::Diagnostics ignored;
    const auto definitions = flowcast::model::DefinitionFile::find(*report.json, ignored);
    if (definitions.size() != 1) return {true, false, {}, {}, {}};
    if (usesJsonata(definitions.front().json())) return {true, true, {}, {}, {}};
    if (!report.valid()) {
        const auto d = std::find_if(report.diagnostics.begin(), report.diagnostics.end(),
                                    [](const auto& x) { return x.isError(); });
        return {false, false, "REJECTED", {}, QString::fromStdString(d->code + " " + d->message)};
    }
    // Default options: the peer ran with their Context Object (see flowcastContextIsPeers).
    Kernel kernel(0);
    EchoBackend backend;
    Execution execution(kernel, definitions.front().json(), backend);
    execution.start(Json::object());
    kernel.run(SimTime{INT64_MAX});
    return {
        false, false, QString::fromStdString(std::string(executionStatusName(execution.status()))),
        execution.output(), QString::fromStdString(execution.error() + ": " + execution.cause())};
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
    void flowcastContextIsPeers();
    void agreesWithPeer();
};

// The peer was recorded with tests/simulator/data/peer-context.json as its Context Object (the
// library adds Execution.Input itself). It must be the one Flowcast gives an execution started at
// virtual time 0 with default ExecutionOptions, as agreesWithPeer runs them, or $$ paths would
// differ for no reason of either interpreter.
void TestPeerAgreement::flowcastContextIsPeers() {
    QFile file(QString(FLOWCAST_SOURCE_DIR) + "/tests/simulator/data/peer-context.json");
    QVERIFY2(file.open(QIODevice::ReadOnly), "tests/simulator/data/peer-context.json missing");
    const auto peer = nlohmann::json::parse(file.readAll().toStdString(), nullptr, false);
    QVERIFY2(!peer.is_discarded(), "tests/simulator/data/peer-context.json is not JSON");

    const Json definition = quotedJson(
        "{'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{"
        "'Execution.$':'$$.Execution','StateMachine.$':'$$.StateMachine'},'End':true}}}");
    Kernel kernel(0);
    EchoBackend backend;
    Execution execution(kernel, definition, backend);
    execution.start(Json::object());
    kernel.run(SimTime{INT64_MAX});
    QCOMPARE(execution.status(), ExecutionStatus::Succeeded);
    auto flowcast = nlohmann::json::parse(execution.output().dump());
    flowcast["Execution"].erase("Input");
    QCOMPARE(QString::fromStdString(flowcast.dump()), QString::fromStdString(peer.dump()));
}

void TestPeerAgreement::agreesWithPeer() {
    const QString root = corpusRoot();
    if (root.isEmpty())
        QSKIP("corpus not found: set FLOWCAST_CORPUS or put it in ../shared/corpus");
    const auto peerRuns =
        readPeerRuns(QString(FLOWCAST_SOURCE_DIR) + "/tests/simulator/data/peer-runs.tsv");
    QVERIFY2(!peerRuns.isEmpty(), "tests/simulator/data/peer-runs.tsv missing or empty");

    int compared = 0;
    int agreed = 0;
    int jsonata = 0;
    std::map<QString, QString> differences;
    for (const PeerRun& peer : peerRuns) {
        if (peer.exitCode != 0 && peer.exitCode != 2) continue; // the peer did not run it
        const FlowcastRun flowcast = runFlowcast(root + "/" + peer.path);
        if (flowcast.skipped) {
            jsonata += flowcast.jsonata;
            continue;
        }
        ++compared;
        const QString diff = difference(peer, flowcast);
        if (diff.isEmpty())
            ++agreed;
        else
            differences[peer.path] = diff;
    }
    const double share = compared ? 100.0 * agreed / compared : 0.0;
    qInfo("agreement with aws-local-stepfunctions: %d/%d (%.1f %%); skipped: %d JSONata "
          "definitions the peer cannot run",
          agreed, compared, share, jsonata);

    for (const auto& [path, diff] : differences) {
        if (!kKnownDifferences.contains(path))
            qWarning("unlisted difference: %s: %s", qPrintable(path), qPrintable(diff));
    }
    for (const auto& [path, reason] : kKnownDifferences) {
        if (!differences.contains(path)) qWarning("listed but agrees now: %s", qPrintable(path));
        QVERIFY2(QString(reason).contains("AWS ("),
                 qPrintable("no AWS documentation sentence for " + path));
    }
    QVERIFY(compared > 0);
    QVERIFY2(share >= 95.0,
             qPrintable(
                 QString("agreement %1 %, below the 95 % issue 3 asks for").arg(share, 0, 'f', 1)));
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
