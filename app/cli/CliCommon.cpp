#include "app/cli/CliCommon.h"

#include <algorithm>
#include <iostream>

namespace flowcast::cli {

int usageError(std::string_view command, std::string_view message) {
    std::cerr << "flowcast-cli " << command << ": " << message << "\n"
              << "Try 'flowcast-cli " << command << " --help'.\n";
    return kUsage;
}

bool isHelpFlag(std::string_view arg) {
    return arg == "--help" || arg == "-h";
}

std::optional<int> scanOptions(std::string_view command, const std::vector<std::string>& args,
                               const OptionSpec& spec) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (isHelpFlag(a)) return (std::cout << spec.help, kOk);
        const auto flag = std::find_if(spec.flags.begin(), spec.flags.end(),
                                       [&](const auto& f) { return f.first == a; });
        if (flag != spec.flags.end()) {
            *flag->second = true;
            continue;
        }
        const auto valued = std::find_if(spec.valued.begin(), spec.valued.end(),
                                         [&](const auto& v) { return v.first == a; });
        if (valued != spec.valued.end()) {
            if (i + 1 >= args.size()) return usageError(command, a + " needs a value");
            *valued->second = args[++i];
            continue;
        }
        if (a.size() > 1 && a[0] == '-') return usageError(command, "unknown option '" + a + "'");
        if (spec.positionals) {
            spec.positionals->push_back(a);
            continue;
        }
        if (!spec.positional || !spec.positional->empty())
            return usageError(command, std::string("takes one ") + spec.positionalName);
        *spec.positional = a;
    }
    return std::nullopt;
}

} // namespace flowcast::cli
