#include "simulator/workload/InputTemplate.h"

#include "model/asl/JsonPointer.h"
#include "model/scenario/ScenarioError.h"
#include "simulator/core/SpecObject.h"
#include "simulator/exec/VirtualClock.h"

#include <cmath>

namespace flowcast::sim {

using model::Json;

InputTemplate::InputTemplate() : m_document(std::make_shared<const Json>(Json::object())) {}

InputTemplate InputTemplate::parse(const Json& spec, const std::string& pointer,
                                   const std::filesystem::path& baseDir) {
    InputTemplate result;
    auto document = std::make_shared<Json>(spec);
    std::vector<Step> path;
    result.compile(*document, path, pointer, baseDir);
    result.m_document = std::move(document);
    return result;
}

void InputTemplate::compile(Json& node, std::vector<Step>& path, const std::string& pointer,
                            const std::filesystem::path& baseDir) {
    if (node.is_array()) {
        for (std::size_t i = 0; i < node.size(); ++i) {
            path.emplace_back(i);
            compile(node[i], path, model::pointerChild(pointer, i), baseDir);
            path.pop_back();
        }
        return;
    }
    if (!node.is_object()) return;
    const bool sample = node.contains("$sample");
    const bool index = node.contains("$index");
    const bool time = node.contains("$time");
    if (!sample && !index && !time) {
        for (auto it = node.begin(); it != node.end(); ++it) {
            path.emplace_back(it.key());
            compile(it.value(), path, model::pointerChild(pointer, it.key()), baseDir);
            path.pop_back();
        }
        return;
    }
    const SpecObject o(node, pointer, "template");
    Spot spot;
    spot.path = path;
    if (sample) {
        o.allowOnly({"$sample", "integer"});
        spot.distribution = parseDistribution(o.value("$sample"), o.pointer("$sample"), baseDir);
        spot.integer = o.boolean("integer", false);
    } else {
        const std::string_view key = index ? "$index" : "$time";
        o.allowOnly({key});
        if (o.value(key) != Json(true))
            o.fail(key, std::string(key) + " must be true, got " + o.value(key).dump());
        spot.kind = index ? Spot::Kind::Index : Spot::Kind::Time;
    }
    m_spots.push_back(std::move(spot));
    node = nullptr;
}

Json InputTemplate::valueAt(const Spot& spot, RandomStream& random, std::int64_t index,
                            SimTime time) const {
    switch (spot.kind) {
    case Spot::Kind::Index:
        return index;
    case Spot::Kind::Time:
        return isoTimestamp(time);
    case Spot::Kind::Sample:
        break;
    }
    const double x = spot.distribution->sample(random);
    if (spot.integer) return static_cast<std::int64_t>(std::llround(x));
    return x;
}

Json InputTemplate::instantiate(RandomStream& random, std::int64_t index, SimTime time) const {
    Json result = *m_document;
    for (const Spot& spot : m_spots) {
        Json* node = &result;
        for (const Step& step : spot.path) {
            if (const auto* key = std::get_if<std::string>(&step))
                node = &(*node)[*key];
            else
                node = &(*node)[std::get<std::size_t>(step)];
        }
        *node = valueAt(spot, random, index, time);
    }
    return result;
}

std::shared_ptr<const Json>
InputTemplate::instantiateShared(RandomStream& random, std::int64_t index, SimTime time) const {
    if (m_spots.empty()) return m_document;
    return std::make_shared<const Json>(instantiate(random, index, time));
}

} // namespace flowcast::sim
