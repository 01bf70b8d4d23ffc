#include "model/jsonata/Lexer.h"

#include "model/asl/TextPosition.h"

#include "model/jsonata/SyntaxError.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace flowcast::model::jsonata {
namespace {

constexpr std::string_view kOperatorChars = ".[]{}(),@#;:?+-*/%|=<>^!~&";
// jsonata-js skips exactly these; any other Unicode space belongs to a name.
constexpr std::string_view kSpaceChars = " \t\n\r\v";

bool isSpace(char c) {
    return c != '\0' && kSpaceChars.find(c) != std::string_view::npos;
}
bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// JS strings are UTF-16: "\uD834\uDD1E" is one character, so escaped surrogate pairs are joined
// before they are written as UTF-8.
class Utf16Sink {
public:
    explicit Utf16Sink(std::string& out) : m_out(out) {}
    void unit(std::uint32_t u) {
        if (m_high != 0 && u >= 0xDC00 && u <= 0xDFFF) {
            appendUtf8(m_out, 0x10000 + ((m_high - 0xD800) << 10) + (u - 0xDC00));
            m_high = 0;
            return;
        }
        flush();
        if (u >= 0xD800 && u <= 0xDBFF)
            m_high = u;
        else
            appendUtf8(m_out, u);
    }
    void flush() {
        if (m_high != 0) appendUtf8(m_out, m_high);
        m_high = 0;
    }

private:
    std::string& m_out;
    std::uint32_t m_high = 0; // a pending high surrogate, 0 when none
};

// from_chars reports both overflow and underflow as out of range; JS parseFloat turns the
// first into Infinity (S0102) and the second into 0. The decimal order of magnitude decides.
bool overflows(std::string_view literal) {
    const auto ePos = literal.find_first_of("eE");
    const std::string_view mantissa = literal.substr(0, ePos);
    long exponent = 0;
    if (ePos != std::string_view::npos) {
        std::string_view digits = literal.substr(ePos + 1);
        if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
        const auto [p, ec] =
            std::from_chars(digits.data(), digits.data() + digits.size(), exponent);
        if (ec == std::errc::result_out_of_range) return digits.front() != '-';
    }
    const auto dot = mantissa.find('.');
    const std::string_view whole = mantissa.substr(0, dot);
    if (whole != "0") return static_cast<long>(whole.size()) - 1 + exponent > 0;
    const std::string_view fraction = dot == std::string_view::npos ? "" : mantissa.substr(dot + 1);
    const auto firstNonZero = fraction.find_first_not_of('0');
    return exponent - static_cast<long>(firstNonZero) - 1 > 0;
}

} // namespace

bool isOperatorChar(char c) {
    return c != '\0' && kOperatorChars.find(c) != std::string_view::npos;
}

Lexer::Lexer(std::string_view source, bool coalescingOperators)
    : m_source(source), m_coalescing(coalescingOperators) {}

std::string Lexer::characterAt(std::size_t index) const {
    if (index >= m_source.size()) return {};
    return std::string(m_source.substr(index, utf8SequenceLength(m_source, index)));
}

Token Lexer::make(TokenType type, std::string text) const {
    Token token;
    token.type = type;
    token.text = std::move(text);
    token.position = m_pos;
    return token;
}

void Lexer::skipSpaceAndComments() {
    for (;;) {
        while (m_pos < m_source.size() && isSpace(m_source[m_pos]))
            ++m_pos;
        if (!(at(m_pos) == '/' && at(m_pos + 1) == '*')) return;
        const std::size_t commentStart = m_pos;
        m_pos += 2;
        while (!(at(m_pos) == '*' && at(m_pos + 1) == '/')) {
            if (++m_pos >= m_source.size())
                throw ParseFailure(makeSyntaxError("S0106", commentStart));
        }
        m_pos += 2;
    }
}

std::optional<Token> Lexer::next(bool afterOperand) {
    if (m_pos >= m_source.size()) return std::nullopt;
    skipSpaceAndComments();
    const char c = at(m_pos);
    if (!afterOperand && c == '/') {
        ++m_pos;
        return scanRegex();
    }
    if (auto op = twoCharOperator()) return op;
    if (isOperatorChar(c)) {
        ++m_pos;
        return make(TokenType::Operator, std::string(1, c));
    }
    if (c == '"' || c == '\'') return scanString(c);
    if (auto number = scanNumber()) return number;
    if (c == '`') return scanQuotedName();
    return scanName();
}

