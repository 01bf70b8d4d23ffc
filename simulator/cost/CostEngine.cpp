#include "simulator/cost/CostEngine.h"

#include <map>
#include <string>

namespace flowcast::cost {

CostReport priceUsage(const std::vector<UsageLine>& usage, const model::PriceBook& book,
                      const CostBasis& basis) {
    CostReport report;
    report.region = book.region();
    report.currency = book.currency();
    report.priceBookAsOf = book.asOf();
    report.monthlyExecutions = basis.monthlyExecutions;
    report.monthlyRecords = basis.monthlyRecords;
    // AWS free tiers are per account and month: whatever one line uses, the next cannot.
    std::map<std::string, double, std::less<>> freeLeft; // by pool, or by price id without one
    // Volume tiers too: a second function's GB-seconds continue where the first one's ended.
    std::map<std::string, double, std::less<>> billedSoFar; // by price id
    for (const UsageLine& line : usage) {
        const model::PriceItem& item = book.at(line.priceId);
        const std::string pool = item.freePool.empty() ? item.id : item.freePool;
        const auto [left, inserted] = freeLeft.try_emplace(pool, item.freeQuantity);
        model::QuoteOptions options;
        options.quantityFormula = line.quantityFormula;
        options.freeAvailable = left->second;
        double& billed = billedSoFar[item.id];
        options.tierOffset = billed;
        CostLine cost{item.id,
                      item.service,
                      line.consumer,
                      item.unit,
                      book.quote(item.id, line.monthlyQuantity, options),
                      item.weak};
        left->second -= cost.quote.freeQuantity;
        billed += cost.quote.billedQuantity;
        report.monthlyUsd += cost.quote.amountUsd;
        report.lines.push_back(std::move(cost));
    }
    return report;
}

} // namespace flowcast::cost
