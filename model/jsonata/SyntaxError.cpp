#include "model/jsonata/SyntaxError.h"

#include <array>
#include <cstdio>

namespace flowcast::model::jsonata {
namespace {

struct MessageTemplate {
    std::string_view code;
    std::string_view text;
};

// The wording of jsonata-js 2.0.6 (src/jsonata.js, errorCodes), so messages match what users
// see in the AWS console. {{token}} and {{value}} are filled in as JSON.stringify would.
constexpr std::array<MessageTemplate, 29> kTemplates{{
    {"S0101", "String literal must be terminated by a matching quote"},
    {"S0102", "Number out of range: {{token}}"},
    {"S0103", "Unsupported escape sequence: \\{{token}}"},
    {"S0104", "The escape sequence \\u must be followed by 4 hex digits"},
    {"S0105", "Quoted property name must be terminated with a backquote (`)"},
    {"S0106", "Comment has no closing tag"},
    {"S0201", "Syntax error: {{token}}"},
    {"S0202", "Expected {{value}}, got {{token}}"},
    {"S0203", "Expected {{value}} before end of expression"},
    {"S0204", "Unknown operator: {{token}}"},
    {"S0205", "Unexpected token: {{token}}"},
    {"S0206", "Unknown expression type: {{token}}"},
    {"S0207", "Unexpected end of expression"},
    {"S0208", "Parameter {{value}} of function definition must be a variable name (start with $)"},
    {"S0209", "A predicate cannot follow a grouping expression in a step"},
    {"S0210", "Each step can only have one grouping expression"},
    {"S0211", "The symbol {{token}} cannot be used as a unary operator"},
    {"S0212", "The left side of := must be a variable name (start with $)"},
    {"S0213", "The literal value {{value}} cannot be used as a step within a path expression"},
    {"S0214", "The right side of {{token}} must be a variable name (start with $)"},
    {"S0215", "A context variable binding must precede any predicates on a step"},
    {"S0216", "A context variable binding must precede the 'order-by' clause on a step"},
    {"S0217", "The object representing the 'parent' cannot be derived from this expression"},
    {"S0301", "Empty regular expressions are not allowed"},
    {"S0302", "No terminating / in regular expression"},
    {"S0401", "Type parameters can only be applied to functions and arrays"},
    {"S0402", "Choice groups containing parameterized types are not supported"},
    {kNestingTooDeep, "The expression is nested too deeply"},
    {kInternalFailure, "The parser failed: {{token}}"},
}};

std::string render(const MessageArg& arg) {
    return arg.quoted ? jsonQuote(arg.text) : arg.text;
}

void replaceAll(std::string& text, std::string_view placeholder, const std::string& with) {
    for (auto at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + with.size())) {
        text.replace(at, placeholder.size(), with);
    }
}

} // namespace

std::string jsonQuote(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned char>(c));
                out += buffer;
            } else {
                out += c;
            }
        }
    }
    return out + "\"";
}

SyntaxError makeSyntaxError(std::string_view code, std::size_t position, MessageArg token,
                            MessageArg value) {
    std::string message = "Unknown error";
    for (const auto& entry : kTemplates) {
        if (entry.code == code) message = std::string(entry.text);
    }
    replaceAll(message, "{{token}}", render(token));
    replaceAll(message, "{{value}}", render(value));
    return {std::string(code), position, std::move(message), std::move(token.text)};
}

} // namespace flowcast::model::jsonata
