#include "app/cli/CliCommon.h"

#include "model/asl/AslReader.h"
#include "model/asl/DefinitionFile.h"
#include "model/asl/MockConfig.h"
#include "simulator/core/Kernel.h"
#include "simulator/exec/Execution.h"
#include "simulator/exec/MockBackend.h"
#include "simulator/exec/VirtualClock.h"

#include <cstdint>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

namespace flowcast::cli {

const char* const kRunHelp =
    R"(Usage: flowcast-cli run DEF [--input FILE] [--mock-config FILE --test-case NAME
                        [--state-machine-name NAME]] [--express] [--json]

Runs one execution of the definition DEF in virtual time (a fixed seed; the clock starts at
2026-01-01T00:00:00Z) and prints its event history, one line per event (id, virtual time, type,
state), then the end: status, and the output or the error and cause. The definition is validated
first. A Task with no mock returns its effective input.

Options:
  --input FILE               the execution input (JSON); {} when absent
  --mock-config FILE         Step Functions Local MockConfigFile.json (Return / Throw per call)
  --test-case NAME           the test case of the mock file to use (required with --mock-config)
  --state-machine-name NAME  the state machine of the mock file; else the one named like DEF
                             (without .asl.json), else the only one in the file
  --express                  run as an Express workflow (stopped after five minutes)
  --json                     print {"status", "output", "error", "cause", "stateTransitions",
                             "events"} instead
  -h, --help                 show this help

JSONata states run as AWS documents them (Arguments, Output, Assign, Condition, Items...), the
distributed Map included. Parallel and inline Map run their branches and
iterations concurrently in virtual time;
a distributed Map runs child executions (their events are not printed), and its ItemReader
takes its items from the mock of the Map state (the object's text, or a list).

Exit status: 0 the execution succeeded, 1 it failed or timed out, or the input was invalid,
2 usage error.
)";

namespace {

struct RunArgs {
    std::string definition, input, mockConfig, testCase, machineName;
    bool json = false;
    bool express = false;
};

// Returns kOk, or the exit code to stop with (help printed or usage error).
std::optional<int> parseArgs(const std::vector<std::string>& args, RunArgs& out) {
    OptionSpec spec;
    spec.valued = {{"--input", &out.input},
                   {"--mock-config", &out.mockConfig},
                   {"--test-case", &out.testCase},
                   {"--state-machine-name", &out.machineName}};
    spec.flags = {{"--json", &out.json}, {"--express", &out.express}};
    spec.positional = &out.definition;
    spec.help = kRunHelp;
    if (auto stop = scanOptions("run", args, spec)) return stop;
    if (out.definition.empty()) return usageError("run", "no DEF given");
    if (out.mockConfig.empty() != out.testCase.empty())
        return usageError("run", "--mock-config and --test-case go together");
    if (!out.machineName.empty() && out.mockConfig.empty())
        return usageError("run", "--state-machine-name needs --mock-config");
    return std::nullopt;
}

bool printDiagnostics(const std::string& file, const model::Diagnostics& diagnostics) {
    for (const auto& d : diagnostics)
        std::cerr << model::formatDiagnostic(file, d) << "\n";
    return !model::hasError(diagnostics);
}

std::string machineNameOf(const std::string& path) {
    std::string name = std::filesystem::path(path).filename().string();
    for (const char* ext : {".asl.json", ".asl.yaml", ".asl.yml", ".json", ".yaml", ".yml"}) {
        const std::string e(ext);
        if (name.size() > e.size() && name.ends_with(e))
            return name.substr(0, name.size() - e.size());
    }
    return name;
}

model::Json eventToJson(const sim::HistoryEvent& e) {
    return {{"id", e.id},
            {"previousEventId", e.previousEventId},
            {"timestamp", sim::isoTimestamp(e.time)},
            {"timeSeconds", e.time.seconds()},
            {"type", e.type},
            {"stateName", e.stateName},
            {"details", e.details}};
}

void printResult(const sim::Execution& execution, bool json) {
    const bool succeeded = execution.status() == sim::ExecutionStatus::Succeeded;
    const std::string status(sim::executionStatusName(execution.status()));
    if (json) {
        model::Json events = model::Json::array();
        for (const auto& e : execution.history())
            events.push_back(eventToJson(e));
        const model::Json out{{"status", status},
                              {"output", succeeded ? execution.output() : model::Json()},
                              {"error", succeeded ? model::Json() : model::Json(execution.error())},
                              {"cause", succeeded ? model::Json() : model::Json(execution.cause())},
                              {"stateTransitions", execution.stateTransitions()},
                              {"events", std::move(events)}};
        std::cout << out.dump(2, ' ', false, model::Json::error_handler_t::replace) << "\n";
        return;
    }
    for (const auto& e : execution.history()) {
        std::cout << e.id << "\t" << sim::formatSimTime(e.time) << "\t" << e.type
                  << (e.stateName.empty() ? "" : "\t" + e.stateName) << "\n";
    }
    std::cout << "status: " << status << "\n";
    if (succeeded) {
        std::cout << "output: "
                  << execution.output().dump(-1, ' ', false, model::Json::error_handler_t::replace)
                  << "\n";
    } else {
        std::cout << "error: " << execution.error() << "\ncause: " << execution.cause() << "\n";
    }
    std::cout << "stateTransitions: " << execution.stateTransitions() << "\n";
}

} // namespace

