#pragma once
// Where a Task state's result comes from: the interpreter starts one attempt at a time (retries
// are new attempts) through a TaskBackend. Simple backends (echo, mocks) answer at once with a
// virtual duration; service models (simulator/services) queue the attempt, schedule their own
// events and report the end through a TaskListener at the virtual time it happens.
// EchoBackend is the issue's default: "A Task with no mock and no service model returns its
// effective input".
#include "model/asl/Json.h"
#include "simulator/core/SimTime.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace flowcast::sim {

/// A Task attempt's result or its error, and how long the attempt took in virtual time.
struct TaskOutcome {
    bool failed = false;
    model::Json result;
    std::string error; ///< when failed; "States.Runtime" fails the execution, never caught
    std::string cause;
    SimTime duration; ///< only read for outcomes returned at once by TaskBackend::start

    static TaskOutcome success(model::Json result, SimTime duration = {}) {
        return {false, std::move(result), {}, {}, duration};
    }
    static TaskOutcome failure(std::string error, std::string cause, SimTime duration = {}) {
        return {true, nullptr, std::move(error), std::move(cause), duration};
    }
};

/// Names one attempt so that its late answer can be matched, or dropped when the execution has
/// moved on (timeout, Parallel sibling failure, execution ended).
struct TaskTicket {
    std::uint64_t execution = 0; ///< the execution's serial number in its simulation
    std::uint32_t frame = 0;     ///< branch of control inside the execution
    std::uint32_t attempt = 0;   ///< serial of the attempt inside the execution
};

/// Receives the end of an attempt that a backend did not answer at once. Called from inside a
/// kernel event handler, at the virtual time the attempt ends.
class TaskListener {
public:
    virtual ~TaskListener() = default;
    virtual void taskFinished(const TaskTicket& ticket, TaskOutcome outcome) = 0;
};

/// One attempt of a Task state, as the backend sees it.
struct TaskCall {
    std::string_view state;    ///< the state's name
    std::uint32_t stateIndex;  ///< the state's index in its StateMachine's program (stable ids)
    std::string_view resource; ///< the Resource ARN
    const model::Json& input;  ///< the effective input (after InputPath / Parameters)
    int invocation;            ///< 0-based per state within one execution; retries count
    TaskTicket ticket;
    TaskListener& listener;
    /// False when the state throws its result away unread (ResultPath null, no ResultSelector,
    /// no Assign, no history kept): a backend that would echo the input may return null instead.
    bool resultUsed = true;
};

class TaskBackend {
public:
    virtual ~TaskBackend() = default;
    /// Starts an attempt. Either returns its outcome now (delivered after outcome.duration), or
    /// returns nullopt and later calls call.listener.taskFinished(call.ticket, outcome) exactly
    /// once, at the virtual time the attempt ends.
    virtual std::optional<TaskOutcome> start(const TaskCall& call) = 0;
    /// Whether start() reads TaskCall::input for this state (of the program the executions
    /// run) when the result is used as `resultUsed` says. When it does not (and nothing else
    /// reads it), the interpreter checks the effective input's errors and size without building
    /// it and passes null. Answer true when unsure.
    virtual bool readsInput(std::uint32_t /*stateIndex*/, bool /*resultUsed*/) const {
        return true;
    }
    /// True when every successful result for this state is the call's input echoed or a value
    /// known to be within the 256 KiB payload quota, so the interpreter need not measure it.
    virtual bool resultsFit(std::uint32_t /*stateIndex*/) const { return false; }
};

/// Returns the effective input at once (duration 0).
class EchoBackend final : public TaskBackend {
public:
    std::optional<TaskOutcome> start(const TaskCall& call) override {
        return TaskOutcome::success(call.input);
    }
    bool readsInput(std::uint32_t, bool resultUsed) const override { return resultUsed; }
    bool resultsFit(std::uint32_t) const override { return true; }
};

} // namespace flowcast::sim
