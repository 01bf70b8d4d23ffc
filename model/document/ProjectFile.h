#pragma once
// The project file (`*.flowcast.json`): one ASL definition with the canvas layout beside it, and
// any other top-level sections (scenarios, ...) kept as they were read. The definition is stored
// exactly as AWS takes it, so exporting it gives the `.asl.json` back.
//   {"flowcast": "project", "version": 1, "definition": {...}, "layout": {...}, ...}
#include "model/asl/Diagnostic.h"
#include "model/asl/Json.h"

#include <filesystem>
#include <optional>
#include <string>

namespace flowcast::model {

struct Project {
    Json definition = Json::object();
    Json layout = Json::object();
    Json other = Json::object(); ///< every other top-level member, in file order
};

struct ProjectReadResult {
    std::optional<Project> project; ///< empty when the file cannot be used
    Diagnostics diagnostics;        ///< what is wrong, with line and column where known
};

class ProjectFile {
public:
    static constexpr int kVersion = 1;

    static bool isProjectPath(const std::filesystem::path& path);
    static ProjectReadResult read(const std::filesystem::path& path);
    static ProjectReadResult fromText(std::string_view text);
    static std::string toText(const Project& project);
    /// Atomic (temporary file, then rename). Empty on success, else a message naming the file.
    static std::string write(const std::filesystem::path& path, const Project& project);
};

} // namespace flowcast::model
