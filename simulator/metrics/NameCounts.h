#pragma once
// NameCounts: how many times each name (an error such as "States.Timeout") occurred. Sorted by
// name, so JSON output and merges are deterministic; looked up by string_view, so counting a name
// already seen allocates nothing.
#include "model/asl/Json.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace flowcast::sim {

class NameCounts {
public:
    using Map = std::map<std::string, std::uint64_t, std::less<>>;

    void add(std::string_view name, std::uint64_t count = 1) {
        auto it = m_counts.find(name);
        if (it == m_counts.end()) it = m_counts.emplace(std::string(name), 0).first;
        it->second += count;
    }
    void merge(const NameCounts& other) {
        for (const auto& [name, count] : other.m_counts)
            add(name, count);
    }
    std::uint64_t count(std::string_view name) const {
        const auto it = m_counts.find(name);
        return it == m_counts.end() ? 0 : it->second;
    }
    const Map& entries() const { return m_counts; }

    /// {"name": count, ...} in name order (byte order of the UTF-8 names).
    model::Json toJson() const {
        model::Json json = model::Json::object();
        for (const auto& [name, count] : m_counts)
            json[name] = count;
        return json;
    }

    friend bool operator==(const NameCounts&, const NameCounts&) = default;

private:
    Map m_counts;
};

} // namespace flowcast::sim
