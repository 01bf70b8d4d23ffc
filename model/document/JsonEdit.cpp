#include "model/document/JsonEdit.h"

#include "model/asl/JsonPointer.h"

#include <charconv>

namespace flowcast::model {

namespace {

std::string unescapeToken(std::string_view token) {
    std::string out;
    out.reserve(token.size());
    for (std::size_t i = 0; i < token.size(); ++i) {
        if (token[i] == '~' && i + 1 < token.size() &&
            (token[i + 1] == '0' || token[i + 1] == '1')) {
            out += token[i + 1] == '0' ? '~' : '/';
            ++i;
        } else {
            out += token[i];
        }
    }
    return out;
}

Json& resolve(Json& root, const std::string& pointer) {
    try {
        return root.at(Json::json_pointer(pointer));
    } catch (const nlohmann::json::exception&) {
        throw EditError("nothing at " + (pointer.empty() ? std::string("the root") : pointer));
    }
}

/// An array index token: digits within [0, limit], or "-" for the end.
std::size_t arrayIndex(const std::string& token, std::size_t limit, const std::string& pointer) {
    if (token == "-") return limit;
    std::size_t index = 0;
    auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), index);
    if (token.empty() || error != std::errc() || end != token.data() + token.size() ||
        index > limit)
        throw EditError("no array position " + pointer);
    return index;
}

std::size_t keyPosition(const Json& object, const std::string& key) {
    std::size_t position = 0;
    for (auto it = object.begin(); it != object.end(); ++it, ++position) {
        if (it.key() == key) return position;
    }
    return position;
}

/// ordered_json keeps keys in a vector of pairs with const keys: inserting in the middle or
/// renaming in place means rebuilding the object, which keeps every other key where it was.
void insertMember(Json& object, const std::string& key, Json value, std::size_t position) {
    Json rebuilt = Json::object();
    std::size_t index = 0;
    for (auto it = object.begin(); it != object.end(); ++it, ++index) {
        if (index == position) rebuilt.emplace(key, std::move(value));
        rebuilt.emplace(it.key(), std::move(it.value()));
    }
    if (position >= index) rebuilt.emplace(key, std::move(value));
    object = std::move(rebuilt);
}

void renameMember(Json& object, const std::string& from, const std::string& to) {
    Json rebuilt = Json::object();
    for (auto it = object.begin(); it != object.end(); ++it)
        rebuilt.emplace(it.key() == from ? to : it.key(), std::move(it.value()));
    object = std::move(rebuilt);
}

JsonOp applyToRoot(Json& root, const JsonOp& op) {
    if (op.kind != JsonOp::Kind::Replace)
        throw EditError("only a replace applies to the whole document");
    JsonOp inverse = JsonOp::replace(op.part, "", std::move(root));
    root = op.value;
    return inverse;
}

JsonOp applyToObject(Json& object, const JsonOp& op, const std::string& key) {
    const bool present = object.contains(key);
    switch (op.kind) {
    case JsonOp::Kind::Insert: {
        if (present) throw EditError(op.pointer + " exists already");
        insertMember(object, key, op.value, op.position.value_or(object.size()));
        return JsonOp::remove(op.part, op.pointer);
    }
    case JsonOp::Kind::Remove: {
        if (!present) throw EditError("nothing at " + op.pointer);
        const std::size_t position = keyPosition(object, key);
        JsonOp inverse = JsonOp::insert(op.part, op.pointer, std::move(object[key]), position);
        object.erase(key);
        return inverse;
    }
    case JsonOp::Kind::Replace: {
        if (!present) throw EditError("nothing at " + op.pointer);
        JsonOp inverse = JsonOp::replace(op.part, op.pointer, std::move(object[key]));
        object[key] = op.value;
        return inverse;
    }
    case JsonOp::Kind::RenameKey: {
        if (!present) throw EditError("nothing at " + op.pointer);
        if (op.newKey != key && object.contains(op.newKey))
            throw EditError(op.pointer + " cannot be renamed to \"" + op.newKey +
                            "\": that key exists already");
        renameMember(object, key, op.newKey);
        const auto [parent, ignored] = splitPointer(op.pointer);
        return JsonOp::renameKey(op.part, pointerChild(parent, op.newKey), key);
    }
    }
    throw EditError("unknown edit");
}

JsonOp applyToArray(Json& array, const JsonOp& op, const std::string& token) {
    const bool inserting = op.kind == JsonOp::Kind::Insert;
    const std::size_t limit = inserting ? array.size() : (array.empty() ? 0 : array.size() - 1);
    if (!inserting && array.empty()) throw EditError("nothing at " + op.pointer);
    const std::size_t index = arrayIndex(token, limit, op.pointer);
    const auto [parent, ignored] = splitPointer(op.pointer);
    const std::string exact = pointerChild(parent, index);
    switch (op.kind) {
    case JsonOp::Kind::Insert:
        array.insert(array.begin() + static_cast<std::ptrdiff_t>(index), op.value);
        return JsonOp::remove(op.part, exact);
    case JsonOp::Kind::Remove: {
        JsonOp inverse = JsonOp::insert(op.part, exact, std::move(array[index]), index);
        array.erase(array.begin() + static_cast<std::ptrdiff_t>(index));
        return inverse;
    }
    case JsonOp::Kind::Replace: {
        JsonOp inverse = JsonOp::replace(op.part, exact, std::move(array[index]));
        array[index] = op.value;
        return inverse;
    }
    case JsonOp::Kind::RenameKey:
        throw EditError(op.pointer + " is an array element: it has no key to rename");
    }
    throw EditError("unknown edit");
}

} // namespace

std::pair<std::string, std::string> splitPointer(const std::string& pointer) {
    const std::size_t slash = pointer.rfind('/');
    if (slash == std::string::npos) return {"", unescapeToken(pointer)};
    return {pointer.substr(0, slash), unescapeToken(std::string_view(pointer).substr(slash + 1))};
}

JsonOp JsonOp::insert(DocumentPart part, std::string pointer, Json value,
                      std::optional<std::size_t> position) {
    JsonOp op;
    op.kind = Kind::Insert;
    op.part = part;
    op.pointer = std::move(pointer);
    op.value = std::move(value);
    op.position = position;
    return op;
}

JsonOp JsonOp::remove(DocumentPart part, std::string pointer) {
    JsonOp op;
    op.kind = Kind::Remove;
    op.part = part;
    op.pointer = std::move(pointer);
    return op;
}

JsonOp JsonOp::replace(DocumentPart part, std::string pointer, Json value) {
    JsonOp op;
    op.kind = Kind::Replace;
    op.part = part;
    op.pointer = std::move(pointer);
    op.value = std::move(value);
    return op;
}

JsonOp JsonOp::renameKey(DocumentPart part, std::string pointer, std::string newKey) {
    JsonOp op;
    op.kind = Kind::RenameKey;
    op.part = part;
    op.pointer = std::move(pointer);
    op.newKey = std::move(newKey);
    return op;
}

JsonOp applyJsonOp(Json& root, const JsonOp& op) {
    if (op.pointer.empty()) return applyToRoot(root, op);
    if (op.pointer.front() != '/') throw EditError("\"" + op.pointer + "\" is not a JSON Pointer");
    const auto [parentPointer, token] = splitPointer(op.pointer);
    Json& parent = resolve(root, parentPointer);
    if (parent.is_object()) return applyToObject(parent, op, token);
    if (parent.is_array()) return applyToArray(parent, op, token);
    throw EditError((parentPointer.empty() ? std::string("the root") : parentPointer) + " is " +
                    jsonTypeName(parent) + ", not an object or an array");
}

} // namespace flowcast::model
