#pragma once
// The comparison as one self-contained HTML page: header, recommendation, the side-by-side
// table, a stacked-bar chart of each deployment's monthly cost by service, the cost lines with
// their formulas, and the break-even sweep as a log-scale line chart. Inline CSS and SVG only
// (no external file, font or script), every user text escaped; deterministic for a given input.
#include "simulator/cost/Comparison.h"

#include <string>

namespace flowcast::cost {

/// What the report states about itself; passed in so the library reads no clock and no build
/// configuration.
struct ReportInfo {
    std::string version;     ///< the Flowcast version: "0.4.0"
    std::string generatedOn; ///< the generation date: "2025-11-21"
};

std::string htmlReport(const Comparison& comparison, const ReportInfo& info);

/// The report's "Simulation vs theory" section (a heading, a note and each deployment's
/// TheoryCheck table), for the views that show it too; "" when no deployment has services.
std::string theorySectionHtml(const Comparison& comparison);

/// `text` with &, <, >, " and ' replaced by entities: safe in element text and in attributes.
std::string escapeHtml(const std::string& text);

} // namespace flowcast::cost
