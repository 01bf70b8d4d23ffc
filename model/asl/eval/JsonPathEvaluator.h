#pragma once
// Internal to JsonPath.cpp: walks a parsed path over JSON with Jayway's semantics (definite paths
// give a value or fail, indefinite ones give the list of matches). One Evaluator serves one
// top-level evaluation; it never throws beyond what allocation does, and never recurses on the
// document's depth (deep scans use an explicit stack).
#include "model/asl/eval/EvalTypes.h"
#include "model/asl/eval/JsonPathParser.h"

#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace flowcast::model::eval::jsonpath {

/// The first variable the path (its filters included) names that `scope` does not define.
std::optional<std::string> findMissingVariable(const Path& path, const Scope& scope);

class Evaluator {
public:
    /// `document` is what "$" names inside filters: the value the top-level path starts from.
    Evaluator(const Scope& scope, const Json& document);

    /// The path's value from `start`: the value itself for a definite path, else the JSON array
    /// of every match. nullopt with a reason in Jayway's wording when a definite path has no
    /// value ("No results for path: $['a']") or a function cannot compute.
    std::optional<Json> evaluate(const Path& path, const Json& start, std::string& failure);

private:
    struct Value; // a value inside the document or one computed here

    Value walkDefinite(const Path& path, const Json& start, std::string* failure);
    std::optional<Json> collect(const Path& path, const Json& start, std::string& failure);
    std::optional<Json> scanFunction(const Path& path, const Json& start, std::string& failure);
    void select(const Path& path, std::size_t count, const Json& start,
                std::vector<const Json*>& out);
    void apply(const Path& path, std::size_t i, const Json& node, std::vector<const Json*>& out);
    void scan(const Path& path, std::size_t i, const Json& start, std::vector<const Json*>& out);
    bool scanVisits(const Path& path, std::size_t i, const Json& node);
    bool accept(const Path& path, int node, const Json& item);
    bool compare(const FilterNode& node, const Json& item);
    Value operand(const Operand& operand, const Json& item);
    const Json* rootValue(const Path& path, const Json& item) const;
    const Json* keep(Json value);

    const Scope& m_scope;
    const Json& m_document;
    std::deque<Json> m_computed; // merged objects: stable addresses for matches
    bool m_tooMany = false;
};

} // namespace flowcast::model::eval::jsonpath
