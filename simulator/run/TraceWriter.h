#pragma once
// An Observer that writes what one simulation did as JSON lines, stamped with virtual time
// (seconds): execution starts and ends, state visits, service signals. For replaying one run,
// debugging a scenario, or loading into a notebook. Does not own the stream.
#include "simulator/core/Observer.h"

#include <ostream>
#include <string>
#include <vector>

namespace flowcast::sim {

class TraceWriter final : public Observer {
public:
    TraceWriter(std::ostream& out, std::vector<std::string> stateNames)
        : m_out(out), m_stateNames(std::move(stateNames)) {}

    unsigned reports() const override {
        return kExecutionStarted | kExecutionEnded | kStateEnded | kServiceSignals;
    }
    void executionStarted(std::uint64_t serial, SimTime time) override;
    void executionEnded(const ExecutionEnded& record) override;
    void stateEnded(const StateEnded& record) override;
    void serviceSignal(std::uint32_t service, ServiceSignal signal, SimTime time) override;

private:
    std::ostream& m_out;
    std::vector<std::string> m_stateNames;
};

} // namespace flowcast::sim
