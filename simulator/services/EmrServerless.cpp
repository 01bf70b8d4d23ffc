#include "simulator/services/EmrServerless.h"

#include "model/scenario/ScenarioError.h"
#include "simulator/core/Billing.h"
#include "simulator/core/SpecObject.h"
#include "simulator/services/SpecReader.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace flowcast::sim {

namespace {

SimTime sampled(const Distribution& d, RandomStream& random) {
    return SimTime::fromSeconds(std::max(0.0, d.sample(random)));
}

double storageAbove(const EmrServerless::Worker& w) {
    return std::max(0.0, w.diskGb - EmrServerless::kFreeDiskGb);
}

} // namespace

EmrServerless::EmrServerless(Kernel& kernel, Probe& probe, std::string name, Config config)
    : ServiceModel(kernel, probe, std::move(name)), m_config(std::move(config)),
      m_runningSeries(probe.series(m_name + "/running")),
      m_queueSeries(probe.series(m_name + "/queue")), m_vcpuSeries(probe.series(m_name + "/vcpu")),
      m_appStartRandom(kernel.random(m_name + "/applicationStart")),
      m_workerStartRandom(kernel.random(m_name + "/workerStart")) {}

int EmrServerless::vcpuInUse() const {
    return (m_state == State::Started ? m_config.initialVcpu() : 0) + m_onDemandVcpu;
}

void EmrServerless::submit(Job&& job) {
    m_probe.serviceSignal(m_id, ServiceSignal::Request, m_kernel.now());
    const std::uint64_t id = m_nextJob++;
    const JobOp op = job.op;
    Held held;
    held.job = std::move(job);
    m_jobs.emplace(id, std::move(held));
    if (op == JobOp::Terminate) {
        // StopApplication: "All scheduled and running jobs must be completed or cancelled before
        // stopping an application" (EMR Serverless API). With runs in progress Flowcast answers
        // without stopping, leaving the application to auto-stop, rather than guess the error.
        if (m_state == State::Started && m_running == 0 && m_queue.empty()) stop();
        return answerSoon(id);
    }
    if (op == JobOp::Create) {
        // StartApplication: answered once the application is started.
        if (m_state == State::Started) return answerSoon(id);
        m_startWaiters.push_back(id);
        return startApplication();
    }
    m_queue.push_back(id);
    if (m_state == State::Started)
        dispatch();
    else
        startApplication();
    emitLevels();
}

void EmrServerless::answerSoon(std::uint64_t id) {
    Held& held = m_jobs.at(id);
    held.verdict = outcomeOf(held.job);
    m_kernel.schedule(SimTime{}, m_target, kAnswer, id);
}

// Auto-start on job submission (EMR Serverless: "Understanding application behavior"): a job
// sent to a stopped application waits for it to start, which is the cold start.
void EmrServerless::startApplication() {
    if (m_state != State::Stopped) return;
    m_state = State::Starting;
    m_probe.serviceSignal(m_id, ServiceSignal::ColdStart, m_kernel.now());
    m_kernel.schedule(sampled(*m_config.applicationStartSeconds, m_appStartRandom), m_target,
                      kStarted);
}

void EmrServerless::onStarted() {
    // The application is STARTED once its pre-initialized capacity is ready; from then on
    // that capacity is billed, used or not (EMR Serverless: "Pre-initialized capacity").
    m_state = State::Started;
    m_startedAt = m_kernel.now();
    m_freeDrivers = m_config.initialDrivers;
    m_freeExecutors = m_config.initialExecutors;
    for (std::uint64_t id : m_startWaiters)
        answerSoon(id);
    m_startWaiters.clear();
    dispatch();
    armIdle();
    emitLevels();
}

int EmrServerless::onDemandVcpuFor() const {
    const int drivers = m_freeDrivers > 0 ? 0 : 1;
    const int executors = std::max(0, m_config.executors - m_freeExecutors);
    return drivers * m_config.driver.vcpu + executors * m_config.executor.vcpu;
}

