#include "model/asl/eval/DataFlow.h"

#include "model/asl/eval/Intrinsics.h"
#include "model/asl/eval/JsonPath.h"

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

// InputPath / OutputPath: absent keeps the value ("$"), null discards it for {} (AWS: "the input
// is discarded, {}"), a path selects from it.
Result<Json> filterPath(const Json& state, const char* field, const Json& value,
                        const Scope& scope) {
    const Json* path = fieldOf(state, field);
    if (path == nullptr) return value;
    if (path->is_null()) return Json::object();
    if (!path->is_string()) return notAPath(field, *path);
    return evaluatePath(path->get<std::string>(), scope);
}

// A payload template field (Parameters, ResultSelector) over `value`; absent keeps `value`.
Result<Json> applyTemplate(const Json& state, const char* field, const Json& value,
                           const Json& context, const Variables* vars, RandomSource* random) {
    const Json* payload = fieldOf(state, field);
    if (payload == nullptr) return value;
    return evaluatePayloadTemplate(*payload, Scope{value, context, vars, random});
}

// ResultPath: absent = "$" (the result replaces the input); null = the result is discarded and the
// raw input passes on; a reference path = the result placed into a copy of the raw input.
Result<Json> placeResult(const Json& state, const Json& rawInput, const Json& result) {
    const Json* path = fieldOf(state, "ResultPath");
    if (path == nullptr) return result;
    if (path->is_null()) return rawInput;
    if (!path->is_string()) return notAPath("ResultPath", *path);
    return applyResultPath(rawInput, path->get<std::string>(), result);
}

} // namespace

Result<Json> effectiveInput(const Json& state, const Json& rawInput, const Json& context,
                            const Variables* vars, RandomSource* random) {
    const Fields fields = fieldsOf(state);
    if (!fields.inputPath) return rawInput;
    Result<Json> selected =
        filterPath(state, "InputPath", rawInput, Scope{rawInput, context, vars, random});
    if (!selected.ok() || !fields.parameters) return selected;
    return applyTemplate(state, "Parameters", selected.value(), context, vars, random);
}

Result<Json> stateOutput(const Json& state, const Json& rawInput, const Json& result,
                         const Json& context, const Variables* vars, RandomSource* random) {
    const Fields fields = fieldsOf(state);
    Result<Json> selected = fields.resultSelector ? applyTemplate(state, "ResultSelector", result,
                                                                  context, vars, random)
                                                  : Result<Json>(result);
    if (!selected.ok()) return selected;
    // ResultPath writes into the raw state input, not the InputPath / Parameters view of it.
    Result<Json> combined =
        fields.resultPath ? placeResult(state, rawInput, selected.value()) : selected;
    if (!combined.ok() || !fields.outputPath) return combined;
    return filterPath(state, "OutputPath", combined.value(),
                      Scope{combined.value(), context, vars, random});
}

Result<Json> passOutput(const Json& pass, const Json& rawInput, const Json& context,
                        const Variables* vars, RandomSource* random) {
    // InputPath and Parameters run even when Result is given, so their errors still surface.
    Result<Json> input = effectiveInput(pass, rawInput, context, vars, random);
    if (!input.ok()) return input;
    const Json* staticResult = fieldOf(pass, "Result");
    const Json& result = staticResult != nullptr ? *staticResult : input.value();
    return stateOutput(pass, rawInput, result, context, vars, random);
}

} // namespace flowcast::model::eval
