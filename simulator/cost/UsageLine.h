#pragma once
// One month's use of one price of the price book, as the cost engine prices it: which price,
// what used it (a service or a state of the pipeline), how much, and how that was counted.
#include <string>

namespace flowcast::cost {

struct UsageLine {
    std::string priceId;        ///< an id of the price book: "lambda.duration.x86"
    std::string consumer;       ///< what used it: "source-function", "state SendFailureAlert"
    double monthlyQuantity = 0; ///< in the price's unit
    /// How the quantity was counted, for the report: "3,000,000 × 1 s × 0.5 GB"; empty: none.
    std::string quantityFormula;
};

} // namespace flowcast::cost
