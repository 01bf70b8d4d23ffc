#include "simulator/workload/TimedWorkload.h"

namespace flowcast::sim {

TimedWorkload::TimedWorkload(std::unique_ptr<ArrivalTimes> times, InputTemplate input,
                             ArrivalWindow window)
    : m_times(std::move(times)), m_input(std::move(input)), m_window(window) {}

std::optional<Arrival> TimedWorkload::next(RandomStream& random) {
    while (!m_done) {
        const std::optional<SimTime> t = m_times->next(random);
        if (!t || m_window.isPastEnd(*t)) {
            m_done = true; // sources never go back in time: nothing later can be inside
            break;
        }
        if (*t < m_window.start) continue;
        return Arrival{*t, m_input.instantiateShared(random, m_index++, *t)};
    }
    return std::nullopt;
}

} // namespace flowcast::sim
