#pragma once
// Metrics: the Observer that aggregates everything a run reports — executions, states, services,
// levels — into streaming, mergeable figures. One per replication (owned by whoever runs it);
// merge() folds replications together. Every figure is an integer count, an exact Histogram, an
// ExactSum or a LevelSeries, so merging in any order or grouping gives the same bytes.
// Cheap by rule: executionEnded and stateEnded do a few increments and a Histogram::add; an
// error name allocates only the first time it is seen.
//
// toJson() layout (keys in this order; arrays in id order; name → count maps sorted by name;
// times in seconds; histograms as Histogram::toJson(), levels as LevelSeries::toJson()):
// {"runs": finished runs merged, "simulatedSeconds": sum of their horizons,
//  "executions": {"started", "ended",
//                 "byStatus": {"SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"},
//                 "errors": {name: count} (executions that did not succeed, by their error),
//                 "latency": histogram of ended − started,
//                 "stateTransitions", "historyEvents", "records" (totals),
//                 "expressBilledSeconds" (Express executions' billed durations, when any)},
//  "states": [{"name", "visits", "byResult": {"succeeded", "caught", "failed", "aborted"},
//              "retries", "timeouts" (visits whose last error is States.Timeout),
//              "errors": {name: count} (the error that ended a visit's last attempt),
//              "latency": histogram of exited − entered}, ...]   one per state index,
//  "services": [{"name", "signals": {"requests", "coldStarts", "throttles", "failures",
//                "queued"}, "usage": {usageKindName(k): amount, ...} (every kind, in
//                UsageKind order), "utilisation": busy / (busy + idle) node-seconds, or null
//                when the service reported neither}, ...]   one per Probe service id,
//  "levels": [{"name", ...LevelSeries::toJson()}, ...]   one per Probe series id,
//  "activity": CountSeries::toJson() with the channels "started", "succeeded", "failed"
//              (executions started / ended succeeded / ended otherwise), "retries" (at the
//              visit's exit), "throttles", "coldStarts" (service signals), per bucket of time}
#include "model/asl/Json.h"
#include "simulator/core/Observer.h"
#include "simulator/metrics/CountSeries.h"
#include "simulator/metrics/ExactSum.h"
#include "simulator/metrics/Histogram.h"
#include "simulator/metrics/LevelSeries.h"
#include "simulator/metrics/NameCounts.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace flowcast::sim {

class Metrics : public Observer {
public:
    static constexpr std::size_t kStatuses = 4;
    static constexpr std::size_t kResults = 4;
    static constexpr std::size_t kSignals = 5;
    static constexpr std::size_t kUsageKinds = static_cast<std::size_t>(UsageKind::Count_);
    /// The channels of activity(): what happened, counted per bucket of virtual time.
    enum class Activity : std::uint8_t {
        Started,
        Succeeded,
        Failed, ///< ended in any other status
        Retries,
        Throttles,
        ColdStarts,
        Count_ ///< number of channels, not a channel
    };
    static constexpr std::size_t kActivities = static_cast<std::size_t>(Activity::Count_);

    struct ExecutionStats {
        std::uint64_t started = 0;
        std::uint64_t ended = 0;
        std::array<std::uint64_t, kStatuses> byStatus{}; ///< indexed by EndStatus
        NameCounts errors;
        Histogram latency; ///< µs
        std::int64_t stateTransitions = 0;
        std::uint64_t historyEvents = 0;
        std::uint64_t records = 0; ///< records the executions carried (1 per plain run)
        /// Child executions of distributed Maps run as Express, and their billed seconds.
        std::uint64_t expressChildExecutions = 0;
        ExactSum expressChildBilledSeconds;
        /// Express executions' own durations, each as billed (rounded up at its end).
        ExactSum expressBilledSeconds;
        void merge(const ExecutionStats& other);
        friend bool operator==(const ExecutionStats&, const ExecutionStats&) = default;
    };
    struct StateStats {
        Histogram latency;                              ///< µs
        std::array<std::uint64_t, kResults> byResult{}; ///< indexed by StateResult
        std::uint64_t retries = 0;
        std::uint64_t timeouts = 0;
        NameCounts errors;
        std::uint64_t visits() const;
        void merge(const StateStats& other);
        friend bool operator==(const StateStats&, const StateStats&) = default;
    };
    struct ServiceStats {
        std::array<std::uint64_t, kSignals> signalCounts{}; ///< indexed by ServiceSignal
        std::array<ExactSum, kUsageKinds> usage{};          ///< indexed by UsageKind
        double usageOf(UsageKind kind) const {
            return usage[static_cast<std::size_t>(kind)].value();
        }
        /// Busy / (busy + idle) node-seconds; nullopt when neither was reported.
        std::optional<double> utilisation() const;
        void merge(const ServiceStats& other);
        friend bool operator==(const ServiceStats&, const ServiceStats&) = default;
    };

