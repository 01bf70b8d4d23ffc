#pragma once
// A JSONata compile-time error: jsonata-js's code (S0101...S0402), where it happened and its
// message. The parser's parts throw ParseFailure internally; parse() turns it into a value.
#include <cstddef>
#include <exception>
#include <string>
#include <string_view>
#include <utility>

namespace flowcast::model::jsonata {

struct SyntaxError {
    std::string code; ///< jsonata-js code, e.g. "S0202"; F0xxx are Flowcast's own
    /// UTF-16 offset as jsonata-js reports it, usually just past the offending token. Where
    /// jsonata-js has none (S0217 for a '%' above the outermost step) it is the path's first token.
    std::size_t position = 0;
    std::string message; ///< jsonata-js wording, e.g. `Expected ")", got "]"`
    std::string token;   ///< the offending token's text, empty when there is none
};

/// Flowcast's codes for limits jsonata-js does not have.
inline constexpr std::string_view kNestingTooDeep = "F0201";
inline constexpr std::string_view kInternalFailure = "F0202";

/// The deepest expression nesting the parser accepts before it reports kNestingTooDeep. At this
/// depth parse() needs up to ~350 KB of stack when optimised (~1.2 MB at -O0); the reference
/// suite nests about 30 deep.
inline constexpr int kMaxNestingDepth = 500;

/// How a value appears in a message: jsonata-js JSON-stringifies {{token}} and {{value}}.
struct MessageArg {
    std::string text;    ///< plain text, as stored in SyntaxError::token
    bool quoted = false; ///< a JS string (rendered in double quotes) rather than a number/keyword
};

/// Builds the error with the jsonata-js message for `code`.
SyntaxError makeSyntaxError(std::string_view code, std::size_t position, MessageArg token = {},
                            MessageArg value = {});

/// Thrown inside the lexer, the parser and the post-pass; never escapes parse().
class ParseFailure : public std::exception {
public:
    explicit ParseFailure(SyntaxError error) : m_error(std::move(error)) {}
    const SyntaxError& error() const { return m_error; }
    const char* what() const noexcept override { return m_error.message.c_str(); }

private:
    SyntaxError m_error;
};

/// A JS-style JSON string literal of `text` (quotes and escapes), as JSON.stringify writes it.
std::string jsonQuote(std::string_view text);

} // namespace flowcast::model::jsonata
