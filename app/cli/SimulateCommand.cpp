#include "app/cli/CliCommon.h"
#include "app/cli/ScenarioSetup.h"

#include "model/asl/DefinitionFile.h"
#include "model/scenario/Scenario.h"
#include "model/scenario/ScenarioError.h"
#include "simulator/cost/TheoryCheck.h"
#include "simulator/exec/Program.h"
#include "simulator/run/Replications.h"
#include "simulator/run/TraceWriter.h"
#include "simulator/workload/DurationText.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace flowcast::cli {

const char* const kSimulateHelp =
    R"(Usage: flowcast-cli simulate [DEF] --scenario FILE [--executions N | --horizon TIME]
                             [--seed S] [--replications R] [--threads T] [--json]
                             [--trace FILE] [-o FILE]

Simulates many executions of a state machine in virtual time, under the scenario's workload and
service models, and prints what happened: executions by status, end-to-end and per-state latency
(P50/P90/P95/P99/max), retries, caught errors, timeouts, throttles, cold starts, service usage
(requests, GB-seconds, DPU-seconds, node-seconds busy and idle, bytes scanned) and levels over
time (instances, queue lengths), then each service beside its steady-state model where one
applies (warm pool, Erlang B, Erlang C: "simulation vs theory"). The scenario names its
definition (relative to the scenario file); DEF overrides it.

