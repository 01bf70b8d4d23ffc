#include "simulator/metrics/Metrics.h"

#include <algorithm>
#include <stdexcept>
#include <string_view>

namespace flowcast::sim {

namespace {

using namespace std::string_view_literals;

// Key names, indexed by the enums' values. Status names are AWS's (DescribeExecution).
constexpr std::array kStatusNames = {"SUCCEEDED"sv, "FAILED"sv, "TIMED_OUT"sv, "ABORTED"sv};
constexpr std::array kResultNames = {"succeeded"sv, "caught"sv, "failed"sv, "aborted"sv};
constexpr std::array kSignalNames = {"requests"sv, "coldStarts"sv, "throttles"sv, "failures"sv,
                                     "queued"sv};
static_assert(kStatusNames.size() == Metrics::kStatuses);
static_assert(kResultNames.size() == Metrics::kResults);
static_assert(kSignalNames.size() == Metrics::kSignals);
const std::vector<std::string_view> kActivityNames = {"started"sv, "succeeded"sv, "failed"sv,
                                                      "retries"sv, "throttles"sv, "coldStarts"sv};

constexpr std::string_view kTimeoutError = "States.Timeout";
constexpr double kUsPerSecond = 1e6;

template <std::size_t N>
model::Json countsJson(const std::array<std::uint64_t, N>& counts,
                       const std::array<std::string_view, N>& names) {
    model::Json json = model::Json::object();
    for (std::size_t i = 0; i < N; ++i)
        json[std::string(names[i])] = counts[i];
    return json;
}

template <std::size_t N>
void addCounts(std::array<std::uint64_t, N>& into, const std::array<std::uint64_t, N>& from) {
    for (std::size_t i = 0; i < N; ++i)
        into[i] += from[i];
}

/// "#7" for an id beyond the names given.
std::string nameOf(const std::vector<std::string>& names, std::size_t id) {
    return id < names.size() ? names[id] : "#" + std::to_string(id);
}

template <typename T> T& grow(std::vector<T>& items, std::size_t index) {
    if (index >= items.size()) items.resize(index + 1);
    return items[index];
}

} // namespace

// ---- figures ----------------------------------------------------------------------------

void Metrics::ExecutionStats::merge(const ExecutionStats& other) {
    started += other.started;
    ended += other.ended;
    addCounts(byStatus, other.byStatus);
    errors.merge(other.errors);
    latency.merge(other.latency);
    stateTransitions += other.stateTransitions;
    historyEvents += other.historyEvents;
    records += other.records;
    expressChildExecutions += other.expressChildExecutions;
    expressChildBilledSeconds.add(other.expressChildBilledSeconds);
    expressBilledSeconds.add(other.expressBilledSeconds);
}

std::uint64_t Metrics::StateStats::visits() const {
    std::uint64_t total = 0;
    for (auto count : byResult)
        total += count;
    return total;
}

void Metrics::StateStats::merge(const StateStats& other) {
    latency.merge(other.latency);
    addCounts(byResult, other.byResult);
    retries += other.retries;
    timeouts += other.timeouts;
    errors.merge(other.errors);
}

std::optional<double> Metrics::ServiceStats::utilisation() const {
    const double busy = usageOf(UsageKind::NodeSecondsBusy);
    const double idle = usageOf(UsageKind::NodeSecondsIdle);
    if (busy + idle <= 0.0) return std::nullopt;
    return busy / (busy + idle);
}

void Metrics::ServiceStats::merge(const ServiceStats& other) {
    addCounts(signalCounts, other.signalCounts);
    for (std::size_t k = 0; k < kUsageKinds; ++k)
        usage[k].add(other.usage[k]);
}

// ---- observing ----------------------------------------------------------------------------

Metrics::Metrics(std::vector<std::string> stateNames, SimTime levelBucketWidth,
                 std::size_t maxLevelBuckets)
    : m_stateNames(std::move(stateNames)), m_levelWidth(levelBucketWidth),
      m_maxLevelBuckets(maxLevelBuckets), m_states(m_stateNames.size()),
      m_activity(kActivities, levelBucketWidth, maxLevelBuckets) {
    newSeries(); // rejects bad level settings now rather than at the first level()
}

void Metrics::executionStarted(std::uint64_t, SimTime time) {
    ++m_executions.started;
    m_activity.add(static_cast<std::size_t>(Activity::Started), time);
}

void Metrics::executionEnded(const ExecutionEnded& r) {
    ExecutionStats& e = m_executions;
    ++e.ended;
    ++e.byStatus[static_cast<std::size_t>(r.status)];
    if (r.status != EndStatus::Succeeded && !r.error.empty()) e.errors.add(r.error);
    e.latency.add((r.ended - r.started).us);
    e.stateTransitions += r.stateTransitions;
    e.historyEvents += r.historyEvents;
    e.expressChildExecutions += static_cast<std::uint64_t>(r.expressChildExecutions);
    e.expressChildBilledSeconds.add(r.expressChildBilledSeconds);
    e.expressBilledSeconds.add(r.expressBilledSeconds);
    const Activity ended =
        r.status == EndStatus::Succeeded ? Activity::Succeeded : Activity::Failed;
    m_activity.add(static_cast<std::size_t>(ended), r.ended);
}

void Metrics::stateEnded(const StateEnded& r) {
    StateStats& s = grow(m_states, r.state);
    s.latency.add((r.exited - r.entered).us);
    ++s.byResult[static_cast<std::size_t>(r.result)];
    s.retries += static_cast<std::uint64_t>(std::max(r.retries, 0));
    if (r.retries > 0)
        m_activity.add(static_cast<std::size_t>(Activity::Retries), r.exited,
                       static_cast<std::uint64_t>(r.retries));
    if (!r.error.empty()) {
        s.errors.add(r.error);
        if (r.error == kTimeoutError) ++s.timeouts;
    }
}

void Metrics::serviceSignal(std::uint32_t service, ServiceSignal signal, SimTime time) {
    ++grow(m_services, service).signalCounts[static_cast<std::size_t>(signal)];
    if (signal == ServiceSignal::Throttle)
        m_activity.add(static_cast<std::size_t>(Activity::Throttles), time);
    else if (signal == ServiceSignal::ColdStart)
        m_activity.add(static_cast<std::size_t>(Activity::ColdStarts), time);
}

void Metrics::level(std::uint32_t series, SimTime time, double value) {
    auto& slot = grow(m_levels, series);
    if (!slot) slot.emplace(newSeries());
    slot->set(time, value);
}

void Metrics::usage(std::uint32_t service, UsageKind kind, double amount) {
    grow(m_services, service).usage[static_cast<std::size_t>(kind)].add(amount);
}

// ---- runs ---------------------------------------------------------------------------------

void Metrics::finish(SimTime end, std::size_t seriesCount) {
    if (m_runs != 0) throw std::logic_error("Metrics::finish: this already holds a finished run");
    if (seriesCount > m_levels.size()) m_levels.resize(seriesCount);
    for (auto& slot : m_levels) {
        if (!slot) slot.emplace(newSeries());
        slot->finish(end);
    }
    m_activity.finish(end);
    m_runs = 1;
    m_simulatedUs = end.us;
}

void Metrics::merge(const Metrics& other) {
    if (m_stateNames != other.m_stateNames)
        throw std::invalid_argument("Metrics::merge: the runs have different state names");
    if (m_levelWidth != other.m_levelWidth || m_maxLevelBuckets != other.m_maxLevelBuckets)
        throw std::invalid_argument("Metrics::merge: the runs have different level settings");
    // Check before changing anything, so a refused merge leaves this Metrics as it was.
    for (std::size_t i = 0; i < other.m_levels.size(); ++i) {
        const LevelSeries* mine = levelSeries(i);
        if (other.m_levels[i] &&
            (!other.m_levels[i]->isFinished() || (mine && !mine->isFinished())))
            throw std::logic_error("Metrics::merge: finish() both runs first");
    }
    // A finished run merges into a finished one or into one that saw nothing yet (the fresh
    // Metrics the replications merge into); unfinished runs merge with unfinished ones.
    const bool mixed = m_activity.isFinished() != other.m_activity.isFinished();
    const bool mineEmpty = !m_activity.isFinished() && m_activity.bucketCount() == 0;
    const bool otherEmpty = !other.m_activity.isFinished() && other.m_activity.bucketCount() == 0;
    if (mixed && !mineEmpty && !otherEmpty)
        throw std::logic_error("Metrics::merge: finish() both runs first");
    m_executions.merge(other.m_executions);
    for (std::size_t i = 0; i < other.m_states.size(); ++i)
        grow(m_states, i).merge(other.m_states[i]);
    for (std::size_t i = 0; i < other.m_services.size(); ++i)
        grow(m_services, i).merge(other.m_services[i]);
    for (std::size_t i = 0; i < other.m_levels.size(); ++i) {
        if (!other.m_levels[i]) continue;
        auto& slot = grow(m_levels, i);
        if (slot)
            slot->merge(*other.m_levels[i]);
        else
            slot = other.m_levels[i];
    }
    if (!mixed)
        m_activity.merge(other.m_activity);
    else if (mineEmpty)
        m_activity = other.m_activity;
    m_runs += other.m_runs;
    m_simulatedUs += other.m_simulatedUs;
}

const Metrics::StateStats& Metrics::state(std::size_t index) const {
    static const StateStats kEmpty;
    return index < m_states.size() ? m_states[index] : kEmpty;
}

const Metrics::ServiceStats& Metrics::service(std::size_t id) const {
    static const ServiceStats kEmpty;
    return id < m_services.size() ? m_services[id] : kEmpty;
}

const LevelSeries* Metrics::levelSeries(std::size_t id) const {
    return id < m_levels.size() && m_levels[id] ? &*m_levels[id] : nullptr;
}

// ---- JSON ---------------------------------------------------------------------------------

model::Json Metrics::toJson(const Probe& probe) const {
    return toJson(probe.serviceNames(), probe.seriesNames());
}

model::Json Metrics::toJson(const std::vector<std::string>& serviceNames,
                            const std::vector<std::string>& seriesNames) const {
    model::Json json = model::Json::object();
    json["runs"] = m_runs;
    json["simulatedSeconds"] = static_cast<double>(m_simulatedUs) / kUsPerSecond;
    json["executions"] = executionsJson();
    json["states"] = statesJson();
    json["services"] = servicesJson(serviceNames);
    json["levels"] = levelsJson(seriesNames);
    json["activity"] = m_activity.toJson(kActivityNames);
    return json;
}

model::Json Metrics::executionsJson() const {
    const ExecutionStats& e = m_executions;
    model::Json json = model::Json::object();
    json["started"] = e.started;
    json["ended"] = e.ended;
    json["byStatus"] = countsJson(e.byStatus, kStatusNames);
    json["errors"] = e.errors.toJson();
    json["latency"] = e.latency.toJson();
    json["stateTransitions"] = e.stateTransitions;
    json["historyEvents"] = e.historyEvents;
    json["records"] = e.records;
    if (!e.expressBilledSeconds.isZero())
        json["expressBilledSeconds"] = e.expressBilledSeconds.value();
    if (e.expressChildExecutions) { // distributed Maps with Express children only
        json["expressChildExecutions"] = e.expressChildExecutions;
        json["expressChildBilledSeconds"] = e.expressChildBilledSeconds.value();
    }
    return json;
}

model::Json Metrics::statesJson() const {
    model::Json json = model::Json::array();
    for (std::size_t i = 0; i < std::max(m_stateNames.size(), m_states.size()); ++i) {
        const StateStats& s = state(i);
        model::Json entry = model::Json::object();
        entry["name"] = nameOf(m_stateNames, i);
        entry["visits"] = s.visits();
        entry["byResult"] = countsJson(s.byResult, kResultNames);
        entry["retries"] = s.retries;
        entry["timeouts"] = s.timeouts;
        entry["errors"] = s.errors.toJson();
        entry["latency"] = s.latency.toJson();
        json.push_back(std::move(entry));
    }
    return json;
}

model::Json Metrics::servicesJson(const std::vector<std::string>& names) const {
    model::Json json = model::Json::array();
    for (std::size_t i = 0; i < std::max(names.size(), m_services.size()); ++i) {
        const ServiceStats& s = service(i);
        model::Json usage = model::Json::object();
        for (std::size_t k = 0; k < kUsageKinds; ++k)
            usage[std::string(usageKindName(static_cast<UsageKind>(k)))] = s.usage[k].value();
        model::Json entry = model::Json::object();
        entry["name"] = nameOf(names, i);
        entry["signals"] = countsJson(s.signalCounts, kSignalNames);
        entry["usage"] = std::move(usage);
        const auto utilisation = s.utilisation();
        entry["utilisation"] = utilisation ? model::Json(*utilisation) : model::Json(nullptr);
        json.push_back(std::move(entry));
    }
    return json;
}

model::Json Metrics::levelsJson(const std::vector<std::string>& names) const {
    model::Json json = model::Json::array();
    for (std::size_t i = 0; i < std::max(names.size(), m_levels.size()); ++i) {
        const LevelSeries* series = levelSeries(i);
        const model::Json figures = series ? series->toJson() : newSeries().toJson();
        model::Json entry = model::Json::object();
        entry["name"] = nameOf(names, i);
        for (const auto& [key, value] : figures.items())
            entry[key] = value;
        json.push_back(std::move(entry));
    }
    return json;
}

} // namespace flowcast::sim
