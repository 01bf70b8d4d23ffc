#pragma once
// The calendar the interpreter shows inside an execution: virtual time 0 is the fixed epoch
// 2026-01-01T00:00:00Z, so $$.Execution.StartTime and Wait Timestamps are plain ISO strings
// while no wall clock enters the simulator.
#include "model/asl/eval/Timestamp.h"
#include "simulator/core/SimTime.h"

#include <cstdint>
#include <string>

namespace flowcast::sim {

inline constexpr std::int64_t kVirtualEpochSeconds = 1'767'225'600; // 2026-01-01T00:00:00Z

/// "2026-01-01T00:00:30.000Z" for 30 s of virtual time (millisecond precision, as AWS writes).
std::string isoTimestamp(SimTime t);
/// isoTimestamp into `out`, reusing its storage (the interpreter rewrites $$.State.EnteredTime on
/// every visit).
void writeIsoTimestamp(SimTime t, std::string& out);

/// The virtual time at which the calendar shows `timestamp` (negative before the epoch).
SimTime virtualTimeOf(const model::eval::Timestamp& timestamp);

} // namespace flowcast::sim
