// The interpreter of one execution in virtual time (simulator/exec/Execution): state flows, Retry
// timing and jitter, Catch, timeouts, the history and its 25,000-event limit, billed transitions.
#include "model/asl/MockConfig.h"
#include "simulator/core/Kernel.h"
#include "simulator/exec/Execution.h"
#include "simulator/exec/MockBackend.h"
#include "simulator/exec/RetryPolicy.h"
#include "simulator/exec/VirtualClock.h"
#include "tests/common/ExecutionRun.h"
#include "tests/common/QuotedJson.h"

#include <QtTest>

#include <fstream>
#include <functional>

using flowcast::model::Json;
using namespace flowcast::sim;
using flowcast::sim::testing::Run;
using flowcast::sim::testing::run;

namespace {

// A backend scripted per invocation; records when each attempt started.
class ScriptedBackend final : public TaskBackend {
public:
    std::function<TaskOutcome(int)> script;
    std::vector<SimTime> attemptTimes;
    Kernel* kernel = nullptr;

    std::optional<TaskOutcome> start(const TaskCall& call) override {
        attemptTimes.push_back(kernel->now());
        return script ? script(call.invocation) : TaskOutcome::success(call.input);
    }
};

// Records the effective input of each attempt; says whether it reads them (ServiceRouter does
// not, for most states); results are fixed, and vouched for when `vouches`.
class InputRecorder final : public TaskBackend {
public:
    explicit InputRecorder(bool reads, bool vouches = false) : m_reads(reads), m_vouches(vouches) {}
    std::vector<Json> inputs;
    Json result = Json::object();

    std::optional<TaskOutcome> start(const TaskCall& call) override {
        inputs.push_back(call.input);
        return TaskOutcome::success(result);
    }
    bool readsInput(std::uint32_t, bool) const override { return m_reads; }
    bool resultsFit(std::uint32_t) const override { return m_vouches; }

private:
    bool m_reads;
    bool m_vouches;
};

QStringList types(const Run& r) {
    QStringList out;
    for (const auto& e : r.history)
        out << QString::fromStdString(e.type);
    return out;
}

Json taskWithRetry(const QString& retry, const QString& extra = "") {
    return quotedJson(
        "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
        "'Retry':[" +
        retry + "]" + extra + ",'End':true}}}");
}

} // namespace

class TestInterpreter : public QObject {
    Q_OBJECT

private slots:
    void flows_data() {
        QTest::addColumn<QString>("definition");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("output");
        QTest::addColumn<QString>("error");
        QTest::newRow("pass result path") << "{'StartAt':'P','States':{'P':{'Type':'Pass','Result':"
                                             "{'x':1},'ResultPath':'$.r','End':true}}}"
                                          << "{'a':1}"
                                          << "SUCCEEDED"
                                          << "{'a':1,'r':{'x':1}}"
                                          << "";
        QTest::newRow("choice to succeed")
            << "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.n','"
               "NumericGreaterThan':5,"
               "'Next':'Big'}],'Default':'Small'},'Big':{'Type':'Succeed'},'Small':{'Type':'Fail','"
               "Error':'TooSmall'}}}"
            << "{'n':9}"
            << "SUCCEEDED"
            << "{'n':9}"
            << "";
        QTest::newRow("choice default to fail")
            << "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.n','"
               "NumericGreaterThan':5,"
               "'Next':'Big'}],'Default':'Small'},'Big':{'Type':'Succeed'},'Small':{'Type':'Fail','"
               "Error':'TooSmall'}}}"
            << "{'n':1}"
            << "FAILED"
            << "null"
            << "TooSmall";
        QTest::newRow("no choice matched") << "{'StartAt':'C','States':{'C':{'Type':'Choice','"
                                              "Choices':[{'Variable':'$.n','NumericEquals':5,"
                                              "'Next':'S'}]},'S':{'Type':'Succeed'}}}"
                                           << "{'n':1}"
                                           << "FAILED"
                                           << "null"
                                           << "States.NoChoiceMatched";
        QTest::newRow("fail error path")
            << "{'StartAt':'F','States':{'F':{'Type':'Fail','ErrorPath':'$.e','CausePath':'$.c'}}}"
            << "{'e':'Boom','c':'why'}"
            << "FAILED"
            << "null"
            << "Boom";
        QTest::newRow("succeed output path")
            << "{'StartAt':'S','States':{'S':{'Type':'Succeed','OutputPath':'$.k'}}}"
            << "{'k':[1,2]}"
            << "SUCCEEDED"
            << "[1,2]"
            << "";
        QTest::newRow("task echoes effective input")
            << "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:"
               "invoke',"
               "'Parameters':{'v.$':'$.a'},'ResultPath':'$.res','End':true}}}"
            << "{'a':3}"
            << "SUCCEEDED"
            << "{'a':3,'res':{'v':3}}"
            << "";
        QTest::newRow("jsonata pass state")
            << "{'QueryLanguage':'JSONata','StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}"
            << "{}"
            << "SUCCEEDED"
            << "{}"
            << "";
        QTest::newRow("distributed map over no items")
            << "{'StartAt':'M','States':{'M':{'Type':'Map','ItemProcessor':{'ProcessorConfig':{'"
               "Mode':'DISTRIBUTED',"
               "'ExecutionType':'STANDARD'},'StartAt':'B','States':{'B':{'Type':'Pass','End':true}}"
               "},'End':true}}}"
            << "[]"
            << "SUCCEEDED"
            << "[]"
            << "";
        QTest::newRow("map items not an array")
            << "{'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.x','ItemProcessor':{'"
               "StartAt':'B',"
               "'States':{'B':{'Type':'Pass','End':true}}},'End':true}}}"
            << "{'x':5}"
            << "FAILED"
            << "null"
            << "States.Runtime";
        QTest::newRow("empty map")
            << "{'StartAt':'M','States':{'M':{'Type':'Map','ItemProcessor':{'StartAt':'B',"
               "'States':{'B':{'Type':'Pass','End':true}}},'End':true}}}"
            << "[]"
            << "SUCCEEDED"
            << "[]"
            << "";
    }
    void flows() {
        QFETCH(QString, definition);
        QFETCH(QString, input);
        QFETCH(QString, status);
        QFETCH(QString, output);
        QFETCH(QString, error);
        const Run r = run(quotedJson(definition), quotedJson(input));
        QCOMPARE(QString::fromUtf8(executionStatusName(r.status).data()), status);
        QCOMPARE(QString::fromStdString(r.output.dump()),
                 QString::fromStdString(quotedJson(output).dump()));
        QCOMPARE(QString::fromStdString(r.error), error);
    }

