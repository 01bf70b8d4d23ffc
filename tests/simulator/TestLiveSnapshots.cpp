// Live figures while a simulation runs (what the app plots during a run): each replication copies
// its metrics at the end of a slice when asked; the copies merge in replication order; asking
// for them changes nothing in the results (same seed, same bytes); once the run is over they are
// the final figures.
#include "model/asl/DefinitionFile.h"
#include "model/scenario/Scenario.h"
#include "simulator/exec/Program.h"
#include "simulator/run/Replications.h"

#include <QtTest>

using namespace flowcast;

namespace {

model::Json definitionOf(const model::Scenario& scenario) {
    const model::FileReport report = model::DefinitionFile::check(scenario.definition.string());
    model::Diagnostics ignored;
    return model::DefinitionFile::find(*report.json, ignored).front().json();
}

} // namespace

class TestLiveSnapshots : public QObject {
    Q_OBJECT

private slots:
    void snapshotsFollowTheRunAndChangeNothing() {
        const model::Scenario scenario = model::Scenario::read(
            FLOWCAST_SOURCE_DIR
            "/samples/streaming-micro-batch/streaming-micro-batch.scenario.json");
        const model::Json definition = definitionOf(scenario); // the Program points into it
        const sim::Program program(definition);
        sim::RunPlan plan;
        plan.seed = 7;
        plan.replications = 2;
        plan.threads = 2;
        plan.horizon = sim::SimTime::fromSeconds(10);

        sim::Replications live(program, scenario, plan);
        QVERIFY(live.snapshot() == nullptr); // nothing copied before the run
        std::vector<std::uint64_t> started;
        QVERIFY(live.run(nullptr, [&](double) {
            if (const auto partial = live.snapshot())
                started.push_back(partial->executions().started);
        }));
        sim::Replications quiet(program, scenario, plan);
        QVERIFY(quiet.run(nullptr));
        QCOMPARE(live.results(false).dump(), quiet.results(false).dump());

        QVERIFY2(!started.empty(), "no live figures arrived while the run went");
        const std::uint64_t total = live.merged().executions().started;
        QVERIFY(total > 0);
        for (std::size_t i = 0; i < started.size(); ++i) {
            QVERIFY(started[i] <= total);
            if (i > 0) QVERIFY(started[i] >= started[i - 1]);
        }
        // After the run, the copies are the final figures.
        const auto final = live.snapshot();
        QVERIFY(final != nullptr);
        QCOMPARE(final->toJson(live.serviceNames(), live.seriesNames()).dump(),
                 live.merged().toJson(live.serviceNames(), live.seriesNames()).dump());
    }
};

QTEST_APPLESS_MAIN(TestLiveSnapshots)
#include "TestLiveSnapshots.moc"
