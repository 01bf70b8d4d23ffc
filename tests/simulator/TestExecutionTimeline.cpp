// One simulated execution recorded for a replay: its visits with their times, results and Gantt
// lanes, the ordered steps (entries and exits, zero-time states and a Parallel's entry in the
// order the execution made them), the states open at a step, the picks (by number, the slowest,
// the first failure) and their early stop, and agreement with the user's run (its first
// replication: the same seed and limits, so the same executions meet on a shared service).
#include "model/scenario/Scenario.h"
#include "simulator/exec/Program.h"
#include "simulator/run/ExecutionTimeline.h"
#include "simulator/run/Replications.h"
#include "simulator/run/RunPlan.h"
#include "tests/common/QuotedJson.h"

#include <QtTest>

#include <algorithm>
#include <map>
#include <tuple>

using namespace flowcast;
using sim::ExecutionPick;
using sim::ExecutionTimeline;
using sim::SimTime;
using sim::StateResult;

namespace {

// Executions start at 0, 60, 120 ... s (rate(1 minute)); $.index is 0 for the first.
// Every execution: Prepare 2 s, then Fan runs Left (5 s) beside Right (3 s) then Pause (1 s),
// then Route (a Choice, no time). Index 2 goes to Risky (fails with Boom after 1 s, retried
// once 2 s later, fails again, caught) then Alert (a Pass) and GaveUp (Fail). Index 3 waits
// 30 s in Linger first. The others go to Each: a Map over three items, two at a time, each
// item 4 s of Work.
const char* const kDefinition =
    "{'StartAt':'Prepare','States':{"
    "'Prepare':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Next':'Fan'},"
    "'Fan':{'Type':'Parallel','ResultPath':'$.fan','Next':'Route','Branches':["
    "{'StartAt':'Left','States':{'Left':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
    "'End':true}}},"
    "{'StartAt':'Right','States':{'Right':{'Type':'Task','Resource':"
    "'arn:aws:states:::lambda:invoke','Next':'Pause'},'Pause':{'Type':'Wait','Seconds':1,"
    "'End':true}}}]},"
    "'Route':{'Type':'Choice','Choices':["
    "{'Variable':'$.index','NumericEquals':2,'Next':'Risky'},"
    "{'Variable':'$.index','NumericEquals':3,'Next':'Linger'}],'Default':'Each'},"
    "'Risky':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
    "'Retry':[{'ErrorEquals':['Boom'],'IntervalSeconds':2,'MaxAttempts':1,'BackoffRate':1}],"
    "'Catch':[{'ErrorEquals':['States.ALL'],'ResultPath':'$.error','Next':'Alert'}],"
    "'Next':'Each'},"
    "'Alert':{'Type':'Pass','Next':'GaveUp'},"
    "'GaveUp':{'Type':'Fail','Error':'Pipeline.GaveUp'},"
    "'Linger':{'Type':'Wait','Seconds':30,'Next':'Each'},"
    "'Each':{'Type':'Map','ItemsPath':'$.items','MaxConcurrency':2,'End':true,"
    "'ItemProcessor':{'StartAt':'Work','States':{'Work':{'Type':'Task','Resource':"
    "'arn:aws:states:::lambda:invoke','End':true}}}}}}";

const char* const kScenario =
    "{'definition':'d.asl.json','seed':5,'workload':{'schedule':'rate(1 minute)',"
    "'input':{'index':{'$index':true},'items':[1,2,3]}},"
    "'states':{'Prepare':{'duration':2},'Left':{'duration':5},'Right':{'duration':3},"
    "'Work':{'duration':4},'Risky':{'duration':1,'failures':[{'error':'Boom','probability':1}]}}}";

struct Fixture {
    model::Json definition = quotedJson(kDefinition); // the Program points into it
    sim::Program program{definition};
    model::Scenario scenario = model::Scenario::fromJson(quotedJson(kScenario), "s.json");

