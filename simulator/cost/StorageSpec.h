#pragma once
// What a pipeline keeps in storage, from the scenario's "storage" list: each dataset grows by a
// fixed size per execution and is kept for a retention period, so at steady state it holds
// size × executions a day × retention days (60 days of history, say, for a raw zone), billed
// per GB-month; optional requests per execution (S3 PUT / GET).
//
//   "storage": [{"name": "raw zone", "gbPerExecution": 2.5, "retentionDays": 60,
//                "priceId": "s3.standard.storage", "putsPerExecution": 240,
//                "getsPerExecution": 240}]
#include "model/scenario/Scenario.h"

#include <string>
#include <vector>

namespace flowcast::cost {

struct StorageSpec {
    std::string name;
    double gbPerExecution = 0;
    double retentionDays = 0;
    std::string priceId = "s3.standard.storage";
    double putsPerExecution = 0;
    double getsPerExecution = 0;
};

/// The scenario's "storage" list (empty when absent). Throws model::ScenarioError at the
/// offending field.
std::vector<StorageSpec> storageOf(const model::Scenario& scenario);

} // namespace flowcast::cost
