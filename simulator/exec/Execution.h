#pragma once
// The interpreter of ONE Step Functions execution in virtual time. An Execution is a Kernel
// Component: every state step, task completion, wait end, retry back-off and timeout is a
// scheduled event, so many executions can share one Kernel. JSONPath and JSONata states, mixed
// as AWS allows (ExecutionJsonata.cpp evaluates the JSONata fields).
// Parallel branches and inline Map iterations run concurrently inside the same execution and
// history, each with its own scope of workflow variables. A distributed Map runs its items as
// child workflow executions (ExecutionDistributed.cpp): each has its own event count and
// status, its failures count against the Map Run's tolerated threshold instead of failing the
// parent, Express children stop at five minutes and are billed apart.
// Keeps the definition by reference (it must outlive the Execution) and its backend too.
#include "model/asl/Json.h"
#include "model/asl/StateMachine.h"
#include "model/asl/eval/EvalTypes.h"
#include "simulator/core/Kernel.h"
#include "simulator/core/Observer.h"
#include "simulator/exec/HistoryEvent.h"
#include "simulator/exec/Program.h"
#include "simulator/exec/TaskBackend.h"
#include "simulator/exec/VariableScope.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace flowcast::model {
class RequestRules;
}

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

    // For simulations of many executions sharing one Kernel (see Simulation):
    std::uint64_t serial = 0;  ///< the execution's number, carried in its task tickets
    bool recordHistory = true; ///< false: events are counted (the 25,000 limit holds) not kept
    Probe* probe = nullptr;    ///< receives stateEnded / executionEnded records
    /// Backends report late task ends here (the simulation routes them back); default: itself.
    TaskListener* listener = nullptr;
    /// Events go to this kernel target with payload (tag << 24 | frame) instead of to the
    /// Execution registered as its own component; the target forwards them to handle().
    std::optional<std::uint32_t> eventTarget;
    std::uint64_t eventTag = 0;
    /// Shared streams (default: streams named after the execution).
    RandomStream* intrinsicRandom = nullptr;
    RandomStream* retryJitter = nullptr;
    /// How an Express execution's duration is billed (the price book's
    /// "stepfunctions.express.duration" rules; not owned); null: the built-in book's.
    const model::RequestRules* expressBilling = nullptr;
};

class Execution final : public Component, public TaskListener {
public:
    Execution(Kernel& kernel, const model::Json& definition, TaskBackend& backend,
              ExecutionOptions options = {});
    /// Shares a prepared Program (kept by reference: it must outlive the Execution).
    Execution(Kernel& kernel, const Program& program, TaskBackend& backend,
              ExecutionOptions options = {});
    ~Execution() override;
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
    /// Events in the history, kept or only counted.
    std::size_t historyEventCount() const { return m_historyCount; }
    /// Billed state transitions: each state entered, and each retry attempt.
    std::int64_t stateTransitions() const { return m_transitions; }
    /// Child workflow executions of distributed Maps run as Express (billed per request and
    /// duration, not per transition), and their billed seconds (each rounded up as
    /// ExecutionOptions::expressBilling says: 100 ms in the built-in book).
    std::int64_t expressChildExecutions() const { return m_expressChildren; }
    double expressChildBilledSeconds() const { return m_expressChildSeconds; }
    /// Child workflow executions of distributed Maps started, in all.
    std::int64_t childExecutions() const { return static_cast<std::int64_t>(m_runs.size()); }
    SimTime startTime() const { return m_startTime; }
    SimTime endTime() const { return m_endTime; }

private:
    enum Kind : std::uint32_t {
        kEnter = 1,
        kTaskDone,
        kTaskTimeout,
        kWaitEnd,
        kRetry,
        kExecutionTimeout,
        kRunTimeout ///< an Express child execution reached five minutes
    };

    Execution(Kernel& kernel, std::unique_ptr<Program> own, const Program* shared,
              TaskBackend& backend, ExecutionOptions options);

