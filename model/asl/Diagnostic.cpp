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
    if (d.line > 0) {
        out += std::to_string(d.line) + ':' + std::to_string(d.column);
    } else {
        out += d.location.empty() ? "/" : d.location;
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