void EmrServerless::dispatch() {
    // Strict FIFO: a run that would take the application over its maximum capacity waits, and
    // the runs behind it wait too.
    while (!m_queue.empty()) {
        const int need = onDemandVcpuFor();
        if (m_config.maxVcpu && vcpuInUse() + need > *m_config.maxVcpu) {
            // Each waiting run is counted once as queued for capacity.
            for (std::uint64_t waiting : m_queue) {
                Held& held = m_jobs.at(waiting);
                if (!held.queued)
                    m_probe.serviceSignal(m_id, ServiceSignal::Queued, m_kernel.now());
                held.queued = true;
            }
            break;
        }
        const std::uint64_t id = m_queue.front();
        m_queue.pop_front();
        start(m_jobs.at(id), id);
    }
}

void EmrServerless::start(Held& held, std::uint64_t id) {
    ++m_running;
    held.pooledDrivers = std::min(1, m_freeDrivers);
    held.pooledExecutors = std::min(m_config.executors, m_freeExecutors);
    m_freeDrivers -= held.pooledDrivers;
    m_freeExecutors -= held.pooledExecutors;
    const int drivers = 1 - held.pooledDrivers;
    const int executors = m_config.executors - held.pooledExecutors;
    held.onDemandVcpu = drivers * m_config.driver.vcpu + executors * m_config.executor.vcpu;
    m_onDemandVcpu += held.onDemandVcpu;
    const Worker& d = m_config.driver;
    const Worker& e = m_config.executor;
    // On-demand workers bill from the moment they are ready to run the job until it ends, each
    // worker rounded up and raised to the minimum of the item's rule (EMR Serverless pricing:
    // per second, 1 minute minimum; TotalResourceUtilization is "rounded up to the nearest
    // second"). Pooled workers are billed with the application instead. Failed runs bill too.
    const SimTime work = held.job.work;
    const auto billed = [&](const model::RequestRules& rules) {
        return billedMilliseconds(rules, work) / 1000.0;
    };
    held.vcpuSeconds = billed(m_config.vcpuBilling) * held.onDemandVcpu;
    held.memoryGbSeconds =
        billed(m_config.memoryBilling) * (drivers * d.memoryGb + executors * e.memoryGb);
    held.storageGbSeconds =
        billed(m_config.storageBilling) * (drivers * storageAbove(d) + executors * storageAbove(e));
    // All workers from the pool: the run starts in seconds; otherwise it waits for the new ones.
    const SimTime startup =
        held.onDemandVcpu > 0 ? sampled(*m_config.workerStartSeconds, m_workerStartRandom)
                              : sampled(*m_config.preInitializedStartSeconds, m_workerStartRandom);
    m_kernel.schedule(startup + work, m_target, kRunEnd, id);
}

void EmrServerless::onRunEnd(std::uint64_t id) {
    auto node = m_jobs.extract(id);
    Held& held = node.mapped();
    // One call per run and kind, so that an observer sees each run's billed amounts.
    m_probe.usage(m_id, UsageKind::VcpuSeconds, held.vcpuSeconds);
    m_probe.usage(m_id, UsageKind::MemoryGbSeconds, held.memoryGbSeconds);
    if (held.storageGbSeconds > 0)
        m_probe.usage(m_id, UsageKind::StorageGbSeconds, held.storageGbSeconds);
    --m_running;
    m_onDemandVcpu -= held.onDemandVcpu;
    // Pooled workers go back to the pool, unless the application stopped meanwhile (it cannot
    // with a run in progress, but a pool is never refilled beyond its size).
    m_freeDrivers = std::min(m_config.initialDrivers, m_freeDrivers + held.pooledDrivers);
    m_freeExecutors = std::min(m_config.initialExecutors, m_freeExecutors + held.pooledExecutors);
    dispatch();
    armIdle();
    emitLevels();
    TaskOutcome outcome = outcomeOf(held.job);
    // Last: the listener may submit the next run from inside taskFinished.
    if (outcome.failed) m_probe.serviceSignal(m_id, ServiceSignal::Failure, m_kernel.now());
    complete(held.job, std::move(outcome));
}

// Auto-stop when idle: 15 minutes by default (EMR Serverless: "Understanding application
// behavior").
void EmrServerless::armIdle() {
    if (m_state != State::Started || m_running > 0 || !m_queue.empty() || !m_config.autoStopIdle)
        return;
    m_idleSince = m_kernel.now();
    m_kernel.schedule(*m_config.autoStopIdle, m_target, kIdleCheck);
}

void EmrServerless::onIdleCheck() {
    // Stale when the application has worked since, or became idle again later.
    if (m_state != State::Started || m_running > 0 || !m_queue.empty() ||
        m_kernel.now() - m_idleSince < *m_config.autoStopIdle)
        return;
    stop();
}

