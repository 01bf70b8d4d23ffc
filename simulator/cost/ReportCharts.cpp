#include "simulator/cost/ReportCharts.h"

#include "model/pricing/PriceFormat.h"
#include "simulator/cost/HtmlReport.h"
#include "simulator/cost/ReportFormat.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <sstream>

namespace flowcast::cost::report {

using model::formatQuantity;
using model::formatUsd;

namespace {

// Okabe & Ito's colour-blind-safe set, two of Paul Tol's muted colours, and grey last.
const char* const kServiceColours[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9",
                                       "#D55E00", "#F0E442", "#882255", "#44AA99", "#999999"};
// Lines leave out yellow (faint on white) and change their dash too, so a grey print tells
// them apart.
const char* const kLineColours[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                    "#E69F00", "#56B4E9", "#000000", "#882255"};
const char* const kDashes[] = {"", "9 4", "2 3", "9 3 2 3"};
// The rest share one "other services" segment, in the last colour (grey).
constexpr std::size_t kMaxServices = std::size(kServiceColours);
constexpr double kFailing = 0.01; // as cost::crossings: above this, a point cannot keep up
const char* const kSvgFont = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

void svgText(std::ostream& out, double x, double y, const std::string& text,
             const char* anchor = "start", const std::string& attributes = "") {
    out << "<text x=\"" << fixed(x) << "\" y=\"" << fixed(y) << "\" text-anchor=\"" << anchor
        << "\"" << attributes << ">" << escapeHtml(text) << "</text>\n";
}

// A halo of the background colour behind a label, so it stays legible across lines.
const std::string kHalo = " stroke=\"#fff\" stroke-width=\"4\" paint-order=\"stroke\"";

void svgOpen(std::ostream& out, double width, double height, const char* cls,
             const std::string& title) {
    out << "<svg class=\"" << cls << "\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width
        << "\" height=\"" << fixed(height, 0) << "\" viewBox=\"0 0 " << width << " "
        << fixed(height, 0) << "\" role=\"img\" font-family=\"" << kSvgFont << "\" font-size=\""
        << kFontPx << "\" fill=\"#222\">\n<title>" << escapeHtml(title)
        << "</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n";
}

// One axis of a chart: a domain (its log10 on a log axis) mapped onto a pixel range.
struct Axis {
    double lo = 0, hi = 1;
    double step = 0.2; // between labelled ticks of a linear axis
    bool log = false;
    double from = 0, to = 1;

    double max() const { return log ? std::pow(10.0, hi) : hi; }
    double at(double value) const {
        const double d = log ? std::log10(std::max(value, std::pow(10.0, lo))) : value;
        return from + (d - lo) / (hi - lo) * (to - from);
    }
};

// 1, 2 or 5 × 10^k: about a fifth of `span`.
double niceStep(double span) {
    const double raw = span / 5;
    const double decade = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 5.0})
        if (m * decade >= raw * (1 - 1e-9)) return m * decade;
    return 10 * decade;
}

Axis linearAxis(double maxValue, double from, double to) {
    Axis a{.from = from, .to = to};
    if (maxValue <= 0) return a;
    a.step = niceStep(maxValue);
    a.hi = std::ceil(maxValue / a.step - 1e-9) * a.step;
    return a;
}

// [minPositive, maxValue] on a log scale, widened to whole decades when `wholeDecades`.
Axis logAxis(double minPositive, double maxValue, double from, double to, bool wholeDecades) {
    Axis a{.log = true, .from = from, .to = to};
    a.lo = std::log10(minPositive);
    a.hi = std::log10(maxValue);
    if (wholeDecades) {
        a.lo = std::floor(a.lo + 1e-9);
        a.hi = std::ceil(a.hi - 1e-9);
    }
    if (a.hi <= a.lo) a.hi = a.lo + 1;
    return a;
}

// Labelled ticks: every decade of a log axis (with 2 and 5 when it spans two decades or less).
std::vector<double> ticks(const Axis& a) {
    std::vector<double> out;
    if (!a.log) {
        for (int i = 0; i * a.step <= a.hi - a.lo + a.step * 1e-6; ++i)
            out.push_back(a.lo + i * a.step);
        return out;
    }
    const bool fine = a.hi - a.lo <= 2;
    for (int k = static_cast<int>(std::floor(a.lo)); k <= static_cast<int>(std::ceil(a.hi)); ++k)
        for (const double m : {1.0, 2.0, 5.0}) {
            const double at = k + std::log10(m);
            if ((m == 1 || fine) && at >= a.lo - 1e-9 && at <= a.hi + 1e-9)
                out.push_back(m * std::pow(10.0, k));
        }
    return out;
}

