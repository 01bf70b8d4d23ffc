#include "simulator/cost/ComparisonRun.h"

#include "model/pricing/PriceFormat.h"
#include "model/scenario/ScenarioError.h"
#include "simulator/cost/BreakEven.h"
#include "simulator/cost/CostEngine.h"
#include "simulator/cost/StorageSpec.h"
#include "simulator/cost/SweepRun.h"

#include <memory>
#include <set>

namespace flowcast::cost {

model::ScenarioError inDeployment(const model::Scenario& scenario, const model::Deployment& d,
                                  const model::ScenarioError& e) {
    std::string pointer = e.pointer();
    if (!d.pointer.empty() && !pointer.empty()) {
        try {
            if (scenario.document.contains(model::Json::json_pointer(d.pointer + pointer)))
                pointer = d.pointer + pointer;
        } catch (const std::exception&) {
        }
    }
    return model::ScenarioError(pointer, std::string(e.what()) + " (deployment '" + d.name + "')");
}

ComparisonRun::ComparisonRun(const sim::Program& program, const model::Scenario& scenario,
                             const model::PriceBook& book, ComparisonOptions options)
    : m_program(program), m_scenario(scenario), m_book(book), m_options(std::move(options)),
      m_deployments(model::deploymentsOf(scenario)) {
    // Costs are scaled from the simulated time to a month: a run cut short by an execution count
    // ends with its last execution, which is not a whole period of the workload.
    if (m_options.counts.executions)
        throw model::ScenarioError("", "a comparison is priced per month: give a horizon, not "
                                       "an execution count");
    if (scenario.executions && scenario.horizon.is_null() && !m_options.counts.horizon)
        throw model::ScenarioError("/executions",
                                   "compare scales costs from the simulated time to a month: "
                                   "give the scenario a \"horizon\" (or --horizon)");
    for (const model::Deployment& d : m_deployments) {
        try {
            (void)storageOf(d.scenario);
            (void)sim::makePlan(d.scenario, m_options.counts);
        } catch (const model::ScenarioError& e) {
            throw inDeployment(scenario, d, e);
        }
    }
    m_stepsTotal = m_deployments.size();
    if (m_options.sweep) {
        const bool pilots = m_options.sweep->placement == SweepPlacement::Adaptive;
        m_stepsTotal += m_deployments.size() *
                        static_cast<std::size_t>(m_options.sweep->points + (pilots ? 2 : 0));
    }
    if (m_options.tornadoPercent) m_stepsTotal += kTornadoSimulatedMoves * m_deployments.size();
}

bool ComparisonRun::simulate(sim::Replications& runs, const std::string& step,
                             const std::atomic<bool>* stop) {
    const double total = static_cast<double>(m_stepsTotal);
    const auto report = [&](double fraction) {
        if (m_onProgress)
            m_onProgress({step, fraction, (static_cast<double>(m_stepsDone) + fraction) / total});
    };
    report(0);
    const bool completed = runs.run(stop, m_onProgress ? std::function<void(double)>(report)
                                                       : std::function<void(double)>());
    if (completed) report(1);
    ++m_stepsDone;
    return completed;
}

std::optional<Comparison>
ComparisonRun::run(const std::atomic<bool>* stop,
                   const std::function<void(const ComparisonProgress&)>& onProgress) {
    m_onProgress = onProgress;
    m_stepsDone = 0;
    Comparison comparison;
    comparison.scenario = m_scenario.name;
    comparison.priceBookRegion = m_book.region();
    comparison.priceBookAsOf = m_book.asOf();
    for (const model::Deployment& d : m_deployments) {
        sim::RunPlan plan = sim::makePlan(d.scenario, m_options.counts);
        plan.prices = &m_book; // the services bill per run by the rules of the book that prices
        comparison.seed = plan.seed;
        std::unique_ptr<sim::Replications> runs;
        try {
            runs = std::make_unique<sim::Replications>(m_program, d.scenario, plan);
        } catch (const model::ScenarioError& e) {
            throw inDeployment(m_scenario, d, e);
        }
        if (!simulate(*runs, "deployment '" + d.name + "'", stop)) return std::nullopt;
        comparison.deployments.push_back(evaluate(d.name, d.description, *runs, m_program,
                                                  d.scenario, m_book, d.scenario.slaSeconds));
        comparison.deployments.back().theory = checkTheory(
            d.scenario, m_program, runs->merged(), runs->serviceNames(), runs->seriesNames());
    }
    comparison.recommendation = recommend(comparison.deployments);
    if (m_options.sweep && !runSweep(comparison, stop)) return std::nullopt;
    if (m_options.tornadoPercent) {
        comparison.tornado = runTornado(comparison, stop);
        if (!comparison.tornado) return std::nullopt;
    }
    return comparison;
}

// Every deployment at every rate of the grid. A point simulates the scenario's horizon,
// shortened so that it starts about 20,000 executions (at least a day), with one replication
// unless asked for more.
bool ComparisonRun::runSweep(Comparison& comparison, const std::atomic<bool>* stop) {
    comparison.sweepRecords = sweepsRecords(m_deployments.front().scenario);
    const std::optional<std::vector<double>> grid = sweepGrid(comparison, stop);
    if (!grid) return false;
    for (const double perDay : *grid) {
        SweepPoint point;
        point.perDay = perDay;
        for (const model::Deployment& d : m_deployments) {
            const model::Scenario swept = atDailyRate(d.scenario, perDay);
            const double executionsPerDay =
                comparison.sweepRecords ? perDay / 100 : perDay; // a batch carries many records
            sim::RunPlan plan = sim::workloadPointPlan(swept, executionsPerDay, m_options.counts);
            plan.prices = &m_book;
            sim::Replications runs(m_program, swept, plan);
            if (!simulate(runs,
                          "sweep: " + d.name + " at " + model::formatQuantity(perDay) + " a day",
                          stop))
                return false;
            const auto result = evaluate(d.name, d.description, runs, m_program, swept, m_book);
            point.monthlyUsd.push_back(result.cost.monthlyUsd);
            point.failureRate.push_back(result.failureRate());
        }
        comparison.sweep.push_back(std::move(point));
    }
    comparison.crossings = crossings(comparison.sweep);
    return true;
}

// The sweep's rates: the even log grid, or the points placed by the pilots' cost model, each
// deployment first simulated briefly at both ends as `flowcast-cli sweep --placement adaptive`
// does (SweepRun.h, pilotCostCurves). nullopt when cancelled.
std::optional<std::vector<double>> ComparisonRun::sweepGrid(Comparison& comparison,
                                                            const std::atomic<bool>* stop) {
    const SweepRange& range = *m_options.sweep;
    comparison.sweepPlacement = range.placement;
    if (range.placement == SweepPlacement::Even) return logGrid(range.from, range.to, range.points);
    std::vector<SweepTarget> targets;
    for (const model::Deployment& d : m_deployments)
        targets.push_back({&d, {}});
    SweepPointContext context;
    context.axis = comparison.sweepRecords ? SweepAxis::RecordsPerDay : SweepAxis::RunsPerDay;
    context.program = &m_program;
    context.book = &m_book;
    context.counts = m_options.counts;
    context.stop = stop;
    // A pilot reports no progress of its own: each counts as one step when the next begins.
    bool piloting = false;
    const double total = static_cast<double>(m_stepsTotal);
    context.onPoint = [&](const std::string& pilot, double perDay) {
        if (piloting) ++m_stepsDone;
        piloting = true;
        if (m_onProgress)
            m_onProgress({"sweep: placing the points, " + pilot + " at " +
                              model::formatQuantity(perDay) + " a day",
                          0, static_cast<double>(m_stepsDone) / total});
    };
    const std::optional<CostCurves> curves =
        pilotCostCurves(targets, range.from, range.to, context); // names the deployment
    if (piloting) ++m_stepsDone;
    if (!curves) return std::nullopt;
    PlacedGrid placed = placeSweepPoints(range.from, range.to, range.points, *curves);
    comparison.predictedCrossings = std::move(placed.predicted);
    return std::move(placed.grid);
}

// Each input moved down and up; the baseline and price moves re-price the usage already
// simulated, the other moves simulate every deployment again under the same seed.
std::optional<Tornado> ComparisonRun::runTornado(const Comparison& comparison,
                                                 const std::atomic<bool>* stop) {
    std::vector<std::string> names;
    std::set<std::string> ids;
    for (const DeploymentResult& r : comparison.deployments) {
        names.push_back(r.name);
        for (const CostLine& line : r.cost.lines)
            if (line.quote.amountUsd > 0) ids.insert(line.priceId);
    }
    bool cancelled = false;
    std::size_t moves = 0; // simulated so far, of kTornadoSimulatedMoves × deployments
    const std::size_t totalMoves = kTornadoSimulatedMoves * m_deployments.size();
    const DeploymentCosts costs = [&](const std::function<void(model::Json&)>& transform,
                                      const model::PriceBook& prices) {
        std::vector<double> out;
        for (std::size_t i = 0; i < m_deployments.size(); ++i) {
            const DeploymentResult& r = comparison.deployments[i];
            if (!transform || cancelled) {
                out.push_back(priceUsage(r.usage.lines, prices).monthlyUsd);
                continue;
            }
            model::Json document = m_deployments[i].scenario.document;
            transform(document);
            model::Scenario moved =
                model::Scenario::fromJson(std::move(document), m_deployments[i].scenario.file);
            moved.definition = m_deployments[i].scenario.definition;
            sim::RunPlan plan = sim::makePlan(moved, m_options.counts);
            plan.prices = &prices;
            sim::Replications runs(m_program, moved, plan);
            ++moves;
            cancelled = !simulate(runs,
                                  "sensitivity: " + r.name + ", " + std::to_string(moves) + " of " +
                                      std::to_string(totalMoves),
                                  stop);
            // A cancelled run may have simulated nothing to price: the tornado is dropped.
            out.push_back(
                cancelled ? r.cost.monthlyUsd
                          : evaluate(r.name, "", runs, m_program, moved, prices).cost.monthlyUsd);
        }
        return out;
    };
    Tornado t = tornado(names, m_book, std::vector<std::string>(ids.begin(), ids.end()),
                        *m_options.tornadoPercent, costs);
    if (cancelled) return std::nullopt;
    return t;
}

} // namespace flowcast::cost
