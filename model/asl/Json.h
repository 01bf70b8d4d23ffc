#pragma once
// The JSON value type of the whole model. ordered_json keeps object keys in the order they were
// read, which is what makes import followed by export lossless.
#include <nlohmann/json.hpp>

namespace flowcast::model {
using Json = nlohmann::ordered_json;

/// The kind of a value for messages: "an object", "an array", "a string", "a boolean",
/// "a number" or "null".
inline const char* jsonTypeName(const Json& value) {
    switch (value.type()) {
    case Json::value_t::null:
        return "null";
    case Json::value_t::object:
        return "an object";
    case Json::value_t::array:
        return "an array";
    case Json::value_t::string:
        return "a string";
    case Json::value_t::boolean:
        return "a boolean";
    default:
        return "a number";
    }
}
} // namespace flowcast::model
