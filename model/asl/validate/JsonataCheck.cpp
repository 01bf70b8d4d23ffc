#include "model/asl/validate/JsonataCheck.h"

#include "model/jsonata/Parser.h"

namespace flowcast::model::validate {

std::string jsonataSyntaxError(std::string_view body) {
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return "the JSONata expression is empty";
    const jsonata::ParseResult parsed = jsonata::parse(body);
    if (parsed.ok()) return {};
    const jsonata::SyntaxError& e = *parsed.error;
    // Positions count from the first character after "{%".
    return "JSONata " + e.code + " at character " + std::to_string(e.position) + ": " + e.message;
}

} // namespace flowcast::model::validate
