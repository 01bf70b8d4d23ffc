#pragma once
// The tornado: which inputs move the answer most. Each input is moved X % down and X % up, the
// deployments are priced again (prices: the same usage re-priced; durations, failure
// probabilities, cold starts and cluster sizes: simulated again under the same seed), and the
// bars are the monthly cost of the deployment that was cheapest, sorted by their swing. A bar
// also says when the move makes another deployment the cheapest.
#include "model/asl/Json.h"
#include "model/pricing/PriceBook.h"
#include "model/scenario/Scenario.h"

#include <functional>
#include <string>
#include <vector>

namespace flowcast::cost {

struct TornadoBar {
    std::string input;                     ///< "price glue.etl.dpuHours", "state durations", ...
    double lowUsd = 0, highUsd = 0;        ///< the answer with the input at −X % and +X %
    std::string lowCheapest, highCheapest; ///< the cheapest deployment at each end
    double swing() const { return highUsd > lowUsd ? highUsd - lowUsd : lowUsd - highUsd; }
};

struct Tornado {
    double percent = 0;
    std::string deployment; ///< whose cost the bars show: the cheapest at the baseline
    double baseUsd = 0;
    std::vector<TornadoBar> bars; ///< largest swing first

    model::Json toJson() const;
    std::string toText() const;
};

// Scenario transforms, each a factor applied to the scenario's JSON (and shared by tests).
/// One distribution scaled in place (the forms below; anything else is left as it is).
void scaleDistribution(model::Json& distribution, double factor);
/// Every state "duration" distribution scaled (constant, uniform, exponential, normal, lognormal,
/// mixtures; empirical files and work models are left as they are).
void scaleStateDurations(model::Json& document, double factor);
/// Every injected failure probability scaled (capped at 1).
void scaleFailureProbabilities(model::Json& document, double factor);
/// Every Lambda service's cold-start distribution scaled.
void scaleColdStarts(model::Json& document, double factor);
/// Every cluster's node count (and autoscaling bounds) scaled, rounded, at least 1; a job that
/// no longer fits the smallest cluster takes all of its slots.
void scaleClusterNodes(model::Json& document, double factor);

/// How many times tornado() calls `costs` with a scenario transform (four inputs, each down and
/// up): each call simulates every deployment again.
inline constexpr std::size_t kTornadoSimulatedMoves = 8;

/// Monthly cost of every deployment (in order) for a scenario transform and a price book.
using DeploymentCosts = std::function<std::vector<double>(
    const std::function<void(model::Json&)>& transform, const model::PriceBook& book)>;

/// Builds the tornado: `costs` is called with the baseline (an empty transform), then for each
/// input at −X % and +X %. `priceIds` are the prices to move (those the deployments use).
Tornado tornado(const std::vector<std::string>& deploymentNames, const model::PriceBook& book,
                const std::vector<std::string>& priceIds, double percent,
                const DeploymentCosts& costs);

} // namespace flowcast::cost
