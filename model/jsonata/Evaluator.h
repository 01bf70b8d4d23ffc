#pragma once
// The JSONata evaluator: an Expression is parsed once and evaluated any number of times, from
// any number of threads at once, against a JSON input and variable bindings. It follows
// jsonata-js 2.0.6, the version AWS Step Functions runs; errors carry jsonata-js's codes.
#include "model/asl/Json.h"
#include "model/jsonata/Parser.h"
#include "model/jsonata/Runtime.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace flowcast::model::jsonata {

/// The functions an expression can call ($sum, $map ...). Build it, then share it read-only.
class FunctionLibrary {
public:
    /// jsonata-js 2.0.6's library, $eval included.
    static std::shared_ptr<const FunctionLibrary> standard();
    /// What Step Functions offers: the standard library plus $partition, $range, $hash,
    /// $random (with an optional seed), $uuid and $parse, without $eval (calling it is T1006).
    static std::shared_ptr<const FunctionLibrary> stepFunctions();

    /// Adds or replaces `$name`. `signature` uses jsonata's syntax ("<n-n?:n>"), empty for
    /// none; `arity` is what higher-order functions see. Throws std::invalid_argument on a
    /// malformed signature.
    void add(std::string name, std::string_view signature, int arity,
             NativeFunction::Implementation implementation);
    void remove(std::string_view name);
    std::shared_ptr<const NativeFunction> find(std::string_view name) const;
    /// `$name` as a function value, made once when added (null when absent): a lookup of
    /// `$sum` allocates nothing, and every lookup gives the same function, as in jsonata-js.
    const Value* findValue(std::string_view name) const;

private:
    struct Entry {
        std::shared_ptr<const NativeFunction> native;
        Value value;
    };
    std::map<std::string, Entry, std::less<>> m_functions;
};

/// Limits and the environment of one evaluation; the defaults suit production use.
struct EvaluateOptions {
    /// Deepest nesting of expression evaluations (jsonata-js's evaluate() depth) before U1001.
    /// The default lets a non-tail recursion go about 10000 calls deep, as jsonata-js on Node
    /// does. Past ~1000 levels the evaluation restarts on a thread with a large stack.
    int maxDepth = 30000;
    /// Wall-clock budget; zero for none. Exceeding it raises U1001.
    std::chrono::milliseconds timeLimit{0};
    /// The instant $now() and $millis() report; the real clock when absent.
    std::optional<std::chrono::system_clock::time_point> now;
    /// Seed of $random(), $shuffle() and $uuid(); random when absent.
    std::optional<std::uint64_t> seed;
};

/// A JSONata syntax error thrown by Expression's constructor.
class ExpressionSyntaxError : public std::exception {
public:
    explicit ExpressionSyntaxError(SyntaxError error) : m_error(std::move(error)) {}
    const SyntaxError& error() const { return m_error; }
    const char* what() const noexcept override { return m_error.message.c_str(); }

private:
    SyntaxError m_error;
};

/// A parsed expression bound to a function library. Immutable: evaluate() may run on many
/// threads at once, each evaluation with its own scopes, clock and random stream.
class Expression {
public:
    /// Parses `text`; throws ExpressionSyntaxError. A null library means the standard one.
    explicit Expression(std::string_view text,
                        std::shared_ptr<const FunctionLibrary> library = nullptr,
                        const ParseOptions& options = {});
    Expression(NodePtr ast, std::shared_ptr<const FunctionLibrary> library = nullptr);

    /// Evaluates against `input` with `bindings`, an object whose keys are variable names
    /// without '$'. Returns nullopt for JSONata's undefined; throws EvaluationError with
    /// jsonata-js's code and the position in the expression.
    std::optional<Json> evaluate(const Json& input, const Json& bindings = Json::object(),
                                 const EvaluateOptions& options = {}) const;
    /// The same with no input at all: evaluate(std::nullopt, ...) (jsonata-js's undefined
    /// input, which is not null).
    std::optional<Json> evaluate(std::nullopt_t, const Json& bindings = Json::object(),
                                 const EvaluateOptions& options = {}) const;
    /// The same, on runtime values (sequences are kept as they are). Functions in the result
    /// must not be applied: their scope ended with the evaluation.
    Value evaluateValue(const Value& input, const Json& bindings = {},
                        const EvaluateOptions& options = {}) const;

    const Node& ast() const { return *m_ast; }

private:
    NodePtr m_ast;
    std::shared_ptr<const FunctionLibrary> m_library;
};

} // namespace flowcast::model::jsonata