    std::optional<ExecutionTimeline> record(ExecutionPick pick, std::uint64_t n) const {
        sim::TimelineRequest request;
        request.pick = pick;
        request.serial = n;
        request.among = n;
        return ExecutionTimeline::record(program, scenario, plan(), request);
    }
    /// The scenario's own: its seed, one replication, a day.
    sim::RunPlan plan() const {
        sim::RunCounts counts;
        counts.threads = 1;
        return sim::makePlan(scenario, counts);
    }
};

SimTime sec(double s) {
    return SimTime::fromSeconds(s);
}

QString describe(const ExecutionTimeline& t, const sim::ReplayStep& step) {
    const sim::StateVisit& v = t.visits()[step.visit];
    return QStringLiteral("%1 %2%3")
        .arg(step.time.seconds())
        .arg(step.entered ? "+" : "-", QString::fromStdString(v.name));
}

QStringList describeSteps(const ExecutionTimeline& t) {
    QStringList out;
    for (const sim::ReplayStep& step : t.steps())
        out << describe(t, step);
    return out;
}

QStringList names(const std::vector<std::string>& list) {
    QStringList out;
    for (const std::string& s : list)
        out << QString::fromStdString(s);
    return out;
}

// What the user's run did, as a trace writer sees it: each execution's start, end and status,
// and its state visits (state, entered, exited, result, in microseconds).
class RunLog final : public sim::Observer {
public:
    using Visit = std::tuple<std::uint32_t, std::int64_t, std::int64_t, StateResult>;
    struct Run {
        SimTime started, ended;
        bool hasEnded = false;
        std::vector<Visit> visits;
    };

    void executionStarted(std::uint64_t serial, SimTime time) override {
        runs[serial].started = time;
    }
    void executionEnded(const sim::ExecutionEnded& r) override {
        runs[r.serial].ended = r.ended;
        runs[r.serial].hasEnded = true;
    }
    void stateEnded(const sim::StateEnded& r) override {
        runs[r.execution].visits.push_back({r.state, r.entered.us, r.exited.us, r.result});
    }
    /// Sorted: the order visits end in and the order a timeline keeps them differ.
    std::vector<Visit> visitsOf(std::uint64_t serial) const {
        std::vector<Visit> visits = runs.at(serial).visits;
        std::sort(visits.begin(), visits.end());
        return visits;
    }
    /// The longest-running of the executions numbered up to `among` that ended (the lowest
    /// number on a tie).
    std::uint64_t slowest(std::uint64_t among) const {
        std::uint64_t best = 0;
        for (const auto& [serial, run] : runs)
            if (serial <= among && run.hasEnded &&
                (!best || run.ended - run.started > runs.at(best).ended - runs.at(best).started))
                best = serial;
        return best;
    }

    std::map<std::uint64_t, Run> runs;
};

std::vector<RunLog::Visit> visitsOf(const ExecutionTimeline& t) {
    std::vector<RunLog::Visit> visits;
    for (const sim::StateVisit& v : t.visits())
        visits.push_back({v.state, v.entered.us, v.exited.us, v.result});
    std::sort(visits.begin(), visits.end());
    return visits;
}

// Two Lambda tasks on one function: executions overlap (3 a second, each a second or more),
// share its warm instances (kept 1 s) and cold starts, and draw from its random streams.
const char* const kSharedDefinition =
    "{'StartAt':'Fetch','States':{"
    "'Fetch':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Next':'Store'},"
    "'Store':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','End':true}}}";

const char* const kSharedScenario =
    "{'definition':'d.asl.json','seed':20,'horizon':'30s','replications':2,"
    "'workload':{'poisson':{'ratePerSecond':3}},"
    "'services':{'fn':{'kind':'lambda','keepAliveSeconds':1,"
    "'coldStart':{'lognormal':{'median':0.8,'p99':3}}}},"
    "'states':{'Fetch':{'service':'fn','duration':{'uniform':{'min':0.2,'max':1.5}}},"
    "'Store':{'service':'fn','duration':{'lognormal':{'median':0.5,'p99':2}}}}}";

struct SharedFixture {
    model::Json definition = quotedJson(kSharedDefinition);
    sim::Program program{definition};
    model::Scenario scenario = model::Scenario::fromJson(quotedJson(kSharedScenario), "s.json");

