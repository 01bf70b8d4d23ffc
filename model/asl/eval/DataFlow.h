#pragma once
// The JSONPath-mode data flow of one state, as AWS documents it ("Processing input and output in
// Step Functions"): InputPath -> Parameters -> (the work) -> ResultSelector -> ResultPath ->
// OutputPath. Pure functions over the state's definition; a field the state's type does not
// allow (the validator reports it) is ignored here, so Fail passes its input through untouched.
#include "model/asl/eval/EvalTypes.h"
#include "model/asl/eval/JsonPath.h"
#include "model/asl/eval/PayloadTemplate.h"

#include <optional>

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

/// One state's data-flow fields prepared once (paths parsed, templates compiled) for many
/// evaluations; the functions above prepare one per call. Keeps the state's JSON by reference
/// (it must outlive this); immutable, so one serves every thread.
class StateDataFlow {
public:
    explicit StateDataFlow(const Json& state);

    /// True when InputPath and Parameters leave the raw input as it is (both absent, or the
    /// state's type has neither): the effective input is then the raw input itself.
    bool keepsInput() const { return m_keepsInput; }
    /// True when the output is always a part of the raw input (ResultPath null, or a Choice /
    /// Wait / Succeed state), so it is never larger than the input: its size needs no new check.
    bool outputWithinInput() const { return m_outputWithinInput; }
    /// False when the state's result is thrown away unread: no ResultSelector, ResultPath null.
    bool usesResult() const {
        return m_resultSelector || m_resultPath.kind != PathField::Kind::Null;
    }
    /// The effective input when it does not depend on the input (no InputPath or a null one, and
    /// Parameters without ".$" fields), else nullptr. It lives as long as this.
    const Json* constantInput() const {
        return m_inputIgnored && m_parameters ? m_parameters->constant() : nullptr;
    }
    /// Whether constantInput(), when there is one, is within the 256 KiB payload quota.
    bool constantInputFits() const { return m_constantInputFits; }

    Result<Json> effectiveInput(const Json& rawInput, const Json& context, const Variables* vars,
                                RandomSource* random) const;
    /// Whether the effective input would be at most `limit` bytes of JSON text, without
    /// building it (PayloadTemplate::fitsLimit): the same errors as effectiveInput().
    Result<bool> effectiveInputFits(const Json& rawInput, const Json& context,
                                    const Variables* vars, RandomSource* random,
                                    std::size_t limit) const;
    /// stateOutput. When `consumable` is the raw input itself, the output may take it over
    /// instead of copying it (ResultPath null or a path): the caller gives it up, but only when
    /// the output is ok. On a failure it is left as it was, for Catch and Retry.
    Result<Json> output(const Json& rawInput, Json* consumable, Json&& result, const Json& context,
                        const Variables* vars, RandomSource* random) const;
    /// passOutput, with `consumable` as for output().
    Result<Json> passOutput(const Json& rawInput, Json* consumable, const Json& context,
                            const Variables* vars, RandomSource* random) const;

    // output() in two steps, for a state whose Assign reads the result between them.
    /// ResultSelector over the raw result (the result itself without one).
    Result<Json> selectResult(Json&& result, const Json& context, const Variables* vars,
                              RandomSource* random) const;
    /// ResultPath then OutputPath over a selected result; `consumable` as for output().
    Result<Json> placeResult(const Json& rawInput, Json* consumable, Json&& selected,
                             const Json& context, const Variables* vars,
                             RandomSource* random) const;
    /// A Pass state's result: its static Result or, without one, its effective input.
    Result<Json> passResult(const Json& rawInput, const Json& context, const Variables* vars,
                            RandomSource* random) const;

private:
    // InputPath, ResultPath, OutputPath: absent, null, a path, or a value that is neither.
    struct PathField {
        enum class Kind { Absent, Null, Path, Invalid } kind = Kind::Absent;
        const Json* value = nullptr;
        CompiledPath path;
    };
    static PathField pathField(const Json& state, const char* name, bool allowed);
    Result<const Json*> select(const PathField& field, const char* name, const Json& value,
                               const Scope& scope, Json& storage) const;

    PathField m_inputPath, m_resultPath, m_outputPath;
    std::optional<PayloadTemplate> m_parameters, m_resultSelector;
    const Json* m_result = nullptr; ///< a Pass state's static Result
    bool m_keepsInput = true;
    bool m_outputWithinInput = false;
    bool m_inputIgnored = false; ///< InputPath absent or null: it cannot fail
    bool m_constantInputFits = true;
};

} // namespace flowcast::model::eval