    // Once Flowcast.NotSupported: a JSONata distributed Map over its input runs its children.
    void jsonataDistributedMapRuns() {
        const Run r =
            run(quotedJson(
                    "{'QueryLanguage':'JSONata','StartAt':'Shape','States':{'Shape':{'Type':'Map',"
                    "'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':"
                    "'STANDARD'},'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},'End':"
                    "true}}}"),
                quotedJson("[1,2]"));
        QVERIFY2(r.status == ExecutionStatus::Succeeded, (r.error + ": " + r.cause).c_str());
        QCOMPARE(r.output, quotedJson("[1,2]"));
    }

    void failCause() {
        const Run r = run(quotedJson("{'StartAt':'F','States':{'F':{'Type':'Fail','ErrorPath':'$.e'"
                                     ",'CausePath':'$.c'}}}"),
                          quotedJson("{'e':'Boom','c':'why'}"));
        QCOMPARE(r.cause, std::string("why"));
        QCOMPARE(types(r),
                 (QStringList{"ExecutionStarted", "FailStateEntered", "ExecutionFailed"}));
    }

    void waitForms_data() {
        QTest::addColumn<QString>("wait");
        QTest::addColumn<QString>("input");
        QTest::addColumn<qint64>("endUs");
        QTest::newRow("Seconds") << "'Seconds':30"
                                 << "{}" << qint64(30'000'000);
        QTest::newRow("SecondsPath") << "'SecondsPath':'$.s'"
                                     << "{'s':7}" << qint64(7'000'000);
        QTest::newRow("Timestamp") << "'Timestamp':'2026-01-01T00:01:00Z'"
                                   << "{}" << qint64(60'000'000);
        QTest::newRow("TimestampPath fraction")
            << "'TimestampPath':'$.t'"
            << "{'t':'2026-01-01T00:00:02.5Z'}" << qint64(2'500'000);
        QTest::newRow("Timestamp in the past") << "'Timestamp':'2025-12-31T00:00:00Z'"
                                               << "{}" << qint64(0);
    }
    void waitForms() {
        QFETCH(QString, wait);
        QFETCH(QString, input);
        QFETCH(qint64, endUs);
        // t=0 start, WaitStateEntered; t=endUs WaitStateExited, ExecutionSucceeded
        const Run r = run(
            quotedJson("{'StartAt':'W','States':{'W':{'Type':'Wait'," + wait + ",'End':true}}}"),
            quotedJson(input));
        QCOMPARE(r.status, ExecutionStatus::Succeeded);
        QCOMPARE(r.end.us, endUs);
        QCOMPARE(r.history.at(2).type, std::string("WaitStateExited"));
        QCOMPARE(r.history.at(2).time.us, endUs);
    }

    void negativeSecondsPathFails() {
        const Run r = run(
            quotedJson(
                "{'StartAt':'W','States':{'W':{'Type':'Wait','SecondsPath':'$.s','End':true}}}"),
            quotedJson("{'s':-1}"));
        QCOMPARE(r.error, std::string("States.Runtime"));
    }

