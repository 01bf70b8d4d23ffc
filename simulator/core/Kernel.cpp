#include "simulator/core/Kernel.h"

#include <stdexcept>

namespace flowcast::sim {

std::uint32_t Kernel::addComponent(Component& component) {
    m_components.push_back(&component);
    return static_cast<std::uint32_t>(m_components.size() - 1);
}

EventId Kernel::schedule(SimTime delay, std::uint32_t target, std::uint32_t kind,
                         std::uint64_t payload) {
    return scheduleAt(m_now + (delay.us > 0 ? delay : SimTime{}), target, kind, payload);
}

EventId Kernel::scheduleAt(SimTime time, std::uint32_t target, std::uint32_t kind,
                           std::uint64_t payload) {
    if (target >= m_components.size())
        throw std::out_of_range("scheduleAt: no component with this target id");
    return m_queue.schedule(time < m_now ? m_now : time, target, kind, payload);
}

RunResult Kernel::run(SimTime horizon, const std::atomic<bool>* stop,
                      const std::atomic<bool>* pause) {
    RunResult result;
    const std::uint64_t start = m_processed;
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
        const std::optional<SimTime> next = m_queue.nextTime();
        if (!next) {
            result.status = RunStatus::Drained;
            break;
        }
        if (*next > horizon) {
            if (horizon > m_now)
                m_now = horizon; // time passes up to the horizon even without events
            result.status = RunStatus::HorizonReached;
            break;
        }
        const Event event = *m_queue.pop();
        m_now = event.time;
        ++m_processed;
        m_components[event.target]->handle(event);
    }
    result.endTime = m_now;
    result.eventsProcessed = m_processed - start;
    return result;
}

} // namespace flowcast::sim
