#include "simulator/services/FunctionPool.h"

#include "simulator/core/Billing.h"

#include <algorithm>
#include <stdexcept>

namespace flowcast::sim {

namespace {

enum EventKind : std::uint32_t {
    kInvocationEnds = 0, // payload: the instance
    kExpiry = 1,         // the keep-alive timer
    kThrottled = 2,      // delivers the oldest throttled job
};

} // namespace

FunctionPool::FunctionPool(Kernel& kernel, Probe& probe, std::string name, Config config,
                           ConcurrencyAccount& account)
    : ServiceModel(kernel, probe, std::move(name)), m_config(std::move(config)), m_account(account),
      m_coldRandom(kernel.random(m_name + "/coldStart")),
      m_memoryGb(m_config.memoryMb / 1024.0), // Lambda's GB is 1,024 MB (128 MB = 0.125 GB)
      m_instancesSeries(probe.series(m_name + "/instances")),
      m_busySeries(probe.series(m_name + "/busy")), m_queueSeries(probe.series(m_name + "/queue")) {
    const int provisioned = m_config.provisionedConcurrency;
    const std::optional<int> reserved = m_config.reservedConcurrency;
    if (provisioned < 0 || (reserved && (*reserved < 0 || provisioned > *reserved)))
        throw std::invalid_argument(m_name + ": provisioned concurrency above the reserved");
    if (m_config.scalingRate &&
        (m_config.scalingRate->environments < 1 || m_config.scalingRate->per.us < 1))
        throw std::invalid_argument(m_name + ": empty scaling rate");
    // Provisioned environments of a function without a reservation hold unreserved units for the
    // whole run (AWS: ClaimedAccountConcurrency counts allocated provisioned concurrency).
    const bool fits =
        reserved ? account.reserve(*reserved) : provisioned <= account.unreservedFree();
    if (!fits) throw std::invalid_argument(m_name + ": the account cannot give this concurrency");
    if (!reserved)
        for (int i = 0; i < provisioned; ++i)
            account.tryAcquire();
    if (m_config.scalingRate)
        m_scalingCredit = m_config.scalingRate->environments * m_config.scalingRate->per.us;
    m_scalingCreditAt = kernel.now();
    for (int i = 0; i < provisioned; ++i) {
        const std::uint32_t index = newInstance(true);
        m_instances[index].idleSince = kernel.now();
        m_provisionedIdle.push_back(index);
    }
    setLevels();
    m_probe.level(m_queueSeries, kernel.now(), 0); // Lambda never queues a synchronous call
}

void FunctionPool::submit(Job&& job) {
    m_probe.serviceSignal(m_id, ServiceSignal::Request, m_kernel.now());
    // An environment idle for exactly the keep-alive is gone, whichever event runs first at
    // this instant (the timer or this request).
    expireIdle();
    // Provisioned environments take requests first; only what exceeds them runs on demand, with
    // cold starts (AWS Lambda docs, "Configuring provisioned concurrency").
    if (!m_provisionedIdle.empty()) {
        const std::uint32_t index = m_provisionedIdle.back();
        m_provisionedIdle.pop_back();
        run(index, std::move(job), SimTime{});
        return;
    }
    if (!acquireConcurrency()) return reject(std::move(job));
    // Warm reuse takes the most recently freed instance, so that the others age towards expiry.
    // SimFaaS (Mahmoudi & Khazaei 2021) takes the most recently created one; on its warm-pool
    // model the two orders gave the same average instances within 0.03 % (checked, 10^6 s).
    if (const std::uint32_t index = takeNewestIdle(); index != kNone) {
        run(index, std::move(job), SimTime{});
        return;
    }
    if (!takeScalingToken()) {
        releaseConcurrency();
        return reject(std::move(job));
    }
    const std::uint32_t index = newInstance(false);
    const double initSeconds =
        m_config.coldStart ? std::max(0.0, m_config.coldStart->sample(m_coldRandom)) : 0.0;
    const SimTime init = SimTime::fromSeconds(initSeconds);
    ++m_coldStarts;
    m_probe.serviceSignal(m_id, ServiceSignal::ColdStart, m_kernel.now());
    m_probe.usage(m_id, UsageKind::InitSeconds, init.seconds());
    run(index, std::move(job), init);
}

void FunctionPool::handle(const Event& event) {
    switch (event.kind) {
    case kInvocationEnds:
        finishInvocation(static_cast<std::uint32_t>(event.payload));
        break;
    case kExpiry:
        m_expiryPending = false;
        expireIdle();
        break;
    case kThrottled: {
        Job job = std::move(m_rejected.front());
        m_rejected.pop_front();
        complete(job, TaskOutcome::failure(kThrottleError, kThrottleCause));
        break;
    }
    default:
        break;
    }
}

void FunctionPool::finish(SimTime end) {
    // Close the time-weighted levels: their last value holds until the end of the run.
    m_probe.level(m_instancesSeries, end, m_alive);
    m_probe.level(m_busySeries, end, m_busy);
    m_probe.level(m_queueSeries, end, 0);
}

double FunctionPool::provisionedGbSeconds(SimTime end) const {
    return m_config.provisionedConcurrency * m_memoryGb * end.seconds();
}

bool FunctionPool::acquireConcurrency() {
    if (m_config.reservedConcurrency)
        return m_busyOnDemand < *m_config.reservedConcurrency - m_config.provisionedConcurrency;
    return m_account.tryAcquire();
}

void FunctionPool::releaseConcurrency() {
    if (!m_config.reservedConcurrency) m_account.release();
}

// A token bucket holding `environments` tokens, refilled continuously at environments / per
// (AWS, 2023-11-27: "1,000 execution environments every 10 seconds" per function). Kept in
// integers (token × per-microseconds) so that refills are exact.
bool FunctionPool::takeScalingToken() {
    if (!m_config.scalingRate) return true;
    const ScalingRate& rate = *m_config.scalingRate;
    const std::int64_t capacity = rate.environments * rate.per.us;
    const std::int64_t elapsed = (m_kernel.now() - m_scalingCreditAt).us;
    m_scalingCreditAt = m_kernel.now();
    m_scalingCredit = elapsed >= rate.per.us
                          ? capacity
                          : std::min(capacity, m_scalingCredit + elapsed * rate.environments);
    if (m_scalingCredit < rate.per.us) return false;
    m_scalingCredit -= rate.per.us;
    return true;
}

std::uint32_t FunctionPool::newInstance(bool provisioned) {
    std::uint32_t index;
    if (!m_freeSlots.empty()) {
        index = m_freeSlots.back();
        m_freeSlots.pop_back();
        m_instances[index] = Instance{};
    } else {
        index = static_cast<std::uint32_t>(m_instances.size());
        m_instances.emplace_back();
    }
    m_instances[index].provisioned = provisioned;
    ++m_alive;
    return index;
}

// The helpers of submit() and finishInvocation() are inline: each runs once or twice per
// invocation, and their calls cost as much as their work.
[[gnu::always_inline]] inline void FunctionPool::run(std::uint32_t index, Job&& job, SimTime init) {
    Instance& instance = m_instances[index];
    instance.job.takeFrom(job); // the spent job (if any) leaves with the caller's
    instance.started = m_kernel.now();
    ++m_busy;
    if (!instance.provisioned) ++m_busyOnDemand;
    ++m_requests; // AWS bills a request when an invocation starts; throttled ones are free
    m_probe.usage(m_id, UsageKind::Requests, 1);
    const SimTime work = instance.job.work.us > 0 ? instance.job.work : SimTime{};
    m_kernel.schedule(init + work, m_target, kInvocationEnds, index);
    setLevels();
}

[[gnu::always_inline]] inline void FunctionPool::finishInvocation(std::uint32_t index) {
    Instance& instance = m_instances[index];
    const SimTime duration = m_kernel.now() - instance.started; // INIT + work
    --m_busy;
    if (!instance.provisioned) {
        --m_busyOnDemand;
        releaseConcurrency();
    }
    // The pool's state is settled before the listener hears of the end: it may submit the
    // execution's next invocation from inside taskFinished(), and that one may take this instance
    // (its run() then overwrites the spent job, whose outcome has left by then).
    makeIdle(index);
    setLevels();
    if (m_probe.wants(Observer::kUsage)) {
        m_probe.usage(m_id, UsageKind::GbSecondsRaw, m_memoryGb * duration.seconds());
        // Billed per invocation as the price book rounds it (1 ms), INIT included for every
        // function since 2025-08-01 (REFERENCE-DATA, Lambda prices).
        m_probe.usage(m_id, UsageKind::GbSecondsBilled,
                      m_memoryGb * billedMilliseconds(m_config.billing, duration) / 1000.0);
    }
    Job& job = instance.job; // makeIdle() and setLevels() do not move m_instances
    if (job.failure) m_probe.serviceSignal(m_id, ServiceSignal::Failure, m_kernel.now());
    // Copies: the listener may reuse the instance (or grow m_instances) before it reads them.
    TaskListener* const listener = job.listener;
    const TaskTicket ticket = job.ticket;
    listener->taskFinished(ticket, outcomeOf(job));
}

// On-demand idle instances form a list from the oldest freed to the newest: reuse takes the
// newest end, expiry the oldest (all share one keep-alive, so the oldest expires first). One
// timer serves the whole list: it is never later than the oldest's expiry, and when it fires
// it expires what is due and sets itself for the next. So every operation is O(1), without
// cancellations, at any arrival rate or pool size.
[[gnu::always_inline]] inline void FunctionPool::makeIdle(std::uint32_t index) {
    Instance& instance = m_instances[index];
    instance.idleSince = m_kernel.now();
    if (instance.provisioned) {
        m_provisionedIdle.push_back(index); // provisioned environments never expire
        return;
    }
    instance.older = m_newestIdle;
    instance.newer = kNone;
    if (m_newestIdle != kNone)
        m_instances[m_newestIdle].newer = index;
    else
        m_oldestIdle = index;
    m_newestIdle = index;
    if (!m_expiryPending) {
        m_kernel.schedule(m_config.keepAlive, m_target, kExpiry);
        m_expiryPending = true;
    }
}

[[gnu::always_inline]] inline std::uint32_t FunctionPool::takeNewestIdle() {
    const std::uint32_t index = m_newestIdle;
    if (index == kNone) return kNone;
    m_newestIdle = m_instances[index].older;
    if (m_newestIdle != kNone)
        m_instances[m_newestIdle].newer = kNone;
    else
        m_oldestIdle = kNone;
    return index;
}

[[gnu::always_inline]] inline void FunctionPool::expireIdle() {
    // Keep-alive counts from the end of the last invocation (SimFaaS: departure + threshold).
    const SimTime now = m_kernel.now();
    bool expired = false;
    while (m_oldestIdle != kNone &&
           m_instances[m_oldestIdle].idleSince + m_config.keepAlive <= now) {
        const std::uint32_t index = m_oldestIdle;
        m_oldestIdle = m_instances[index].newer;
        if (m_oldestIdle != kNone)
            m_instances[m_oldestIdle].older = kNone;
        else
            m_newestIdle = kNone;
        m_instances[index] = Instance{};
        m_freeSlots.push_back(index);
        --m_alive;
        expired = true;
    }
    if (m_oldestIdle != kNone && !m_expiryPending) {
        m_kernel.scheduleAt(m_instances[m_oldestIdle].idleSince + m_config.keepAlive, m_target,
                            kExpiry);
        m_expiryPending = true;
    }
    if (expired) setLevels();
}

// Lambda has no queue for synchronous invocations: over a limit the call fails at once with
// HTTP 429. The failure still goes through the kernel (a zero-delay event), so the listener is
// never called from inside submit().
void FunctionPool::reject(Job job) {
    ++m_throttles;
    m_probe.serviceSignal(m_id, ServiceSignal::Throttle, m_kernel.now());
    m_rejected.push_back(std::move(job)); // events at one time run in order: FIFO matches them
    m_kernel.schedule(SimTime{}, m_target, kThrottled);
}

[[gnu::always_inline]] inline void FunctionPool::setLevels() {
    if (m_alive != m_reportedAlive) {
        m_probe.level(m_instancesSeries, m_kernel.now(), m_alive);
        m_reportedAlive = m_alive;
    }
    if (m_busy != m_reportedBusy) {
        m_probe.level(m_busySeries, m_kernel.now(), m_busy);
        m_reportedBusy = m_busy;
    }
}

} // namespace flowcast::sim
