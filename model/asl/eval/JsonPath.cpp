#include "model/asl/eval/JsonPath.h"

#include "model/asl/eval/JsonPathEvaluator.h"
#include "model/asl/eval/JsonPathParser.h"

#include <exception>

namespace flowcast::model::eval {
namespace {

using jsonpath::Path;
using jsonpath::Root;
using jsonpath::StepKind;

// AWS quotes Jayway's reason after the path: "Invalid path '$.Payload' : No results for path:
// $['Payload']" (States.Runtime from InputPath / OutputPath, seen in execution histories).
EvalError invalidPath(std::string_view path, const std::string& reason) {
    return {"States.Runtime", "Invalid path '" + std::string(path) + "' : " + reason};
}

EvalError resultPathFailure(std::string_view path, const std::string& reason) {
    return {"States.ResultPathMatchFailure",
            "Unable to apply ResultPath '" + std::string(path) + "' to the input: " + reason};
}

const Json& startOf(const Path& path, const Scope& scope) {
    if (path.root == Root::Context) return scope.context;
    if (path.root == Root::Variable) return *scope.variables->find(path.variable);
    return scope.input;
}

// Writes `value` at the reference path in `output`, walking from its root.
std::optional<std::string> place(Json& output, const Path& path, const Json& value) {
    Json* current = &output;
    const std::size_t n = path.steps.size();
    for (std::size_t i = 0; i < n; ++i) {
        const jsonpath::Step& s = path.steps[i];
        auto at = [&] { return "$" + jsonpath::renderSteps(path, 0, i); };
        if (s.kind == StepKind::Name) {
            if (!current->is_object())
                return at() + " is " + jsonTypeName(*current) + ", not an object";
            const std::string& name = s.names.front();
            // ResultPath creates the objects the path runs through when they are missing.
            if (i + 1 < n && !current->contains(name)) (*current)[name] = Json::object();
            current = &(*current)[name];
            continue;
        }
        if (!current->is_array()) return at() + " is " + jsonTypeName(*current) + ", not an array";
        const auto size = static_cast<std::int64_t>(current->size());
        const std::int64_t index =
            s.indexes.front() < 0 ? size + s.indexes.front() : s.indexes.front();
        if (index < 0 || index >= size)
            return "index " + std::to_string(s.indexes.front()) + " is out of range for " + at() +
                   " (size " + std::to_string(size) + ")";
        current = &(*current)[static_cast<std::size_t>(index)];
    }
    *current = value;
    return std::nullopt;
}

} // namespace

Result<Json> evaluatePath(std::string_view text, const Scope& scope) {
    try {
        std::string reason;
        std::optional<Path> path = jsonpath::parsePath(text, reason);
        if (!path) return invalidPath(text, reason);
        if (auto missing = jsonpath::findMissingVariable(*path, scope))
            return invalidPath(text, "The variable $" + *missing + " is not defined");
        const Json& start = startOf(*path, scope);
        jsonpath::Evaluator evaluator(scope, start);
        std::optional<Json> value = evaluator.evaluate(*path, start, reason);
        if (!value) return invalidPath(text, reason);
        return std::move(*value);
    } catch (const std::exception& e) {
        return invalidPath(text, e.what());
    } catch (...) {
        return invalidPath(text, "unexpected failure");
    }
}

Result<Json> applyResultPath(const Json& input, std::string_view referencePath, const Json& value) {
    try {
        std::string reason;
        std::optional<Path> path = jsonpath::parsePath(referencePath, reason);
        if (!path) return resultPathFailure(referencePath, reason);
        if (path->root != Root::Document)
            return resultPathFailure(referencePath, "a ResultPath starts at the state input, '$'");
        for (const jsonpath::Step& s : path->steps) {
            if (s.scan || (s.kind != StepKind::Name && s.kind != StepKind::Index))
                return resultPathFailure(referencePath, "'" + jsonpath::renderStep(s) +
                                                            "' is not allowed in a reference path");
        }
        Json output = input;
        if (auto failure = place(output, *path, value))
            return resultPathFailure(referencePath, *failure);
        return output;
    } catch (const std::exception& e) {
        return resultPathFailure(referencePath, e.what());
    } catch (...) {
        return resultPathFailure(referencePath, "unexpected failure");
    }
}

} // namespace flowcast::model::eval
