#pragma once
// The deployments a scenario compares: the same pipeline and workload run and priced several
// ways (fully serverless, an always-on EMR cluster, a cluster per run, Express instead of
// Standard). Each deployment is the scenario with its own "express", "services", "states" and
// "outages" merged over the scenario's (a JSON merge patch: objects merge key by key, null
// removes a key, any other value replaces); the workload, seed and horizon stay the scenario's.
//
//   "deployments": [
//     {"name": "serverless", "description": "Glue for the Spark step"},
//     {"name": "always-on EMR", "services": {"spark": {"kind": "cluster", "nodes": 4}},
//      "states": {"ConvertToParquet": {"service": "spark"}}}
//   ]
#include "model/scenario/Scenario.h"

#include <string>
#include <vector>

namespace flowcast::model {

struct Deployment {
    std::string name;
    std::string description;
    std::string pointer; ///< "/deployments/2", or "" for the scenario as written
    Scenario scenario;   ///< the merged scenario (without "deployments")
};

/// The scenario's deployments in file order; without any, the scenario itself as one deployment
/// named "as written". Throws ScenarioError at the offending deployment field.
std::vector<Deployment> deploymentsOf(const Scenario& scenario);

} // namespace flowcast::model
