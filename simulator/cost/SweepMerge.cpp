// Merging a sharded sweep's parts: every check names the file that fails it.
#include "simulator/cost/SweepResult.h"

#include <map>

namespace flowcast::cost {

using model::Json;

namespace {

// The first key whose value differs between two "sweep" objects.
std::string firstDifference(const Json& a, const Json& b) {
    for (const auto& [key, value] : a.items())
        if (!b.contains(key) || b.at(key) != value) return key;
    for (const auto& [key, value] : b.items())
        if (!a.contains(key)) return key;
    return {};
}

} // namespace

SweepResult mergeSweepParts(const std::vector<std::pair<std::string, Json>>& parts) {
    if (parts.empty()) throw SweepPartError("", "no parts to merge");
    SweepResult result;
    std::map<std::size_t, std::string> seen; // shard index → its file
    std::map<std::size_t, SweepRow> rows;
    const std::string& first = parts.front().first;
    std::size_t count = 0;
    for (const auto& [file, part] : parts) {
        if (!part.is_object() || part.value("kind", "") != "flowcast-sweep-part")
            throw SweepPartError(file, "is not a sweep part (flowcast-cli sweep --shard I/N -o "
                                       "FILE writes one)");
        Shard shard;
        try {
            const Json& sweep = part.at("sweep");
            if (&part == &parts.front().second) {
                result.spec = SweepSpec::fromJson(sweep);
            } else if (sweep != parts.front().second.at("sweep")) {
                const std::string key = firstDifference(sweep, parts.front().second.at("sweep"));
                throw SweepPartError(file, "belongs to another sweep than " + first + ": its \"" +
                                               key + "\" differs");
            }
            shard = {part.at("shard").at("index").get<std::size_t>(),
                     part.at("shard").at("count").get<std::size_t>()};
            if (shard.count == 0 || shard.index >= shard.count)
                throw SweepPartError(file, "is shard " + std::to_string(shard.index) + "/" +
                                               std::to_string(shard.count) +
                                               ", out of range (0 <= I < N)");
            if (count == 0) count = shard.count;
            if (shard.count != count)
                throw SweepPartError(file, "is a shard of " + std::to_string(shard.count) +
                                               " but " + first + " is a shard of " +
                                               std::to_string(count));
            if (auto [it, added] = seen.emplace(shard.index, file); !added)
                throw SweepPartError(file, "is shard " + std::to_string(shard.index) + "/" +
                                               std::to_string(count) + " again (already given by " +
                                               it->second + ")");
            for (const Json& p : part.at("points")) {
                SweepRow row = sweepRowFromJson(p);
                if (row.index >= result.spec.grid.size() || !shard.owns(row.index) ||
                    row.value != result.spec.grid[row.index] ||
                    row.deployments.size() != result.spec.deployments.size() ||
                    rows.count(row.index))
                    throw SweepPartError(
                        file, "holds a point that is not shard " + std::to_string(shard.index) +
                                  "/" + std::to_string(count) + "'s: " + p.at("value").dump());
                rows.emplace(row.index, std::move(row));
            }
        } catch (const std::invalid_argument& e) {
            throw SweepPartError(file, e.what());
        } catch (const Json::exception& e) {
            throw SweepPartError(file, std::string("is malformed: ") + e.what());
        }
    }
    for (std::size_t i = 0; i < count; ++i)
        if (!seen.count(i))
            throw SweepPartError("", "shard " + std::to_string(i) + "/" + std::to_string(count) +
                                         " is missing (merge needs every part of the sweep)");
    for (std::size_t k = 0; k < result.spec.grid.size(); ++k) {
        const auto it = rows.find(k);
        if (it == rows.end())
            throw SweepPartError(seen.at(k % count),
                                 "lacks its point " + std::to_string(k) + " (a part cut short?)");
        result.rows.push_back(std::move(it->second));
    }
    return result;
}

} // namespace flowcast::cost
