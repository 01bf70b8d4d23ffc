#include "model/asl/AslWriter.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

namespace flowcast::model {

std::string AslWriter::toText(const Json& definition) {
    // Strings always hold valid UTF-8 here (the reader refuses anything else), so strict holds.
    return definition.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string AslWriter::writeFileAtomically(const std::filesystem::path& path,
                                           const std::string& text) {
    namespace fs = std::filesystem;
    const fs::path tmp = path.parent_path() / ("." + path.filename().string() + ".flowcast-tmp");
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) return path.string() + ": cannot write: " + std::strerror(errno);
        out << text;
        out.flush();
        if (!out) {
            std::error_code ignored;
            fs::remove(tmp, ignored);
            return path.string() + ": write failed: " + std::strerror(errno);
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(tmp, ignored);
        return path.string() + ": cannot replace the file: " + ec.message();
    }
    return {};
}

} // namespace flowcast::model
