#pragma once
// Task results from a Step Functions Local mock file (one state machine, one test case): Return
// gives the result, Throw the error. A mocked state whose invocation has no entry fails the
// execution (AWS: "If you do not specify a mocked response, the state machine execution will
// fail"); a state the test case does not mock falls back to echoing its effective input.
// Holds the MockConfig by reference: it must outlive the backend.
#include "model/asl/MockConfig.h"
#include "simulator/exec/TaskBackend.h"

#include <string>

namespace flowcast::sim {

class MockBackend final : public TaskBackend {
public:
    MockBackend(const model::MockConfig& config, std::string machine, std::string testCase)
        : m_config(config), m_machine(std::move(machine)), m_testCase(std::move(testCase)) {}

    std::optional<TaskOutcome> start(const TaskCall& call) override;

private:
    const model::MockConfig& m_config;
    std::string m_machine;
    std::string m_testCase;
};

} // namespace flowcast::sim
