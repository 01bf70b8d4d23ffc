#pragma once
// Prices a month of usage with a price book: each usage line through its price's free tier and
// tiers, a free tier shared by every line of the same price (and by prices of the same pool,
// e.g. Lambda x86 and arm64 GB-seconds), and volume tiers counted over every line of a price
// (AWS tiers the account's monthly total), in the order the lines come. Stateless.
#include "simulator/cost/CostReport.h"
#include "simulator/cost/UsageLine.h"

#include <optional>
#include <vector>

namespace flowcast::cost {

struct CostBasis {
    double monthlyExecutions = 0;         ///< for the cost per execution
    std::optional<double> monthlyRecords; ///< for the cost per million records
};

/// Throws model::PriceBookError when a line names a price the book does not have.
CostReport priceUsage(const std::vector<UsageLine>& usage, const model::PriceBook& book,
                      const CostBasis& basis = {});

} // namespace flowcast::cost
