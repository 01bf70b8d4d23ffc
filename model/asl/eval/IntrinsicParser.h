#pragma once
// The syntax tree of one intrinsic function call as written in a ".$" value: literal arguments,
// paths and nested calls, at most 10 calls deep. Internal to Intrinsics.cpp; parsing evaluates
// nothing.
#include "model/asl/eval/EvalTypes.h"
#include "model/asl/eval/JsonPath.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace flowcast::model::eval {

struct IntrinsicCall;

/// One argument of a call, as written.
struct IntrinsicArgument {
    enum class Kind { Literal, Path, Call };
    Kind kind = Kind::Literal;
    /// Literal: the value ('text' with its escapes resolved, numbers, true, false, null).
    Json literal;
    /// Path: the path text. String literal: the text between the quotes with escapes kept, so
    /// that States.Format can tell an escaped \{ from a placeholder.
    std::string text;
    CompiledPath path;                   // Kind::Path: the text, parsed once
    std::unique_ptr<IntrinsicCall> call; // Kind::Call
};

struct IntrinsicFunction;

struct IntrinsicCall {
    std::string name; // "States.Format"
    std::vector<IntrinsicArgument> arguments;
    /// The function named, once looked up (DynamicValue does it when it prepares the call).
    const IntrinsicFunction* function = nullptr;
};

/// ASL: "You can nest up to 10 intrinsic functions within a field".
constexpr int kMaxIntrinsicNesting = 10;

/// Parses "States.X(arg, ...)". Fails with States.IntrinsicFailure naming the first problem
/// (unterminated string, open escape backslash, nesting deeper than 10, ...). Function names
/// and argument counts are not checked here.
Result<IntrinsicCall> parseIntrinsicCall(std::string_view text);

} // namespace flowcast::model::eval
