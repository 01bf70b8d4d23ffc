#pragma once
// What `simulate` and `compare` share: reading a scenario's definition, the run options
// (--executions, --horizon, --seed, --replications, --threads) and the progress bar.
#include "model/asl/Json.h"
#include "model/scenario/Scenario.h"
#include "simulator/run/Replications.h"
#include "simulator/run/RunPlan.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace flowcast::cli {

/// The run options as given on the command line ("" when absent).
struct RunOptions {
    std::string executions, horizon, seed, replications, threads;
};

/// A positive integer option (0 allowed for --seed); prints a usage error for `command` and
/// sets `error` when the text is not one.
std::optional<std::uint64_t> countOption(const std::string& text, const char* option,
                                         const char* command, int& error);

/// The first state machine in the scenario's definition file, checked: its errors go to stderr
/// as compiler-style lines; nullopt when it is invalid or holds none.
std::optional<model::Json> loadDefinition(const model::Scenario& scenario);

/// The run options, checked before anything is read: nullopt after printing a usage error.
using sim::RunCounts;
std::optional<RunCounts> parseRunOptions(const RunOptions& options, const char* command,
                                         int& error);
using sim::makePlan;

/// "\r[#####     ]  50 %  3.2 s  ETA 3 s" on stderr.
void drawProgress(double fraction, std::chrono::steady_clock::time_point began);

} // namespace flowcast::cli