    void contextStartTime() {
        // Execution.StartTime is the virtual epoch plus virtual time: started at t=90s.
        Kernel kernel(1);
        EchoBackend echo;
        const Json def = quotedJson("{'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'t.$"
                                    "':'$$.Execution.StartTime',"
                                    "'s.$':'$$.State.Name'},'End':true}}}");
        Execution execution(kernel, def, echo);
        struct Starter : Component {
            Execution* e;
            void handle(const Event&) override { e->start(Json::object()); }
        } starter;
        starter.e = &execution;
        kernel.scheduleAt(SimTime::fromSeconds(90), kernel.addComponent(starter), 0);
        kernel.run(SimTime{INT64_MAX});
        QCOMPARE(QString::fromStdString(execution.output().dump()),
                 QString("{\"t\":\"2026-01-01T00:01:30.000Z\",\"s\":\"P\"}"));
    }

    void parallelRunsBranchesConcurrently() {
        // t=0 Parallel starts both branches; t=2s branch B ends; t=5s branch A ends: output in
        // branch order, ResultPath $.both.
        const Run r =
            run(quotedJson("{'StartAt':'Par','States':{'Par':{'Type':'Parallel','ResultPath':'$."
                           "both','End':true,'Branches':["
                           "{'StartAt':'A','States':{'A':{'Type':'Wait','Seconds':5,'Next':'A2'},'"
                           "A2':{'Type':'Pass','Result':'a','End':true}}},"
                           "{'StartAt':'B','States':{'B':{'Type':'Wait','Seconds':2,'Next':'B2'},'"
                           "B2':{'Type':'Pass','Result':'b','End':true}}}]}}}"),
                quotedJson("{'k':1}"));
        QCOMPARE(r.status, ExecutionStatus::Succeeded);
        QCOMPARE(r.end.us, 5'000'000);
        QCOMPARE(QString::fromStdString(r.output.dump()),
                 QString::fromStdString(quotedJson("{'k':1,'both':['a','b']}").dump()));
        QCOMPARE(r.transitions, 5);
        const QStringList t = types(r);
        QCOMPARE(t.mid(0, 3),
                 (QStringList{"ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted"}));
        QCOMPARE(t.mid(t.size() - 3), (QStringList{"ParallelStateSucceeded", "ParallelStateExited",
                                                   "ExecutionSucceeded"}));
        QCOMPARE(t.count("WaitStateExited"), 2);
    }

    void parallelBranchFailureIsCaughtAndStopsSiblings() {
        // t=0 branches start; t=2s branch B reaches Fail 'Broken': branch A (waiting until 10s) is
        // stopped, the Parallel's Catch takes the error; the execution ends at t=2s.
        const Run r =
            run(quotedJson("{'StartAt':'Par','States':{'Par':{'Type':'Parallel','Next':'Done','"
                           "Catch':[{'ErrorEquals':['Broken'],"
                           "'ResultPath':'$.err','Next':'Done'}],'Branches':["
                           "{'StartAt':'A','States':{'A':{'Type':'Wait','Seconds':10,'End':true}}},"
                           "{'StartAt':'B','States':{'B':{'Type':'Wait','Seconds':2,'Next':'F'},'F'"
                           ":{'Type':'Fail','Error':'Broken','Cause':'x'}}}]},"
                           "'Done':{'Type':'Succeed'}}}"));
        QCOMPARE(r.status, ExecutionStatus::Succeeded);
        QCOMPARE(r.end.us, 2'000'000);
        QCOMPARE(
            QString::fromStdString(r.output.dump()),
            QString::fromStdString(quotedJson("{'err':{'Error':'Broken','Cause':'x'}}").dump()));
        QCOMPARE(types(r).count("WaitStateExited"), 1);
        QVERIFY(types(r).contains("ParallelStateFailed"));
    }

    void parallelRetryRunsBranchesAgain() {
        // t=0 the branch Task fails; the Parallel's Retry waits 1s; t=1s the branches run again
        // and the Task (invocation 1) succeeds.
        Kernel kernel(5);
        ScriptedBackend backend;
        backend.kernel = &kernel;
        backend.script = [](int i) {
            return i == 0 ? TaskOutcome::failure("Flaky", "") : TaskOutcome::success(Json("ok"));
        };
        const Run r =
            run(quotedJson("{'StartAt':'Par','States':{'Par':{'Type':'Parallel','End':true,"
                           "'Retry':[{'ErrorEquals':['Flaky'],'IntervalSeconds':1}],'Branches':["
                           "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:"
                           "::lambda:invoke','End':true}}}]}}}"),
                Json::object(), backend, kernel);
        QCOMPARE(r.status, ExecutionStatus::Succeeded);
        QCOMPARE(backend.attemptTimes.size(), std::size_t(2));
        QCOMPARE(backend.attemptTimes[1].us, 1'000'000);
        QCOMPARE(QString::fromStdString(r.output.dump()), QString("[\"ok\"]"));
        QCOMPARE(r.transitions, 4); // Par, T, the retry of Par, T again
    }