std::optional<Token> Lexer::twoCharOperator() {
    static constexpr std::string_view kPairs[] = {"..", ":=", "!=", ">=", "<=", "**", "~>"};
    const std::string_view ahead = m_source.substr(m_pos, 2);
    bool found = false;
    for (const auto pair : kPairs)
        found = found || ahead == pair;
    if (m_coalescing && (ahead == "?:" || ahead == "??")) found = true;
    if (!found) return std::nullopt;
    m_pos += 2;
    return make(TokenType::Operator, std::string(ahead));
}

Token Lexer::scanRegex() {
    // A '/' closes the regex unless it is escaped by an odd number of backslashes or sits inside
    // (), [] or {} of the pattern.
    std::size_t start = m_pos;
    int depth = 0;
    const auto isClosingSlash = [&](std::size_t pos) {
        if (at(pos) != '/' || depth != 0) return false;
        std::size_t backslashes = 0;
        while (pos >= backslashes + 1 && at(pos - backslashes - 1) == '\\')
            ++backslashes;
        return backslashes % 2 == 0;
    };
    while (m_pos < m_source.size()) {
        const char c = m_source[m_pos];
        if (isClosingSlash(m_pos)) {
            std::string pattern(m_source.substr(start, m_pos - start));
            if (pattern.empty()) throw ParseFailure(makeSyntaxError("S0301", m_pos));
            ++m_pos;
            start = m_pos;
            while (at(m_pos) == 'i' || at(m_pos) == 'm')
                ++m_pos;
            Token token = make(TokenType::Regex, std::move(pattern));
            token.regexFlags = std::string(m_source.substr(start, m_pos - start));
            return token;
        }
        const bool escaped = m_pos > 0 && m_source[m_pos - 1] == '\\';
        if ((c == '(' || c == '[' || c == '{') && !escaped) ++depth;
        if ((c == ')' || c == ']' || c == '}') && !escaped) --depth;
        ++m_pos;
    }
    throw ParseFailure(makeSyntaxError("S0302", m_pos));
}

Token Lexer::scanString(char quote) {
    static constexpr std::string_view kEscapeFrom = "\"\\/bfnrt";
    static constexpr std::string_view kEscapeTo = "\"\\/\b\f\n\r\t";
    ++m_pos;
    std::string value;
    Utf16Sink sink(value);
    while (m_pos < m_source.size()) {
        char c = m_source[m_pos];
        if (c == '\\') {
            c = at(++m_pos);
            const auto escape = c == '\0' ? std::string_view::npos : kEscapeFrom.find(c);
            if (escape != std::string_view::npos) {
                sink.unit(static_cast<unsigned char>(kEscapeTo[escape]));
            } else if (c == 'u') {
                // Like jsonata-js, fewer than four characters left is accepted when all are hex.
                const std::string_view hex = m_source.substr(m_pos + 1, 4);
                bool valid = !hex.empty();
                for (const char h : hex)
                    valid = valid && isHex(h);
                if (!valid) throw ParseFailure(makeSyntaxError("S0104", m_pos));
                std::uint32_t unit = 0;
                std::from_chars(hex.data(), hex.data() + hex.size(), unit, 16);
                sink.unit(unit);
                m_pos += 4;
            } else {
                throw ParseFailure(makeSyntaxError("S0103", m_pos, {characterAt(m_pos), true}));
            }
        } else if (c == quote) {
            sink.flush();
            ++m_pos;
            return make(TokenType::String, std::move(value));
        } else {
            sink.flush();
            value += c;
        }
        ++m_pos;
    }
    // A short "\u" escape at the very end can step past the end; report the end instead.
    throw ParseFailure(makeSyntaxError("S0101", std::min(m_pos, m_source.size())));
}

std::optional<Token> Lexer::scanNumber() {
    // jsonata-js: /^-?(0|([1-9][0-9]*))(\.[0-9]+)?([Ee][-+]?[0-9]+)?/; a leading '-' never
    // reaches here because it is read as an operator first.
    const std::size_t start = m_pos;
    std::size_t end = m_pos;
    if (at(end) == '0')
        ++end;
    else if (isDigit(at(end)))
        while (isDigit(at(end)))
            ++end;
    else
        return std::nullopt;
    if (at(end) == '.' && isDigit(at(end + 1))) {
        end += 2;
        while (isDigit(at(end)))
            ++end;
    }
    if (at(end) == 'e' || at(end) == 'E') {
        std::size_t e = end + 1;
        if (at(e) == '+' || at(e) == '-') ++e;
        if (isDigit(at(e))) {
            while (isDigit(at(e)))
                ++e;
            end = e;
        }
    }
    const std::string_view literal = m_source.substr(start, end - start);
    double value = 0;
    const auto [p, ec] = std::from_chars(literal.data(), literal.data() + literal.size(), value);
    if (ec == std::errc::result_out_of_range) {
        if (overflows(literal)) {
            throw ParseFailure(makeSyntaxError("S0102", start, {std::string(literal), true}));
        }
        value = 0;
    }
    m_pos = end;
    Token token = make(TokenType::Number, std::string(literal));
    token.number = value;
    return token;
}

