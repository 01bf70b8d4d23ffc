#pragma once
// Choice rules in JSONPath states: the 39 comparison operators and And / Or / Not, evaluated the
// way Step Functions does (types that do not fit a comparison make it false; a Variable that
// does not exist is a States.Runtime error except for IsPresent).
#include "model/asl/eval/EvalTypes.h"

#include <cstddef>
#include <optional>

namespace flowcast::model::eval {

/// One rule (a top-level Choice entry or a nested one).
Result<bool> evaluateChoiceRule(const Json& rule, const Scope& scope);

/// Index of the first rule of `choices` that matches, or nullopt (then Default applies, or
/// States.NoChoiceMatched when there is none).
Result<std::optional<std::size_t>> selectChoice(const Json& choices, const Scope& scope);

} // namespace flowcast::model::eval
