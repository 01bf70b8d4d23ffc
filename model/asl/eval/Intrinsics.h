#pragma once
// The 18 intrinsic functions of ASL (States.Format, States.StringToJson, ..., States.UUID) and the
// payload templates that use them (Parameters, ResultSelector, ItemSelector, Credentials,
// JSONPath Assign, ItemBatcher BatchInput, ...).
#include "model/asl/eval/EvalTypes.h"
#include "model/asl/eval/JsonPath.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace flowcast::model::eval {

struct IntrinsicCall;

/// Evaluates one intrinsic function call, arguments included (paths, nested calls, literals).
/// Failures are States.IntrinsicFailure with AWS's cause wording where known.
Result<Json> evaluateIntrinsic(std::string_view expression, const Scope& scope);

/// The value of a ".$" field: an intrinsic function call or a Path.
Result<Json> evaluateDynamicValue(std::string_view text, const Scope& scope);

/// A payload template: ".$" keys are evaluated and lose the suffix, other values are copied,
/// objects and arrays recursively.
Result<Json> evaluatePayloadTemplate(const Json& payloadTemplate, const Scope& scope);

/// The value of a ".$" field parsed once (call or path) for many evaluations, with the same
/// results and errors as evaluateDynamicValue. Immutable: share it across threads.
class DynamicValue {
public:
    explicit DynamicValue(std::string_view text);

    const std::string& text() const { return m_text; }
    bool isIntrinsicCall() const { return m_isCall; }
    /// The path, when it is not a call.
    const CompiledPath& path() const { return m_path; }
    Result<Json> evaluate(const Scope& scope) const;

private:
    std::string m_text;
    bool m_isCall = false;
    std::shared_ptr<const IntrinsicCall> m_call;
    std::optional<EvalError> m_callError; ///< the call does not parse
    CompiledPath m_path;
};

} // namespace flowcast::model::eval