    void mapMaxConcurrency_data() {
        QTest::addColumn<QString>("concurrency");
        QTest::addColumn<qint64>("endUs");
        // Items wait 3, 1, 2, 1 s. Limit 2: t=0 items 0,1; t=1 item 1 ends, item 2 starts; t=3
        // items 0 and 2 end, item 3 starts; t=4 it ends. No limit: all start at t=0, end at t=3.
        QTest::newRow("MaxConcurrency 2") << ",'MaxConcurrency':2" << qint64(4'000'000);
        QTest::newRow("MaxConcurrency 1") << ",'MaxConcurrency':1" << qint64(7'000'000);
        QTest::newRow("no limit") << "" << qint64(3'000'000);
    }
    void mapMaxConcurrency() {
        QFETCH(QString, concurrency);
        QFETCH(qint64, endUs);
        const Run r =
            run(quotedJson("{'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.items'" +
                           concurrency +
                           ",'ItemSelector':{'s.$':'$$.Map.Item.Value','i.$':'$$.Map.Item.Index','"
                           "tag.$':'$.tag'},"
                           "'ItemProcessor':{'StartAt':'W','States':{'W':{'Type':'Wait','"
                           "SecondsPath':'$.s','End':true}}},"
                           "'End':true}}}"),
                quotedJson("{'items':[3,1,2,1],'tag':'t'}"));
        QCOMPARE(r.status, ExecutionStatus::Succeeded);
        QCOMPARE(r.end.us, endUs);
        QCOMPARE(QString::fromStdString(r.output.dump()),
                 QString::fromStdString(
                     quotedJson(
                         "[{'s':3,'i':0,'tag':'t'},{'s':1,'i':1,'tag':'t'},{'s':2,'i':2,'tag':'t'},"
                         "{'s':1,'i':3,'tag':'t'}]")
                         .dump()));
        QCOMPARE(types(r).count("MapIterationStarted"), 4);
        QCOMPARE(types(r).count("MapIterationSucceeded"), 4);
        QCOMPARE(r.transitions, 5);
    }

    void mapIterationFailureFailsExecution() {
        // Item 1 reaches Fail: MapIterationFailed, MapStateFailed, then (no Catch) ExecutionFailed.
        const Run r = run(
            quotedJson("{'StartAt':'M','States':{'M':{'Type':'Map','ItemProcessor':{'StartAt':'C','"
                       "States':{"
                       "'C':{'Type':'Choice','Choices':[{'Variable':'$','NumericEquals':1,'Next':'"
                       "F'}],'Default':'S'},"
                       "'F':{'Type':'Fail','Error':'One'},'S':{'Type':'Succeed'}}},'End':true}}}"),
            quotedJson("[0,1,2]"));
        QCOMPARE(r.status, ExecutionStatus::Failed);
        QCOMPARE(r.error, std::string("One"));
        const QStringList t = types(r);
        QCOMPARE(t.mid(t.size() - 3),
                 (QStringList{"MapIterationFailed", "MapStateFailed", "ExecutionFailed"}));
    }

    void retryTiming() {
        // t=0 attempt fails; t=1s retry #1 fails (IntervalSeconds 1); t=3s retry #2 (1 x 2^1)
        // succeeds. Transitions: T entered + 2 retries = 3.
        Kernel kernel(7);
        ScriptedBackend backend;
        backend.kernel = &kernel;
        backend.script = [](int i) {
            return i < 2 ? TaskOutcome::failure("Boom", "c")
                         : TaskOutcome::success(Json{{"ok", true}});
        };
        const Run r =
            run(taskWithRetry(
                    "{'ErrorEquals':['Boom'],'IntervalSeconds':1,'BackoffRate':2,'MaxAttempts':3}"),
                Json::object(), backend, kernel);
        QCOMPARE(r.status, ExecutionStatus::Succeeded);
        QCOMPARE(backend.attemptTimes.size(), std::size_t(3));
        QCOMPARE(backend.attemptTimes[0].us, 0);
        QCOMPARE(backend.attemptTimes[1].us, 1'000'000);
        QCOMPARE(backend.attemptTimes[2].us, 3'000'000);
        QCOMPARE(r.transitions, 3);
        QCOMPARE(types(r), (QStringList{"ExecutionStarted", "TaskStateEntered", "TaskScheduled",
                                        "TaskStarted", "TaskFailed", "TaskScheduled", "TaskStarted",
                                        "TaskFailed", "TaskScheduled", "TaskStarted",
                                        "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"}));
    }

