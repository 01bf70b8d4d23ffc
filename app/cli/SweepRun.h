#pragma once
// What `compare --sweep`, `sweep` and `merge` share: the run plan of one point of a workload
// sweep, the --placement option, and writing a result file atomically.
#include "app/cli/ScenarioSetup.h"
#include "model/scenario/Scenario.h"
#include "simulator/cost/SweepPlacement.h"
#include "simulator/cost/SweepResult.h"
#include "simulator/run/Replications.h"

#include <optional>
#include <string>
#include <string_view>

namespace flowcast::cli {

using sim::workloadPointPlan;

/// --placement's value for `command`: even or adaptive, `unset` when not given (for a workload
/// sweep's range, cost::defaultSweepPlacement); nullopt after printing the usage error, whose
/// exit code is then in `error`.
std::optional<cost::SweepPlacement> parsePlacement(std::string_view command,
                                                   const std::string& text,
                                                   cost::SweepPlacement unset, int& error);

/// Writes `text` to `path` through a temporary file and a rename; false after printing why.
bool writeFileAtomically(const std::string& path, const std::string& text);

/// Where a sweep's result goes: standard output or -o FILE (text, or JSON with --json), and
/// --report DIR (sweep.json, sweep.csv, sweep.txt).
struct SweepOutput {
    bool json = false;
    std::string file, reportDir;
};
/// Writes the whole result, or with `shard` its part (always JSON). Returns the exit code.
int writeSweepOutput(const cost::SweepResult& result, const std::optional<cost::Shard>& shard,
                     const SweepOutput& output);

} // namespace flowcast::cli
