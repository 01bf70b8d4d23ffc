#pragma once
// JSONata expression text to syntax tree, without evaluating it. Follows jsonata-js 2.0.6 (the
// version AWS Step Functions runs): same grammar, same error codes, same positions. parse()
// never throws; the tree it returns is immutable.
#include "model/jsonata/Ast.h"
#include "model/jsonata/SyntaxError.h"

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>

namespace flowcast::model::jsonata {

struct ParseOptions {
    /// Accept JSONata 2.1's `a ?? b` and `a ?: b`. Off by default: in 2.0.6, and so in Step
    /// Functions, they are syntax errors (S0211).
    bool coalescingOperators = false;
};

struct ParseResult {
    std::shared_ptr<const Node> ast; ///< null when parsing failed
    std::optional<SyntaxError> error;

    bool ok() const { return ast != nullptr && !error.has_value(); }
};

/// Parses a UTF-8 JSONata expression. Positions in errors and nodes count UTF-16 code units,
/// as jsonata-js (and QString) do. Nesting deeper than kMaxNestingDepth fails with
/// kNestingTooDeep instead of exhausting the stack.
ParseResult parse(std::string_view expression, const ParseOptions& options = {});

/// The byte offset in the UTF-8 `expression` of a `position` that parse() reported.
std::size_t byteOffsetOf(std::string_view expression, std::size_t position);

} // namespace flowcast::model::jsonata
