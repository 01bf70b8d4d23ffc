#pragma once
// Break-even analysis: the workload swept over several decades (executions per day, or records
// per day for a stream), each deployment priced at every point, and the rates where one
// deployment becomes cheaper than another. The sweep replaces the workload's timing with
// Poisson arrivals at the point's rate (a stream keeps its batching and changes its record
// rate), keeping its inputs.
#include "model/scenario/Scenario.h"

#include <optional>
#include <string>
#include <vector>

namespace flowcast::cost {

/// `points` values from `from` to `to`, evenly spaced on a log scale (both ends included).
std::vector<double> logGrid(double from, double to, int points);

/// True when the sweep's rate is records per day (a stream workload), else executions per day.
bool sweepsRecords(const model::Scenario& scenario);

/// The scenario with its workload running at `perDay` executions (or records) per day.
model::Scenario atDailyRate(const model::Scenario& scenario, double perDay);

struct SweepPoint {
    double perDay = 0;
    std::vector<double> monthlyUsd;  ///< one per deployment, in deployment order
    std::vector<double> failureRate; ///< likewise
};

/// Where deployment `cheaperBelow` stops being the cheaper of a pair: the rate (per day) found
/// by interpolating the cost difference linearly in log(rate) between two sweep points.
struct Crossing {
    double perDay = 0;
    std::size_t cheaperBelow = 0;
    std::size_t cheaperAbove = 0;
};

/// Every crossing of every pair of deployments, in increasing rate. A segment where either
/// deployment fails more than `maxFailureRate` of its executions at either end is skipped: a
/// pipeline that cannot keep up is not cheaper, it is broken.
std::vector<Crossing> crossings(const std::vector<SweepPoint>& points,
                                double maxFailureRate = 0.01);

/// The crossing of `predicted` (a model's) that stands for `found` (a sweep's): the same
/// deployments swapping in the same direction, the nearest in log(rate); nullopt when none does.
std::optional<Crossing> matchingCrossing(const Crossing& found,
                                         const std::vector<Crossing>& predicted);

/// Per deployment, the first rate at which it fails more than `maxFailureRate` of its
/// executions; a negative value when it never does in the sweep.
std::vector<double> firstFailingRates(const std::vector<SweepPoint>& points,
                                      double maxFailureRate = 0.01);

} // namespace flowcast::cost
