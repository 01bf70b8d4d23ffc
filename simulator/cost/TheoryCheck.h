#pragma once
// "Simulation vs theory": for each service of a run, the closed-form model that describes it
// (simulator/analytic) set beside what the simulation measured, or the reason none applies.
// A Lambda function fed by Poisson arrivals gets the warm-pool chain (instances, running,
// P(cold start)) and, under a concurrency cap, Erlang B (throttled share); a service that queues
// (an always-on cluster, Glue runs that queue, Athena) gets Erlang C (P(wait), mean wait); Glue
// runs refused over their limit get Erlang B. Schedules, daily profiles, bursts and traces get
// no number. Plain data built from the scenario and the merged metrics; Qt-free.
#include "model/asl/Json.h"
#include "model/scenario/Scenario.h"
#include "simulator/analytic/WarmPoolModel.h"
#include "simulator/exec/Program.h"
#include "simulator/metrics/Metrics.h"

#include <optional>
#include <string>
#include <vector>

namespace flowcast::cost {

/// One quantity measured by the simulation and predicted by the model.
struct TheoryFigure {
    std::string quantity; ///< "average instances", "P(cold start)", "mean wait (s)"
    double simulated = 0;
    double theory = 0;
    /// (simulated − theory) / theory; nullopt when the theory is 0.
    std::optional<double> relativeDifference() const;
};

/// One service: its model and figures, or why no model applies.
struct ServiceTheory {
    std::string service;
    std::string kind;   ///< the scenario's "kind": lambda, cluster, glue, athena, ...
    std::string model;  ///< "warm-pool CTMC", "Erlang B (M/G/c/c)", ...; empty: none applies
    bool exact = false; ///< the model's assumptions hold as simulated (else an approximation)
    std::string basis;  ///< how the inputs were found, and what is approximate about them
    std::string reason; ///< when no model applies: why ("no model applies: ...")
    double arrivalsPerSecond = 0;  ///< calls offered to the service
    double meanServiceSeconds = 0; ///< one call's mean holding time
    std::optional<int> servers;    ///< c, for Erlang B and C
    std::vector<TheoryFigure> figures;
    /// A Lambda function's warm-pool chain as solved for this run (its arrivals are this run's):
    /// set when the chain applies, so that a caller can solve it at another rate.
    std::optional<analytic::WarmPoolParams> warmPool;

    bool applies() const { return !model.empty(); }
};

struct TheoryCheck {
    /// In the scenario's "services" order; those the run never called are left out when the
    /// workload allows a model (else each says why none applies).
    std::vector<ServiceTheory> services;

    /// [{"service", "kind", "model" (null when none applies), "exact", "basis", "reason",
    ///   "arrivalsPerSecond", "meanServiceSeconds", "servers", "figures": [{"quantity",
    ///   "simulated", "theory", "relativeDifference"}]}]
    model::Json toJson() const;
    /// A text table per service, for a terminal; "" without services.
    std::string toText() const;
    /// An HTML table (escaped), for the report; "" without services.
    std::string toHtml() const;
};

/// The check of one run: `metrics` merged over its replications, `serviceNames` and `seriesNames`
/// by Probe id (Replications::serviceNames / seriesNames). Never throws for a scenario the
/// simulation accepted: a model that cannot be set up becomes the service's reason.
TheoryCheck checkTheory(const model::Scenario& scenario, const sim::Program& program,
                        const sim::Metrics& metrics, const std::vector<std::string>& serviceNames,
                        const std::vector<std::string>& seriesNames);

} // namespace flowcast::cost