    void maxDelayCapsBackoff() {
        // IntervalSeconds 10, BackoffRate 3, MaxDelaySeconds 20: waits 10, 20 (not 30), 20 (not
        // 90).
        Kernel kernel(7);
        ScriptedBackend backend;
        backend.kernel = &kernel;
        backend.script = [](int) { return TaskOutcome::failure("Boom", ""); };
        const Run r =
            run(taskWithRetry("{'ErrorEquals':['States.ALL'],'IntervalSeconds':10,'BackoffRate':3,"
                              "'MaxAttempts':3,'MaxDelaySeconds':20}"),
                Json::object(), backend, kernel);
        QCOMPARE(r.status, ExecutionStatus::Failed);
        QCOMPARE(r.error, std::string("Boom"));
        QCOMPARE(backend.attemptTimes.size(), std::size_t(4));
        QCOMPARE(backend.attemptTimes[3].us, 50'000'000);
    }

    void exhaustedRetryThenCatch() {
        // t=0 fails; t=2s retry #1 fails; MaxAttempts 1 exhausted: Catch puts the error at $.err
        // of the raw input and goes to Handler at t=2s.
        Kernel kernel(7);
        ScriptedBackend backend;
        backend.kernel = &kernel;
        backend.script = [](int) {
            return TaskOutcome::failure("Lambda.ServiceException", "down");
        };
        const Json def = quotedJson("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:"
                                    "aws:states:::lambda:invoke',"
                                    "'InputPath':'$.in','Retry':[{'ErrorEquals':['States."
                                    "TaskFailed'],'IntervalSeconds':2,'MaxAttempts':1}],"
                                    "'Catch':[{'ErrorEquals':['States.ALL'],'ResultPath':'$.err','"
                                    "Next':'Handler'}],'End':true},"
                                    "'Handler':{'Type':'Pass','End':true}}}");
        const Run r = run(def, quotedJson("{'in':{'a':1}}"), backend, kernel);
        QCOMPARE(r.status, ExecutionStatus::Succeeded);
        QCOMPARE(QString::fromStdString(r.output.dump()),
                 QString::fromStdString(
                     quotedJson(
                         "{'in':{'a':1},'err':{'Error':'Lambda.ServiceException','Cause':'down'}}")
                         .dump()));
        QCOMPARE(r.end.us, 2'000'000);
        QCOMPARE(r.transitions, 3); // T, its retry, Handler
    }

    void taskTimeout() {
        // t=0 task starts, would take 10s; t=5s TimeoutSeconds: TaskTimedOut; States.TaskFailed
        // does not match States.Timeout, so the Catch on States.Timeout takes it.
        Kernel kernel(7);
        ScriptedBackend backend;
        backend.kernel = &kernel;
        backend.script = [](int) {
            return TaskOutcome::success(Json::object(), SimTime::fromSeconds(10));
        };
        const Json def =
            quotedJson("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::"
                       "lambda:invoke','TimeoutSeconds':5,"
                       "'Retry':[{'ErrorEquals':['States.TaskFailed'],'MaxAttempts':5}],"
                       "'Catch':[{'ErrorEquals':['States.Timeout'],'Next':'Late'}],'End':true},'"
                       "Late':{'Type':'Fail','Error':'Late'}}}");
        const Run r = run(def, Json::object(), backend, kernel);
        QCOMPARE(r.error, std::string("Late"));
        QCOMPARE(r.end.us, 5'000'000);
        QCOMPARE(backend.attemptTimes.size(), std::size_t(1));
        QVERIFY(types(r).contains("TaskTimedOut"));
    }

    void heartbeatTimeout_data() {
        QTest::addColumn<QString>("heartbeat");
        QTest::addColumn<double>("taskSeconds");
        QTest::addColumn<QString>("error");
        QTest::addColumn<qint64>("endUs");
        // t=0 task starts; no heartbeat ever comes, so HeartbeatSeconds (3 s) ends it first.
        QTest::newRow("literal") << "'HeartbeatSeconds':3" << 10.0 << "States.HeartbeatTimeout"
                                 << qint64(3'000'000);
        // The Path form reads the effective input ({"hb": 2}).
        QTest::newRow("path") << "'HeartbeatSecondsPath':'$.hb'" << 10.0
                              << "States.HeartbeatTimeout" << qint64(2'000'000);
        // A task shorter than its heartbeat interval never times out.
        QTest::newRow("short task") << "'HeartbeatSeconds':3" << 1.0 << "" << qint64(1'000'000);
    }
    void heartbeatTimeout() {
        QFETCH(QString, heartbeat);
        QFETCH(double, taskSeconds);
        QFETCH(QString, error);
        QFETCH(qint64, endUs);
        Kernel kernel(7);
        ScriptedBackend backend;
        backend.kernel = &kernel;
        backend.script = [taskSeconds](int) {
            return TaskOutcome::success(Json::object(), SimTime::fromSeconds(taskSeconds));
        };
        const Json def = quotedJson(("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':"
                                     "'arn:aws:states:::lambda:invoke','TimeoutSeconds':5," +
                                     heartbeat.toStdString() + ",'End':true}}}")
                                        .c_str());
        const Run r = run(def, quotedJson("{'hb':2}"), backend, kernel);
        QCOMPARE(QString::fromStdString(r.error), error);
        QCOMPARE(r.end.us, endUs);
    }

