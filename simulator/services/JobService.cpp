#include "simulator/services/JobService.h"
#include "simulator/services/SpecReader.h"

#include "model/scenario/ScenarioError.h"
#include "simulator/core/Billing.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace flowcast::sim {

namespace {

using model::Json;

// Glue 2.0+ starts in "tens of seconds" (AWS re:Invent 2020; no authoritative figure:
// REFERENCE-DATA.md, *weak*).
const Json& defaultStartup() {
    static const Json spec = {{"uniform", {{"min", 10}, {"max", 60}}}};
    return spec;
}

// Flex "waits for spare capacity" (Glue docs) without a figure: Flowcast's guess, *weak*.
const Json& defaultFlexDelay() {
    static const Json spec = {{"exponential", {{"mean", 120}}}};
    return spec;
}

SimTime seconds(double s) {
    return SimTime::fromSeconds(std::max(0.0, s));
}

} // namespace

JobService::JobService(Kernel& kernel, Probe& probe, std::string name, Config config)
    : ServiceModel(kernel, probe, std::move(name)), m_config(std::move(config)),
      m_runningSeries(probe.series(m_name + "/running")),
      m_queueSeries(probe.series(m_name + "/queue")),
      m_startupRandom(kernel.random(m_name + "/startup")),
      m_flexRandom(kernel.random(m_name + "/flexDelay")) {}

// Glue worker types (Glue developer guide, "AWS Glue worker types"; CDK WorkerType): a DPU is
// 4 vCPU and 16 GB; R types count memory-optimised M-DPUs, Z.2X two high-memory M-DPUs.
double JobService::dpuPerWorker(std::string_view workerType) {
    static const std::pair<std::string_view, double> kTypes[] = {
        {"Standard", 1}, {"G.025X", 0.25}, {"G.1X", 1},   {"G.2X", 2}, {"G.4X", 4},
        {"G.8X", 8},     {"G.12X", 12},    {"G.16X", 16}, {"R.1X", 1}, {"R.2X", 2},
        {"R.4X", 4},     {"R.8X", 8},      {"Z.2X", 2}};
    for (const auto& [type, dpu] : kTypes)
        if (type == workerType) return dpu;
    return 0;
}

const char* JobService::limitError() const {
    // StartJobRun over the job's MaxConcurrentRuns; StartCrawler on a running crawler (Glue API).
    return m_config.kind == Kind::Crawler ? "Glue.CrawlerRunningException"
                                          : "Glue.ConcurrentRunsExceededException";
}

void JobService::submit(Job&& job) {
    const SimTime now = m_kernel.now();
    m_probe.serviceSignal(m_id, ServiceSignal::Request, now);
    const std::uint64_t id = m_nextJob++;
    Held& held = m_jobs.emplace(id, Held{std::move(job), 0, {}}).first->second;
    if (m_running < m_config.maxConcurrentRuns) {
        start(id, held);
    } else if (m_config.onLimit == OnLimit::Queue) {
        m_queue.push_back(id);
        m_probe.serviceSignal(m_id, ServiceSignal::Queued, now);
    } else {
        // Glue refuses the run at once: "An error is returned when this threshold is reached"
        // (Glue API, ExecutionProperty.MaxConcurrentRuns, default 1).
        m_probe.serviceSignal(m_id, ServiceSignal::Throttle, now);
        held.verdict = TaskOutcome::failure(
            limitError(), "'" + m_name + "' already has " + std::to_string(m_running) +
                              " run(s) in progress; maxConcurrentRuns is " +
                              std::to_string(m_config.maxConcurrentRuns));
        m_kernel.schedule(SimTime{}, m_target, kAnswer, id);
    }
    emitLevels();
}

void JobService::start(std::uint64_t id, Held& held) {
    ++m_running;
    // A Flex run counts against the limit while it waits for capacity; the wait is not billed.
    const SimTime flexDelay =
        m_config.flex ? seconds(m_config.flexDelaySeconds->sample(m_flexRandom)) : SimTime{};
    const SimTime startup = seconds(m_config.startupSeconds->sample(m_startupRandom));
    const SimTime runs = startup + held.job.work;
    // Each run is rounded up and raised to its minimum on its own, as the price book's rule
    // says (Glue pricing: per second, ETL 1 minute for Glue 2.0+). Failed runs are billed like
    // any other.
    const double billedSeconds = billedMilliseconds(m_config.billing, runs) / 1000.0;
    held.billedDpuSeconds = m_config.workers * m_config.dpuPerWorker * billedSeconds;
    m_kernel.schedule(flexDelay + runs, m_target, kRunEnd, id);
}

