#pragma once
// Reads an ASL definition (JSON or YAML) from a file or from text into an ordered JSON value.
// Never throws on bad input: every problem becomes a Diagnostic naming the place (line and
// column for syntax, JSON Pointer for structure such as duplicate keys).
#include "model/asl/Diagnostic.h"
#include "model/asl/Json.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace flowcast::model {

enum class TextFormat { Json, Yaml };

struct ReadResult {
    std::optional<Json> json; ///< empty when the text could not be parsed at all
    Diagnostics diagnostics;  ///< read problems (syntax, encoding, duplicate keys, ...)
    std::size_t sizeBytes = 0;

    bool ok() const { return json.has_value(); }
};

class AslReader {
public:
    /// Deeper nesting than this is refused before parsing (AWS never needs more than a few dozen).
    static constexpr int kMaxNestingDepth = 512;
    /// Files larger than this are refused unread.
    static constexpr std::uintmax_t kMaxFileBytes = 256ull * 1024 * 1024;

    static ReadResult readFile(const std::filesystem::path& path);
    /// readFile that also hands back the text it read (empty when the file could not be read).
    static ReadResult readFileText(const std::filesystem::path& path, std::string& text);
    static ReadResult readText(std::string_view text, TextFormat format);
    /// YAML for .yaml / .yml, JSON otherwise.
    static TextFormat formatFor(const std::filesystem::path& path);
};

} // namespace flowcast::model