    void executionTimeout() {
        // t=0 Wait 100s; t=60s the execution's TimeoutSeconds: ExecutionTimedOut.
        const Run r = run(quotedJson("{'TimeoutSeconds':60,'StartAt':'W','States':{'W':{'Type':'"
                                     "Wait','Seconds':100,'End':true}}}"));
        QCOMPARE(r.status, ExecutionStatus::TimedOut);
        QCOMPARE(r.error, std::string("States.Timeout"));
        QCOMPARE(r.end.us, 60'000'000);
        QCOMPARE(types(r).last(), QString("ExecutionTimedOut"));
    }

    void expressStopsAfterFiveMinutes_data() {
        QTest::addColumn<QString>("definition");
        QTest::addColumn<bool>("express");
        QTest::addColumn<int>("status");
        QTest::addColumn<qint64>("endSeconds");
        const QString wait400 =
            "{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':400,'End':true}}}";
        // t=0 Wait 400 s; Standard: t=400 s succeeds; Express: t=300 s ExecutionTimedOut.
        QTest::newRow("standard") << wait400 << false << int(ExecutionStatus::Succeeded)
                                  << qint64(400);
        QTest::newRow("express") << wait400 << true << int(ExecutionStatus::TimedOut)
                                 << qint64(300);
        // A shorter TimeoutSeconds still applies to an Express workflow.
        QTest::newRow("express, own timeout")
            << "{'TimeoutSeconds':60,'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':400,'End'"
               ":true}}}"
            << true << int(ExecutionStatus::TimedOut) << qint64(60);
    }
    void expressStopsAfterFiveMinutes() {
        QFETCH(QString, definition);
        QFETCH(bool, express);
        QFETCH(int, status);
        QFETCH(qint64, endSeconds);
        Kernel kernel(1);
        EchoBackend echo;
        ExecutionOptions options;
        options.express = express;
        const Run r = run(quotedJson(definition), Json::object(), echo, kernel, options);
        QCOMPARE(int(r.status), status);
        QCOMPARE(r.end.us, endSeconds * 1'000'000);
        if (r.status == ExecutionStatus::TimedOut) QCOMPARE(r.error, std::string("States.Timeout"));
    }

    void fullJitterWithinBounds() {
        // FULL jitter: each wait is uniform on [0, 1 x 2^k); fixed seed, so the draws are fixed.
        flowcast::model::Retrier retrier;
        retrier.intervalSeconds = 1;
        retrier.backoffRate = 2;
        retrier.fullJitter = true;
        RandomStream jitter(2026);
        double sum = 0;
        const int n = 10'000;
        for (int i = 0; i < n; ++i) {
            const SimTime d = retryDelay(retrier, 2, jitter); // bound 4 s
            QVERIFY(d.us >= 0 && d.us <= 4'000'000);
            sum += d.seconds();
        }
        // Mean 2 s, sd 4/sqrt(12) = 1.155 s: 5 sigma of the mean of 10,000 is 0.058 s.
        QVERIFY(std::abs(sum / n - 2.0) < 0.058);
        // In an execution: the same seed gives the same retry time, and it is inside [0, 1s).
        std::vector<qint64> times;
        for (int rep = 0; rep < 2; ++rep) {
            Kernel kernel(99);
            ScriptedBackend backend;
            backend.kernel = &kernel;
            backend.script = [](int i) {
                return i == 0 ? TaskOutcome::failure("Boom", "")
                              : TaskOutcome::success(Json::object());
            };
            run(taskWithRetry(
                    "{'ErrorEquals':['Boom'],'IntervalSeconds':1,'JitterStrategy':'FULL'}"),
                Json::object(), backend, kernel);
            QCOMPARE(backend.attemptTimes.size(), std::size_t(2));
            times.push_back(backend.attemptTimes[1].us);
        }
        QCOMPARE(times[0], times[1]);
        QVERIFY(times[0] >= 0 && times[0] < 1'000'000);
    }

    void historySequence() {
        const Run r =
            run(quotedJson(
                    "{'StartAt':'P','States':{'P':{'Type':'Pass','Next':'C'},'C':{'Type':'Choice',"
                    "'Choices':[{'Variable':'$.go','BooleanEquals':true,'Next':'W'}]},"
                    "'W':{'Type':'Wait','Seconds':1,'Next':'T'},'T':{'Type':'Task','Resource':"
                    "'arn:aws:states:::lambda:invoke','Next':'S'},'S':{'Type':'Succeed'}}}"),
                quotedJson("{'go':true}"));
        QCOMPARE(types(r),
                 (QStringList{"ExecutionStarted", "PassStateEntered", "PassStateExited",
                              "ChoiceStateEntered", "ChoiceStateExited", "WaitStateEntered",
                              "WaitStateExited", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                              "TaskSucceeded", "TaskStateExited", "SucceedStateEntered",
                              "SucceedStateExited", "ExecutionSucceeded"}));
        for (std::size_t i = 0; i < r.history.size(); ++i)
            QCOMPARE(r.history[i].id, std::int64_t(i + 1));
        QCOMPARE(r.history[4].stateName, std::string("C"));
        QCOMPARE(r.history[6].time.us, 1'000'000);
        QCOMPARE(r.history[0].stateName, std::string());
        QCOMPARE(r.transitions, 5);
    }

