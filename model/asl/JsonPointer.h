#pragma once
// Building and reading RFC 6901 JSON Pointers, the location of every diagnostic.
#include "model/asl/Json.h"

#include <string>
#include <string_view>

namespace flowcast::model {

/// Appends one reference token ("~" -> "~0", "/" -> "~1").
std::string pointerChild(std::string_view parent, std::string_view key);
std::string pointerChild(std::string_view parent, std::size_t index);

/// The value `pointer` names below `root`, or nullptr when it names nothing or is malformed.
const Json* findPointer(const Json& root, const std::string& pointer);

} // namespace flowcast::model
