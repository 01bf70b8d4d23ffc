#include "model/pricing/PriceFormat.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <system_error>

namespace flowcast::model {
namespace {

// Inserts "," every three digits of the integer part of a plain decimal text ("-1234.5").
std::string groupThousands(const std::string& plain) {
    const std::size_t begin = plain.starts_with('-') ? 1 : 0;
    const std::size_t point = plain.find('.');
    const std::size_t end = point == std::string::npos ? plain.size() : point;
    std::string out = plain.substr(0, begin);
    for (std::size_t i = begin; i < end; ++i) {
        if (i > begin && (end - i) % 3 == 0) out += ',';
        out += plain[i];
    }
    return out + plain.substr(end);
}

// The shortest fixed-point text that reads back as the same double.
std::string shortestFixed(double value) {
    char buffer[400];
    const auto [end, ec] =
        std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
    return ec == std::errc() ? std::string(buffer, end) : std::to_string(value);
}

} // namespace

std::string formatQuantity(double value) {
    const double rounded = std::round(value * 1e4) / 1e4;
    return groupThousands(shortestFixed(rounded == 0 ? 0.0 : rounded));
}

std::string formatUnitPrice(double usd) {
    std::string text = shortestFixed(usd);
    const std::size_t point = text.find('.');
    if (point == std::string::npos)
        text += ".00";
    else if (text.size() - point == 2)
        text += '0';
    return "$" + groupThousands(text);
}

std::int64_t centsOf(double usd) {
    // Half up on the decimal value: 0.125 dollars is stored a hair under 12.5 cents, and a bill
    // shows it as 13. A nudge of 1e-6 cents is far below any real amount's resolution.
    const double cents = usd * 100.0 + (usd >= 0 ? 1e-6 : -1e-6);
    if (!(std::abs(cents) < 9e18)) // beyond int64 (or NaN): saturate rather than overflow
        return usd < 0 ? std::numeric_limits<std::int64_t>::min() + 1
                       : std::numeric_limits<std::int64_t>::max();
    return std::llround(cents);
}

std::string formatUsd(double usd) {
    if (!(std::abs(usd) < 1e13)) { // too large for whole cents in int64: print the double
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%.2f", std::abs(usd));
        return (usd < 0 ? "-$" : "$") + groupThousands(buffer);
    }
    const std::int64_t cents = centsOf(usd);
    const std::int64_t whole = std::llabs(cents) / 100;
    const int rest = static_cast<int>(std::llabs(cents) % 100);
    std::string text = std::to_string(whole) + (rest < 10 ? ".0" : ".") + std::to_string(rest);
    return (cents < 0 ? "-$" : "$") + groupThousands(text);
}

std::string unitLabel(std::string_view unit, double quantity) {
    std::string label(unit);
    if (quantity == 1 || label.empty()) return label;
    const char last = label.back();
    if (last >= 'a' && last <= 'z' && last != 's') label += 's';
    return label;
}

} // namespace flowcast::model
