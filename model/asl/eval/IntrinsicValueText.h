#pragma once
// Text forms of JSON values for the intrinsic functions: compact JSON that never throws, a
// canonical form for equality, the pieces of a States.Format template, and value descriptions
// for causes. Internal to the intrinsic functions.
#include "model/asl/eval/EvalTypes.h"

#include <string>
#include <string_view>
#include <vector>

namespace flowcast::model::eval {

/// Compact JSON text ({"a":1}); invalid UTF-8 is replaced, never thrown.
std::string compactJson(const Json& value);

/// Equal values give equal text: object keys sorted, integral numbers without a fraction
/// (1 and 1.0 are the same). Iterative, so any nesting depth is safe.
std::string canonicalJson(const Json& value);

/// The literal pieces around the "{}" placeholders of a States.Format template (n placeholders
/// give n + 1 pieces). \{ \} \\ \' stand for the character itself; a '{' not followed by '}' or
/// a lone '}' fails (AWS rejects 'Hello {' and '}').
Result<std::vector<std::string>> splitFormatTemplate(std::string_view text);

} // namespace flowcast::model::eval
