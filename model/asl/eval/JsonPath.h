#pragma once
// JSONPath as Step Functions evaluates it (Jayway semantics): Paths in InputPath, OutputPath,
// ".$" fields, Choice Variables and the *Path fields; and ResultPath, which writes into the input.
#include "model/asl/eval/EvalTypes.h"

#include <string_view>

namespace flowcast::model::eval {

/// Evaluates a Path: "$", "$.a.b[0]", "$$.Execution.Id", "$myVar.x", and the indefinite forms
/// (wildcards, filters, slices, unions, "..") which yield an array of the matches. A definite
/// path that matches nothing fails with States.Runtime and Jayway's reason, worded as AWS
/// reports it for InputPath / OutputPath: "Invalid path '$.x' : No results for path: $['x']".
/// (For a ".$" field AWS words it "The JSONPath '$.x' specified for the field 'f.$' could not be
/// found in the input '...'": the caller, which knows the field, builds that.) An indefinite
/// path never fails for want of matches; an undefined variable or a malformed path does.
Result<Json> evaluatePath(std::string_view path, const Scope& scope);

/// ResultPath: a copy of `input` with `value` placed at the reference path ("$" replaces the
/// whole input). Missing objects along the path are created; an index must name an existing
/// element. Fails with States.ResultPathMatchFailure when the path cannot be applied (it runs
/// through a value that is not an object), the cause naming the path and the value in the way:
/// "Unable to apply ResultPath '$.a.b' to the input: $['a'] is a number, not an object".
Result<Json> applyResultPath(const Json& input, std::string_view referencePath, const Json& value);

} // namespace flowcast::model::eval
