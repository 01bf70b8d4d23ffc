#pragma once
// The export path: a definition as 2-space indented JSON, object keys in their stored order,
// UTF-8 kept as is. Files are replaced atomically so a crash never leaves half a file.
#include "model/asl/Json.h"

#include <filesystem>
#include <string>

namespace flowcast::model {

class AslWriter {
public:
    static std::string toText(const Json& definition);
    /// Writes to a temporary file beside the target, then renames it over the target.
    /// Returns an empty string on success, else a message naming the file and the reason.
    static std::string writeFileAtomically(const std::filesystem::path& path,
                                           const std::string& text);
};

} // namespace flowcast::model
