#pragma once
// A price item's per-request billing rule (model::RequestRules: "rounded up to 1 ms", "at least
// 1 minute") applied to one run's duration in virtual time, as a model records the run. The
// rules are data from the price book; this is only their arithmetic on integer microseconds.
#include "model/pricing/PriceItem.h"
#include "simulator/core/SimTime.h"

namespace flowcast::sim {

/// `duration` as `rules` bill it, in milliseconds: rounded up to the step, then raised to the
/// minimum (RequestRules::billed), exactly: a run 1 µs past a step boundary bills the next step
/// however long it is. Negative durations count as 0.
double billedMilliseconds(const model::RequestRules& rules, SimTime duration);

} // namespace flowcast::sim
