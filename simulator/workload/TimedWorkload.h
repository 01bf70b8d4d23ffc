#pragma once
// A workload whose arrivals take their instants from an ArrivalTimes source and their inputs
// from one InputTemplate; keeps the arrivals inside the window and numbers them from 0.
#include "simulator/workload/ArrivalTimes.h"
#include "simulator/workload/InputTemplate.h"
#include "simulator/workload/Workload.h"

namespace flowcast::sim {

class TimedWorkload final : public Workload {
public:
    TimedWorkload(std::unique_ptr<ArrivalTimes> times, InputTemplate input, ArrivalWindow window);

    std::optional<Arrival> next(RandomStream& random) override;
    std::string describe() const override { return m_times->describe(); }

private:
    std::unique_ptr<ArrivalTimes> m_times;
    InputTemplate m_input;
    ArrivalWindow m_window;
    std::int64_t m_index = 0;
    bool m_done = false;
};

} // namespace flowcast::sim
