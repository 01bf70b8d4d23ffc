// Task states and errors: an attempt on the backend, its timeout and heartbeat, Retry with its
// back-off, and an error caught by a Catch or failing the scope (ASL "Error handling").
#include "simulator/exec/Execution.h"

#include "model/asl/JsonTree.h"
#include "model/asl/eval/DataFlow.h"
#include "model/asl/eval/JsonPath.h"
#include "simulator/exec/RetryPolicy.h"

namespace flowcast::sim {

using model::Json;
using model::eval::EvalError;

// ---- Task -------------------------------------------------------------------------------------

void Execution::enterTask(Frame& f) {
    if (!emitEvent(f, "StateEntered", [&] { return Json{{"input", f.stateInput}}; })) return;
    if (auto error = prepareInput(f)) return stateError(f, *error);
    startAttempt(f);
}

// TimeoutSeconds / HeartbeatSeconds, or their Path forms read from the effective input.
bool Execution::secondsField(Frame& f, std::optional<double>& seconds,
                             const std::optional<model::eval::CompiledPath>& path,
                             const char* field) {
    if (!path) return true;
    auto found = model::eval::evaluatePath(*path, scope(f, effectiveInput(f)));
    if (!found.ok()) {
        failScope(f, found.error().error, found.error().cause);
        return false;
    }
    if (!found.value().is_number() || found.value().get<double>() <= 0) {
        failScope(f, "States.Runtime",
                  std::string(field) + " of state '" + f.state->name +
                      "' must name a positive number, got " + found.value().dump());
        return false;
    }
    seconds = found.value().get<double>();
    return true;
}

void Execution::startAttempt(Frame& f) {
    std::optional<double> timeoutSeconds = plan(f).timeoutSeconds;
    std::optional<double> heartbeatSeconds = plan(f).heartbeatSeconds;
    if (const auto* j = plan(f).jsonata.get()) {
        if (!jsonataNumber(f, j->timeoutSeconds, "TimeoutSeconds", timeoutSeconds) ||
            !jsonataNumber(f, j->heartbeatSeconds, "HeartbeatSeconds", heartbeatSeconds))
            return;
    }
    if (!secondsField(f, timeoutSeconds, plan(f).timeoutSecondsPath, "TimeoutSecondsPath") ||
        !secondsField(f, heartbeatSeconds, plan(f).heartbeatSecondsPath, "HeartbeatSecondsPath"))
        return;
    const auto scheduled = [&] {
        Json details{{"resource", f.state->resource}, {"parameters", effectiveInput(f)}};
        if (timeoutSeconds) details["timeoutInSeconds"] = *timeoutSeconds;
        return details;
    };
    if (!emitEvent(f, "TaskScheduled", scheduled) || !emitEvent(f, "TaskStarted", [&] {
            return Json{{"resource", f.state->resource}};
        }))
        return;
    const int invocation = m_invocations[f.stateIndex]++;
    f.attempt = ++m_attempts;
    const TaskCall call{
        f.state->name,
        f.stateIndex,
        f.state->resource,
        effectiveInput(f),
        invocation,
        TaskTicket{m_options.serial, static_cast<std::uint32_t>(f.index), f.attempt},
        m_options.listener ? *m_options.listener : *this,
        resultUsed(f)};
    if (auto outcome = m_backend.start(call)) {
        model::releaseJson(f.outcome.result); // what the last attempt's data flow left of it
        f.outcome = std::move(*outcome);
        schedule(f.outcome.duration, f, kTaskDone, f.pending);
    }
    // At equal times the completion, scheduled first, wins over the timeout. A simulated task
    // never sends a heartbeat, so HeartbeatSeconds (always below TimeoutSeconds) ends any
    // attempt that lasts longer with States.HeartbeatTimeout.
    f.heartbeatTimeout =
        heartbeatSeconds.has_value() && (!timeoutSeconds || *heartbeatSeconds < *timeoutSeconds);
    if (f.heartbeatTimeout)
        schedule(SimTime::fromSeconds(*heartbeatSeconds), f, kTaskTimeout, f.taskTimeout);
    else if (timeoutSeconds)
        schedule(SimTime::fromSeconds(*timeoutSeconds), f, kTaskTimeout, f.taskTimeout);
}

void Execution::taskFinished(const TaskTicket& ticket, TaskOutcome outcome) {
    if (!running() || ticket.frame >= m_frames.size()) return;
    Frame& f = m_frames[ticket.frame];
    if (f.done || f.attempt != ticket.attempt) return; // timed out, aborted, or retried since
    model::releaseJson(f.outcome.result);
    f.outcome = std::move(outcome);
    onTaskDone(f);
}

bool Execution::resultUsed(const Frame& f) const {
    const StatePlan& p = plan(f);
    return f.state->type != model::StateType::Task || m_options.recordHistory || p.jsonata ||
           p.assign || p.dataFlow.usesResult();
}

void Execution::onTaskDone(Frame& f) {
    if (f.state->type == model::StateType::Map) return itemsRead(f); // its ItemReader's call
    f.attempt = 0;
    m_kernel.cancel(f.taskTimeout);
    const TaskOutcome& o = f.outcome;
    if (o.failed) {
        if (!emitEvent(f, "TaskFailed", [&] {
                return Json{
                    {"resource", f.state->resource}, {"error", o.error}, {"cause", o.cause}};
            }))
            return;
        return stateError(f, {o.error, o.cause});
    }
    if (!emitEvent(f, "TaskSucceeded", [&] {
            return Json{{"resource", f.state->resource}, {"output", o.result}};
        }))
        return;
    // A backend vouches for results it gives or echoes; an echo of an unchecked input is not.
    const bool vouched =
        m_backend.resultsFit(f.stateIndex) && (f.effective != &f.stateInput || f.inputChecked);
    if (!vouched && overLimit(f, f.outcome.result, "result")) return;
    auto out = resultOutput(f, std::move(f.outcome.result));
    if (!out.ok()) return stateError(f, out.error());
    leaveState(f, std::move(out.value()));
}

void Execution::onTaskTimeout(Frame& f) {
    m_kernel.cancel(f.pending);
    f.attempt = 0;
    const std::string error = f.heartbeatTimeout ? "States.HeartbeatTimeout" : "States.Timeout";
    const std::string cause =
        f.heartbeatTimeout
            ? "Task '" + f.state->name + "' sent no heartbeat within its HeartbeatSeconds"
            : "Task '" + f.state->name + "' did not finish within its TimeoutSeconds";
    if (!emitEvent(f, "TaskTimedOut", [&] {
            return Json{{"resource", f.state->resource}, {"error", error}, {"cause", cause}};
        }))
        return;
    stateError(f, {error, cause});
}

void Execution::onRetry(Frame& f) {
    // The retry of a state whose InputPath or Parameters failed runs them again.
    if (!f.effective)
        if (auto error = prepareInput(f)) return stateError(f, *error);
    if (f.state->type == model::StateType::Parallel) return startParallel(f);
    if (f.state->type == model::StateType::Map) return startMap(f);
    startAttempt(f);
}

// ---- errors -----------------------------------------------------------------------------------

// Retry first (the first Retrier whose ErrorEquals matches decides, exhausted or not), then Catch,
// else the error ends the scope: the execution, or the Parallel / Map around this branch.
void Execution::stateError(Frame& f, const EvalError& failure) {
    const auto& retriers = f.state->retry;
    for (std::size_t i = 0; i < retriers.size(); ++i) {
        if (!errorMatches(retriers[i].errorEquals, failure.error)) continue;
        if (f.retriesDone[i] >= retriers[i].maxAttempts) break;
        const SimTime delay = retryDelay(retriers[i], f.retriesDone[i], m_jitter);
        ++f.retriesDone[i];
        ++f.retryCount;
        addTransition(f); // AWS bills each retry as a state transition
        updateContext(f);
        schedule(delay, f, kRetry, f.pending);
        return;
    }
    if (!tryCatch(f, failure.error, failure.cause)) failScope(f, failure.error, failure.cause);
}

bool Execution::tryCatch(Frame& f, const std::string& error, const std::string& cause) {
    const auto& catchers = plan(f).catchers;
    for (std::size_t index = 0; index < catchers.size(); ++index) {
        const StatePlan::Catcher& catcher = catchers[index];
        if (!catcher.errorEquals) continue;
        if (!catcher.errorsAreStrings) // not names: json's get throws, as it always did
            (void)catcher.errorEquals->get<std::vector<std::string>>();
        if (!errorMatches(catcher.errors, error)) continue;
        // Catch: the error output {"Error", "Cause"} goes into the RAW input at ResultPath.
        reportState(f, StateResult::Caught, error);
        Json output;
        if (const auto* j = plan(f).jsonata.get()) { // Output / Assign over $states.errorOutput
            const Json errorOutput{{"Error", error}, {"Cause", cause}};
            auto out = jsonataOutput(f, nullptr, &j->catchers[index], &errorOutput);
            if (!out.ok()) {
                failScope(f, out.error().error, out.error().cause);
                return true;
            }
            output = std::move(out.value());
        } else if (catcher.placesError) {
            auto placed = model::eval::applyResultPath(std::move(f.stateInput), catcher.resultPath,
                                                       Json{{"Error", error}, {"Cause", cause}});
            if (!placed.ok()) {
                failScope(f, placed.error().error, placed.error().cause);
                return true;
            }
            output = std::move(placed.value());
        } else {
            output = std::move(f.stateInput);
        }
        if (catcher.assign) { // over the error output
            auto values =
                evaluateAssign(f, *catcher.assign, Json{{"Error", error}, {"Cause", cause}});
            if (!values.ok()) {
                failScope(f, values.error().error, values.error().cause);
                return true;
            }
            applyAssign(f, std::move(values.value()));
        }
        if (overLimit(f, output, "output", false)) return true;
        if (emitEvent(f, "StateExited", [&] { return Json{{"output", output}}; }))
            goTo(f, catcher.next, std::move(output), true);
        return true;
    }
    return false;
}

void Execution::failScope(Frame& f, const std::string& error, const std::string& cause) {
    reportState(f, StateResult::Failed, error);
    // AWS: "A States.Runtime error isn't retriable, and will always cause the execution to fail."
    // Inside a distributed Map's child, that execution is the child.
    if (isRunRoot(f) || (f.run >= 0 && error == "States.Runtime"))
        return failFrame(f, error, cause);
    if (f.parent < 0 || error == "States.Runtime") return failExecution(error, cause);
    childFailed(f, error, cause);
}

void Execution::failFrame(Frame& f, const std::string& error, const std::string& cause) {
    if (f.run < 0) return failExecution(error, cause);
    runEnded(m_runs[static_cast<std::size_t>(f.run)], RunEnd::Failed, {}, error, cause);
}

} // namespace flowcast::sim
