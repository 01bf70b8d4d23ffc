#pragma once
// Internal to JsonPathParser.cpp and JsonPathFilterParser.cpp: the recursive-descent parser
// behind parsePath(), split in two files (paths and steps; filter expressions and literals).
#include "model/asl/eval/JsonPathParser.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace flowcast::model::eval::jsonpath::detail {

// Nesting of parentheses, '!', lists and paths inside filters. Bounds the recursion of both the
// parser and the evaluator, whatever the text.
constexpr int kMaxDepth = 32;

inline bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
inline bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

// Where a dot-notation name ends. Inside a filter it also ends at an operator, a ')' or a ','.
inline bool endsName(char c, bool inFilter) {
    if (c == '.' || c == '[' || c == ']' || c == '(' || isSpace(c)) return true;
    if (!inFilter) return false;
    return std::string_view(")=<>!~&|,").find(c) != std::string_view::npos;
}

/// Reads one path from a position in a text; the first error wins.
class Parser {
public:
    Parser(std::string_view text, std::size_t pos, int depth)
        : m_s(text), m_i(pos), m_depth(depth) {}

    // Root and steps from the cursor. At the top level the path must fill the text; inside a
    // filter it ends where the next character cannot continue it.
    std::optional<Path> path(bool inFilter) {
        Path p;
        if (!readRoot(p, inFilter) || !readSteps(p, inFilter)) return std::nullopt;
        return p;
    }
    std::size_t pos() const { return m_i; }
    const std::string& error() const { return m_error; }

private:
    bool atEnd() const { return m_i >= m_s.size(); }
    char peek(std::size_t ahead = 0) const {
        return m_i + ahead < m_s.size() ? m_s[m_i + ahead] : '\0';
    }
    void skipSpace() {
        while (!atEnd() && isSpace(peek()))
            ++m_i;
    }
    bool fail(std::string message) {
        if (m_error.empty()) m_error = std::move(message);
        return false;
    }
    // The whole UTF-8 character at the cursor, for messages.
    std::string character() const {
        std::size_t n = 1;
        while (m_i + n < m_s.size() && (static_cast<unsigned char>(m_s[m_i + n]) & 0xC0) == 0x80)
            ++n;
        return std::string(m_s.substr(m_i, n));
    }
    bool unexpected(std::string_view where) {
        return fail(atEnd() ? "unexpected end " + std::string(where)
                            : "unexpected '" + character() + "' " + std::string(where));
    }

    struct Nesting {
        explicit Nesting(int& depth) : m_depth(++depth) {}
        ~Nesting() { --m_depth; }
        int& m_depth;
    };

    bool readRoot(Path& p, bool inFilter);
    bool readSteps(Path& p, bool inFilter);
    bool readDotStep(Path& p, bool inFilter);
    bool readBracket(Path& p, bool scan);
    bool readNames(Step& s);
    bool readQuoted(std::string& out);
    bool readNumbers(Step& s);
    bool readScript(Step& s);
    bool readFilter(Path& p, Step& s);
    int readOr(Path& p);
    int readAnd(Path& p);
    int readUnary(Path& p);
    int readComparison(Path& p);
    bool readOperator(std::optional<Compare>& op);
    bool readOperand(Operand& out);
    bool readLiteral(Json& out);
    bool readNumberLiteral(Json& out);
    bool readListLiteral(Json& out);
    bool readObjectLiteral(Json& out);

    static int addNode(Path& p, FilterNode node) {
        p.nodes.push_back(std::move(node));
        return static_cast<int>(p.nodes.size()) - 1;
    }

    std::string_view m_s;
    std::size_t m_i;
    int m_depth;
    std::string m_error;
};

} // namespace flowcast::model::eval::jsonpath::detail
