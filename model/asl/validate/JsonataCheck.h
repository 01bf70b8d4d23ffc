#pragma once
// The Validator's one question to the JSONata parser: is this expression well formed?
#include <string>
#include <string_view>

namespace flowcast::model::validate {

/// Empty when `body` (the text between {% and %}) parses, else "S0202 at 5: ..." style reason.
std::string jsonataSyntaxError(std::string_view body);

} // namespace flowcast::model::validate
