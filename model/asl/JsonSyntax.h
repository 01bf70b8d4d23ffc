#pragma once
// Finds where a JSON text stops being JSON, for the reader's message. nlohmann's parser reports
// the end of the last token it read, which is often a few characters past the mistake (a missing
// comma is reported after the next key); this scan names the first byte that cannot continue a
// valid JSON text, and for a misspelt word or a malformed number, where that word begins.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace flowcast::model {

struct JsonSyntaxError {
    std::size_t offset = 0; ///< byte offset of the mistake (the text's size at an early end)
    std::string message;    ///< one line, e.g. "expected ',' or '}' after a member of an object"
};

/// The first syntax error of `text` read as one JSON value (RFC 8259), or nothing when it is valid.
std::optional<JsonSyntaxError> findJsonSyntaxError(std::string_view text);

} // namespace flowcast::model
