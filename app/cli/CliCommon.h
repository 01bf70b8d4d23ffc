#pragma once
// Shared pieces of flowcast-cli commands: exit codes, argument scanning, help text. Qt-free.
#include <string>
#include <string_view>
#include <vector>

namespace flowcast::cli {

enum ExitCode : int { kOk = 0, kFailed = 1, kUsage = 2 };

struct Command {
    std::string_view name;
    std::string_view summary;
    std::string_view help; ///< full --help text
    int (*run)(const std::vector<std::string>& args);
};

/// Prints "flowcast-cli CMD: message" and a hint to --help on stderr; returns kUsage.
int usageError(std::string_view command, std::string_view message);
bool isHelpFlag(std::string_view arg);

int runValidate(const std::vector<std::string>& args);
int runFormat(const std::vector<std::string>& args);
int runRun(const std::vector<std::string>&);
int runSimulate(const std::vector<std::string>& args);
int runCompare(const std::vector<std::string>& args);

extern const char* const kValidateHelp;
extern const char* const kFormatHelp;
extern const char* const kRunHelp;
extern const char* const kSimulateHelp;
extern const char* const kCompareHelp;

} // namespace flowcast::cli
