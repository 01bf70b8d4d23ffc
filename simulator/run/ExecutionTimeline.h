#pragma once
// What one simulated execution did, state by state, for a step-by-step replay: every visit of a
// state (when it was entered and left, how it ended), the execution's own start, end and status,
// a Gantt lane for each visit, and the ordered steps (a state entered or left) to walk through.
// Recorded by running the user's first replication again (its seed and its limits: executions
// share services and random streams, so the others it started must start again), stopping as
// soon as the execution wanted has ended: same run, same execution. Immutable once recorded.
#include "model/scenario/Scenario.h"
#include "simulator/core/Observer.h"
#include "simulator/core/SimTime.h"
#include "simulator/exec/Program.h"
#include "simulator/run/Replications.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace flowcast::sim {

/// One visit of a state: from entering it to leaving it (all its retries included).
struct StateVisit {
    std::uint32_t state = 0; ///< index in the Program's flat state list
    std::string name;
    std::string pointer; ///< the state's JSON Pointer in the definition ("/States/Load")
    SimTime entered;
    SimTime exited;
    StateResult result = StateResult::Succeeded;
    std::string error; ///< the error that ended the last attempt, when one did
    int retries = 0;
    int lane = 0; ///< the Gantt row: one state's overlapping visits get a row each
};

/// A moment of the replay: visit `visit` entered (or left) its state at `time`.
struct ReplayStep {
    SimTime time;
    std::size_t visit = 0; ///< index in ExecutionTimeline::visits()
    bool entered = true;
};

/// Which execution of the run: only those it started and that ended within it count.
enum class ExecutionPick {
    Serial,       ///< the execution numbered `serial` (1: the first started)
    Slowest,      ///< the longest of the first `among` executions (the lowest number on a tie)
    FirstFailure, ///< the lowest-numbered of the first `among` that did not succeed
};

struct TimelineRequest {
    ExecutionPick pick = ExecutionPick::Serial;
    std::uint64_t serial = 1;
    std::uint64_t among = 1000;
};

/// The seed of the first replication of a run planned as `plan` (what Replications gives it).
std::uint64_t firstReplicationSeed(const RunPlan& plan);
/// Its limits: the plan's horizon and the first replication's share of its executions.
SimulationLimits firstReplicationLimits(const RunPlan& plan);

class ExecutionTimeline {
public:
    /// Simulates the first replication of `scenario` run as `plan` until the execution
    /// `request` asks for has ended. Nullopt when the run has none (it started fewer, the one
    /// asked for had not ended at the horizon, none failed) or `cancel` became true. Throws
    /// model::ScenarioError.
    static std::optional<ExecutionTimeline>
    record(const Program& program, const model::Scenario& scenario, const RunPlan& plan,
           const TimelineRequest& request, const std::atomic<bool>* cancel = nullptr);

    std::uint64_t serial() const { return m_serial; }
    SimTime started() const { return m_started; }
    SimTime ended() const { return m_ended; }
    EndStatus status() const { return m_status; }
    const std::string& error() const { return m_error; }
    /// Executions the run had started when the one picked was known (at least serial()).
    std::uint64_t executionsSimulated() const { return m_simulated; }

    /// In the order they were entered (the order the steps enter them).
    const std::vector<StateVisit>& visits() const { return m_visits; }
    int laneCount() const { return static_cast<int>(m_laneNames.size()); }
    /// Each lane's label: the state's name, "Work (2)" for its second row.
    const std::vector<std::string>& laneNames() const { return m_laneNames; }
    /// Entries and exits by time; at one instant, in the order the execution made them.
    const std::vector<ReplayStep>& steps() const { return m_steps; }
    /// The visits open once steps 0..k have happened, in visit order.
    std::vector<std::size_t> activeVisits(std::size_t step) const;
    /// Their states' names, each once.
    std::vector<std::string> activeStates(std::size_t step) const;

private:
    ExecutionTimeline() = default;
    void order(const Program& program);
    void assignLanes();

    std::uint64_t m_serial = 0;
    SimTime m_started;
    SimTime m_ended;
    EndStatus m_status = EndStatus::Succeeded;
    std::string m_error;
    std::uint64_t m_simulated = 0;
    std::vector<StateVisit> m_visits;
    std::vector<std::string> m_laneNames;
    std::vector<ReplayStep> m_steps;
};

} // namespace flowcast::sim
