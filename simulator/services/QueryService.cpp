#include "simulator/services/QueryService.h"
#include "simulator/services/SpecReader.h"

#include <algorithm>

namespace flowcast::sim {

namespace {

using model::Json;

constexpr double kBytesPerMb = 1024.0 * 1024.0;

// No published figure for Athena's planning time: Flowcast's guess, *weak*.
const Json& defaultPlanning() {
    static const Json spec = {{"uniform", {{"min", 0.3}, {"max", 1.5}}}};
    return spec;
}

} // namespace

QueryService::QueryService(Kernel& kernel, Probe& probe, std::string name, Config config)
    : ServiceModel(kernel, probe, std::move(name)), m_config(std::move(config)),
      m_runningSeries(probe.series(m_name + "/running")),
      m_queueSeries(probe.series(m_name + "/queue")),
      m_planningRandom(kernel.random(m_name + "/planning")),
      m_bytesRandom(kernel.random(m_name + "/bytesScanned")) {}

void QueryService::submit(Job&& job) {
    const SimTime now = m_kernel.now();
    m_probe.serviceSignal(m_id, ServiceSignal::Request, now);
    const std::uint64_t id = m_nextJob++;
    Held& held = m_jobs.emplace(id, Held{std::move(job), 0}).first->second;
    if (m_running < m_config.concurrentQueries) {
        start(id, held);
    } else {
        // Athena queues DML queries above the account's concurrency quota (service limits).
        m_queue.push_back(id);
        m_probe.serviceSignal(m_id, ServiceSignal::Queued, now);
    }
    emitLevels();
}

void QueryService::start(std::uint64_t id, Held& held) {
    ++m_running;
    held.bytes = held.job.bytesScanned;
    if (held.bytes <= 0 && m_config.bytesScanned)
        held.bytes = std::max(0.0, m_config.bytesScanned->sample(m_bytesRandom));
    const double planning = std::max(0.0, m_config.planningSeconds->sample(m_planningRandom));
    const SimTime duration =
        SimTime::fromSeconds(planning + held.bytes / m_config.scanBytesPerSecond) + held.job.work;
    m_kernel.schedule(duration, m_target, 0, id);
}

void QueryService::handle(const Event& event) {
    auto node = m_jobs.extract(event.payload);
    if (node.empty()) return;
    Held& held = node.mapped();
    --m_running;
    while (m_running < m_config.concurrentQueries && !m_queue.empty()) {
        const std::uint64_t next = m_queue.front();
        m_queue.pop_front();
        start(next, m_jobs.at(next));
    }
    emitLevels();
    TaskOutcome outcome = outcomeOf(held.job);
    // Athena rounds each query up to the MB and to its 10 MB minimum (the price book's rule),
    // so the rule is applied here, per query, not to a month's total; failed queries are free
    // (Athena pricing, REFERENCE-DATA.md).
    if (outcome.failed) {
        m_probe.serviceSignal(m_id, ServiceSignal::Failure, m_kernel.now());
    } else {
        m_probe.usage(m_id, UsageKind::BytesScanned, held.bytes);
        const double billedMb =
            m_config.billing.billed(model::Measure::DataMb, held.bytes / kBytesPerMb);
        m_probe.usage(m_id, UsageKind::BytesBilled, billedMb * kBytesPerMb);
    }
    // Last: the listener may submit the next query from inside taskFinished.
    complete(held.job, std::move(outcome));
}

void QueryService::emitLevels() {
    const SimTime now = m_kernel.now();
    m_probe.level(m_runningSeries, now, m_running);
    m_probe.level(m_queueSeries, now, static_cast<double>(m_queue.size()));
}

QueryService::Config QueryService::parseConfig(const model::Json& spec, const std::string& pointer,
                                               const std::filesystem::path& baseDir) {
    SpecReader reader(spec, pointer, "athena");
    reader.choice("kind", "athena", {"athena"});
    Config c;
    // 25 concurrent DML queries per region is the example quota in Athena's service limits
    // (REFERENCE-DATA.md); accounts differ.
    c.concurrentQueries = reader.integer("concurrentQueries", 25, 1, 100'000);
    c.planningSeconds = reader.distribution("planningSeconds", defaultPlanning(), baseDir);
    if (reader.has("bytesScanned"))
        c.bytesScanned = reader.distribution("bytesScanned", nullptr, baseDir);
    // 1 GB/s is Flowcast's placeholder, not a measured figure.
    c.scanBytesPerSecond = reader.number("scanBytesPerSecond", 1e9, 1, 1e15);
    reader.rejectUnknown();
    return c;
}

std::unique_ptr<QueryService> QueryService::fromJson(Kernel& kernel, Probe& probe, std::string name,
                                                     const model::Json& spec,
                                                     const std::string& pointer,
                                                     const std::filesystem::path& baseDir,
                                                     const model::PriceBook& prices) {
    Config config = parseConfig(spec, pointer, baseDir);
    config.billing = prices.at(kPriceId).rules;
    return std::make_unique<QueryService>(kernel, probe, std::move(name), std::move(config));
}

} // namespace flowcast::sim
