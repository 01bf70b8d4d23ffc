#include "model/asl/validate/JsonataCheck.h"

namespace flowcast::model::validate {

// Interim check until model/jsonata's parser lands: blank bodies and unbalanced brackets.
std::string jsonataSyntaxError(std::string_view body) {
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return "the JSONata expression is empty";
    int depth = 0;
    char quote = 0;
    for (char c : body) {
        if (quote) {
            if (c == quote) quote = 0;
            continue;
        }
        if (c == '\'' || c == '"') quote = c;
        else if (c == '(' || c == '[' || c == '{') ++depth;
        else if (c == ')' || c == ']' || c == '}') --depth;
        if (depth < 0) return "unbalanced brackets";
    }
    return depth == 0 ? std::string() : "unbalanced brackets";
}

} // namespace flowcast::model::validate
