// JSONata states (issue 7). AWS: "After selecting JSONata, your workflow fields will be reduced
// from five JSONPath fields (InputPath, Parameters, ResultSelector, ResultPath, and OutputPath) to
// only two fields: Arguments and Output." Expressions read `$states` (input, result, errorOutput,
// context) and the workflow variables; Assign and Output are evaluated against the same values
// and the assignments applied after. A failed or undefined expression is
// States.QueryEvaluationError. The control flow stays in Execution.cpp; these are the data
// points it asks when the state's QueryLanguage is JSONata.
#include "simulator/exec/Execution.h"

#include "model/asl/eval/PayloadSize.h"
#include "simulator/exec/VirtualClock.h"

namespace flowcast::sim {

using model::Json;
using model::eval::EvalError;

Json Execution::jsonataBindings(Frame& f, const Json* result, const Json* errorOutput) {
    Json bindings = Json::object();
    if (f.variables) f.variables->collect(bindings);
    Json states = Json::object();
    states["input"] = f.stateInput;
    if (result) states["result"] = *result;
    if (errorOutput) states["errorOutput"] = *errorOutput;
    if (!f.context.is_null()) states["context"] = f.context;
    bindings["states"] = std::move(states);
    return bindings;
}

model::eval::Result<Json> Execution::evaluateJsonata(const model::eval::JsonataTemplate& field,
                                                     const Json& bindings) {
    const std::int64_t nowMillis = m_kernel.now().us / 1000 + kVirtualEpochSeconds * 1000;
    return field.evaluate(bindings, m_intrinsicRandom.next(), nowMillis);
}

std::optional<EvalError> Execution::jsonataInput(Frame& f) {
    const JsonataPlan& j = *plan(f).jsonata;
    f.effective = &f.stateInput;
    if (!j.arguments) return std::nullopt;
    auto arguments = evaluateJsonata(*j.arguments, jsonataBindings(f));
    if (!arguments.ok()) return arguments.error();
    if (model::eval::exceedsPayloadLimit(arguments.value()))
        return EvalError{"States.DataLimitExceeded",
                         "The Arguments of state '" + f.state->name + "' are over 256 KiB"};
    f.effectiveInput = std::move(arguments.value());
    f.effective = &f.effectiveInput;
    return std::nullopt;
}

// Output (default: the result, or the state's input where there is none) and Assign; for a
// Choice, the matched rule's Output and Assign go with the state's own.
model::eval::Result<Json> Execution::jsonataOutput(Frame& f, const Json* result,
                                                   const JsonataPlan::Rule* rule,
                                                   const Json* errorOutput) {
    const JsonataPlan& j = *plan(f).jsonata;
    const Json bindings = jsonataBindings(f, result, errorOutput);
    Json values;
    for (const auto* assign : {errorOutput ? nullptr : (j.assign ? &*j.assign : nullptr),
                               rule && rule->assign ? &*rule->assign : nullptr}) {
        if (!assign) continue;
        auto more = evaluateJsonata(*assign, bindings);
        if (!more.ok()) return more.error();
        if (!more.value().is_object())
            return EvalError{"States.QueryEvaluationError",
                             "The Assign field of state '" + f.state->name +
                                 "' must give an object, got " + more.value().dump()};
        if (values.is_null())
            values = std::move(more.value());
        else
            values.update(more.value());
    }
    const model::eval::JsonataTemplate* output = rule && rule->output ? &*rule->output
                                                 : errorOutput        ? nullptr
                                                 : j.output           ? &*j.output
                                                                      : nullptr;
    Json out;
    if (output) {
        auto evaluated = evaluateJsonata(*output, bindings);
        if (!evaluated.ok()) return evaluated.error();
        out = std::move(evaluated.value());
    } else {
        out = errorOutput ? *errorOutput : result ? *result : f.stateInput;
    }
    if (!values.is_null()) applyAssign(f, std::move(values));
    return out;
}

void Execution::enterJsonataChoice(Frame& f) {
    const JsonataPlan& j = *plan(f).jsonata;
    const Json bindings = jsonataBindings(f);
    std::optional<std::size_t> matched;
    for (std::size_t i = 0; i < j.rules.size() && !matched; ++i) {
        if (!j.rules[i].condition) continue;
        auto condition = evaluateJsonata(*j.rules[i].condition, bindings);
        if (!condition.ok()) return failScope(f, condition.error().error, condition.error().cause);
        if (!condition.value().is_boolean())
            return failScope(f, "States.QueryEvaluationError",
                             "The Condition of Choices[" + std::to_string(i) + "] in state '" +
                                 f.state->name + "' must be a boolean, got " +
                                 condition.value().dump());
        if (condition.value().get<bool>()) matched = i;
    }
    const StatePlan& p = plan(f);
    const Target& next = matched ? p.choiceNext[*matched] : p.defaultNext;
    if (next.name.empty())
        return failScope(f, "States.NoChoiceMatched",
                         "No Choice Rule matched the input in state '" + f.state->name + "'");
    auto out = jsonataOutput(f, nullptr, matched ? &j.rules[*matched] : nullptr);
    if (!out.ok()) return failScope(f, out.error().error, out.error().cause);
    if (overLimit(f, out.value(), "output")) return;
    if (!emitEvent(f, "StateExited", [&] { return Json{{"output", out.value()}}; })) return;
    reportState(f, StateResult::Succeeded, {});
    goTo(f, next, std::move(out.value()), true);
}

// A "{% %}" number field (TimeoutSeconds, MaxConcurrency, Seconds...): nullopt when absent.
bool Execution::jsonataNumber(Frame& f, const JsonataPlan::Field& field, const char* name,
                              std::optional<double>& out) {
    if (!field) return true;
    auto value = evaluateJsonata(*field, jsonataBindings(f));
    if (!value.ok()) {
        failScope(f, value.error().error, value.error().cause);
        return false;
    }
    if (!value.value().is_number() || value.value().get<double>() < 0) {
        failScope(f, "States.QueryEvaluationError",
                  std::string(name) + " of state '" + f.state->name +
                      "' must be a non-negative number, got " + value.value().dump());
        return false;
    }
    out = value.value().get<double>();
    return true;
}

} // namespace flowcast::sim
