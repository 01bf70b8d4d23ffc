#pragma once
// Reads one object of a scenario: typed fields, defaults, and errors that carry the field's JSON
// Pointer and say what was expected ("uniform: max must be a number, got a string"). Unknown
// fields are errors too, so a typo ("stdev") is reported instead of silently defaulted.
// Borrows the JSON it reads; use it while parsing, never keep it.
#include "model/asl/Json.h"

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace flowcast::sim {

class SpecObject {
public:
    /// `what` starts every message ("lognormal"). Throws model::ScenarioError when `value` is
    /// not an object.
    SpecObject(const model::Json& value, std::string pointer, std::string what);

    const model::Json& json() const { return m_value; }
    const std::string& pointer() const { return m_pointer; }
    /// JSON Pointer of the field `key` of this object.
    std::string pointer(std::string_view key) const;
    const std::string& what() const { return m_what; }

    /// The field, or nullptr when absent.
    const model::Json* find(std::string_view key) const;
    bool has(std::string_view key) const { return find(key) != nullptr; }
    /// A required field of any type.
    const model::Json& value(std::string_view key) const;

    double number(std::string_view key) const;
    double number(std::string_view key, double fallback) const;
    /// A number that must be > 0 ("mean (0) must be greater than 0").
    double positive(std::string_view key) const;
    /// A number that must be >= 0; `fallback` when absent.
    double nonNegative(std::string_view key, double fallback) const;
    /// A whole number >= `least`.
    std::int64_t integer(std::string_view key, std::int64_t least) const;
    std::int64_t integer(std::string_view key, std::int64_t least, std::int64_t fallback) const;
    std::string string(std::string_view key) const;
    bool boolean(std::string_view key, bool fallback) const;

    /// Throws for the first field whose name is not in `known`.
    void allowOnly(std::initializer_list<std::string_view> known) const;
    /// Throws ScenarioError(pointer(key), "<what>: <message>").
    [[noreturn]] void fail(std::string_view key, const std::string& message) const;
    /// Throws ScenarioError(pointer(), "<what>: <message>").
    [[noreturn]] void fail(const std::string& message) const;

private:
    double numberAt(std::string_view key, const model::Json& field) const;

    const model::Json& m_value;
    std::string m_pointer;
    std::string m_what;
};

/// A number the way messages and descriptions quote it: 2, 1.5, 0.001, 6.41235 (at most
/// `digits` significant digits).
std::string formatNumber(double value, int digits = 15);

} // namespace flowcast::sim
