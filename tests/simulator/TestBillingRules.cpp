// Billing rules are data (issue 4): the services and Express executions round each request or
// run up, and raise it to its minimum, as the price book's item says, when the run ends; the
// usage lines sum what was billed. Express per execution, Athena per query (failed ones free),
// Glue's minimum from a user's book, and AWS's Lambda example through the function pool.
#include "model/pricing/PriceBook.h"
#include "model/pricing/PriceFormat.h"
#include "model/scenario/Scenario.h"
#include "simulator/cost/CostEngine.h"
#include "simulator/cost/SimulatedUsage.h"
#include "simulator/exec/Execution.h"
#include "simulator/run/Replications.h"
#include "simulator/services/FunctionPool.h"
#include "simulator/services/QueryService.h"
#include "tests/common/QuotedJson.h"
#include "tests/common/ServiceTestSupport.h"

#include <QtTest>

using flowcast::model::centsOf;
using flowcast::model::Json;
using flowcast::model::PriceBook;
using flowcast::model::Scenario;
using namespace flowcast::sim;
using namespace flowcast::cost;
using namespace servicetest;

namespace {

constexpr double kMiB = 1024.0 * 1024.0;
constexpr double kTiB = kMiB * kMiB;
constexpr double kMonthOfDays = 730.0 / 24.0; // a day scaled to the 730-hour month

// Answers every Task after the milliseconds its input names.
class DelayBackend final : public TaskBackend {
public:
    std::optional<TaskOutcome> start(const TaskCall& call) override {
        return TaskOutcome::success(call.input,
                                    SimTime::fromMillis(call.input.at("ms").get<int>()));
    }
};

const UsageLine* find(const MonthlyUsage& usage, const std::string& id) {
    for (const UsageLine& line : usage.lines)
        if (line.priceId == id) return &line;
    return nullptr;
}

PriceBook bookWith(const char* prices) {
    return PriceBook::defaults().withOverrides(quotedJson(prices), "user.prices.json");
}

} // namespace

