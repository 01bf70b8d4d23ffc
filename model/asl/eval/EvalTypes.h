#pragma once
// What the evaluation of paths, intrinsic functions and Choice rules sees and returns. The
// interpreter (simulator/exec, issue 3) fills a Scope per state; evaluation never throws: a
// failure is an AWS error name (States.Runtime, States.IntrinsicFailure, ...) and a cause.
#include "model/asl/Json.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace flowcast::model::eval {

/// A failure the way Step Functions reports it: {"Error": "States.Runtime", "Cause": "..."}.
struct EvalError {
    std::string error;
    std::string cause;
};

/// A value or the error that stopped its evaluation.
template <typename T> class Result {
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(EvalError error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    const T& value() const { return *m_value; }
    T& value() { return *m_value; }
    const EvalError& error() const { return *m_error; }

private:
    std::optional<T> m_value;
    std::optional<EvalError> m_error;
};

/// Workflow variables visible to a state (Assign); implemented by the interpreter.
class Variables {
public:
    virtual ~Variables() = default;
    /// The value of $name, or nullptr when no such variable is in scope.
    virtual const Json* find(std::string_view name) const = 0;
};

/// Random bits for States.UUID and States.MathRandom without a seed; the simulator passes a named
/// random stream so runs stay reproducible.
class RandomSource {
public:
    virtual ~RandomSource() = default;
    virtual std::uint64_t next() = 0;
};

/// Everything an expression can refer to: $ (the input), $$ (the context object), $name
/// (variables), and random bits.
struct Scope {
    const Json& input;
    const Json& context;
    const Variables* variables = nullptr;
    RandomSource* random = nullptr;
};

} // namespace flowcast::model::eval
