// TheoryCheck's forms: JSON for the comparison document, a text table for the terminal and an
// HTML table for the report. Figures keep four significant digits in text: enough to see a
// difference of a tenth of a percent, and no more than the simulation's noise supports.
#include "simulator/cost/HtmlReport.h"
#include "simulator/cost/ReportFormat.h"
#include "simulator/cost/TheoryCheck.h"

#include <cmath>
#include <iomanip>
#include <sstream>

namespace flowcast::cost {

namespace {

using model::Json;

std::string significant(double value) {
    std::ostringstream s;
    s << std::setprecision(4) << value;
    return s.str();
}

std::string differenceText(const TheoryFigure& f) {
    const auto d = f.relativeDifference();
    if (!d) return "-";
    // Past ±999 % the figure says only that the model is far off (a theory of 1e-40, say).
    if (std::abs(*d) > 9.99) return *d > 0 ? ">+999 %" : "<-999 %";
    return (*d >= 0 ? "+" : "") + report::fixed(*d * 100, std::abs(*d) < 0.1 ? 1 : 0) + " %";
}

std::string headline(const ServiceTheory& t) {
    if (!t.applies()) return t.reason;
    return t.model + (t.exact ? "" : ", approximate");
}

// `text` cut into lines of at most `width` characters on spaces, each starting with `indent`.
std::string wrapped(const std::string& text, std::size_t width, const std::string& indent) {
    std::string out, line;
    std::istringstream words(text);
    for (std::string word; words >> word;) {
        // A unit stays with its number ("5 %").
        const bool unit = word == "%" || word == "s" || word == "s;" || word == "s,";
        if (!line.empty() && !unit && line.size() + 1 + word.size() > width) {
            out += indent + line + "\n";
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
    }
    if (!line.empty()) out += indent + line + "\n";
    return out;
}

} // namespace

std::optional<double> TheoryFigure::relativeDifference() const {
    if (theory == 0) return std::nullopt;
    return (simulated - theory) / theory;
}

Json TheoryCheck::toJson() const {
    Json list = Json::array();
    for (const ServiceTheory& t : services) {
        Json figures = Json::array();
        for (const TheoryFigure& f : t.figures) {
            const auto d = f.relativeDifference();
            figures.push_back({{"quantity", f.quantity},
                               {"simulated", f.simulated},
                               {"theory", f.theory},
                               {"relativeDifference", d ? Json(*d) : Json()}});
        }
        list.push_back({{"service", t.service},
                        {"kind", t.kind},
                        {"model", t.applies() ? Json(t.model) : Json()},
                        {"exact", t.exact},
                        {"basis", t.basis},
                        {"reason", t.reason},
                        {"arrivalsPerSecond", t.arrivalsPerSecond},
                        {"meanServiceSeconds", t.meanServiceSeconds},
                        {"servers", t.servers ? Json(*t.servers) : Json()},
                        {"figures", std::move(figures)}});
    }
    return list;
}

std::string TheoryCheck::toText() const {
    if (services.empty()) return {};
    std::ostringstream s;
    for (const ServiceTheory& t : services) {
        s << "  " << t.service << " (" << t.kind << "): " << headline(t) << "\n";
        if (!t.applies()) continue;
        s << wrapped(t.basis, 92, "    ");
        s << "    " << std::left << std::setw(24) << "quantity" << std::right << std::setw(14)
          << "simulated" << std::setw(14) << "theory" << std::setw(12) << "difference\n";
        for (const TheoryFigure& f : t.figures)
            s << "    " << std::left << std::setw(24) << f.quantity << std::right << std::setw(14)
              << significant(f.simulated) << std::setw(14) << significant(f.theory) << std::setw(11)
              << differenceText(f) << "\n";
    }
    return s.str();
}

std::string TheoryCheck::toHtml() const {
    if (services.empty()) return {};
    std::ostringstream out;
    out << "<table class=\"theory\">\n<thead><tr><th>service</th><th class=\"text\">model</th>"
           "<th class=\"text\">quantity</th><th>simulated</th><th>theory</th><th>difference</th>"
           "</tr></thead>\n<tbody>\n";
    for (const ServiceTheory& t : services) {
        const std::string name = "<td>" + escapeHtml(t.service) + "</td>";
        if (!t.applies() || t.figures.empty()) {
            out << "<tr>" << name << "<td class=\"text\" colspan=\"5\">" << escapeHtml(headline(t))
                << "</td></tr>\n";
            continue;
        }
        for (std::size_t i = 0; i < t.figures.size(); ++i) {
            const TheoryFigure& f = t.figures[i];
            out << "<tr>" << (i == 0 ? name : "<td></td>") << "<td class=\"text\">"
                << (i == 0 ? escapeHtml(headline(t)) : "") << "</td><td class=\"text\">"
                << escapeHtml(f.quantity) << "</td><td>" << significant(f.simulated) << "</td><td>"
                << significant(f.theory) << "</td><td>" << differenceText(f) << "</td></tr>\n";
        }
    }
    out << "</tbody>\n</table>\n<ul class=\"note\">\n";
    for (const ServiceTheory& t : services)
        if (t.applies())
            out << "<li>" << escapeHtml(t.service) << ": " << escapeHtml(t.basis) << ".</li>\n";
    out << "</ul>\n";
    return out.str();
}

} // namespace flowcast::cost