void EmrServerless::stop() {
    billPool(m_kernel.now());
    m_state = State::Stopped;
    m_freeDrivers = 0;
    m_freeExecutors = 0;
    emitLevels();
}

// The pre-initialized workers, from the application's start to `to`: each worker's time is
// rounded and raised to the minimum once for the whole started interval.
void EmrServerless::billPool(SimTime to) {
    const int drivers = m_config.initialDrivers;
    const int executors = m_config.initialExecutors;
    if (drivers + executors == 0) return;
    const SimTime held = to - m_startedAt;
    const auto billed = [&](const model::RequestRules& rules) {
        return billedMilliseconds(rules, held) / 1000.0;
    };
    const Worker& d = m_config.driver;
    const Worker& e = m_config.executor;
    m_probe.usage(m_id, UsageKind::VcpuSeconds,
                  billed(m_config.vcpuBilling) * m_config.initialVcpu());
    m_probe.usage(m_id, UsageKind::MemoryGbSeconds,
                  billed(m_config.memoryBilling) * (drivers * d.memoryGb + executors * e.memoryGb));
    const double storage = drivers * storageAbove(d) + executors * storageAbove(e);
    if (storage > 0)
        m_probe.usage(m_id, UsageKind::StorageGbSeconds, billed(m_config.storageBilling) * storage);
}

void EmrServerless::handle(const Event& event) {
    switch (event.kind) {
    case kStarted:
        return onStarted();
    case kRunEnd:
        return onRunEnd(event.payload);
    case kIdleCheck:
        return onIdleCheck();
    case kAnswer: {
        auto node = m_jobs.extract(event.payload);
        if (node.empty()) return;
        TaskOutcome outcome = std::move(*node.mapped().verdict);
        if (outcome.failed) m_probe.serviceSignal(m_id, ServiceSignal::Failure, m_kernel.now());
        return complete(node.mapped().job, std::move(outcome));
    }
    default:
        throw std::logic_error("EmrServerless: unknown event kind");
    }
}

void EmrServerless::finish(SimTime end) {
    if (m_state == State::Started) billPool(end);
}

void EmrServerless::emitLevels() {
    const SimTime now = m_kernel.now();
    m_probe.level(m_runningSeries, now, m_running);
    m_probe.level(m_queueSeries, now, static_cast<double>(m_queue.size()));
    m_probe.level(m_vcpuSeries, now, vcpuInUse());
}

// The scenario form, checked field by field.
namespace {

using model::Json;

// No AWS figure for starting an application without pre-initialized capacity: Flowcast's
// guess, *weak*.
const Json& defaultApplicationStart() {
    static const Json spec = {{"uniform", {{"min", 30}, {"max", 120}}}};
    return spec;
}

// "Worker startup time is typically 15-30 seconds" (awsi.click glossary, EMR Serverless;
// secondary source, *weak*).
const Json& defaultWorkerStart() {
    static const Json spec = {{"uniform", {{"min", 15}, {"max", 30}}}};
    return spec;
}

// Pre-initialized workers are "ready to respond in seconds" (EMR Serverless user guide,
// "Pre-initialized capacity"); 1-5 s is Flowcast's reading of that, *weak*.
const Json& defaultPreInitializedStart() {
    static const Json spec = {{"uniform", {{"min", 1}, {"max", 5}}}};
    return spec;
}

// Auto-stop after 15 idle minutes by default (EMR Serverless user guide, "Understanding
// application behavior"); the API's idleTimeoutMinutes takes 1 to 10,080 minutes.
constexpr double kIdleDefault = 900;
constexpr double kIdleMin = 60;
constexpr double kIdleMax = 604'800;

// Worker sizes AWS supports ("Supported worker configurations"): 1, 2, 4, 8 or 16 vCPU, memory
// in a range per vCPU count and in steps of 1 GB (4 GB at 8 vCPU, 8 GB at 16), 20-200 GB disk.
struct MemoryRange {
    int vcpu;
    int min;
    int max;
    int step;
};
constexpr MemoryRange kMemory[] = {
    {1, 2, 8, 1}, {2, 4, 16, 1}, {4, 8, 30, 1}, {8, 16, 60, 4}, {16, 32, 120, 8}};

EmrServerless::Worker worker(SpecReader& reader, const std::string& role) {
    EmrServerless::Worker w;
    const std::string vcpuKey = role + "Vcpu";
    const std::string memoryKey = role + "MemoryGb";
    w.vcpu = reader.integer(vcpuKey, 4, 1, 16);
    const MemoryRange* range = nullptr;
    for (const MemoryRange& r : kMemory)
        if (r.vcpu == w.vcpu) range = &r;
    if (!range)
        throw model::ScenarioError(reader.pointer(vcpuKey),
                                   "\"" + vcpuKey + "\" must be 1, 2, 4, 8 or 16 (got " +
                                       std::to_string(w.vcpu) + ")");
    w.memoryGb = reader.number(memoryKey, std::clamp(16, range->min, range->max), 0, 1e6);
    const bool stepped = std::fmod(w.memoryGb, range->step) == 0;
    if (w.memoryGb < range->min || w.memoryGb > range->max || !stepped)
        throw model::ScenarioError(reader.pointer(memoryKey),
                                   "\"" + memoryKey + "\" must be " + std::to_string(range->min) +
                                       " to " + std::to_string(range->max) + " GB in steps of " +
                                       std::to_string(range->step) + " GB for a " +
                                       std::to_string(w.vcpu) + "-vCPU worker (got " +
                                       formatNumber(w.memoryGb) + ")");
    w.diskGb = reader.number(role + "DiskGb", 20, 20, 200);
    return w;
}

} // namespace

