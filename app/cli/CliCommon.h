#pragma once
// Shared pieces of flowcast-cli commands: exit codes, argument scanning, help text. Qt-free.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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

/// A command's options: those that take the next argument, those that are switches, and where
/// the one positional argument (a file) goes.
struct OptionSpec {
    std::vector<std::pair<std::string, std::string*>> valued;
    std::vector<std::pair<std::string, bool*>> flags;
    std::string* positional = nullptr;
    /// Instead of `positional`: any number of positional arguments, in order.
    std::vector<std::string>* positionals = nullptr;
    const char* positionalName = "DEF"; ///< for "takes one DEF"
    const char* help = "";              ///< printed for -h / --help
};

/// Scans `args` into `spec`: nullopt when they are fine, else the exit code to stop with (kOk
/// after --help, kUsage after a usage error: unknown option, missing value, two positionals).
std::optional<int> scanOptions(std::string_view command, const std::vector<std::string>& args,
                               const OptionSpec& spec);

int runValidate(const std::vector<std::string>& args);
int runFormat(const std::vector<std::string>& args);
int runRun(const std::vector<std::string>&);
int runSimulate(const std::vector<std::string>& args);
int runCompare(const std::vector<std::string>& args);
int runSweep(const std::vector<std::string>& args);
int runMerge(const std::vector<std::string>& args);
int runPrices(const std::vector<std::string>& args);

extern const char* const kValidateHelp;
extern const char* const kFormatHelp;
extern const char* const kRunHelp;
extern const char* const kSimulateHelp;
extern const char* const kCompareHelp;
extern const char* const kSweepHelp;
extern const char* const kMergeHelp;
extern const char* const kPricesHelp;

} // namespace flowcast::cli
