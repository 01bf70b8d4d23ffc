#include "model/asl/JsonPointer.h"

namespace flowcast::model {

std::string pointerChild(std::string_view parent, std::string_view key) {
    std::string out(parent);
    out.reserve(out.size() + key.size() + 1);
    out += '/';
    for (char c : key) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

const Json* findPointer(const Json& root, const std::string& pointer) {
    try {
        const Json::json_pointer parsed(pointer);
        return root.contains(parsed) ? &root.at(parsed) : nullptr;
    } catch (const nlohmann::json::exception&) {
        return nullptr;
    }
}

std::string pointerChild(std::string_view parent, std::size_t index) {
    std::string out(parent);
    out += '/';
    out += std::to_string(index);
    return out;
}

} // namespace flowcast::model
