// The simple node kinds of the evaluator (literals, names, wildcards, conditions, blocks,
// bindings ...) and the table that sends each node kind to its handler (jsonata-js's
// evaluate() switch). Paths, filters, groups and calls live in Evaluation*.cpp.
#include "model/jsonata/Evaluation.h"

#include <array>

namespace flowcast::model::jsonata {
namespace {

// fn.lookup: over an array, the values found in each item, flattened one level.
Value lookupName(const Value& input, const std::string& name) {
    const NestingGuard guard;
    if (input.isObject()) return input.object().get(name);
    if (!input.isArray()) return {};
    auto result = makeSequence();
    for (const Value& item : input.array().items) {
        Value found = lookupName(item, name);
        if (found.isArray()) {
            const auto& items = found.array().items;
            result->items.insert(result->items.end(), items.begin(), items.end());
        } else if (found.isDefined()) {
            result->items.push_back(std::move(found));
        }
    }
    return Value(result);
}

void flattenInto(Array& out, const Value& value) {
    const NestingGuard guard;
    if (!value.isArray()) {
        out.items.push_back(value);
        return;
    }
    for (const Value& item : value.array().items)
        flattenInto(out, item);
}

void descendantsInto(Array& out, const Value& value) {
    const NestingGuard guard;
    if (!value.isArray()) out.items.push_back(value);
    if (value.isArray()) {
        for (const Value& item : value.array().items)
            descendantsInto(out, item);
    } else if (value.isObject()) {
        for (const auto& entry : value.object().entries())
            descendantsInto(out, entry.second);
    }
}

} // namespace

// Indexed by NodeKind, in its order. Each handler is its own function, so a level of a deep
// expression costs only the frame of the handler it needs.
Value Evaluation::dispatch(const Node& node, const Value& input, Env env) {
    static constexpr std::array<Handler, 24> kHandlers = {
        &Evaluation::evalPath,        &Evaluation::evalName,      &Evaluation::evalLiteral,
        &Evaluation::evalLiteral,     &Evaluation::evalLiteral,   &Evaluation::evalRegex,
        &Evaluation::evalVariable,    &Evaluation::evalWildcard,  &Evaluation::evalDescendants,
        &Evaluation::evalParent,      &Evaluation::evalBinary,    &Evaluation::evalNegate,
        &Evaluation::evalArray,       &Evaluation::evalObject,    &Evaluation::evalBlock,
        &Evaluation::evalCondition,   &Evaluation::evalCall,      &Evaluation::evalPartial,
        &Evaluation::evalPlaceholder, &Evaluation::evalLambda,    &Evaluation::evalBind,
        &Evaluation::evalApplyChain,  &Evaluation::evalTransform, &Evaluation::evalSort,
    };
    static_assert(static_cast<int>(NodeKind::Sort) == 23, "kHandlers follows NodeKind");
    return (this->*kHandlers[static_cast<std::size_t>(node.kind)])(node, input, env);
}

Value Evaluation::evalName(const Node& node, const Value& input, Env) {
    return lookupName(input, node.as<Identifier>().name);
}

Value Evaluation::evalLiteral(const Node& node, const Value&, Env) {
    const Literal& literal = node.as<Literal>();
    if (literal.scalar.isDefined()) return literal.scalar;
    return fromJson(literal.value);
}

Value Evaluation::evalVariable(const Node& node, const Value& input, Env env) {
    const std::string& name = node.as<Identifier>().name;
    if (name.empty()) {
        if (input.isArray() && input.array().outerWrapper && !input.array().empty())
            return input.array().items[0];
        return input;
    }
    return lookup(env, name);
}

Value Evaluation::evalWildcard(const Node&, const Value& input, Env) {
    auto result = makeSequence();
    const Value* source = &input;
    if (input.isArray() && input.array().outerWrapper && !input.array().empty())
        source = &input.array().items[0];
    if (source->isObject()) {
        for (const auto& entry : source->object().entries())
            flattenInto(*result, entry.second);
    } else if (source->isArray()) {
        for (const Value& item : source->array().items)
            flattenInto(*result, item);
    }
    return Value(result);
}

Value Evaluation::evalDescendants(const Node&, const Value& input, Env) {
    if (input.isUndefined()) return {};
    auto result = makeSequence();
    descendantsInto(*result, input);
    if (result->size() == 1) return result->items[0];
    return Value(result);
}

Value Evaluation::evalParent(const Node& node, const Value&, Env env) {
    return lookup(env, node.as<ParentRef>().label);
}

Value Evaluation::evalNegate(const Node& node, const Value& input, Env env) {
    Value operand = eval(*node.as<UnaryExpr>().operand, input, env);
    if (operand.isUndefined()) return {};
    if (operand.isNumber()) return Value(-operand.number());
    throw EvaluationError("D1002")
        .withPosition(node.position)
        .withToken("-")
        .with("value", toJson(operand).value_or(Json()));
}

Value Evaluation::evalObject(const Node& node, const Value& input, Env env) {
    return evalGroup(node.as<ObjectExpr>().pairs, node.position, input, env);
}

Value Evaluation::evalCondition(const Node& node, const Value& input, Env env) {
    const auto& branches = node.as<Conditional>();
    const Value condition = eval(*branches.condition, input, env);
    if (toBoolean(condition).value_or(false)) return eval(*branches.then, input, env);
    if (branches.otherwise) return eval(*branches.otherwise, input, env);
    return {};
}

Value Evaluation::evalBlock(const Node& node, const Value& input, Env env) {
    Env frame = newFrame(env);
    Value result;
    for (const NodePtr& item : node.as<Sequence>().items)
        result = eval(*item, input, frame);
    return result;
}

Value Evaluation::evalBind(const Node& node, const Value& input, Env env) {
    const auto& binding = node.as<Binding>();
    Value value = eval(*binding.value, input, env);
    env->bind(binding.variable, value);
    return value;
}

Value Evaluation::evalCall(const Node& node, const Value& input, Env env) {
    return evalFunction(node, input, env, nullptr);
}

Value Evaluation::evalTransform(const Node& node, const Value&, Env env) {
    auto transform = std::make_shared<Function>();
    transform->kind = Function::Kind::Transform;
    transform->node = &node;
    transform->environment = env;
    return Value(std::shared_ptr<const Function>(transform));
}

Value Evaluation::evalPlaceholder(const Node&, const Value&, Env) {
    return {};
}

} // namespace flowcast::model::jsonata
