#pragma once
// Internal to JsonPath.cpp: a JSONPath parsed once into a root and a list of steps, the form the
// evaluator walks. The grammar is Jayway's (what Step Functions runs), the same that
// model/asl/PathSyntax checks. Filters keep their expression trees in the path that owns them.
#include "model/asl/Json.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowcast::model::eval::jsonpath {

/// What a path starts from: "$" (the document), "$$" (the context object), "$name" (a variable),
/// or "@" (the item a filter is testing).
enum class Root { Document, Context, Variable, Current };

enum class StepKind {
    Name,     // .a  ['a']
    Names,    // ['a','b']
    Index,    // [0]  [-1]
    Indexes,  // [0,2]
    Slice,    // [1:3]  [:2]  [-2:]
    Wildcard, // .*  [*]
    Filter,   // [?(...)]
    Script,   // [(@.length-1)]
    Function, // .length()  .min()  .max()  .avg()  .sum(), always last
};

struct Step {
    StepKind kind = StepKind::Name;
    bool scan = false;                    // written after "..": applies at every depth
    std::vector<std::string> names;       // Name (one), Names (two or more)
    std::vector<std::int64_t> indexes;    // Index (one), Indexes; Script: offset from the length
    std::optional<std::int64_t> from, to; // Slice
    int filter = -1;                      // Filter: its top node in Path::nodes
    std::string function;                 // Function
};

struct Path;

/// One side of a comparison in a filter: a literal or a path ("@.price", "$.limit").
struct Operand {
    std::optional<Json> literal;
    std::shared_ptr<const Path> path;
};

enum class Compare { Exists, Eq, Ne, Lt, Le, Gt, Ge, In, Nin };

/// A node of a filter's expression tree. And / Or are n-ary so that long chains stay flat.
struct FilterNode {
    enum class Kind { Or, And, Not, Compare };
    Kind kind = Kind::Compare;
    std::vector<int> children; // Or, And: two or more; Not: one
    Compare op = Compare::Exists;
    Operand lhs, rhs;
};

struct Path {
    Root root = Root::Document;
    std::string variable; // Root::Variable: the name without '$'
    std::vector<Step> steps;
    std::vector<FilterNode> nodes;

    /// Jayway: only single names, single indexes, a trailing multi-name merge and a trailing
    /// function. A definite path yields one value (or fails); any other yields a list.
    bool isDefinite() const;
    /// "$..book.length()": Jayway applies the function to all the matches at once.
    bool isScanFunction() const;
};

/// Parses a whole path; on failure returns nullopt and sets `error` to a one-line reason.
std::optional<Path> parsePath(std::string_view text, std::string& error);

/// Jayway's normalized form of one step: "['a']", "[0]", "..[*]", "[?]", ".length()".
std::string renderStep(const Step& step);

/// Steps [from, to) rendered one after the other; error causes put "$" in front, the way AWS
/// quotes Jayway: "No results for path: $['a'][0]".
std::string renderSteps(const Path& path, std::size_t from, std::size_t to);

} // namespace flowcast::model::eval::jsonpath
