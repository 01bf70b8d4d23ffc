#pragma once
// The discrete-event kernel of one simulation (one replication): virtual time, the event queue,
// the named random streams, and the components events are delivered to. Single-threaded; run
// replications in parallel by giving each its own Kernel and seed. No wall clock, no Qt.
#include "simulator/core/EventQueue.h"
#include "simulator/core/RandomStream.h"

#include <atomic>
#include <cstdint>
#include <string_view>
#include <vector>

namespace flowcast::sim {

/// Anything that reacts to events: a service model, an execution, a workload generator.
class Component {
public:
    virtual ~Component() = default;
    virtual void handle(const Event& event) = 0;
};

enum class RunStatus { Drained, HorizonReached, Stopped, Paused };

struct RunResult {
    RunStatus status = RunStatus::Drained;
    SimTime endTime;
    std::uint64_t eventsProcessed = 0;
};

class Kernel {
public:
    explicit Kernel(std::uint64_t seed) : m_random(seed) {}

    /// Registers a component (not owned; it must outlive the run) and returns its target id.
    std::uint32_t addComponent(Component& component);

    /// Schedules at now + delay (a negative delay counts as zero: nothing runs in the past).
    EventId schedule(SimTime delay, std::uint32_t target, std::uint32_t kind,
                     std::uint64_t payload = 0) {
        return scheduleAt(m_now + (delay.us > 0 ? delay : SimTime{}), target, kind, payload);
    }
    /// Schedules at `time`, or now when that is past. Throws std::out_of_range for a target id
    /// that addComponent() did not give.
    EventId scheduleAt(SimTime time, std::uint32_t target, std::uint32_t kind,
                       std::uint64_t payload = 0) {
        if (target >= m_components.size()) throwNoTarget();
        return m_queue.schedule(time < m_now ? m_now : time, target, kind, payload);
    }
    bool cancel(EventId id) { return m_queue.cancel(id); }

    SimTime now() const { return m_now; }
    RandomStream& random(std::string_view name) { return m_random.stream(name); }
    std::size_t pendingEvents() const { return m_queue.size(); }

    /// Runs events with time <= horizon. `stop`, when given, is polled every 1,024 events; a
    /// stopped run can be resumed by calling run() again.
    /// `pause`, when set (checked like `stop`, every 1024 events), returns Paused between two
    /// events; running again carries on exactly where it was.
    RunResult run(SimTime horizon, const std::atomic<bool>* stop = nullptr,
                  const std::atomic<bool>* pause = nullptr);

private:
    [[noreturn]] static void throwNoTarget();

    EventQueue m_queue;
    RandomStreams m_random;
    std::vector<Component*> m_components;
    SimTime m_now;
    std::uint64_t m_processed = 0;
};

} // namespace flowcast::sim