EmrServerless::Config EmrServerless::parseConfig(const model::Json& spec,
                                                 const std::string& pointer,
                                                 const std::filesystem::path& baseDir) {
    SpecReader reader(spec, pointer, "emr-serverless");
    reader.choice("kind", "emr-serverless", {"emr-serverless"});
    Config c;
    c.driver = worker(reader, "driver");
    c.executor = worker(reader, "executor");
    c.executors = reader.integer("executors", 3, 0, 10'000);
    c.initialDrivers = reader.integer("initialDrivers", 0, 0, 10'000);
    c.initialExecutors = reader.integer("initialExecutors", 0, 0, 100'000);
    if (reader.has("maxVcpu")) {
        // A run alone on the application must fit, or it would wait for ever.
        const int least = c.initialVcpu() + (c.initialDrivers > 0 ? 0 : c.driver.vcpu) +
                          std::max(0, c.executors - c.initialExecutors) * c.executor.vcpu;
        c.maxVcpu = reader.integer("maxVcpu", least, 1, 10'000'000);
        if (*c.maxVcpu < least)
            throw model::ScenarioError(
                reader.pointer("maxVcpu"),
                "\"maxVcpu\" must hold the pre-initialized workers and one run's other workers: "
                "at least " +
                    std::to_string(least) + " (got " + std::to_string(*c.maxVcpu) + ")");
    }
    c.applicationStartSeconds =
        reader.distribution("applicationStartSeconds", defaultApplicationStart(), baseDir);
    c.workerStartSeconds = reader.distribution("workerStartSeconds", defaultWorkerStart(), baseDir);
    c.preInitializedStartSeconds =
        reader.distribution("preInitializedStartSeconds", defaultPreInitializedStart(), baseDir);
    if (reader.has("autoStopIdleSeconds") && spec.at("autoStopIdleSeconds").is_null()) {
        reader.accept("autoStopIdleSeconds"); // null: auto-stop off, started to the end
        c.autoStopIdle.reset();
    } else {
        c.autoStopIdle = SimTime::fromSeconds(
            reader.number("autoStopIdleSeconds", kIdleDefault, kIdleMin, kIdleMax));
    }
    reader.rejectUnknown();
    return c;
}

std::unique_ptr<EmrServerless> EmrServerless::fromJson(Kernel& kernel, Probe& probe,
                                                       std::string name, const model::Json& spec,
                                                       const std::string& pointer,
                                                       const std::filesystem::path& baseDir,
                                                       const model::PriceBook& prices) {
    Config config = parseConfig(spec, pointer, baseDir);
    config.vcpuBilling = prices.at(kVcpuPrice).rules;
    config.memoryBilling = prices.at(kMemoryPrice).rules;
    config.storageBilling = prices.at(kStoragePrice).rules;
    return std::make_unique<EmrServerless>(kernel, probe, std::move(name), std::move(config));
}

} // namespace flowcast::sim
