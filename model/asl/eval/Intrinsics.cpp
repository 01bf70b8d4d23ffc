#include "model/asl/eval/Intrinsics.h"

#include "model/asl/eval/IntrinsicFunctions.h"
#include "model/asl/eval/IntrinsicParser.h"
#include "model/asl/eval/IntrinsicValueText.h"
#include "model/asl/eval/JsonPath.h"

#include <exception>
#include <string>
#include <vector>

namespace flowcast::model::eval {
namespace {

EvalError unexpected(const char* what) {
    return {"States.Runtime", std::string("Evaluation failed unexpectedly: ") + what};
}

Result<Json> evaluateCall(const IntrinsicCall& call, const Scope& scope);

Result<Json> evaluateArgument(const IntrinsicArgument& arg, const Scope& scope) {
    switch (arg.kind) {
    case IntrinsicArgument::Kind::Literal:
        return arg.literal;
    // A path that matches nothing fails with the path's own error (States.Runtime).
    case IntrinsicArgument::Kind::Path:
        return evaluatePath(arg.text, scope);
    case IntrinsicArgument::Kind::Call:
        return evaluateCall(*arg.call, scope);
    }
    return unexpected("unknown argument kind");
}

// Recursion follows the parsed calls, at most kMaxIntrinsicNesting deep. Arguments are
// evaluated left to right; the first failure is the result.
Result<Json> evaluateCall(const IntrinsicCall& call, const Scope& scope) {
    const IntrinsicFunction* function = findIntrinsicFunction(call.name);
    if (!function) {
        return EvalError{"States.IntrinsicFailure",
                         "Unknown intrinsic function '" + call.name + "'"};
    }
    if (auto cause = checkIntrinsicArity(*function, call.arguments.size()); !cause.empty())
        return EvalError{"States.IntrinsicFailure", std::move(cause)};
    IntrinsicValues values;
    values.reserve(call.arguments.size());
    for (const IntrinsicArgument& arg : call.arguments) {
        Result<Json> value = evaluateArgument(arg, scope);
        if (!value.ok()) return value;
        values.push_back({std::move(value.value()), arg.kind, arg.text});
    }
    return function->apply(values, scope.random);
}

bool isIntrinsicCall(std::string_view text) {
    return text.rfind("States.", 0) == 0 && text.find('(') != std::string_view::npos;
}

// One ".$" field of a template. AWS names the field when its path matches nothing: "The
// JSONPath '$.x' specified for the field 'name.$' could not be found in the input '{...}'".
Result<Json> evaluateField(const std::string& key, const Json& value, const Scope& scope) {
    if (!value.is_string()) {
        return EvalError{"States.Runtime", "The value of the field '" + key +
                                               "' must be a path or an intrinsic function, not " +
                                               jsonTypeName(value)};
    }
    const auto& text = value.get_ref<const std::string&>();
    Result<Json> result = evaluateDynamicValue(text, scope);
    if (!result.ok() && !isIntrinsicCall(text) && result.error().error == "States.Runtime") {
        return EvalError{"States.Runtime", "The JSONPath '" + text + "' specified for the field '" +
                                               key + "' could not be found in the input '" +
                                               compactJson(scope.input) + "'"};
    }
    return result;
}

bool isDynamicKey(const std::string& key) {
    return key.size() > 2 && key.compare(key.size() - 2, 2, ".$") == 0;
}

// One object or array of the template being copied; `key` is where the copy goes in the parent.
struct Frame {
    const Json* source;
    Json::const_iterator next;
    Json copy;
    std::string key;
};

Frame open(const Json& source, std::string key) {
    return {&source, source.cbegin(), source.is_object() ? Json::object() : Json::array(),
            std::move(key)};
}

void place(Frame& frame, const std::string& key, Json value) {
    if (frame.source->is_object())
        frame.copy[key] = std::move(value);
    else
        frame.copy.push_back(std::move(value));
}

// Depth-first copy with an explicit stack: templates may nest deeper than the call stack allows.
// A later key that lands on the same name ("a" after "a.$") replaces the earlier one.
Result<Json> copyTemplate(const Json& root, const Scope& scope) {
    std::vector<Frame> stack;
    stack.push_back(open(root, {}));
    for (;;) {
        Frame& top = stack.back();
        if (top.next == top.source->cend()) {
            Frame done = std::move(top);
            stack.pop_back();
            if (stack.empty()) return std::move(done.copy);
            place(stack.back(), done.key, std::move(done.copy));
            continue;
        }
        const auto it = top.next++;
        const std::string key = top.source->is_object() ? it.key() : std::string();
        if (top.source->is_object() && isDynamicKey(key)) {
            Result<Json> value = evaluateField(key, *it, scope);
            if (!value.ok()) return value;
            place(top, key.substr(0, key.size() - 2), std::move(value.value()));
        } else if (it->is_structured()) {
            stack.push_back(open(*it, key)); // `top` is not used after this
        } else {
            place(top, key, *it);
        }
    }
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
    if (isIntrinsicCall(text)) return evaluateIntrinsic(text, scope);
    try {
        return evaluatePath(text, scope);
    } catch (const std::exception& e) {
        return unexpected(e.what());
    }
}

Result<Json> evaluatePayloadTemplate(const Json& payloadTemplate, const Scope& scope) {
    try {
        if (!payloadTemplate.is_structured()) return payloadTemplate;
        return copyTemplate(payloadTemplate, scope);
    } catch (const std::exception& e) {
        return unexpected(e.what());
    }
}

} // namespace flowcast::model::eval
