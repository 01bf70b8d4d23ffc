#pragma once
// The 18 intrinsic functions of ASL (States.Format, States.StringToJson, ..., States.UUID) and the
// payload templates that use them (Parameters, ResultSelector, ItemSelector, Credentials,
// JSONPath Assign, ItemBatcher BatchInput, ...).
#include "model/asl/eval/EvalTypes.h"

#include <string_view>

namespace flowcast::model::eval {

/// Evaluates one intrinsic function call, arguments included (paths, nested calls, literals).
/// Failures are States.IntrinsicFailure with AWS's cause wording where known.
Result<Json> evaluateIntrinsic(std::string_view expression, const Scope& scope);

/// The value of a ".$" field: an intrinsic function call or a Path.
Result<Json> evaluateDynamicValue(std::string_view text, const Scope& scope);

/// A payload template: ".$" keys are evaluated and lose the suffix, other values are copied,
/// objects and arrays recursively.
Result<Json> evaluatePayloadTemplate(const Json& payloadTemplate, const Scope& scope);

} // namespace flowcast::model::eval
