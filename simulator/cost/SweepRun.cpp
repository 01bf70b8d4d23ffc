#include "simulator/cost/SweepRun.h"

#include "model/pricing/PriceFormat.h"
#include "model/scenario/ScenarioError.h"
#include "simulator/cost/BreakEven.h"
#include "simulator/cost/Comparison.h"
#include "simulator/cost/StorageSpec.h"
#include "simulator/run/Replications.h"

#include <cmath>
#include <sstream>

namespace flowcast::cost {

namespace {

bool parseFinite(const std::string& text, double& value) {
    std::istringstream in(text);
    return static_cast<bool>(in >> value) && in.peek() == EOF && std::isfinite(value);
}

} // namespace

std::optional<std::vector<double>> parseSweepPoints(std::string text, SweepAxis axis,
                                                    std::string& error) {
    const bool sizing = isSizing(axis);
    if (text.empty() && axis == SweepAxis::LambdaMemory)
        text = "128,256,512,1024,1536,3008"; // power-tuning's default powerValues
    const auto fail = [&](const std::string& why) {
        error = why + (text.empty() ? "" : ", got '" + text + "'");
        return std::nullopt;
    };
    if (text.empty()) return fail("is required for " + sweepAxisName(axis));
    std::vector<double> grid;
    if (text.find(':') != std::string::npos) {
        std::vector<std::string> fields;
        std::istringstream in(text);
        for (std::string f; std::getline(in, f, ':');)
            fields.push_back(f);
        double from = 0, to = 0, n = 7;
        if (fields.size() < 2 || fields.size() > 3 || !parseFinite(fields[0], from) ||
            !parseFinite(fields[1], to) || (fields.size() == 3 && !parseFinite(fields[2], n)) ||
            !(from > 0) || !(to > from) || n != std::floor(n) || n < 2 || n > 1000)
            return fail("needs FROM:TO[:N] with 0 < FROM < TO and 2 to 1000 points");
        grid = logGrid(from, to, static_cast<int>(n));
        if (sizing)
            for (double& v : grid)
                v = std::round(v);
    } else {
        std::istringstream in(text);
        for (std::string f; std::getline(in, f, ',');) {
            double v = 0;
            if (!parseFinite(f, v) || !(v > 0)) return fail("needs positive numbers");
            grid.push_back(v);
        }
        if (grid.size() < 2 || grid.size() > 1000) return fail("needs 2 to 1000 points");
    }
    for (std::size_t i = 0; i < grid.size(); ++i) {
        if (i > 0 && !(grid[i] > grid[i - 1]))
            return fail("must increase (sizes rounded to whole " + sweepUnit(axis) + ")");
        if (sizing && grid[i] != std::floor(grid[i])) return fail("needs whole " + sweepUnit(axis));
        if (sizing && (grid[i] < sizeLimits(axis).first || grid[i] > sizeLimits(axis).second))
            return fail("must stay within " + model::formatQuantity(sizeLimits(axis).first) +
                        " to " + model::formatQuantity(sizeLimits(axis).second) + " " +
                        sweepUnit(axis));
    }
    return grid;
}

std::vector<SweepTarget> sweepTargets(const std::vector<model::Deployment>& deployments,
                                      const std::string& onlyDeployment, const std::string& service,
                                      SweepSpec& spec) {
    std::vector<SweepTarget> out;
    for (const model::Deployment& d : deployments) {
        if (!onlyDeployment.empty() && d.name != onlyDeployment) continue;
        SweepTarget t{&d, {}};
        SweepSpec::Swept swept{d.name, {}, {}};
        if (isSizing(spec.axis)) {
            std::string why;
            const auto resized = sizingTarget(d.scenario, spec.axis, service, why);
            if (!resized) {
                spec.excluded.emplace_back(d.name, why);
                continue;
            }
            t.service = swept.service = *resized;
            swept.configured = configuredSize(d.scenario, spec.axis, *resized);
            (void)sizingModelOf(d.scenario, spec.axis, *resized); // its mistakes first
        }
        spec.deployments.push_back(std::move(swept));
        out.push_back(std::move(t));
    }
    return out;
}

double executionsPerDay(const model::Scenario& scenario, SweepAxis axis, double value) {
    const bool stream = sweepsRecords(scenario);
    if (axis == SweepAxis::RunsPerDay) {
        if (stream)
            throw model::ScenarioError("/workload/stream",
                                       "a stream workload is swept in records a day: use --over "
                                       "records-per-day");
        return value;
    }
    if (stream) return value; // atDailyRate takes the record rate of a stream
    const model::Json& workload = scenario.section("workload");
    const auto per = workload.find("recordsPerExecution");
    if (per == workload.end() || !per->is_number() || !(per->get<double>() > 0))
        throw model::ScenarioError("/workload", "records-per-day needs a stream workload or a "
                                                "positive \"recordsPerExecution\"");
    return value / per->get<double>();
}

SweepPointSetup sweepPointSetup(const SweepTarget& target, double value,
                                const SweepPointContext& c) {
    const model::Scenario& base = target.deployment->scenario;
    SweepPointSetup s{base, {}, 0};
    const bool sizing = isSizing(c.axis);
    if (sizing) s.scenario = sized(base, c.axis, target.service, value);
    if (sizing && !c.rate) {
        s.plan = sim::makePlan(s.scenario, c.counts);
    } else {
        const double perDay = c.rate ? *c.rate : executionsPerDay(base, c.axis, value);
        s.scenario = atDailyRate(s.scenario, perDay);
        const bool stream = sweepsRecords(base); // a batch carries many records
        s.executionsPerDay = stream ? perDay / 100 : perDay;
        s.plan = sim::workloadPointPlan(s.scenario, s.executionsPerDay, c.counts);
    }
    (void)storageOf(s.scenario);
    s.plan.prices = c.book; // billed per run by the rules of the book that prices the point
    return s;
}

std::optional<SweepFigures> evaluateSweepPoint(const SweepTarget& target, double value,
                                               const SweepPointContext& c) {
    const SweepPointSetup setup = sweepPointSetup(target, value, c);
    const model::Scenario& scenario = setup.scenario;
    const sim::RunPlan& plan = setup.plan;
    sim::Replications runs(*c.program, scenario, plan);
    if (c.onPoint) c.onPoint(target.deployment->name, value);
    if (!runs.run(c.stop, c.onPointProgress)) return std::nullopt;
    const DeploymentResult r =
        evaluate(target.deployment->name, "", runs, *c.program, scenario, *c.book);
    SweepFigures f;
    f.monthlyUsd = r.cost.monthlyUsd;
    f.monthlyUsdP5 = r.p5MonthlyUsd;
    f.monthlyUsdP95 = r.p95MonthlyUsd;
    f.perExecutionUsd = r.cost.perExecutionUsd();
    f.latencyMeanSeconds = runs.merged().executions().latency.mean() / 1e6;
    f.latencyP50Seconds = r.latencyP50Seconds;
    f.latencyP95Seconds = r.latencyP95Seconds;
    f.latencyP99Seconds = r.latencyP99Seconds;
    f.failureRate = r.failureRate();
    f.started = r.started;
    f.ended = r.ended;
    return f;
}

bool computeSweepRows(const std::vector<SweepTarget>& targets, const std::optional<Shard>& shard,
                      const SweepPointContext& context, SweepResult& result) {
    for (std::size_t k = 0; k < result.spec.grid.size(); ++k) {
        if (shard && !shard->owns(k)) continue;
        SweepRow row{k, result.spec.grid[k], {}};
        for (const SweepTarget& t : targets) {
            std::optional<SweepFigures> f;
            try {
                f = evaluateSweepPoint(t, row.value, context);
            } catch (const model::ScenarioError& e) {
                throw model::ScenarioError(e.pointer(), std::string(e.what()) + " (deployment '" +
                                                            t.deployment->name + "')");
            }
            if (!f) return false;
            row.deployments.push_back(*f);
        }
        result.rows.push_back(std::move(row));
    }
    return true;
}

} // namespace flowcast::cost
