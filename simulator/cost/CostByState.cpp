#include "simulator/cost/CostByState.h"

#include <vector>

namespace flowcast::cost {

namespace {

constexpr std::string_view kStatePrefix = "state ";
constexpr std::string_view kStateMachine = "state machine";

/// One weight per state of the Metrics: what a line's amount is split by.
using Weights = std::vector<double>;

struct Split {
    const sim::Metrics& metrics;
    const sim::Program& program;

    Weights attempts() const {
        Weights w;
        for (std::size_t i = 0; i < metrics.stateNames().size(); ++i) {
            const auto& s = metrics.state(i);
            w.push_back(static_cast<double>(s.visits() + s.retries));
        }
        return w;
    }
    /// Time spent in the states that do the work: a Parallel's or Map's is its branches'.
    Weights workTime() const {
        Weights w;
        for (std::size_t i = 0; i < metrics.stateNames().size(); ++i) {
            const auto type = i < program.stateCount()
                                  ? program.state(static_cast<std::uint32_t>(i)).type
                                  : model::StateType::Unknown;
            const bool container =
                type == model::StateType::Parallel || type == model::StateType::Map;
            w.push_back(container ? 0.0 : metrics.state(i).latency.sum());
        }
        return w;
    }
};

double sum(const Weights& w) {
    double total = 0;
    for (const double x : w)
        total += x;
    return total;
}

/// Zeroes the weights of the states the scenario does not bind to `service`.
Weights boundTo(Weights w, const std::string& service, const sim::Metrics& metrics,
                const model::Scenario& scenario) {
    const model::Json& states = scenario.section("states");
    for (std::size_t i = 0; i < w.size(); ++i) {
        bool bound = false;
        if (states.is_object()) {
            const auto entry = states.find(metrics.stateNames()[i]);
            if (entry != states.end() && entry->is_object()) {
                const auto s = entry->find("service");
                bound = s != entry->end() && s->is_string() && s->get<std::string>() == service;
            }
        }
        if (!bound) w[i] = 0;
    }
    return w;
}

bool isRequestPrice(const std::string& priceId) {
    return priceId.ends_with(".requests") || priceId.ends_with("Requests");
}

} // namespace

CostByState costByState(const CostReport& report, const sim::Metrics& metrics,
                        const sim::Program& program, const model::Scenario& scenario) {
    CostByState out;
    out.totalUsd = report.monthlyUsd;
    const Split split{metrics, program};
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
        if (who == kStateMachine) {
            w = line.priceId.starts_with("stepfunctions.standard") ? split.attempts()
                                                                   : split.workTime();
        } else if (isRequestPrice(line.priceId)) {
            w = boundTo(split.attempts(), who, metrics, scenario);
        } else {
            w = boundTo(split.workTime(), who, metrics, scenario);
            if (sum(w) <= 0) w = boundTo(split.attempts(), who, metrics, scenario);
        }
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