// The left margin that fits the cost axis's labels and its title.
double leftMargin(const Axis& y) {
    double widest = 0;
    for (const double v : ticks(y))
        widest = std::max(widest, textWidthPx(usdTick(v, y.max())));
    return std::max(72.0, 30 + widest + 8);
}

void yAxisSvg(std::ostream& out, const Axis& y, double left, double right,
              const std::string& title) {
    for (const double v : ticks(y)) {
        const std::string py = fixed(y.at(v));
        out << "<line x1=\"" << left << "\" y1=\"" << py << "\" x2=\"" << right << "\" y2=\"" << py
            << "\" stroke=\"#ddd\"/>\n";
        svgText(out, left - 6, y.at(v) + 4, usdTick(v, y.max()), "end");
    }
    out << "<line x1=\"" << left << "\" y1=\"" << fixed(y.from) << "\" x2=\"" << left << "\" y2=\""
        << fixed(y.to) << "\" stroke=\"#444\"/>\n";
    out << "<text transform=\"translate(16 " << fixed((y.from + y.to) / 2)
        << ") rotate(-90)\" text-anchor=\"middle\" font-weight=\"600\">" << escapeHtml(title)
        << "</text>\n";
}

void xAxisSvg(std::ostream& out, const Axis& x, double top, double bottom,
              const std::string& title) {
    for (const double v : ticks(x)) {
        const std::string px = fixed(x.at(v));
        out << "<line x1=\"" << px << "\" y1=\"" << top << "\" x2=\"" << px << "\" y2=\"" << bottom
            << "\" stroke=\"#ddd\"/>\n";
        svgText(out, x.at(v), bottom + 17, formatQuantity(v), "middle");
    }
    out << "<line x1=\"" << fixed(x.from) << "\" y1=\"" << bottom << "\" x2=\"" << fixed(x.to)
        << "\" y2=\"" << bottom << "\" stroke=\"#444\"/>\n";
    svgText(out, (x.from + x.to) / 2, bottom + 38, title, "middle", " font-weight=\"600\"");
}

} // namespace

// ---- monthly cost by service ----

ServiceTotals byService(const Comparison& c) {
    std::map<std::string, std::vector<double>> usd;
    for (std::size_t d = 0; d < c.deployments.size(); ++d)
        for (const CostLine& line : c.deployments[d].cost.lines) {
            auto& row = usd[line.service.empty() ? line.priceId : line.service];
            row.resize(c.deployments.size());
            row[d] += line.quote.amountUsd;
        }
    std::vector<std::pair<std::string, std::vector<double>>> rows(usd.begin(), usd.end());
    const auto sum = [](const std::vector<double>& v) {
        return std::accumulate(v.begin(), v.end(), 0.0);
    };
    std::stable_sort(rows.begin(), rows.end(),
                     [&](const auto& a, const auto& b) { return sum(a.second) > sum(b.second); });
    ServiceTotals t;
    for (auto& [service, amounts] : rows) {
        t.services.push_back(service);
        t.usd.push_back(std::move(amounts));
    }
    return t;
}

ServiceTotals drawnServices(const ServiceTotals& all, std::vector<std::string>& notDrawn) {
    ServiceTotals drawn;
    for (std::size_t s = 0; s < all.services.size(); ++s) {
        if (*std::max_element(all.usd[s].begin(), all.usd[s].end()) < 0.005) {
            notDrawn.push_back(all.services[s]);
        } else if (drawn.services.size() < kMaxServices) {
            drawn.services.push_back(all.services[s]);
            drawn.usd.push_back(all.usd[s]);
        } else {
            drawn.services.back() = "other services";
            for (std::size_t d = 0; d < all.usd[s].size(); ++d)
                drawn.usd.back()[d] += all.usd[s][d];
        }
    }
    return drawn;
}

