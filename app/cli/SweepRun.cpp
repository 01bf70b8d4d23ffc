#include "app/cli/SweepRun.h"

#include "app/cli/CliCommon.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace flowcast::cli {

std::optional<cost::SweepPlacement> parsePlacement(std::string_view command,
                                                   const std::string& text,
                                                   cost::SweepPlacement unset, int& error) {
    if (text.empty()) return unset;
    const auto placement = cost::sweepPlacementFromName(text);
    if (!placement)
        error = usageError(command, "--placement takes even or adaptive, got '" + text + "'");
    return placement;
}

bool writeFileAtomically(const std::string& path, const std::string& text) {
    const std::string temporary = path + ".tmp";
    std::ofstream out(temporary, std::ios::binary);
    out << text;
    out.close();
    std::error_code ec;
    if (out) std::filesystem::rename(temporary, path, ec);
    if (!out || ec) {
        std::filesystem::remove(temporary, ec);
        std::cerr << path << ": cannot write the file\n";
        return false;
    }
    return true;
}

int writeSweepOutput(const cost::SweepResult& result, const std::optional<cost::Shard>& shard,
                     const SweepOutput& output) {
    if (!output.reportDir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(output.reportDir, ec);
        if (ec) {
            std::cerr << output.reportDir << ": cannot create the report folder: " << ec.message()
                      << "\n";
            return kFailed;
        }
        const std::filesystem::path dir(output.reportDir);
        if (!writeFileAtomically((dir / "sweep.json").string(), result.toJson().dump(2) + "\n") ||
            !writeFileAtomically((dir / "sweep.csv").string(), result.toCsv()) ||
            !writeFileAtomically((dir / "sweep.txt").string(), result.toText()))
            return kFailed;
    }
    const std::string text = shard         ? result.partJson(*shard).dump(2) + "\n"
                             : output.json ? result.toJson().dump(2) + "\n"
                                           : result.toText();
    if (!output.file.empty()) return writeFileAtomically(output.file, text) ? kOk : kFailed;
    std::cout << text;
    return kOk;
}

} // namespace flowcast::cli
