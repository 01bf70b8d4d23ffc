#pragma once
// JSONPath as Step Functions evaluates it (Jayway semantics): Paths in InputPath, OutputPath,
// ".$" fields, Choice Variables and the *Path fields; and ResultPath, which writes into the input.
#include "model/asl/eval/EvalTypes.h"

#include <memory>
#include <string>
#include <string_view>

namespace flowcast::model::eval {

namespace jsonpath {
struct Path;
}

/// A path parsed once for many evaluations (the interpreter prepares each state's paths before
/// its executions run). A text that does not parse keeps the reason, and every evaluation fails
/// with it, exactly as the string-taking functions below do. Immutable: share it across threads.
class CompiledPath {
public:
    CompiledPath() = default; ///< a placeholder, not a path: evaluating it fails
    explicit CompiledPath(std::string_view text);

    const std::string& text() const { return m_text; }
    /// nullptr when the text does not parse; then parseError() says why.
    const jsonpath::Path* parsed() const { return m_path.get(); }
    const std::string& parseError() const { return m_error; }
    /// "$" and "$$" style paths of plain names and indexes only: walked without the evaluator.
    bool isSimple() const { return m_simple; }
    /// A plain path from "$" (names and indexes only): what it selects is a part of the input,
    /// never larger than it (no wildcard, scan or filter gathers copies into a new array).
    bool selectsPartOfInput() const { return m_partOfInput; }

private:
    std::string m_text;
    std::shared_ptr<const jsonpath::Path> m_path;
    std::string m_error;
    bool m_simple = false;
    bool m_partOfInput = false;
};

/// Evaluates a Path: "$", "$.a.b[0]", "$$.Execution.Id", "$myVar.x", and the indefinite forms
/// (wildcards, filters, slices, unions, "..") which yield an array of the matches. A definite
/// path that matches nothing fails with States.Runtime and Jayway's reason, worded as AWS
/// reports it for InputPath / OutputPath: "Invalid path '$.x' : No results for path: $['x']".
/// (For a ".$" field AWS words it "The JSONPath '$.x' specified for the field 'f.$' could not be
/// found in the input '...'": the caller, which knows the field, builds that.) An indefinite
/// path never fails for want of matches; an undefined variable or a malformed path does.
Result<Json> evaluatePath(std::string_view path, const Scope& scope);
Result<Json> evaluatePath(const CompiledPath& path, const Scope& scope);

/// evaluatePath without the copy: the value inside the scope that a definite path names, or,
/// for what a path computes (the matches of an indefinite path, a function), `storage` holding
/// it. Same values and errors as evaluatePath.
Result<const Json*> findPath(const CompiledPath& path, const Scope& scope, Json& storage);

/// ResultPath: a copy of `input` with `value` placed at the reference path ("$" replaces the
/// whole input). Missing objects along the path are created; an index must name an existing
/// element. Fails with States.ResultPathMatchFailure when the path cannot be applied (it runs
/// through a value that is not an object), the cause naming the path and the value in the way:
/// "Unable to apply ResultPath '$.a.b' to the input: $['a'] is a number, not an object".
Result<Json> applyResultPath(const Json& input, std::string_view referencePath, const Json& value);
/// The same, placing into `input` itself (no copy of it): a caller that no longer needs the input
/// moves it in. Checked before anything changes, so a failure leaves `input` as it was.
Result<Json> applyResultPath(Json&& input, const CompiledPath& referencePath, Json&& value);

} // namespace flowcast::model::eval
