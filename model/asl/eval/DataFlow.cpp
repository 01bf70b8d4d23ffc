#include "model/asl/eval/DataFlow.h"

#include "model/asl/eval/PayloadSize.h"

#include <string>

namespace flowcast::model::eval {
namespace {

// Which data-flow fields a state type has in JSONPath mode (AWS, "Processing input and output":
// Fail has none; Choice, Wait and Succeed only InputPath / OutputPath; ResultSelector only the
// states whose result comes from elsewhere: Task, Parallel, Map). A Map's Parameters is its legacy
// ItemSelector (per item), so it does not shape the Map's own input.
struct Fields {
    bool inputPath = false;
    bool parameters = false;
    bool resultSelector = false;
    bool resultPath = false;
    bool outputPath = false;
};

Fields fieldsOf(const Json& state) {
    const auto type = state.find("Type");
    const std::string name =
        type != state.end() && type->is_string() ? type->get<std::string>() : std::string();
    if (name == "Fail") return {};
    if (name == "Choice" || name == "Wait" || name == "Succeed")
        return {true, false, false, false, true};
    if (name == "Pass") return {true, true, false, true, true};
    if (name == "Map") return {true, false, true, true, true};
    // Task, Parallel; an unknown type gets every field rather than silently losing one.
    return {true, true, true, true, true};
}

const Json* fieldOf(const Json& state, const char* name) {
    const auto it = state.find(name);
    return it == state.end() ? nullptr : &*it;
}

EvalError notAPath(const char* field, const Json& value) {
    return {"States.Runtime", std::string("The field '") + field +
                                  "' must be a path or null, not " + jsonTypeName(value)};
}

// A payload template field (Parameters, ResultSelector), when the state has it.
std::optional<PayloadTemplate> templateField(const Json& state, const char* name, bool allowed) {
    const Json* field = allowed ? fieldOf(state, name) : nullptr;
    if (field == nullptr) return std::nullopt;
    return PayloadTemplate(*field);
}

} // namespace

StateDataFlow::PathField StateDataFlow::pathField(const Json& state, const char* name,
                                                  bool allowed) {
    PathField field;
    field.value = allowed ? fieldOf(state, name) : nullptr;
    if (field.value == nullptr) return field;
    if (field.value->is_null()) {
        field.kind = PathField::Kind::Null;
    } else if (field.value->is_string()) {
        field.kind = PathField::Kind::Path;
        field.path = CompiledPath(field.value->get_ref<const std::string&>());
    } else {
        field.kind = PathField::Kind::Invalid;
    }
    return field;
}

StateDataFlow::StateDataFlow(const Json& state) {
    const Fields fields = fieldsOf(state);
    m_inputPath = pathField(state, "InputPath", fields.inputPath);
    m_parameters = templateField(state, "Parameters", fields.inputPath && fields.parameters);
    m_resultSelector = templateField(state, "ResultSelector", fields.resultSelector);
    m_resultPath = pathField(state, "ResultPath", fields.resultPath);
    m_outputPath = pathField(state, "OutputPath", fields.outputPath);
    m_result = fieldOf(state, "Result");
    m_keepsInput = m_inputPath.kind == PathField::Kind::Absent && !m_parameters;
    // InputPath and OutputPath only select a part (or give {}); a null ResultPath keeps the raw
    // input, and a state without ResultPath or Parameters passes its effective input on.
    // Only plain paths from "$" select a part: "$..a" or "$.*" may gather copies of one value.
    const bool resultless = fields.inputPath && !fields.resultPath && !fields.parameters;
    const auto selectsPart = [](const PathField& field) {
        return field.kind == PathField::Kind::Absent || field.kind == PathField::Kind::Null ||
               (field.kind == PathField::Kind::Path && field.path.selectsPartOfInput());
    };
    m_outputWithinInput = selectsPart(m_inputPath) && selectsPart(m_outputPath) &&
                          (m_resultPath.kind == PathField::Kind::Null || resultless);
    // Parameters without a ".$" field ignore what an InputPath that cannot fail gives them.
    m_inputIgnored =
        m_inputPath.kind == PathField::Kind::Absent || m_inputPath.kind == PathField::Kind::Null;
    if (const Json* constant = constantInput())
        m_constantInputFits = !exceedsPayloadLimit(*constant);
}

// InputPath / OutputPath: absent keeps the value ("$"), null discards it for {} (AWS: "the input
// is discarded, {}"), a path selects from it. By reference where it can: `storage` holds the rest.
Result<const Json*> StateDataFlow::select(const PathField& field, const char* name,
                                          const Json& value, const Scope& scope,
                                          Json& storage) const {
    switch (field.kind) {
    case PathField::Kind::Absent:
        return &value;
    case PathField::Kind::Null:
        storage = Json::object();
        return &storage;
    case PathField::Kind::Invalid:
        return notAPath(name, *field.value);
    case PathField::Kind::Path:
        break;
    }
    return findPath(field.path, scope, storage);
}

Result<Json> StateDataFlow::effectiveInput(const Json& rawInput, const Json& context,
                                           const Variables* vars, RandomSource* random) const {
    Json storage;
    Result<const Json*> selected =
        select(m_inputPath, "InputPath", rawInput, Scope{rawInput, context, vars, random}, storage);
    if (!selected.ok()) return selected.error();
    if (m_parameters)
        return m_parameters->evaluate(Scope{*selected.value(), context, vars, random});
    if (selected.value() == &storage) return storage;
    return *selected.value();
}

Result<bool> StateDataFlow::effectiveInputFits(const Json& rawInput, const Json& context,
                                               const Variables* vars, RandomSource* random,
                                               std::size_t limit) const {
    Json storage;
    Result<const Json*> selected =
        select(m_inputPath, "InputPath", rawInput, Scope{rawInput, context, vars, random}, storage);
    if (!selected.ok()) return selected.error();
    if (m_parameters)
        return m_parameters->fitsLimit(Scope{*selected.value(), context, vars, random}, limit);
    return !exceedsPayloadLimit(*selected.value(), limit);
}

Result<Json> StateDataFlow::output(const Json& rawInput, Json* consumable, Json&& result,
                                   const Json& context, const Variables* vars,
                                   RandomSource* random) const {
    Result<Json> selected = selectResult(std::move(result), context, vars, random);
    if (!selected.ok()) return selected;
    return placeResult(rawInput, consumable, std::move(selected.value()), context, vars, random);
}

Result<Json> StateDataFlow::selectResult(Json&& result, const Json& context, const Variables* vars,
                                         RandomSource* random) const {
    if (!m_resultSelector) return std::move(result);
    return m_resultSelector->evaluateTaking(result, context, vars, random);
}

Result<Json> StateDataFlow::placeResult(const Json& rawInput, Json* consumable, Json&& selected,
                                        const Json& context, const Variables* vars,
                                        RandomSource* random) const {
    Json combined = std::move(selected);
    // ResultPath writes into the raw state input, not the InputPath / Parameters view of it. The
    // raw input is taken over only when nothing after can fail (OutputPath absent or null).
    const bool outputMayFail =
        m_outputPath.kind == PathField::Kind::Path || m_outputPath.kind == PathField::Kind::Invalid;
    const bool take = consumable != nullptr && !outputMayFail;
    const Json* base = &combined;
    switch (m_resultPath.kind) {
    case PathField::Kind::Absent:
        break;
    case PathField::Kind::Null:
        base = &rawInput;
        break;
    case PathField::Kind::Invalid:
        return notAPath("ResultPath", *m_resultPath.value);
    case PathField::Kind::Path: {
        Result<Json> placed =
            take ? applyResultPath(std::move(*consumable), m_resultPath.path, std::move(combined))
                 : applyResultPath(Json(rawInput), m_resultPath.path, std::move(combined));
        if (!placed.ok()) return placed;
        combined = std::move(placed.value());
        break;
    }
    }
    switch (m_outputPath.kind) {
    case PathField::Kind::Absent:
        break;
    case PathField::Kind::Null:
        return Json::object();
    case PathField::Kind::Invalid:
        return notAPath("OutputPath", *m_outputPath.value);
    case PathField::Kind::Path: {
        Json storage;
        Result<const Json*> found =
            findPath(m_outputPath.path, Scope{*base, context, vars, random}, storage);
        if (!found.ok()) return found.error();
        if (found.value() == &storage) return storage;
        return *found.value();
    }
    }
    if (base == &combined) return combined;
    return take ? std::move(*consumable) : rawInput;
}

Result<Json> StateDataFlow::passOutput(const Json& rawInput, Json* consumable, const Json& context,
                                       const Variables* vars, RandomSource* random) const {
    Result<Json> result = passResult(rawInput, context, vars, random);
    if (!result.ok()) return result;
    return output(rawInput, consumable, std::move(result.value()), context, vars, random);
}

Result<Json> StateDataFlow::passResult(const Json& rawInput, const Json& context,
                                       const Variables* vars, RandomSource* random) const {
    // InputPath and Parameters run even when Result is given, so their errors still surface.
    Json result;
    if (!m_keepsInput || m_result == nullptr) {
        Result<Json> input = effectiveInput(rawInput, context, vars, random);
        if (!input.ok()) return input;
        result = std::move(input.value());
    }
    if (m_result != nullptr) result = *m_result;
    return result;
}

Result<Json> effectiveInput(const Json& state, const Json& rawInput, const Json& context,
                            const Variables* vars, RandomSource* random) {
    return StateDataFlow(state).effectiveInput(rawInput, context, vars, random);
}

Result<Json> stateOutput(const Json& state, const Json& rawInput, const Json& result,
                         const Json& context, const Variables* vars, RandomSource* random) {
    return StateDataFlow(state).output(rawInput, nullptr, Json(result), context, vars, random);
}

Result<Json> passOutput(const Json& pass, const Json& rawInput, const Json& context,
                        const Variables* vars, RandomSource* random) {
    return StateDataFlow(pass).passOutput(rawInput, nullptr, context, vars, random);
}

} // namespace flowcast::model::eval
