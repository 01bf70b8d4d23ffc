#pragma once
// The JSONata syntax tree as jsonata-js's post-pass leaves it: location paths are flat step lists
// and each step carries its filters, group-by, focus/index bindings and parent-slot label. The
// parser builds it; once parse() returns it is immutable and may be shared between threads.
#include "model/asl/Json.h"
#include "model/jsonata/Signature.h"
#include "model/jsonata/Value.h"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace flowcast::model::jsonata {

struct Node;
struct RegexValue;
using NodePtr = std::shared_ptr<const Node>;

enum class NodeKind {
    Path,        ///< PathExpr: each step is evaluated against every result of the previous one
    Name,        ///< Identifier: a field-name step (also `and`, `or`, `in` and `quoted names`)
    String,      ///< Literal
    Number,      ///< Literal; a unary minus before a number literal is folded in
    Value,       ///< Literal: true, false or null
    Regex,       ///< RegexLiteral
    Variable,    ///< Identifier: "x" for $x, "" for $ (context), "$" for $$ (root)
    Wildcard,    ///< *
    Descendant,  ///< **
    Parent,      ///< ParentRef: %
    Binary,      ///< BinaryExpr
    Negate,      ///< UnaryExpr: -x
    Array,       ///< Sequence: [a, b, 1..3]
    Object,      ///< ObjectExpr: {k: v}
    Block,       ///< Sequence: (a; b)
    Condition,   ///< Conditional: c ? a : b
    Function,    ///< Call: f(a, b)
    Partial,     ///< Call where some arguments are Placeholder: f(?, b)
    Placeholder, ///< the `?` argument of a partial application
    Lambda,      ///< LambdaExpr: function($a){...} or λ($a){...}
    Bind,        ///< Binding: $a := value
    Apply,       ///< BinaryExpr with op Chain: a ~> $f
    Transform,   ///< TransformExpr: | pattern | update, delete |
    Sort,        ///< SortExpr: the order-by step of a^(<x, >y); only inside a Path
};

enum class BinaryOp {
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Concat,
    And,
    Or,
    In,
    Range,    ///< a..b, only inside an array constructor
    Coalesce, ///< a ?? b (JSONata 2.1, see ParseOptions)
    Default,  ///< a ?: b (JSONata 2.1, see ParseOptions)
    Chain,    ///< a ~> f, carried by NodeKind::Apply
};

/// "+", "!=", "and", "..", "~>" ...
std::string_view binarySymbol(BinaryOp op);
/// jsonata-js's name for the node type ("path", "name", "binary", "unary", "function" ...).
std::string_view jsonataTypeName(NodeKind kind);

struct Literal {
    Json value;
    /// The value at run time, made once by the parser so that evaluating a literal allocates
    /// nothing; undefined for arrays and objects, which evaluations may change and so copy.
    Value scalar;
};
struct RegexLiteral {
    std::string pattern;
    std::string flags;
    /// The pattern compiled once by the parser (jsonata-js compiles it in its lexer); null when
    /// it does not compile, which evaluation reports. Each evaluation still makes its own
    /// function around it: jsonata-js's regex values are distinct (`/a/ = /a/` is false).
    std::shared_ptr<const RegexValue> compiled;
};
struct Identifier {
    std::string name;
};
struct ParentRef {
    std::string label;
}; ///< matches StepInfo::ancestor of the step it refers to
struct BinaryExpr {
    BinaryOp op = BinaryOp::Add;
    NodePtr lhs;
    NodePtr rhs;
};
struct UnaryExpr {
    NodePtr operand;
};
struct Sequence {
    std::vector<NodePtr> items;
};
struct KeyValue {
    NodePtr key;
    NodePtr value;
};
struct ObjectExpr {
    std::vector<KeyValue> pairs;
};
struct PathExpr {
    std::vector<NodePtr> steps;
    bool keepSingletonArray = false; ///< some step has [] after it
    /// Set by the parser: a lone Name step and nothing attached to it or to the path (no
    /// filters, bindings, grouping or []), so the evaluator may read the field directly.
    bool singleName = false;
};
struct Call {
    NodePtr procedure;
    std::vector<NodePtr> arguments;
    bool tailCall = false; ///< in tail position of a lambda body: the evaluator may trampoline it
};
struct LambdaExpr {
    std::vector<std::string> parameters; ///< names without '$'
    std::optional<Signature> signature;
    NodePtr body;
};
struct Conditional {
    NodePtr condition;
    NodePtr then;
    NodePtr otherwise;
}; ///< otherwise may be null
struct Binding {
    std::string variable;
    NodePtr value;
};
struct TransformExpr {
    NodePtr pattern;
    NodePtr update;
    NodePtr remove;
}; ///< remove may be null
struct SortTerm {
    bool descending = false;
    NodePtr expression;
};
struct SortExpr {
    std::vector<SortTerm> terms;
};

using Payload = std::variant<std::monostate, Literal, RegexLiteral, Identifier, ParentRef,
                             BinaryExpr, UnaryExpr, Sequence, ObjectExpr, PathExpr, Call,
                             LambdaExpr, Conditional, Binding, TransformExpr, SortExpr>;

/// A filter `[expr]` or an index binding `#$i` that follows one, in the order written.
struct Stage {
    enum class Kind { Filter, Index };
    Kind kind = Kind::Filter;
    NodePtr expression;   ///< Filter only
    std::string variable; ///< Index only, without '$'
    std::size_t position = 0;
};

struct GroupBy {
    std::vector<KeyValue> pairs;
    std::size_t position = 0;
};

/// What jsonata-js attaches to a step, or to any expression that is filtered or grouped.
struct StepInfo {
    std::vector<Stage> stages;           ///< inside a Path: applied to each result of the step
    std::vector<Stage> predicate;        ///< outside a Path: applied to the whole result
    std::optional<GroupBy> group;        ///< {k: v} after the step
    std::optional<std::string> focus;    ///< @$v
    std::optional<std::string> index;    ///< #$i written before any filter
    std::optional<std::string> ancestor; ///< slot label under which % finds this step's input
    bool tuple = false;     ///< evaluated as a tuple stream (focus, index or parent binding)
    bool keepArray = false; ///< [] after it: a singleton result stays an array
    bool consArray = false; ///< an array constructor at the start or end of a path: not flattened
};

struct Node {
    NodeKind kind = NodeKind::Value;
    std::size_t position = 0; ///< UTF-16 offset just past the node's token, as in jsonata-js
    Payload payload;
    StepInfo step;

    /// The payload of the type NodeKind documents; throws std::bad_variant_access otherwise.
    template <class T> const T& as() const { return std::get<T>(payload); }
};

} // namespace flowcast::model::jsonata
