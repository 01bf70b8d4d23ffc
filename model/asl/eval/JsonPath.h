#pragma once
// JSONPath as Step Functions evaluates it (Jayway semantics): Paths in InputPath, OutputPath,
// ".$" fields, Choice Variables and the *Path fields; and ResultPath, which writes into the input.
#include "model/asl/eval/EvalTypes.h"

#include <string_view>

namespace flowcast::model::eval {

/// Evaluates a Path: "$", "$.a.b[0]", "$$.Execution.Id", "$myVar.x", and the indefinite forms
/// (wildcards, filters, slices, unions, "..") which yield an array of the matches. A definite
/// path that matches nothing fails with States.Runtime (AWS: "The JSONPath ... could not be
/// found in the input").
Result<Json> evaluatePath(std::string_view path, const Scope& scope);

/// ResultPath: a copy of `input` with `value` placed at the reference path ("$" replaces the
/// whole input). Fails with States.ResultPathMatchFailure when the path cannot be applied (it
/// runs through a value that is not an object).
Result<Json> applyResultPath(const Json& input, std::string_view referencePath, const Json& value);

} // namespace flowcast::model::eval
