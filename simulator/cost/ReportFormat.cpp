#include "simulator/cost/ReportFormat.h"

#include "model/pricing/PriceFormat.h"

#include <cmath>
#include <iomanip>
#include <sstream>

namespace flowcast::cost::report {

using model::formatQuantity;
using model::formatUsd;

std::string fixed(double value, int decimals) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(decimals) << value;
    return s.str();
}

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
double textWidthPx(const std::string& text, double fontPx) {
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

} // namespace flowcast::cost::report
