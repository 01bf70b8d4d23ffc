#include "model/asl/PathSyntax.h"

#include <array>
#include <cctype>

namespace flowcast::model {
namespace {

struct IntrinsicSignature {
    std::string_view name;
    int minArgs;
    int maxArgs;      // -1: any number
    bool numericArgs; // every argument is a number, a path or a function, never a string
};

// The 18 intrinsic functions of ASL with their argument counts (AWS developer guide,
// "Intrinsic functions for JSONPath states").
constexpr std::array<IntrinsicSignature, 18> kIntrinsics{{
    {"States.Format", 1, -1, false},
    {"States.StringToJson", 1, 1, false},
    {"States.JsonToString", 1, 1, false},
    {"States.Array", 0, -1, false},
    {"States.ArrayPartition", 2, 2, false},
    {"States.ArrayContains", 2, 2, false},
    {"States.ArrayRange", 3, 3, true},
    {"States.ArrayGetItem", 2, 2, false},
    {"States.ArrayLength", 1, 1, false},
    {"States.ArrayUnique", 1, 1, false},
    {"States.Base64Encode", 1, 1, false},
    {"States.Base64Decode", 1, 1, false},
    {"States.Hash", 2, 2, false},
    {"States.JsonMerge", 3, 3, false},
    {"States.MathRandom", 2, 3, true},
    {"States.MathAdd", 2, 2, true},
    {"States.StringSplit", 2, 2, false},
    {"States.UUID", 0, 0, false},
}};

constexpr int kMaxIntrinsicDepth = 10;

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

class Cursor {
public:
    explicit Cursor(std::string_view s) : m_s(s) {}
    bool atEnd() const { return m_i >= m_s.size(); }
    char peek(std::size_t ahead = 0) const {
        return m_i + ahead < m_s.size() ? m_s[m_i + ahead] : '\0';
    }
    void advance(std::size_t n = 1) { m_i += n; }
    std::size_t pos() const { return m_i; }
    void skipSpace() {
        while (!atEnd() && isSpace(peek()))
            ++m_i;
    }
    std::string_view rest() const { return m_s.substr(m_i); }
    std::string_view since(std::size_t from) const { return m_s.substr(from, m_i - from); }
    /// The whole UTF-8 character at the cursor, for messages (never half a character).
    std::string character() const {
        if (atEnd()) return {};
        std::size_t n = 1;
        while (m_i + n < m_s.size() && (static_cast<unsigned char>(m_s[m_i + n]) & 0xC0) == 0x80)
            ++n;
        return std::string(m_s.substr(m_i, n));
    }

private:
    std::string_view m_s;
    std::size_t m_i = 0;
};

// A quoted string inside brackets or intrinsic arguments; the cursor is on the opening quote.
bool skipQuoted(Cursor& c) {
    const char quote = c.peek();
    c.advance();
    while (!c.atEnd()) {
        if (c.peek() == '\\') {
            c.advance(2);
            continue;
        }
        if (c.peek() == quote) {
            c.advance();
            return true;
        }
        c.advance();
    }
    return false;
}

// Root of a path: "$$", "$" or "$name" (a variable). The cursor is on '$'.
bool readRoot(Cursor& c) {
    if (c.peek() != '$') return false;
    c.advance();
    if (c.peek() == '$') {
        c.advance();
        return true;
    }
    // Variable names are Unicode identifiers; any non-ASCII byte belongs to one.
    while (!c.atEnd() && (std::isalnum(static_cast<unsigned char>(c.peek())) || c.peek() == '_' ||
                          static_cast<unsigned char>(c.peek()) >= 0x80))
        c.advance();
    return true;
}

// Contents of a bracket, cursor after '['. Filters and scripts may hold anything with balanced
// parentheses; other forms are quoted names, indices, slices, unions or '*'.
std::string readBracket(Cursor& c, bool reference) {
    c.skipSpace();
    if (c.peek() == '?' || c.peek() == '(') {
        if (reference) return "filters and scripts are not allowed in a reference path";
        int depth = 0;
        while (!c.atEnd()) {
            const char ch = c.peek();
            if (ch == '\'' || ch == '"') {
                if (!skipQuoted(c)) return "unterminated string in a filter";
                continue;
            }
            if (ch == '(') ++depth;
            if (ch == ')') --depth;
            c.advance();
            if (depth == 0 && ch == ')') break;
        }
        if (depth != 0) return "unbalanced parentheses in a filter";
        c.skipSpace();
        if (c.peek() != ']') return "expected ']' after a filter";
        c.advance();
        return {};
    }
    int items = 0;
    for (;;) {
        c.skipSpace();
        const char ch = c.peek();
        if (ch == '\'' || ch == '"') {
            if (!skipQuoted(c)) return "unterminated quoted name";
        } else if (ch == '*') {
            if (reference) return "'*' is not allowed in a reference path";
            c.advance();
        } else {
            const std::size_t start = c.pos();
            while (!c.atEnd() && (std::isdigit(static_cast<unsigned char>(c.peek())) ||
                                  c.peek() == '-' || c.peek() == ':')) {
                if (reference && c.peek() == ':') return "':' is not allowed in a reference path";
                c.advance();
            }
            if (c.pos() == start) return "expected a name, an index or '*' inside '[]'";
        }
        ++items;
        c.skipSpace();
        if (c.peek() == ',') {
            if (reference) return "',' is not allowed in a reference path";
            c.advance();
            continue;
        }
        if (c.peek() == ']') {
            c.advance();
            return {};
        }
        return c.atEnd() ? "missing ']'" : "unexpected '" + c.character() + "' inside '[]'";
    }
}

bool isNameChar(char ch) {
    return !(ch == '.' || ch == '[' || ch == ']' || isSpace(ch) || ch == '\0');
}

std::string checkPathImpl(std::string_view path, bool reference) {
    Cursor c(path);
    if (!readRoot(c)) return "must start with '$'";
    while (!c.atEnd()) {
        const char ch = c.peek();
        if (ch == '[') {
            c.advance();
            if (auto err = readBracket(c, reference); !err.empty()) return err;
        } else if (ch == '.') {
            c.advance();
            if (c.peek() == '.') {
                if (reference) return "'..' is not allowed in a reference path";
                c.advance();
            }
            if (c.peek() == '[') continue; // "$.[0]" reads as "$[0]" (Jayway)
            if (c.peek() == '*') {
                if (reference) return "'*' is not allowed in a reference path";
                c.advance();
                continue;
            }
            const std::size_t start = c.pos();
            while (isNameChar(c.peek())) {
                const char n = c.peek();
                if (reference && (n == '@' || n == ',' || n == ':' || n == '?' || n == '*' ||
                                  n == '(' || n == ')')) {
                    return std::string("'") + n + "' is not allowed in a reference path";
                }
                c.advance();
            }
            if (c.pos() == start) return "expected a name after '.'";
        } else {
            return "unexpected '" + c.character() + "'";
        }
    }
    return {};
}

std::string checkIntrinsicAt(Cursor& c, int depth);

// One argument of an intrinsic function.
std::string checkArgument(Cursor& c, int depth) {
    const char ch = c.peek();
    if (ch == '\'') {
        if (!skipQuoted(c)) return "unterminated string argument";
        return {};
    }
    if (ch == '$') {
        const std::size_t start = c.pos();
        int nesting = 0;
        while (!c.atEnd()) {
            const char p = c.peek();
            if (p == '\'' || p == '"') {
                if (!skipQuoted(c)) return "unterminated string in a path argument";
                continue;
            }
            if (p == '[' || p == '(') ++nesting;
            if (nesting == 0 && (p == ',' || p == ')' || isSpace(p))) break;
            if (p == ']' || p == ')') --nesting;
            c.advance();
        }
        if (auto err = checkPath(c.since(start)); !err.empty()) {
            return "path argument '" + std::string(c.since(start)) + "': " + err;
        }
        return {};
    }
    if (c.rest().rfind("States.", 0) == 0) return checkIntrinsicAt(c, depth + 1);
    const std::size_t start = c.pos();
    while (!c.atEnd() && c.peek() != ',' && c.peek() != ')' && !isSpace(c.peek()))
        c.advance();
    const std::string_view token = c.since(start);
    if (token == "null" || token == "true" || token == "false") return {};
    if (token.empty()) return "missing argument";
    std::size_t i = (token[0] == '-' || token[0] == '+') ? 1 : 0;
    bool digits = false, dot = false;
    for (; i < token.size(); ++i) {
        if (std::isdigit(static_cast<unsigned char>(token[i]))) {
            digits = true;
        } else if (token[i] == '.' && !dot) {
            dot = true;
        } else if ((token[i] == 'e' || token[i] == 'E') && digits) {
            continue;
        } else {
            return "argument '" + std::string(token) +
                   "' is not a string, number, path or function";
        }
    }
    return digits ? std::string() : "argument '" + std::string(token) + "' is not a number";
}

std::string checkIntrinsicAt(Cursor& c, int depth) {
    if (depth > kMaxIntrinsicDepth) return "intrinsic functions nest more than 10 deep";
    const std::size_t start = c.pos();
    while (!c.atEnd() && (std::isalnum(static_cast<unsigned char>(c.peek())) || c.peek() == '.'))
        c.advance();
    const std::string name(c.since(start));
    const IntrinsicSignature* sig = nullptr;
    for (const auto& s : kIntrinsics)
        if (s.name == name) sig = &s;
    if (!sig) return "unknown intrinsic function '" + name + "'";
    c.skipSpace();
    if (c.peek() != '(') return "expected '(' after " + name;
    c.advance();
    int args = 0;
    c.skipSpace();
    if (c.peek() == ')') {
        c.advance();
    } else {
        for (;;) {
            c.skipSpace();
            if (sig->numericArgs && c.peek() == '\'')
                return name + " takes numbers (or paths to numbers), not the string " +
                       std::string(c.rest().substr(0, c.rest().find_first_of(",)")));
            if (auto err = checkArgument(c, depth); !err.empty()) return err;
            ++args;
            c.skipSpace();
            if (c.peek() == ',') {
                c.advance();
                continue;
            }
            if (c.peek() == ')') {
                c.advance();
                break;
            }
            return c.atEnd() ? "missing ')' after the arguments of " + name
                             : "unexpected '" + c.character() + "' in the arguments of " + name;
        }
    }
    if (args < sig->minArgs || (sig->maxArgs >= 0 && args > sig->maxArgs)) {
        std::string expected =
            sig->maxArgs < 0 ? "at least " + std::to_string(sig->minArgs)
            : sig->minArgs == sig->maxArgs
                ? std::to_string(sig->minArgs)
                : std::to_string(sig->minArgs) + " or " + std::to_string(sig->maxArgs);
        return name + " takes " + expected + " argument" + (expected == "1" ? "" : "s") + ", not " +
               std::to_string(args);
    }
    return {};
}

} // namespace

std::string checkPath(std::string_view path) {
    return checkPathImpl(path, false);
}

std::string checkReferencePath(std::string_view path) {
    return checkPathImpl(path, true);
}

bool looksLikeIntrinsicFunction(std::string_view text) {
    return text.rfind("States.", 0) == 0 && text.find('(') != std::string_view::npos;
}

std::string checkIntrinsicFunction(std::string_view text) {
    Cursor c(text);
    if (auto err = checkIntrinsicAt(c, 1); !err.empty()) return err;
    c.skipSpace();
    if (!c.atEnd()) return "unexpected text after the closing ')'";
    return {};
}

std::string checkDynamicValue(std::string_view text) {
    if (looksLikeIntrinsicFunction(text)) return checkIntrinsicFunction(text);
    if (!text.empty() && text[0] == '$') return checkPath(text);
    return "must be a path starting with '$' or an intrinsic function";
}

} // namespace flowcast::model
