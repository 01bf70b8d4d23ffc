#pragma once
// Where executions come from: a generator of arrivals in nondecreasing virtual time, built from
// the scenario's "workload" object. One of
//   {"schedule": "rate(5 minutes)" | "cron(0 2 * * ? *)"}
//   {"poisson": {"ratePerSecond": 0.9}}              (or "ratePerHour", "ratePerDay")
//   {"profile": {"dailyPerHour": [24 rates], "weekdayFactors": [7 factors, Monday first]}}
//   {"burst": {"count": 500, "at": "2h", "spreadSeconds": 10, "every": "1d"}}
//   {"stream": {"recordsPerSecond": 1000 | "profile": {...}, "batchSize": 100,
//               "batchWindowSeconds": 1, "record": <template>}}
//   {"trace": {"file": "arrivals.csv"}}
// plus, for every kind, "start" and "end" (durations: 3600, "30s", "2h", "30d") bounding the
// arrivals to [start, end), and "input": <InputTemplate> (a stream has "record" instead), and
// "recordsPerExecution": N for the records each execution processes (not for a stream).
// The caller owns the workload and draws from it with its own named RandomStream.
#include "model/asl/Json.h"
#include "simulator/core/RandomStream.h"
#include "simulator/core/SimTime.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace flowcast::sim {

struct Arrival {
    SimTime time;
    /// The execution's input. Shared because static inputs (and full stream batches) are built
    /// once and handed to every arrival: copying a 100-record batch per execution would cost
    /// more than drawing it.
    std::shared_ptr<const model::Json> input;
    /// Records the execution carries: a stream batch's size, else 1.
    std::int64_t records = 1;
};

/// The part of the timeline a workload covers: [start, end), end open when absent.
struct ArrivalWindow {
    SimTime start;
    std::optional<SimTime> end;

    bool isPastEnd(SimTime t) const { return end && t >= *end; }
};

class Workload {
public:
    virtual ~Workload();
    /// The next arrival (time never decreases), or nullopt when there are no more.
    virtual std::optional<Arrival> next(RandomStream& random) = 0;
    /// Short human form: "poisson(0.9/s)", "cron(0 2 * * ? *)".
    virtual std::string describe() const = 0;
};

/// Builds a workload from its scenario form. Throws model::ScenarioError naming `pointer` (the
/// JSON Pointer of `spec`) or the field inside it; `baseDir` resolves relative file names.
std::unique_ptr<Workload> parseWorkload(const model::Json& spec, const std::string& pointer,
                                        const std::filesystem::path& baseDir = {});

} // namespace flowcast::sim
