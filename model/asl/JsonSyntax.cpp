#include "model/asl/JsonSyntax.h"

#include <vector>

namespace flowcast::model {
namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isWordChar(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

std::string describe(std::string_view text, std::size_t at) {
    if (at >= text.size()) return "the end of the text";
    if (text[at] == '"') return "a string";
    const auto c = static_cast<unsigned char>(text[at]);
    if (c < 0x20 || c >= 0x7f)
        return "a byte 0x" + std::string(1, "0123456789ABCDEF"[c >> 4]) +
               std::string(1, "0123456789ABCDEF"[c & 15]);
    return "'" + std::string(1, static_cast<char>(c)) + "'";
}

class Scanner {
public:
    explicit Scanner(std::string_view text) : m_text(text) {}

    std::optional<JsonSyntaxError> run() {
        enum class Expect { Value, ValueOrClose, Key, KeyOrClose, Colon, CommaOrClose, Nothing };
        std::vector<char> open; // '{' or '[' for each container not yet closed
        Expect expect = Expect::Value;
        for (;;) {
            skipSpace();
            if (m_at == m_text.size()) {
                if (expect == Expect::Nothing) return std::nullopt;
                return fail(m_at, "the text ends early: " +
                                      std::string(open.empty() ? "a value is missing"
                                                  : open.back() == '{'
                                                      ? "an object is not closed with '}'"
                                                      : "an array is not closed with ']'"));
            }
            const char c = m_text[m_at];
            switch (expect) {
            case Expect::Nothing:
                return fail(m_at, "unexpected " + describe(m_text, m_at) +
                                      " after the end of the JSON value");
            case Expect::Colon:
                if (c != ':')
                    return fail(m_at,
                                "expected ':' after the key, found " + describe(m_text, m_at));
                ++m_at;
                expect = Expect::Value;
                continue;
            case Expect::CommaOrClose:
                if (c == ',') {
                    ++m_at;
                    expect = open.back() == '{' ? Expect::Key : Expect::Value;
                    continue;
                }
                if (c == (open.back() == '{' ? '}' : ']')) {
                    ++m_at;
                    open.pop_back();
                    expect = open.empty() ? Expect::Nothing : Expect::CommaOrClose;
                    continue;
                }
                return fail(m_at, open.back() == '{'
                                      ? "expected ',' or '}' after a member of an object, found " +
                                            describe(m_text, m_at)
                                      : "expected ',' or ']' after an element of an array, found " +
                                            describe(m_text, m_at));
            case Expect::Key:
            case Expect::KeyOrClose:
                if (c == '}' && expect == Expect::KeyOrClose) {
                    ++m_at;
                    open.pop_back();
                    expect = open.empty() ? Expect::Nothing : Expect::CommaOrClose;
                    continue;
                }
                if (c != '"')
                    return fail(m_at, c == '}'
                                          ? "a ',' is followed by '}': remove the trailing comma"
                                          : "expected a key in double quotes, found " +
                                                describe(m_text, m_at));
                if (auto error = string()) return error;
                expect = Expect::Colon;
                continue;
            case Expect::Value:
            case Expect::ValueOrClose:
                if (c == ']' && expect == Expect::ValueOrClose) {
                    ++m_at;
                    open.pop_back();
                    expect = open.empty() ? Expect::Nothing : Expect::CommaOrClose;
                    continue;
                }
                if (c == '{' || c == '[') {
                    open.push_back(c);
                    ++m_at;
                    expect = c == '{' ? Expect::KeyOrClose : Expect::ValueOrClose;
                    continue;
                }
                if (c == ']' || c == '}')
                    return fail(m_at, open.empty() || m_text[m_at - 1] != ','
                                          ? "expected a value, found " + describe(m_text, m_at)
                                          : "a ',' is followed by '" + std::string(1, c) +
                                                "': remove the trailing comma");
                if (auto error = c == '"' ? string() : c == '-' || isDigit(c) ? number() : word())
                    return error;
                expect = open.empty() ? Expect::Nothing : Expect::CommaOrClose;
                continue;
            }
        }
    }

private:
    void skipSpace() {
        while (m_at < m_text.size() && (m_text[m_at] == ' ' || m_text[m_at] == '\t' ||
                                        m_text[m_at] == '\n' || m_text[m_at] == '\r'))
            ++m_at;
    }

    static std::optional<JsonSyntaxError> fail(std::size_t at, std::string message) {
        return JsonSyntaxError{at, std::move(message)};
    }

    std::optional<JsonSyntaxError> string() {
        const std::size_t start = m_at++;
        while (m_at < m_text.size()) {
            const char c = m_text[m_at];
            if (c == '"') {
                ++m_at;
                return std::nullopt;
            }
            if (static_cast<unsigned char>(c) < 0x20)
                return fail(m_at,
                            "a control character (" + describe(m_text, m_at) +
                                ") inside a string must be escaped, e.g. \\n for a line break");
            if (c == '\\') {
                const char e = m_at + 1 < m_text.size() ? m_text[m_at + 1] : '\0';
                if (e == 'u') {
                    for (std::size_t k = 2; k < 6; ++k)
                        if (m_at + k >= m_text.size() || !isHex(m_text[m_at + k]))
                            return fail(m_at, "\\u must be followed by four hexadecimal digits");
                    m_at += 6;
                    continue;
                }
                if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos || e == '\0')
                    return fail(m_at, "invalid escape in a string: use one of \\\" \\\\ \\/ \\b "
                                      "\\f \\n \\r \\t \\uXXXX");
                m_at += 2;
                continue;
            }
            ++m_at;
        }
        return fail(start, "a string is not closed with '\"'");
    }

    std::optional<JsonSyntaxError> number() {
        const std::size_t start = m_at;
        auto digits = [&] {
            const std::size_t from = m_at;
            while (m_at < m_text.size() && isDigit(m_text[m_at]))
                ++m_at;
            return m_at > from;
        };
        if (m_text[m_at] == '-') ++m_at;
        const bool leadingZero = m_at < m_text.size() && m_text[m_at] == '0';
        bool ok = digits() && !(leadingZero && m_at - start - (m_text[start] == '-') > 1);
        if (ok && m_at < m_text.size() && m_text[m_at] == '.') {
            ++m_at;
            ok = digits();
        }
        if (ok && m_at < m_text.size() && (m_text[m_at] == 'e' || m_text[m_at] == 'E')) {
            ++m_at;
            if (m_at < m_text.size() && (m_text[m_at] == '+' || m_text[m_at] == '-')) ++m_at;
            ok = digits();
        }
        if (ok && (m_at == m_text.size() || !isWordChar(m_text[m_at]))) return std::nullopt;
        std::size_t end = start + 1;
        while (end < m_text.size() && (isWordChar(m_text[end]) || m_text[end] == '.' ||
                                       m_text[end] == '-' || m_text[end] == '+'))
            ++end;
        return fail(start,
                    "invalid number '" + std::string(m_text.substr(start, end - start)) + "'");
    }

    std::optional<JsonSyntaxError> word() {
        const std::size_t start = m_at;
        while (m_at < m_text.size() && isWordChar(m_text[m_at]))
            ++m_at;
        const std::string_view w = m_text.substr(start, m_at - start);
        if (w == "true" || w == "false" || w == "null") return std::nullopt;
        if (w.empty()) return fail(start, "expected a value, found " + describe(m_text, start));
        return fail(start, "invalid literal '" + std::string(w) +
                               "': a value is a string in double quotes, a number, true, false, "
                               "null, an object or an array");
    }

    std::string_view m_text;
    std::size_t m_at = 0;
};

} // namespace

std::optional<JsonSyntaxError> findJsonSyntaxError(std::string_view text) {
    // A UTF-8 byte order mark is skipped, as the reader's parser skips it.
    const std::size_t bom = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    std::optional<JsonSyntaxError> error = Scanner(text.substr(bom)).run();
    if (error) error->offset += bom;
    return error;
}

} // namespace flowcast::model
