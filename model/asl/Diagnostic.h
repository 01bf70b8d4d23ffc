#pragma once
// One finding about a definition: a stable code, a severity, where it is (a JSON Pointer into the
// definition, or a line and column when the text could not be parsed) and a one-line message.
#include <string>
#include <string_view>
#include <vector>

namespace flowcast::model {

enum class Severity { Error, Warning };

struct Diagnostic {
    std::string code; ///< e.g. SCHEMA_VALIDATION_FAILED, MISSING_END_STATE
    Severity severity = Severity::Error;
    std::string location; ///< JSON Pointer ("" is the whole document)
    std::string message;
    int line = 0;   ///< 1-based; 0 when unknown
    int column = 0; ///< 1-based; 0 when unknown

    bool isError() const { return severity == Severity::Error; }
};

using Diagnostics = std::vector<Diagnostic>;

std::string_view severityName(Severity severity);
bool hasError(const Diagnostics& diagnostics);

/// "file:/States/A/Next: ERROR CODE: message"; "file:3:14: ..." for text that did not parse.
std::string formatDiagnostic(std::string_view file, const Diagnostic& diagnostic);

} // namespace flowcast::model
