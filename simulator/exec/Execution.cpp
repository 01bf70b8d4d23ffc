#include "simulator/exec/Execution.h"

#include "model/asl/JsonTree.h"
#include "model/asl/eval/ChoiceEvaluator.h"
#include "model/asl/eval/DataFlow.h"
#include "model/asl/eval/JsonPath.h"
#include "model/asl/eval/Timestamp.h"
#include "model/pricing/PriceBook.h"
#include "simulator/core/Billing.h"
#include "simulator/exec/VirtualClock.h"

#include <array>

namespace flowcast::sim {

using model::Json;
using model::eval::EvalError;

namespace {

constexpr double kExpressLimitSeconds = 300; // Step Functions quotas: Express, 5 minutes

} // namespace

std::string_view executionStatusName(ExecutionStatus status) {
    static constexpr std::array<std::string_view, 5> kNames{"NOT_STARTED", "RUNNING", "SUCCEEDED",
                                                            "FAILED", "TIMED_OUT"};
    return kNames[static_cast<std::size_t>(status)];
}

Execution::Execution(Kernel& kernel, const Json& definition, TaskBackend& backend,
                     ExecutionOptions options)
    : Execution(kernel, std::make_unique<Program>(definition), nullptr, backend,
                std::move(options)) {}

Execution::Execution(Kernel& kernel, const Program& program, TaskBackend& backend,
                     ExecutionOptions options)
    : Execution(kernel, nullptr, &program, backend, std::move(options)) {}

Execution::Execution(Kernel& kernel, std::unique_ptr<Program> own, const Program* shared,
                     TaskBackend& backend, ExecutionOptions options)
    : m_kernel(kernel), m_ownProgram(std::move(own)), m_program(shared ? *shared : *m_ownProgram),
      m_backend(backend), m_options(std::move(options)),
      m_intrinsicRandom(m_options.intrinsicRandom ? *m_options.intrinsicRandom
                                                  : kernel.random(m_options.name + "/intrinsics")),
      m_jitter(m_options.retryJitter ? *m_options.retryJitter
                                     : kernel.random(m_options.name + "/retry-jitter")),
      m_invocations(m_program.stateCount(), 0) {
    if (m_options.eventTarget) {
        m_target = *m_options.eventTarget;
        m_payloadBase = m_options.eventTag << kFrameBits;
    } else {
        m_target = kernel.addComponent(*this);
    }
}

// Payloads go through releaseJson, which frees a tree faster than Json's destructor.
Execution::~Execution() {
    for (Frame& f : m_frames) {
        model::releaseJson(f.stateInput);
        model::releaseJson(f.effectiveInput);
        model::releaseJson(f.context);
        model::releaseJson(f.outcome.result);
    }
    model::releaseJson(m_input);
    model::releaseJson(m_output);
}

void Execution::start(Json input) {
    m_status = ExecutionStatus::Running;
    m_startTime = m_kernel.now();
    m_input = std::move(input);
    countEvent("ExecutionStarted");
    if (m_options.recordHistory) append("ExecutionStarted", "", {{"input", m_input}});
    if (m_options.probe) m_options.probe->executionStarted(m_options.serial, m_startTime);
    // The state machine's TimeoutSeconds, and for an Express workflow at most five minutes.
    double timeoutSeconds = m_program.timeoutSeconds().value_or(-1);
    if (m_options.express && (timeoutSeconds < 0 || timeoutSeconds > kExpressLimitSeconds))
        timeoutSeconds = kExpressLimitSeconds;
    if (timeoutSeconds >= 0)
        m_executionTimeout = m_kernel.schedule(SimTime::fromSeconds(timeoutSeconds), m_target,
                                               kExecutionTimeout, m_payloadBase);
    Frame& top = m_frames.emplace_back();
    if (m_program.usesVariables()) top.variables = newVariableScope(nullptr);
    goTo(top, m_program.startOf(m_program.machine()), Json(m_input), false);
}

void Execution::handle(const Event& event) {
    if (!running()) return;
    if (event.kind == kExecutionTimeout) return onExecutionTimeout();
    const std::uint64_t frame = event.payload & kFrameMask;
    if (frame >= m_frames.size() || m_frames[frame].done) return;
    Frame& f = m_frames[frame];
    switch (event.kind) {
    case kEnter:
        enterState(f);
        break;
    case kTaskDone:
        onTaskDone(f);
        break;
    case kTaskTimeout:
        onTaskTimeout(f);
        break;
    case kWaitEnd:
        onWaitEnd(f);
        break;
    case kRetry:
        onRetry(f);
        break;
    case kRunTimeout:
        if (isRunRoot(f))
            runEnded(m_runs[static_cast<std::size_t>(f.run)], RunEnd::Failed, {}, "States.Timeout",
                     "An Express execution cannot run for more than five minutes");
        break;
    default:
        break;
    }
}

// ---- states -----------------------------------------------------------------------------------

void Execution::enterState(Frame& f) {
    static constexpr std::array<Enter, 9> kEnterByType{
        &Execution::enterTask,     &Execution::enterPass,    &Execution::enterChoice,
        &Execution::enterWait,     &Execution::enterSucceed, &Execution::enterFail,
        &Execution::enterParallel, &Execution::enterMap,     &Execution::enterUnsupported};
    if (f.next->index == Target::kNone) {
        f.state = nullptr;
        return failFrame(f, "States.Runtime", "State '" + f.next->name + "' does not exist");
    }
    f.stateIndex = f.next->index;
    f.state = &m_program.state(f.stateIndex);
    f.stateOpen = true;
    f.retriesDone.assign(f.state->retry.size(), 0);
    f.retryCount = 0;
    f.enteredTime = m_kernel.now();
    updateContext(f);
    (this->*kEnterByType[static_cast<std::size_t>(f.state->type)])(f);
}

void Execution::enterUnsupported(Frame& f) {
    failFrame(f, "Flowcast.NotSupported",
              std::string(model::stateTypeName(f.state->type)) +
                  " state not supported yet by the simulator (state '" + f.state->name + "')");
}

void Execution::enterPass(Frame& f) {
    if (!emitEvent(f, "StateEntered", [&] { return Json{{"input", f.stateInput}}; })) return;
    const StatePlan& p = plan(f);
    if (p.jsonata) {
        auto out = jsonataOutput(f, nullptr, nullptr);
        if (!out.ok()) return failScope(f, out.error().error, out.error().cause);
        return leaveState(f, std::move(out.value()));
    }
    if (!p.assign) {
        auto out = p.dataFlow.passOutput(f.stateInput, &f.stateInput, f.context, f.variables,
                                         &m_intrinsicRandom);
        if (!out.ok()) return failScope(f, out.error().error, out.error().cause); // no Catch
        return leaveState(f, std::move(out.value()));
    }
    // Assign reads the Pass state's result: its Result, or its effective input.
    auto result = p.dataFlow.passResult(f.stateInput, f.context, f.variables, &m_intrinsicRandom);
    if (!result.ok()) return failScope(f, result.error().error, result.error().cause);
    auto values = evaluateAssign(f, *p.assign, result.value());
    if (!values.ok()) return failScope(f, values.error().error, values.error().cause);
    auto out = p.dataFlow.output(f.stateInput, &f.stateInput, std::move(result.value()), f.context,
                                 f.variables, &m_intrinsicRandom);
    if (!out.ok()) return failScope(f, out.error().error, out.error().cause);
    applyAssign(f, std::move(values.value()));
    leaveState(f, std::move(out.value()));
}

void Execution::enterChoice(Frame& f) {
    if (!emitEvent(f, "StateEntered", [&] { return Json{{"input", f.stateInput}}; })) return;
    if (auto error = prepareInput(f)) return failScope(f, error->error, error->cause);
    if (plan(f).jsonata) return enterJsonataChoice(f);
    const StatePlan& p = plan(f);
    auto selected = p.choices->select(scope(f, effectiveInput(f)));
    if (!selected.ok()) return failScope(f, selected.error().error, selected.error().cause);
    const Target& next = selected.value() ? p.choiceNext[*selected.value()] : p.defaultNext;
    if (next.name.empty())
        return failScope(f, "States.NoChoiceMatched",
                         "No Choice Rule matched the input in state '" + f.state->name + "'");
    // The state's Assign, then the matched rule's: both over the effective input.
    Json values;
    for (const auto* assign :
         {p.assign ? &*p.assign : nullptr, selected.value() && p.choiceAssign[*selected.value()]
                                               ? &*p.choiceAssign[*selected.value()]
                                               : nullptr}) {
        if (!assign) continue;
        auto more = evaluateAssign(f, *assign, effectiveInput(f));
        if (!more.ok()) return failScope(f, more.error().error, more.error().cause);
        if (values.is_null())
            values = std::move(more.value());
        else
            values.update(more.value());
    }
    auto out = passThroughOutput(f);
    if (!out.ok()) return failScope(f, out.error().error, out.error().cause);
    if (outputOverLimit(f, out.value())) return;
    if (!values.is_null()) applyAssign(f, std::move(values));
    if (!emitEvent(f, "StateExited", [&] { return Json{{"output", out.value()}}; })) return;
    reportState(f, StateResult::Succeeded, {});
    goTo(f, next, std::move(out.value()), true);
}

void Execution::enterWait(Frame& f) {
    if (!emitEvent(f, "StateEntered", [&] { return Json{{"input", f.stateInput}}; })) return;
    if (auto error = prepareInput(f)) return failScope(f, error->error, error->cause);
    const auto where = [&] { return "Wait state '" + f.state->name + "': "; };
    const Json null;
    Json storage;
    for (std::size_t i = 0; i < 2; ++i) { // Seconds, then Timestamp
        const StatePlan::WaitField& field = plan(f).wait[i];
        const Json* found = field.literal ? field.literal : &null;
        if (const auto* j = plan(f).jsonata.get()) {
            const auto& expression = i == 0 ? j->seconds : j->timestamp;
            if (!expression) continue;
            auto value = evaluateJsonata(*expression, jsonataBindings(f));
            if (!value.ok()) return failScope(f, value.error().error, value.error().cause);
            storage = std::move(value.value());
            found = &storage;
        } else if (field.path) {
            auto value = model::eval::findPath(*field.path, scope(f, effectiveInput(f)), storage);
            if (!value.ok()) return failScope(f, value.error().error, value.error().cause);
            found = value.value();
        }
        const Json& value = *found;
        if (value.is_null()) continue;
        if (i == 0) {
            // SecondsPath must name a non-negative integer (ASL: "a positive integer").
            if (!value.is_number_integer() || value.get<std::int64_t>() < 0)
                return failScope(f, "States.Runtime",
                                 where() + "seconds must be a non-negative integer, got " +
                                     value.dump());
            schedule(SimTime{value.get<std::int64_t>() * 1'000'000}, f, kWaitEnd, f.pending);
            return;
        }
        const auto ts = value.is_string() ? model::eval::parseTimestamp(value.get<std::string>())
                                          : std::nullopt;
        if (!ts)
            return failScope(f, "States.Runtime", where() + "invalid timestamp " + value.dump());
        f.pending = m_kernel.scheduleAt(virtualTimeOf(*ts), m_target, kWaitEnd,
                                        m_payloadBase | f.index); // past: ends now
        return;
    }
    failScope(f, "States.Runtime", where() + "no Seconds or Timestamp");
}

void Execution::onWaitEnd(Frame& f) {
    Json values;
    if (const auto& assign = plan(f).assign) {
        auto evaluated = evaluateAssign(f, *assign, effectiveInput(f));
        if (!evaluated.ok()) return failScope(f, evaluated.error().error, evaluated.error().cause);
        values = std::move(evaluated.value());
    }
    auto out = passThroughOutput(f);
    if (!out.ok()) return failScope(f, out.error().error, out.error().cause);
    if (!values.is_null()) applyAssign(f, std::move(values));
    leaveState(f, std::move(out.value()));
}

void Execution::enterSucceed(Frame& f) {
    if (!emitEvent(f, "StateEntered", [&] { return Json{{"input", f.stateInput}}; })) return;
    if (auto error = prepareInput(f)) return failScope(f, error->error, error->cause);
    auto out = passThroughOutput(f);
    if (!out.ok()) return failScope(f, out.error().error, out.error().cause);
    if (outputOverLimit(f, out.value())) return;
    if (!emitEvent(f, "StateExited", [&] { return Json{{"output", out.value()}}; })) return;
    reportState(f, StateResult::Succeeded, {});
    endScope(f, std::move(out.value()));
}

void Execution::enterFail(Frame& f) {
    if (!emitEvent(f, "StateEntered", [&] { return Json{{"input", f.stateInput}}; })) return;
    // Fail: ErrorPath / CausePath are reference paths into the state's input.
    std::array<std::string, 2> texts = plan(f).failTexts;
    if (const auto* j = plan(f).jsonata.get()) {
        const std::array<const JsonataPlan::Field*, 2> fields{&j->error, &j->cause};
        for (std::size_t i = 0; i < 2; ++i) {
            if (!*fields[i]) continue;
            auto value = evaluateJsonata(**fields[i], jsonataBindings(f));
            if (!value.ok()) return failScope(f, value.error().error, value.error().cause);
            texts[i] =
                value.value().is_string() ? value.value().get<std::string>() : value.value().dump();
        }
        return failScope(f, texts[0], texts[1]);
    }
    const std::array<const char*, 2> paths{"ErrorPath", "CausePath"};
    for (std::size_t i = 0; i < 2; ++i) {
        const auto& path = plan(f).failPaths[i];
        if (!path) continue;
        auto found = model::eval::evaluatePath(*path, scope(f, f.stateInput));
        if (!found.ok()) return failScope(f, found.error().error, found.error().cause);
        if (!found.value().is_string())
            return failScope(f, "States.Runtime",
                             std::string(paths[i]) + " of state '" + f.state->name +
                                 "' must name a string, got " + found.value().dump());
        texts[i] = found.value().get<std::string>();
    }
    failScope(f, texts[0], texts[1]);
}

// ---- transitions and history ------------------------------------------------------------------

void Execution::leaveState(Frame& f, Json&& output) {
    if (outputOverLimit(f, output)) return;
    reportState(f, StateResult::Succeeded, {});
    if (!emitEvent(f, "StateExited", [&] { return Json{{"output", output}}; })) return;
    const StatePlan& p = plan(f);
    if (p.endMalformed) (void)raw(f).value("End", false); // throws, as it always did
    if (p.end) return endScope(f, std::move(output));
    goTo(f, p.next, std::move(output), true);
}

void Execution::endScope(Frame& f, Json&& output) {
    if (f.parent >= 0) return childSucceeded(f, std::move(output));
    m_output = std::move(output);
    if (emitExecution("ExecutionSucceeded", "", [&] { return Json{{"output", m_output}}; }))
        finish(ExecutionStatus::Succeeded);
}

void Execution::goTo(Frame& f, const Target& next, Json&& input, bool checked) {
    f.next = &next;
    model::releaseJson(f.stateInput);
    f.stateInput = std::move(input);
    f.inputChecked = checked;
    schedule(SimTime{}, f, kEnter, f.pending);
}

void Execution::onExecutionTimeout() {
    const bool expressLimit = m_options.express && m_kernel.now() - m_startTime >=
                                                       SimTime::fromSeconds(kExpressLimitSeconds);
    const std::string cause =
        expressLimit ? "An Express execution cannot run for more than five minutes"
                     : "The execution did not finish within the state machine's TimeoutSeconds";
    if (emitExecution("ExecutionTimedOut", "", [&] {
            return Json{{"error", "States.Timeout"}, {"cause", cause}};
        })) {
        m_error = "States.Timeout";
        m_cause = cause;
        finish(ExecutionStatus::TimedOut);
    }
}

void Execution::failExecution(const std::string& error, const std::string& cause) {
    if (!emitExecution("ExecutionFailed", "", [&] {
            return Json{{"error", error}, {"cause", cause}};
        }))
        return;
    m_error = error;
    m_cause = cause;
    finish(ExecutionStatus::Failed);
}

void Execution::finish(ExecutionStatus status) {
    m_status = status;
    m_endTime = m_kernel.now();
    for (Frame& f : m_frames) {
        reportState(f, StateResult::Aborted, {});
        f.done = true;
        m_kernel.cancel(f.pending);
        m_kernel.cancel(f.taskTimeout);
    }
    m_kernel.cancel(m_executionTimeout);
    for (ChildRun& run : m_runs)
        if (!run.ended) runEnded(run, RunEnd::Stopped, {}, "", ""); // with the parent
    if (!m_options.probe) return;
    static constexpr std::array<EndStatus, 5> kEnd{EndStatus::Aborted, EndStatus::Aborted,
                                                   EndStatus::Succeeded, EndStatus::Failed,
                                                   EndStatus::TimedOut};
    const double billed = m_options.express ? expressBilledSeconds(m_endTime - m_startTime) : 0;
    m_options.probe->executionEnded(
        {m_options.serial, m_startTime, m_endTime, kEnd[static_cast<std::size_t>(status)], m_error,
         m_transitions, m_historyCount, m_expressChildren, m_expressChildSeconds, billed});
}

// Express workflows bill each execution's duration rounded up (Step Functions pricing: to
// 100 ms), so the rounding is applied here, at the end of each one, never to a mean.
double Execution::expressBilledSeconds(SimTime duration) const {
    static constexpr std::string_view kPrice = "stepfunctions.express.duration";
    const model::RequestRules& rules = m_options.expressBilling
                                           ? *m_options.expressBilling
                                           : model::PriceBook::defaults().at(kPrice).rules;
    return billedMilliseconds(rules, duration) / 1000.0;
}

// AWS: "When an execution reaches 24,999 events ... If the event number 25,000 isn't
// ExecutionSucceeded, the ExecutionFailed event is logged and the state machine execution fails".
bool Execution::countEvent(std::string_view type) {
    if (!running()) return false;
    const bool last = m_historyCount + 1 >= m_options.maxHistoryEvents;
    if (last && type != "ExecutionSucceeded" && type != "ExecutionFailed" &&
        type != "ExecutionTimedOut") {
        m_error = "States.Runtime";
        m_cause = "The execution reached the maximum number of history events (" +
                  std::to_string(m_options.maxHistoryEvents) + ").";
        ++m_historyCount;
        if (m_options.recordHistory)
            append("ExecutionFailed", "", {{"error", m_error}, {"cause", m_cause}});
        finish(ExecutionStatus::Failed);
        return false;
    }
    ++m_historyCount;
    return true;
}

void Execution::reportState(Frame& f, StateResult result, std::string_view error) {
    if (!f.stateOpen) return;
    f.stateOpen = false;
    if (m_options.probe)
        m_options.probe->stateEnded({f.stateIndex, f.enteredTime, m_kernel.now(), result, error,
                                     f.retryCount, m_options.serial});
}

void Execution::schedule(SimTime delay, Frame& f, Kind kind, EventId& id) {
    id = m_kernel.schedule(delay, m_target, kind, m_payloadBase | f.index);
}

void Execution::append(std::string type, const std::string& state, Json details) {
    HistoryEvent event;
    event.id = static_cast<std::int64_t>(m_history.size()) + 1;
    event.previousEventId = event.id - 1;
    event.time = m_kernel.now();
    event.type = std::move(type);
    event.stateName = state;
    if (!state.empty()) details["name"] = state;
    event.details = std::move(details);
    m_history.push_back(std::move(event));
}

} // namespace flowcast::sim
