#include "simulator/exec/Execution.h"

#include "model/asl/JsonTree.h"
#include "model/asl/eval/PayloadSize.h"
#include "simulator/exec/VirtualClock.h"

// The data side of an execution: the context object $$, the effective input and output of a
// state, workflow variables (Assign) and the 256 KiB payload quota. The control flow is in
// Execution.cpp, Parallel and Map in ExecutionBranches.cpp.
namespace flowcast::sim {

using model::Json;
using model::eval::EvalError;

namespace {

const char* const kAccount = "arn:aws:states:us-east-1:123456789012:";

} // namespace

// ---- context object ---------------------------------------------------------------------------

// Only the State part changes from visit to visit; it is rewritten in place.
void Execution::updateContext(Frame& f) {
    if (f.state && !m_program.usesContext(f.stateIndex)) return; // built only where read
    if (!f.contextState) return buildContext(f);
    if (f.state && !f.contextHasInput && m_program.needsExecutionInput(f.stateIndex)) {
        f.context["Execution"]["Input"] = f.run >= 0 ? runOf(f).input : m_input;
        f.contextHasInput = true;
    }
    // EnteredTime, Name, RetryCount, in the order buildContext() wrote them.
    auto entry = f.contextState->get_ref<Json::object_t&>().begin();
    writeIsoTimestamp(f.enteredTime, entry[0].second.get_ref<std::string&>());
    std::string& name = entry[1].second.get_ref<std::string&>();
    if (f.state)
        name = f.state->name;
    else
        name.clear();
    entry[2].second = f.retryCount;
}

// Entries appended in order (no initializer lists: they copy every nested value again).
void Execution::buildContext(Frame& f) {
    const auto object = [](std::size_t size) {
        Json::object_t entries;
        entries.reserve(size);
        return entries;
    };
    const std::string& machine = m_options.stateMachineName;
    // A distributed Map's child is an execution of its own: its name, input and start.
    const ChildRun* run = f.run >= 0 ? &runOf(f) : nullptr;
    const std::string& name = run ? run->name : m_options.name;
    Json::object_t execution = object(6);
    execution.emplace_back("Id", kAccount + std::string("execution:") + machine + ":" + name);
    // $$.Execution.Input only for states that may read it (null until then; see Program).
    f.contextHasInput = f.state && m_program.needsExecutionInput(f.stateIndex);
    execution.emplace_back("Input", f.contextHasInput ? (run ? run->input : m_input) : Json());
    execution.emplace_back("Name", name);
    execution.emplace_back("RoleArn", "arn:aws:iam::123456789012:role/flowcast-simulated");
    execution.emplace_back("StartTime", isoTimestamp(run ? run->started : m_startTime));
    // AWS (Context object): "The value of the RedriveCount context object is 0, if you've not yet
    // redriven an execution." Flowcast never redrives.
    execution.emplace_back("RedriveCount", 0);
    Json::object_t state = object(3);
    state.emplace_back("EnteredTime", isoTimestamp(f.enteredTime));
    state.emplace_back("Name", f.state ? f.state->name : std::string());
    state.emplace_back("RetryCount", f.retryCount);
    Json::object_t stateMachine = object(2);
    stateMachine.emplace_back("Id", kAccount + std::string("stateMachine:") + machine);
    stateMachine.emplace_back("Name", machine);
    Json::object_t context = object(4);
    context.emplace_back("Execution", std::move(execution));
    context.emplace_back("State", std::move(state));
    context.emplace_back("StateMachine", std::move(stateMachine));
    if (!f.mapItem.is_null()) {
        Json::object_t map = object(1);
        map.emplace_back("Item", f.mapItem);
        context.emplace_back("Map", std::move(map));
    }
    f.context = std::move(context);
    f.contextState = &f.context["State"];
}

// ---- effective input and output ---------------------------------------------------------------

std::optional<EvalError> Execution::prepareInput(Frame& f) {
    if (plan(f).jsonata) return jsonataInput(f);
    const model::eval::StateDataFlow& flow = plan(f).dataFlow;
    f.effective = &f.stateInput; // no InputPath, no Parameters: no copy
    if (flow.keepsInput()) return std::nullopt;
    if ((f.effective = flow.constantInput())) { // the same on every visit, measured once
        if (flow.constantInputFits()) return std::nullopt;
        f.effective = nullptr;
        return inputOverLimit(f);
    }
    if (effectiveInputUnread(f)) {
        auto fits = flow.effectiveInputFits(f.stateInput, f.context, f.variables,
                                            &m_intrinsicRandom, model::eval::kPayloadLimitBytes);
        if (!fits.ok()) return fits.error();
        if (!fits.value()) return inputOverLimit(f);
        static const Json kUnread; // what the backend is given instead: null
        f.effective = &kUnread;
        return std::nullopt;
    }
    auto eff = flow.effectiveInput(f.stateInput, f.context, f.variables, &m_intrinsicRandom);
    if (!eff.ok()) return eff.error(); // f.effective stays null: a retry evaluates them again
    // AWS: States.DataLimitExceeded when, "after Parameters processing, the input of a state is
    // larger than the payload size quota".
    if (model::eval::exceedsPayloadLimit(eff.value())) return inputOverLimit(f);
    model::releaseJson(f.effectiveInput);
    f.effectiveInput = std::move(eff.value());
    f.effective = &f.effectiveInput;
    return std::nullopt;
}

EvalError Execution::inputOverLimit(const Frame& f) const {
    return {"States.DataLimitExceeded", "The input of state '" + f.state->name +
                                            "' after InputPath and Parameters is over 256 KiB"};
}

bool Execution::effectiveInputUnread(const Frame& f) const {
    if (f.state->type != model::StateType::Task || m_options.recordHistory) return false;
    const StatePlan& p = plan(f);
    if (p.jsonata || p.timeoutSecondsPath || p.heartbeatSecondsPath) return false;
    return !m_backend.readsInput(f.stateIndex, resultUsed(f));
}

model::eval::Result<Json> Execution::passThroughOutput(Frame& f) {
    if (plan(f).jsonata) return jsonataOutput(f, nullptr, nullptr);
    // No ResultPath reads the raw input here, so the result may be taken from it.
    Json result = f.effective == &f.effectiveInput ? std::move(f.effectiveInput)
                  : f.effective == &f.stateInput   ? std::move(f.stateInput)
                                                   : Json(*f.effective);
    return plan(f).dataFlow.output(f.stateInput, nullptr, std::move(result), f.context, f.variables,
                                   &m_intrinsicRandom);
}

// ---- variables and payload size ---------------------------------------------------------------

model::eval::Result<Json> Execution::resultOutput(Frame& f, Json&& result) {
    const StatePlan& p = plan(f);
    if (p.jsonata) return jsonataOutput(f, &result, nullptr);
    // The raw input is given up only on success: Retry and Catch still read it after a failure.
    if (!p.assign)
        return p.dataFlow.output(f.stateInput, &f.stateInput, std::move(result), f.context,
                                 f.variables, &m_intrinsicRandom);
    // JSONPath data flow: ResultSelector, then Assign over its result, then ResultPath.
    auto selected =
        p.dataFlow.selectResult(std::move(result), f.context, f.variables, &m_intrinsicRandom);
    if (!selected.ok()) return selected;
    auto values = evaluateAssign(f, *p.assign, selected.value());
    if (!values.ok()) return values;
    auto out = p.dataFlow.placeResult(f.stateInput, &f.stateInput, std::move(selected.value()),
                                      f.context, f.variables, &m_intrinsicRandom);
    if (out.ok()) applyAssign(f, std::move(values.value()));
    return out;
}

model::eval::Result<Json>
Execution::evaluateAssign(Frame& f, const model::eval::PayloadTemplate& assign, const Json& value) {
    return assign.evaluate(scope(f, value));
}

// "All assignments in a state are evaluated first, then applied": every reference in the state
// read the values as they were when it was entered, so a swap {"a.$": "$b", "b.$": "$a"} works.
void Execution::applyAssign(Frame& f, Json&& values) {
    if (!f.variables || !values.is_object()) return;
    for (auto& [name, value] : values.get_ref<Json::object_t&>())
        f.variables->set(name, std::move(value));
}

VariableScope* Execution::newVariableScope(const VariableScope* outer) {
    return &m_variableScopes.emplace_back(outer);
}

bool Execution::outputOverLimit(Frame& f, const Json& output) {
    const StatePlan& p = plan(f);
    if (f.inputChecked && !p.jsonata && p.dataFlow.outputWithinInput()) return false;
    return overLimit(f, output, "output");
}

// Retry and Catch may name States.DataLimitExceeded (States.ALL does not match it); a Catch's
// own output over the limit ends the scope, as the error was already caught.
bool Execution::overLimit(Frame& f, const Json& payload, std::string_view what, bool catchable) {
    if (!model::eval::exceedsPayloadLimit(payload)) return false;
    const EvalError error{"States.DataLimitExceeded",
                          "The " + std::string(what) + " of state '" + f.state->name +
                              "' is over 256 KiB (" +
                              std::to_string(model::eval::payloadSize(payload)) +
                              " bytes); Step Functions' limit is 262,144 bytes"};
    if (catchable)
        stateError(f, error);
    else
        failScope(f, error.error, error.cause);
    return true;
}

} // namespace flowcast::sim
