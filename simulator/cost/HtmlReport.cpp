#include "simulator/cost/HtmlReport.h"

#include "model/pricing/PriceFormat.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <iomanip>
#include <limits>
#include <map>
#include <numeric>
#include <sstream>

namespace flowcast::cost {

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
constexpr double kFontPx = 12;
const char* const kSvgFont = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

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

std::string fixed(double value, int decimals = 1) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(decimals) << value;
    return s.str();
}

// Same wording as Comparison::toText.
std::string percent(double share) {
    return fixed(share * 100, share < 0.1 ? 1 : 0) + " %";
}

std::string secondsText(double seconds) {
    if (seconds >= 3600) return fixed(seconds / 3600, 2) + " h";
    if (seconds >= 60) return fixed(seconds / 60, 1) + " min";
    std::ostringstream s;
    s << std::setprecision(3) << seconds << " s";
    return s.str();
}

// An axis label: "$1,500", "$0.05"; in thousands ("$15k", "$2M") when the axis reaches $10,000,
// so the labels stay narrow.
std::string usdTick(double usd, double axisMaxUsd) {
    if (usd >= 1e6 && axisMaxUsd >= 1e4) return "$" + formatQuantity(usd / 1e6) + "M";
    if (usd >= 1e3 && axisMaxUsd >= 1e4) return "$" + formatQuantity(usd / 1e3) + "k";
    return usd >= 1 ? "$" + formatQuantity(usd) : usd <= 0 ? "$0" : model::formatUnitPrice(usd);
}

// Three significant digits: "$100k", "$1.43M"; plain below a thousand dollars.
std::string compactUsd(double usd) {
    const auto significant = [](double v) {
        std::ostringstream s;
        s << std::setprecision(3) << v;
        return s.str();
    };
    if (usd >= 1e6) return "$" + significant(usd / 1e6) + "M";
    if (usd >= 1e3) return "$" + significant(usd / 1e3) + "k";
    return formatUsd(usd);
}

std::string rateText(double perDay) {
    return formatQuantity(perDay >= 100 ? std::round(perDay) : std::round(perDay * 100) / 100);
}

// An estimate of the width of a text in a sans-serif font: SVG cannot measure, and a slightly
// wide guess only costs some space.
double textWidthPx(const std::string& text, double fontPx = kFontPx) {
    std::size_t chars = 0;
    for (const unsigned char c : text)
        chars += (c & 0xC0) != 0x80; // count UTF-8 code points, not bytes
    return static_cast<double>(chars) * fontPx * 0.6;
}

std::vector<std::string> wrapWords(const std::string& text, double widthPx, std::size_t maxLines) {
    std::vector<std::string> lines;
    std::istringstream words(text);
    std::string word;
    while (words >> word) {
        if (!lines.empty() && textWidthPx(lines.back() + " " + word) <= widthPx)
            lines.back() += " " + word;
        else
            lines.push_back(word);
    }
    if (lines.size() > maxLines) {
        lines.resize(maxLines);
        lines.back() += "…";
    }
    return lines;
}

// At most `maxChars` code points, "…" ending a cut text.
std::string truncated(const std::string& text, std::size_t maxChars) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++chars > maxChars)
            return text.substr(0, i) + "…";
    return text;
}

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

// ---- monthly cost by service ----

struct ServiceTotals {
    std::vector<std::string> services;    ///< largest total first
    std::vector<std::vector<double>> usd; ///< [service][deployment]
};

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

// What the chart draws: services of at least a cent somewhere, the smallest merged when there
// are more than the colours can tell apart.
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

// ---- HTML sections ----

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
    out << "<section>\n<h2>Break-even</h2>\n<p class=\"note\">Each deployment priced at "
        << c.sweep.size() << " rates with Poisson arrivals. Hollow points: the deployment fails "
        << "more than 1 % of its executions there (queues, throttles, timeouts); no crossing is "
           "counted on a segment that touches one.</p>\n"
        << sweepChart(c);
    const std::vector<double> failing = firstFailingRates(c.sweep);
    out << "<ol class=\"crossings\">\n";
    for (const Crossing& k : c.crossings)
        out << "<li>" << escapeHtml(c.crossingText(k)) << ".</li>\n";
    out << "</ol>\n";
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

std::string htmlReport(const Comparison& c, const ReportInfo& info) {
    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
        << escapeHtml("Flowcast comparison: " + c.scenario) << "</title>\n<style>" << kCss
        << "</style>\n</head>\n<body>\n"
        << headerHtml(c, info) << sideBySideHtml(c) << servicesHtml(c) << "<h2>Cost lines</h2>\n";
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
