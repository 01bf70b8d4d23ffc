#include "model/asl/eval/JsonPathParser.h"

#include "model/asl/TextPosition.h"

#include "model/asl/eval/JsonPathParserImpl.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace flowcast::model::eval::jsonpath {
namespace detail {
namespace {

// The Jayway functions Flowcast evaluates (Jayway README, "Functions").
constexpr std::array<std::string_view, 5> kFunctions{"length", "min", "max", "avg", "sum"};

std::string_view trim(std::string_view s) {
    while (!s.empty() && isSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

bool parseInteger(std::string_view text, std::int64_t& out) {
    text = trim(text);
    if (text.empty()) return false;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

} // namespace

// "$", "$$" or "$name" (a variable: a Unicode identifier, any non-ASCII byte belongs to it);
// "@" inside a filter.
bool Parser::readRoot(Path& p, bool inFilter) {
    if (inFilter && peek() == '@') {
        p.root = Root::Current;
        ++m_i;
        return true;
    }
    if (peek() != '$') return fail(inFilter ? "expected '@' or '$'" : "must start with '$'");
    ++m_i;
    if (peek() == '$') {
        p.root = Root::Context;
        ++m_i;
        return true;
    }
    const std::size_t start = m_i;
    while (!atEnd() && (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '_' ||
                        static_cast<unsigned char>(peek()) >= 0x80))
        ++m_i;
    if (m_i > start) {
        p.root = Root::Variable;
        p.variable = std::string(m_s.substr(start, m_i - start));
    }
    return true;
}

bool Parser::readSteps(Path& p, bool inFilter) {
    while (!atEnd()) {
        const char c = peek();
        if (c != '.' && c != '[') return inFilter ? true : unexpected("in the path");
        if (!p.steps.empty() && p.steps.back().kind == StepKind::Function)
            return fail(p.steps.back().function + "() must be the last step of the path");
        if (c == '.') {
            if (!readDotStep(p, inFilter)) return false;
        } else {
            ++m_i;
            if (!readBracket(p, false)) return false;
        }
    }
    return true;
}

bool Parser::readDotStep(Path& p, bool inFilter) {
    ++m_i;
    const bool scan = peek() == '.';
    if (scan) ++m_i;
    if (atEnd())
        return fail(scan ? "a path must not end with '..'" : "a path must not end with '.'");
    if (peek() == '.') return unexpected("in the path");
    if (peek() == '[') { // "$.[0]" reads as "$[0]", "$..[0]" scans (Jayway)
        ++m_i;
        return readBracket(p, scan);
    }
    Step s;
    s.scan = scan;
    if (peek() == '*') {
        ++m_i;
        s.kind = StepKind::Wildcard;
        p.steps.push_back(std::move(s));
        return true;
    }
    const std::size_t start = m_i;
    while (!atEnd() && !endsName(peek(), inFilter))
        ++m_i;
    if (m_i == start) return unexpected("after '.'");
    std::string name(m_s.substr(start, m_i - start));
    if (peek() == '(') {
        ++m_i;
        skipSpace();
        if (peek() != ')') return fail(name + "() takes no arguments");
        ++m_i;
        if (scan) return fail("a function cannot follow '..'");
        if (std::find(kFunctions.begin(), kFunctions.end(), name) == kFunctions.end())
            return fail("unknown function " + name + "()");
        s.kind = StepKind::Function;
        s.function = std::move(name);
    } else {
        s.kind = StepKind::Name;
        s.names.push_back(std::move(name));
    }
    p.steps.push_back(std::move(s));
    return true;
}

// The inside of "[...]", the cursor after '['.
bool Parser::readBracket(Path& p, bool scan) {
    skipSpace();
    Step s;
    s.scan = scan;
    const char c = peek();
    bool ok = false;
    if (c == '?') {
        ++m_i;
        s.kind = StepKind::Filter;
        ok = readFilter(p, s);
    } else if (c == '(') {
        s.kind = StepKind::Script;
        ok = readScript(s);
    } else if (c == '*') {
        ++m_i;
        s.kind = StepKind::Wildcard;
        ok = true;
    } else if (c == '\'' || c == '"') {
        ok = readNames(s);
    } else if (isDigit(c) || c == '-' || c == ':') {
        ok = readNumbers(s);
    } else {
        return unexpected("after '['");
    }
    if (!ok) return false;
    skipSpace();
    if (peek() != ']') return unexpected("inside '[]'");
    ++m_i;
    p.steps.push_back(std::move(s));
    return true;
}

// "'a'", "\"x\"", "'a','b'": one name is a member, several are a union.
bool Parser::readNames(Step& s) {
    for (;;) {
        skipSpace();
        if (peek() != '\'' && peek() != '"') return unexpected("in a list of names");
        std::string name;
        if (!readQuoted(name)) return false;
        s.names.push_back(std::move(name));
        skipSpace();
        if (peek() != ',') break;
        ++m_i;
    }
    s.kind = s.names.size() == 1 ? StepKind::Name : StepKind::Names;
    return true;
}

// A quoted string with JSON's escapes (and \' for the single quote), the cursor on the quote.
bool Parser::readQuoted(std::string& out) {
    const char quote = peek();
    ++m_i;
    while (!atEnd()) {
        const char c = peek();
        ++m_i;
        if (c == quote) return true;
        if (c != '\\') {
            out += c;
            continue;
        }
        if (atEnd()) break;
        const char e = peek();
        ++m_i;
        switch (e) {
        case 'n':
            out += '\n';
            break;
        case 't':
            out += '\t';
            break;
        case 'r':
            out += '\r';
            break;
        case 'b':
            out += '\b';
            break;
        case 'f':
            out += '\f';
            break;
        case 'u': {
            std::uint32_t cp = 0;
            const auto hex = m_s.substr(m_i, 4);
            const auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), cp, 16);
            if (hex.size() != 4 || ec != std::errc() || end != hex.data() + 4)
                return fail("invalid \\u escape in a quoted name");
            m_i += 4;
            appendUtf8(out, cp);
            break;
        }
        default:
            out += e; // \\ \' \" \/ and anything else stand for themselves
        }
    }
    return fail("unterminated quoted string");
}

// "[0]", "[-1]", "[0,2]", "[1:3]", "[:2]", "[-2:]" (Jayway's ArrayIndex / ArraySlice operations).
bool Parser::readNumbers(Step& s) {
    const std::size_t start = m_i;
    while (!atEnd() &&
           (isDigit(peek()) || peek() == '-' || peek() == ':' || peek() == ',' || isSpace(peek())))
        ++m_i;
    const std::string_view text = m_s.substr(start, m_i - start);
    if (text.find(':') == std::string_view::npos) {
        std::size_t from = 0;
        for (;;) {
            const std::size_t comma = text.find(',', from);
            std::int64_t index = 0;
            if (!parseInteger(text.substr(from, comma - from), index))
                return fail("invalid index '" + std::string(trim(text)) + "'");
            s.indexes.push_back(index);
            if (comma == std::string_view::npos) break;
            from = comma + 1;
        }
        s.kind = s.indexes.size() == 1 ? StepKind::Index : StepKind::Indexes;
        return true;
    }
    const std::string slice(trim(text));
    if (slice.find(',') != std::string::npos) return fail("a slice cannot be part of a union");
    const std::size_t colon = slice.find(':');
    if (slice.find(':', colon + 1) != std::string::npos)
        return fail("slice steps ('[a:b:c]') are not supported");
    std::int64_t bound = 0;
    const std::string_view left = trim(std::string_view(slice).substr(0, colon));
    const std::string_view right = trim(std::string_view(slice).substr(colon + 1));
    if (!left.empty()) {
        if (!parseInteger(left, bound)) return fail("invalid slice '" + slice + "'");
        s.from = bound;
    }
    if (!right.empty()) {
        if (!parseInteger(right, bound)) return fail("invalid slice '" + slice + "'");
        s.to = bound;
    }
    if (!s.from && !s.to) return fail("a slice needs a start or an end");
    s.kind = StepKind::Slice;
    return true;
}

// "(@.length-1)": Goessner's script index, the only script form there is a use for.
bool Parser::readScript(Step& s) {
    ++m_i;
    skipSpace();
    constexpr std::string_view kLength = "@.length";
    if (m_s.substr(m_i, kLength.size()) != kLength)
        return fail("only the script (@.length-n) is supported");
    m_i += kLength.size();
    skipSpace();
    std::int64_t offset = 0;
    if (peek() == '-' || peek() == '+') {
        const bool negative = peek() == '-';
        ++m_i;
        skipSpace();
        const std::size_t start = m_i;
        while (isDigit(peek()))
            ++m_i;
        if (!parseInteger(m_s.substr(start, m_i - start), offset)) return unexpected("in a script");
        if (negative) offset = -offset;
    }
    skipSpace();
    if (peek() != ')') return unexpected("in a script");
    ++m_i;
    s.indexes.push_back(offset);
    return true;
}

} // namespace detail

namespace {

std::string quoteName(const std::string& name) {
    std::string out = "'";
    for (const char c : name) {
        if (c == '\\' || c == '\'') out += '\\';
        out += c;
    }
    return out + "'";
}

} // namespace

bool Path::isDefinite() const {
    if (isScanFunction()) return true;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const Step& s = steps[i];
        if (s.scan) return false;
        const bool last = i + 1 == steps.size();
        switch (s.kind) {
        case StepKind::Name:
        case StepKind::Index:
        case StepKind::Script:
        case StepKind::Function:
            break;
        case StepKind::Names: // Jayway merges a trailing ['a','b'] into one object
            if (!last) return false;
            break;
        default:
            return false;
        }
    }
    return true;
}

