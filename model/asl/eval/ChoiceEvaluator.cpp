#include "model/asl/eval/ChoiceEvaluator.h"

#include "model/asl/eval/ChoiceOperators.h"
#include "model/asl/eval/JsonPath.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

// One rule, prepared: a malformed rule becomes its error, reported when the rule is reached.
struct Rule {
    enum class Kind { Error, Not, And, Or, Compare };
    Kind kind = Kind::Error;
    EvalError error;               ///< Error
    std::vector<int> children;     ///< Not: one; And, Or: one or more
    std::string op;                ///< Compare: the operator
    const Json* operand = nullptr; ///< Compare: the literal, or the path text of a *Path operator
    bool pathOperand = false;
    CompiledPath variable;
    CompiledPath operandPath;
};

// Prepares a rule and, depth-first, the rules inside it, into one list (children by index).
class RuleCompiler {
public:
    explicit RuleCompiler(std::vector<Rule>& rules) : m_rules(rules) {}

    int compile(const Json& rule, int depth) {
        const int index = static_cast<int>(m_rules.size());
        m_rules.emplace_back();
        Rule built = build(rule, depth);
        m_rules[static_cast<std::size_t>(index)] = std::move(built);
        return index;
    }

private:
    static Rule error(EvalError e) {
        Rule r;
        r.error = std::move(e);
        return r;
    }

    Rule build(const Json& rule, int depth) {
        if (!rule.is_object())
            return error(runtimeError(std::string("a Choice rule must be an object, not ") +
                                      rule.type_name()));
        if (depth > kMaxDepth) return error(runtimeError("Choice rules nest too deep"));
        if (rule.contains("Condition"))
            return error(runtimeError(
                "a JSONata Choice rule (Condition) is not evaluated as a JSONPath rule"));
        const std::string* op = nullptr;
        const Json* operand = nullptr;
        for (const auto& [key, value] : rule.items()) {
            if (key != "And" && key != "Or" && key != "Not" && !isComparisonOperator(key)) continue;
            if (op)
                return error(runtimeError("a Choice rule holds exactly one comparison operator"));
            op = &key;
            operand = &value;
        }
        if (!op)
            return error(
                runtimeError("a Choice rule needs one comparison operator (or And, Or, Not)"));
        if (*op == "Not") return junction(Rule::Kind::Not, *operand, depth);
        if (*op == "And") return junction(Rule::Kind::And, *operand, depth);
        if (*op == "Or") return junction(Rule::Kind::Or, *operand, depth);
        return comparison(*op, *operand, rule);
    }

    Rule junction(Rule::Kind kind, const Json& operand, int depth) {
        if (kind == Rule::Kind::Not && !operand.is_object())
            return error(
                runtimeError(std::string("Not takes one rule object, not ") + operand.type_name()));
        if (kind != Rule::Kind::Not && (!operand.is_array() || operand.empty()))
            return error(runtimeError(std::string(kind == Rule::Kind::And ? "And" : "Or") +
                                      " takes a non-empty array of rules"));
        Rule r;
        r.kind = kind;
        if (kind == Rule::Kind::Not) {
            r.children.push_back(compile(operand, depth + 1));
            return r;
        }
        for (const Json& child : operand)
            r.children.push_back(compile(child, depth + 1));
        return r;
    }

    static Rule comparison(const std::string& op, const Json& operand, const Json& rule) {
        const auto variable = rule.find("Variable");
        if (variable == rule.end() || !variable->is_string())
            return error(runtimeError(op + " needs a Variable path"));
        Rule r;
        r.kind = Rule::Kind::Compare;
        r.op = op;
        r.operand = &operand;
        r.pathOperand = hasPathOperand(op);
        r.variable = CompiledPath(variable->get_ref<const std::string&>());
        if (r.pathOperand && operand.is_string())
            r.operandPath = CompiledPath(operand.get_ref<const std::string&>());
        return r;
    }

