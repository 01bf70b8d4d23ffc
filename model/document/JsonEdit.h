#pragma once
// The primitive changes a Document is made of: insert, remove or replace one value, or rename one
// object key in place, each addressed by a JSON Pointer. Applying an op returns its exact inverse
// (removed values and positions included), so every edit can be undone; object keys keep their
// order, which keeps export lossless after edits.
#include "model/asl/Json.h"

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace flowcast::model {

/// The two JSON trees of a document: the ASL definition and the canvas layout.
enum class DocumentPart { Definition, Layout, Project };

struct JsonOp {
    enum class Kind { Insert, Remove, Replace, RenameKey };

    Kind kind = Kind::Replace;
    DocumentPart part = DocumentPart::Definition;
    std::string pointer; ///< the member or element concerned ("" is the whole part, Replace only)
    /// Insert: the position among the object's keys or the array's elements (end when unset).
    std::optional<std::size_t> position;
    Json value;         ///< Insert / Replace: the new value
    std::string newKey; ///< RenameKey: the new name of the last token of `pointer`

    static JsonOp insert(DocumentPart part, std::string pointer, Json value,
                         std::optional<std::size_t> position = std::nullopt);
    static JsonOp remove(DocumentPart part, std::string pointer);
    static JsonOp replace(DocumentPart part, std::string pointer, Json value);
    static JsonOp renameKey(DocumentPart part, std::string pointer, std::string newKey);
};

/// An op that cannot apply: the pointer names nothing, an inserted key exists already, a rename
/// would collide. The message names the pointer.
class EditError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Applies `op` to `root` (the tree of op.part) and returns the op that undoes it. Throws
/// EditError and leaves `root` unchanged when the op cannot apply.
JsonOp applyJsonOp(Json& root, const JsonOp& op);

/// The parent pointer and the unescaped last token of `pointer` ("/a/b~1c" -> "/a", "b/c").
std::pair<std::string, std::string> splitPointer(const std::string& pointer);

} // namespace flowcast::model
