#pragma once
// How long one task attempt works, in seconds: either a plain Distribution, or a start-up time
// plus a record count read from the task's effective input, processed by a number of workers
// at a fixed rate each:
//   {"startup": <distribution>, "records": "$.recordCount", "recordsPerSecondPerWorker": 5000,
//    "workers": 10, "defaultRecords": 1000}
//   seconds = startup + records / (recordsPerSecondPerWorker * workers)
// Immutable once parsed; a service model owns one per state it serves.
#include "model/asl/Json.h"
#include "simulator/core/RandomStream.h"
#include "simulator/services/Distribution.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace flowcast::sim {

class WorkModel {
public:
    /// `spec` is a distribution (the work is just that) or the object above: "startup"
    /// (distribution, default 0), "records" (a JSONPath into the effective input),
    /// "recordsPerSecondPerWorker" (> 0), "workers" (whole, >= 1, default 1), "defaultRecords"
    /// (>= 0, optional). Throws model::ScenarioError naming the bad field.
    static WorkModel parse(const model::Json& spec, const std::string& pointer,
                           const std::filesystem::path& baseDir = {});

    /// Seconds of work for one attempt whose effective input is `effectiveInput`. When the
    /// record count cannot be read and there is no defaultRecords, returns 0 and sets `*error`
    /// (if given) to a one-line reason; a plain distribution never fails.
    double seconds(RandomStream& random, const model::Json& effectiveInput,
                   std::string* error) const;

    /// Workers busy while the attempt runs (1 for a plain distribution): for usage, e.g.
    /// DPU-hours = workers x seconds / 3600.
    std::int64_t workers() const { return m_workers; }
    /// True when the duration depends on the input (the records form).
    bool dependsOnInput() const { return !m_recordsPath.empty(); }
    /// "lognormal(median 2 s, p99 6 s)" or "constant(30 s) + $.recordCount / (5000/s x 10)".
    std::string describe() const;

private:
    WorkModel() = default;
    /// The record count at m_recordsPath, or nullopt with `reason` set.
    std::optional<double> records(const model::Json& input, std::string& reason) const;

    std::shared_ptr<const Distribution> m_base; ///< the whole work, or the start-up
    std::string m_recordsPath;
    double m_ratePerWorker = 0;
    std::int64_t m_workers = 1;
    std::optional<double> m_defaultRecords;
};

} // namespace flowcast::sim