int runRun(const std::vector<std::string>& args) {
    RunArgs a;
    if (auto stop = parseArgs(args, a)) return *stop;

    const model::FileReport report = model::DefinitionFile::check(a.definition);
    for (const auto& d : report.diagnostics)
        std::cerr << model::formatDiagnostic(a.definition, d) << "\n";
    if (!report.valid()) return kFailed;
    model::Diagnostics ignored;
    const auto definitions = model::DefinitionFile::find(*report.json, ignored);
    if (definitions.empty())
        return (std::cerr << a.definition << ": no state machine definition found\n", kFailed);
    if (definitions.size() > 1)
        std::cerr << a.definition << ": " << definitions.size()
                  << " definitions; running the first\n";

    model::Json input = model::Json::object();
    if (!a.input.empty()) {
        const model::ReadResult read = model::AslReader::readFile(a.input);
        if (!printDiagnostics(a.input, read.diagnostics) || !read.json) return kFailed;
        input = *read.json;
    }

    std::string machineName = machineNameOf(a.definition);
    std::optional<model::MockConfig> mocks;
    std::unique_ptr<sim::TaskBackend> backend = std::make_unique<sim::EchoBackend>();
    if (!a.mockConfig.empty()) {
        model::Diagnostics diags;
        mocks = model::MockConfig::readFile(a.mockConfig, diags);
        const auto chosen = mocks->chooseStateMachine(a.machineName, a.definition, diags);
        if (!printDiagnostics(a.mockConfig, diags) || !chosen) return kFailed;
        if (!mocks->hasTestCase(*chosen, a.testCase)) {
            std::cerr << a.mockConfig << ": state machine '" << *chosen << "' has no test case '"
                      << a.testCase << "'\n";
            return kFailed;
        }
        machineName = *chosen;
        backend = std::make_unique<sim::MockBackend>(*mocks, *chosen, a.testCase);
    }

    sim::Kernel kernel(0);
    sim::ExecutionOptions options;
    options.stateMachineName = machineName;
    options.express = a.express;
    sim::Execution execution(kernel, definitions.front().json(), *backend, options);
    execution.start(std::move(input));
    kernel.run(sim::SimTime{INT64_MAX});
    printResult(execution, a.json);
    return execution.status() == sim::ExecutionStatus::Succeeded ? kOk : kFailed;
}

} // namespace flowcast::cli
