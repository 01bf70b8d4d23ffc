#pragma once
// What a deployment of a pipeline costs in a month, line by line: each line a price of the book,
// what used it, and the formula behind the amount, the way the AWS Pricing Calculator shows its
// work. Built by CostEngine; plain data.
#include "model/asl/Json.h"
#include "model/pricing/PriceBook.h"

#include <optional>
#include <string>
#include <vector>

namespace flowcast::cost {

struct CostLine {
    std::string priceId;
    std::string service;  ///< the price's service: "AWS Lambda"
    std::string consumer; ///< what used it: "source-function", "state PredictChurn"
    std::string unit;
    model::PriceQuote quote; ///< quantity, free part, billed part, amount and formula
    bool weakPrice = false;  ///< the price book marks the figure as unconfirmed
};

struct CostReport {
    std::string region;
    std::string currency;
    std::string priceBookAsOf;
    std::vector<CostLine> lines; ///< in the order of the usage, one per usage line
    double monthlyUsd = 0;       ///< sum of the lines' amounts
    double monthlyExecutions = 0;
    std::optional<double> monthlyRecords;

    /// Monthly cost / monthly executions; nullopt without executions.
    std::optional<double> perExecutionUsd() const;
    /// Monthly cost per million records; nullopt without records.
    std::optional<double> perMillionRecordsUsd() const;
    /// Sum of the lines of one service ("AWS Lambda").
    double serviceUsd(const std::string& service) const;

    /// {"region", "currency", "priceBookAsOf", "monthlyUsd", "monthlyExecutions",
    ///  "perExecutionUsd", "monthlyRecords", "perMillionRecordsUsd", "lines": [{"priceId",
    ///  "service", "consumer", "unit", "quantity", "freeQuantity", "billedQuantity", "usd",
    ///  "formula", "weakPrice"}]}; amounts unrounded, null where not defined.
    model::Json toJson() const;
    /// A text table, one line per cost line and a total, amounts in cents.
    std::string toText() const;
};

} // namespace flowcast::cost