    /// The user's run under `plan`, its replication 0 logged.
    RunLog userRun(const sim::RunPlan& plan) const {
        RunLog log;
        sim::Replications run(program, scenario, plan, &log);
        run.run(nullptr);
        return log;
    }
    std::optional<ExecutionTimeline> record(const sim::RunPlan& plan, ExecutionPick pick,
                                            std::uint64_t n) const {
        sim::TimelineRequest request;
        request.pick = pick;
        request.serial = n;
        request.among = n;
        return ExecutionTimeline::record(program, scenario, plan, request);
    }
};

} // namespace

class TestExecutionTimeline : public QObject {
    Q_OBJECT

private slots:
    // Execution 2 starts at t=60 s:
    //   60 Prepare 62 | 62 Fan 67 (Left 62-67, Right 62-65, Pause 65-66) | 67 Route 67 |
    //   67 Each 75 (Work 67-71, Work 67-71, Work 71-75). Succeeded at 75.
    void recordsOneExecutionByNumber() {
        const Fixture f;
        const auto t = f.record(ExecutionPick::Serial, 2);
        QVERIFY(t);
        QCOMPARE(t->serial(), std::uint64_t(2));
        QCOMPARE(t->started(), sec(60));
        QCOMPARE(t->ended(), sec(75));
        QCOMPARE(t->status(), sim::EndStatus::Succeeded);
        QCOMPARE(t->executionsSimulated(), std::uint64_t(2)); // stopped at 75 s: no third started

        QStringList visits;
        for (const sim::StateVisit& v : t->visits())
            visits << QStringLiteral("%1 %2-%3 lane %4")
                          .arg(QString::fromStdString(v.name))
                          .arg(v.entered.seconds())
                          .arg(v.exited.seconds())
                          .arg(v.lane);
        QCOMPARE(visits,
                 QStringList({"Prepare 60-62 lane 0", "Fan 62-67 lane 1", "Left 62-67 lane 2",
                              "Right 62-65 lane 3", "Pause 65-66 lane 4", "Route 67-67 lane 5",
                              "Each 67-75 lane 6", "Work 67-71 lane 7", "Work 67-71 lane 8",
                              "Work 71-75 lane 7"}));
        QCOMPARE(names(t->laneNames()), QStringList({"Prepare", "Fan", "Left", "Right", "Pause",
                                                     "Route", "Each", "Work", "Work (2)"}));
        QCOMPARE(QString::fromStdString(t->visits()[4].pointer),
                 QString("/States/Fan/Branches/1/States/Pause"));
        QCOMPARE(t->visits()[0].result, StateResult::Succeeded);
    }

    // The Parallel is entered before its branches, the Choice between Fan's exit and Each's
    // entry (it takes no time), the Map before its iterations; at 71 s the third iteration
    // starts once both running ones have ended (a state that lasts is entered after the exits
    // of its instant).
    void stepsFollowTheExecution() {
        const Fixture f;
        const auto t = f.record(ExecutionPick::Serial, 2);
        QVERIFY(t);
        QCOMPARE(describeSteps(*t),
                 QStringList({"60 +Prepare", "62 -Prepare", "62 +Fan",   "62 +Left", "62 +Right",
                              "65 -Right",   "65 +Pause",   "66 -Pause", "67 -Left", "67 -Fan",
                              "67 +Route",   "67 -Route",   "67 +Each",  "67 +Work", "67 +Work",
                              "71 -Work",    "71 -Work",    "71 +Work",  "75 -Work", "75 -Each"}));
    }

