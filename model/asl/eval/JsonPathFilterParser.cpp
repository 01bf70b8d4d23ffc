// The filter half of the JSONPath parser: "[?(...)]" expressions (|| && ! and comparisons),
// their operands (paths and literals) and the literals Jayway accepts.
#include "model/asl/eval/JsonPathParserImpl.h"

#include <array>
#include <cctype>
#include <memory>

namespace flowcast::model::eval::jsonpath::detail {

// "?(...)", the cursor after '?'.
bool Parser::readFilter(Path& p, Step& s) {
    skipSpace();
    if (peek() != '(') return unexpected("after '?'");
    ++m_i;
    s.filter = readOr(p);
    if (s.filter < 0) return false;
    skipSpace();
    if (peek() != ')') return unexpected("in a filter");
    ++m_i;
    return true;
}

int Parser::readOr(Path& p) {
    FilterNode node;
    node.kind = FilterNode::Kind::Or;
    for (;;) {
        const int child = readAnd(p);
        if (child < 0) return -1;
        node.children.push_back(child);
        skipSpace();
        if (peek() != '|' || peek(1) != '|') break;
        m_i += 2;
    }
    return node.children.size() == 1 ? node.children.front() : addNode(p, std::move(node));
}

int Parser::readAnd(Path& p) {
    FilterNode node;
    node.kind = FilterNode::Kind::And;
    for (;;) {
        const int child = readUnary(p);
        if (child < 0) return -1;
        node.children.push_back(child);
        skipSpace();
        if (peek() != '&' || peek(1) != '&') break;
        m_i += 2;
    }
    return node.children.size() == 1 ? node.children.front() : addNode(p, std::move(node));
}

int Parser::readUnary(Path& p) {
    const Nesting nesting(m_depth);
    if (m_depth > kMaxDepth) return fail("a filter nests more than 32 deep"), -1;
    skipSpace();
    if (peek() == '!' && peek(1) != '=') { // "!@.isbn": the path does not exist
        ++m_i;
        FilterNode node;
        node.kind = FilterNode::Kind::Not;
        const int child = readUnary(p);
        if (child < 0) return -1;
        node.children.push_back(child);
        return addNode(p, std::move(node));
    }
    if (peek() == '(') {
        ++m_i;
        const int inner = readOr(p);
        if (inner < 0) return -1;
        skipSpace();
        if (peek() != ')') return unexpected("in a filter"), -1;
        ++m_i;
        return inner;
    }
    return readComparison(p);
}

// "@.price < 10", "@.name == 'x'", "@.tag in ['a','b']", or a lone path: "@.isbn" (it exists).
int Parser::readComparison(Path& p) {
    FilterNode node;
    if (!readOperand(node.lhs)) return -1;
    skipSpace();
    std::optional<Compare> op;
    if (!readOperator(op)) return -1;
    if (!op) {
        if (!node.lhs.path) return unexpected("after a value in a filter"), -1;
        node.op = Compare::Exists;
        return addNode(p, std::move(node));
    }
    node.op = *op;
    if (!readOperand(node.rhs)) return -1;
    return addNode(p, std::move(node));
}

// Leaves `op` empty when no operator follows (the end of a lone path).
bool Parser::readOperator(std::optional<Compare>& op) {
    const char c = peek(), d = peek(1);
    if (c == '=' && d == '~') return fail("regular expressions (=~) are not supported");
    const std::array<std::pair<std::string_view, Compare>, 6> symbols{{{"==", Compare::Eq},
                                                                       {"!=", Compare::Ne},
                                                                       {"<=", Compare::Le},
                                                                       {">=", Compare::Ge},
                                                                       {"<", Compare::Lt},
                                                                       {">", Compare::Gt}}};
    for (const auto& [text, value] : symbols) {
        if (m_s.substr(m_i, text.size()) == text) {
            m_i += text.size();
            op = value;
            return true;
        }
    }
    if (c == '=') return fail("use '==' to compare in a filter");
    std::size_t end = m_i;
    while (end < m_s.size() && std::isalpha(static_cast<unsigned char>(m_s[end])))
        ++end;
    const std::string_view word = m_s.substr(m_i, end - m_i);
    if (word == "in" || word == "nin") {
        m_i = end;
        op = word == "in" ? Compare::In : Compare::Nin;
        return true;
    }
    for (std::string_view other : {"subsetof", "anyof", "noneof", "contains", "size", "empty"}) {
        if (word == other)
            return fail("the filter operator '" + std::string(word) + "' is not supported");
    }
    return true;
}

bool Parser::readOperand(Operand& out) {
    skipSpace();
    if (peek() == '@' || peek() == '$') {
        if (m_depth + 1 > kMaxDepth) return fail("a filter nests more than 32 deep");
        Parser inner(m_s, m_i, m_depth + 1);
        std::optional<Path> path = inner.path(true);
        if (!path) return fail(inner.error());
        m_i = inner.pos();
        out.path = std::make_shared<const Path>(std::move(*path));
        return true;
    }
    Json value;
    if (!readLiteral(value)) return false;
    out.literal = std::move(value);
    return true;
}

bool Parser::readLiteral(Json& out) {
    const char c = peek();
    if (c == '\'' || c == '"') {
        std::string text;
        if (!readQuoted(text)) return false;
        out = std::move(text);
        return true;
    }
    if (c == '-' || isDigit(c)) return readNumberLiteral(out);
    if (c == '[') return readListLiteral(out);
    if (c == '{') return readObjectLiteral(out);
    const std::size_t start = m_i;
    while (!atEnd() && !endsName(peek(), true))
        ++m_i;
    if (m_i == start) return unexpected("in a filter");
    const std::string_view word = m_s.substr(start, m_i - start);
    if (word == "true" || word == "false") {
        out = word == "true";
    } else if (word == "null") {
        out = nullptr;
    } else {
        out = std::string(word); // a bare word compares as the string it spells (Jayway)
    }
    return true;
}

bool Parser::readNumberLiteral(Json& out) {
    const std::size_t start = m_i;
    if (peek() == '-') ++m_i;
    while (isDigit(peek()) || peek() == '.' || peek() == 'e' || peek() == 'E' ||
           ((peek() == '+' || peek() == '-') && (m_s[m_i - 1] == 'e' || m_s[m_i - 1] == 'E')))
        ++m_i;
    const std::string_view text = m_s.substr(start, m_i - start);
    out = Json::parse(text, nullptr, false);
    if (out.is_discarded() || !out.is_number())
        return fail("invalid number '" + std::string(text) + "' in a filter");
    return true;
}

// "['a', 'b', 1]": the right side of in / nin.
bool Parser::readListLiteral(Json& out) {
    const Nesting nesting(m_depth);
    if (m_depth > kMaxDepth) return fail("a filter nests more than 32 deep");
    ++m_i;
    out = Json::array();
    skipSpace();
    if (peek() == ']') {
        ++m_i;
        return true;
    }
    for (;;) {
        skipSpace();
        Json item;
        if (!readLiteral(item)) return false;
        out.push_back(std::move(item));
        skipSpace();
        if (peek() == ']') {
            ++m_i;
            return true;
        }
        if (peek() != ',') return unexpected("in a list");
        ++m_i;
    }
}

// "{...}": JSON text, compared with == / != as a whole.
bool Parser::readObjectLiteral(Json& out) {
    int depth = 0;
    char quote = 0;
    std::size_t j = m_i;
    for (; j < m_s.size(); ++j) {
        const char c = m_s[j];
        if (quote) {
            if (c == '\\')
                ++j;
            else if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '{' || c == '[') {
            if (++depth > kMaxDepth) return fail("a filter nests more than 32 deep");
        } else if ((c == '}' || c == ']') && --depth == 0) {
            break;
        }
    }
    if (j >= m_s.size()) return fail("unterminated object in a filter");
    const std::string_view text = m_s.substr(m_i, j + 1 - m_i);
    out = Json::parse(text, nullptr, false);
    if (out.is_discarded())
        return fail("invalid JSON object '" + std::string(text) + "' in a filter");
    m_i = j + 1;
    return true;
}

} // namespace flowcast::model::eval::jsonpath::detail
