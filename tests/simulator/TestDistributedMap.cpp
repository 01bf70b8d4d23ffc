// Map in Distributed mode (issue 3): child workflow executions with their own accounting, the
// tolerated failure threshold, ItemReader / ItemBatcher / ResultWriter, Express children's
// five-minute limit and billing, MaxConcurrency, and the variable scope children cannot see.
// Each case runs one execution against a scripted backend.
#include "tests/common/ExecutionRun.h"
#include "tests/common/QuotedJson.h"

#include <QtTest>

#include <functional>

using flowcast::model::Json;
using namespace flowcast::sim;

namespace {

// Answers each Task attempt (and each ItemReader call) with `answer`; records the resources.
class ScriptedBackend final : public TaskBackend {
public:
    std::function<TaskOutcome(const TaskCall&)> answer = [](const TaskCall& call) {
        return TaskOutcome::success(call.input);
    };
    std::vector<std::string> resources;

    std::optional<TaskOutcome> start(const TaskCall& call) override {
        resources.emplace_back(call.resource);
        return answer(call);
    }
};

struct Outcome {
    ExecutionStatus status;
    Json output;
    std::string error;
    std::string cause;
    std::int64_t transitions;
    std::int64_t expressChildren;
    double expressSeconds;
    std::int64_t children;
    std::vector<HistoryEvent> history;
    SimTime end;
};

Outcome execute(const Json& definition, const Json& input, TaskBackend& backend,
                ExecutionOptions options = {}) {
    Kernel kernel(7);
    Execution execution(kernel, definition, backend, options);
    execution.start(input);
    kernel.run(SimTime{INT64_MAX});
    return {execution.status(),
            execution.output(),
            execution.error(),
            execution.cause(),
            execution.stateTransitions(),
            execution.expressChildExecutions(),
            execution.expressChildBilledSeconds(),
            execution.childExecutions(),
            execution.history(),
            execution.endTime()};
}

// A distributed Map state "M" over $.items whose child runs `childStates` from "C"; `extra`
// adds fields to the Map state (without a leading comma).
Json distributedMap(const QString& childStates, const QString& extra = {},
                    const QString& executionType = "STANDARD", const QString& after = {}) {
    return quotedJson("{'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.items',"
                      "'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'" +
                      executionType + "'},'StartAt':'C','States':{" + childStates + "}}," +
                      (extra.isEmpty() ? QString() : extra + ",") +
                      (after.isEmpty() ? QString("'End':true}") : after) + "}}");
}

const QString kEchoTask =
    "'C':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','End':true}";

// Fails the attempt when the item (the child's input) has "bad": true.
TaskOutcome failBad(const TaskCall& call) {
    if (call.input.is_object() && call.input.value("bad", false))
        return TaskOutcome::failure("Item.Bad", "bad item");
    return TaskOutcome::success(call.input);
}

bool hasEvent(const std::vector<HistoryEvent>& history, const std::string& type) {
    for (const HistoryEvent& e : history)
        if (e.type == type) return true;
    return false;
}

} // namespace

class TestDistributedMap : public QObject {
    Q_OBJECT

private slots:
    void childrenRunAsExecutionsOfTheirOwn() {
        ScriptedBackend backend;
        const auto r = execute(distributedMap(kEchoTask), quotedJson("{'items':[1,2,3]}"), backend);
        QCOMPARE(executionStatusName(r.status), std::string_view("SUCCEEDED"));
        QCOMPARE(r.output, quotedJson("[1,2,3]"));
        QCOMPARE(r.children, std::int64_t{3});
        // Billed: the Map state entered, one per child started ("you're charged one state
        // transition for each child workflow execution that the Distributed Map state starts"),
        // and each Standard child's Task entered.
        QCOMPARE(r.transitions, std::int64_t{7});
        QVERIFY(hasEvent(r.history, "MapRunStarted"));
        QVERIFY(hasEvent(r.history, "MapRunSucceeded"));
        // The children's events are in their own histories, not the parent's.
        QVERIFY(!hasEvent(r.history, "TaskScheduled"));
        QVERIFY(!hasEvent(r.history, "MapIterationStarted"));
    }

