#pragma once
// A scenario file (`<name>.scenario.json`): which definition to run, under what workload, against
// which service models, for how long, with which seed. This class reads the file and checks its
// top level; the simulator interprets the sections (workload, services, states) and reports
// their mistakes with JSON Pointers as well.
//
//   {
//     "name": "Data-lake ETL, one run a day",          optional
//     "definition": "data-lake-etl.asl.json",          relative to the scenario file
//     "stateMachineName": "data-lake-etl",             optional; default: the definition's file
//     name "express": false,                                Standard (default) or Express workflow
//     "seed": 42,                                      default 1
//     "horizon": "30d",                                virtual time to simulate ("250ms", "2h",
//     "30d", seconds) "executions": 1000,                              or: stop after this many
//     executions in all "replications": 4,                               independent runs, for
//     confidence intervals "workload": {...}, "services": {...}, "states": {...}, "outages": [...],
//     "slaSeconds": 3600,                              optional: executions slower miss it
//     "deployments": [...],                            see Deployment.h
//     "storage": [...],                                what stays stored (simulator/cost)
//     "sizing": {...},                                 speed-up models for sizing sweeps
//                                                      (simulator/cost/SizingSweep.h)
//     "sources": ["where each default comes from", ...]
//   }
#include "model/asl/Json.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace flowcast::model {

struct Scenario {
    std::filesystem::path file;
    Json document;
    std::string name;
    std::filesystem::path definition; ///< resolved against the scenario's folder
    std::string stateMachineName;
    bool express = false;
    std::uint64_t seed = 1;
    Json horizon; ///< null, a number of seconds or a duration text
    std::optional<std::uint64_t> executions;
    int replications = 1;
    /// The latency an execution should stay under; slower ones count as SLA misses.
    std::optional<double> slaSeconds;

    std::filesystem::path baseDir() const { return file.parent_path(); }
    /// A section ("workload", "services", "states", "outages"), or null when absent.
    const Json& section(const char* key) const;

    /// Reads and checks the top level. Throws ScenarioError (pointer + message); a file that
    /// cannot be read or parsed gives pointer "" and a message with line and column.
    static Scenario read(const std::filesystem::path& file);
    static Scenario fromJson(Json document, const std::filesystem::path& file);
};

} // namespace flowcast::model
