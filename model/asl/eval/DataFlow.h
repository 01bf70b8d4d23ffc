#pragma once
// The JSONPath-mode data flow of one state, as AWS documents it ("Processing input and output in
// Step Functions"): InputPath -> Parameters -> (the work) -> ResultSelector -> ResultPath ->
// OutputPath. Pure functions over the state's definition; a field the state's type does not
// allow (the validator reports it) is ignored here, so Fail passes its input through untouched.
#include "model/asl/eval/EvalTypes.h"

namespace flowcast::model::eval {

/// InputPath then Parameters: the effective input a Task / Pass / Parallel works on, and the
/// input a Map iterates over, a Choice tests and a Wait reads its *Path fields from. A Map's
/// Parameters is its legacy ItemSelector, applied per item, so not here.
/// InputPath absent = "$"; null = {}. Parameters is a payload template with $ = the InputPath
/// result and $$ = `context`. Errors: States.Runtime from the path (evaluatePath's cause) and
/// whatever the payload template reports.
Result<Json> effectiveInput(const Json& state, const Json& rawInput, const Json& context,
                            const Variables* vars, RandomSource* random);

/// ResultSelector (Task / Parallel / Map: a payload template over `result`), then ResultPath
/// (absent = "$": the result replaces the input; null = the raw input passes on; a path = the
/// result placed into the RAW input, before InputPath), then OutputPath (absent = "$"; null = {}).
/// Choice, Wait and Succeed have no ResultPath: pass their effective input as `result`.
/// Errors: States.ResultPathMatchFailure, States.Runtime from OutputPath, payload errors.
Result<Json> stateOutput(const Json& state, const Json& rawInput, const Json& result,
                         const Json& context, const Variables* vars, RandomSource* random);

/// A Pass state's whole transformation: its static "Result" (never evaluated as a template) or,
/// without one, its effective input is the result; then ResultPath and OutputPath.
Result<Json> passOutput(const Json& pass, const Json& rawInput, const Json& context,
                        const Variables* vars, RandomSource* random);

} // namespace flowcast::model::eval
