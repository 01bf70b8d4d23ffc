#pragma once
// Byte offsets to 1-based line and column, and UTF-8 checks, for read diagnostics.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace flowcast::model {

struct TextPosition {
    int line = 1;
    int column = 1;
};

/// Line and column (in bytes) of the byte at offset.
TextPosition positionOf(std::string_view text, std::size_t offset);
/// Offset of the first byte that is not well-formed UTF-8, or npos.
std::size_t firstInvalidUtf8(std::string_view text);
/// Appends the UTF-8 encoding of one code point. Lone surrogates are encoded as three bytes
/// (WTF-8), so text from JSON escapes or JavaScript strings survives unchanged.
void appendUtf8(std::string& out, std::uint32_t codePoint);

} // namespace flowcast::model
