#pragma once
// Where a workload sweep puts its simulated points. An even grid (equal steps of log(rate))
// spends as many points on a straight stretch of a cost curve as on its bends, and finds a
// crossing only as well as the two points around it allow. Adaptive placement first evaluates a
// cheap model of every deployment's monthly cost over a dense grid, then places the points where
// log(cost) against log(rate) bends most, brackets every crossing the model predicts (and every
// rate where a deployment stops keeping up) with two close points, and always keeps both ends.
// The result is a function of its inputs alone, so every shard of a sweep computes the same
// grid. Pure arithmetic, Qt-free.
#include "simulator/cost/BreakEven.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace flowcast::cost {

enum class SweepPlacement { Even, Adaptive };
std::string sweepPlacementName(SweepPlacement placement); ///< "even", "adaptive"
std::optional<SweepPlacement> sweepPlacementFromName(const std::string& name);
/// The placement of a workload sweep's range of `points` when none is asked for: adaptive from
/// 5 points, even below. On the flagship adaptive found both crossings closer than the even
/// grid from 5 to 20 points, but with 4 it spends them on the ends and one bracket, and found
/// neither (BENCHMARKS.md, "Adaptive against even placement").
SweepPlacement defaultSweepPlacement(int points);

/// The model: each deployment's expected monthly cost at a rate, in deployment order. A value
/// that is not finite (NaN, infinity) means the deployment does not keep up at that rate.
using CostCurves = std::function<std::vector<double>(double rate)>;

struct PlacedGrid {
    std::vector<double> grid; ///< increasing, from and to included
    /// The rates where the model's cheapest pair changes order (BreakEven's crossings of the
    /// model on the dense grid), increasing.
    std::vector<double> predictedCrossings;
    /// The same crossings with the deployments they swap (indices into the model's curves).
    std::vector<Crossing> predicted;
    /// Where a deployment stops keeping up according to the model, increasing.
    std::vector<double> predictedLimits;
};

/// `points` rates from `from` to `to` (0 < from < to, points >= 2) placed by `model`: both ends;
/// two points a quarter of an even step either side of each predicted crossing, then of each
/// predicted limit, while the budget lasts; the rest spread so that each gap between points holds
/// an equal share of a density made of equal parts: even (in log(rate)), the bending of the
/// curves (|second difference| of log(cost + floor), smoothed over half an even step), and a bell
/// around each predicted crossing and limit (the model's own error, about 25 %). Interior
/// rates are rounded to 4 significant digits when that keeps them apart. `dense` is the number of
/// model evaluations. Throws std::invalid_argument for a bad range.
PlacedGrid placeSweepPoints(double from, double to, int points, const CostCurves& model,
                            int dense = 241);

} // namespace flowcast::cost
