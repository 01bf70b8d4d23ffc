#include "app/cli/CliCommon.h"

#include "model/asl/AslReader.h"
#include "model/asl/AslWriter.h"

#include <fstream>
#include <iostream>
#include <sstream>

namespace flowcast::cli {

const char* const kFormatHelp =
    R"(Usage: flowcast-cli format FILE [-o OUT] [--check]

Writes the definition as 2-space indented JSON, object keys in their original order (the export
path of the editor). YAML input is written as JSON.

Options:
  -o, --output OUT   write to OUT (atomically) instead of standard output
  --check            write nothing; exit 1 when FILE is not already formatted
  -h, --help         show this help

Exit status: 0 ok, 1 unreadable input or (with --check) not formatted, 2 usage error.
)";

int runFormat(const std::vector<std::string>& args) {
    std::string input, output;
    bool check = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (isHelpFlag(a)) {
            std::cout << kFormatHelp;
            return kOk;
        }
        if (a == "--check") {
            check = true;
        } else if (a == "-o" || a == "--output") {
            if (i + 1 >= args.size()) return usageError("format", a + " needs a file name");
            output = args[++i];
        } else if (a.size() > 1 && a[0] == '-') {
            return usageError("format", "unknown option '" + a + "'");
        } else if (input.empty()) {
            input = a;
        } else {
            return usageError("format", "takes one FILE");
        }
    }
    if (input.empty()) return usageError("format", "no FILE given");
    if (check && !output.empty()) return usageError("format", "--check and -o cannot be combined");

    const model::ReadResult read = model::AslReader::readFile(input);
    for (const auto& d : read.diagnostics)
        std::cerr << model::formatDiagnostic(input, d) << "\n";
    if (!read.json) return kFailed;
    const std::string text = model::AslWriter::toText(*read.json);
    if (check) {
        std::ifstream in(input, std::ios::binary);
        std::ostringstream original;
        original << in.rdbuf();
        if (original.str() == text) return kOk;
        std::cerr << input << ": not formatted (run: flowcast-cli format " << input << " -o "
                  << input << ")\n";
        return kFailed;
    }
    if (output.empty()) {
        std::cout << text;
        return kOk;
    }
    if (auto err = model::AslWriter::writeFileAtomically(output, text); !err.empty()) {
        std::cerr << "flowcast-cli format: " << err << "\n";
        return kFailed;
    }
    return kOk;
}

} // namespace flowcast::cli
