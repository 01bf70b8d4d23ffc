// The cheap model behind adaptive placement (SweepRun.h, pilotCostCurves): two short pilot runs
// per deployment, their usage fitted in the rate (a line, or for a Lambda function's billed
// duration the warm-pool chain's cold-start share), priced by the cost engine.
#include "model/scenario/ScenarioError.h"
#include "simulator/analytic/WarmPoolModel.h"
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
#include <stdexcept>

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
    /// Lambda functions whose warm-pool chain applies (TheoryCheck), by name: the chain at
    /// the pilot's rate.
    std::map<std::string, analytic::WarmPoolParams> pools;
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
    const TheoryCheck theory =
        checkTheory(s.scenario, *c.program, runs.merged(), runs.serviceNames(), runs.seriesNames());
    pilot.saturation = saturationOf(theory, value);
    for (const ServiceTheory& t : theory.services)
        if (t.warmPool) pilot.pools[t.service] = *t.warmPool;
    return pilot;
}

// A Lambda function's billed duration at `rate`: calls grow with the rate, and each is billed
// its work plus, when it starts cold, its INIT (billed since 2025-08), so the quantity is
// perUnit × rate × (1 + coldRatio × P(cold start at rate)), P from the warm-pool chain
// (Mahmoudi & Khazaei) with the arrivals scaled from the pilot's. The share falls from about 1
// at a few calls a keep-alive to almost 0 where the pool stays warm: the bend of the curve.
struct WarmPoolTerm {
    analytic::WarmPoolParams chain; ///< arrivalsPerSecond: per unit of the swept rate
    double coldRatio = 0;           ///< INIT / work, the extra billed by a cold start
    double perUnit = 0;             ///< billed usage per unit of rate of a warm call

    double coldShare(double rate) const {
        analytic::WarmPoolParams at = chain;
        at.arrivalsPerSecond = chain.arrivalsPerSecond * rate;
        return analytic::WarmPoolModel::solve(at).coldStartProbability;
    }
    double quantity(double rate) const {
        return perUnit * rate * (1 + coldRatio * coldShare(rate));
    }
};

// The term for a function's duration line, when its chain applies in a pilot and the price
// bills INIT; scaled (a ratio estimate) so that the two pilots' usage is matched in total.
std::optional<WarmPoolTerm> warmPoolTerm(const LineKey& key, std::pair<double, double> q,
                                         const Pilot& low, double from, const Pilot& high,
                                         double to, const model::PriceBook& book) {
    if (!key.first.starts_with("lambda.duration") || !book.at(key.first).initBilled)
        return std::nullopt;
    const auto inHigh = high.pools.find(key.second);
    const auto inLow = low.pools.find(key.second);
    const bool atHigh = inHigh != high.pools.end();
    if (!atHigh && inLow == low.pools.end()) return std::nullopt;
    WarmPoolTerm t;
    t.chain = atHigh ? inHigh->second : inLow->second; // the high pilot counted more calls
    t.chain.arrivalsPerSecond /= atHigh ? to : from;
    t.coldRatio =
        (t.chain.coldServiceSeconds - t.chain.warmServiceSeconds) / t.chain.warmServiceSeconds;
    try {
        const double units =
            from * (1 + t.coldRatio * t.coldShare(from)) + to * (1 + t.coldRatio * t.coldShare(to));
        t.perUnit = (q.first + q.second) / units;
    } catch (const std::invalid_argument&) {
        return std::nullopt; // a chain that cannot be solved over the range: a line instead
    }
    return t;
}

// One deployment's expected usage at any rate: each line through the two pilots.
struct Fitted {
    struct Line {
        LineKey key;
        double fixed = 0, slope = 0;
        std::optional<WarmPoolTerm> pool; ///< instead of the line

        double quantity(double rate) const {
            if (pool) {
                try {
                    return pool->quantity(rate);
                } catch (const std::invalid_argument&) {
                }
            }
            return fixed + slope * rate;
        }
    };
    std::vector<Line> lines;
    double validTo = std::numeric_limits<double>::infinity(); ///< keeps up up to this rate
};

Fitted fit(const Pilot& low, double from, const Pilot& high, double to,
           const model::PriceBook& book) {
    Fitted f;
    std::map<LineKey, std::pair<double, double>> both;
    for (const auto& [key, q] : low.quantities)
        both[key].first = q;
    for (const auto& [key, q] : high.quantities)
        both[key].second = q;
    for (const auto& [key, q] : both) {
        // A line through (from, q0) and (to, q1), kept to non-negative parts: a line that
        // shrinks as the rate grows keeps its high end. A Lambda function's cold starts give
        // way to warm calls along the warm-pool chain's curve instead.
        const double slope = std::max(0.0, (q.second - q.first) / (to - from));
        f.lines.push_back({key, std::max(0.0, q.second - slope * to), slope,
                           warmPoolTerm(key, q, low, from, high, to, book)});
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
        fitted->push_back(fit(*low, from, *high, to, *context.book));
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
                lines.push_back({l.key.first, l.key.second, l.quantity(rate), {}});
            usd.push_back(priceUsage(lines, *book).monthlyUsd);
        }
        return usd;
    });
}

} // namespace flowcast::cost
