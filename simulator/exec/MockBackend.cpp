#include "simulator/exec/MockBackend.h"

namespace flowcast::sim {

std::optional<TaskOutcome> MockBackend::start(const TaskCall& call) {
    const std::string_view state = call.state;
    const int invocation = call.invocation;
    if (!m_config.isMocked(m_machine, m_testCase, state)) return TaskOutcome::success(call.input);
    const auto outcome = m_config.outcome(m_machine, m_testCase, state, invocation);
    // The last entry is not repeated: a missing invocation is an execution failure, which
    // States.Runtime expresses (no Retry or Catch can take it).
    if (!outcome)
        return TaskOutcome::failure("States.Runtime", "No mocked response for invocation " +
                                                          std::to_string(invocation) +
                                                          " of state '" + std::string(state) +
                                                          "' in test case '" + m_testCase + "'");
    if (outcome->isThrow) return TaskOutcome::failure(outcome->error, outcome->cause);
    return TaskOutcome::success(outcome->value);
}

} // namespace flowcast::sim