    void expressChildrenAreBilledApart() {
        ScriptedBackend backend;
        backend.answer = [](const TaskCall& call) {
            return TaskOutcome::success(call.input, SimTime::fromSeconds(0.25));
        };
        const auto r = execute(distributedMap(kEchoTask, {}, "EXPRESS"),
                               quotedJson("{'items':[1,2]}"), backend);
        QCOMPARE(executionStatusName(r.status), std::string_view("SUCCEEDED"));
        QCOMPARE(r.transitions, std::int64_t{3}); // the Map state, and one per child started
        QCOMPARE(r.expressChildren, std::int64_t{2});
        QCOMPARE(r.expressSeconds, 0.6); // 0.25 s each, rounded up to 0.3 s
    }

    void anyFailureFailsTheMapRunByDefault() {
        ScriptedBackend backend;
        backend.answer = failBad;
        const auto r =
            execute(distributedMap(kEchoTask),
                    quotedJson("{'items':[{'bad':false},{'bad':true},{'bad':false}]}"), backend);
        QCOMPARE(executionStatusName(r.status), std::string_view("FAILED"));
        QCOMPARE(r.error, std::string("States.ExceedToleratedFailureThreshold"));
        QVERIFY2(r.cause.find("Item.Bad") != std::string::npos, r.cause.c_str());
        QVERIFY(hasEvent(r.history, "MapRunFailed"));
    }

    void thresholdIsCaughtByName() {
        ScriptedBackend backend;
        backend.answer = failBad;
        const Json definition = distributedMap(
            kEchoTask, {}, "STANDARD",
            "'Catch':[{'ErrorEquals':['States.ExceedToleratedFailureThreshold'],'Next':'Failed'}],"
            "'End':true},'Failed':{'Type':'Pass','Result':'caught','End':true}");
        const auto r = execute(definition, quotedJson("{'items':[{'bad':true}]}"), backend);
        QCOMPARE(executionStatusName(r.status), std::string_view("SUCCEEDED"));
        QCOMPARE(r.output, Json("caught"));
    }

    void toleratedFailures_data() {
        QTest::addColumn<QString>("tolerance");
        QTest::addColumn<int>("bad");
        QTest::addColumn<QString>("status");
        // 4 items; the first `bad` of them fail.
        QTest::newRow("count 1, one fails") << "'ToleratedFailureCount':1" << 1 << "SUCCEEDED";
        QTest::newRow("count 1, two fail") << "'ToleratedFailureCount':1" << 2 << "FAILED";
        QTest::newRow("50 %, two fail") << "'ToleratedFailurePercentage':50" << 2 << "SUCCEEDED";
        QTest::newRow("50 %, three fail") << "'ToleratedFailurePercentage':50" << 3 << "FAILED";
        QTest::newRow("100 %, all fail") << "'ToleratedFailurePercentage':100" << 4 << "SUCCEEDED";
        // "If you specify both values, the workflow fails when it exceeds either value."
        QTest::newRow("both, count exceeded")
            << "'ToleratedFailureCount':1,'ToleratedFailurePercentage':100" << 2 << "FAILED";
        QTest::newRow("path form") << "'ToleratedFailureCountPath':'$.allowed'" << 2 << "SUCCEEDED";
    }
    void toleratedFailures() {
        QFETCH(QString, tolerance);
        QFETCH(int, bad);
        QFETCH(QString, status);
        ScriptedBackend backend;
        backend.answer = failBad;
        Json input = quotedJson("{'allowed':2,'items':[]}");
        for (int i = 0; i < 4; ++i)
            input["items"].push_back({{"bad", i < bad}, {"i", i}});
        const auto r = execute(distributedMap(kEchoTask, tolerance), input, backend);
        QCOMPARE(QString::fromStdString(std::string(executionStatusName(r.status))), status);
        if (status == "SUCCEEDED") {
            // COMPACT: the outputs in item order, a failed child's as its error.
            QCOMPARE(r.output.size(), std::size_t{4});
            QCOMPARE(r.output[0].value("Error", ""), bad > 0 ? std::string("Item.Bad") : "");
            QCOMPARE(r.output[3], (bad > 3 ? quotedJson("{'Error':'Item.Bad','Cause':'bad item'}")
                                           : input["items"][3]));
        } else {
            QCOMPARE(r.error, std::string("States.ExceedToleratedFailureThreshold"));
        }
    }