    static constexpr int kFrameBits = 24; ///< event payload: (tag << 24) | frame
    static constexpr std::uint64_t kFrameMask = (1ull << kFrameBits) - 1;

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
        int parent = -1;              ///< the Parallel / Map frame waiting for this one
        std::size_t slot = 0;         ///< where the parent puts this frame's output
        bool done = false;            ///< finished or aborted: its events are ignored
        const Target* next = nullptr; ///< the state to enter (in the Program)
        const model::State* state = nullptr;
        std::uint32_t stateIndex = 0; ///< in the Program
        bool stateOpen = false;       ///< entered, its end not reported yet
        model::Json stateInput;       ///< raw input of the state
        bool inputChecked = false;    ///< stateInput is known to be within the payload limit
        model::Json effectiveInput;   ///< after InputPath / Parameters, when computed
        /// The effective input: stateInput itself, effectiveInput, or a constant of the Program.
        const model::Json* effective = nullptr;
        model::Json context;                 ///< $$ for the state in progress
        model::Json* contextState = nullptr; ///< $$.State, once the context is built
        bool contextHasInput = false;        ///< $$.Execution.Input filled in
        model::Json mapItem;                 ///< {"Index", "Value"} inside a Map iteration
        VariableScope* variables = nullptr;  ///< when the Program assigns variables
        std::vector<int> retriesDone;        ///< per Retrier of the state
        int retryCount = 0;                  ///< $$.State.RetryCount
        SimTime enteredTime;
        TaskOutcome outcome;
        std::uint32_t attempt = 0;     ///< serial of the attempt in progress (0 = none)
        bool heartbeatTimeout = false; ///< the attempt's timer is HeartbeatSeconds
        EventId pending;
        EventId taskTimeout;
        // A Parallel or Map state in progress.
        std::vector<std::size_t> children;
        model::Json results;
        model::Json items;
        std::size_t nextItem = 0;
        std::size_t running = 0;
        std::size_t maxConcurrency = 0; ///< 0 = no limit
        int run = -1;    ///< the child execution (m_runs) this frame belongs to; -1: the parent
        int mapRun = -1; ///< a distributed Map in progress: its Map Run (m_mapRuns)
    };
    // A child workflow execution of a distributed Map: its root frame and its own accounting.
    struct ChildRun {
        std::size_t root = 0;
        bool express = false;
        bool ended = false;
        std::size_t items = 1; ///< items in its input (a batch counts each)
        std::size_t events = 0;
        std::string name;
        model::Json input;
        SimTime started;
        EventId timeout;
    };
    // The figures of one distributed Map state's run.
    struct MapRun {
        std::size_t totalItems = 0;
        std::size_t failedItems = 0;
        std::optional<double> toleratedCount;
        std::optional<double> toleratedPercentage;
        model::Json writerDetails;           ///< ResultWriterDetails, when results go to S3
        std::vector<std::size_t> childItems; ///< items per child input
        std::string arn;
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
    bool secondsField(Frame& f, std::optional<double>& seconds,
                      const std::optional<model::eval::CompiledPath>& path, const char* field);
    void onTaskDone(Frame& f);
    void onTaskTimeout(Frame& f);
    void onWaitEnd(Frame& f);
    void onRetry(Frame& f);
    void onExecutionTimeout();
    void stateError(Frame& f, const model::eval::EvalError& error);
    bool tryCatch(Frame& f, const std::string& error, const std::string& cause);
    void leaveState(Frame& f, model::Json&& output);
    /// ResultSelector, Assign, ResultPath, OutputPath over a Task / Parallel / Map result.
    model::eval::Result<model::Json> resultOutput(Frame& f, model::Json&& result);
    /// The values an Assign gives, with `value` as "$" and the variables as the state found them.
    model::eval::Result<model::Json>
    evaluateAssign(Frame& f, const model::eval::PayloadTemplate& assign, const model::Json& value);
    void applyAssign(Frame& f, model::Json&& values);
    /// States.DataLimitExceeded when `payload` is over 256 KiB: true when it ended the scope.
    bool overLimit(Frame& f, const model::Json& payload, std::string_view what,
                   bool catchable = true);
    /// overLimit for a state's output, skipped when a JSONPath state's output is a part of an
    /// input already checked (ResultPath null, Choice, Wait, Succeed).
    bool outputOverLimit(Frame& f, const model::Json& output);
    VariableScope* newVariableScope(const VariableScope* outer);
    /// `checked`: the input passed the payload limit check as the previous state's output.
    void goTo(Frame& f, const Target& next, model::Json&& input, bool checked);
    void endScope(Frame& f, model::Json&& output);
    void failScope(Frame& f, const std::string& error, const std::string& cause);

    // Parallel and Map (ExecutionBranches.cpp).
    void startParallel(Frame& f);
    void startMap(Frame& f);
    bool startItems(Frame& f); ///< false when the Map state failed meanwhile
    void completeBranches(Frame& f);
    void branchesFailed(Frame& f, const std::string& error, const std::string& cause);
    Frame& spawn(Frame& parent, const model::StateMachine& machine, std::size_t slot,
                 model::Json input);
    void childSucceeded(Frame& child, model::Json&& output);
    void childFailed(Frame& child, const std::string& error, const std::string& cause);
    void abortChildren(Frame& f);
    void stopFrame(Frame& f); ///< ends a frame and everything under it now
    void releaseData(Frame& f);

    // JSONata states (ExecutionJsonata.cpp).
    /// Variables, and $states: the state's input, its result or error output, the context.
    model::Json jsonataBindings(Frame& f, const model::Json* result = nullptr,
                                const model::Json* errorOutput = nullptr);
    model::eval::Result<model::Json> evaluateJsonata(const model::eval::JsonataTemplate& field,
                                                     const model::Json& bindings);
    std::optional<model::eval::EvalError> jsonataInput(Frame& f); ///< Arguments
    /// Output and Assign (a Choice rule's too, or a Catcher's over `errorOutput`).
    model::eval::Result<model::Json> jsonataOutput(Frame& f, const model::Json* result,
                                                   const JsonataPlan::Rule* rule,
                                                   const model::Json* errorOutput = nullptr);
    void enterJsonataChoice(Frame& f);
    bool jsonataNumber(Frame& f, const JsonataPlan::Field& field, const char* name,
                       std::optional<double>& out);

    // Distributed Map (ExecutionDistributed.cpp).
    void startDistributed(Frame& f);
    void readItems(Frame& f); ///< the ItemReader's call through the task backend
    void itemsRead(Frame& f);
    void startMapRun(Frame& f, model::Json&& items);
    bool startRuns(Frame& f);                         ///< false when the Map state failed meanwhile
    enum class RunEnd { Succeeded, Failed, Stopped }; ///< Stopped: by its Map Run or parent
    void runEnded(ChildRun& run, RunEnd how, model::Json&& output, const std::string& error,
                  const std::string& cause);
    void completeMapRun(Frame& f);
    /// Counts an event of a child execution; false when that child has ended (here perhaps).
    bool countRunEvent(Frame& f, std::string_view type);
    const ChildRun& runOf(const Frame& f) const { return m_runs[static_cast<std::size_t>(f.run)]; }
    bool isRunRoot(const Frame& f) const {
        return f.run >= 0 && m_runs[static_cast<std::size_t>(f.run)].root == f.index;
    }
    /// A state entered or retried: billed, unless it belongs to an Express child.
    void addTransition(const Frame& f) {
        if (f.run < 0 || !m_runs[static_cast<std::size_t>(f.run)].express) ++m_transitions;
    }
    /// Ends the frame's execution with an error: the child execution it belongs to, or this one.
    void failFrame(Frame& f, const std::string& error, const std::string& cause);
    /// A number from a *Path field of the state; false when it failed the state.
    bool pathNumber(Frame& f, const model::eval::CompiledPath& path, const char* field,
                    double& out);

    /// Adds a history event whose details `makeDetails()` builds only when history is kept.
    /// False when the execution has ended (the event limit may end it here).
    template <class MakeDetails>
    bool emitEvent(Frame& f, std::string_view type, MakeDetails&& makeDetails) {
        if (f.run >= 0) return countRunEvent(f, type); // its own history, not kept here
        if (!countEvent(type)) return false;
        if (type == "StateEntered") ++m_transitions;
        if (m_options.recordHistory) {
            const bool generic = type.starts_with("State");
            append(generic ? std::string(model::stateTypeName(f.state->type)) + std::string(type)
                           : std::string(type),
                   f.state->name, makeDetails());
        }
        return true;
    }
    template <class MakeDetails>
    bool emitExecution(std::string_view type, const std::string& state, MakeDetails&& makeDetails) {
        if (!countEvent(type)) return false;
        if (m_options.recordHistory) append(std::string(type), state, makeDetails());
        return true;
    }
    /// A Map iteration's event: in the history of the execution the Map state belongs to.
    template <class MakeDetails>
    bool emitIteration(Frame& map, std::string_view type, MakeDetails&& makeDetails) {
        if (map.run >= 0) return countRunEvent(map, type);
        return emitExecution(type, map.state->name, std::forward<MakeDetails>(makeDetails));
    }
    bool countEvent(std::string_view type);
    void append(std::string type, const std::string& state, model::Json details);
    void reportState(Frame& f, StateResult result, std::string_view error);
    void schedule(SimTime delay, Frame& f, Kind kind, EventId& id);
    void failExecution(const std::string& error, const std::string& cause);
    void finish(ExecutionStatus status);
    /// An Express (child) execution's duration as billed, in seconds.
    double expressBilledSeconds(SimTime duration) const;
    void updateContext(Frame& f);
    void buildContext(Frame& f);
    bool running() const { return m_status == ExecutionStatus::Running; }
    static const model::Json& raw(const Frame& f) { return *f.state->raw; }
    const StatePlan& plan(const Frame& f) const { return m_program.plan(f.stateIndex); }
    /// InputPath and Parameters of the state in progress; the error when they fail.
    std::optional<model::eval::EvalError> prepareInput(Frame& f);
    static const model::Json& effectiveInput(const Frame& f) { return *f.effective; }
    /// Whether a Task's result is read (see TaskCall::resultUsed).
    bool resultUsed(const Frame& f) const;
    /// Whether nothing reads a Task's effective input: the backend does not (readsInput), no
    /// history is kept, no *SecondsPath reads it. Then only its errors and size are checked.
    bool effectiveInputUnread(const Frame& f) const;
    model::eval::EvalError inputOverLimit(const Frame& f) const;
    /// A Map state's items (ItemsPath, or JSONata Items); nullopt when it failed the scope.
    std::optional<model::Json> mapItems(Frame& f);
    /// The output of a state whose result is its effective input (Choice, Wait, Succeed). Their
    /// only output errors are States.Runtime, which end the scope: the inputs are given up.
    model::eval::Result<model::Json> passThroughOutput(Frame& f);
    model::eval::Scope scope(const Frame& f, const model::Json& input) {
        return {input, f.context, f.variables, &m_intrinsicRandom};
    }

    Kernel& m_kernel;
    std::unique_ptr<Program> m_ownProgram; ///< when built from a bare definition
    const Program& m_program;
    TaskBackend& m_backend;
    ExecutionOptions m_options;
    std::uint32_t m_target = 0;
    std::uint64_t m_payloadBase = 0;
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
    std::size_t m_historyCount = 0;
    std::int64_t m_transitions = 0;
    std::deque<Frame> m_frames; ///< deque: references stay valid while branches are added
    std::deque<VariableScope> m_variableScopes;
    std::deque<ChildRun> m_runs;
    std::deque<MapRun> m_mapRuns;
    std::int64_t m_expressChildren = 0;
    double m_expressChildSeconds = 0;
    std::vector<int> m_invocations; ///< per Program state index
    std::uint32_t m_attempts = 0;
    EventId m_executionTimeout;
};

} // namespace flowcast::sim