namespace {

void serviceLegendSvg(std::ostream& out, const ServiceTotals& drawn, double x, double top) {
    // Listed top to bottom as the segments are stacked: the largest at the bottom.
    for (std::size_t i = 0; i < drawn.services.size(); ++i) {
        const std::size_t s = drawn.services.size() - 1 - i;
        const double y = top + static_cast<double>(i) * 20;
        out << "<rect x=\"" << x << "\" y=\"" << fixed(y) << "\" width=\"12\" height=\"12\" fill=\""
            << kServiceColours[s] << "\"/>\n";
        svgText(out, x + 18, y + 10.5, truncated(drawn.services[s], 26));
    }
}

// One deployment's bar: a segment per service, the largest service at the bottom.
void barSvg(std::ostream& out, const DeploymentResult& r, std::size_t d, const ServiceTotals& drawn,
            const Axis& y, double cx, double barWidth) {
    double stacked = 0;
    for (std::size_t s = 0; s < drawn.services.size(); ++s) {
        const double usd = drawn.usd[s][d];
        if (usd <= 0) continue;
        const double y1 = y.at(stacked + usd), y0 = y.at(stacked);
        stacked += usd;
        out << "<rect class=\"seg\" x=\"" << fixed(cx - barWidth / 2, 2) << "\" y=\""
            << fixed(y1, 2) << "\" width=\"" << fixed(barWidth, 2) << "\" height=\""
            << fixed(y0 - y1, 2) << "\" fill=\"" << kServiceColours[s]
            << "\" stroke=\"#fff\" stroke-width=\"0.5\"><title>"
            << escapeHtml(r.name + ", " + drawn.services[s] + ": " + formatUsd(usd))
            << "</title></rect>\n";
    }
}

// Names under the bars: wrapped on words when every word fits its slot, else one slanted line
// each. Returns the height they take.
double barNamesSvg(std::ostream* out, const Comparison& c, double left, double slot, double top) {
    bool fits = true;
    for (const DeploymentResult& r : c.deployments)
        for (const std::string& line : wrapWords(r.name, slot - 6, 3))
            fits = fits && textWidthPx(line) <= slot - 6;
    double height = 0;
    for (std::size_t d = 0; d < c.deployments.size(); ++d) {
        const double cx = left + (static_cast<double>(d) + 0.5) * slot;
        if (fits) {
            const auto lines = wrapWords(c.deployments[d].name, slot - 6, 3);
            for (std::size_t i = 0; i < lines.size(); ++i)
                if (out)
                    svgText(*out, cx, top + 16 + static_cast<double>(i) * 14, lines[i], "middle");
            height = std::max(height, 8 + static_cast<double>(lines.size()) * 14);
            continue;
        }
        // Slanted down to the right, where the legend leaves room.
        const std::string name = truncated(c.deployments[d].name, 32);
        if (out)
            *out << "<text transform=\"translate(" << fixed(cx - 4) << " " << fixed(top + 14)
                 << ") rotate(35)\">" << escapeHtml(name) << "</text>\n";
        height = std::max(height, 22 + textWidthPx(name) * 0.574); // sin 35°
    }
    return height;
}

} // namespace

std::string serviceChart(const Comparison& c, const ServiceTotals& drawn) {
    constexpr double width = 760, right = 540, top = 24, bottom = 300;
    double maxUsd = 0;
    for (const DeploymentResult& r : c.deployments)
        maxUsd = std::max(maxUsd, r.cost.monthlyUsd);
    const Axis y = linearAxis(maxUsd, bottom, top);
    const double left = leftMargin(y);
    const double slot =
        (right - left) / static_cast<double>(std::max<std::size_t>(1, c.deployments.size()));
    const double barWidth = std::min(slot * 0.6, 90.0);
    std::ostringstream out;
    svgOpen(out, width, bottom + 8 + barNamesSvg(nullptr, c, left, slot, bottom), "service-chart",
            "Monthly cost per deployment by service");
    yAxisSvg(out, y, left, right, "USD a month");
    for (std::size_t d = 0; d < c.deployments.size(); ++d) {
        const DeploymentResult& r = c.deployments[d];
        const double cx = left + (static_cast<double>(d) + 0.5) * slot;
        barSvg(out, r, d, drawn, y, cx, barWidth);
        // The total above the bar; shorter when the full amount is wider than the slot.
        std::string total = formatUsd(r.cost.monthlyUsd);
        if (textWidthPx(total) > slot - 4) total = compactUsd(r.cost.monthlyUsd);
        svgText(out, cx, y.at(r.cost.monthlyUsd) - 6, total, "middle", " font-weight=\"600\"");
    }
    barNamesSvg(&out, c, left, slot, bottom);
    serviceLegendSvg(out, drawn, right + 24, top);
    out << "</svg>\n";
    return out.str();
}

// ---- the break-even sweep ----

