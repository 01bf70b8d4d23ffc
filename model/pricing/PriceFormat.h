#pragma once
// How the price book writes numbers in its formulas, the way the AWS Pricing Calculator does:
// "1,100,000 GB-s × $0.0000166667 = $18.33". No locale: the text is the same on every machine.
#include <cstdint>
#include <string>
#include <string_view>

namespace flowcast::model {

/// 3000000 -> "3,000,000"; 416.666666 -> "416.6667" (at most 4 decimals, trailing zeros cut).
std::string formatQuantity(double value);
/// A unit price with every digit it has, and at least cents: 0.2 -> "$0.20",
/// 0.0000166667 -> "$0.0000166667", 0.025 -> "$0.025".
std::string formatUnitPrice(double usd);
/// An amount in whole cents, half up: 18.33337 -> "$18.33", 301661.86664 -> "$301,661.87".
std::string formatUsd(double usd);
/// The amount in cents, rounded half up (what a bill line shows).
std::int64_t centsOf(double usd);
/// The unit after a quantity: "request" -> "requests" unless the quantity is 1; units that end in
/// an upper-case letter or an "s" ("GB", "TB", "GB-s") stay as they are.
std::string unitLabel(std::string_view unit, double quantity);

} // namespace flowcast::model
