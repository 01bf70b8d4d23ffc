// flowcast-cli: the headless face of Flowcast. Wiring only: each command lives in its own file.
#include "app/Version.h"
#include "app/cli/CliCommon.h"

#include <array>
#include <iostream>

namespace {

using flowcast::cli::Command;

const std::array<Command, 8> kCommands{{
    {"validate", "check ASL definitions like AWS's ValidateStateMachineDefinition",
     flowcast::cli::kValidateHelp, flowcast::cli::runValidate},
    {"format", "write a definition as 2-space JSON, key order kept", flowcast::cli::kFormatHelp,
     flowcast::cli::runFormat},
    {"run", "run one execution in virtual time and print its event history",
     flowcast::cli::kRunHelp, flowcast::cli::runRun},
    {"simulate", "simulate many executions under a scenario's workload and services",
     flowcast::cli::kSimulateHelp, flowcast::cli::runSimulate},
    {"compare", "simulate and price a scenario's deployments side by side",
     flowcast::cli::kCompareHelp, flowcast::cli::runCompare},
    {"sweep", "price the deployments over a workload rate or a service's size; shardable",
     flowcast::cli::kSweepHelp, flowcast::cli::runSweep},
    {"merge", "combine the parts of a sharded sweep into its result", flowcast::cli::kMergeHelp,
     flowcast::cli::runMerge},
    {"prices", "import AWS Price List API offer files into a price-book override",
     flowcast::cli::kPricesHelp, flowcast::cli::runPrices},
}};

void printHelp() {
    std::cout
        << "Usage: flowcast-cli COMMAND [OPTIONS] [ARGS]\n\n"
           "Design, simulate and price AWS Step Functions pipelines from the command line.\n\n"
           "Commands:\n";
    for (const auto& c : kCommands)
        std::cout << "  " << c.name << std::string(12 - c.name.size(), ' ') << c.summary << "\n";
    std::cout
        << "\nOptions:\n  -h, --help     show this help (COMMAND --help for a command's own)\n"
           "  --version      print the version\n\n"
           "Exit status: 0 ok, 1 invalid input or failed check, 2 usage error.\n";
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        printHelp();
        return flowcast::cli::kUsage;
    }
    const std::string first = argv[1];
    if (flowcast::cli::isHelpFlag(first) || first == "help") {
        if (first == "help" && argc > 2) {
            for (const auto& c : kCommands)
                if (c.name == argv[2]) return (std::cout << c.help, flowcast::cli::kOk);
        }
        printHelp();
        return flowcast::cli::kOk;
    }
    if (first == "--version") {
        std::cout << "flowcast-cli " << flowcast::kVersion << "\n";
        return flowcast::cli::kOk;
    }
    for (const auto& c : kCommands) {
        if (c.name == first) return c.run(std::vector<std::string>(argv + 2, argv + argc));
    }
    std::cerr << "flowcast-cli: unknown command '" << first << "'\nTry 'flowcast-cli --help'.\n";
    return flowcast::cli::kUsage;
}