    void activeStatesAtAStep() {
        const Fixture f;
        const auto t = f.record(ExecutionPick::Serial, 2);
        QVERIFY(t);
        QCOMPARE(names(t->activeStates(0)), QStringList({"Prepare"}));
        QCOMPARE(names(t->activeStates(1)), QStringList());
        QCOMPARE(names(t->activeStates(4)), QStringList({"Fan", "Left", "Right"}));
        QCOMPARE(names(t->activeStates(6)), QStringList({"Fan", "Left", "Pause"}));
        QCOMPARE(names(t->activeStates(10)), QStringList({"Route"}));
        QCOMPARE(names(t->activeStates(14)), QStringList({"Each", "Work"}));
        QCOMPARE(t->activeVisits(14), (std::vector<std::size_t>{6, 7, 8}));
        QCOMPARE(t->activeVisits(16), (std::vector<std::size_t>{6}));
        QCOMPARE(t->activeVisits(17), (std::vector<std::size_t>{6, 9}));
        QCOMPARE(names(t->activeStates(19)), QStringList());
        QCOMPARE(names(t->activeStates(999)), QStringList()); // past the end: all over
    }

    // Execution 3 (index 2) starts at t=120 s and takes the failing path:
    //   127 Risky: attempt 1 fails at 128, retry #1 at 130 fails at 131, Catch -> Alert 131 ->
    //   GaveUp 131: the execution FAILED with Pipeline.GaveUp at 131.
    void firstFailureIsTheCaughtPath() {
        const Fixture f;
        const auto t = f.record(ExecutionPick::FirstFailure, 1000);
        QVERIFY(t);
        QCOMPARE(t->serial(), std::uint64_t(3));
        QCOMPARE(t->status(), sim::EndStatus::Failed);
        QCOMPARE(QString::fromStdString(t->error()), QString("Pipeline.GaveUp"));
        QCOMPARE(t->ended(), sec(131));
        std::map<std::string, const sim::StateVisit*> byName;
        for (const sim::StateVisit& v : t->visits())
            byName[v.name] = &v;
        QVERIFY(byName.count("Risky") && byName.count("GaveUp") && !byName.count("Each"));
        const sim::StateVisit& risky = *byName["Risky"];
        QCOMPARE(risky.entered, sec(127));
        QCOMPARE(risky.exited, sec(131));
        QCOMPARE(risky.result, StateResult::Caught);
        QCOMPARE(QString::fromStdString(risky.error), QString("Boom"));
        QCOMPARE(risky.retries, 1);
        QCOMPARE(byName["GaveUp"]->result, StateResult::Failed);
        QCOMPARE(describeSteps(*t).mid(12),
                 QStringList({"127 +Risky", "131 -Risky", "131 +Alert", "131 -Alert", "131 +GaveUp",
                              "131 -GaveUp"}));
        // Known at 131 s, when the run had started three (the fourth starts at 180 s).
        QCOMPARE(t->executionsSimulated(), std::uint64_t(3));
    }

    void noFailureAmongTooFew() {
        const Fixture f;
        QVERIFY(!f.record(ExecutionPick::FirstFailure, 2));
        QVERIFY(!f.record(ExecutionPick::Serial, 0)); // numbers start at 1
    }

    // Execution 4 (index 3) lingers 30 s: 180 -> 187 Linger 217 -> Each 225, 45 s in all.
    void slowestAmongTheFirst() {
        const Fixture f;
        const auto t = f.record(ExecutionPick::Slowest, 6);
        QVERIFY(t);
        QCOMPARE(t->serial(), std::uint64_t(4));
        QCOMPARE(t->started(), sec(180));
        QCOMPARE(t->ended(), sec(225));
        const auto three = f.record(ExecutionPick::Slowest, 3); // 15, 15, 11 s: the first
        QVERIFY(three);
        QCOMPARE(three->serial(), std::uint64_t(1));
    }

    void cancelledGivesNothing() {
        const Fixture f;
        std::atomic<bool> cancel{true};
        sim::TimelineRequest request;
        request.serial = 3;
        QVERIFY(!ExecutionTimeline::record(f.program, f.scenario, f.plan(), request, &cancel));
    }

