#pragma once
// The interpreter of ONE Step Functions execution in virtual time. An Execution is a Kernel
// Component: every state step, task completion, wait end, retry back-off and timeout is a
// scheduled event, so many executions can share one Kernel. JSONPath states only for now:
// JSONata states and distributed Map fail the execution with "Flowcast.NotSupported" naming the
// state (TODO issue 3: distributed Map, variables, JSONata). Parallel branches and inline Map
// iterations run concurrently inside the same execution and history.
// Keeps the definition by reference (it must outlive the Execution) and its backend too.
#include "model/asl/Json.h"
#include "model/asl/StateMachine.h"
#include "model/asl/eval/EvalTypes.h"
#include "simulator/core/Kernel.h"
#include "simulator/exec/HistoryEvent.h"
#include "simulator/exec/TaskBackend.h"

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

namespace flowcast::sim {

enum class ExecutionStatus { NotStarted, Running, Succeeded, Failed, TimedOut };
std::string_view executionStatusName(ExecutionStatus status); ///< AWS's RUNNING, SUCCEEDED, ...

struct ExecutionOptions {
    std::string name = "execution-1";
    std::string stateMachineName = "StateMachine";
    /// AWS Standard workflows: "a hard quota of 25,000 entries in the execution event history".
    std::size_t maxHistoryEvents = 25'000;
    /// Run as an Express workflow: "Express Workflows can run for up to five minutes".
    bool express = false;
};

class Execution final : public Component, public TaskListener {
public:
    Execution(Kernel& kernel, const model::Json& definition, TaskBackend& backend,
              ExecutionOptions options = {});
    Execution(const Execution&) = delete; // the kernel holds its address
    Execution& operator=(const Execution&) = delete;

    /// Records ExecutionStarted at the kernel's current time and schedules the first state.
    void start(model::Json input);
    void handle(const Event& event) override;
    /// The end of an attempt a backend answered later; stale tickets are ignored.
    void taskFinished(const TaskTicket& ticket, TaskOutcome outcome) override;

    ExecutionStatus status() const { return m_status; }
    bool isFinished() const {
        return m_status != ExecutionStatus::NotStarted && m_status != ExecutionStatus::Running;
    }
    const model::Json& output() const { return m_output; }
    const std::string& error() const { return m_error; }
    const std::string& cause() const { return m_cause; }
    const std::vector<HistoryEvent>& history() const { return m_history; }
    /// Billed state transitions: each state entered, and each retry attempt.
    std::int64_t stateTransitions() const { return m_transitions; }
    SimTime startTime() const { return m_startTime; }
    SimTime endTime() const { return m_endTime; }

private:
    enum Kind : std::uint32_t {
        kEnter = 1,
        kTaskDone,
        kTaskTimeout,
        kWaitEnd,
        kRetry,
        kExecutionTimeout
    };

    class IntrinsicRandom final : public model::eval::RandomSource {
    public:
        explicit IntrinsicRandom(RandomStream& stream) : m_stream(stream) {}
        std::uint64_t next() override { return m_stream.next(); }

    private:
        RandomStream& m_stream;
    };

    // One branch of control: the top-level machine, a Parallel branch or a Map iteration. Each
    // has its own state in progress; events carry the frame's index as payload.
    struct Frame {
        std::size_t index = 0;
        const model::StateMachine* machine = nullptr;
        int parent = -1;      ///< the Parallel / Map frame waiting for this one
        std::size_t slot = 0; ///< where the parent puts this frame's output
        bool done = false;    ///< finished or aborted: its events are ignored
        std::string next;
        const model::State* state = nullptr;
        model::Json stateInput;       ///< raw input of the state
        model::Json effectiveInput;   ///< after InputPath / Parameters
        model::Json context;          ///< $$ for the state in progress
        model::Json mapItem;          ///< {"Index", "Value"} inside a Map iteration
        std::vector<int> retriesDone; ///< per Retrier of the state
        int retryCount = 0;           ///< $$.State.RetryCount
        SimTime enteredTime;
        TaskOutcome outcome;
        std::uint32_t attempt = 0; ///< serial of the attempt in progress (0 = none)
        EventId pending;
        EventId taskTimeout;
        // A Parallel or Map state in progress.
        std::vector<std::size_t> children;
        model::Json results;
        model::Json items;
        std::size_t nextItem = 0;
        std::size_t running = 0;
        std::size_t maxConcurrency = 0; ///< 0 = no limit
    };

    using Enter = void (Execution::*)(Frame&);
    // One per StateType, in enum order (Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map).
    void enterState(Frame& f);
    void enterTask(Frame& f);
    void enterPass(Frame& f);
    void enterChoice(Frame& f);
    void enterWait(Frame& f);
    void enterSucceed(Frame& f);
    void enterFail(Frame& f);
    void enterParallel(Frame& f);
    void enterMap(Frame& f);
    void enterUnsupported(Frame& f);

    void startAttempt(Frame& f);
    void onTaskDone(Frame& f);
    void onTaskTimeout(Frame& f);
    void onWaitEnd(Frame& f);
    void onRetry(Frame& f);
    void onExecutionTimeout();
    void stateError(Frame& f, const model::eval::EvalError& error);
    bool tryCatch(Frame& f, const std::string& error, const std::string& cause);
    void leaveState(Frame& f, const model::Json& output);
    void goTo(Frame& f, const std::string& next, const model::Json& input);
    void endScope(Frame& f, const model::Json& output);
    void failScope(Frame& f, const std::string& error, const std::string& cause);

    // Parallel and Map (ExecutionBranches.cpp).
    void startParallel(Frame& f);
    void startMap(Frame& f);
    bool startItems(Frame& f); ///< false when the Map state failed meanwhile
    void completeBranches(Frame& f);
    void branchesFailed(Frame& f, const std::string& error, const std::string& cause);
    Frame& spawn(Frame& parent, const model::StateMachine& machine, std::size_t slot,
                 const model::Json& input);
    void childSucceeded(Frame& child, const model::Json& output);
    void childFailed(Frame& child, const std::string& error, const std::string& cause);
    void abortChildren(Frame& f);

    bool emit(Frame& f, const std::string& type, const model::Json& details);
    bool emitExecution(const std::string& type, const std::string& state,
                       const model::Json& details);
    void append(const std::string& type, const std::string& state, model::Json details);
    void failExecution(const std::string& error, const std::string& cause);
    void finish(ExecutionStatus status);
    void updateContext(Frame& f);
    bool running() const { return m_status == ExecutionStatus::Running; }
    static const model::Json& raw(const Frame& f) { return *f.state->raw; }
    model::eval::Scope scope(const Frame& f, const model::Json& input) {
        return {input, f.context, nullptr, &m_intrinsicRandom};
    }

    Kernel& m_kernel;
    const model::Json& m_definition;
    model::StateMachine m_machine;
    TaskBackend& m_backend;
    ExecutionOptions m_options;
    std::uint32_t m_target = 0;
    IntrinsicRandom m_intrinsicRandom;
    RandomStream& m_jitter;

    ExecutionStatus m_status = ExecutionStatus::NotStarted;
    SimTime m_startTime;
    SimTime m_endTime;
    model::Json m_input;
    model::Json m_output;
    std::string m_error;
    std::string m_cause;
    std::vector<HistoryEvent> m_history;
    std::int64_t m_transitions = 0;
    std::deque<Frame> m_frames; ///< deque: references stay valid while branches are added
    std::map<std::string, int, std::less<>> m_invocations;
    std::uint32_t m_attempts = 0;
    EventId m_executionTimeout;
};

} // namespace flowcast::sim
