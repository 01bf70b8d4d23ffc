#pragma once
// How a simulation reports what happens: models *emit* records to a Probe, and collectors
// (metrics, traces, usage, a GUI's live plots) subscribe as Observers (OMNeT++'s signals and
// SimGrid's s4u callbacks are the pattern). Records carry small integer ids; the Probe holds
// the names. Everything is called from the simulation's own thread, in virtual-time order.
#include "simulator/core/SimTime.h"

#include <array>
#include <bit>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace flowcast::sim {

enum class EndStatus : std::uint8_t { Succeeded, Failed, TimedOut, Aborted };
/// How a state's visit ended: its output went on, its error was caught by a Catch, its error
/// left the state (failing the scope), or the scope ended under it.
enum class StateResult : std::uint8_t { Succeeded, Caught, Failed, Aborted };

struct ExecutionEnded {
    std::uint64_t serial = 0;
    SimTime started;
    SimTime ended;
    EndStatus status = EndStatus::Succeeded;
    std::string_view error; ///< empty on success
    std::int64_t stateTransitions = 0;
    std::size_t historyEvents = 0;
    /// Child executions of distributed Maps run as Express workflows, and their billed seconds.
    std::int64_t expressChildExecutions = 0;
    double expressChildBilledSeconds = 0;
    /// An Express execution's own duration as billed (the price book's rounding); 0 for Standard.
    double expressBilledSeconds = 0;
};

struct StateEnded {
    std::uint32_t state = 0; ///< index in the Program's flat state list
    SimTime entered;
    SimTime exited;
    StateResult result = StateResult::Succeeded;
    std::string_view error; ///< the error that ended the last attempt, when one did
    int retries = 0;
    std::uint64_t execution = 0; ///< the execution's serial
};

enum class ServiceSignal : std::uint8_t {
    Request,   ///< an attempt reached the service
    ColdStart, ///< a new instance had to start
    Throttle,  ///< rejected for a concurrency or rate limit
    Failure,   ///< ended with an error (injected, outage, timeout)
    Queued,    ///< had to wait for capacity
};

/// What the cost engine prices. Amounts are in the unit named.
enum class UsageKind : std::uint8_t {
    Requests,
    GbSecondsRaw,         ///< memory × duration as run
    GbSecondsBilled,      ///< after the service's rounding (Lambda: 1 ms)
    InitSeconds,          ///< cold-start initialisation time
    DpuSeconds,           ///< Glue
    NodeSecondsBusy,      ///< cluster node time running work
    NodeSecondsIdle,      ///< cluster node time provisioned but idle
    ProvisioningSeconds,  ///< node time spent starting clusters or nodes
    BytesScanned,         ///< Athena, as scanned
    BytesBilled,          ///< Athena, each query rounded up and raised to its minimum
    VcpuSeconds,          ///< EMR Serverless workers' vCPU time as billed
    MemoryGbSeconds,      ///< EMR Serverless workers' memory time as billed
    StorageGbSeconds,     ///< EMR Serverless storage above the free 20 GB per worker, as billed
    NodeSecondsBilledEc2, ///< cluster nodes, each from request to termination by the EC2 rule
    NodeSecondsBilledEmr, ///< the same nodes by the EMR uplift's rule
    Count_                ///< number of kinds, not a kind
};
std::string_view usageKindName(UsageKind kind); ///< "requests", "gbSecondsRaw", ...

class Observer {
public:
    /// The kinds of record, one bit each, for reports().
    enum Report : unsigned {
        kExecutionStarted = 1u << 0,
        kExecutionEnded = 1u << 1,
        kStateEnded = 1u << 2,
        kServiceSignals = 1u << 3,
        kLevels = 1u << 4,
        kUsage = 1u << 5,
        kAllReports = (1u << 6) - 1,
    };

    virtual ~Observer() = default;
    /// The kinds of record it is to receive (a Report mask), asked once by Probe::subscribe: an
    /// observer that overrides only some of the functions below can say so, and the Probe then
    /// does not call it with the others (a model's busiest reports may have no one to hear them).
    virtual unsigned reports() const { return kAllReports; }
    virtual void executionStarted(std::uint64_t /*serial*/, SimTime /*time*/) {}
    virtual void executionEnded(const ExecutionEnded&) {}
    virtual void stateEnded(const StateEnded&) {}
    virtual void serviceSignal(std::uint32_t /*service*/, ServiceSignal, SimTime) {}
    /// A level changed: instances, busy instances, queue length... `series` from Probe::series.
    virtual void level(std::uint32_t /*series*/, SimTime, double /*value*/) {}
    virtual void usage(std::uint32_t /*service*/, UsageKind, double /*amount*/) {}
};

/// The one place models report to; fans records out to the subscribed observers. Owned by the
/// simulation; observers are not owned and must outlive it.
class Probe {
public:
    void subscribe(Observer& observer) {
        const unsigned wanted = observer.reports();
        for (std::size_t kind = 0; kind < kKinds; ++kind)
            if (wanted & (1u << kind)) m_observers[kind].push_back(&observer);
    }

    /// Ids for names, registered once while the simulation is built (stable order => stable ids).
    std::uint32_t service(std::string name) { return add(m_services, std::move(name)); }
    std::uint32_t series(std::string name) { return add(m_series, std::move(name)); }
    const std::vector<std::string>& serviceNames() const { return m_services; }
    const std::vector<std::string>& seriesNames() const { return m_series; }

    /// Whether any observer receives this kind of record (a Report bit): a model may skip
    /// working out a record no one receives.
    bool wants(Observer::Report kind) const { return !m_observers[kindOf(kind)].empty(); }

    void executionStarted(std::uint64_t serial, SimTime t) {
        for (auto* o : m_observers[kindOf(Observer::kExecutionStarted)])
            o->executionStarted(serial, t);
    }
    void executionEnded(const ExecutionEnded& r) {
        for (auto* o : m_observers[kindOf(Observer::kExecutionEnded)])
            o->executionEnded(r);
    }
    void stateEnded(const StateEnded& r) {
        for (auto* o : m_observers[kindOf(Observer::kStateEnded)])
            o->stateEnded(r);
    }
    void serviceSignal(std::uint32_t service, ServiceSignal s, SimTime t) {
        for (auto* o : m_observers[kindOf(Observer::kServiceSignals)])
            o->serviceSignal(service, s, t);
    }
    void level(std::uint32_t series, SimTime t, double value) {
        for (auto* o : m_observers[kindOf(Observer::kLevels)])
            o->level(series, t, value);
    }
    void usage(std::uint32_t service, UsageKind kind, double amount) {
        for (auto* o : m_observers[kindOf(Observer::kUsage)])
            o->usage(service, kind, amount);
    }

private:
    static std::uint32_t add(std::vector<std::string>& names, std::string name) {
        for (std::size_t i = 0; i < names.size(); ++i)
            if (names[i] == name) return static_cast<std::uint32_t>(i);
        names.push_back(std::move(name));
        return static_cast<std::uint32_t>(names.size() - 1);
    }

    static constexpr std::size_t kKinds = 6;
    static constexpr std::size_t kindOf(Observer::Report kind) {
        return static_cast<std::size_t>(std::countr_zero(unsigned{kind}));
    }

    /// Per kind of record (bit number of its Report), the observers that receive it, in the
    /// order they subscribed.
    std::array<std::vector<Observer*>, kKinds> m_observers;
    std::vector<std::string> m_services;
    std::vector<std::string> m_series;
};

} // namespace flowcast::sim
