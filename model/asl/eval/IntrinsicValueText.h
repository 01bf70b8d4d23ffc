#pragma once
// Text forms of JSON values for the intrinsic functions: compact JSON that never throws, a
// canonical form for equality, the pieces of a States.Format template, and value descriptions
// for causes. Internal to the intrinsic functions.
#include "model/asl/eval/EvalTypes.h"

#include <optional>
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

/// Walks a States.Format template as splitFormatTemplate reads it: each run of literal text
/// (escapes resolved) goes to `literal(std::string_view)`, each "{}" to `placeholder()`, which
/// returns false to stop the walk. The failure is the one splitFormatTemplate reports.
template <class Literal, class Placeholder>
std::optional<EvalError> scanFormatTemplate(std::string_view text, Literal&& literal,
                                            Placeholder&& placeholder) {
    auto unmatched = [](char c, std::size_t i) {
        return EvalError{"States.IntrinsicFailure", std::string("unmatched '") + c +
                                                        "' at character " + std::to_string(i + 1) +
                                                        " of the template"};
    };
    std::size_t run = 0; // where the pending literal text starts
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\' && i + 1 < text.size() &&
            (text[i + 1] == '{' || text[i + 1] == '}' || text[i + 1] == '\\' ||
             text[i + 1] == '\'')) {
            literal(text.substr(run, i - run));
            run = ++i; // the escaped character starts the next run
        } else if (c == '{') {
            if (i + 1 >= text.size() || text[i + 1] != '}') return unmatched('{', i);
            literal(text.substr(run, i - run));
            if (!placeholder()) return std::nullopt;
            run = ++i + 1;
        } else if (c == '}') {
            return unmatched('}', i);
        }
    }
    literal(text.substr(run));
    return std::nullopt;
}

} // namespace flowcast::model::eval
