#include "simulator/run/ExecutionTimeline.h"

#include "simulator/run/Simulation.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <tuple>
#include <utility>

namespace flowcast::sim {

std::uint64_t firstReplicationSeed(const RunPlan& plan) {
    return Replications::seedOf(plan, 0);
}

SimulationLimits firstReplicationLimits(const RunPlan& plan) {
    return Replications::limitsOf(plan, 0);
}

namespace {

/// One execution being recorded: its visits in the order they ended.
struct Recording {
    std::uint64_t serial = 0;
    SimTime started;
    SimTime ended;
    EndStatus status = EndStatus::Succeeded;
    std::string error;
    std::vector<StateVisit> visits;

    SimTime duration() const { return ended - started; }
};

/// Each state's enclosing Parallel or Map (kNone at the top level) and its nesting depth.
struct Nesting {
    std::vector<std::uint32_t> parent;
    std::vector<int> depth;

    explicit Nesting(const Program& program)
        : parent(program.stateCount(), Target::kNone), depth(program.stateCount(), 0) {
        for (std::uint32_t i = 0; i < program.stateCount(); ++i)
            for (const model::StateMachine& branch : program.state(i).branches)
                for (const model::State& inner : branch.states())
                    parent[program.indexOf(inner)] = i;
        for (std::uint32_t i = 0; i < program.stateCount(); ++i)
            for (std::uint32_t p = parent[i]; p != Target::kNone; p = parent[p])
                ++depth[i];
    }
    bool encloses(std::uint32_t outer, std::uint32_t inner) const {
        for (std::uint32_t p = parent[inner]; p != Target::kNone; p = parent[p])
            if (p == outer) return true;
        return false;
    }
};

/// Watches every execution the request may pick and keeps the one it picks; asks the
/// simulation to stop once nothing left to run could change the pick.
class TimelineRecorder final : public Observer {
public:
    TimelineRecorder(const Program& program, const TimelineRequest& request,
                     const std::atomic<bool>* cancel)
        : m_program(program), m_request(request), m_cancel(cancel) {}

    const std::atomic<bool>& stopFlag() const { return m_stop; }
    std::optional<Recording>& picked() { return m_best; }
    std::uint64_t startedCount() const { return m_startedCount; }
    bool cancelled() const { return m_cancelled; }

    void executionStarted(std::uint64_t serial, SimTime time) override {
        // The kernel looks at the stop flag every 1,024 events: what starts after it is set
        // plays no part.
        if (m_stop.load(std::memory_order_relaxed)) return;
        ++m_startedCount;
        if (wanted(serial)) m_open[serial].started = time;
    }

    void stateEnded(const StateEnded& r) override {
        pollCancel();
        const auto it = m_open.find(r.execution);
        if (it == m_open.end()) return;
        StateVisit visit;
        visit.state = r.state;
        visit.name = m_program.stateNames()[r.state];
        visit.pointer = m_program.state(r.state).pointer;
        visit.entered = r.entered;
        visit.exited = r.exited;
        visit.result = r.result;
        visit.error = std::string(r.error);
        visit.retries = r.retries;
        it->second.visits.push_back(std::move(visit));
    }

    void executionEnded(const ExecutionEnded& r) override {
        pollCancel();
        if (r.serial <= m_request.among) ++m_firstEnded;
        auto node = m_open.extract(r.serial);
        if (node.empty()) return;
        Recording recording = std::move(node.mapped());
        recording.serial = r.serial;
        recording.ended = r.ended;
        recording.status = r.status;
        recording.error = std::string(r.error);
        consider(std::move(recording));
        if (done()) m_stop = true;
    }

private:
    bool wanted(std::uint64_t serial) const {
        switch (m_request.pick) {
        case ExecutionPick::Serial:
            return serial == m_request.serial;
        case ExecutionPick::FirstFailure:
            return serial <= m_request.among && (!m_best || serial < m_best->serial);
        case ExecutionPick::Slowest:
            return serial <= m_request.among;
        }
        return false;
    }

    void consider(Recording recording) {
        switch (m_request.pick) {
        case ExecutionPick::Serial:
            m_best = std::move(recording);
            return;
        case ExecutionPick::FirstFailure:
            if (recording.status == EndStatus::Succeeded) return;
            if (m_best && m_best->serial < recording.serial) return;
            m_best = std::move(recording);
            // Later executions can no longer be the first: stop recording them.
            m_open.erase(m_open.upper_bound(m_best->serial), m_open.end());
            return;
        case ExecutionPick::Slowest:
            if (!m_best || recording.duration() > m_best->duration() ||
                (recording.duration() == m_best->duration() && recording.serial < m_best->serial))
                m_best = std::move(recording);
            return;
        }
    }

