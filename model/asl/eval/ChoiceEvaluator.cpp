#include "model/asl/eval/ChoiceEvaluator.h"

#include "model/asl/eval/ChoiceOperators.h"
#include "model/asl/eval/JsonPath.h"

#include <string>
#include <string_view>
#include <utility>

namespace flowcast::model::eval {
namespace {

// The validator refuses deeper rules ("Choice rules nest too deep"); evaluation keeps the same
// bound so that an unvalidated definition cannot exhaust the stack.
constexpr int kMaxDepth = 64;

EvalError runtimeError(std::string cause) {
    return EvalError{"States.Runtime", std::move(cause)};
}

// The cause Step Functions gives when a Variable or a *Path operand matches nothing.
EvalError invalidPath(std::string_view path) {
    return runtimeError("Invalid path '" + std::string(path) +
                        "': The choice state's condition path references an invalid value.");
}

Result<bool> evaluateRule(const Json& rule, const Scope& scope, int depth);

Result<bool> evaluateNot(const Json& operand, const Scope& scope, int depth) {
    if (!operand.is_object())
        return runtimeError(std::string("Not takes one rule object, not ") + operand.type_name());
    Result<bool> inner = evaluateRule(operand, scope, depth + 1);
    if (!inner.ok()) return inner;
    return !inner.value();
}

// And / Or stop at the first rule that decides: AWS documents
// {"And": [{"Variable": "$.k", "IsPresent": true}, {"Variable": "$.k", "StringEquals": "foo"}]}
// as the way to compare a field that might not exist, so later rules must not run (and fail).
Result<bool> evaluateJunction(bool isAnd, const Json& operand, const Scope& scope, int depth) {
    const char* name = isAnd ? "And" : "Or";
    if (!operand.is_array() || operand.empty())
        return runtimeError(std::string(name) + " takes a non-empty array of rules");
    for (const Json& rule : operand) {
        Result<bool> result = evaluateRule(rule, scope, depth + 1);
        if (!result.ok() || result.value() != isAnd) return result;
    }
    return isAnd;
}

Result<bool> evaluateComparison(const std::string& op, const Json& operand, const Json& rule,
                                const Scope& scope) {
    const auto variable = rule.find("Variable");
    if (variable == rule.end() || !variable->is_string())
        return runtimeError(op + " needs a Variable path");
    const auto& variablePath = variable->get_ref<const std::string&>();
    Result<Json> value = evaluatePath(variablePath, scope);
    if (!value.ok()) {
        // IsPresent is the one test that observes absence; every other operator fails the state.
        if (op == "IsPresent") return applyComparison(op, nullptr, operand);
        return invalidPath(variablePath);
    }
    if (!hasPathOperand(op)) return applyComparison(op, &value.value(), operand);

    if (!operand.is_string()) return runtimeError(op + " takes a path, not " + operand.type_name());
    const auto& operandPath = operand.get_ref<const std::string&>();
    Result<Json> resolved = evaluatePath(operandPath, scope);
    if (!resolved.ok()) return invalidPath(operandPath);
    return applyComparison(op, &value.value(), resolved.value());
}

Result<bool> evaluateRule(const Json& rule, const Scope& scope, int depth) {
    if (!rule.is_object())
        return runtimeError(std::string("a Choice rule must be an object, not ") +
                            rule.type_name());
    if (depth > kMaxDepth) return runtimeError("Choice rules nest too deep");
    if (rule.contains("Condition"))
        return runtimeError(
            "a JSONata Choice rule (Condition) is not evaluated as a JSONPath rule");

    const std::string* op = nullptr;
    const Json* operand = nullptr;
    for (const auto& [key, value] : rule.items()) {
        if (key != "And" && key != "Or" && key != "Not" && !isComparisonOperator(key)) continue;
        if (op) return runtimeError("a Choice rule holds exactly one comparison operator");
        op = &key;
        operand = &value;
    }
    if (!op) return runtimeError("a Choice rule needs one comparison operator (or And, Or, Not)");
    if (*op == "Not") return evaluateNot(*operand, scope, depth);
    if (*op == "And" || *op == "Or") return evaluateJunction(*op == "And", *operand, scope, depth);
    return evaluateComparison(*op, *operand, rule, scope);
}

} // namespace

Result<bool> evaluateChoiceRule(const Json& rule, const Scope& scope) {
    return evaluateRule(rule, scope, 0);
}

// "Step Functions examines each of the Choice Rules in the order listed in the Choices field"
// and takes the first that matches (AWS developer guide, Choice state).
Result<std::optional<std::size_t>> selectChoice(const Json& choices, const Scope& scope) {
    if (!choices.is_array())
        return runtimeError(std::string("Choices must be an array of rules, not ") +
                            choices.type_name());
    for (std::size_t i = 0; i < choices.size(); ++i) {
        Result<bool> matched = evaluateChoiceRule(choices[i], scope);
        if (!matched.ok()) return matched.error();
        if (matched.value()) return std::optional<std::size_t>(i);
    }
    return std::optional<std::size_t>();
}

} // namespace flowcast::model::eval
