#include "simulator/cost/StateCost.h"

#include <vector>

namespace flowcast::cost {

namespace {

constexpr std::string_view kStatePrefix = "state ";
constexpr std::string_view kStateMachine = "state machine";

/// One weight per state of the Metrics: what a line's amount is split by.
using Weights = std::vector<double>;

Weights attempts(const sim::Metrics& metrics) {
    Weights w;
    for (std::size_t i = 0; i < metrics.stateNames().size(); ++i) {
        const auto& s = metrics.state(i);
        w.push_back(static_cast<double>(s.visits() + s.retries));
    }
    return w;
}

Weights timeSpent(const sim::Metrics& metrics) {
    Weights w;
    for (std::size_t i = 0; i < metrics.stateNames().size(); ++i)
        w.push_back(metrics.state(i).latency.sum());
    return w;
}

/// Keeps the weights of the states `keep` says, zeroing the others.
template <typename Keep> Weights only(Weights w, const sim::Metrics& metrics, Keep keep) {
    for (std::size_t i = 0; i < w.size(); ++i)
        if (!keep(metrics.stateNames()[i])) w[i] = 0;
    return w;
}

double sum(const Weights& w) {
    double total = 0;
    for (const double x : w)
        total += x;
    return total;
}

/// The states bound to `service` in the scenario's "states" section, by time, else attempts.
Weights serviceWeights(const std::string& service, const sim::Metrics& metrics,
                       const model::Scenario& scenario) {
    const model::Json& states = scenario.section("states");
    const auto bound = [&](const std::string& name) {
        if (!states.is_object()) return false;
        const auto entry = states.find(name);
        if (entry == states.end() || !entry->is_object()) return false;
        const auto s = entry->find("service");
        return s != entry->end() && s->is_string() && s->get<std::string>() == service;
    };
    Weights w = only(timeSpent(metrics), metrics, bound);
    if (sum(w) > 0) return w;
    return only(attempts(metrics), metrics, bound);
}

} // namespace

CostByState costByState(const CostReport& report, const sim::Metrics& metrics,
                        const model::Scenario& scenario) {
    CostByState out;
    out.totalUsd = report.monthlyUsd;
    const auto& names = metrics.stateNames();
    for (const CostLine& line : report.lines) {
        const double usd = line.quote.amountUsd;
        if (usd == 0) continue;
        const std::string& who = line.consumer;
        if (who.starts_with(kStatePrefix) && who != kStateMachine) {
            out.monthlyUsd[who.substr(kStatePrefix.size())] += usd;
            continue;
        }
        Weights w;
        if (who == kStateMachine)
            w = line.priceId.starts_with("stepfunctions.standard") ? attempts(metrics)
                                                                   : timeSpent(metrics);
        else
            w = serviceWeights(who, metrics, scenario);
        const double total = sum(w);
        if (total <= 0) {
            out.unattributedUsd += usd;
            continue;
        }
        for (std::size_t i = 0; i < w.size(); ++i)
            if (w[i] > 0) out.monthlyUsd[names[i]] += usd * w[i] / total;
    }
    return out;
}

} // namespace flowcast::cost
