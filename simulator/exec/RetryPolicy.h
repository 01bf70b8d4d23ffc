#pragma once
// The ASL error-handling rules the interpreter applies to a failed state: which ErrorEquals
// names match an error, and how long a Retrier waits before its next attempt.
#include "model/asl/StateMachine.h"
#include "simulator/core/RandomStream.h"
#include "simulator/core/SimTime.h"

#include <string>
#include <string_view>
#include <vector>

namespace flowcast::sim {

/// True when `error` is matched by one of `errorEquals`: the exact name, "States.ALL" (any
/// error), or "States.TaskFailed" (any error except States.Timeout). States.Runtime is never
/// matched: AWS "A retry or catch on States.ALL won't catch States.Runtime errors".
bool errorMatches(const std::vector<std::string>& errorEquals, std::string_view error);

/// The wait before retry number `retriesDone + 1`: IntervalSeconds x BackoffRate^retriesDone,
/// capped at MaxDelaySeconds; with JitterStrategy FULL a uniform draw on [0, that) from `jitter`.
SimTime retryDelay(const model::Retrier& retrier, int retriesDone, RandomStream& jitter);

} // namespace flowcast::sim
