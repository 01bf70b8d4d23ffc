#pragma once
// One entry of an execution's event history, named as AWS's HistoryEvent types are
// (ExecutionStarted, TaskStateEntered, TaskScheduled, ...), ids from 1 in order.
#include "model/asl/Json.h"
#include "simulator/core/SimTime.h"

#include <cstdint>
#include <string>

namespace flowcast::sim {

struct HistoryEvent {
    std::int64_t id = 0;
    std::int64_t previousEventId = 0;
    SimTime time;
    std::string type;
    std::string stateName; ///< "" for execution-level events
    model::Json details;   ///< input / output / error / cause / resource, as AWS's *EventDetails
};

} // namespace flowcast::sim
