#include "app/cli/CliCommon.h"
#include "app/cli/SweepRun.h"

#include "model/asl/Json.h"
#include "simulator/cost/SweepResult.h"

#include <fstream>
#include <iostream>
#include <sstream>

namespace flowcast::cli {

const char* const kMergeHelp =
    R"(Usage: flowcast-cli merge PART... [--json] [-o FILE] [--report DIR]

Combines the parts of a sharded sweep (flowcast-cli sweep --shard I/N -o PART) into the sweep's
result: the same output, byte for byte, as the sweep run whole with the same options. The parts
are checked first: each must be a sweep part, all of the same sweep (scenario and definition,
price book, seed, grid, options, Flowcast version), every shard 0 to N-1 exactly once, each
holding exactly its own points. The order of the parts on the command line does not matter.

Options:
  --json         print the result as JSON (default: the text tables)
  -o FILE        write the output to FILE (atomically) instead of standard output
  --report DIR   write sweep.json, sweep.csv and sweep.txt into DIR
  -h, --help     show this help

Exit status: 0 merged, 1 a part is missing, unreadable or does not match the others (the
message names the file), 2 usage error.
)";

namespace {

std::optional<model::Json> readPart(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::cerr << file << ": error: cannot read the part\n";
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    try {
        return model::Json::parse(text.str());
    } catch (const model::Json::parse_error& e) {
        std::cerr << file << ": error: not JSON (" << e.what() << ")\n";
        return std::nullopt;
    }
}

} // namespace

int runMerge(const std::vector<std::string>& args) {
    std::vector<std::string> files;
    SweepOutput output;
    OptionSpec spec;
    spec.valued = {{"-o", &output.file}, {"--report", &output.reportDir}};
    spec.flags = {{"--json", &output.json}};
    spec.positionals = &files;
    spec.help = kMergeHelp;
    if (auto stop = scanOptions("merge", args, spec)) return *stop;
    if (files.empty()) return usageError("merge", "give the part files to merge");

    std::vector<std::pair<std::string, model::Json>> parts;
    for (const std::string& file : files) {
        auto json = readPart(file);
        if (!json) return kFailed;
        parts.emplace_back(file, std::move(*json));
    }
    try {
        return writeSweepOutput(cost::mergeSweepParts(parts), std::nullopt, output);
    } catch (const cost::SweepPartError& e) {
        std::cerr << (e.file().empty() ? std::string("merge") : e.file()) << ": error: " << e.what()
                  << "\n";
        return kFailed;
    }
}

} // namespace flowcast::cli