    void itemReaderReadsCsvThroughTheBackend() {
        ScriptedBackend backend;
        backend.answer = [](const TaskCall& call) {
            if (call.resource == "arn:aws:states:::s3:getObject") {
                if (call.input != quotedJson("{'Bucket':'lake','Key':'in/orders.csv'}"))
                    return TaskOutcome::failure("Test.WrongParameters", call.input.dump());
                return TaskOutcome::success(Json("id,city\n1,\"Paris, FR\"\n2,Oslo\n3,Lima\n"));
            }
            return TaskOutcome::success(call.input);
        };
        const Json definition = distributedMap(
            kEchoTask,
            "'ItemReader':{'Resource':'arn:aws:states:::s3:getObject','ReaderConfig':{'InputType':"
            "'CSV','CSVHeaderLocation':'FIRST_ROW','MaxItems':2},'Parameters':{'Bucket':'lake',"
            "'Key.$':'$.key'}}");
        const auto r = execute(definition, quotedJson("{'key':'in/orders.csv'}"), backend);
        QCOMPARE(executionStatusName(r.status), std::string_view("SUCCEEDED"));
        QCOMPARE(r.output, quotedJson("[{'id':'1','city':'Paris, FR'},{'id':'2','city':'Oslo'}]"));
        QCOMPARE(backend.resources.front(), std::string("arn:aws:states:::s3:getObject"));
    }

    void itemReaderWithoutItemsSaysWhatToDo() {
        ScriptedBackend backend; // echoes the reader's Parameters: not items
        const Json definition = distributedMap(
            kEchoTask, "'ItemReader':{'Resource':'arn:aws:states:::s3:listObjectsV2',"
                       "'Parameters':{'Bucket':'lake'}}");
        const auto r = execute(definition, Json::object(), backend);
        QCOMPARE(r.error, std::string("States.ItemReaderFailed"));
        QVERIFY2(r.cause.find("states.M.itemReader") != std::string::npos, r.cause.c_str());
    }

    void itemBatcherGroupsItems() {
        ScriptedBackend backend;
        const Json definition = distributedMap(
            kEchoTask, "'ItemBatcher':{'MaxItemsPerBatch':2,'BatchInput':{'job.$':'$.job'}}");
        const auto r = execute(definition, quotedJson("{'job':'j1','items':[1,2,3,4,5]}"), backend);
        QCOMPARE(executionStatusName(r.status), std::string_view("SUCCEEDED"));
        QCOMPARE(r.output, quotedJson("[{'BatchInput':{'job':'j1'},'Items':[1,2]},"
                                      "{'BatchInput':{'job':'j1'},'Items':[3,4]},"
                                      "{'BatchInput':{'job':'j1'},'Items':[5]}]"));
        QCOMPARE(r.children, std::int64_t{3});
    }

    void failedBatchCountsEachOfItsItems() {
        ScriptedBackend backend;
        backend.answer = [](const TaskCall& call) {
            if (call.input["Items"].size() == 2) return TaskOutcome::failure("Batch.Bad", "");
            return TaskOutcome::success(call.input);
        };
        // 3 items in batches of 2: the failed batch holds 2 of 3 items, 66.7 % > 50 %.
        const Json definition = distributedMap(
            kEchoTask, "'ItemBatcher':{'MaxItemsPerBatch':2},'ToleratedFailurePercentage':50");
        const auto r = execute(definition, quotedJson("{'items':[1,2,3]}"), backend);
        QCOMPARE(r.error, std::string("States.ExceedToleratedFailureThreshold"));
    }

    void resultWriterReturnsWhereResultsWent() {
        ScriptedBackend backend;
        const Json definition =
            distributedMap(kEchoTask, "'ResultWriter':{'Resource':'arn:aws:states:::s3:putObject',"
                                      "'Parameters':{'Bucket':'results','Prefix':'runs'}}");
        const auto r = execute(definition, quotedJson("{'items':[1,2]}"), backend);
        QCOMPARE(executionStatusName(r.status), std::string_view("SUCCEEDED"));
        QCOMPARE(r.output["ResultWriterDetails"]["Bucket"], Json("results"));
        const std::string key = r.output["ResultWriterDetails"]["Key"];
        QVERIFY2(key.starts_with("runs/") && key.ends_with("/manifest.json"), key.c_str());
        QVERIFY(r.output["MapRunArn"].get<std::string>().find(":mapRun:") != std::string::npos);
    }

