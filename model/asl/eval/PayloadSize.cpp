#include "model/asl/eval/PayloadSize.h"

#include <string>
#include <vector>

namespace flowcast::model::eval {

namespace {

// A JSON string with its quotes, escaped as nlohmann escapes (ensure_ascii off): the two-letter
// escapes, \u00XX for the other control characters, every other byte as it is.
std::size_t stringSize(const std::string& text) {
    std::size_t size = 2;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte == '"' || byte == '\\' || byte == '\b' || byte == '\f' || byte == '\n' ||
            byte == '\r' || byte == '\t')
            size += 2;
        else if (byte < 0x20)
            size += 6;
        else
            size += 1;
    }
    return size;
}

template <typename Unsigned> std::size_t digits(Unsigned value) {
    std::size_t n = 1;
    while (value >= 10) {
        value /= 10;
        ++n;
    }
    return n;
}

std::size_t scalarSize(const Json& value) {
    switch (value.type()) {
    case Json::value_t::null:
        return 4;
    case Json::value_t::boolean:
        return value.get<bool>() ? 4 : 5;
    case Json::value_t::string:
        return stringSize(value.get_ref<const std::string&>());
    case Json::value_t::number_unsigned:
        return digits(value.get<std::uint64_t>());
    case Json::value_t::number_integer: {
        const auto v = value.get<std::int64_t>();
        return v < 0 ? 1 + digits(0 - static_cast<std::uint64_t>(v))
                     : digits(static_cast<std::uint64_t>(v));
    }
    default: // a float: rare in payloads, and its shortest form is nlohmann's own business
        return value.dump().size();
    }
}

// Subtracts from `room` an upper bound of the value's text, found from lengths alone: a string
// byte takes at most 6 bytes (\u00XX), a number at most 24 ("-1.2345678901234567e-308"). False
// when the bound does not fit, or the value is deeper than `depth` (the caller then counts).
bool fitsBound(const Json& value, std::size_t& room, int depth) {
    const auto take = [&room](std::size_t bytes) {
        if (bytes > room) return false;
        room -= bytes;
        return true;
    };
    switch (value.type()) {
    case Json::value_t::object: {
        const auto& entries = value.get_ref<const Json::object_t&>();
        if (depth == 0 || !take(2 + 2 * entries.size())) return false; // braces, colons, commas
        for (const auto& [key, child] : entries)
            if (!take(2 + 6 * key.size()) || !fitsBound(child, room, depth - 1)) return false;
        return true;
    }
    case Json::value_t::array: {
        const auto& items = value.get_ref<const Json::array_t&>();
        if (depth == 0 || !take(2 + items.size())) return false;
        for (const Json& child : items)
            if (!fitsBound(child, room, depth - 1)) return false;
        return true;
    }
    case Json::value_t::string:
        return take(2 + 6 * value.get_ref<const std::string&>().size());
    case Json::value_t::null:
    case Json::value_t::boolean:
        return take(5);
    default:
        return take(24);
    }
}

} // namespace

bool fitsWithinBound(const Json& value, std::size_t& room) {
    return fitsBound(value, room, 64);
}

bool exceedsPayloadLimit(const Json& value, std::size_t limit) {
    std::size_t room = limit;
    if (fitsBound(value, room, 64)) return false;
    return payloadSize(value, limit) > limit;
}

std::size_t payloadSize(const Json& value, std::size_t stopAbove) {
    std::size_t size = 0;
    std::vector<const Json*> pending{&value};
    while (!pending.empty() && size <= stopAbove) {
        const Json& node = *pending.back();
        pending.pop_back();
        if (node.is_object()) {
            const auto& entries = node.get_ref<const Json::object_t&>();
            // {} plus, per entry, "key": and a comma between entries.
            size += 2 + (entries.empty() ? 0 : entries.size() - 1);
            for (const auto& [key, child] : entries) {
                size += stringSize(key) + 1;
                pending.push_back(&child);
            }
        } else if (node.is_array()) {
            const auto& items = node.get_ref<const Json::array_t&>();
            size += 2 + (items.empty() ? 0 : items.size() - 1);
            for (const Json& child : items)
                pending.push_back(&child);
        } else {
            size += scalarSize(node);
        }
    }
    return size;
}

} // namespace flowcast::model::eval
