#include "model/asl/JsonTree.h"

#include <utility>

namespace flowcast::model {

namespace {

constexpr int kMaxDepth = 64;

// Empties a container's children first (deepest first), so that nlohmann's destructor finds
// nothing to move when the container itself goes.
void releaseChildren(Json& value, int depth) {
    if (value.is_object()) {
        auto& entries = value.get_ref<Json::object_t&>();
        if (depth < kMaxDepth)
            for (auto& entry : entries)
                if (entry.second.is_structured()) releaseChildren(entry.second, depth + 1);
        entries.clear();
    } else if (value.is_array()) {
        auto& items = value.get_ref<Json::array_t&>();
        if (depth < kMaxDepth)
            for (Json& item : items)
                if (item.is_structured()) releaseChildren(item, depth + 1);
        items.clear();
    }
}

} // namespace

void releaseJson(Json& value) {
    if (value.is_structured()) releaseChildren(value, 0);
    value = nullptr;
}

void makeRoomForEntry(Json::object_t& entries) {
    if (entries.size() < entries.capacity()) return;
    Json::object_t grown;
    grown.reserve(entries.empty() ? 4 : 2 * entries.size());
    for (auto& entry : entries)
        grown.emplace_back(entry.first, std::move(entry.second));
    entries.swap(grown);
}

} // namespace flowcast::model
