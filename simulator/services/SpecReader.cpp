#include "simulator/services/SpecReader.h"

#include "model/asl/JsonPointer.h"
#include "model/scenario/ScenarioError.h"

#include <cmath>
#include <cstdio>

namespace flowcast::sim {

namespace {

// What the scenario wrote, for messages: scalars as written, containers by kind.
std::string shown(const model::Json& value) {
    if (value.is_object() || value.is_array()) return model::jsonTypeName(value);
    return value.dump();
}

std::string numberText(double x) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", x);
    return buffer;
}

std::string inQuotes(std::string_view s) {
    return "\"" + std::string(s) + "\"";
}

} // namespace

SpecReader::SpecReader(const model::Json& spec, std::string pointer, std::string what)
    : m_spec(spec), m_pointer(std::move(pointer)), m_what(std::move(what)) {
    if (!spec.is_object())
        throw model::ScenarioError(m_pointer, m_what + " must be an object (got " +
                                                  model::jsonTypeName(spec) + ")");
}

std::string SpecReader::pointer(std::string_view key) const {
    return model::pointerChild(m_pointer, key);
}

const model::Json* SpecReader::field(std::string_view key) {
    m_read.emplace(key);
    const auto it = m_spec.find(key);
    return it == m_spec.end() ? nullptr : &*it;
}

void SpecReader::fail(std::string_view key, const std::string& message) const {
    throw model::ScenarioError(pointer(key), message);
}

int SpecReader::integer(std::string_view key, int fallback, int min, int max) {
    const model::Json* value = field(key);
    if (!value) return fallback;
    if (!value->is_number_integer() || value->get<std::int64_t>() < min ||
        value->get<std::int64_t>() > max)
        fail(key, inQuotes(key) + " must be an integer from " + std::to_string(min) + " to " +
                      std::to_string(max) + " (got " + shown(*value) + ")");
    return value->get<int>();
}

double SpecReader::number(std::string_view key, double fallback, double min, double max) {
    const model::Json* value = field(key);
    if (!value) return fallback;
    if (!value->is_number() || !(value->get<double>() >= min && value->get<double>() <= max))
        fail(key, inQuotes(key) + " must be a number from " + numberText(min) + " to " +
                      numberText(max) + " (got " + shown(*value) + ")");
    return value->get<double>();
}

bool SpecReader::boolean(std::string_view key, bool fallback) {
    const model::Json* value = field(key);
    if (!value) return fallback;
    if (!value->is_boolean())
        fail(key, inQuotes(key) + " must be true or false (got " + shown(*value) + ")");
    return value->get<bool>();
}

std::string SpecReader::choice(std::string_view key, std::string_view fallback,
                               std::initializer_list<std::string_view> choices) {
    const model::Json* value = field(key);
    if (!value) return std::string(fallback);
    if (value->is_string())
        for (std::string_view c : choices)
            if (value->get_ref<const std::string&>() == c) return std::string(c);
    std::string list;
    for (std::string_view c : choices)
        list += (list.empty() ? "" : ", ") + inQuotes(c);
    fail(key, inQuotes(key) + " must be one of " + list + " (got " + shown(*value) + ")");
}

std::string SpecReader::string(std::string_view key, std::string_view fallback) {
    const model::Json* value = field(key);
    if (!value) return std::string(fallback);
    if (!value->is_string())
        fail(key, inQuotes(key) + " must be a string (got " + shown(*value) + ")");
    return value->get<std::string>();
}

std::shared_ptr<const Distribution> SpecReader::distribution(std::string_view key,
                                                             const model::Json& fallback,
                                                             const std::filesystem::path& baseDir) {
    const model::Json* value = field(key);
    return parseDistribution(value ? *value : fallback, pointer(key), baseDir);
}

const model::Json* SpecReader::object(std::string_view key) {
    const model::Json* value = field(key);
    if (value && !value->is_object())
        fail(key, inQuotes(key) + " must be an object (got " + model::jsonTypeName(*value) + ")");
    return value;
}

void SpecReader::notAllowed(std::string_view key, std::string_view why) const {
    fail(key, inQuotes(key) + " is not allowed here: " + std::string(why));
}

void SpecReader::rejectUnknown() const {
    for (const auto& [key, value] : m_spec.items())
        if (!m_read.contains(key)) fail(key, "unknown field " + inQuotes(key) + " in " + m_what);
}

} // namespace flowcast::sim
