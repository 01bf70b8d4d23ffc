#include "model/document/ProjectEdits.h"

#include "model/asl/JsonPointer.h"

#include <string_view>
#include <vector>

namespace flowcast::model::edits {

namespace {

constexpr DocumentPart kProject = DocumentPart::Project;
// AWS CreateStateMachine: "name ... must be 1-80 characters long" and must not contain the
// characters below (nor whitespace or control characters).
constexpr std::size_t kMaxNameLength = 80;
constexpr std::string_view kForbidden = "<>{}[]?*\"#%\\^|~`$&,;:/";

} // namespace

Edit setProjectValue(const Document& document, const std::string& pointer,
                     const std::optional<Json>& value, std::string label) {
    if (pointer.empty()) throw EditError("the project part as a whole cannot be set");
    if (label.empty()) label = (value ? "Set " : "Remove ") + splitPointer(pointer).second;
    const Json& root = document.project();
    const Json* old = findPointer(root, pointer);
    if (!value) {
        if (!old) return {};
        return {std::move(label), {JsonOp::remove(kProject, pointer)}, {}};
    }
    if (old) {
        if (*old == *value) return {};
        return {std::move(label), {JsonOp::replace(kProject, pointer, *value)}, {}};
    }
    // The deepest existing parent; the objects missing below it come with the value.
    std::string parent = splitPointer(pointer).first;
    std::vector<std::string> missing{splitPointer(pointer).second};
    while (!findPointer(root, parent)) {
        missing.push_back(splitPointer(parent).second);
        parent = splitPointer(parent).first;
    }
    const Json& container = *findPointer(root, parent);
    if (!container.is_object())
        throw EditError("the project's " + (parent.empty() ? std::string("/") : parent) +
                        " is not an object");
    Json nested = *value;
    for (std::size_t i = 0; i + 1 < missing.size(); ++i)
        nested = Json{{missing[i], std::move(nested)}};
    return {std::move(label),
            {JsonOp::insert(kProject, pointerChild(parent, missing.back()), std::move(nested))},
            {}};
}

std::string stateMachineNameError(const std::string& name) {
    if (name.empty()) return "a name needs at least one character";
    // Decoded to code points: AWS counts characters and names ranges beyond ASCII.
    std::vector<char32_t> points;
    for (std::size_t i = 0; i < name.size();) {
        const auto lead = static_cast<unsigned char>(name[i]);
        const int length = lead < 0x80           ? 1
                           : (lead >> 5) == 0x6  ? 2
                           : (lead >> 4) == 0xE  ? 3
                           : (lead >> 3) == 0x1E ? 4
                                                 : 0;
        if (length == 0 || i + static_cast<std::size_t>(length) > name.size())
            return "a name must be valid UTF-8";
        char32_t c = length == 1 ? lead : lead & (0x7F >> length);
        for (int k = 1; k < length; ++k)
            c = (c << 6) |
                (static_cast<unsigned char>(name[i + static_cast<std::size_t>(k)]) & 0x3F);
        points.push_back(c);
        i += static_cast<std::size_t>(length);
    }
    if (points.size() > kMaxNameLength) return "a name has at most 80 characters";
    for (const char32_t c : points) {
        // Whitespace (Unicode's too), control characters (C0, DEL, C1) and U+FFFE / U+FFFF.
        const bool space = c == 0x20 || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 ||
                           c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
                           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
        if (space || c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF)
            return "a name holds no whitespace or control characters";
        if (c < 0x80 && kForbidden.find(static_cast<char>(c)) != std::string_view::npos)
            return std::string("a name cannot hold '") + static_cast<char>(c) + "'";
    }
    return {};
}

} // namespace flowcast::model::edits
