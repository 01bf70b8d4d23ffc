#pragma once
// The HTML report's two SVG charts: each deployment's monthly cost stacked by service, and the
// break-even sweep as a log-scale line chart. Inline SVG with every text escaped; the page
// (HtmlReport.cpp) places them.
#include "simulator/cost/Comparison.h"

#include <string>
#include <vector>

namespace flowcast::cost::report {

/// Monthly cost per service and deployment.
struct ServiceTotals {
    std::vector<std::string> services;    ///< largest total first
    std::vector<std::vector<double>> usd; ///< [service][deployment]
};

ServiceTotals byService(const Comparison& c);

/// What the service chart draws: services of at least a cent somewhere, the smallest merged into
/// "other services" past the colours it has; the services left out are added to `notDrawn`.
ServiceTotals drawnServices(const ServiceTotals& all, std::vector<std::string>& notDrawn);

/// The stacked-bar chart of `drawn` (from drawnServices), one bar per deployment.
std::string serviceChart(const Comparison& c, const ServiceTotals& drawn);

/// The sweep's cost lines against the rate a day, with the crossings marked.
std::string sweepChart(const Comparison& c);

} // namespace flowcast::cost::report