bool Path::isScanFunction() const {
    return steps.size() >= 2 && steps.front().scan && steps.back().kind == StepKind::Function;
}

std::optional<Path> parsePath(std::string_view text, std::string& error) {
    detail::Parser parser(detail::trim(text), 0, 0);
    std::optional<Path> path = parser.path(false);
    if (!path) error = parser.error();
    return path;
}

std::string renderStep(const Step& s) {
    std::string out = s.scan ? ".." : "";
    auto join = [](const auto& items, auto format) {
        std::string text;
        for (const auto& item : items)
            text += (text.empty() ? "" : ",") + format(item);
        return text;
    };
    switch (s.kind) {
    case StepKind::Name:
    case StepKind::Names:
        return out + "[" + join(s.names, quoteName) + "]";
    case StepKind::Index:
    case StepKind::Indexes:
        return out + "[" + join(s.indexes, [](std::int64_t i) { return std::to_string(i); }) + "]";
    case StepKind::Slice:
        return out + "[" + (s.from ? std::to_string(*s.from) : "") + ":" +
               (s.to ? std::to_string(*s.to) : "") + "]";
    case StepKind::Wildcard:
        return out + "[*]";
    case StepKind::Filter:
        return out + "[?]";
    case StepKind::Script: {
        const std::int64_t offset = s.indexes.front();
        return out + "[(@.length" + (offset < 0 ? "" : "+") + std::to_string(offset) + ")]";
    }
    case StepKind::Function:
        return "." + s.function + "()";
    }
    return out;
}

std::string renderSteps(const Path& path, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to && i < path.steps.size(); ++i)
        out += renderStep(path.steps[i]);
    return out;
}

} // namespace flowcast::model::eval::jsonpath
