// Cluster's scenario form, checked field by field.
#include "simulator/services/Cluster.h"
#include "simulator/services/SpecReader.h"

#include "model/scenario/ScenarioError.h"

#include <algorithm>

namespace flowcast::sim {

namespace {

using model::Json;

// EMR on EC2 cluster provisioning is reported at 5–20 min (community reports 2014–2019,
// REFERENCE-DATA.md; *weak*): uniform over that range until better data.
const Json& defaultProvisioning() {
    static const Json spec = {{"uniform", {{"min", 300}, {"max", 1200}}}};
    return spec;
}

// No source: Flowcast's guess at how long a terminating cluster keeps billing.
const Json& defaultTermination() {
    static const Json spec = {{"constant", 60}};
    return spec;
}

// EMR's AutoTerminationPolicy.IdleTimeout takes 60 s to 604,800 s (EMR API reference). The API
// has no default (no policy, no auto-termination); one hour is Flowcast's default.
constexpr double kIdleTimeoutMin = 60;
constexpr double kIdleTimeoutMax = 604'800;
constexpr double kIdleTimeoutDefault = 3'600;

// "HH:MM", 00:00 to 24:00, as an offset into the day.
SimTime timeOfDay(SpecReader& reader, std::string_view key) {
    if (!reader.has(key))
        throw model::ScenarioError(reader.pointer(key),
                                   "\"" + std::string(key) + "\" is required (\"HH:MM\")");
    const std::string text = reader.string(key, "");
    const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
    const bool shaped =
        text.size() == 5 && digit(0) && digit(1) && text[2] == ':' && digit(3) && digit(4);
    const int hours = shaped ? (text[0] - '0') * 10 + (text[1] - '0') : -1;
    const int minutes = shaped ? (text[3] - '0') * 10 + (text[4] - '0') : -1;
    if (!shaped || hours > 24 || minutes > 59 || (hours == 24 && minutes > 0))
        throw model::ScenarioError(reader.pointer(key),
                                   "\"" + std::string(key) +
                                       "\" must be a time of day from \"00:00\" to \"24:00\" "
                                       "(got \"" +
                                       text + "\")");
    return SimTime::fromSeconds((hours % 24) * 3600.0 + minutes * 60.0);
}

Cluster::DailySchedule parseSchedule(const Json& spec, const std::string& pointer) {
    SpecReader reader(spec, pointer, "schedule");
    const Cluster::DailySchedule s{timeOfDay(reader, "from"), timeOfDay(reader, "to")};
    reader.rejectUnknown();
    if (s.from == s.to)
        throw model::ScenarioError(reader.pointer("to"), "\"to\" must differ from \"from\"");
    return s;
}

Cluster::Autoscaling parseAutoscaling(const Json& spec, const std::string& pointer,
                                      const std::filesystem::path& baseDir) {
    SpecReader reader(spec, pointer, "autoscaling");
    Cluster::Autoscaling a;
    a.min = reader.integer("min", 2, 1, 10'000);
    a.max = reader.integer("max", std::max(10, a.min), a.min, 10'000);
    a.provisioningSeconds =
        reader.distribution("provisioningSeconds", defaultProvisioning(), baseDir);
    a.scaleInIdle = SimTime::fromSeconds(reader.number("scaleInIdleSeconds", 300, 0, 1e7));
    reader.rejectUnknown();
    return a;
}

void parsePerRun(SpecReader& reader, const Json& spec, Cluster::Config& c,
                 const std::filesystem::path& baseDir) {
    c.provisioningSeconds =
        reader.distribution("provisioningSeconds", defaultProvisioning(), baseDir);
    c.terminationSeconds = reader.distribution("terminationSeconds", defaultTermination(), baseDir);
    if (reader.has("autoTerminateIdleSeconds") && spec.at("autoTerminateIdleSeconds").is_null()) {
        reader.accept("autoTerminateIdleSeconds"); // null: no auto-termination, bill to the end
        return;
    }
    c.autoTerminateIdle = SimTime::fromSeconds(reader.number(
        "autoTerminateIdleSeconds", kIdleTimeoutDefault, kIdleTimeoutMin, kIdleTimeoutMax));
}

} // namespace

Cluster::Config Cluster::parseConfig(const model::Json& spec, const std::string& pointer,
                                     const std::filesystem::path& baseDir) {
    SpecReader reader(spec, pointer, "cluster");
    reader.choice("kind", "cluster", {"cluster"});
    Config c;
    const bool perRun = reader.choice("mode", "always-on", {"always-on", "per-run"}) == "per-run";
    c.mode = perRun ? Mode::PerRun : Mode::AlwaysOn;
    for (std::string_view key : {"schedule", "autoscaling"})
        if (perRun && reader.has(key)) reader.notAllowed(key, "it applies to always-on clusters");
    for (std::string_view key :
         {"provisioningSeconds", "terminationSeconds", "autoTerminateIdleSeconds"})
        if (!perRun && reader.has(key)) reader.notAllowed(key, "it applies to per-run clusters");
    c.slotsPerNode = reader.integer("slotsPerNode", 4, 1, 1'024);
    c.instanceType = reader.string("instanceType", "m5.xlarge");
    if (const Json* s = reader.object("schedule"))
        c.schedule = parseSchedule(*s, reader.pointer("schedule"));
    if (const Json* a = reader.object("autoscaling"))
        c.autoscaling = parseAutoscaling(*a, reader.pointer("autoscaling"), baseDir);
    // With autoscaling, "nodes" is the count at the start, within min and max.
    c.nodes = c.autoscaling ? reader.integer("nodes", c.autoscaling->min, c.autoscaling->min,
                                             c.autoscaling->max)
                            : reader.integer("nodes", 4, 1, 10'000);
    const int capacity = c.slotsPerNode * (c.autoscaling ? c.autoscaling->max : c.nodes);
    c.slotsPerJob = reader.integer("slotsPerJob", 1, 1, capacity);
    if (perRun) parsePerRun(reader, spec, c, baseDir);
    reader.rejectUnknown();
    return c;
}

std::unique_ptr<Cluster> Cluster::fromJson(Kernel& kernel, Probe& probe, std::string name,
                                           const model::Json& spec, const std::string& pointer,
                                           const std::filesystem::path& baseDir,
                                           const model::PriceBook& prices) {
    Config c = parseConfig(spec, pointer, baseDir);
    // An instance type the book lacks bills as simulated here; the cost engine refuses it with
    // the price's name, and a simulation without prices still runs.
    const auto rules = [&](const char* service) {
        const model::PriceItem* item = prices.find(service + c.instanceType);
        return item ? item->rules : model::RequestRules{};
    };
    c.instanceBilling = rules("ec2.");
    c.upliftBilling = rules("emr.");
    return std::make_unique<Cluster>(kernel, probe, std::move(name), std::move(c));
}

} // namespace flowcast::sim