    std::vector<Rule>& m_rules;
};

Result<bool> evaluate(const std::vector<Rule>& rules, int index, const Scope& scope);

Result<bool> compare(const Rule& rule, const Scope& scope) {
    Json storage;
    Result<const Json*> value = findPath(rule.variable, scope, storage);
    if (!value.ok()) {
        // IsPresent is the one test that observes absence; every other operator fails the state.
        if (rule.op == "IsPresent") return applyComparison(rule.op, nullptr, *rule.operand);
        return invalidPath(rule.variable.text());
    }
    if (!rule.pathOperand) return applyComparison(rule.op, value.value(), *rule.operand);
    if (!rule.operand->is_string())
        return runtimeError(rule.op + " takes a path, not " + rule.operand->type_name());
    Json operandStorage;
    Result<const Json*> resolved = findPath(rule.operandPath, scope, operandStorage);
    if (!resolved.ok()) return invalidPath(rule.operandPath.text());
    return applyComparison(rule.op, value.value(), *resolved.value());
}

// And / Or stop at the first rule that decides: AWS documents
// {"And": [{"Variable": "$.k", "IsPresent": true}, {"Variable": "$.k", "StringEquals": "foo"}]}
// as the way to compare a field that might not exist, so later rules must not run (and fail).
Result<bool> evaluate(const std::vector<Rule>& rules, int index, const Scope& scope) {
    const Rule& rule = rules[static_cast<std::size_t>(index)];
    switch (rule.kind) {
    case Rule::Kind::Error:
        return rule.error;
    case Rule::Kind::Not: {
        Result<bool> inner = evaluate(rules, rule.children.front(), scope);
        if (!inner.ok()) return inner;
        return !inner.value();
    }
    case Rule::Kind::And:
    case Rule::Kind::Or: {
        const bool isAnd = rule.kind == Rule::Kind::And;
        for (const int child : rule.children) {
            Result<bool> result = evaluate(rules, child, scope);
            if (!result.ok() || result.value() != isAnd) return result;
        }
        return isAnd;
    }
    case Rule::Kind::Compare:
        return compare(rule, scope);
    }
    return runtimeError("unknown Choice rule");
}

} // namespace

struct ChoiceRules::Plan {
    std::optional<EvalError> notAnArray;
    std::vector<Rule> rules;
    std::vector<int> choices; ///< the top-level rules, in order
};

ChoiceRules::ChoiceRules(const Json& choices) {
    auto plan = std::make_shared<Plan>();
    if (!choices.is_array()) {
        plan->notAnArray = runtimeError(std::string("Choices must be an array of rules, not ") +
                                        choices.type_name());
    } else {
        RuleCompiler compiler(plan->rules);
        for (const Json& rule : choices)
            plan->choices.push_back(compiler.compile(rule, 0));
    }
    m_plan = std::move(plan);
}

// "Step Functions examines each of the Choice Rules in the order listed in the Choices field"
// and takes the first that matches (AWS developer guide, Choice state).
Result<std::optional<std::size_t>> ChoiceRules::select(const Scope& scope) const {
    if (m_plan->notAnArray) return *m_plan->notAnArray;
    for (std::size_t i = 0; i < m_plan->choices.size(); ++i) {
        Result<bool> matched = evaluate(m_plan->rules, m_plan->choices[i], scope);
        if (!matched.ok()) return matched.error();
        if (matched.value()) return std::optional<std::size_t>(i);
    }
    return std::optional<std::size_t>();
}

Result<bool> evaluateChoiceRule(const Json& rule, const Scope& scope) {
    std::vector<Rule> rules;
    const int root = RuleCompiler(rules).compile(rule, 0);
    return evaluate(rules, root, scope);
}

Result<std::optional<std::size_t>> selectChoice(const Json& choices, const Scope& scope) {
    return ChoiceRules(choices).select(scope);
}

} // namespace flowcast::model::eval
