// Operators, function calls, partial application, chaining, sorting, regexes and transforms:
// the parts of the evaluator that apply functions (jsonata-js's evaluateBinary, apply ...).
#include "model/jsonata/Evaluation.h"

#include <cmath>
#include <limits>

namespace flowcast::model::jsonata {
namespace {

// The first step's name of a path like `foo(...)`: jsonata-js's hint for a forgotten '$'.
std::string_view procedureName(const Node& procedure) {
    if (procedure.kind == NodeKind::Path) {
        const auto& first = *procedure.as<PathExpr>().steps.front();
        if (first.kind == NodeKind::Name) return first.as<Identifier>().name;
        return {};
    }
    if (procedure.kind == NodeKind::Variable) return procedure.as<Identifier>().name;
    return {};
}

Json jsonOf(const Value& value) {
    return toJson(value).value_or(Json());
}

// jsonata-js's isNumeric: a number that is not NaN; an infinite one is out of range (D1001).
bool isNumeric(const Value& value) {
    if (!value.isNumber() || std::isnan(value.number())) return false;
    if (!std::isfinite(value.number()))
        throw EvaluationError("D1001").with("value", value.number() > 0 ? "Infinity" : "-Infinity");
    return true;
}

Value arithmetic(BinaryOp op, const Value& lhs, const Value& rhs) {
    if (lhs.isDefined() && !isNumeric(lhs))
        throw EvaluationError("T2001").with("value", jsonOf(lhs));
    if (rhs.isDefined() && !isNumeric(rhs))
        throw EvaluationError("T2002").with("value", jsonOf(rhs));
    if (lhs.isUndefined() || rhs.isUndefined()) return {};
    const double a = lhs.number();
    const double b = rhs.number();
    switch (op) {
    case BinaryOp::Add:
        return Value(a + b);
    case BinaryOp::Subtract:
        return Value(a - b);
    case BinaryOp::Multiply:
        return Value(a * b);
    case BinaryOp::Divide:
        return Value(a / b);
    default:
        return Value(std::fmod(a, b));
    }
}

bool comparable(const Value& value) {
    return value.isUndefined() || value.isString() || value.isNumber();
}

Value compare(BinaryOp op, const Value& lhs, const Value& rhs) {
    if (!comparable(lhs) || !comparable(rhs)) {
        const bool leftBad = !(lhs.isString() || lhs.isNumber());
        throw EvaluationError("T2010").with("value", jsonOf(leftBad ? lhs : rhs));
    }
    if (lhs.isUndefined() || rhs.isUndefined()) return {};
    if (lhs.type() != rhs.type())
        throw EvaluationError("T2009").with("value", jsonOf(lhs)).with("value2", jsonOf(rhs));
    int order = 0;
    if (lhs.isNumber()) {
        const double a = lhs.number();
        const double b = rhs.number();
        if (a < b)
            order = -1;
        else if (a > b)
            order = 1;
        else if (a != b)
            return Value(false); // NaN
    } else {
        order = lhs.string().compare(rhs.string());
    }
    switch (op) {
    case BinaryOp::Less:
        return Value(order < 0);
    case BinaryOp::LessEqual:
        return Value(order <= 0);
    case BinaryOp::Greater:
        return Value(order > 0);
    default:
        return Value(order >= 0);
    }
}

bool isInteger(const Value& value) {
    return value.isNumber() && std::isfinite(value.number()) &&
           std::floor(value.number()) == value.number();
}

Value range(const Value& lhs, const Value& rhs) {
    if (lhs.isDefined() && !isInteger(lhs))
        throw EvaluationError("T2003").with("value", jsonOf(lhs));
    if (rhs.isDefined() && !isInteger(rhs))
        throw EvaluationError("T2004").with("value", jsonOf(rhs));
    if (lhs.isUndefined() || rhs.isUndefined()) return {};
    const double from = lhs.number();
    const double to = rhs.number();
    if (from > to) return {};
    const double size = to - from + 1;
    if (size > 1e7) throw EvaluationError("D2014").with("value", size);
    auto result = makeArray();
    result->items.reserve(static_cast<std::size_t>(size));
    for (double n = from; n <= to; ++n)
        result->items.emplace_back(n);
    return Value(result);
}

Value includes(const Value& lhs, const Value& rhs) {
    if (lhs.isUndefined() || rhs.isUndefined()) return Value(false);
    const auto same = [&](const Value& item) {
        if (item.type() != lhs.type()) return false;
        switch (item.type()) {
        case ValueType::Number:
            return item.number() == lhs.number();
        case ValueType::String:
            return item.string() == lhs.string();
        case ValueType::Boolean:
            return item.boolean() == lhs.boolean();
        case ValueType::Null:
            return true;
        default:
            return item.identity() == lhs.identity();
        }
    };
    if (!rhs.isArray()) return Value(same(rhs));
    for (const Value& item : rhs.array().items) {
        if (same(item)) return Value(true);
    }
    return Value(false);
}

// fn.string, as '&' uses it: undefined gives "".
std::string concatText(const Value& value) {
    if (value.isUndefined()) return {};
    if (value.isString()) return value.string();
    if (value.isFunction()) return {};
    if (value.isNumber() && !std::isfinite(value.number()))
        throw EvaluationError("D3001").with("value", jsonOf(value));
    return stringify(value, false);
}

} // namespace

Value Evaluation::evalBinary(const Node& node, const Value& input, Env env) {
    const auto& binary = node.as<BinaryExpr>();
    const Value lhs = eval(*binary.lhs, input, env);
    const auto located = [&](EvaluationError& error) -> EvaluationError& {
        return error.withPosition(node.position).withToken(std::string(binarySymbol(binary.op)));
    };
    if (binary.op == BinaryOp::And || binary.op == BinaryOp::Or) {
        try {
            const bool left = toBoolean(lhs).value_or(false);
            if (binary.op == BinaryOp::And && !left) return Value(false);
            if (binary.op == BinaryOp::Or && left) return Value(true);
            return Value(toBoolean(eval(*binary.rhs, input, env)).value_or(false));
        } catch (EvaluationError& error) {
            throw located(error);
        }
    }
    if (binary.op == BinaryOp::Coalesce)
        return lhs.isDefined() ? lhs : eval(*binary.rhs, input, env);
    if (binary.op == BinaryOp::Default)
        return toBoolean(lhs).value_or(false) ? lhs : eval(*binary.rhs, input, env);
    const Value rhs = eval(*binary.rhs, input, env);
    try {
        switch (binary.op) {
        case BinaryOp::Add:
        case BinaryOp::Subtract:
        case BinaryOp::Multiply:
        case BinaryOp::Divide:
        case BinaryOp::Modulo:
            return arithmetic(binary.op, lhs, rhs);
        case BinaryOp::Equal:
            return Value(lhs.isDefined() && rhs.isDefined() && deepEqual(lhs, rhs));
        case BinaryOp::NotEqual:
            return Value(lhs.isDefined() && rhs.isDefined() && !deepEqual(lhs, rhs));
        case BinaryOp::Less:
        case BinaryOp::LessEqual:
        case BinaryOp::Greater:
        case BinaryOp::GreaterEqual:
            return compare(binary.op, lhs, rhs);
        case BinaryOp::Concat:
            return Value(concatText(lhs) + concatText(rhs));
        case BinaryOp::Range:
            return range(lhs, rhs);
        case BinaryOp::In:
            return includes(lhs, rhs);
        default:
            return {};
        }
    } catch (EvaluationError& error) {
        throw located(error);
    }
}

Value Evaluation::evalLambda(const Node& node, const Value& input, Env env) {
    auto lambda = std::make_shared<Function>();
    lambda->kind = Function::Kind::Lambda;
    lambda->node = &node;
    lambda->lambda = &node.as<LambdaExpr>();
    lambda->parameters = lambda->lambda->parameters;
    lambda->input = input;
    lambda->environment = env;
    return Value(std::shared_ptr<const Function>(lambda));
}

Value Evaluation::evalFunction(const Node& node, const Value& input, Env env,
                               const Value* contextArgument) {
    const auto& call = node.as<Call>();
    if (call.tailCall && !contextArgument) {
        // jsonata-js's tail-call thunk: apply()'s trampoline makes the call.
        auto thunk = std::make_shared<Function>();
        thunk->kind = Function::Kind::Lambda;
        thunk->thunk = true;
        thunk->node = &node;
        thunk->input = input;
        thunk->environment = env;
        return Value(std::shared_ptr<const Function>(thunk));
    }
    const Value procedure = eval(*call.procedure, input, env);
    const std::string_view name = procedureName(*call.procedure); // the AST keeps it alive
    if (procedure.isUndefined() && call.procedure->kind == NodeKind::Path && !name.empty() &&
        lookup(env, name).isDefined()) {
        throw EvaluationError("T1005").withPosition(node.position).withToken(std::string(name));
    }
    std::vector<Value> arguments;
    if (contextArgument) arguments.push_back(*contextArgument);
    for (const NodePtr& argument : call.arguments)
        arguments.push_back(eval(*argument, input, env));
    try {
        return applyAt(procedure, std::move(arguments), input, env, node.position, name);
    } catch (EvaluationError& error) {
        error.withPositionIfUnset(node.position).withTokenIfUnset(name);
        throw;
    }
}

Value Evaluation::apply(const Value& function, std::vector<Value> arguments) {
    return applyAt(function, std::move(arguments), Value::null(), m_callEnv, std::nullopt, {});
}

Value Evaluation::applyAt(const Value& procedure, std::vector<Value> arguments, const Value& input,
                          Env env, std::optional<std::size_t> position, std::string_view token) {
    const auto locate = [&](EvaluationError& error, const Value& proc) {
        if (!proc.isFunction() || proc.function().kind == Function::Kind::Regex) return;
        if (!token.empty()) error.withTokenIfUnset(token);
        if (position) error.withPosition(*position);
    };
    Value result;
    try {
        result = applyInner(procedure, std::move(arguments), input, env);
    } catch (EvaluationError& error) {
        locate(error, procedure);
        throw;
    }
    while (result.isFunction() && result.function().thunk) {
        const Value thunk = result;
        const Function& pending = thunk.function();
        const auto& call = pending.node->as<Call>();
        const Value next = eval(*call.procedure, pending.input, pending.environment);
        std::vector<Value> nextArguments;
        for (const NodePtr& argument : call.arguments)
            nextArguments.push_back(eval(*argument, pending.input, pending.environment));
        try {
            result = applyInner(next, std::move(nextArguments), input, env);
        } catch (EvaluationError& error) {
            error.withPositionIfUnset(call.procedure->position);
            throw;
        }
    }
    return result;
}

Value Evaluation::applyInner(const Value& procedure, std::vector<Value> arguments,
                             const Value& input, Env env) {
    if (!procedure.isFunction()) throw EvaluationError("T1006");
    const Function& function = procedure.function();
    if (const Signature* signature = function.signature())
        arguments = validateArguments(*signature, std::move(arguments), input);
    switch (function.kind) {
    case Function::Kind::Lambda:
        return applyLambda(function, std::move(arguments));
    case Function::Kind::Native: {
        const Value savedInput = std::exchange(m_callInput, input);
        Frame* savedEnv = std::exchange(m_callEnv, env);
        struct Restore {
            Evaluation& self;
            const Value& input;
            Frame* env;
            ~Restore() {
                self.m_callInput = input;
                self.m_callEnv = env;
            }
        } restore{*this, savedInput, savedEnv};
        return function.native->implementation(*this, arguments);
    }
    case Function::Kind::Partial: {
        std::vector<Value> filled;
        std::size_t next = 0;
        for (std::size_t i = 0; i < function.bound.size(); ++i) {
            if (function.placeholder[i])
                filled.push_back(next < arguments.size() ? arguments[next++] : Value());
            else
                filled.push_back(function.bound[i]);
        }
        return applyInner(function.target, std::move(filled), input, env);
    }
    case Function::Kind::Regex:
        return callRegex(function, arguments.empty() ? Value() : arguments[0]);
    case Function::Kind::Transform:
        return applyTransform(function, arguments.empty() ? Value() : arguments[0]);
    case Function::Kind::Chain: {
        Value middle =
            applyAt(function.first, std::move(arguments), Value::null(), env, std::nullopt, {});
        return applyAt(function.second, {middle}, Value::null(), env, std::nullopt, {});
    }
    }
    return {};
}

Value Evaluation::applyLambda(const Function& lambda, std::vector<Value> arguments) {
    Env frame = newFrame(lambda.environment);
    for (std::size_t i = 0; i < lambda.parameters.size(); ++i)
        frame->bind(lambda.parameters[i], i < arguments.size() ? arguments[i] : Value());
    return eval(*lambda.lambda->body, lambda.input, frame);
}

Value Evaluation::evalPartial(const Node& node, const Value& input, Env env) {
    const auto& call = node.as<Call>();
    std::vector<Value> arguments;
    std::vector<bool> placeholder;
    for (const NodePtr& argument : call.arguments) {
        const bool isPlaceholder = argument->kind == NodeKind::Placeholder;
        placeholder.push_back(isPlaceholder);
        arguments.push_back(isPlaceholder ? Value() : eval(*argument, input, env));
    }
    const Value procedure = eval(*call.procedure, input, env);
    const std::string_view name = procedureName(*call.procedure); // the AST keeps it alive
    if (procedure.isUndefined() && call.procedure->kind == NodeKind::Path && !name.empty() &&
        lookup(env, name).isDefined()) {
        throw EvaluationError("T1007").withPosition(node.position).withToken(std::string(name));
    }
    if (!procedure.isFunction())
        throw EvaluationError("T1008").withPosition(node.position).withToken(std::string(name));
    const Function& target = procedure.function();
    auto partial = std::make_shared<Function>();
    if (target.kind == Function::Kind::Lambda && !target.thunk) {
        *partial = target;
        partial->partiallyApplied = true;
        partial->environment = newFrame(target.environment);
        partial->parameters.clear();
        for (std::size_t i = 0; i < target.parameters.size(); ++i) {
            if (i < arguments.size() && placeholder[i])
                partial->parameters.push_back(target.parameters[i]);
            else
                partial->environment->bind(target.parameters[i],
                                           i < arguments.size() ? arguments[i] : Value());
        }
    } else {
        partial->kind = Function::Kind::Partial;
        partial->target = procedure;
        partial->bound = std::move(arguments);
        partial->placeholder = std::move(placeholder);
    }
    return Value(std::shared_ptr<const Function>(partial));
}

Value Evaluation::evalApplyChain(const Node& node, const Value& input, Env env) {
    const auto& binary = node.as<BinaryExpr>();
    const Value lhs = eval(*binary.lhs, input, env);
    if (binary.rhs->kind == NodeKind::Function) return evalFunction(*binary.rhs, input, env, &lhs);
    const Value function = eval(*binary.rhs, input, env);
    if (!function.isFunction()) {
        throw EvaluationError("T2006").withPosition(node.position).with("value", jsonOf(function));
    }
    if (lhs.isFunction()) {
        auto chain = std::make_shared<Function>();
        chain->kind = Function::Kind::Chain;
        chain->first = lhs;
        chain->second = function;
        return Value(std::shared_ptr<const Function>(chain));
    }
    return applyAt(function, {lhs}, Value::null(), env, std::nullopt, {});
}

Value Evaluation::evalSort(const Node& node, const Value& input, Env env) {
    const auto& terms = node.as<SortExpr>().terms;
    if (!input.isArray() || input.array().size() <= 1) return input;
    const bool tuples = input.array().tupleStream;
    const auto key = [&](const Value& item, const SortTerm& term) {
        if (!tuples) return eval(*term.expression, item, env);
        return eval(*term.expression, item.object().get("@"), frameFromTuple(env, item));
    };
    // True when `a` must come after `b` (jsonata-js's comparator).
    const auto after = [&](const Value& a, const Value& b) {
        for (const SortTerm& term : terms) {
            const Value x = key(a, term);
            const Value y = key(b, term);
            int order = 0;
            if (x.isUndefined()) {
                order = y.isUndefined() ? 0 : 1;
            } else if (y.isUndefined()) {
                order = -1;
            } else {
                const bool xOk = x.isString() || x.isNumber();
                const bool yOk = y.isString() || y.isNumber();
                if (!xOk || !yOk) {
                    throw EvaluationError("T2008")
                        .withPosition(node.position)
                        .with("value", jsonOf(xOk ? y : x));
                }
                if (x.type() != y.type()) {
                    throw EvaluationError("T2007")
                        .withPosition(node.position)
                        .with("value", jsonOf(x))
                        .with("value2", jsonOf(y));
                }
                if (x.isNumber())
                    order = x.number() == y.number() ? 0 : x.number() < y.number() ? -1 : 1;
                else
                    order = x.string() == y.string() ? 0 : x.string() < y.string() ? -1 : 1;
                if (term.descending) order = -order;
            }
            if (order != 0) return order == 1;
        }
        return false;
    };
    std::vector<Value> items = input.array().items;
    std::vector<Value> buffer(items.size());
    // Stable merge sort that takes from the right only when the left must come after it.
    for (std::size_t width = 1; width < items.size(); width *= 2) {
        for (std::size_t lo = 0; lo < items.size(); lo += 2 * width) {
            const std::size_t mid = std::min(lo + width, items.size());
            const std::size_t hi = std::min(lo + 2 * width, items.size());
            std::size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                buffer[k++] = after(items[i], items[j]) ? items[j++] : items[i++];
            while (i < mid)
                buffer[k++] = items[i++];
            while (j < hi)
                buffer[k++] = items[j++];
        }
        std::swap(items, buffer);
    }
    auto result = makeArray();
    result->items = std::move(items);
    return Value(result);
}

Value Evaluation::evalRegex(const Node& node, const Value&, Env) {
    // The parser compiled it; only a pattern std::regex refuses is left null.
    const auto& literal = node.as<RegexLiteral>();
    if (!literal.compiled)
        throw EvaluationError("S0302").withPosition(node.position).withToken(literal.pattern);
    auto function = std::make_shared<Function>();
    function->kind = Function::Kind::Regex;
    function->regex = literal.compiled;
    return Value(std::shared_ptr<const Function>(function));
}

Value Evaluation::callRegex(const Function& regex, const Value& text) {
    if (!text.isString()) return {};
    const auto match = regexSearch(*regex.regex, text.string(), 0);
    if (!match) return {};
    auto result = makeObject();
    result->set("match", Value(match->match));
    result->set("start", Value(static_cast<double>(match->start)));
    result->set("end", Value(static_cast<double>(match->end)));
    auto groups = makeArray();
    groups->items = match->groups;
    result->set("groups", Value(groups));
    return Value(result);
}

Value Evaluation::applyTransform(const Function& transform, const Value& argument) {
    if (argument.isUndefined()) return {};
    const auto& expression = transform.node->as<TransformExpr>();
    Env env = transform.environment;
    const Value clone = lookup(env, "clone");
    if (!clone.isFunction()) throw EvaluationError("T2013").withPosition(transform.node->position);
    const Value result = applyAt(clone, {argument}, Value::null(), env, std::nullopt, {});
    const Value matches = eval(*expression.pattern, result, env);
    for (const Value& match : itemsOf(matches)) {
        const Value update = eval(*expression.update, match, env);
        if (update.isDefined()) {
            if (!update.isObject()) {
                throw EvaluationError("T2011")
                    .withPosition(expression.update->position)
                    .with("value", jsonOf(update));
            }
            if (match.isObject()) {
                for (const auto& [key, value] : update.object().entries())
                    match.object().set(key, value);
            }
        }
        if (!expression.remove) continue;
        const Value deletions = eval(*expression.remove, match, env);
        if (deletions.isUndefined()) continue;
        const auto names = itemsOf(deletions);
        for (const Value& name : names) {
            if (!name.isString()) {
                throw EvaluationError("T2012")
                    .withPosition(expression.remove->position)
                    .with("value", jsonOf(deletions));
            }
        }
        if (match.isObject()) {
            for (const Value& name : names)
                match.object().erase(name.string());
        }
    }
    return result;
}

Value Evaluation::evaluateText(const std::string& expression, const Value& focus) {
    ParseResult parsed = parse(expression);
    if (!parsed.ok()) throw EvaluationError("D3120").with("value", parsed.error->message);
    m_evalTrees.push_back(parsed.ast);
    Value input = m_callInput;
    if (focus.isDefined()) {
        input = focus;
        if (input.isArray() && !input.isSequence()) {
            auto wrapper = makeSequence();
            wrapper->items.push_back(focus);
            wrapper->outerWrapper = true;
            input = Value(wrapper);
        }
    }
    try {
        return eval(*parsed.ast, input, m_callEnv);
    } catch (const EvaluationError& error) {
        throw EvaluationError("D3121").with("value", error.message());
    }
}

} // namespace flowcast::model::jsonata
