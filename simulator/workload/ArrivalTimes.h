#pragma once
// The arrival instants of the workloads whose inputs come from one template: schedules,
// Poisson, daily profiles and bursts. Each source is a small state machine over virtual time,
// consumed by TimedWorkload.
#include "model/asl/Json.h"
#include "simulator/core/RandomStream.h"
#include "simulator/core/SimTime.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace flowcast::sim {

class ArrivalTimes {
public:
    virtual ~ArrivalTimes() = default;
    /// The next instant (never earlier than the last), or nullopt when there are no more.
    virtual std::optional<SimTime> next(RandomStream& random) = 0;
    virtual std::string describe() const = 0;
};

/// The source for workload kind `kind` ("schedule", "poisson", "profile" or "burst"), its
/// first instant at or after `start` (a burst keeps its absolute "at"; TimedWorkload drops
/// what falls before start). Throws model::ScenarioError.
std::unique_ptr<ArrivalTimes> parseArrivalTimes(std::string_view kind, const model::Json& spec,
                                                const std::string& pointer, SimTime start);

} // namespace flowcast::sim
