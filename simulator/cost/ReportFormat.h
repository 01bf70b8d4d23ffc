#pragma once
// Small text helpers shared by the HTML report's page and its charts, and by Comparison::toText
// and the recommendation, so the page and the text say a figure the same way.
#include <cstddef>
#include <string>
#include <vector>

namespace flowcast::cost::report {

/// The charts' font size; textWidthPx's estimates assume it.
constexpr double kFontPx = 12;

/// `value` with `decimals` digits after the point: "12.5".
std::string fixed(double value, int decimals = 1);
/// A share as a percentage: "4.2 %" below 10 %, "37 %" from there on.
std::string percent(double share);
/// A duration: "0.85 s", "12.5 min", "2.50 h".
std::string secondsText(double seconds);
/// An axis label in dollars for an axis reaching `axisMaxUsd`.
std::string usdTick(double usd, double axisMaxUsd);
/// Three significant digits: "$100k", "$1.43M"; plain below a thousand dollars.
std::string compactUsd(double usd);
/// A rate a day, rounded to whole units from 100 on, to cents below.
std::string rateText(double perDay);
/// An estimate of the width in pixels of `text` in a sans-serif font of `fontPx`.
double textWidthPx(const std::string& text, double fontPx = kFontPx);
/// `text` wrapped on words into lines of at most `widthPx`, at most `maxLines` of them.
std::vector<std::string> wrapWords(const std::string& text, double widthPx, std::size_t maxLines);
/// At most `maxChars` code points, "…" ending a cut text.
std::string truncated(const std::string& text, std::size_t maxChars);

} // namespace flowcast::cost::report