    void flattenSplicesArrays() {
        ScriptedBackend backend;
        const Json definition = distributedMap(
            "'C':{'Type':'Pass','Parameters':{'pair.$':'States.Array($, $)'},'OutputPath':"
            "'$.pair','End':true}",
            "'ResultWriter':{'WriterConfig':{'Transformation':'FLATTEN','OutputType':'JSON'}}");
        const auto r = execute(definition, quotedJson("{'items':[1,2]}"), backend);
        QCOMPARE(r.output, quotedJson("[1,1,2,2]"));
    }

    void expressChildStopsAtFiveMinutes() {
        ScriptedBackend backend;
        backend.answer = [](const TaskCall& call) {
            return TaskOutcome::success(call.input, SimTime::fromSeconds(call.input.get<int>()));
        };
        const Json definition =
            distributedMap(kEchoTask, "'ToleratedFailurePercentage':100", "EXPRESS");
        const auto r = execute(definition, quotedJson("{'items':[10,400]}"), backend);
        QCOMPARE(executionStatusName(r.status), std::string_view("SUCCEEDED"));
        QCOMPARE(r.output[0], Json(10));
        QCOMPARE(r.output[1]["Error"], Json("States.Timeout"));
        QCOMPARE(r.end, SimTime::fromSeconds(300));
        QCOMPARE(r.expressSeconds, 310.0);
    }

    void maxConcurrencyLimitsChildren() {
        ScriptedBackend backend;
        backend.answer = [](const TaskCall& call) {
            return TaskOutcome::success(call.input, SimTime::fromSeconds(10));
        };
        const Json input = quotedJson("{'items':[1,2,3,4]}");
        QCOMPARE(execute(distributedMap(kEchoTask), input, backend).end, SimTime::fromSeconds(10));
        QCOMPARE(execute(distributedMap(kEchoTask, "'MaxConcurrency':2"), input, backend).end,
                 SimTime::fromSeconds(20));
    }

    void childrenCannotReadOuterVariables() {
        ScriptedBackend backend;
        const QString reads = "'C':{'Type':'Pass','Parameters':{'v.$':'$x'},'End':true}";
        const QString map = "'M':{'Type':'Map','ItemsPath':'$.items','ItemProcessor':{%1"
                            "'StartAt':'C','States':{" +
                            reads + "}},'End':true}";
        const auto definition = [&](const QString& config) {
            return quotedJson("{'StartAt':'A','States':{'A':{'Type':'Pass','Assign':{'x':5},"
                              "'Next':'M'}," +
                              map.arg(config) + "}}");
        };
        const Json input = quotedJson("{'items':[1]}");
        const auto inlineRun = execute(definition(""), input, backend);
        QCOMPARE(inlineRun.output, quotedJson("[{'v':5}]"));
        const auto distributed = execute(
            definition("'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},"),
            input, backend);
        QCOMPARE(distributed.error, std::string("States.ExceedToleratedFailureThreshold"));
    }

    void inlineMapInsideAChildKeepsItsEventsThere() {
        ScriptedBackend backend;
        ExecutionOptions options;
        options.maxHistoryEvents = 40; // the parent's quota: the children's events must not count
        const Json definition = distributedMap(
            "'C':{'Type':'Map','ItemsPath':'$.xs','ItemProcessor':{'StartAt':'P','States':{"
            "'P':{'Type':'Pass','End':true}}},'End':true}");
        Json input = quotedJson("{'items':[]}");
        for (int i = 0; i < 10; ++i)
            input["items"].push_back(quotedJson("{'xs':[1,2,3]}"));
        const auto r = execute(definition, input, backend, options);
        QCOMPARE(executionStatusName(r.status), std::string_view("SUCCEEDED"));
        QVERIFY(!hasEvent(r.history, "MapIterationStarted"));
        QCOMPARE(r.output[9], quotedJson("[1,2,3]"));
    }

    void childHistoryQuotaFailsTheChildNotTheParent() {
        ScriptedBackend backend;
        ExecutionOptions options;
        options.maxHistoryEvents = 60; // AWS's is 25,000; the same rule, quicker
        const Json definition =
            distributedMap("'C':{'Type':'Pass','Next':'C'}", "'ToleratedFailureCount':1");
        const auto r = execute(definition, quotedJson("{'items':[1]}"), backend, options);
        QCOMPARE(executionStatusName(r.status), std::string_view("SUCCEEDED"));
        QCOMPARE(r.output[0]["Error"], Json("States.Runtime"));
    }
};

QTEST_APPLESS_MAIN(TestDistributedMap)
#include "TestDistributedMap.moc"