namespace {

struct LegendEntry {
    std::string label;
    std::string sample; // SVG drawn with its left middle at (0, 0)
};

// Entries left to right, wrapping at `right`; returns the rows used.
int legendSvg(std::ostream* out, const std::vector<LegendEntry>& entries, double left, double right,
              double top) {
    double x = left;
    int row = 0;
    for (const LegendEntry& e : entries) {
        const double w = 36 + textWidthPx(e.label);
        if (x > left && x + w > right) {
            x = left;
            ++row;
        }
        const double y = top + row * 20;
        if (out) {
            *out << "<g transform=\"translate(" << fixed(x) << " " << fixed(y) << ")\">" << e.sample
                 << "</g>\n";
            svgText(*out, x + 34, y + 4, e.label);
        }
        x += w + 18;
    }
    return row + 1;
}

std::vector<LegendEntry> sweepLegend(const Comparison& c, bool anyFailing) {
    std::vector<LegendEntry> entries;
    for (std::size_t d = 0; d < c.deployments.size(); ++d) {
        const std::string colour = kLineColours[d % std::size(kLineColours)];
        entries.push_back(
            {truncated(c.deployments[d].name, 60),
             "<line x1=\"0\" y1=\"0\" x2=\"28\" y2=\"0\" stroke-width=\"2.5\" stroke=\"" + colour +
                 "\" stroke-dasharray=\"" + kDashes[d % std::size(kDashes)] + "\"/>" +
                 "<circle cx=\"14\" cy=\"0\" r=\"3.5\" fill=\"" + colour + "\"/>"});
    }
    if (anyFailing)
        entries.push_back({"fails more than 1 % of its executions",
                           "<circle cx=\"14\" cy=\"0\" r=\"4\" fill=\"#fff\" stroke=\"#444\" "
                           "stroke-width=\"1.8\"/>"});
    if (!c.crossings.empty())
        entries.push_back({"crossing", "<circle cx=\"14\" cy=\"0\" r=\"6\" fill=\"none\" "
                                       "stroke=\"#000\" stroke-width=\"2\"/>"});
    return entries;
}

// Deployment `d`'s cost at `perDay`, interpolated linearly in log(rate) between sweep points as
// cost::crossings does: drawn this way, the lines meet exactly where the crossings say.
double costAt(const Comparison& c, std::size_t d, double perDay) {
    for (std::size_t i = 0; i + 1 < c.sweep.size(); ++i) {
        const SweepPoint &a = c.sweep[i], &b = c.sweep[i + 1];
        if (perDay < a.perDay || perDay > b.perDay) continue;
        const double t = std::log(perDay / a.perDay) / std::log(b.perDay / a.perDay);
        return a.monthlyUsd[d] + t * (b.monthlyUsd[d] - a.monthlyUsd[d]);
    }
    return c.sweep.back().monthlyUsd[d];
}

void seriesSvg(std::ostream& out, const Comparison& c, std::size_t d, const Axis& x,
               const Axis& y) {
    const std::string colour = kLineColours[d % std::size(kLineColours)];
    out << "<polyline class=\"series\" fill=\"none\" stroke=\"" << colour
        << "\" stroke-width=\"2.5\" stroke-dasharray=\"" << kDashes[d % std::size(kDashes)]
        << "\" stroke-linejoin=\"round\" points=\"";
    // On a log cost axis a segment is a curve: drawn in steps.
    const int steps = y.log ? 16 : 1;
    for (std::size_t i = 0; i < c.sweep.size(); ++i)
        for (int k = 0; k < (i + 1 < c.sweep.size() ? steps : 1); ++k) {
            const double rate =
                i + 1 < c.sweep.size()
                    ? c.sweep[i].perDay * std::pow(c.sweep[i + 1].perDay / c.sweep[i].perDay,
                                                   static_cast<double>(k) / steps)
                    : c.sweep[i].perDay;
            out << fixed(x.at(rate)) << "," << fixed(y.at(costAt(c, d, rate))) << " ";
        }
    out << "\"/>\n";
    for (const SweepPoint& p : c.sweep) {
        const bool failing = p.failureRate[d] > kFailing;
        out << "<circle class=\"" << (failing ? "point failing" : "point") << "\" cx=\""
            << fixed(x.at(p.perDay)) << "\" cy=\"" << fixed(y.at(p.monthlyUsd[d])) << "\" r=\""
            << (failing ? "4" : "3.5") << "\" fill=\"" << (failing ? "#fff" : colour)
            << "\" stroke=\"" << colour << "\" stroke-width=\"1.8\"><title>"
            << escapeHtml(c.deployments[d].name + " at " + rateText(p.perDay) + " a day: " +
                          formatUsd(p.monthlyUsd[d]) + ", " + percent(p.failureRate[d]) + " failed")
            << "</title></circle>\n";
    }
}

// A ring where the lines cross, a dashed guide up to a numbered label at the top; labels that
// would overlap move down a row.
void crossingsSvg(std::ostream& out, const Comparison& c, const Axis& x, const Axis& y,
                  double top) {
    std::vector<double> rowEnds;
    for (std::size_t i = 0; i < c.crossings.size(); ++i) {
        const Crossing& k = c.crossings[i];
        const double px = x.at(k.perDay);
        const double py = y.at(costAt(c, k.cheaperBelow, k.perDay));
        const std::string label = std::to_string(i + 1) + ": ≈ " + rateText(k.perDay) + " a day";
        const double w = textWidthPx(label);
        const double lx = std::clamp(px, x.from + w / 2, x.to - w / 2);
        std::size_t row = 0;
        while (row < rowEnds.size() && rowEnds[row] > lx - w / 2 - 6)
            ++row;
        if (row == rowEnds.size()) rowEnds.push_back(0);
        rowEnds[row] = lx + w / 2;
        const double ly = top + 14 + static_cast<double>(row) * 16;
        out << "<g class=\"crossing\"><line x1=\"" << fixed(px) << "\" y1=\"" << fixed(ly + 4)
            << "\" x2=\"" << fixed(px) << "\" y2=\"" << fixed(py - 6)
            << "\" stroke=\"#000\" stroke-dasharray=\"3 3\"/>";
        out << "<circle cx=\"" << fixed(px) << "\" cy=\"" << fixed(py)
            << "\" r=\"6\" fill=\"none\" stroke=\"#000\" stroke-width=\"2\"><title>"
            << escapeHtml(c.crossingText(k)) << "</title></circle>\n";
        svgText(out, lx, ly, label, "middle", " font-weight=\"600\"" + kHalo);
        out << "</g>\n";
    }
}

struct SweepRange {
    double minRate = std::numeric_limits<double>::max(), maxRate = 0;
    double minPositiveUsd = std::numeric_limits<double>::max(), maxUsd = 0;
    bool anyFailing = false;
};

SweepRange rangeOf(const std::vector<SweepPoint>& sweep) {
    SweepRange r;
    for (const SweepPoint& p : sweep) {
        r.minRate = std::min(r.minRate, p.perDay);
        r.maxRate = std::max(r.maxRate, p.perDay);
        for (const double failure : p.failureRate)
            r.anyFailing = r.anyFailing || failure > kFailing;
        for (const double usd : p.monthlyUsd) {
            if (usd > 0) r.minPositiveUsd = std::min(r.minPositiveUsd, usd);
            r.maxUsd = std::max(r.maxUsd, usd);
        }
    }
    return r;
}

} // namespace

