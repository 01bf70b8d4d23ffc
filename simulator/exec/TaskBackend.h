#pragma once
// Where a Task state's result comes from: the interpreter asks a TaskBackend once per attempt
// (retries are new invocations) and delivers the outcome after its virtual duration. Service
// models (issue 3, section 3) will implement it too. EchoBackend is the issue's default: "A Task
// with no mock and no service model returns its effective input".
#include "model/asl/Json.h"
#include "simulator/core/SimTime.h"

#include <string>
#include <string_view>

namespace flowcast::sim {

/// A Task attempt's result or its error, and how long the attempt took in virtual time.
struct TaskOutcome {
    bool failed = false;
    model::Json result;
    std::string error; ///< when failed; "States.Runtime" fails the execution, never caught
    std::string cause;
    SimTime duration;

    static TaskOutcome success(model::Json result, SimTime duration = {}) {
        return {false, std::move(result), {}, {}, duration};
    }
    static TaskOutcome failure(std::string error, std::string cause, SimTime duration = {}) {
        return {true, nullptr, std::move(error), std::move(cause), duration};
    }
};

class TaskBackend {
public:
    virtual ~TaskBackend() = default;
    /// `invocation` is 0-based per state within one execution; retries count.
    virtual TaskOutcome invoke(std::string_view state, std::string_view resource,
                               const model::Json& effectiveInput, int invocation) = 0;
};

/// Returns the effective input at once (duration 0).
class EchoBackend final : public TaskBackend {
public:
    TaskOutcome invoke(std::string_view, std::string_view, const model::Json& effectiveInput,
                       int) override {
        return TaskOutcome::success(effectiveInput);
    }
};

} // namespace flowcast::sim
