#pragma once
// The JSONata tokenizer. The parser pulls one token at a time because whether '/' divides or
// opens a regex depends on what the parser just read. Errors (S01xx, S03xx) throw ParseFailure.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowcast::model::jsonata {

enum class TokenType { Operator, Name, Variable, String, Number, Value, Regex };

struct Token {
    TokenType type = TokenType::Operator;
    /// Operator symbol, name, variable name without '$', unescaped string contents,
    /// "true"/"false"/"null" for a Value, or a regex pattern.
    std::string text;
    double number = 0;        ///< Number only
    std::string regexFlags;   ///< Regex only: 'i' and/or 'm' as written ("g" is implied)
    std::size_t position = 0; ///< byte offset just past the token, as jsonata-js reports it
};

class Lexer {
public:
    /// `coalescingOperators` adds JSONata 2.1's "??" and "?:" tokens (absent in 2.0.6).
    Lexer(std::string_view source, bool coalescingOperators);

    /// The next token, or nullopt at the end of the source. After an operand a '/' is the
    /// division operator; anywhere else it starts a regular expression.
    std::optional<Token> next(bool afterOperand);

private:
    char at(std::size_t index) const { return index < m_source.size() ? m_source[index] : '\0'; }
    std::string characterAt(std::size_t index) const; ///< the whole UTF-8 sequence there
    Token make(TokenType type, std::string text) const;
    void skipSpaceAndComments();
    std::optional<Token> twoCharOperator();
    Token scanRegex();
    Token scanString(char quote);
    std::optional<Token> scanNumber();
    Token scanQuotedName();
    std::optional<Token> scanName();

    std::string_view m_source;
    std::size_t m_pos = 0;
    bool m_coalescing = false;
};

/// Converts byte offsets in UTF-8 text to UTF-16 code-unit offsets, the unit of jsonata-js
/// positions (a character outside the BMP counts 2). Cheap for ASCII text.
class Utf16Positions {
public:
    explicit Utf16Positions(std::string_view utf8);
    std::size_t operator()(std::size_t byteOffset) const;

private:
    std::vector<std::size_t> m_prefix; // units before each byte; empty when the text is ASCII
    std::size_t m_size = 0;
};

/// Bytes in the UTF-8 sequence starting at `index` (< text.size()); 1 when it is not valid.
std::size_t utf8SequenceLength(std::string_view text, std::size_t index);

/// JavaScript's Number#toString for a finite double: "5", "-0.25", "1e+21", "1.5e-7".
std::string formatJsNumber(double value);

/// True for the characters jsonata-js treats as single-character operators (they end a name).
bool isOperatorChar(char c);

} // namespace flowcast::model::jsonata