Options:
  --scenario FILE      the scenario (.scenario.json): workload, services, per-state models
  --executions N       start N executions in all (shared among the replications)
  --horizon TIME       simulate this much virtual time: 90s, 30m, 12h, 30d (default: the
                       scenario's; with neither, one day)
  --seed S             the seed (default: the scenario's); same seed, same results
  --replications R     independent replications, for 95 % confidence intervals
  --threads T          worker threads (default: the number of cores); results do not depend
                       on it
  --json               print the results as JSON (the same document -o writes)
  --trace FILE         write replication 0's executions and state visits as JSON lines
  -o, --output FILE    also write the results JSON to FILE
  -h, --help           show this help

On a terminal a progress bar shows on stderr; Ctrl+C stops the run and prints the partial
results (status "cancelled").

Exit status: 0 the simulation ran, 1 invalid definition or scenario (the message names the
file and the JSON Pointer), 2 usage error.
)";

namespace {

std::atomic<bool> g_stop{false};

void onInterrupt(int) {
    g_stop = true;
}

struct SimulateArgs {
    std::string definition, scenario, trace, output;
    RunOptions run;
    bool json = false;
};

std::optional<int> parseArgs(const std::vector<std::string>& args, SimulateArgs& out) {
    OptionSpec spec;
    spec.valued = {{"--scenario", &out.scenario},
                   {"--executions", &out.run.executions},
                   {"--horizon", &out.run.horizon},
                   {"--seed", &out.run.seed},
                   {"--replications", &out.run.replications},
                   {"--threads", &out.run.threads},
                   {"--trace", &out.trace},
                   {"--output", &out.output},
                   {"-o", &out.output}};
    spec.flags = {{"--json", &out.json}};
    spec.positional = &out.definition;
    spec.help = kSimulateHelp;
    if (auto stop = scanOptions("simulate", args, spec)) return stop;
    if (out.scenario.empty()) return usageError("simulate", "--scenario FILE is required");
    return std::nullopt;
}

std::string seconds(const model::Json& histogram, const char* key) {
    if (!histogram.contains(key) || histogram[key].is_null()) return "-";
    std::ostringstream s;
    const double v = histogram[key].get<double>();
    s << std::setprecision(v < 10 ? 3 : 4) << v << " s";
    return s.str();
}

void printSummary(const model::Json& results) {
    const model::Json& m = results["metrics"];
    const model::Json& e = m["executions"];
    std::cout << "scenario: " << results["scenario"].get<std::string>() << " ("
              << results["definition"].get<std::string>() << "), seed " << results["seed"] << ", "
              << results["replications"] << " replication(s), "
              << results["status"].get<std::string>() << "\n";
    const double runs = std::max(1.0, m["runs"].get<double>());
    std::cout << "simulated: " << m["runs"] << " × "
              << sim::formatSimTime(
                     sim::SimTime::fromSeconds(m["simulatedSeconds"].get<double>() / runs))
              << " of virtual time\n";
    std::cout << "executions: " << e["started"] << " started, " << e["ended"] << " ended";
    for (auto it = e["byStatus"].begin(); it != e["byStatus"].end(); ++it)
        if (it.value().get<std::uint64_t>() > 0) std::cout << ", " << it.value() << " " << it.key();
    std::cout << "\n";
    for (auto it = e["errors"].begin(); it != e["errors"].end(); ++it)
        std::cout << "  error " << it.key() << ": " << it.value() << "\n";
    const model::Json& lat = e["latency"];
    std::cout << "end-to-end latency: P50 " << seconds(lat, "p50") << ", P95 "
              << seconds(lat, "p95") << ", P99 " << seconds(lat, "p99") << ", max "
              << seconds(lat, "max") << "\n";
    std::cout << "state transitions: " << e["stateTransitions"] << "\n";
    const model::Json& ci = results["confidence95"];
    if (!ci["latencyMeanSeconds"]["halfWidth"].is_null())
        std::cout << "mean latency, 95 % CI over replications: "
                  << ci["latencyMeanSeconds"]["mean"].get<double>() << " ± "
                  << ci["latencyMeanSeconds"]["halfWidth"].get<double>() << " s\n";
    std::cout << "\n"
              << std::left << std::setw(32) << "state" << std::right << std::setw(10) << "visits"
              << std::setw(12) << "P50" << std::setw(12) << "P95" << std::setw(9) << "retries"
              << std::setw(8) << "caught" << std::setw(8) << "failed"
              << "\n";
    for (const model::Json& s : m["states"]) {
        if (s["visits"].get<std::uint64_t>() == 0) continue;
        std::cout << std::left << std::setw(32) << s["name"].get<std::string>().substr(0, 31)
                  << std::right << std::setw(10) << s["visits"].get<std::uint64_t>()
                  << std::setw(12) << seconds(s["latency"], "p50") << std::setw(12)
                  << seconds(s["latency"], "p95") << std::setw(9)
                  << s["retries"].get<std::uint64_t>() << std::setw(8)
                  << s["byResult"]["caught"].get<std::uint64_t>() << std::setw(8)
                  << s["byResult"]["failed"].get<std::uint64_t>() << "\n";
    }
    if (!m["services"].empty()) std::cout << "\nservices:\n";
    for (const model::Json& s : m["services"]) {
        std::cout << "  " << s["name"].get<std::string>() << ":";
        for (auto it = s["signals"].begin(); it != s["signals"].end(); ++it)
            if (it.value().get<double>() > 0) std::cout << " " << it.key() << " " << it.value();
        for (auto it = s["usage"].begin(); it != s["usage"].end(); ++it)
            if (it.value().get<double>() > 0) std::cout << ", " << it.key() << " " << it.value();
        if (!s["utilisation"].is_null())
            std::cout << ", utilisation " << std::setprecision(3) << s["utilisation"].get<double>();
        std::cout << "\n";
    }
}

} // namespace

int runSimulate(const std::vector<std::string>& args) {
    SimulateArgs a;
    if (auto stop = parseArgs(args, a)) return *stop;
    int usage = 0;
    const auto counts = parseRunOptions(a.run, "simulate", usage);
    if (!counts) return usage;

    std::string where = a.scenario;
    try {
        model::Scenario scenario = model::Scenario::read(a.scenario);
        if (!a.definition.empty()) scenario.definition = a.definition;
        const auto definition = loadDefinition(scenario);
        if (!definition) return kFailed;
        const sim::Program program(*definition);
        const sim::RunPlan plan = makePlan(scenario, *counts);

        std::ofstream traceFile;
        std::unique_ptr<sim::TraceWriter> trace;
        if (!a.trace.empty()) {
            traceFile.open(a.trace);
            if (!traceFile)
                return (std::cerr << a.trace << ": cannot write the trace file\n", kFailed);
            trace = std::make_unique<sim::TraceWriter>(traceFile, program.stateNames());
        }
        sim::Replications runs(program, scenario, plan, trace.get());
        std::signal(SIGINT, onInterrupt);
        const bool terminal = isatty(STDERR_FILENO) != 0;
        const auto began = std::chrono::steady_clock::now();
        const bool completed =
            runs.run(&g_stop, terminal ? [began](double f) { drawProgress(f, began); }
                                       : std::function<void(double)>());
        if (terminal) {
            drawProgress(completed ? 1.0 : 0.0, began);
            std::cerr << "\n";
        }
        std::signal(SIGINT, SIG_DFL);
        const model::Json results = runs.results(!completed);
        if (!a.output.empty()) {
            std::ofstream out(a.output);
            out << results.dump(2) << "\n";
            if (!out) return (std::cerr << a.output << ": cannot write the results\n", kFailed);
        }
        if (a.json) {
            std::cout << results.dump(2) << "\n";
        } else {
            printSummary(results);
            const cost::TheoryCheck theory = cost::checkTheory(
                scenario, program, runs.merged(), runs.serviceNames(), runs.seriesNames());
            if (!theory.services.empty())
                std::cout << "\nsimulation vs theory:\n" << theory.toText();
        }
        return kOk;
    } catch (const model::ScenarioError& e) {
        std::cerr << where << (e.pointer().empty() ? "" : ":" + e.pointer())
                  << ": error: " << e.what() << "\n";
        return kFailed;
    }
}

} // namespace flowcast::cli