    void emrLivyWithMock() {
        // t=0 SetJobConfig, SubmitLivyBatch (starting), Wait; t=30s poll #0 RUNNING, Wait;
        // t=60s poll #1 RUNNING, Wait; t=90s poll #2 success, SparkJobSucceeded.
        std::ifstream in(FLOWCAST_SOURCE_DIR "/samples/emr-livy/emr-livy.asl.json");
        const Json def = Json::parse(in);
        const Json mockFile = quotedJson(
            "{'StateMachines':{'emr-livy':{'TestCases':{'HappyPath':{'SubmitLivyBatch':'Submit','"
            "GetBatchState':'Poll'}}}},"
            "'MockedResponses':{'Submit':{'0':{'Return':{'Payload':{'id':7,'state':'starting'}}}},"
            "'Poll':{'0-1':{'Return':{'Payload':{'id':7,'state':'running'}}},'2':{'Return':{'"
            "Payload':{'id':7,'state':'success'}}}}}}");
        flowcast::model::Diagnostics diags;
        const auto config = flowcast::model::MockConfig::fromJson(mockFile, diags);
        QVERIFY(diags.empty());
        MockBackend backend(config, "emr-livy", "HappyPath");
        Kernel kernel(3);
        const Run r = run(def, quotedJson("{'runDate':'2026-01-01'}"), backend, kernel);
        QCOMPARE(r.status, ExecutionStatus::Succeeded);
        QCOMPARE(r.end.us, 90'000'000);
        QCOMPARE(r.transitions, 12); // Set 1, Submit 1, Wait 3, Get 3, Check 3, Succeeded 1
        QCOMPARE(QString::fromStdString(r.output["livy"].dump()),
                 QString::fromStdString(quotedJson("{'batchId':7,'state':'success'}").dump()));
        QCOMPARE(r.history.size(), std::size_t(1 + 2 + 5 + 3 * (2 + 5 + 2) + 2 + 1));
    }

    void missingMockInvocationFailsExecution() {
        // Poll has only invocation 0 (running): invocation 1 has no entry, so the execution fails
        // even though the state has a Catch on States.ALL.
        std::ifstream in(FLOWCAST_SOURCE_DIR "/samples/emr-livy/emr-livy.asl.json");
        const Json def = Json::parse(in);
        const Json mockFile = quotedJson(
            "{'StateMachines':{'emr-livy':{'TestCases':{'Short':{'SubmitLivyBatch':'Submit','"
            "GetBatchState':'Poll'}}}},"
            "'MockedResponses':{'Submit':{'0':{'Return':{'Payload':{'id':7,'state':'starting'}}}},'"
            "Poll':{'0':{'Return':{'Payload':{'id':7,'state':'running'}}}}}}");
        flowcast::model::Diagnostics diags;
        const auto config = flowcast::model::MockConfig::fromJson(mockFile, diags);
        MockBackend backend(config, "emr-livy", "Short");
        Kernel kernel(3);
        const Run r = run(def, quotedJson("{'runDate':'2026-01-01'}"), backend, kernel);
        QCOMPARE(r.status, ExecutionStatus::Failed);
        QCOMPARE(r.error, std::string("States.Runtime"));
        QCOMPARE(r.end.us, 60'000'000);
    }

