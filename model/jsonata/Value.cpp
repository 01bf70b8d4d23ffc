#include "model/jsonata/Value.h"

#include "model/jsonata/Lexer.h"
#include "model/jsonata/Runtime.h"
#include "model/jsonata/SyntaxError.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>

namespace flowcast::model::jsonata {

Value Value::null() {
    Value value;
    value.m_type = ValueType::Null;
    return value;
}

Value::Value(std::string value)
    : m_type(ValueType::String), m_ptr(std::make_shared<std::string>(std::move(value))) {}

Value::Value(std::shared_ptr<Array> array) : m_type(ValueType::Array), m_ptr(std::move(array)) {}

Value::Value(std::shared_ptr<Object> object)
    : m_type(ValueType::Object), m_ptr(std::move(object)) {}

Value::Value(std::shared_ptr<const Function> function)
    : m_type(ValueType::Function), m_ptr(std::const_pointer_cast<Function>(function)) {}

namespace {
thread_local int tlsNesting = 0;
} // namespace

NestingGuard::NestingGuard() {
    if (++tlsNesting > kMaxValueNesting) {
        --tlsNesting;
        throw EvaluationError("U1001").with("message", "The value is nested too deeply");
    }
}

NestingGuard::~NestingGuard() {
    --tlsNesting;
}

namespace {

bool ownsContainer(const Value& value) {
    return (value.isArray() || value.isObject()) && value.isUnique();
}

} // namespace

// Frees uniquely owned containers from a worklist, so that destroying a deeply nested value
// takes constant stack: each container is emptied before it is destroyed.
void releaseNested(std::vector<Value>& pending) {
    while (!pending.empty()) {
        Value value = std::move(pending.back());
        pending.pop_back();
        if (value.isArray()) {
            for (Value& item : value.array().items) {
                if (ownsContainer(item)) pending.push_back(std::move(item));
            }
            value.array().items.clear();
        } else {
            for (auto& entry : value.object().m_entries) {
                if (ownsContainer(entry.second)) pending.push_back(std::move(entry.second));
            }
            value.object().m_entries.clear();
        }
    }
}

Array::~Array() {
    std::vector<Value> pending;
    for (Value& item : items) {
        if (ownsContainer(item)) pending.push_back(std::move(item));
    }
    releaseNested(pending);
}

Object::~Object() {
    std::vector<Value> pending;
    for (auto& entry : m_entries) {
        if (ownsContainer(entry.second)) pending.push_back(std::move(entry.second));
    }
    releaseNested(pending);
}

Value Object::get(std::string_view key) const {
    const Value* found = find(key);
    return found ? *found : Value();
}

void Object::set(const std::string& key, Value value) {
    for (auto& entry : m_entries) {
        if (entry.first == key) {
            entry.second = std::move(value);
            return;
        }
    }
    m_entries.emplace_back(key, std::move(value));
}

void Object::erase(std::string_view key) {
    m_entries.erase(std::remove_if(m_entries.begin(), m_entries.end(),
                                   [&](const auto& entry) { return entry.first == key; }),
                    m_entries.end());
}

std::shared_ptr<Array> makeArray() {
    return std::make_shared<Array>();
}

std::shared_ptr<Array> makeSequence() {
    auto array = std::make_shared<Array>();
    array->sequence = true;
    return array;
}

std::shared_ptr<Object> makeObject() {
    return std::make_shared<Object>();
}

Value sequenceOf(Value item) {
    auto sequence = makeSequence();
    sequence->items.push_back(std::move(item));
    return Value(sequence);
}

Value fromJson(const Json& json) {
    const NestingGuard guard;
    switch (json.type()) {
    case Json::value_t::null:
        return Value::null();
    case Json::value_t::boolean:
        return Value(json.get<bool>());
    case Json::value_t::string:
        return Value(json.get_ref<const std::string&>());
    case Json::value_t::array: {
        auto array = makeArray();
        array->items.reserve(json.size());
        for (const Json& item : json)
            array->items.push_back(fromJson(item));
        return Value(array);
    }
    case Json::value_t::object: {
        auto object = makeObject();
        object->reserve(json.size());
        for (const auto& [key, item] : json.get_ref<const Json::object_t&>())
            object->append(key, fromJson(item));
        return Value(object);
    }
    case Json::value_t::discarded:
        return Value();
    default:
        return Value(json.get<double>());
    }
}

std::optional<Json> toJson(const Value& value) {
    const NestingGuard guard;
    switch (value.type()) {
    case ValueType::Undefined:
        return std::nullopt;
    case ValueType::Null:
        return Json();
    case ValueType::Boolean:
        return Json(value.boolean());
    case ValueType::Number: {
        const double number = value.number();
        if (std::isfinite(number) && std::floor(number) == number && std::fabs(number) < 9.0e15)
            return Json(static_cast<std::int64_t>(number));
        return Json(number);
    }
    case ValueType::String:
        return Json(value.string());
    case ValueType::Function:
        return Json("");
    case ValueType::Array: {
        Json out = Json::array();
        out.get_ref<Json::array_t&>().reserve(value.array().size());
        for (const Value& item : value.array().items) {
            auto converted = toJson(item);
            out.push_back(converted ? std::move(*converted) : Json());
        }
        return out;
    }
    case ValueType::Object: {
        Json out = Json::object();
        // An Object's keys are distinct, so they go straight to the end of the ordered map
        // (its operator[] would search the keys already there, for every key).
        auto& entries = static_cast<Json::object_t::Container&>(out.get_ref<Json::object_t&>());
        entries.reserve(value.object().size());
        for (const auto& [key, item] : value.object().entries()) {
            if (auto converted = toJson(item)) entries.emplace_back(key, std::move(*converted));
        }
        return out;
    }
    }
    return std::nullopt;
}

bool deepEqual(const Value& a, const Value& b) {
    if (a.type() != b.type()) return false;
    switch (a.type()) {
    case ValueType::Undefined:
    case ValueType::Null:
        return true;
    case ValueType::Boolean:
        return a.boolean() == b.boolean();
    case ValueType::Number:
        return a.number() == b.number();
    case ValueType::String:
        return a.string() == b.string();
    case ValueType::Function:
        return a.identity() == b.identity();
    case ValueType::Array: {
        const NestingGuard guard; // only containers recurse
        const auto& x = a.array().items;
        const auto& y = b.array().items;
        if (x.size() != y.size()) return false;
        for (std::size_t i = 0; i < x.size(); ++i) {
            if (!deepEqual(x[i], y[i])) return false;
        }
        return true;
    }
    case ValueType::Object: {
        const NestingGuard guard;
        const Object& x = a.object();
        const Object& y = b.object();
        if (x.size() != y.size()) return false;
        for (const auto& [key, item] : x.entries()) {
            const Value* other = y.find(key);
            if (!other || !deepEqual(item, *other)) return false;
        }
        return true;
    }
    }
    return false;
}

std::optional<bool> toBoolean(const Value& value) {
    switch (value.type()) {
    case ValueType::Undefined:
        return std::nullopt;
    case ValueType::Null:
        return false;
    case ValueType::Boolean:
        return value.boolean();
    case ValueType::Number:
        return value.number() != 0 && !std::isnan(value.number());
    case ValueType::String:
        return !value.string().empty();
    case ValueType::Object:
        return !value.object().empty();
    case ValueType::Function:
        return false;
    case ValueType::Array: {
        const auto& items = value.array().items;
        if (items.size() == 1) return toBoolean(items[0]).value_or(false);
        for (const Value& item : items) {
            if (toBoolean(item).value_or(false)) return true;
        }
        return false;
    }
    }
    return false;
}

Value appendValues(const Value& a, const Value& b) {
    if (a.isUndefined()) return b;
    if (b.isUndefined()) return a;
    auto result = makeArray();
    for (const Value* part : {&a, &b}) {
        if (part->isArray()) {
            const auto& items = part->array().items;
            result->items.insert(result->items.end(), items.begin(), items.end());
        } else {
            result->items.push_back(*part);
        }
    }
    return Value(result);
}

std::vector<Value> itemsOf(const Value& value) {
    if (value.isArray()) return value.array().items;
    if (value.isUndefined()) return {};
    return {value};
}

std::string formatNumber15(double value) {
    if (!std::isfinite(value)) return formatJsNumber(value);
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.14e", value);
    return formatJsNumber(std::strtod(buffer, nullptr));
}

namespace {

void quoteInto(std::string& out, const std::string& text) {
    out += jsonQuote(text);
}

void stringifyInto(std::string& out, const Value& value, bool pretty, int depth) {
    const NestingGuard guard;
    const auto newline = [&](int level) {
        if (!pretty) return;
        out += '\n';
        out.append(static_cast<std::size_t>(level) * 2, ' ');
    };
    switch (value.type()) {
    case ValueType::Undefined:
    case ValueType::Null:
        out += "null";
        break;
    case ValueType::Boolean:
        out += value.boolean() ? "true" : "false";
        break;
    case ValueType::Number:
        // jsonata's replacer checks isNumeric, which rejects infinities.
        if (!std::isfinite(value.number()) && !std::isnan(value.number()))
            throw EvaluationError("D1001").with("value",
                                                value.number() > 0 ? "Infinity" : "-Infinity");
        out += std::isfinite(value.number()) ? formatNumber15(value.number()) : "null";
        break;
    case ValueType::String:
        quoteInto(out, value.string());
        break;
    case ValueType::Function:
        out += "\"\"";
        break;
    case ValueType::Array: {
        const auto& items = value.array().items;
        if (items.empty()) {
            out += "[]";
            break;
        }
        out += '[';
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i > 0) out += ',';
            newline(depth + 1);
            stringifyInto(out, items[i], pretty, depth + 1);
        }
        newline(depth);
        out += ']';
        break;
    }
    case ValueType::Object: {
        bool first = true;
        out += '{';
        for (const auto& [key, item] : value.object().entries()) {
            if (item.isUndefined()) continue;
            if (!first) out += ',';
            first = false;
            newline(depth + 1);
            quoteInto(out, key);
            out += pretty ? ": " : ":";
            stringifyInto(out, item, pretty, depth + 1);
        }
        if (!first) newline(depth);
        out += '}';
        break;
    }
    }
}

} // namespace

std::string stringify(const Value& value, bool pretty) {
    std::string out;
    const Value& target = value.isArray() && value.array().outerWrapper && !value.array().empty()
                              ? value.array().items[0]
                              : value;
    stringifyInto(out, target, pretty, 0);
    return out;
}

} // namespace flowcast::model::jsonata
