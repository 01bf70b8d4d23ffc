#pragma once
// The canvas's heat-map overlay after a simulation: each state tinted by its share of the
// executions' time or by how often its visits failed, with the figure written on it. Computed
// from the merged sim::Metrics, keyed by state name (names are unique in a state machine).
#include "simulator/cost/CostByState.h"
#include "simulator/metrics/Metrics.h"

#include <QString>

#include <map>
#include <string>

namespace flowcast::ui {

enum class HeatMeasure { Off, TimeShare, CostShare, FailureRate };

struct StateHeat {
    double intensity = 0; ///< 0..1: how strongly the state is tinted
    QString label;        ///< "34 % of time", "2.1 % failed"
};

using HeatByState = std::map<std::string, StateHeat>;

/// The overlay for `measure` (empty for Off). Time share: the state's total time over the
/// executions' total end-to-end time (a Parallel or Map counts its branches' time); cost share:
/// the state's part of the month's cost (`costs`; empty without them); failure rate: visits
/// whose error was caught or failed the state, over visits.
HeatByState stateHeat(const sim::Metrics& metrics, HeatMeasure measure,
                      const cost::CostByState* costs = nullptr);

} // namespace flowcast::ui
