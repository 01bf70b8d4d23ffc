#pragma once
// A payload template (Parameters, ResultSelector, ItemSelector, ...) prepared once for many
// evaluations: a skeleton holding every static part with a placeholder for each ".$" field, and
// those fields parsed. Evaluating copies the skeleton (one allocation per node, sized exactly)
// and fills the placeholders. Gives the values and errors of evaluatePayloadTemplate, which
// prepares one per call. Immutable, so one serves every thread.
#include "model/asl/eval/EvalTypes.h"
#include "model/asl/eval/Intrinsics.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace flowcast::model::eval {

class PayloadTemplate {
public:
    explicit PayloadTemplate(const Json& payloadTemplate);

    Result<Json> evaluate(const Scope& scope) const&;
    /// The same, building the value in the skeleton itself (a template used once).
    Result<Json> evaluate(const Scope& scope) &&;
    /// The value, when the template has no ".$" field: the same on every evaluation.
    const Json* constant() const { return m_fields.empty() ? &m_skeleton : nullptr; }
    /// The same over an input the caller gives up (a Task's result before ResultSelector): a
    /// value no other field reads is moved out of `input`, not copied.
    Result<Json> evaluateTaking(Json& input, const Json& context, const Variables* vars,
                                RandomSource* random) const;
    /// Whether the value evaluate() would give is at most `limit` bytes of JSON text, found
    /// without building it: paths are read in place, calls evaluated. The same errors as
    /// evaluate(), and the same random draws, in the same order. For a value nobody reads but
    /// whose errors and size still count (a Task whose service never looks at its input).
    Result<bool> fitsLimit(const Scope& scope, std::size_t limit) const;

private:
    // One ".$" field, in the order the template is written (and evaluated).
    struct Field {
        std::string key;                     ///< as written, "name.$"
        std::optional<DynamicValue> value;   ///< nullopt: not a string (the field is refused)
        const char* refusedType = nullptr;   ///< then its JSON type, for the cause
        bool live = true;                    ///< false: a later key of the same name replaces it
        bool movable = false;                ///< evaluateTaking() may move its value
        std::vector<std::uint32_t> position; ///< entry / element indexes from the skeleton's root
    };
    struct Builder;

    void findMovable();
    Result<Json> fill(Json skeleton, const Scope& scope) const;
    static void put(Json& skeleton, const Field& field, Json&& value);
    Result<Json> evaluateField(const Field& field, const Scope& scope) const;

    Json m_skeleton;
    std::size_t m_skeletonSize = 0; ///< its JSON text's length without the placeholders
    std::vector<Field> m_fields;
    bool m_takes = false; ///< every field is a plain path and some can be moved
};

} // namespace flowcast::model::eval
