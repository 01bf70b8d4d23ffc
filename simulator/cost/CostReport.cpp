#include "simulator/cost/CostReport.h"

#include "model/pricing/PriceFormat.h"

#include <algorithm>

namespace flowcast::cost {

using model::Json;

std::optional<double> CostReport::perExecutionUsd() const {
    if (monthlyExecutions <= 0) return std::nullopt;
    return monthlyUsd / monthlyExecutions;
}

std::optional<double> CostReport::perMillionRecordsUsd() const {
    if (!monthlyRecords || *monthlyRecords <= 0) return std::nullopt;
    return monthlyUsd / *monthlyRecords * 1e6;
}

double CostReport::serviceUsd(const std::string& service) const {
    double sum = 0;
    for (const CostLine& line : lines)
        if (line.service == service) sum += line.quote.amountUsd;
    return sum;
}

namespace {

Json optionalNumber(const std::optional<double>& value) {
    return value ? Json(*value) : Json();
}

} // namespace

Json CostReport::toJson() const {
    Json out = Json::object();
    out["region"] = region;
    out["currency"] = currency;
    out["priceBookAsOf"] = priceBookAsOf;
    out["monthlyUsd"] = monthlyUsd;
    out["monthlyExecutions"] = monthlyExecutions;
    out["perExecutionUsd"] = optionalNumber(perExecutionUsd());
    out["monthlyRecords"] = optionalNumber(monthlyRecords);
    out["perMillionRecordsUsd"] = optionalNumber(perMillionRecordsUsd());
    Json rows = Json::array();
    for (const CostLine& line : lines) {
        Json row = Json::object();
        row["priceId"] = line.priceId;
        row["service"] = line.service;
        row["consumer"] = line.consumer;
        row["unit"] = line.unit;
        row["quantity"] = line.quote.quantity;
        row["freeQuantity"] = line.quote.freeQuantity;
        row["billedQuantity"] = line.quote.billedQuantity;
        row["usd"] = line.quote.amountUsd;
        row["formula"] = line.quote.formula;
        row["weakPrice"] = line.weakPrice;
        rows.push_back(std::move(row));
    }
    out["lines"] = std::move(rows);
    return out;
}

std::string CostReport::toText() const {
    std::size_t width = 5; // "Total"
    for (const CostLine& line : lines)
        width = std::max(width, line.service.size() + line.consumer.size() + 3); // " / "
    const auto pad = [](std::string text, std::size_t to) {
        if (text.size() < to) text.append(to - text.size(), ' ');
        return text;
    };
    std::string out;
    for (const CostLine& line : lines) {
        out += pad(line.service + " / " + line.consumer, width + 2) + "  " +
               pad(model::formatUsd(line.quote.amountUsd), 14) + line.quote.formula +
               (line.weakPrice ? "  (price not confirmed)" : "") + "\n";
    }
    out += pad("Total per month", width + 2) + "  " + model::formatUsd(monthlyUsd) + "\n";
    if (auto each = perExecutionUsd())
        out += pad("Per execution", width + 2) + "  " + model::formatUnitPrice(*each) + "\n";
    return out;
}

} // namespace flowcast::cost
