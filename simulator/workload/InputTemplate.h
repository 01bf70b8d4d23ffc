#pragma once
// The input an arrival starts its execution with: any JSON, in which these objects are dynamic
// spots, replaced per arrival:
//   {"$sample": <distribution>, "integer": true}   a sample (rounded to a whole number if asked)
//   {"$index": true}                               the arrival's 0-based index
//   {"$time": true}                                its virtual time, "2026-01-01T00:02:00.000Z"
// Compiled once: the spots are found when parsing, so an arrival only copies the document and
// fills them, and a template without spots hands out one shared document. Immutable; share it.
#include "model/asl/Json.h"
#include "simulator/core/RandomStream.h"
#include "simulator/core/SimTime.h"
#include "simulator/services/Distribution.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace flowcast::sim {

class InputTemplate {
public:
    /// The empty object {}.
    InputTemplate();
    /// Throws model::ScenarioError naming the bad spot (e.g. "/input/size/$sample").
    static InputTemplate parse(const model::Json& spec, const std::string& pointer,
                               const std::filesystem::path& baseDir = {});

    /// True when the template has no dynamic spots: every instance is the same document.
    bool isStatic() const { return m_spots.empty(); }
    /// The input of arrival `index` at `time`; draws from `random` once per $sample spot, in
    /// document order.
    model::Json instantiate(RandomStream& random, std::int64_t index, SimTime time) const;
    /// The same as a shared document: a static template returns the one it holds (no copy).
    std::shared_ptr<const model::Json> instantiateShared(RandomStream& random, std::int64_t index,
                                                         SimTime time) const;

private:
    using Step = std::variant<std::string, std::size_t>; ///< object key or array index
    struct Spot {
        enum class Kind { Sample, Index, Time } kind = Kind::Sample;
        std::vector<Step> path; ///< from the root to the spot
        std::shared_ptr<const Distribution> distribution;
        bool integer = false;
    };

    void compile(model::Json& node, std::vector<Step>& path, const std::string& pointer,
                 const std::filesystem::path& baseDir);
    model::Json valueAt(const Spot& spot, RandomStream& random, std::int64_t index,
                        SimTime time) const;

    std::shared_ptr<const model::Json> m_document; ///< the template, spots set to null
    std::vector<Spot> m_spots;                     ///< in document order
};

} // namespace flowcast::sim
