#pragma once
// The 18 intrinsic functions applied to evaluated arguments, one table row each (name, argument
// count, implementation). Internal to Intrinsics.cpp, which parses and evaluates the arguments.
#include "model/asl/eval/EvalTypes.h"
#include "model/asl/eval/IntrinsicParser.h"

#include <string_view>
#include <vector>

namespace flowcast::model::eval {

/// An evaluated argument and how it was written: States.Format reads the escapes of a literal
/// template, States.JsonToString refuses literals.
struct IntrinsicValue {
    const Json& value; ///< in the scope, the call, or the values the caller keeps for the call
    IntrinsicArgument::Kind kind = IntrinsicArgument::Kind::Literal;
    /// String literals: the text between the quotes, escapes kept (a view of the parsed call,
    /// which outlives the evaluation).
    std::string_view literalText;
};

using IntrinsicValues = std::vector<IntrinsicValue>;

struct IntrinsicFunction {
    std::string_view name;
    int minArguments;
    int maxArguments; // -1: any number
    Result<Json> (*apply)(const IntrinsicValues& args, RandomSource* random);
};

/// The function named `name` ("States.Format"), or nullptr.
const IntrinsicFunction* findIntrinsicFunction(std::string_view name);

/// Empty when `count` arguments suit `function`, else the cause of the failure.
std::string checkIntrinsicArity(const IntrinsicFunction& function, std::size_t count);

} // namespace flowcast::model::eval
