#include "model/jsonata/Signature.h"

#include "model/jsonata/SyntaxError.h"

#include <utility>

namespace flowcast::model::jsonata {
namespace {

// Index of the bracket that closes the one at `start`, or the end of the text.
std::size_t findClosing(std::string_view text, std::size_t start, char open, char close) {
    int depth = 1;
    std::size_t pos = start;
    while (pos < text.size()) {
        ++pos;
        const char c = pos < text.size() ? text[pos] : '\0';
        if (c == close && --depth == 0) break;
        if (c == open) ++depth;
    }
    return pos;
}

std::string substring(std::string_view text, std::size_t from, std::size_t to) {
    if (from >= text.size() || to <= from) return {};
    return std::string(text.substr(from, to - from));
}

std::string typeRegex(char type) {
    switch (type) {
    case 'a':
    case 'x':
        return "[asnblfom]";
    case 'f':
        return "f";
    case 'j':
        return "[asnblom]";
    default:
        return std::string("[") + type + "m]";
    }
}

} // namespace

Signature parseSignature(std::string_view definition, std::size_t basePosition) {
    Signature signature{std::string(definition), {}};
    auto& params = signature.params;
    // Modifiers apply to the parameter before them; before the first one, jsonata-js applies
    // them to the parameter being built, which the next type then overwrites.
    SignatureParam pending;
    const auto previous = [&]() -> SignatureParam& {
        return params.empty() ? pending : params.back();
    };
    const auto fail = [&](const char* code, std::size_t offset) {
        throw ParseFailure(makeSyntaxError(code, basePosition + offset));
    };
    for (std::size_t pos = 1; pos < definition.size(); ++pos) {
        const char symbol = definition[pos];
        if (symbol == ':') break; // the return type is not checked
        switch (symbol) {
        case 's':
        case 'n':
        case 'b':
        case 'l':
        case 'o':
        case 'a':
        case 'f':
        case 'j':
        case 'x':
            pending.type = std::string(1, symbol);
            pending.regex = typeRegex(symbol);
            params.push_back(std::exchange(pending, {}));
            break;
        case '-':
            previous().useContext = true;
            previous().regex += '?';
            break;
        case '?':
            previous().optional = true;
            previous().regex += '?';
            break;
        case '+':
            previous().oneOrMore = true;
            previous().regex += '+';
            break;
        case '(': {
            const std::size_t end = findClosing(definition, pos, '(', ')');
            const std::string choice = substring(definition, pos + 1, end);
            if (choice.find('<') != std::string::npos) fail("S0402", pos);
            pending.type = "(" + choice + ")";
            pending.regex = "[" + choice + "m]";
            params.push_back(std::exchange(pending, {}));
            pos = end;
            break;
        }
        case '<': {
            SignatureParam& target = previous();
            if (target.type != "a" && target.type != "f") fail("S0401", pos);
            const std::size_t end = findClosing(definition, pos, '<', '>');
            target.subtype = substring(definition, pos + 1, end);
            pos = end;
            break;
        }
        default:
            break; // jsonata-js ignores any other character
        }
    }
    return signature;
}

} // namespace flowcast::model::jsonata
