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
    // Length in Unicode characters: count the bytes that start one in UTF-8.
    std::size_t characters = 0;
    for (unsigned char c : name)
        characters += (c & 0xC0) != 0x80 ? 1 : 0;
    if (characters > kMaxNameLength) return "a name has at most 80 characters";
    for (unsigned char c : name) {
        if (c <= 0x20 || c == 0x7F) return "a name holds no whitespace or control characters";
        if (kForbidden.find(static_cast<char>(c)) != std::string_view::npos)
            return std::string("a name cannot hold '") + static_cast<char>(c) + "'";
    }
    return {};
}

} // namespace flowcast::model::edits
