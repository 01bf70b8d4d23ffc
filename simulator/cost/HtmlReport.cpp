#include "simulator/cost/HtmlReport.h"

#include "model/pricing/PriceFormat.h"
#include "simulator/cost/ReportCharts.h"
#include "simulator/cost/ReportFormat.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <sstream>

namespace flowcast::cost {

using model::formatUsd;
using report::byService;
using report::drawnServices;
using report::percent;
using report::rateText;
using report::secondsText;
using report::serviceChart;
using report::ServiceTotals;
using report::sweepChart;

namespace {

const char* const kCss = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
  color:#222;max-width:1040px;margin:2em auto;padding:0 1em;line-height:1.45}
h1{font-size:1.6em;margin:0 0 .2em}
h2{font-size:1.2em;margin:1.8em 0 .5em;border-bottom:1px solid #ccc;padding-bottom:.2em}
.meta{color:#555;margin:0}
.meta span+span::before{content:" · "}
.recommendation{font-size:1.2em;font-weight:600;background:#eef5fb;border-left:5px solid #0072B2;
  padding:.8em 1em;margin:1.2em 0}
table{border-collapse:collapse;font-size:.9em;margin:.5em 0}
th,td{padding:.3em .7em;border-bottom:1px solid #ddd;text-align:right;vertical-align:top}
th:first-child,td:first-child,td.text,th.text{text-align:left}
thead th{border-bottom:2px solid #999}
th small{display:block;font-weight:normal;color:#555;max-width:16em;margin-left:auto}
tr.total td{font-weight:700;border-top:2px solid #999}
td.formula{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em;text-align:left;
  min-width:24em}
.price-id{display:block;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.8em;color:#666}
td{font-variant-numeric:tabular-nums}
.best{font-weight:700}
.band{color:#555;font-size:.9em}
.fail{color:#b00;white-space:nowrap}
.note{color:#555;font-size:.9em}
svg{width:100%;max-width:900px;height:auto;display:block;margin:.5em 0}
details{margin:.5em 0}
summary{cursor:pointer;font-weight:600}
footer{margin-top:2.5em;color:#777;font-size:.8em}
@media print{
  body{margin:0;max-width:none;font-size:10pt}
  details::details-content{content-visibility:visible;display:contents}
  summary{list-style:none}
  h2{break-after:avoid}
  section,svg,tr,.recommendation{break-inside:avoid}
  *{print-color-adjust:exact;-webkit-print-color-adjust:exact}
}
)";

// Closed <details> print closed: open them all before printing.
const char* const kPrintScript =
    "addEventListener('beforeprint',()=>document.querySelectorAll('details')"
    ".forEach(d=>d.open=true));";
std::string headerHtml(const Comparison& c, const ReportInfo& info) {
    std::ostringstream out;
    out << "<header>\n<h1>Flowcast comparison: " << escapeHtml(c.scenario) << "</h1>\n"
        << "<p class=\"meta\"><span>price book " << escapeHtml(c.priceBookRegion) << " as of "
        << escapeHtml(c.priceBookAsOf) << "</span><span>seed " << c.seed << "</span><span>Flowcast "
        << escapeHtml(info.version) << "</span><span>generated " << escapeHtml(info.generatedOn)
        << "</span></p>\n</header>\n"
        << "<p class=\"recommendation\">" << escapeHtml(c.recommendation) << "</p>\n";
    return out.str();
}

using Cell = std::function<std::string(const DeploymentResult&)>;
enum class RowStyle { Plain, MonthlyCost, Band };

std::string sideBySideHtml(const Comparison& c) {
    std::ostringstream out;
    out << "<h2>Side by side</h2>\n<table class=\"side-by-side\">\n<thead><tr><th></th>";
    for (const DeploymentResult& r : c.deployments) {
        out << "<th>" << escapeHtml(r.name);
        if (!r.description.empty()) out << "<small>" << escapeHtml(r.description) << "</small>";
        out << "</th>";
    }
    out << "</tr></thead>\n<tbody>\n";
    double cheapest = std::numeric_limits<double>::max();
    for (const DeploymentResult& r : c.deployments)
        cheapest = std::min(cheapest, r.cost.monthlyUsd);
    const auto row = [&](const std::string& label, const Cell& cell,
                         RowStyle style = RowStyle::Plain) {
        out << "<tr><th class=\"text\">" << escapeHtml(label) << "</th>";
        for (const DeploymentResult& r : c.deployments) {
            const bool best = style == RowStyle::MonthlyCost && r.cost.monthlyUsd == cheapest;
            out << "<td"
                << (best                      ? " class=\"best\""
                    : style == RowStyle::Band ? " class=\"band\""
                                              : "")
                << ">" << escapeHtml(cell(r)) << "</td>";
        }
        out << "</tr>\n";
    };
    row(
        "monthly cost", [](auto& r) { return formatUsd(r.cost.monthlyUsd); },
        RowStyle::MonthlyCost);
    row(
        "P5 – P95",
        [](auto& r) { return formatUsd(r.p5MonthlyUsd) + " – " + formatUsd(r.p95MonthlyUsd); },
        RowStyle::Band);
    row("per execution", [](auto& r) {
        const auto v = r.cost.perExecutionUsd();
        return v ? model::formatUnitPrice(std::round(*v * 1e4) / 1e4) : std::string("–");
    });
    row("per million records", [](auto& r) {
        const auto v = r.cost.perMillionRecordsUsd();
        return v ? formatUsd(*v) : std::string("–");
    });
    row("latency P50", [](auto& r) { return secondsText(r.latencyP50Seconds); });
    row("latency P95", [](auto& r) { return secondsText(r.latencyP95Seconds); });
    row("latency P99", [](auto& r) { return secondsText(r.latencyP99Seconds); });
    row("failed executions", [](auto& r) { return percent(r.failureRate()); });
    if (!c.deployments.empty() && c.deployments.front().slaSeconds)
        row("SLA misses", [](auto& r) { return percent(r.slaMissRate()); });
    row("cluster idle", [](auto& r) {
        return r.usage.clusterIdleShare
                   ? percent(*r.usage.clusterIdleShare) + ", " + formatUsd(r.idleUsd)
                   : std::string("–");
    });
    out << "</tbody>\n</table>\n";
    return out.str();
}

std::string serviceTableHtml(const Comparison& c, const ServiceTotals& all) {
    std::ostringstream out;
    out << "<details><summary>The figures behind the chart</summary>\n<table>\n"
           "<thead><tr><th>service</th>";
    for (const DeploymentResult& r : c.deployments)
        out << "<th>" << escapeHtml(r.name) << "</th>";
    out << "</tr></thead>\n<tbody>\n";
    for (std::size_t s = 0; s < all.services.size(); ++s) {
        out << "<tr><td>" << escapeHtml(all.services[s]) << "</td>";
        for (const double usd : all.usd[s])
            out << "<td>" << formatUsd(usd) << "</td>";
        out << "</tr>\n";
    }
    out << "<tr class=\"total\"><td>total</td>";
    for (const DeploymentResult& r : c.deployments)
        out << "<td>" << formatUsd(r.cost.monthlyUsd) << "</td>";
    out << "</tr>\n</tbody>\n</table>\n</details>\n";
    return out.str();
}

std::string servicesHtml(const Comparison& c) {
    const ServiceTotals all = byService(c);
    std::vector<std::string> notDrawn;
    const ServiceTotals drawn = drawnServices(all, notDrawn);
    std::ostringstream out;
    out << "<section>\n<h2>Monthly cost by service</h2>\n" << serviceChart(c, drawn);
    if (!notDrawn.empty()) {
        out << "<p class=\"note\">Under $0.01 a month in every deployment, not drawn: ";
        for (std::size_t i = 0; i < notDrawn.size(); ++i)
            out << (i ? ", " : "") << escapeHtml(notDrawn[i]);
        out << ".</p>\n";
    }
    out << "</section>\n" << serviceTableHtml(c, all);
    return out.str();
}

// Each deployment's services beside their closed-form models, or why none applies.
std::string theoryHtml(const Comparison& c) {
    std::ostringstream out;
    for (const DeploymentResult& r : c.deployments) {
        if (r.theory.services.empty()) continue;
        if (c.deployments.size() > 1) out << "<h3>" << escapeHtml(r.name) << "</h3>\n";
        out << r.theory.toHtml();
    }
    if (out.str().empty()) return {};
    return "<section>\n<h2>Simulation vs theory</h2>\n<p class=\"note\">Steady-state models "
           "beside the simulated figures, with the relative difference; an approximation is "
           "marked, and where no model applies the table says why.</p>\n" +
           out.str() + "</section>\n";
}

std::string costLinesHtml(const DeploymentResult& r) {
    std::ostringstream out;
    out << "<details class=\"cost-lines\"><summary>" << escapeHtml(r.name) << ": "
        << formatUsd(r.cost.monthlyUsd) << " a month, " << r.cost.lines.size()
        << " cost lines</summary>\n<table>\n<thead><tr><th>service</th><th class=\"text\">used "
           "by, price</th><th class=\"text\">formula</th><th>amount</th></tr></thead>\n<tbody>\n";
    bool weak = false;
    for (const CostLine& line : r.cost.lines) {
        weak = weak || line.weakPrice;
        out << "<tr><td>" << escapeHtml(line.service) << "</td><td class=\"text\">"
            << escapeHtml(line.consumer) << "<span class=\"price-id\">" << escapeHtml(line.priceId)
            << "</span></td><td class=\"formula\">" << escapeHtml(line.quote.formula) << "</td><td>"
            << formatUsd(line.quote.amountUsd) << (line.weakPrice ? " *" : "") << "</td></tr>\n";
    }
    out << "<tr class=\"total\"><td colspan=\"3\">total</td><td>" << formatUsd(r.cost.monthlyUsd)
        << "</td></tr>\n</tbody>\n</table>\n";
    if (weak) out << "<p class=\"note\">* the price book marks this price as unconfirmed.</p>\n";
    if (!r.usage.unpriced.empty()) {
        out << "<p class=\"note\">Not priced:</p>\n<ul class=\"unpriced\">\n";
        for (const std::string& note : r.usage.unpriced)
            out << "<li>" << escapeHtml(note) << "</li>\n";
        out << "</ul>\n";
    }
    out << "</details>\n";
    return out.str();
}

std::string sweepTableHtml(const Comparison& c) {
    std::ostringstream out;
    out << "<details><summary>The sweep's figures</summary>\n<table>\n<thead><tr><th>"
        << (c.sweepRecords ? "records" : "executions") << " a day</th>";
    for (const DeploymentResult& r : c.deployments)
        out << "<th>" << escapeHtml(r.name) << "</th>";
    out << "</tr></thead>\n<tbody>\n";
    for (const SweepPoint& p : c.sweep) {
        out << "<tr><td>" << rateText(p.perDay) << "</td>";
        for (std::size_t d = 0; d < p.monthlyUsd.size(); ++d) {
            out << "<td>" << formatUsd(p.monthlyUsd[d]);
            if (p.failureRate[d] > 0.0005)
                out << " <span class=\"fail\">(" << percent(p.failureRate[d]) << " failed)</span>";
            out << "</td>";
        }
        out << "</tr>\n";
    }
    out << "</tbody>\n</table>\n</details>\n";
    return out.str();
}

std::string sweepHtml(const Comparison& c) {
    std::ostringstream out;
    const bool adaptive = c.sweepPlacement == SweepPlacement::Adaptive;
    out << "<section>\n<h2>Break-even</h2>\n<p class=\"note\">Each deployment priced at "
        << c.sweep.size() << " rates with Poisson arrivals, "
        << (adaptive ? "placed adaptively (placement: adaptive): each deployment first simulated "
                       "briefly at both ends, its cost modelled in between, and the rates put "
                       "where those curves bend and either side of the crossings they predict"
                     : "evenly on a log scale (placement: even)")
        << ". Hollow points: the deployment fails "
        << "more than 1 % of its executions there (queues, throttles, timeouts); no crossing is "
           "counted on a segment that touches one.</p>\n"
        << sweepChart(c);
    const std::vector<double> failing = firstFailingRates(c.sweep);
    out << "<ol class=\"crossings\">\n";
    for (const Crossing& k : c.crossings)
        out << "<li>" << escapeHtml(c.crossingWithPrediction(k)) << ".</li>\n";
    out << "</ol>\n";
    for (const std::string& text : c.unmatchedPredictions())
        out << "<p class=\"note\">The placement's model also predicted: " << escapeHtml(text)
            << "; the simulated sweep does not find it.</p>\n";
    if (c.crossings.empty()) out << "<p>No deployment overtakes another where both keep up.</p>\n";
    out << "</section>\n";
    for (std::size_t d = 0; d < failing.size() && d < c.deployments.size(); ++d)
        if (failing[d] > 0)
            out << "<p class=\"note\">" << escapeHtml(c.deployments[d].name)
                << " fails more than 1 % of its executions from " << rateText(failing[d])
                << " a day on.</p>\n";
    out << sweepTableHtml(c);
    return out.str();
}

} // namespace

std::string escapeHtml(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (const char ch : text) {
        switch (ch) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += ch;
        }
    }
    return out;
}

std::string theorySectionHtml(const Comparison& comparison) {
    return theoryHtml(comparison);
}

std::string htmlReport(const Comparison& c, const ReportInfo& info) {
    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
        << escapeHtml("Flowcast comparison: " + c.scenario) << "</title>\n<style>" << kCss
        << "</style>\n</head>\n<body>\n"
        << headerHtml(c, info) << sideBySideHtml(c) << servicesHtml(c) << theoryHtml(c)
        << "<h2>Cost lines</h2>\n";
    for (const DeploymentResult& r : c.deployments)
        out << costLinesHtml(r);
    if (!c.sweep.empty()) out << sweepHtml(c);
    out << "<footer>Costs are per month of 730 hours, scaled from the simulated time, with the "
           "prices of the "
        << escapeHtml(c.priceBookRegion) << " price book as of " << escapeHtml(c.priceBookAsOf)
        << ". Generated by Flowcast " << escapeHtml(info.version) << " on "
        << escapeHtml(info.generatedOn) << ".</footer>\n<script>" << kPrintScript
        << "</script>\n</body>\n</html>\n";
    return out.str();
}

} // namespace flowcast::cost
