#include "model/asl/eval/IntrinsicParser.h"

#include <cctype>
#include <optional>

namespace flowcast::model::eval {
namespace {

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// ASL "Reserved characters in intrinsic functions": \' \{ \} \\ are the only escapes; "If an
// open escape backslash \ is found in the intrinsic invocation string, the interpreter will
// return a runtime error."
bool isEscapable(char c) {
    return c == '\'' || c == '{' || c == '}' || c == '\\';
}

// Recursive descent over one call. Recursion is bounded: a call nested deeper than
// kMaxIntrinsicNesting is an error before it is descended into.
class Parser {
public:
    explicit Parser(std::string_view text) : m_text(text) {}

    Result<IntrinsicCall> parse() {
        skipSpace();
        std::optional<IntrinsicCall> call = parseCall(1);
        if (call) {
            skipSpace();
            if (!atEnd()) fail("unexpected text after the closing ')'");
        }
        if (!m_error.empty()) {
            return EvalError{"States.IntrinsicFailure",
                             "Invalid intrinsic function call '" + std::string(m_text) + "': " +
                                 m_error + " (at character " + std::to_string(m_errorAt + 1) + ")"};
        }
        return std::move(*call);
    }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    std::string_view rest() const { return m_text.substr(m_pos); }
    void skipSpace() {
        while (!atEnd() && isSpace(peek()))
            ++m_pos;
    }
    bool fail(std::string reason) {
        if (m_error.empty()) {
            m_error = std::move(reason);
            m_errorAt = m_pos;
        }
        return false;
    }

    std::optional<IntrinsicCall> parseCall(int depth) {
        if (depth > kMaxIntrinsicNesting) {
            fail("intrinsic functions nest more than " + std::to_string(kMaxIntrinsicNesting) +
                 " deep");
            return std::nullopt;
        }
        if (rest().rfind("States.", 0) != 0) {
            fail("expected an intrinsic function name (States.Name)");
            return std::nullopt;
        }
        const std::size_t start = m_pos;
        m_pos += 7;
        while (!atEnd() && std::isalnum(static_cast<unsigned char>(peek())))
            ++m_pos;
        IntrinsicCall call;
        call.name = std::string(m_text.substr(start, m_pos - start));
        skipSpace();
        if (peek() != '(') {
            fail("expected '(' after " + call.name);
            return std::nullopt;
        }
        ++m_pos;
        if (!parseArguments(call, depth)) return std::nullopt;
        return call;
    }

    // After '(' up to and including ')'.
    bool parseArguments(IntrinsicCall& call, int depth) {
        skipSpace();
        if (peek() == ')') {
            ++m_pos;
            return true;
        }
        for (;;) {
            skipSpace();
            IntrinsicArgument arg;
            if (!parseArgument(arg, depth)) return false;
            call.arguments.push_back(std::move(arg));
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == ')') {
                ++m_pos;
                return true;
            }
            return fail(atEnd() ? "missing ')' after the arguments of " + call.name
                                : "expected ',' or ')' in the arguments of " + call.name);
        }
    }

    bool parseArgument(IntrinsicArgument& arg, int depth) {
        if (peek() == '\'') return parseString(arg);
        if (peek() == '$') return parsePath(arg);
        if (rest().rfind("States.", 0) == 0) {
            std::optional<IntrinsicCall> nested = parseCall(depth + 1);
            if (!nested) return false;
            arg.kind = IntrinsicArgument::Kind::Call;
            arg.call = std::make_unique<IntrinsicCall>(std::move(*nested));
            return true;
        }
        return parseWord(arg);
    }

    // 'text' with \' \{ \} \\ escapes; the cursor is on the opening quote.
    bool parseString(IntrinsicArgument& arg) {
        const std::size_t open = m_pos++;
        std::string value;
        while (!atEnd()) {
            const char c = peek();
            if (c == '\\') {
                if (m_pos + 1 >= m_text.size() || !isEscapable(m_text[m_pos + 1]))
                    return fail("open escape backslash: only \\', \\{, \\} and \\\\ are allowed");
                value += m_text[m_pos + 1];
                m_pos += 2;
                continue;
            }
            if (c == '\'') {
                arg.kind = IntrinsicArgument::Kind::Literal;
                arg.text = std::string(m_text.substr(open + 1, m_pos - open - 1));
                arg.literal = std::move(value);
                ++m_pos;
                return true;
            }
            value += c;
            ++m_pos;
        }
        m_pos = open;
        return fail("unterminated string argument");
    }

    // A path runs to the ',' or ')' or space that is not inside brackets, parentheses or quotes
    // (the same extent the validator's checkIntrinsicFunction reads).
    bool parsePath(IntrinsicArgument& arg) {
        const std::size_t start = m_pos;
        int nesting = 0;
        while (!atEnd()) {
            const char c = peek();
            if (c == '\'' || c == '"') {
                if (!skipQuoted()) return fail("unterminated string in a path argument");
                continue;
            }
            if (c == '[' || c == '(') ++nesting;
            if (nesting == 0 && (c == ',' || c == ')' || isSpace(c))) break;
            if (c == ']' || c == ')') --nesting;
            ++m_pos;
        }
        arg.kind = IntrinsicArgument::Kind::Path;
        arg.text = std::string(m_text.substr(start, m_pos - start));
        arg.path = CompiledPath(arg.text);
        return true;
    }

    bool skipQuoted() {
        const char quote = peek();
        ++m_pos;
        while (!atEnd()) {
            if (peek() == '\\') {
                m_pos += 2;
                continue;
            }
            if (peek() == quote) {
                ++m_pos;
                return true;
            }
            ++m_pos;
        }
        return false;
    }

    // Numbers (JSON syntax), true, false, null.
    bool parseWord(IntrinsicArgument& arg) {
        const std::size_t start = m_pos;
        while (!atEnd() && peek() != ',' && peek() != ')' && !isSpace(peek()))
            ++m_pos;
        const std::string token(m_text.substr(start, m_pos - start));
        if (token.empty()) return fail("missing argument");
        Json value = Json::parse(token, nullptr, false);
        if (value.is_discarded() || !(value.is_number() || value.is_boolean() || value.is_null())) {
            m_pos = start;
            return fail("'" + token + "' is not a string, number, boolean, null, path or call");
        }
        arg.kind = IntrinsicArgument::Kind::Literal;
        arg.literal = std::move(value);
        return true;
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    std::string m_error;
    std::size_t m_errorAt = 0;
};

} // namespace

Result<IntrinsicCall> parseIntrinsicCall(std::string_view text) {
    return Parser(text).parse();
}

} // namespace flowcast::model::eval
