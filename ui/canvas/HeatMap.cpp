#include "ui/canvas/HeatMap.h"

#include <algorithm>

namespace flowcast::ui {

namespace {

HeatByState costHeat(const cost::CostByState& costs) {
    HeatByState heat;
    if (costs.totalUsd <= 0) return heat;
    for (const auto& [name, usd] : costs.monthlyUsd) {
        const double share = usd / costs.totalUsd;
        StateHeat h;
        h.intensity = std::clamp(share, 0.0, 1.0);
        h.label = QStringLiteral("%1 % of cost").arg(share * 100, 0, 'f', share < 0.1 ? 1 : 0);
        heat.emplace(name, h);
    }
    return heat;
}

} // namespace

HeatByState stateHeat(const sim::Metrics& metrics, HeatMeasure measure,
                      const cost::CostByState* costs) {
    HeatByState heat;
    if (measure == HeatMeasure::Off) return heat;
    if (measure == HeatMeasure::CostShare) return costs ? costHeat(*costs) : heat;
    const double totalTime = metrics.executions().latency.sum();
    const auto& names = metrics.stateNames();
    for (std::size_t i = 0; i < names.size(); ++i) {
        const auto& s = metrics.state(i);
        const std::uint64_t visits = s.visits();
        if (visits == 0) continue;
        StateHeat h;
        if (measure == HeatMeasure::TimeShare) {
            const double share = totalTime > 0 ? s.latency.sum() / totalTime : 0;
            h.intensity = std::clamp(share, 0.0, 1.0);
            h.label = QStringLiteral("%1 % of time").arg(share * 100, 0, 'f', share < 0.1 ? 1 : 0);
        } else {
            const auto failed = s.byResult[static_cast<std::size_t>(sim::StateResult::Failed)] +
                                s.byResult[static_cast<std::size_t>(sim::StateResult::Caught)];
            const double rate = static_cast<double>(failed) / static_cast<double>(visits);
            // 10 % failing is already alarming: the tint saturates there.
            h.intensity = std::clamp(rate * 10, 0.0, 1.0);
            h.label = QStringLiteral("%1 % failed").arg(rate * 100, 0, 'f', rate < 0.1 ? 2 : 1);
        }
        heat.emplace(names[i], h);
    }
    return heat;
}

} // namespace flowcast::ui