std::string sweepChart(const Comparison& c) {
    constexpr double width = 760, right = 736, top = 20, bottom = 330;
    const SweepRange range = rangeOf(c.sweep);
    // A log cost axis when the costs span more than two decades.
    const bool yLog = range.maxUsd > 0 && range.maxUsd / range.minPositiveUsd > 100;
    const Axis y = yLog ? logAxis(range.minPositiveUsd, range.maxUsd, bottom, top, true)
                        : linearAxis(range.maxUsd, bottom, top);
    const double left = leftMargin(y);
    const Axis x = logAxis(range.minRate, range.maxRate, left, right, false);
    const auto legend = sweepLegend(c, range.anyFailing);
    const int legendRows = legendSvg(nullptr, legend, left, right, 0);
    const std::string rate = c.sweepRecords ? "records" : "executions";
    std::ostringstream out;
    svgOpen(out, width, bottom + 62 + legendRows * 20, "sweep-chart",
            "Monthly cost per deployment against " + rate + " a day");
    yAxisSvg(out, y, left, right, yLog ? "USD a month (log scale)" : "USD a month");
    xAxisSvg(out, x, top, bottom, rate + " a day (log scale)");
    for (std::size_t d = 0; d < c.deployments.size(); ++d)
        seriesSvg(out, c, d, x, y);
    crossingsSvg(out, c, x, y, top);
    legendSvg(&out, legend, left, right, bottom + 62);
    out << "</svg>\n";
    return out.str();
}

} // namespace flowcast::cost::report