void JobService::handle(const Event& event) {
    auto node = m_jobs.extract(event.payload);
    if (node.empty()) return;
    Held& held = node.mapped();
    TaskOutcome outcome;
    if (event.kind == kAnswer) {
        outcome = std::move(*held.verdict);
    } else if (event.kind == kRunEnd) {
        // One call per run, so that an observer sees each run's billed amount.
        m_probe.usage(m_id, UsageKind::DpuSeconds, held.billedDpuSeconds);
        --m_running;
        while (m_running < m_config.maxConcurrentRuns && !m_queue.empty()) {
            const std::uint64_t next = m_queue.front();
            m_queue.pop_front();
            start(next, m_jobs.at(next));
        }
        emitLevels();
        outcome = outcomeOf(held.job);
    } else {
        throw std::logic_error("JobService: unknown event kind");
    }
    // Last: the listener may submit the next run from inside taskFinished.
    if (outcome.failed) m_probe.serviceSignal(m_id, ServiceSignal::Failure, m_kernel.now());
    complete(held.job, std::move(outcome));
}

void JobService::emitLevels() {
    const SimTime now = m_kernel.now();
    m_probe.level(m_runningSeries, now, m_running);
    m_probe.level(m_queueSeries, now, static_cast<double>(m_queue.size()));
}

JobService::Config JobService::parseConfig(const model::Json& spec, const std::string& pointer,
                                           const std::filesystem::path& baseDir) {
    SpecReader reader(spec, pointer, "glue");
    Config c;
    const bool crawler = reader.choice("kind", "glue", {"glue", "glue-crawler"}) == "glue-crawler";
    c.kind = crawler ? Kind::Crawler : Kind::Etl;
    for (std::string_view key : {"flex", "flexDelaySeconds"})
        if (crawler && reader.has(key)) reader.notAllowed(key, "crawlers have no Flex class");
    // Crawlers: priced per DPU-hour like ETL jobs, with their own minimum per crawl (the price
    // book's glue.crawler.dpuHours: 10 minutes); 2 DPU is Flowcast's default.
    c.workers = reader.integer("workers", crawler ? 2 : 10, 1, 100'000);
    c.workerType = reader.string("workerType", "G.1X");
    c.dpuPerWorker = dpuPerWorker(c.workerType);
    if (c.dpuPerWorker == 0)
        throw model::ScenarioError(reader.pointer("workerType"),
                                   "unknown Glue worker type \"" + c.workerType +
                                       "\" (Standard, G.025X, G.1X, G.2X, G.4X, G.8X, G.12X, "
                                       "G.16X, R.1X, R.2X, R.4X, R.8X or Z.2X)");
    c.startupSeconds = reader.distribution("startupSeconds", defaultStartup(), baseDir);
    c.flex = reader.boolean("flex", false);
    c.flexDelaySeconds = reader.distribution("flexDelaySeconds", defaultFlexDelay(), baseDir);
    c.maxConcurrentRuns = reader.integer("maxConcurrentRuns", 1, 1, 100'000);
    c.onLimit = reader.choice("onLimit", "fail", {"fail", "queue"}) == "queue" ? OnLimit::Queue
                                                                               : OnLimit::Fail;
    c.billing = model::PriceBook::defaults().at(priceId(c)).rules;
    reader.rejectUnknown();
    return c;
}

const char* JobService::priceId(const Config& config) {
    if (config.kind == Kind::Crawler) return "glue.crawler.dpuHours";
    return config.flex ? "glue.etl.flex.dpuHours" : "glue.etl.dpuHours";
}

std::unique_ptr<JobService> JobService::fromJson(Kernel& kernel, Probe& probe, std::string name,
                                                 const model::Json& spec,
                                                 const std::string& pointer,
                                                 const std::filesystem::path& baseDir,
                                                 const model::PriceBook& prices) {
    Config config = parseConfig(spec, pointer, baseDir);
    config.billing = prices.at(priceId(config)).rules;
    return std::make_unique<JobService>(kernel, probe, std::move(name), std::move(config));
}

} // namespace flowcast::sim
