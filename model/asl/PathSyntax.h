#pragma once
// Syntax of the strings ASL interprets in JSONPath mode: Paths (JSONPath as AWS reads it, Jayway
// style), Reference Paths (the single-node subset) and intrinsic functions. Each check returns
// an empty string when the text is valid, else a one-line reason.
#include <string>
#include <string_view>

namespace flowcast::model {

/// "$", "$.a.b", "$..x", "$.a[*]", "$.a[?(@.b > 1)]", "$$.Execution.Id", "$myVar.x".
std::string checkPath(std::string_view path);

/// The single-node subset: ".name", "['name']", "[n]" after "$", "$$" or "$var".
/// ASL: "The operators @, ,, :, and ? are not supported" in Reference Paths.
std::string checkReferencePath(std::string_view path);

/// "States.Format('{} items', $.count)": known name, arity, argument syntax, nesting depth <= 10.
std::string checkIntrinsicFunction(std::string_view text);

/// True for text that is meant as an intrinsic function call ("States.X(...)").
bool looksLikeIntrinsicFunction(std::string_view text);

/// The value of a ".$" key: a Path or an intrinsic function.
std::string checkDynamicValue(std::string_view text);

} // namespace flowcast::model
