#include "model/asl/eval/JsonPath.h"

#include "model/asl/JsonTree.h"
#include "model/asl/eval/JsonPathEvaluator.h"
#include "model/asl/eval/JsonPathParser.h"

#include <algorithm>
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

// Where writing at the reference path would fail, without writing. place() creates the objects
// the path runs through when they are missing, so after the first missing name the rest of the
// path meets an empty object.
std::optional<std::string> placementFailure(const Json& output, const Path& path) {
    const Json* current = &output;
    bool created = false; // `current` stands for an object place() would create: {}
    const std::size_t n = path.steps.size();
    for (std::size_t i = 0; i < n; ++i) {
        const jsonpath::Step& s = path.steps[i];
        auto at = [&] { return "$" + jsonpath::renderSteps(path, 0, i); };
        if (s.kind == StepKind::Name) {
            if (created) continue;
            if (!current->is_object())
                return at() + " is " + jsonTypeName(*current) + ", not an object";
            const auto it = current->find(s.names.front());
            if (it == current->end())
                created = true;
            else
                current = &*it;
            continue;
        }
        if (created) return at() + " is an object, not an array";
        if (!current->is_array()) return at() + " is " + jsonTypeName(*current) + ", not an array";
        const auto size = static_cast<std::int64_t>(current->size());
        const std::int64_t index =
            s.indexes.front() < 0 ? size + s.indexes.front() : s.indexes.front();
        if (index < 0 || index >= size)
            return "index " + std::to_string(s.indexes.front()) + " is out of range for " + at() +
                   " (size " + std::to_string(size) + ")";
        current = &(*current)[static_cast<std::size_t>(index)];
    }
    return std::nullopt;
}

// Writes `value` at a reference path placementFailure() accepted, creating missing objects.
void place(Json& output, const Path& path, Json&& value) {
    Json* current = &output;
    const std::size_t n = path.steps.size();
    for (std::size_t i = 0; i < n; ++i) {
        const jsonpath::Step& s = path.steps[i];
        if (s.kind == StepKind::Name) {
            const std::string& name = s.names.front();
            auto& entries = current->get_ref<Json::object_t&>();
            auto found = std::find_if(entries.begin(), entries.end(),
                                      [&name](const auto& entry) { return entry.first == name; });
            if (found != entries.end()) {
                current = &found->second;
                continue;
            }
            makeRoomForEntry(entries); // a new key must not copy the others' values
            current = &entries.emplace_back(name, i + 1 < n ? Json::object() : Json()).second;
            continue;
        }
        const auto size = static_cast<std::int64_t>(current->size());
        const std::int64_t index =
            s.indexes.front() < 0 ? size + s.indexes.front() : s.indexes.front();
        current = &(*current)[static_cast<std::size_t>(index)];
    }
    releaseJson(*current);
    *current = std::move(value);
}

// A simple path (names and indexes) walked directly; nullptr when a step finds nothing (the
// evaluator then explains why, in Jayway's words).
const Json* walkSimple(const Path& path, const Json& start) {
    const Json* current = &start;
    for (const jsonpath::Step& s : path.steps) {
        if (s.kind == StepKind::Name) {
            if (!current->is_object()) return nullptr;
            const auto it = current->find(s.names.front());
            if (it == current->end()) return nullptr;
            current = &*it;
            continue;
        }
        if (!current->is_array()) return nullptr;
        const auto size = static_cast<std::int64_t>(current->size());
        const std::int64_t index =
            s.indexes.front() < 0 ? size + s.indexes.front() : s.indexes.front();
        if (index < 0 || index >= size) return nullptr;
        current = &(*current)[static_cast<std::size_t>(index)];
    }
    return current;
}

bool isPlain(const Path& path) {
    if (path.root != Root::Document && path.root != Root::Context) return false;
    return std::all_of(path.steps.begin(), path.steps.end(), [](const jsonpath::Step& s) {
        return !s.scan && (s.kind == StepKind::Name || s.kind == StepKind::Index);
    });
}

// The general case: variables, filters, scans, functions, and the reason a path finds nothing.
// The value is moved into `storage`.
Result<const Json*> evaluateParsed(const CompiledPath& compiled, const Scope& scope,
                                   Json& storage) {
    const Path& path = *compiled.parsed();
    std::string reason;
    if (auto missing = jsonpath::findMissingVariable(path, scope))
        return invalidPath(compiled.text(), "The variable $" + *missing + " is not defined");
    const Json& start = startOf(path, scope);
    jsonpath::Evaluator evaluator(scope, start);
    std::optional<Json> value = evaluator.evaluate(path, start, reason);
    if (!value) return invalidPath(compiled.text(), reason);
    storage = std::move(*value);
    return &storage;
}

} // namespace

CompiledPath::CompiledPath(std::string_view text) : m_text(text) {
    try {
        std::optional<Path> path = jsonpath::parsePath(text, m_error);
        if (!path) return;
        m_simple = isPlain(*path);
        m_partOfInput = m_simple && path->root == Root::Document;
        m_path = std::make_shared<const Path>(std::move(*path));
    } catch (const std::exception& e) {
        m_error = e.what();
    } catch (...) {
        m_error = "unexpected failure";
    }
}

Result<Json> evaluatePath(std::string_view text, const Scope& scope) {
    return evaluatePath(CompiledPath(text), scope);
}

Result<Json> evaluatePath(const CompiledPath& path, const Scope& scope) {
    Json storage;
    Result<const Json*> found = findPath(path, scope, storage);
    if (!found.ok()) return found.error();
    if (found.value() == &storage) return storage;
    try {
        return *found.value();
    } catch (const std::exception& e) {
        return invalidPath(path.text(), e.what());
    }
}

Result<const Json*> findPath(const CompiledPath& path, const Scope& scope, Json& storage) {
    if (!path.parsed()) return invalidPath(path.text(), path.parseError());
    try {
        if (path.isSimple()) {
            const Json* value = walkSimple(*path.parsed(), startOf(*path.parsed(), scope));
            if (value) return value;
        }
        return evaluateParsed(path, scope, storage);
    } catch (const std::exception& e) {
        return invalidPath(path.text(), e.what());
    } catch (...) {
        return invalidPath(path.text(), "unexpected failure");
    }
}

Result<Json> applyResultPath(const Json& input, std::string_view referencePath, const Json& value) {
    try {
        return applyResultPath(Json(input), CompiledPath(referencePath), Json(value));
    } catch (const std::exception& e) {
        return resultPathFailure(referencePath, e.what());
    }
}

Result<Json> applyResultPath(Json&& input, const CompiledPath& referencePath, Json&& value) {
    const std::string& text = referencePath.text();
    try {
        const Path* path = referencePath.parsed();
        if (!path) return resultPathFailure(text, referencePath.parseError());
        if (path->root != Root::Document)
            return resultPathFailure(text, "a ResultPath starts at the state input, '$'");
        for (const jsonpath::Step& s : path->steps) {
            if (s.scan || (s.kind != StepKind::Name && s.kind != StepKind::Index))
                return resultPathFailure(text, "'" + jsonpath::renderStep(s) +
                                                   "' is not allowed in a reference path");
        }
        if (auto failure = placementFailure(input, *path)) return resultPathFailure(text, *failure);
        Json output = std::move(input);
        place(output, *path, std::move(value));
        return output;
    } catch (const std::exception& e) {
        return resultPathFailure(text, e.what());
    } catch (...) {
        return resultPathFailure(text, "unexpected failure");
    }
}

} // namespace flowcast::model::eval
