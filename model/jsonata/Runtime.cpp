#include "model/jsonata/Runtime.h"

namespace flowcast::model::jsonata {

const Value* Frame::lookup(std::string_view name) const {
    for (const auto& binding : bindings) {
        if (binding.first == name) return &binding.second;
    }
    return nullptr;
}

void Frame::bind(std::string_view name, Value value) {
    for (auto& binding : bindings) {
        if (binding.first == name) {
            binding.second = std::move(value);
            return;
        }
    }
    bindings.emplace_back(std::string(name), std::move(value));
}

int Function::arity() const {
    switch (kind) {
    case Kind::Lambda:
        return static_cast<int>(parameters.size());
    case Kind::Native:
        return native->arity;
    case Kind::Partial: {
        int count = 0;
        for (const bool p : placeholder)
            count += p ? 1 : 0;
        return count;
    }
    case Kind::Regex:
        return 2;
    default:
        return 1;
    }
}

const Signature* Function::signature() const {
    static const Signature kTransform = parseSignature("<(oa):o>", 0);
    switch (kind) {
    case Kind::Lambda:
        if (thunk || partiallyApplied || !lambda || !lambda->signature) return nullptr;
        return &*lambda->signature;
    case Kind::Native:
        return native->signature ? &*native->signature : nullptr;
    case Kind::Transform:
        return &kTransform;
    default:
        return nullptr;
    }
}

std::shared_ptr<const RegexValue> compileRegex(const std::string& pattern, const std::string& flags,
                                               std::size_t position) {
    auto syntax = std::regex::ECMAScript;
    if (flags.find('i') != std::string::npos) syntax |= std::regex::icase;
    if (flags.find('m') != std::string::npos) syntax |= std::regex::multiline;
    auto regex = std::make_shared<RegexValue>();
    try {
        regex->regex = std::regex(pattern, syntax);
    } catch (const std::regex_error&) {
        return nullptr;
    }
    regex->source = pattern;
    regex->position = position;
    return regex;
}

Value makeNative(std::shared_ptr<const NativeFunction> native) {
    auto function = std::make_shared<Function>();
    function->kind = Function::Kind::Native;
    function->native = std::move(native);
    return Value(std::shared_ptr<const Function>(function));
}

Value deepClone(const Value& value) {
    const NestingGuard guard;
    if (value.isArray()) {
        auto copy = makeArray();
        for (const Value& item : value.array().items)
            copy->items.push_back(deepClone(item));
        return Value(copy);
    }
    if (value.isObject()) {
        auto copy = makeObject();
        for (const auto& [key, item] : value.object().entries())
            copy->set(key, deepClone(item));
        return Value(copy);
    }
    return value;
}

namespace {

char symbolOf(const Value& value) {
    switch (value.type()) {
    case ValueType::Function:
        return 'f';
    case ValueType::String:
        return 's';
    case ValueType::Number:
        return 'n';
    case ValueType::Boolean:
        return 'b';
    case ValueType::Null:
        return 'l';
    case ValueType::Array:
        return 'a';
    case ValueType::Object:
        return 'o';
    default:
        return 'm';
    }
}

// One parameter's pattern over type letters: a character set and '?', '+' or nothing.
struct Token {
    std::string set;
    char quantifier = 0;
};

Token tokenOf(const std::string& regex) {
    Token token;
    std::size_t end = 0;
    if (!regex.empty() && regex[0] == '[') {
        end = regex.find(']');
        token.set = regex.substr(1, end - 1);
        ++end;
    } else if (!regex.empty()) {
        token.set = regex.substr(0, 1);
        end = 1;
    }
    if (end < regex.size()) token.quantifier = regex[end];
    return token;
}

// Greedy backtracking match of the tokens against the letters, as JS's RegExp would do it;
// `spans` receives what each token matched.
bool matchTokens(const std::vector<Token>& tokens, const std::string& letters, std::size_t t,
                 std::size_t pos, std::vector<std::pair<std::size_t, std::size_t>>& spans) {
    if (t == tokens.size()) return pos == letters.size();
    const Token& token = tokens[t];
    std::size_t most = 0;
    while (pos + most < letters.size() && token.set.find(letters[pos + most]) != std::string::npos)
        ++most;
    std::size_t least = token.quantifier == '?' ? 0 : 1;
    if (token.quantifier != '+') most = std::min<std::size_t>(most, 1);
    for (std::size_t count = most + 1; count-- > least;) {
        spans[t] = {pos, count};
        if (matchTokens(tokens, letters, t + 1, pos + count, spans)) return true;
        if (count == 0) break;
    }
    return false;
}

Json jsonOf(const Value& value) {
    return toJson(value).value_or(Json());
}

} // namespace

std::vector<Value> validateArguments(const Signature& signature, std::vector<Value> arguments,
                                     const Value& context) {
    std::string letters;
    for (const Value& argument : arguments)
        letters += symbolOf(argument);
    std::vector<Token> tokens;
    for (const SignatureParam& param : signature.params)
        tokens.push_back(tokenOf(param.regex));
    std::vector<std::pair<std::size_t, std::size_t>> spans(tokens.size());
    if (!matchTokens(tokens, letters, 0, 0, spans)) {
        // jsonata-js reports the first argument that does not fit.
        std::size_t bad = 0;
        std::vector<std::pair<std::size_t, std::size_t>> partial(tokens.size());
        while (bad < letters.size()) {
            std::vector<Token> prefix(tokens);
            bool fits = false;
            for (std::size_t n = 0; n <= prefix.size() && !fits; ++n) {
                std::vector<Token> head(prefix.begin(), prefix.begin() + static_cast<long>(n));
                std::vector<std::pair<std::size_t, std::size_t>> s(head.size());
                fits = matchTokens(head, letters.substr(0, bad + 1), 0, 0, s);
            }
            if (!fits) break;
            ++bad;
        }
        throw EvaluationError("T0410")
            .with("index", static_cast<double>(bad + 1))
            .with("value", bad < arguments.size() ? jsonOf(arguments[bad]) : Json());
    }
    std::vector<Value> validated;
    std::size_t argIndex = 0;
    for (std::size_t p = 0; p < signature.params.size(); ++p) {
        const SignatureParam& param = signature.params[p];
        const auto [start, length] = spans[p];
        if (length == 0) {
            if (param.useContext) {
                const Token contextToken = tokenOf(param.regex);
                if (contextToken.set.find(symbolOf(context)) == std::string::npos) {
                    throw EvaluationError("T0411")
                        .with("index", static_cast<double>(argIndex + 1))
                        .with("value", jsonOf(context));
                }
                validated.push_back(context);
            } else {
                validated.push_back(argIndex < arguments.size() ? arguments[argIndex] : Value());
                ++argIndex;
            }
            continue;
        }
        for (std::size_t k = 0; k < length; ++k) {
            const char single = letters[start + k];
            Value argument = argIndex < arguments.size() ? arguments[argIndex] : Value();
            if (param.type == "a") {
                if (single == 'm') {
                    argument = Value();
                } else {
                    bool ok = true;
                    if (!param.subtype.empty()) {
                        if (single != 'a' && std::string(1, single) != param.subtype) {
                            ok = false;
                        } else if (single == 'a' && !argument.array().empty()) {
                            const char itemType = symbolOf(argument.array().items[0]);
                            ok = itemType == param.subtype[0];
                            for (const Value& item : argument.array().items)
                                ok = ok && symbolOf(item) == itemType;
                        }
                    }
                    if (!ok) {
                        throw EvaluationError("T0412")
                            .with("index", static_cast<double>(argIndex + 1))
                            .with("value", jsonOf(argument))
                            .with("type", param.subtype == "n"   ? "numbers"
                                          : param.subtype == "s" ? "strings"
                                          : param.subtype == "o" ? "objects"
                                          : param.subtype == "b" ? "booleans"
                                                                 : "values");
                    }
                    if (single != 'a') {
                        auto wrapped = makeArray();
                        wrapped->items.push_back(argument);
                        argument = Value(wrapped);
                    }
                }
            }
            validated.push_back(argument);
            ++argIndex;
        }
    }
    return validated;
}

std::optional<RegexMatch> regexSearch(const RegexValue& regex, const std::string& text,
                                      std::size_t from) {
    if (from > text.size()) return std::nullopt;
    std::smatch match;
    auto flags = std::regex_constants::match_default;
    if (from > 0) flags |= std::regex_constants::match_prev_avail;
    if (!std::regex_search(text.begin() + static_cast<long>(from), text.end(), match, regex.regex,
                           flags)) {
        return std::nullopt;
    }
    RegexMatch result;
    result.start = from + static_cast<std::size_t>(match.position(0));
    result.match = match.str(0);
    result.end = result.start + result.match.size();
    for (std::size_t g = 1; g < match.size(); ++g)
        result.groups.push_back(match[g].matched ? Value(match.str(g)) : Value());
    return result;
}

std::vector<RegexMatch> regexMatches(const RegexValue& regex, const std::string& text,
                                     std::size_t limit) {
    std::vector<RegexMatch> matches;
    if (limit == 0) return matches;
    auto match = regexSearch(regex, text, 0);
    while (match && matches.size() < limit) {
        const std::size_t lastIndex = match->end;
        matches.push_back(std::move(*match));
        if (lastIndex >= text.size()) break;
        match = regexSearch(regex, text, lastIndex);
        if (match && match->match.empty()) {
            throw EvaluationError("D1004").withPosition(regex.position).with("value", regex.source);
        }
    }
    return matches;
}

} // namespace flowcast::model::jsonata
