#include "simulator/core/Kernel.h"

#include <stdexcept>

namespace flowcast::sim {

std::uint32_t Kernel::addComponent(Component& component) {
    m_components.push_back(&component);
    return static_cast<std::uint32_t>(m_components.size() - 1);
}

void Kernel::throwNoTarget() {
    throw std::out_of_range("scheduleAt: no component with this target id");
}

RunResult Kernel::run(SimTime horizon, const std::atomic<bool>* stop,
                      const std::atomic<bool>* pause) {
    RunResult result;
    const std::uint64_t start = m_processed;
    Event event;
    for (;;) {
        if ((m_processed & 1023) == 0) {
            if (stop && stop->load(std::memory_order_relaxed)) {
                result.status = RunStatus::Stopped;
                break;
            }
            if (pause && pause->load(std::memory_order_relaxed) && m_processed != start) {
                result.status = RunStatus::Paused;
                break;
            }
        }
        const EventQueue::Next next = m_queue.popUntil(horizon, event);
        if (next != EventQueue::Next::Taken) {
            if (next == EventQueue::Next::Empty) {
                result.status = RunStatus::Drained;
                break;
            }
            if (horizon > m_now)
                m_now = horizon; // time passes up to the horizon even without events
            result.status = RunStatus::HorizonReached;
            break;
        }
        m_now = event.time;
        ++m_processed;
        m_components[event.target]->handle(event);
    }
    result.endTime = m_now;
    result.eventsProcessed = m_processed - start;
    return result;
}

} // namespace flowcast::sim