    bool done() const {
        switch (m_request.pick) {
        case ExecutionPick::Serial:
            return m_best.has_value();
        case ExecutionPick::FirstFailure: // every earlier execution has ended too
            return (m_best && (m_open.empty() || m_open.begin()->first > m_best->serial)) ||
                   m_firstEnded >= m_request.among;
        case ExecutionPick::Slowest:
            return m_firstEnded >= m_request.among;
        }
        return true;
    }

    void pollCancel() {
        if (m_cancel && m_cancel->load(std::memory_order_relaxed)) {
            m_cancelled = true;
            m_stop = true;
        }
    }

    const Program& m_program;
    TimelineRequest m_request;
    const std::atomic<bool>* m_cancel;
    std::atomic<bool> m_stop{false};
    bool m_cancelled = false;
    std::map<std::uint64_t, Recording> m_open;
    std::optional<Recording> m_best;
    std::uint64_t m_startedCount = 0;
    std::uint64_t m_firstEnded = 0; ///< ended executions numbered up to `among`
};

/// A step's place in the replay: (time, rank at that instant, entry 0 / exit 1, depth, state).
using StepKey = std::tuple<SimTime, std::size_t, int, int, std::uint32_t>;

/// 0..n-1 in the order of `key`, ties as they were.
template <class Key> std::vector<std::size_t> sortedIndices(std::size_t n, const Key& key) {
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
    return order;
}

/// Each visit's entry among the exits of its instant (visits are in the order they ended): a
/// visit that takes no time just before its own exit, one that lasts after the last exit.
std::vector<std::size_t> entryRanks(const std::vector<StateVisit>& visits) {
    std::map<SimTime, std::size_t> afterExits; // per instant: one past the last exit then
    for (std::size_t v = 0; v < visits.size(); ++v)
        afterExits[visits[v].exited] = v + 1;
    std::vector<std::size_t> rank(visits.size());
    for (std::size_t v = 0; v < visits.size(); ++v) {
        const auto it = afterExits.find(visits[v].entered);
        rank[v] = visits[v].exited == visits[v].entered ? v
                  : it == afterExits.end()              ? 0
                                                        : it->second;
    }
    return rank;
}

/// A Parallel or Map is entered no later than the first of its states entered with it; inner
/// containers first, so that an outer one goes before them all.
void enterContainersFirst(const std::vector<StateVisit>& visits, const Program& program,
                          const Nesting& nesting, std::vector<std::size_t>& rank) {
    const auto deepestFirst = sortedIndices(
        visits.size(), [&](std::size_t v) { return -nesting.depth[visits[v].state]; });
    for (const std::size_t v : deepestFirst) {
        const StateVisit& outer = visits[v];
        if (program.state(outer.state).branches.empty()) continue;
        for (std::size_t w = 0; w < visits.size(); ++w) {
            const StateVisit& inner = visits[w];
            if (inner.entered == outer.entered && inner.exited <= outer.exited &&
                nesting.encloses(outer.state, inner.state))
                rank[v] = std::min(rank[v], rank[w]);
        }
    }
}

} // namespace

std::optional<ExecutionTimeline> ExecutionTimeline::record(const Program& program,
                                                           const model::Scenario& scenario,
                                                           const RunPlan& plan,
                                                           const TimelineRequest& request,
                                                           const std::atomic<bool>* cancel) {
    // The run's own limits, not the execution's number: the executions after it compete with
    // it for the same services and draw from the same random streams.
    const SimulationLimits limits = firstReplicationLimits(plan);
    const std::uint64_t last =
        request.pick == ExecutionPick::Serial ? request.serial : request.among;
    if (last == 0) return std::nullopt; // numbers start at 1
    if (request.pick == ExecutionPick::Serial && limits.executions && last > *limits.executions)
        return std::nullopt;
    Simulation simulation(program, scenario, firstReplicationSeed(plan), limits, plan.prices);
    TimelineRecorder recorder(program, request, cancel);
    simulation.subscribe(recorder);
    simulation.run(&recorder.stopFlag());
    std::optional<Recording>& picked = recorder.picked();
    if (!picked || recorder.cancelled()) return std::nullopt;

    ExecutionTimeline timeline;
    timeline.m_serial = picked->serial;
    timeline.m_started = picked->started;
    timeline.m_ended = picked->ended;
    timeline.m_status = picked->status;
    timeline.m_error = std::move(picked->error);
    timeline.m_simulated = recorder.startedCount();
    timeline.m_visits = std::move(picked->visits);
    timeline.order(program);
    timeline.assignLanes();
    return timeline;
}

// Visits arrive in the order they ended. The replay needs entries too, which at one instant
// (states that take no time, a Parallel entering its branches) have no time to sort by: a state
// that takes no time is entered just before it ends, one that lasts after the last exit at that
// instant; an enclosing Parallel or Map before the first of its states entered with it. Ties
// go outside in, then in definition order.
void ExecutionTimeline::order(const Program& program) {
    const Nesting nesting(program);
    std::vector<std::size_t> rank = entryRanks(m_visits);
    enterContainersFirst(m_visits, program, nesting, rank);
    const auto entryKey = [&](std::size_t v) {
        const StateVisit& visit = m_visits[v];
        return StepKey(visit.entered, rank[v], 0, nesting.depth[visit.state], visit.state);
    };
    const auto exitKey = [&](std::size_t v) {
        return StepKey(m_visits[v].exited, v, 1, 0, std::uint32_t{0});
    };

    // The visits in the order they were entered; the steps by (time, the order made).
    std::vector<StepKey> keys;
    std::vector<StateVisit> sorted;
    for (const std::size_t v : sortedIndices(m_visits.size(), entryKey)) {
        m_steps.push_back({m_visits[v].entered, sorted.size(), true});
        keys.push_back(entryKey(v));
        m_steps.push_back({m_visits[v].exited, sorted.size(), false});
        keys.push_back(exitKey(v));
        sorted.push_back(std::move(m_visits[v]));
    }
    m_visits = std::move(sorted);
    std::vector<ReplayStep> steps;
    for (const std::size_t s : sortedIndices(keys.size(), [&](std::size_t k) { return keys[k]; }))
        steps.push_back(m_steps[s]);
    m_steps = std::move(steps);
}

// One row per state, in the order the states were first entered; a state's visits that overlap
// (Map iterations, a state in several branches' loops) get one more row each, first fit.
void ExecutionTimeline::assignLanes() {
    std::map<std::uint32_t, std::vector<SimTime>> rowsEnd; // per state: each row's last exit
    std::vector<std::size_t> firstSeen;                    // per state, its first visit
    std::vector<int> localRow(m_visits.size());
    for (std::size_t v = 0; v < m_visits.size(); ++v) {
        const StateVisit& visit = m_visits[v];
        auto [it, added] = rowsEnd.try_emplace(visit.state);
        if (added) firstSeen.push_back(v);
        std::vector<SimTime>& ends = it->second;
        std::size_t row = 0;
        while (row < ends.size() && ends[row] > visit.entered)
            ++row;
        if (row == ends.size()) ends.push_back(visit.exited);
        ends[row] = visit.exited;
        localRow[v] = static_cast<int>(row);
    }
    std::map<std::uint32_t, int> firstRow;
    for (const std::size_t first : firstSeen) {
        const std::uint32_t state = m_visits[first].state;
        const std::string& name = m_visits[first].name;
        firstRow[state] = static_cast<int>(m_laneNames.size());
        for (std::size_t row = 0; row < rowsEnd[state].size(); ++row)
            m_laneNames.push_back(row == 0 ? name : name + " (" + std::to_string(row + 1) + ")");
    }
    for (std::size_t v = 0; v < m_visits.size(); ++v)
        m_visits[v].lane = firstRow[m_visits[v].state] + localRow[v];
}

std::vector<std::size_t> ExecutionTimeline::activeVisits(std::size_t step) const {
    std::vector<bool> open(m_visits.size(), false);
    for (std::size_t s = 0; s <= step && s < m_steps.size(); ++s)
        open[m_steps[s].visit] = m_steps[s].entered;
    std::vector<std::size_t> active;
    for (std::size_t v = 0; v < open.size(); ++v)
        if (open[v]) active.push_back(v);
    return active;
}

std::vector<std::string> ExecutionTimeline::activeStates(std::size_t step) const {
    std::vector<std::string> names;
    for (const std::size_t v : activeVisits(step))
        if (std::find(names.begin(), names.end(), m_visits[v].name) == names.end())
            names.push_back(m_visits[v].name);
    return names;
}

} // namespace flowcast::sim
