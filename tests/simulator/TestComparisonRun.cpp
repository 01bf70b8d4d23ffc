// ComparisonRun's progress: every simulation it makes is a step (each deployment, each sweep
// point, each tornado move), the overall fraction only grows and ends at 1, the tornado reports
// its moves one by one; a stop cancels it mid-way.
#include "model/asl/DefinitionFile.h"
#include "model/pricing/PriceBook.h"
#include "model/scenario/Deployment.h"
#include "simulator/cost/ComparisonRun.h"
#include "simulator/exec/Program.h"

#include <QtTest>

#include <atomic>
#include <set>

using namespace flowcast;

class TestComparisonRun : public QObject {
    Q_OBJECT

    model::Scenario m_scenario;
    model::Json m_definition;
    std::unique_ptr<sim::Program> m_program;
    std::unique_ptr<model::PriceBook> m_book;

    cost::ComparisonOptions options() const {
        cost::ComparisonOptions o;
        o.counts.horizon = sim::SimTime::fromSeconds(86400);
        o.counts.replications = 1;
        o.counts.threads = 1;
        o.sweep = cost::SweepRange{1, 100, 3};
        o.tornadoPercent = 20;
        return o;
    }

private slots:
    void initTestCase() {
        m_scenario = model::Scenario::read(FLOWCAST_SOURCE_DIR
                                           "/samples/data-lake-etl/data-lake-etl.scenario.json");
        const model::FileReport report = model::DefinitionFile::check(m_scenario.definition);
        QVERIFY(report.valid());
        model::Diagnostics ignored;
        m_definition = model::DefinitionFile::find(*report.json, ignored).at(0).json();
        m_program = std::make_unique<sim::Program>(m_definition);
        m_book = std::make_unique<model::PriceBook>(model::PriceBook::load(std::nullopt));
    }

    // Four deployments: 4 simulations, 4 × 3 sweep points, 4 × 8 tornado moves = 48 steps.
    void everySimulationIsAStep() {
        cost::ComparisonRun run(*m_program, m_scenario, *m_book, options());
        QCOMPARE(run.deployments().size(), std::size_t(4));
        std::vector<cost::ComparisonProgress> seen;
        const auto comparison =
            run.run(nullptr, [&](const cost::ComparisonProgress& p) { seen.push_back(p); });
        QVERIFY(comparison && comparison->tornado);
        QVERIFY(!seen.empty());
        double last = 0;
        std::set<std::string> steps;
        for (const auto& p : seen) {
            QVERIFY2(p.overallFraction >= last - 1e-12, p.step.c_str());
            last = p.overallFraction;
            steps.insert(p.step);
        }
        QCOMPARE(seen.back().overallFraction, 1.0);
        QCOMPARE(steps.size(), std::size_t(48));
        for (const auto& d : run.deployments())
            QVERIFY2(steps.contains("deployment '" + d.name + "'"), d.name.c_str());
        QVERIFY(steps.contains("sensitivity: " + run.deployments()[0].name + ", 1 of 32"));
        QVERIFY(steps.contains("sensitivity: " + run.deployments()[3].name + ", 32 of 32"));
    }

    // A stop raised while the tornado runs ends the comparison without a result.
    void stopsInTheTornado() {
        cost::ComparisonRun run(*m_program, m_scenario, *m_book, options());
        std::atomic<bool> stop{false};
        bool reachedTornado = false;
        const auto comparison = run.run(&stop, [&](const cost::ComparisonProgress& p) {
            if (p.step.starts_with("sensitivity: ") && p.step.ends_with(", 3 of 32")) {
                reachedTornado = true;
                stop = true;
            }
        });
        QVERIFY(reachedTornado);
        QVERIFY(!comparison);
    }
};

QTEST_APPLESS_MAIN(TestComparisonRun)
#include "TestComparisonRun.moc"
