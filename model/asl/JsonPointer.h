#pragma once
// Building and reading RFC 6901 JSON Pointers, the location of every diagnostic.
#include <string>
#include <string_view>

namespace flowcast::model {

/// Appends one reference token ("~" -> "~0", "/" -> "~1").
std::string pointerChild(std::string_view parent, std::string_view key);
std::string pointerChild(std::string_view parent, std::size_t index);

} // namespace flowcast::model
