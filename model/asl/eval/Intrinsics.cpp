#include "model/asl/eval/Intrinsics.h"

#include "model/asl/eval/IntrinsicFunctions.h"
#include "model/asl/eval/IntrinsicParser.h"

#include <exception>
#include <string>
#include <vector>

namespace flowcast::model::eval {
namespace {

EvalError unexpected(const char* what) {
    return {"States.Runtime", std::string("Evaluation failed unexpectedly: ") + what};
}

// Recursion follows the parsed calls, at most kMaxIntrinsicNesting deep. Arguments are
// evaluated left to right; the first failure is the result. A path argument is read where it is
// (not copied); what nested calls compute is kept in `computed`, reserved so that it never moves.
Result<Json> evaluateCall(const IntrinsicCall& call, const Scope& scope) {
    const IntrinsicFunction* function =
        call.function ? call.function : findIntrinsicFunction(call.name);
    if (!function) {
        return EvalError{"States.IntrinsicFailure",
                         "Unknown intrinsic function '" + call.name + "'"};
    }
    if (auto cause = checkIntrinsicArity(*function, call.arguments.size()); !cause.empty())
        return EvalError{"States.IntrinsicFailure", std::move(cause)};
    std::vector<Json> computed;
    IntrinsicValues values;
    values.reserve(call.arguments.size());
    for (const IntrinsicArgument& arg : call.arguments) {
        if (arg.kind == IntrinsicArgument::Kind::Literal) {
            values.push_back({arg.literal, arg.kind, arg.text});
            continue;
        }
        if (computed.capacity() == 0) computed.reserve(call.arguments.size());
        Json& storage = computed.emplace_back();
        if (arg.kind == IntrinsicArgument::Kind::Path) {
            // A path that matches nothing fails with the path's own error (States.Runtime).
            Result<const Json*> found = findPath(arg.path, scope, storage);
            if (!found.ok()) return found.error();
            values.push_back({*found.value(), arg.kind, arg.text});
            continue;
        }
        Result<Json> value = evaluateCall(*arg.call, scope);
        if (!value.ok()) return value;
        storage = std::move(value.value());
        values.push_back({storage, arg.kind, arg.text});
    }
    return function->apply(values, scope.random);
}

// Looks up the functions of a call and of the calls in its arguments, once.
void resolve(IntrinsicCall& call) {
    call.function = findIntrinsicFunction(call.name);
    for (IntrinsicArgument& arg : call.arguments)
        if (arg.call) resolve(*arg.call);
}

bool isIntrinsicCall(std::string_view text) {
    return text.rfind("States.", 0) == 0 && text.find('(') != std::string_view::npos;
}

} // namespace

Result<Json> evaluateIntrinsic(std::string_view expression, const Scope& scope) {
    try {
        Result<IntrinsicCall> call = parseIntrinsicCall(expression);
        if (!call.ok()) return call.error();
        return evaluateCall(call.value(), scope);
    } catch (const std::exception& e) {
        return unexpected(e.what());
    }
}

Result<Json> evaluateDynamicValue(std::string_view text, const Scope& scope) {
    return DynamicValue(text).evaluate(scope);
}

DynamicValue::DynamicValue(std::string_view text)
    : m_text(text), m_isCall(eval::isIntrinsicCall(text)) {
    if (!m_isCall) {
        m_path = CompiledPath(text);
        return;
    }
    try {
        Result<IntrinsicCall> call = parseIntrinsicCall(text);
        if (call.ok()) {
            resolve(call.value());
            m_call = std::make_shared<const IntrinsicCall>(std::move(call.value()));
        } else
            m_callError = call.error();
    } catch (const std::exception& e) {
        m_callError = unexpected(e.what());
    }
}

Result<Json> DynamicValue::evaluate(const Scope& scope) const {
    if (!m_isCall) return evaluatePath(m_path, scope);
    if (m_callError) return *m_callError;
    try {
        return evaluateCall(*m_call, scope);
    } catch (const std::exception& e) {
        return unexpected(e.what());
    }
}

} // namespace flowcast::model::eval
