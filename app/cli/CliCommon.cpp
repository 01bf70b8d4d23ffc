#include "app/cli/CliCommon.h"

#include <iostream>

namespace flowcast::cli {

int usageError(std::string_view command, std::string_view message) {
    std::cerr << "flowcast-cli " << command << ": " << message << "\n"
              << "Try 'flowcast-cli " << command << " --help'.\n";
    return kUsage;
}

bool isHelpFlag(std::string_view arg) { return arg == "--help" || arg == "-h"; }

} // namespace flowcast::cli