    /// `stateNames` in the Program's state index order; level series and the activity series
    /// get buckets of `levelBucketWidth`, at most `maxLevelBuckets` of them (see LevelSeries).
    explicit Metrics(std::vector<std::string> stateNames,
                     SimTime levelBucketWidth = LevelSeries::kDefaultBucketWidth,
                     std::size_t maxLevelBuckets = LevelSeries::kDefaultMaxBuckets);

    void executionStarted(std::uint64_t serial, SimTime time) override;
    void executionEnded(const ExecutionEnded& record) override;
    void stateEnded(const StateEnded& record) override;
    void serviceSignal(std::uint32_t service, ServiceSignal signal, SimTime time) override;
    void level(std::uint32_t series, SimTime time, double value) override;
    void usage(std::uint32_t service, UsageKind kind, double amount) override;
    /// Counts the records an execution starts with (a stream batch's size; 1 per plain run).
    void addRecords(std::uint64_t records) { m_executions.records += records; }

    /// Ends the run at `end`: closes every level series, first creating the ones of ids below
    /// `seriesCount` (Probe::seriesNames().size()) that never reported, as a level of 0, so
    /// that every replication has the same series. Throws std::logic_error if this Metrics
    /// already holds a finished run.
    void finish(SimTime end, std::size_t seriesCount = 0);
    /// Adds another replication's figures. Throws std::invalid_argument when the state names or
    /// level settings differ, std::logic_error when a level series of either is not finished.
    void merge(const Metrics& other);

    std::uint64_t runs() const { return m_runs; }
    SimTime simulated() const { return {m_simulatedUs}; }
    const std::vector<std::string>& stateNames() const { return m_stateNames; }
    const ExecutionStats& executions() const { return m_executions; }
    /// Figures of a state / service index (empty figures for an index never reported).
    const StateStats& state(std::size_t index) const;
    const ServiceStats& service(std::size_t id) const;
    /// The series of a Probe series id; nullptr when it never reported.
    const LevelSeries* levelSeries(std::size_t id) const;
    /// What happened per bucket of virtual time, channels indexed by Activity.
    const CountSeries& activity() const { return m_activity; }

    /// The layout described at the top of this file; names from the Probe.
    model::Json toJson(const Probe& probe) const;
    model::Json toJson(const std::vector<std::string>& serviceNames,
                       const std::vector<std::string>& seriesNames) const;

private:
    model::Json executionsJson() const;
    model::Json statesJson() const;
    model::Json servicesJson(const std::vector<std::string>& names) const;
    model::Json levelsJson(const std::vector<std::string>& names) const;
    LevelSeries newSeries() const { return LevelSeries(m_levelWidth, m_maxLevelBuckets); }

    std::vector<std::string> m_stateNames;
    SimTime m_levelWidth;
    std::size_t m_maxLevelBuckets;
    std::uint64_t m_runs = 0;
    std::int64_t m_simulatedUs = 0;
    ExecutionStats m_executions;
    std::vector<StateStats> m_states;
    std::vector<ServiceStats> m_services;
    std::vector<std::optional<LevelSeries>> m_levels;
    CountSeries m_activity;
};

} // namespace flowcast::sim