    // With random durations, the replay of execution 3 is the user's run's execution 3 (its
    // first replication, seeded as Replications seeds it), and another seed differs.
    void agreesWithTheUsersRun() {
        const model::Json definition = quotedJson(kDefinition);
        const sim::Program program(definition);
        model::Json doc = quotedJson(kScenario);
        doc["states"]["Prepare"]["duration"] = quotedJson("{'lognormal':{'median':2,'p99':9}}");
        doc["states"]["Work"]["duration"] = quotedJson("{'uniform':{'min':1,'max':8}}");
        const auto scenario = model::Scenario::fromJson(doc, "s.json");
        sim::RunPlan plan;
        plan.seed = 11;
        plan.replications = 2;
        plan.executions = 10;
        RunLog user;
        sim::Replications run(program, scenario, plan, &user);
        QVERIFY(run.run(nullptr));

        sim::TimelineRequest request;
        request.serial = 3;
        const auto t = ExecutionTimeline::record(program, scenario, plan, request);
        QVERIFY(t);
        QCOMPARE(visitsOf(*t), user.visitsOf(3));
        sim::RunPlan alone = plan; // one replication runs the plan's seed itself
        alone.replications = 1;
        const auto other = ExecutionTimeline::record(program, scenario, alone, request);
        QVERIFY(other && other->ended() != t->ended());
    }

    // Executions overlap on one Lambda function: what each meets (a warm instance or a cold
    // start, how long it waits, which random draws it gets) depends on every other execution
    // the run started. The replay of #1, #2, #3, #10, #25 and #40 is the user's replication 0's,
    // visit for visit, and so is the slowest of the first 40.
    void replaysTheUsersExecutionOnASharedService() {
        const SharedFixture f;
        sim::RunCounts counts;
        counts.threads = 1;
        const sim::RunPlan plan = sim::makePlan(f.scenario, counts); // 30 s, 2 replications
        const RunLog user = f.userRun(plan);
        QVERIFY2(user.runs.size() > 60, qPrintable(QString::number(user.runs.size()))); // ~90
        for (const std::uint64_t serial : {1, 2, 3, 10, 25, 40}) {
            const auto t = f.record(plan, ExecutionPick::Serial, serial);
            QVERIFY(t);
            const QByteArray which = "execution #" + QByteArray::number(serial);
            QCOMPARE(t->serial(), serial);
            QVERIFY2(t->started() == user.runs.at(serial).started, which);
            QVERIFY2(t->ended() == user.runs.at(serial).ended, which);
            QVERIFY2(visitsOf(*t) == user.visitsOf(serial), which);
        }
        const auto slowest = f.record(plan, ExecutionPick::Slowest, 40);
        QVERIFY(slowest);
        QCOMPARE(slowest->serial(), user.slowest(40));
        QCOMPARE(visitsOf(*slowest), user.visitsOf(slowest->serial()));
    }

    // Only the executions the run had: past its last one there is nothing to replay, and an
    // executions limit shared among 2 replications gives replication 0 five of nine, so there
    // is no #6 and the slowest "of the first 1,000" is one of those five.
    void onlyTheExecutionsTheRunHad() {
        const SharedFixture f;
        sim::RunCounts counts;
        counts.threads = 1;
        const sim::RunPlan horizon = sim::makePlan(f.scenario, counts);
        const RunLog all = f.userRun(horizon);
        QVERIFY(!f.record(horizon, ExecutionPick::Serial, all.runs.size() + 1));

        counts.executions = 9;
        const sim::RunPlan plan = sim::makePlan(f.scenario, counts);
        const RunLog user = f.userRun(plan);
        QCOMPARE(user.runs.size(), std::size_t(5));
        QVERIFY(!f.record(plan, ExecutionPick::Serial, 6));
        const auto slowest = f.record(plan, ExecutionPick::Slowest, 1000);
        QVERIFY(slowest);
        QCOMPARE(slowest->serial(), user.slowest(1000));
        QCOMPARE(visitsOf(*slowest), user.visitsOf(slowest->serial()));
        QCOMPARE(slowest->executionsSimulated(), std::uint64_t(5));
    }
};

QTEST_APPLESS_MAIN(TestExecutionTimeline)
#include "TestExecutionTimeline.moc"
