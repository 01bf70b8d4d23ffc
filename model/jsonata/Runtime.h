#pragma once
// What functions are made of at run time: variable frames, lambdas and their closures, native
// (library) functions and the context a native function is called in. Frames belong to one
// evaluation (it owns them all and frees them when it ends), so a closure never outlives them.
#include "model/jsonata/Ast.h"
#include "model/jsonata/EvaluationError.h"
#include "model/jsonata/Signature.h"
#include "model/jsonata/Value.h"

#include <chrono>
#include <functional>
#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace flowcast::model::jsonata {

/// One scope of variable bindings; `parent` is the enclosing scope (null at the top).
struct Frame {
    const Frame* parent = nullptr;
    std::vector<std::pair<std::string, Value>> bindings;

    const Value* lookup(std::string_view name) const;
    void bind(std::string_view name, Value value);
};

class CallContext;

/// A library function: jsonata-js name (without '$'), signature, and the number of parameters
/// jsonata-js's implementation declares (what higher-order functions see as its arity).
struct NativeFunction {
    using Implementation = std::function<Value(CallContext&, std::vector<Value>&)>;
    std::string name;
    std::optional<Signature> signature;
    int arity = 0;
    Implementation implementation;
};

/// A compiled regular expression literal; matching works on UTF-8 bytes.
struct RegexValue {
    std::regex regex;
    std::string source;
    std::size_t position = 0;
};

/// A function value: a lambda and its closure, a library function, a partial application of
/// one, a regex literal, a transform (|...|) or a chain (f ~> g). Shared and never changed.
struct Function {
    enum class Kind { Lambda, Native, Partial, Regex, Transform, Chain };
    Kind kind = Kind::Lambda;
    // Lambda: the expression, the input and scope it was created in; `parameters` may be
    // fewer than the lambda's own after a partial application bound some of them.
    const Node* node = nullptr;
    const LambdaExpr* lambda = nullptr;
    std::vector<std::string> parameters;
    Value input;
    Frame* environment = nullptr;
    bool thunk = false;            ///< a tail call waiting to be made by the trampoline
    bool partiallyApplied = false; ///< jsonata-js drops the signature of a partial lambda
    // Native
    std::shared_ptr<const NativeFunction> native;
    // Partial (over a native function): `bound` has undefined where a placeholder was.
    Value target;
    std::vector<Value> bound;
    std::vector<bool> placeholder;
    // Regex
    std::shared_ptr<const RegexValue> regex;
    // Chain: second(first(x))
    Value first;
    Value second;

    int arity() const;
    const Signature* signature() const;
};

/// What a native function can use: the call's input, the evaluation's clock and randomness,
/// and calling back into functions it was given.
class CallContext {
public:
    virtual ~CallContext() = default;
    virtual Value apply(const Value& function, std::vector<Value> arguments) = 0;
    virtual const Value& input() const = 0;
    /// The scope the function was called from ($eval sees its variables).
    virtual Frame* environment() const = 0;
    /// The evaluation's timestamp: every $now() and $millis() in one evaluation agree.
    virtual std::chrono::system_clock::time_point now() const = 0;
    virtual double random() = 0;
    /// Parses and evaluates `expression` ($eval); throws EvaluationError.
    virtual Value evaluateText(const std::string& expression, const Value& input) = 0;
};

Value makeNative(std::shared_ptr<const NativeFunction> native);
/// A deep copy of arrays and objects ($clone); other values are shared.
Value deepClone(const Value& value);

/// A regex literal's pattern compiled with its flags ("i", "m"), `position` being the literal's
/// in the expression; null when the pattern does not compile.
std::shared_ptr<const RegexValue> compileRegex(const std::string& pattern, const std::string& flags,
                                               std::size_t position);

/// One match of a regex in UTF-8 text: byte offsets and the capture groups.
struct RegexMatch {
    std::size_t start = 0;
    std::size_t end = 0;
    std::string match;
    std::vector<Value> groups; ///< strings, or undefined for a group that did not take part
};
/// The first match at or after byte `from`, as a JS global regex with lastIndex = from.
std::optional<RegexMatch> regexSearch(const RegexValue& regex, const std::string& text,
                                      std::size_t from);
/// All matches in order, as jsonata-js's matcher protocol yields them (D1004 when a match
/// after the first is empty), at most `limit` of them.
std::vector<RegexMatch> regexMatches(const RegexValue& regex, const std::string& text,
                                     std::size_t limit);

/// Checks and completes `arguments` against `signature` as jsonata-js does (T0410, T0411,
/// T0412): a missing '-' argument is the context, an 'a' parameter wraps a single value.
std::vector<Value> validateArguments(const Signature& signature, std::vector<Value> arguments,
                                     const Value& context);

} // namespace flowcast::model::jsonata
