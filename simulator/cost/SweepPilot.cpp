// The cheap model behind adaptive placement (SweepRun.h, pilotCostCurves): two short pilot runs
// per deployment, their usage fitted as a line in the rate, priced by the cost engine.
#include "model/scenario/ScenarioError.h"
#include "simulator/cost/Comparison.h"
#include "simulator/cost/CostEngine.h"
#include "simulator/cost/SweepRun.h"
#include "simulator/cost/TheoryCheck.h"
#include "simulator/run/Replications.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>

namespace flowcast::cost {

namespace {

// A pilot needs the mean usage per execution, not a tight confidence interval: a tenth of a
// sweep point's executions is plenty.
constexpr double kPilotExecutions = 2'000;
constexpr double kMaxFailureRate = 0.01; // the break-even rule's

using LineKey = std::pair<std::string, std::string>; // price id, consumer

struct Pilot {
    std::map<LineKey, double> quantities; ///< monthly, per usage line
    double failureRate = 0;
    /// The swept value where a queueing service's offered load reaches its servers.
    std::optional<double> saturation;
};

// Erlang C's stability limit, scaled from the pilot's rate: the service's calls grow in
// proportion to the swept value, so λ(value) = λ(pilot) × value / pilot value.
std::optional<double> saturationOf(const TheoryCheck& theory, double value) {
    std::optional<double> lowest;
    for (const ServiceTheory& t : theory.services) {
        const bool queues = t.model.starts_with("Erlang C") ||
                            t.reason.starts_with("no steady state"); // already past it
        if (!queues || !t.servers || !(t.arrivalsPerSecond > 0) || !(t.meanServiceSeconds > 0))
            continue;
        const double at = value * *t.servers / (t.arrivalsPerSecond * t.meanServiceSeconds);
        if (!lowest || at < *lowest) lowest = at;
    }
    return lowest;
}

std::optional<Pilot> runPilot(const SweepTarget& target, double value, const SweepPointContext& c) {
    SweepPointSetup s = sweepPointSetup(target, value, c);
    const double days = std::max(1.0, kPilotExecutions / s.executionsPerDay);
    if (!s.plan.horizon || s.plan.horizon->seconds() > days * 86'400)
        s.plan.horizon = sim::SimTime::fromSeconds(days * 86'400);
    s.plan.replications = 1;
    sim::Replications runs(*c.program, s.scenario, s.plan);
    if (c.onPoint) c.onPoint(target.deployment->name + " (pilot)", value);
    if (!runs.run(c.stop)) return std::nullopt;
    const DeploymentResult r =
        evaluate(target.deployment->name, "", runs, *c.program, s.scenario, *c.book);
    Pilot pilot;
    for (const UsageLine& line : r.usage.lines)
        pilot.quantities[{line.priceId, line.consumer}] += line.monthlyQuantity;
    pilot.failureRate = r.failureRate();
    pilot.saturation = saturationOf(
        checkTheory(s.scenario, *c.program, runs.merged(), runs.serviceNames(), runs.seriesNames()),
        value);
    return pilot;
}

// One deployment's expected usage at any rate: each line through the two pilots.
struct Fitted {
    struct Line {
        LineKey key;
        double fixed = 0, slope = 0;
    };
    std::vector<Line> lines;
    double validTo = std::numeric_limits<double>::infinity(); ///< keeps up up to this rate
};

Fitted fit(const Pilot& low, double from, const Pilot& high, double to) {
    Fitted f;
    std::map<LineKey, std::pair<double, double>> both;
    for (const auto& [key, q] : low.quantities)
        both[key].first = q;
    for (const auto& [key, q] : high.quantities)
        both[key].second = q;
    for (const auto& [key, q] : both) {
        // A line through (from, q0) and (to, q1), kept to non-negative parts: a line that
        // shrinks as the rate grows (cold starts giving way to warm calls) keeps its high end.
        const double slope = std::max(0.0, (q.second - q.first) / (to - from));
        f.lines.push_back({key, std::max(0.0, q.second - slope * to), slope});
    }
    const bool lowFails = low.failureRate > kMaxFailureRate;
    const bool highFails = high.failureRate > kMaxFailureRate;
    if (lowFails && highFails) f.validTo = 0; // keeps up nowhere
    const auto saturation = high.saturation ? high.saturation : low.saturation;
    if (saturation) f.validTo = std::min(f.validTo, *saturation);
    return f;
}

} // namespace

std::optional<CostCurves> pilotCostCurves(const std::vector<SweepTarget>& targets, double from,
                                          double to, const SweepPointContext& context) {
    auto fitted = std::make_shared<std::vector<Fitted>>();
    for (const SweepTarget& t : targets) {
        std::optional<Pilot> low, high;
        try {
            low = runPilot(t, from, context);
            if (low) high = runPilot(t, to, context);
        } catch (const model::ScenarioError& e) {
            throw model::ScenarioError(e.pointer(), std::string(e.what()) + " (deployment '" +
                                                        t.deployment->name + "')");
        }
        if (!low || !high) return std::nullopt;
        fitted->push_back(fit(*low, from, *high, to));
    }
    const model::PriceBook* book = context.book;
    return CostCurves([fitted, book](double rate) {
        std::vector<double> usd;
        for (const Fitted& f : *fitted) {
            if (rate > f.validTo) {
                usd.push_back(std::numeric_limits<double>::quiet_NaN());
                continue;
            }
            std::vector<UsageLine> lines;
            for (const Fitted::Line& l : f.lines)
                lines.push_back({l.key.first, l.key.second, l.fixed + l.slope * rate, {}});
            usd.push_back(priceUsage(lines, *book).monthlyUsd);
        }
        return usd;
    });
}

} // namespace flowcast::cost
