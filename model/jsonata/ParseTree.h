#pragma once
// The Pratt parser's raw output, shaped like jsonata-js's tree before its post-pass: '.', '[',
// '{', '^', '@' and '#' are still binary operators. Private to model/jsonata; AstBuilder turns it
// into the Node tree. Each node records its depth so no tree deeper than kMaxNestingDepth exists.
#include "model/jsonata/Signature.h"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace flowcast::model::jsonata {

enum class RawType {
    Name,
    Variable,
    String,
    Number,
    Value,
    Regex,
    Operator,
    End,
    Binary,
    Unary,
    Wildcard,
    Descendant,
    Parent,
    Function,
    Partial,
    Lambda,
    Condition,
    Transform,
    Block,
};

struct RawNode;
using RawPtr = std::unique_ptr<RawNode>;

struct RawPair {
    RawPtr key;
    RawPtr value;
};

struct RawSortTerm {
    bool descending = false;
    RawPtr expression;
};

struct RawNode {
    RawType type = RawType::End;
    /// Token text; for Binary and Unary the operator ("." "[" "{" "^" ":=" "@" "#" "+" "-" ...).
    std::string value;
    double number = 0;
    std::string regexFlags;
    std::size_t position = 0;
    bool keepArray = false;
    int depth = 1;

    RawPtr lhs, rhs;                    ///< Binary; Unary '-' keeps its operand in lhs
    std::vector<RawPtr> items;          ///< '[' constructor, Block, call and lambda arguments
    std::vector<RawPair> pairs;         ///< '{' constructor and group-by
    std::vector<RawSortTerm> terms;     ///< '^' order-by
    RawPtr procedure, body;             ///< Function, Partial, Lambda
    std::optional<Signature> signature; ///< Lambda
    RawPtr condition, then, otherwise;  ///< Condition
    RawPtr pattern, update, remove;     ///< Transform

    /// Sets `depth` from the children's (already set) depths.
    void updateDepth() {
        int deepest = 0;
        const auto visit = [&deepest](const RawPtr& child) {
            if (child && child->depth > deepest) deepest = child->depth;
        };
        for (const RawPtr* child : {&lhs, &rhs, &procedure, &body, &condition, &then, &otherwise,
                                    &pattern, &update, &remove}) {
            visit(*child);
        }
        for (const auto& item : items)
            visit(item);
        for (const auto& pair : pairs) {
            visit(pair.key);
            visit(pair.value);
        }
        for (const auto& term : terms)
            visit(term.expression);
        depth = deepest + 1;
    }
};

} // namespace flowcast::model::jsonata
