#include "model/asl/Diagnostic.h"

#include <algorithm>

namespace flowcast::model {

std::string_view severityName(Severity severity) {
    return severity == Severity::Error ? "ERROR" : "WARNING";
}

bool hasError(const Diagnostics& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.isError(); });
}

std::string formatDiagnostic(std::string_view file, const Diagnostic& d) {
    std::string out(file);
    out += ':';
    // The pointer when there is one (the line and column of a pointer go to --json and the GUI);
    // line:column for text that could not be parsed into a document.
    if (!d.location.empty()) {
        out += d.location;
    } else if (d.line > 0) {
        out += std::to_string(d.line) + ':' + std::to_string(d.column);
    } else {
        out += '/';
    }
    out += ": ";
    out += severityName(d.severity);
    out += ' ';
    out += d.code;
    out += ": ";
    out += d.message;
    return out;
}

} // namespace flowcast::model