class TestBillingRules : public QObject {
    Q_OBJECT

private slots:
    // Two Express executions in one simulated day. t=0 both start; t=120 ms the first ends,
    // billed 200 ms; t=250 ms the second, billed 300 ms: 0.5 s in all, where the mean + 50 ms
    // would have said 2 × 0.235 = 0.47 s. A book that rounds to 1 s bills 2 s.
    void expressExecutionsRoundedOneByOne_data() {
        QTest::addColumn<QString>("userPrices");
        QTest::addColumn<double>("billedSeconds");
        QTest::addColumn<QString>("formula");
        QTest::newRow("built-in: 100 ms") << QString() << 0.5
                                          << "60.8333 executions × 0.25 s × 0.0625 GB, each "
                                             "rounded up to 100 ms and 64 MB";
        QTest::newRow("user: 1 s")
            << "{'prices':{'stepfunctions.express.duration':{'roundUp':{'durationMs':1000,"
               "'memoryMb':64}}}}"
            << 2.0 << "60.8333 executions × 1 s × 0.0625 GB, each rounded up to 1 s and 64 MB";
    }
    void expressExecutionsRoundedOneByOne() {
        QFETCH(QString, userPrices);
        QFETCH(double, billedSeconds);
        QFETCH(QString, formula);
        const PriceBook book = userPrices.isEmpty() ? PriceBook::defaults()
                                                    : bookWith(userPrices.toStdString().c_str());
        const Json definition = quotedJson("{'StartAt':'Work','States':{'Work':{'Type':'Task',"
                                           "'Resource':'arn:aws:states:::lambda:invoke',"
                                           "'End':true}}}");
        const Program program(definition);
        Json doc = quotedJson("{'definition':'x.asl.json','express':true,"
                              "'workload':{'schedule':'rate(12 hours)'}}");
        const Scenario scenario = Scenario::fromJson(doc, "s.json");
        Kernel kernel(1);
        Probe probe;
        Metrics metrics(program.stateNames());
        probe.subscribe(metrics);
        DelayBackend backend;
        std::vector<std::unique_ptr<Execution>> executions;
        for (int ms : {120, 250}) {
            ExecutionOptions options;
            options.express = true;
            options.probe = &probe;
            options.serial = executions.size() + 1;
            options.name = "execution-" + std::to_string(options.serial);
            options.expressBilling = &book.at("stepfunctions.express.duration").rules;
            executions.push_back(std::make_unique<Execution>(kernel, program, backend, options));
            executions.back()->start(Json{{"ms", ms}});
        }
        kernel.run(SimTime::fromSeconds(3600));
        metrics.finish(SimTime::fromSeconds(86'400));
        QCOMPARE(metrics.executions().ended, std::uint64_t(2));
        QCOMPARE(metrics.executions().expressBilledSeconds.value(), billedSeconds);

        const MonthlyUsage usage = monthlyUsage(metrics, {}, program, scenario, book);
        const UsageLine* duration = find(usage, "stepfunctions.express.duration");
        QVERIFY(duration);
        // GB-hours: the billed seconds × 64 MB (50 MB + a tiny definition, in 64 MB steps).
        QCOMPARE(duration->monthlyQuantity, billedSeconds * kMonthOfDays * 0.0625 / 3600.0);
        QCOMPARE(QString::fromStdString(duration->quantityFormula), formula);
    }

    // Athena bills each query on its own: 1 MB → the 10 MB minimum, 50 MB → 50 MB; a failed
    // query (100 MB) is free. 60 MB in all, where a minimum on the total would have said
    // max(51 MB, 2 × 10 MB) = 51 MB.
    void athenaQueriesRoundedOneByOne() {
        Kernel kernel(7);
        Probe probe;
        const std::vector<std::string> states{"Query"};
        Metrics metrics(states);
        probe.subscribe(metrics);
        RecordingListener listener(kernel);
        QueryService::Config config;
        config.planningSeconds = constant(1);
        QueryService athena(kernel, probe, "athena", std::move(config));
        std::uint32_t attempt = 0;
        for (double mb : {1.0, 50.0, 100.0}) {
            ++attempt;
            Job job = makeJob(listener, attempt, attempt, 0);
            job.bytesScanned = mb * kMiB;
            if (mb == 100)
                job.failure = std::make_pair(std::string("Athena.Failed"), std::string());
            athena.submit(std::move(job));
        }
        kernel.run(SimTime::fromSeconds(60));
        metrics.finish(SimTime::fromSeconds(86'400));
        QCOMPARE(listener.finished.size(), std::size_t(3));
        const auto& stats = metrics.service(athena.id());
        QCOMPARE(stats.usageOf(UsageKind::BytesScanned), 51 * kMiB);
        QCOMPARE(stats.usageOf(UsageKind::BytesBilled), 60 * kMiB);

        const Json definition = quotedJson("{'StartAt':'Query','States':{'Query':{'Type':'Task',"
                                           "'Resource':'arn:aws:states:::athena:startQueryExecution"
                                           ".sync','End':true}}}");
        const Program program(definition);
        const Scenario scenario = Scenario::fromJson(
            quotedJson("{'definition':'x.asl.json','workload':{'schedule':'rate(1 hour)'},"
                       "'services':{'athena':{'kind':'athena'}},"
                       "'states':{'Query':{'service':'athena'}}}"),
            "s.json");
        const MonthlyUsage usage =
            monthlyUsage(metrics, {"athena"}, program, scenario, PriceBook::defaults());
        const UsageLine* scanned = find(usage, "athena.sql.scanned");
        QVERIFY(scanned);
        QCOMPARE(scanned->monthlyQuantity, 60 * kMiB * kMonthOfDays / kTiB);
        QVERIFY2(scanned->quantityFormula.find("each rounded up to 1 MB, billed at least 10 MB") !=
                     std::string::npos,
                 scanned->quantityFormula.c_str());
    }

    // A Glue job of 15 s (5 s start-up + 10 s of work, 2 DPU) every hour for 23.5 h: t=0 the
    // first, t=23 h the 24th, each done 15 s later. The built-in book bills each run its 1-minute
    // minimum: 2 × 60 DPU-s; a user's book without the minimum bills what ran: 2 × 15 DPU-s, a
    // quarter of the bill.
    void userBookWithoutGlueMinimumChangesTheBill() {
        const Json definition = quotedJson("{'StartAt':'Spark','States':{'Spark':{'Type':'Task',"
                                           "'Resource':'arn:aws:states:::glue:startJobRun.sync',"
                                           "'End':true}}}");
        const Program program(definition);
        const Scenario scenario = Scenario::fromJson(
            quotedJson("{'definition':'x.asl.json','workload':{'schedule':'rate(1 hour)'},"
                       "'services':{'etl':{'kind':'glue','workers':2,'startupSeconds':5}},"
                       "'states':{'Spark':{'service':'etl','duration':10}}}"),
            "s.json");
        const PriceBook noMinimum = bookWith("{'prices':{'glue.etl.dpuHours':{'minimum':{}}}}");
        struct Bill {
            double runs, ended, dpuSeconds, usd;
            std::string formula;
        };
        const auto bill = [&](const PriceBook& book) {
            RunPlan plan;
            plan.horizon = SimTime::fromSeconds(23.5 * 3600);
            plan.prices = &book;
            Replications runs(program, scenario, plan);
            runs.run(nullptr);
            const auto& etl = runs.merged().service(0);
            const MonthlyUsage usage =
                monthlyUsage(runs.merged(), runs.serviceNames(), program, scenario, book);
            const CostReport cost = priceUsage(usage.lines, book);
            return Bill{static_cast<double>(
                            etl.signalCounts[static_cast<std::size_t>(ServiceSignal::Request)]),
                        static_cast<double>(runs.merged().executions().ended),
                        etl.usageOf(UsageKind::DpuSeconds), cost.monthlyUsd,
                        find(usage, "glue.etl.dpuHours")->quantityFormula};
        };
        const Bill builtIn = bill(PriceBook::defaults());
        const Bill user = bill(noMinimum);
        QCOMPARE(builtIn.runs, 24.0);
        QCOMPARE(builtIn.ended, 24.0);     // every run requested has ended
        QCOMPARE(user.runs, builtIn.runs); // the same seed, the same runs
        QCOMPARE(builtIn.dpuSeconds, builtIn.runs * 2 * 60);
        QCOMPARE(user.dpuSeconds, user.runs * 2 * 15);
        // $0.44 per DPU-hour, no free tier, for the runs of 23.5 h scaled to the 730-hour month.
        const double month = 730.0 / 23.5;
        QCOMPARE(builtIn.usd, 24 * month * 2 * 60 / 3600 * 0.44);
        QCOMPARE(user.usd, 24 * month * 2 * 15 / 3600 * 0.44);
        QVERIFY2(
            builtIn.formula.ends_with("× 2 DPU, each rounded up to 1 s, billed at least 1 min"),
            builtIn.formula.c_str());
        QVERIFY2(user.formula.ends_with("× 2 DPU, each rounded up to 1 s"), user.formula.c_str());
    }

    // AWS's Lambda example 1: 512 MB, 3 million invocations of 1 s a month, free tier, $18.74 at
    // AWS's rounded $0.00001667 per GB-s. 1,000 invocations of exactly 1 s through the pool
    // (rounded to 1 ms: unchanged) bill 500 GB-s; scaled by 3,000 they price to the cent.
    void lambdaExampleThroughThePool() {
        Kernel kernel(3);
        Probe probe;
        RecordingObserver observer;
        probe.subscribe(observer);
        RecordingListener listener(kernel);
        ConcurrencyAccount account;
        FunctionPool::Config config;
        config.memoryMb = 512;
        FunctionPool pool(kernel, probe, "fn", config, account);
        Submitter submitter(kernel, pool);
        for (int i = 0; i < 1000; ++i)
            submitter.at(2.0 * i, makeJob(listener, i + 1, 1, 1.0));
        kernel.run(SimTime::fromSeconds(3000));
        QCOMPARE(observer.sum(UsageKind::Requests), 1000.0);
        QCOMPARE(observer.sum(UsageKind::GbSecondsBilled), 500.0);
        const PriceBook aws =
            bookWith("{'prices':{'lambda.duration.x86':{'tiers':[{'from':0,'price':0.00001667}],"
                     "'source':'AWS Lambda pricing, example 1'}}}");
        const CostReport cost = priceUsage(
            {{"lambda.requests", "fn", observer.sum(UsageKind::Requests) * 3000, ""},
             {"lambda.duration.x86", "fn", observer.sum(UsageKind::GbSecondsBilled) * 3000, ""}},
            aws);
        QCOMPARE(centsOf(cost.monthlyUsd), std::int64_t(1874));
    }
};

QTEST_APPLESS_MAIN(TestBillingRules)
#include "TestBillingRules.moc"
