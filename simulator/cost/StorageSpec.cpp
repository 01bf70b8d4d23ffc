#include "simulator/cost/StorageSpec.h"

#include "model/scenario/ScenarioError.h"
#include "simulator/core/SpecObject.h"

namespace flowcast::cost {

std::vector<StorageSpec> storageOf(const model::Scenario& scenario) {
    const model::Json& list = scenario.section("storage");
    std::vector<StorageSpec> out;
    if (list.is_null()) return out;
    if (!list.is_array()) throw model::ScenarioError("/storage", "\"storage\" must be an array");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const sim::SpecObject o(list[i], "/storage/" + std::to_string(i), "storage");
        o.allowOnly({"name", "gbPerExecution", "retentionDays", "priceId", "putsPerExecution",
                     "getsPerExecution"});
        StorageSpec s;
        s.name = o.string("name");
        s.gbPerExecution = o.positive("gbPerExecution");
        s.retentionDays = o.positive("retentionDays");
        if (o.has("priceId")) s.priceId = o.string("priceId");
        s.putsPerExecution = o.nonNegative("putsPerExecution", 0);
        s.getsPerExecution = o.nonNegative("getsPerExecution", 0);
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace flowcast::cost
