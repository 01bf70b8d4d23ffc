#pragma once
// Runs one execution of a definition to its end on its own Kernel and keeps what the tests
// compare: status, output, error, cause, billed transitions, history, end time.
#include "simulator/core/Kernel.h"
#include "simulator/exec/Execution.h"
#include "simulator/exec/MockBackend.h"

#include <cstdint>
#include <string>
#include <vector>

namespace flowcast::sim::testing {

struct Run {
    ExecutionStatus status;
    model::Json output;
    std::string error;
    std::string cause;
    std::int64_t transitions;
    std::vector<HistoryEvent> history;
    SimTime end;
};

inline Run run(const model::Json& definition, const model::Json& input, TaskBackend& backend,
               Kernel& kernel, ExecutionOptions options = {}) {
    Execution execution(kernel, definition, backend, options);
    execution.start(input);
    kernel.run(SimTime{INT64_MAX});
    return {execution.status(), execution.output(),           execution.error(),
            execution.cause(),  execution.stateTransitions(), execution.history(),
            execution.endTime()};
}

/// Every Task answers with its effective input.
inline Run run(const model::Json& definition, const model::Json& input = model::Json::object()) {
    Kernel kernel(42);
    EchoBackend echo;
    return run(definition, input, echo, kernel);
}

} // namespace flowcast::sim::testing
