#include "simulator/core/SpecObject.h"

#include "model/asl/JsonPointer.h"
#include "model/scenario/ScenarioError.h"

#include <cmath>
#include <cstdio>

namespace flowcast::sim {

using model::Json;
using model::ScenarioError;

SpecObject::SpecObject(const Json& value, std::string pointer, std::string what)
    : m_value(value), m_pointer(std::move(pointer)), m_what(std::move(what)) {
    if (!m_value.is_object())
        throw ScenarioError(m_pointer,
                            m_what + ": expected an object, got " + model::jsonTypeName(m_value));
}

std::string SpecObject::pointer(std::string_view key) const {
    return model::pointerChild(m_pointer, key);
}

const Json* SpecObject::find(std::string_view key) const {
    const auto it = m_value.find(key);
    return it == m_value.end() ? nullptr : &*it;
}

const Json& SpecObject::value(std::string_view key) const {
    const Json* field = find(key);
    if (!field) fail("missing field '" + std::string(key) + "'");
    return *field;
}

double SpecObject::numberAt(std::string_view key, const Json& field) const {
    // nlohmann keeps booleans apart from numbers, so true is not silently 1 here.
    if (!field.is_number())
        fail(key, std::string(key) + " must be a number, got " + model::jsonTypeName(field));
    return field.get<double>();
}

double SpecObject::number(std::string_view key) const {
    return numberAt(key, value(key));
}

double SpecObject::number(std::string_view key, double fallback) const {
    const Json* field = find(key);
    return field ? numberAt(key, *field) : fallback;
}

double SpecObject::positive(std::string_view key) const {
    const double v = number(key);
    if (!(v > 0)) fail(key, std::string(key) + " (" + formatNumber(v) + ") must be greater than 0");
    return v;
}

double SpecObject::nonNegative(std::string_view key, double fallback) const {
    const double v = number(key, fallback);
    if (v < 0) fail(key, std::string(key) + " (" + formatNumber(v) + ") must not be negative");
    return v;
}

std::int64_t SpecObject::integer(std::string_view key, std::int64_t least) const {
    const double v = number(key);
    if (v != std::floor(v) || std::abs(v) > 9.0e15)
        fail(key, std::string(key) + " (" + formatNumber(v) + ") must be a whole number");
    if (v < static_cast<double>(least))
        fail(key, std::string(key) + " (" + formatNumber(v) + ") must be at least " +
                      std::to_string(least));
    return static_cast<std::int64_t>(v);
}

std::int64_t SpecObject::integer(std::string_view key, std::int64_t least,
                                 std::int64_t fallback) const {
    return has(key) ? integer(key, least) : fallback;
}

std::string SpecObject::string(std::string_view key) const {
    const Json& field = value(key);
    if (!field.is_string())
        fail(key, std::string(key) + " must be a string, got " + model::jsonTypeName(field));
    return field.get<std::string>();
}

bool SpecObject::boolean(std::string_view key, bool fallback) const {
    const Json* field = find(key);
    if (!field) return fallback;
    if (!field->is_boolean())
        fail(key, std::string(key) + " must be true or false, got " + model::jsonTypeName(*field));
    return field->get<bool>();
}

void SpecObject::allowOnly(std::initializer_list<std::string_view> known) const {
    for (const auto& [key, field] : m_value.items()) {
        bool ok = false;
        for (std::string_view k : known)
            ok = ok || k == key;
        if (ok) continue;
        std::string list;
        for (std::string_view k : known)
            list += (list.empty() ? "" : ", ") + std::string(k);
        fail(key, "unknown field '" + key + "' (expected " + list + ")");
    }
}

void SpecObject::fail(std::string_view key, const std::string& message) const {
    throw ScenarioError(pointer(key), m_what + ": " + message);
}

void SpecObject::fail(const std::string& message) const {
    throw ScenarioError(m_pointer, m_what + ": " + message);
}

std::string formatNumber(double value, int digits) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", digits, value);
    return buf;
}

} // namespace flowcast::sim
