#include "simulator/cost/SizingSweep.h"

#include "model/scenario/ScenarioError.h"
#include "simulator/core/SpecObject.h"
#include "simulator/cost/Sensitivity.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace flowcast::cost {

using model::Json;

namespace {

struct AxisInfo {
    SweepAxis axis;
    const char* name;
    const char* unit;
    const char* kind;   ///< the service kind a sizing axis resizes
    const char* field;  ///< its size field
    double fallback;    ///< the field's default in the service model
    double least, most; ///< what the service model accepts
};

// Limits and defaults as the service models read them: FunctionPoolConfig (128 to 10,240 MB,
// default 1,024), JobService (1 to 100,000 workers, default 10), Cluster (1 to 10,000 nodes,
// default 4).
constexpr std::array<AxisInfo, 5> kAxes{{
    {SweepAxis::RunsPerDay, "runs-per-day", "executions a day", "", "", 0, 0, 0},
    {SweepAxis::RecordsPerDay, "records-per-day", "records a day", "", "", 0, 0, 0},
    {SweepAxis::LambdaMemory, "lambda-memory", "MB", "lambda", "memoryMb", 1024, 128, 10'240},
    {SweepAxis::GlueWorkers, "glue-workers", "workers", "glue", "workers", 10, 1, 100'000},
    {SweepAxis::ClusterNodes, "cluster-nodes", "nodes", "cluster", "nodes", 4, 1, 10'000},
}};

const AxisInfo& info(SweepAxis axis) {
    return *std::find_if(kAxes.begin(), kAxes.end(),
                         [axis](const AxisInfo& a) { return a.axis == axis; });
}

// A JSON Pointer token: "~" and "/" escaped (RFC 6901).
std::string token(const std::string& key) {
    std::string out;
    for (char c : key)
        out += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
    return out;
}

const Json* serviceSpec(const Json& document, const std::string& service) {
    const auto services = document.find("services");
    if (services == document.end() || !services->is_object()) return nullptr;
    const auto it = services->find(service);
    return it == services->end() || !it->is_object() ? nullptr : &*it;
}

double share(const sim::SpecObject& o, const char* key, double fallback) {
    if (!o.has(key)) return fallback;
    const double v = o.number(key);
    if (v < 0 || v > 1)
        throw model::ScenarioError(o.pointer(key), std::string(key) + " must be from 0 to 1, got " +
                                                       o.value(key).dump());
    return v;
}

// The work of one attempt multiplied by `factor`: a distribution scaled; a work model's
// start-up scaled and its rate per worker divided, so that start-up + records / rate scales
// as a whole.
void scaleWork(Json& duration, double factor) {
    const bool recordsForm =
        duration.is_object() &&
        (duration.contains("records") || duration.contains("recordsPerSecondPerWorker"));
    if (!recordsForm) return scaleDistribution(duration, factor);
    if (duration.contains("startup")) scaleDistribution(duration["startup"], factor);
    if (auto rate = duration.find("recordsPerSecondPerWorker");
        rate != duration.end() && rate->is_number())
        *rate = rate->get<double>() / factor;
}

} // namespace

std::optional<SweepAxis> sweepAxisFromName(std::string_view name) {
    for (const AxisInfo& a : kAxes)
        if (name == a.name) return a.axis;
    return std::nullopt;
}

std::string sweepAxisName(SweepAxis axis) {
    return info(axis).name;
}

bool isSizing(SweepAxis axis) {
    return *info(axis).kind != '\0';
}

std::string sweepUnit(SweepAxis axis) {
    return info(axis).unit;
}

std::pair<double, double> sizeLimits(SweepAxis axis) {
    return {info(axis).least, info(axis).most};
}

SizingModel sizingModelOf(const model::Scenario& scenario, SweepAxis axis,
                          const std::string& service) {
    SizingModel m;
    const Json& section = scenario.section("sizing");
    if (section.is_null()) return m;
    if (!section.is_object())
        throw model::ScenarioError("/sizing", "\"sizing\" must be an object keyed by service name");
    const auto it = section.find(service);
    if (it == section.end()) return m;
    const sim::SpecObject o(*it, "/sizing/" + token(service), "sizing");
    if (axis == SweepAxis::LambdaMemory) {
        o.allowOnly({"mbPerVcpu", "threads", "cpuShare"});
        if (o.has("mbPerVcpu")) m.mbPerVcpu = o.positive("mbPerVcpu");
        if (o.has("threads")) m.threads = o.positive("threads");
        m.cpuShare = share(o, "cpuShare", m.cpuShare);
    } else {
        o.allowOnly({"parallelShare"});
        m.parallelShare = share(o, "parallelShare", m.parallelShare);
    }
    return m;
}

double lambdaDurationFactor(const SizingModel& model, double fromMb, double toMb) {
    const auto speed = [&](double mb) { return std::min(mb / model.mbPerVcpu, model.threads); };
    return 1 - model.cpuShare + model.cpuShare * speed(fromMb) / speed(toMb);
}

double amdahlDurationFactor(double parallelShare, double from, double to) {
    return 1 - parallelShare + parallelShare * from / to;
}

std::optional<std::string> sizingTarget(const model::Scenario& scenario, SweepAxis axis,
                                        const std::string& requested, std::string& why) {
    const AxisInfo& a = info(axis);
    std::vector<std::string> found;
    const Json& services = scenario.section("services");
    if (services.is_object())
        for (const auto& [name, spec] : services.items())
            if (spec.is_object() && spec.value("kind", "") == a.kind &&
                (requested.empty() || name == requested))
                found.push_back(name);
    if (found.empty()) {
        why = requested.empty()
                  ? std::string("has no ") + a.kind + " service"
                  : "has no " + std::string(a.kind) + " service \"" + requested + "\"";
        return std::nullopt;
    }
    if (found.size() > 1) {
        std::string list;
        for (const std::string& n : found)
            list += (list.empty() ? "" : ", ") + n;
        throw std::invalid_argument(std::string("several ") + a.kind + " services (" + list +
                                    "): name one with --service");
    }
    bool serves = false;
    const Json& states = scenario.section("states");
    if (states.is_object())
        for (const auto& [name, state] : states.items())
            serves = serves || (state.is_object() && state.value("service", "") == found[0]);
    if (!serves) {
        why = "no state runs on its " + std::string(a.kind) + " service \"" + found[0] + "\"";
        return std::nullopt;
    }
    if (axis == SweepAxis::ClusterNodes && serviceSpec(scenario.document, found[0]) &&
        serviceSpec(scenario.document, found[0])->contains("autoscaling")) {
        why = "its cluster \"" + found[0] + "\" autoscales";
        return std::nullopt;
    }
    return found[0];
}

double configuredSize(const model::Scenario& scenario, SweepAxis axis, const std::string& service) {
    const Json* spec = serviceSpec(scenario.document, service);
    const AxisInfo& a = info(axis);
    if (!spec || !spec->contains(a.field) || !(*spec)[a.field].is_number()) return a.fallback;
    return (*spec)[a.field].get<double>();
}

model::Scenario sized(const model::Scenario& scenario, SweepAxis axis, const std::string& service,
                      double size) {
    const AxisInfo& a = info(axis);
    const SizingModel m = sizingModelOf(scenario, axis, service);
    const double configured = configuredSize(scenario, axis, service);
    Json document = scenario.document;
    Json& spec = document["services"][service];
    spec[a.field] = static_cast<std::int64_t>(std::llround(size));
    double factor = 1;
    if (axis == SweepAxis::LambdaMemory) {
        factor = lambdaDurationFactor(m, configured, size);
    } else if (axis == SweepAxis::GlueWorkers) {
        factor = amdahlDurationFactor(m.parallelShare, configured, size);
    } else {
        // The job keeps its share of the cluster: its slots grow with the nodes, within the
        // cluster's capacity, and its work is spread over them.
        const auto perNode = spec.value("slotsPerNode", std::int64_t{4});
        const auto slots = spec.value("slotsPerJob", std::int64_t{1});
        const std::int64_t capacity = perNode * std::llround(size);
        const std::int64_t scaled = std::clamp<std::int64_t>(
            std::llround(static_cast<double>(slots) * size / configured), 1, capacity);
        spec["slotsPerJob"] = scaled;
        factor = amdahlDurationFactor(m.parallelShare, static_cast<double>(slots),
                                      static_cast<double>(scaled));
    }
    if (auto states = document.find("states"); states != document.end() && states->is_object())
        for (auto& [name, state] : states->items())
            if (state.is_object() && state.value("service", "") == service &&
                state.contains("duration"))
                scaleWork(state["duration"], factor);
    model::Scenario out = model::Scenario::fromJson(std::move(document), scenario.file);
    out.definition = scenario.definition;
    return out;
}

std::string sizingStrategyName(SizingStrategy strategy) {
    switch (strategy) {
    case SizingStrategy::Cost:
        return "cost";
    case SizingStrategy::Speed:
        return "speed";
    case SizingStrategy::Balanced:
        return "balanced";
    }
    return {};
}

std::optional<std::size_t> bestSize(SizingStrategy strategy, const std::vector<SizingCandidate>& c,
                                    double weight) {
    if (c.empty()) return std::nullopt;
    double maxCost = 0, maxDuration = 0;
    for (const SizingCandidate& x : c) {
        maxCost = std::max(maxCost, x.costUsd);
        maxDuration = std::max(maxDuration, x.durationSeconds);
    }
    // analyzer.js divides by the maxima; all-zero figures would give NaN there, 0 here.
    const auto ratio = [](double v, double max) { return max > 0 ? v / max : 0.0; };
    const auto before = [&](const SizingCandidate& l, const SizingCandidate& r) {
        switch (strategy) {
        case SizingStrategy::Cost:
            return l.costUsd != r.costUsd ? l.costUsd < r.costUsd
                                          : l.durationSeconds < r.durationSeconds;
        case SizingStrategy::Speed:
            return l.durationSeconds != r.durationSeconds ? l.durationSeconds < r.durationSeconds
                                                          : l.costUsd < r.costUsd;
        case SizingStrategy::Balanced:
            break;
        }
        const auto value = [&](const SizingCandidate& x) {
            return weight * ratio(x.costUsd, maxCost) +
                   (1 - weight) * ratio(x.durationSeconds, maxDuration);
        };
        return value(l) < value(r);
    };
    // The first of the best (a stable sort's first element, as in analyzer.js).
    std::size_t best = 0;
    for (std::size_t i = 1; i < c.size(); ++i)
        if (before(c[i], c[best])) best = i;
    return best;
}

} // namespace flowcast::cost
