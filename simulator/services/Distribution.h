#pragma once
// A random quantity of a scenario (a duration in seconds, a record count, a size): sampled from
// a named RandomStream so runs are reproducible. Immutable once built; share freely.
//
// Scenario forms (numbers in seconds unless the field says otherwise):
//   3.5                                        constant
//   {"constant": 3.5}
//   {"uniform": {"min": 1, "max": 2}}
//   {"exponential": {"mean": 1.991}}
//   {"normal": {"mean": 10, "stddev": 2}}      truncated at 0
//   {"lognormal": {"median": 2, "p99": 6}}     or {"mu": .., "sigma": ..}
//   {"empirical": {"file": "samples.csv", "column": 0}}   resampled; path relative to the scenario
//   {"mixture": [{"weight": 0.9, "of": <dist>}, {"weight": 0.1, "of": <dist>}]}
#include "model/asl/Json.h"
#include "simulator/core/RandomStream.h"

#include <filesystem>
#include <memory>
#include <string>

namespace flowcast::sim {

class Distribution {
public:
    virtual ~Distribution() = default;
    virtual double sample(RandomStream& random) const = 0;
    virtual double mean() const = 0;
    /// Short human form: "lognormal(median 2 s, p99 6 s)".
    virtual std::string describe() const = 0;
};

/// Builds a distribution from its scenario form. Throws model::ScenarioError naming `pointer`
/// (the JSON Pointer of `spec`) and the field inside it. `baseDir` resolves relative file names.
std::shared_ptr<const Distribution> parseDistribution(const model::Json& spec,
                                                      const std::string& pointer,
                                                      const std::filesystem::path& baseDir = {});

} // namespace flowcast::sim
