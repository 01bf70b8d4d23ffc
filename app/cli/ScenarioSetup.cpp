#include "app/cli/ScenarioSetup.h"

#include "app/cli/CliCommon.h"
#include "model/asl/DefinitionFile.h"
#include "simulator/workload/DurationText.h"

#include <iomanip>
#include <iostream>
#include <sstream>

namespace flowcast::cli {

std::optional<std::uint64_t> countOption(const std::string& text, const char* option,
                                         const char* command, int& error) {
    if (text.empty()) return std::nullopt;
    std::uint64_t value = 0;
    std::size_t used = 0;
    try {
        value = std::stoull(text, &used);
    } catch (...) {
        used = 0;
    }
    if (used != text.size() || text.starts_with("-") ||
        (value == 0 && std::string(option) != "--seed")) {
        error = usageError(command,
                           std::string(option) + " needs a positive integer, got '" + text + "'");
        return std::nullopt;
    }
    return value;
}

std::optional<model::Json> loadDefinition(const model::Scenario& scenario) {
    const std::string file = scenario.definition.string();
    const model::FileReport report = model::DefinitionFile::check(file);
    for (const auto& d : report.diagnostics)
        if (d.isError()) std::cerr << model::formatDiagnostic(file, d) << "\n";
    if (!report.valid()) return std::nullopt;
    model::Diagnostics ignored;
    const auto definitions = model::DefinitionFile::find(*report.json, ignored);
    if (definitions.empty()) {
        std::cerr << file << ": no state machine definition found\n";
        return std::nullopt;
    }
    return definitions.front().json();
}

std::optional<RunCounts> parseRunOptions(const RunOptions& options, const char* command,
                                         int& error) {
    RunCounts counts;
    counts.executions = countOption(options.executions, "--executions", command, error);
    counts.seed = countOption(options.seed, "--seed", command, error);
    counts.replications = countOption(options.replications, "--replications", command, error);
    counts.threads = countOption(options.threads, "--threads", command, error);
    if (error) return std::nullopt;
    if (!options.executions.empty() && !options.horizon.empty()) {
        error = usageError(command, "give --executions or --horizon, not both");
        return std::nullopt;
    }
    if (!options.horizon.empty()) {
        try {
            counts.horizon = sim::parseDuration(model::Json(options.horizon), "");
        } catch (const std::exception& e) {
            error = usageError(command, std::string("--horizon: ") + e.what());
            return std::nullopt;
        }
    }
    return counts;
}

void drawProgress(double fraction, std::chrono::steady_clock::time_point began) {
    const int width = 30;
    const int filled = static_cast<int>(fraction * width);
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    std::ostringstream line;
    line << "\r[" << std::string(filled, '#') << std::string(width - filled, ' ') << "] "
         << std::setw(3) << static_cast<int>(fraction * 100) << " %  " << std::fixed
         << std::setprecision(1) << elapsed << " s";
    if (fraction > 0.02 && fraction < 1)
        line << "  ETA " << std::setprecision(0) << elapsed * (1 - fraction) / fraction << " s  ";
    std::cerr << line.str() << std::flush;
}

} // namespace flowcast::cli
