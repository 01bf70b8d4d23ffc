#pragma once
// Internal to ChoiceEvaluator: the 39 comparison operators of a JSONPath Choice rule applied to
// values already resolved, so that they can be tested without paths. A value of the wrong type
// makes a comparison false; a malformed rule (a literal of the wrong type) is a States.Runtime
// error, never an exception.
#include "model/asl/eval/EvalTypes.h"

#include <string_view>

namespace flowcast::model::eval {

/// True when `name` is one of the 39 comparison operators (And, Or and Not are not).
bool isComparisonOperator(std::string_view name);

/// True for the operators whose operand is a path ("StringEqualsPath", ...).
bool hasPathOperand(std::string_view name);

/// Applies comparison `name` to the Variable's value (nullptr when the Variable does not exist,
/// which only IsPresent accepts) and `operand`: the literal of the rule, or for a *Path operator
/// the value its path resolved to. States.Runtime when `name` is not an operator or a literal
/// operand has the wrong type; a resolved *Path operand of the wrong type makes the result false.
Result<bool> applyComparison(std::string_view name, const Json* variable, const Json& operand);

/// Java's String.compareTo, which Step Functions uses for the String operators (AWS developer
/// guide, Choice state): UTF-16 code units, so U+FFFD sorts after U+1F600. Negative, 0, positive.
int compareStrings(std::string_view a, std::string_view b);

/// StringMatches: `*` matches any run of characters (also none); `\*` is a literal star and `\\`
/// a literal backslash; any other backslash stands for itself.
bool matchesWildcard(std::string_view text, std::string_view pattern);

} // namespace flowcast::model::eval
