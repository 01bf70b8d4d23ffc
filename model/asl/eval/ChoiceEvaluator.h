#pragma once
// Choice rules in JSONPath states: the 39 comparison operators and And / Or / Not, evaluated the
// way Step Functions does (types that do not fit a comparison make it false; a Variable that
// does not exist is a States.Runtime error except for IsPresent).
#include "model/asl/eval/EvalTypes.h"

#include <cstddef>
#include <memory>
#include <optional>

namespace flowcast::model::eval {

/// One rule (a top-level Choice entry or a nested one).
Result<bool> evaluateChoiceRule(const Json& rule, const Scope& scope);

/// Index of the first rule of `choices` that matches, or nullopt (then Default applies, or
/// States.NoChoiceMatched when there is none).
Result<std::optional<std::size_t>> selectChoice(const Json& choices, const Scope& scope);

/// A Choice state's rules prepared once (operators found, paths parsed) for many evaluations,
/// with selectChoice's results and errors (a malformed rule fails only when it is reached).
/// Keeps `choices` by reference (it must outlive this); immutable, so one serves every thread.
class ChoiceRules {
public:
    explicit ChoiceRules(const Json& choices);

    Result<std::optional<std::size_t>> select(const Scope& scope) const;

private:
    struct Plan;
    std::shared_ptr<const Plan> m_plan;
};

} // namespace flowcast::model::eval