    void historyLimitOnEndlessLoop() {
        // A <-> B Pass loop: 1 + 2 events per state. After 12,499 states the history holds
        // 24,999 events; event 25,000 would be PassStateEntered, so it is ExecutionFailed.
        const Run r = run(quotedJson("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},'B':{"
                                     "'Type':'Pass','Next':'A'}}}"));
        QCOMPARE(r.status, ExecutionStatus::Failed);
        QCOMPARE(r.history.size(), std::size_t(25'000));
        QCOMPARE(r.history.back().type, std::string("ExecutionFailed"));
        QCOMPARE(r.history.back().id, std::int64_t(25'000));
        QCOMPARE(r.error, std::string("States.Runtime"));
        QCOMPARE(
            r.cause,
            std::string("The execution reached the maximum number of history events (25000)."));
        QCOMPARE(r.transitions, 12'499);
    }

    void errorMatching_data() {
        QTest::addColumn<QStringList>("equals");
        QTest::addColumn<QString>("error");
        QTest::addColumn<bool>("matches");
        QTest::newRow("exact") << QStringList{"A"} << "A" << true;
        QTest::newRow("other") << QStringList{"A"} << "B" << false;
        QTest::newRow("ALL") << QStringList{"States.ALL"} << "States.Timeout" << true;
        QTest::newRow("ALL not Runtime") << QStringList{"States.ALL"} << "States.Runtime" << false;
        QTest::newRow("TaskFailed") << QStringList{"States.TaskFailed"} << "Lambda.Unknown" << true;
        QTest::newRow("TaskFailed not Timeout")
            << QStringList{"States.TaskFailed"} << "States.Timeout" << false;
        // AWS, "Error names": States.ALL "can't catch the States.DataLimitExceeded terminal error
        // type"; naming it does.
        QTest::newRow("ALL not DataLimitExceeded")
            << QStringList{"States.ALL"} << "States.DataLimitExceeded" << false;
        QTest::newRow("TaskFailed not DataLimitExceeded")
            << QStringList{"States.TaskFailed"} << "States.DataLimitExceeded" << false;
        QTest::newRow("DataLimitExceeded by name")
            << QStringList{"States.ALL", "States.DataLimitExceeded"} << "States.DataLimitExceeded"
            << true;
    }
    void errorMatching() {
        QFETCH(QStringList, equals);
        QFETCH(QString, error);
        QFETCH(bool, matches);
        std::vector<std::string> names;
        for (const auto& e : equals)
            names.push_back(e.toStdString());
        QCOMPARE(errorMatches(names, error.toStdString()), matches);
    }

    // A backend that never reads a Task's effective input is given null, but the input is still
    // checked: the same errors, the same 256 KiB quota, as when it is built.
    void unreadInputIsCheckedNotBuilt_data() {
        QTest::addColumn<QString>("parameters");
        QTest::addColumn<QString>("error");
        QTest::newRow("fine") << "{'a.$':'$.s','f.$':'States.Format(\\'{}-x\\', $.n)'}"
                              << "";
        QTest::newRow("missing path") << "{'a.$':'$.s','b.$':'$.missing'}"
                                      << "States.Runtime";
        QTest::newRow("bad call") << "{'n.$':'States.MathAdd($.s, 1)'}"
                                  << "States.IntrinsicFailure";
        QTest::newRow("over 256 KiB") << "{'a.$':'$.s','b.$':'$.s','c.$':'$.s'}"
                                      << "States.DataLimitExceeded";
    }
    void unreadInputIsCheckedNotBuilt() {
        QFETCH(QString, parameters);
        QFETCH(QString, error);
        const Json input{{"s", std::string(90'000, 'x')}, {"n", 7}};
        const Json definition = quotedJson(
            "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:"
            "invoke','Parameters':" +
            parameters + ",'ResultPath':null,'End':true}}}");
        Run runs[2];
        for (const bool reads : {true, false}) {
            Kernel kernel(1);
            InputRecorder backend(reads);
            ExecutionOptions options;
            options.recordHistory = false; // a kept history shows the input: it is then built
            runs[reads] = run(definition, input, backend, kernel, options);
            if (!error.isEmpty()) continue;
            QCOMPARE(backend.inputs.size(), std::size_t(1));
            QCOMPARE(backend.inputs[0].is_null(), !reads);
        }
        QCOMPARE(QString::fromStdString(runs[false].error), error);
        QCOMPARE(runs[false].error, runs[true].error);
        QCOMPARE(runs[false].cause, runs[true].cause);
        QCOMPARE(runs[false].output.dump(), runs[true].output.dump());
    }

    // A result the backend vouches for is not measured again; one it does not vouch for is.
    void vouchedResultsAreNotMeasured() {
        // The Pass first: the Task's input is then a checked output (an echo of an unchecked
        // input is measured whatever the backend says).
        const Json definition =
            quotedJson("{'StartAt':'P','States':{'P':{'Type':'Pass','Next':'T'},"
                       "'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:"
                       "invoke','ResultPath':'$.r','OutputPath':'$.small','End':true}}}");
        const Json input{{"small", 1}};
        for (const bool vouches : {false, true}) {
            Kernel kernel(1);
            InputRecorder backend(true, vouches);
            backend.result = std::string(300'000, 'y');
            const auto r = run(definition, input, backend, kernel);
            // Unmeasured, the oversized result passes: the backend's promise is trusted.
            QCOMPARE(QString::fromStdString(r.error),
                     vouches ? QString() : QString("States.DataLimitExceeded"));
        }
    }

    void isoTimestamps() {
        QCOMPARE(isoTimestamp(SimTime{}), std::string("2026-01-01T00:00:00.000Z"));
        QCOMPARE(isoTimestamp(SimTime::fromSeconds(86400.0 * 59 + 3661.25)),
                 std::string("2026-03-01T01:01:01.250Z"));
    }
};

QTEST_APPLESS_MAIN(TestInterpreter)
#include "TestInterpreter.moc"
