#pragma once
// A JSONata runtime value: JSON plus what jsonata-js adds at run time (undefined, sequences with
// their flags, functions and regexes). Arrays and objects are shared by reference, as in
// JavaScript, so that transforms can update what a pattern selected; one evaluation owns them.
#include "model/asl/Json.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace flowcast::model::jsonata {

enum class ValueType : std::uint8_t {
    Undefined,
    Null,
    Boolean,
    Number,
    String,
    Array,
    Object,
    Function
};

struct Array;
struct Object;
struct Function;

class Value {
public:
    Value() = default; ///< undefined
    static Value null();
    Value(bool value) : m_type(ValueType::Boolean), m_bool(value) {}
    Value(double value) : m_type(ValueType::Number), m_number(value) {}
    Value(int value) : Value(static_cast<double>(value)) {}
    Value(std::size_t value) : Value(static_cast<double>(value)) {}
    Value(std::string value);
    Value(const char* value) : Value(std::string(value)) {}
    Value(std::shared_ptr<Array> array);
    Value(std::shared_ptr<Object> object);
    Value(std::shared_ptr<const Function> function);

    ValueType type() const { return m_type; }
    bool isUndefined() const { return m_type == ValueType::Undefined; }
    bool isDefined() const { return m_type != ValueType::Undefined; }
    bool isNull() const { return m_type == ValueType::Null; }
    bool isBool() const { return m_type == ValueType::Boolean; }
    bool isNumber() const { return m_type == ValueType::Number; }
    bool isString() const { return m_type == ValueType::String; }
    bool isArray() const { return m_type == ValueType::Array; }
    bool isObject() const { return m_type == ValueType::Object; }
    bool isFunction() const { return m_type == ValueType::Function; }
    inline bool isSequence() const; ///< defined below Array

    bool boolean() const { return m_bool; }
    double number() const { return m_number; }
    const std::string& string() const { return *static_cast<const std::string*>(m_ptr.get()); }
    Array& array() const { return *static_cast<Array*>(m_ptr.get()); }
    Object& object() const { return *static_cast<Object*>(m_ptr.get()); }
    const Function& function() const { return *static_cast<const Function*>(m_ptr.get()); }
    /// True when this value is the only reference to its array or object (it may be moved from).
    bool isUnique() const { return m_ptr && m_ptr.use_count() == 1; }
    /// Identity of an array, object or function (JavaScript's ===), null for other values.
    const void* identity() const { return m_ptr.get(); }

private:
    ValueType m_type = ValueType::Undefined;
    bool m_bool = false;
    double m_number = 0;
    std::shared_ptr<void> m_ptr;
};

/// Counts the nesting of the recursive value helpers (conversion, equality, printing ...) on
/// this thread; constructing one past kMaxValueNesting levels throws U1001 instead of running
/// off the end of the stack.
class NestingGuard {
public:
    NestingGuard();
    ~NestingGuard();
    NestingGuard(const NestingGuard&) = delete;
    NestingGuard& operator=(const NestingGuard&) = delete;
};
inline constexpr int kMaxValueNesting = 1000; ///< deeper than JSON documents go in practice

/// A JS array. `sequence` marks jsonata-js's result sequences: a sequence of one value collapses
/// to that value unless `keepSingleton`; `cons` marks an array constructor's result that path
/// steps must not flatten; `outerWrapper` wraps an array input; `tupleStream` holds tuples.
struct Array {
    Array() = default;
    Array(const Array&) = default;
    Array(Array&&) = default;
    Array& operator=(const Array&) = default;
    Array& operator=(Array&&) = default;
    ~Array(); ///< iterative: a value nested 100000 deep is freed without deep recursion

    std::vector<Value> items;
    bool sequence = false;
    bool keepSingleton = false;
    bool cons = false;
    bool outerWrapper = false;
    bool tupleStream = false;

    std::size_t size() const { return items.size(); }
    bool empty() const { return items.empty(); }
};

/// A JS object: keys in insertion order, lookups indexed once it grows.
struct Object {
    Object() = default;
    Object(const Object&) = default;
    Object(Object&&) = default;
    Object& operator=(const Object&) = default;
    Object& operator=(Object&&) = default;
    ~Object(); ///< iterative, as ~Array()

    /// Inline, as reading a field is the commonest step of an evaluation.
    const Value* find(std::string_view key) const {
        for (const auto& entry : m_entries) {
            if (entry.first == key) return &entry.second;
        }
        return nullptr;
    }
    Value get(std::string_view key) const;
    void set(const std::string& key, Value value);
    /// Adds a key known to be absent (as when copying a JSON object, whose keys are distinct).
    void append(std::string key, Value value) {
        m_entries.emplace_back(std::move(key), std::move(value));
    }
    void reserve(std::size_t count) { m_entries.reserve(count); }
    void erase(std::string_view key);
    std::size_t size() const { return m_entries.size(); }
    bool empty() const { return m_entries.empty(); }
    const std::vector<std::pair<std::string, Value>>& entries() const { return m_entries; }

private:
    friend void releaseNested(std::vector<Value>& pending);
    std::vector<std::pair<std::string, Value>> m_entries;
};

inline bool Value::isSequence() const {
    return m_type == ValueType::Array && array().sequence;
}

std::shared_ptr<Array> makeArray();
std::shared_ptr<Array> makeSequence();
std::shared_ptr<Object> makeObject();
/// jsonata-js's createSequence(item): a one-item sequence, even when the item is undefined.
Value sequenceOf(Value item);

/// JSON to a runtime value (numbers become doubles). Arrays and objects are deep-copied.
Value fromJson(const Json& json);
/// A runtime value as JSON: undefined is nullopt, functions become "" (as JSON.stringify with
/// jsonata's replacer), integral numbers become JSON integers.
std::optional<Json> toJson(const Value& value);

/// jsonata-js's deep equality (isDeepEqual): structural for arrays and objects.
bool deepEqual(const Value& a, const Value& b);
/// jsonata-js's $boolean: undefined stays undefined.
std::optional<bool> toBoolean(const Value& value);
/// fn.append: undefined is the identity, otherwise a new plain array of both.
Value appendValues(const Value& a, const Value& b);
/// The items of an array, or the value itself as one item (none for undefined).
std::vector<Value> itemsOf(const Value& value);
/// JSON.stringify with jsonata's replacer (numbers to 15 significant digits, functions as "").
std::string stringify(const Value& value, bool pretty);
/// JavaScript's String(number) after toPrecision(15), as $string and '&' print numbers.
std::string formatNumber15(double value);

} // namespace flowcast::model::jsonata