Token Lexer::scanQuotedName() {
    ++m_pos;
    const auto end = m_source.find('`', m_pos);
    if (end == std::string_view::npos) {
        m_pos = m_source.size();
        throw ParseFailure(makeSyntaxError("S0105", m_pos));
    }
    std::string name(m_source.substr(m_pos, end - m_pos));
    m_pos = end + 1;
    return make(TokenType::Name, std::move(name));
}

std::optional<Token> Lexer::scanName() {
    std::size_t end = m_pos;
    while (end < m_source.size() && !isSpace(m_source[end]) && !isOperatorChar(m_source[end])) {
        ++end;
    }
    const std::size_t start = m_pos;
    m_pos = end;
    if (at(start) == '$' && start < end) {
        return make(TokenType::Variable, std::string(m_source.substr(start + 1, end - start - 1)));
    }
    std::string name(m_source.substr(start, end - start));
    if (name == "and" || name == "or" || name == "in") return make(TokenType::Operator, name);
    if (name == "true" || name == "false" || name == "null") return make(TokenType::Value, name);
    if (name.empty()) return std::nullopt; // only whitespace or comments were left
    return make(TokenType::Name, std::move(name));
}

Utf16Positions::Utf16Positions(std::string_view utf8) : m_size(utf8.size()) {
    bool ascii = true;
    for (const char c : utf8)
        ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii) return;
    m_prefix.reserve(utf8.size() + 1);
    std::size_t units = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        // A 4-byte sequence is a surrogate pair in UTF-16; a byte that starts no valid sequence
        // counts as one unit, as a decoder's replacement character would.
        const std::size_t length = utf8SequenceLength(utf8, i);
        m_prefix.insert(m_prefix.end(), length, units);
        units += length == 4 ? 2 : 1;
        i += length;
    }
    m_prefix.push_back(units);
}

std::size_t utf8SequenceLength(std::string_view text, std::size_t index) {
    const auto lead = static_cast<unsigned char>(text[index]);
    const std::size_t length = lead >= 0xF0 && lead <= 0xF4  ? 4
                               : lead >= 0xE0 && lead < 0xF0 ? 3
                               : lead >= 0xC2 && lead < 0xE0 ? 2
                                                             : 1;
    if (index + length > text.size()) return 1;
    for (std::size_t i = 1; i < length; ++i) {
        if ((static_cast<unsigned char>(text[index + i]) & 0xC0) != 0x80) return 1;
    }
    return length;
}

std::size_t Utf16Positions::operator()(std::size_t byteOffset) const {
    byteOffset = std::min(byteOffset, m_size);
    return m_prefix.empty() ? byteOffset : m_prefix[byteOffset];
}

std::string formatJsNumber(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value < 0 ? "-Infinity" : "Infinity";
    if (value == 0) return "0";
    std::string sign = value < 0 ? "-" : "";
    // Shortest round-trip digits, then ECMAScript Number::toString's choice of notation.
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, std::fabs(value),
                                      std::chars_format::scientific);
    const std::string_view sci(buffer, static_cast<std::size_t>(result.ptr - buffer));
    const auto ePos = sci.find('e');
    std::string digits(1, sci[0]);
    if (sci[1] == '.') digits += std::string(sci.substr(2, ePos - 2));
    int exponent = 0;
    std::string_view expText = sci.substr(ePos + 1);
    if (expText.front() == '+') expText.remove_prefix(1);
    std::from_chars(expText.data(), expText.data() + expText.size(), exponent);
    const int k = static_cast<int>(digits.size());
    const int n = exponent + 1;
    if (k <= n && n <= 21) return sign + digits + std::string(n - k, '0');
    if (0 < n && n <= 21) return sign + digits.substr(0, n) + "." + digits.substr(n);
    if (-6 < n && n <= 0) return sign + "0." + std::string(-n, '0') + digits;
    std::string mantissa = digits.substr(0, 1);
    if (k > 1) mantissa += "." + digits.substr(1);
    return sign + mantissa + "e" + (n - 1 >= 0 ? "+" : "-") + std::to_string(std::abs(n - 1));
}

} // namespace flowcast::model::jsonata
