#include "simulator/run/Simulation.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace flowcast::sim {

namespace {

// The book whose billing rules the run applies: the caller's, else the built-in one.
const model::PriceBook& bookOr(const model::PriceBook* prices) {
    return prices ? *prices : model::PriceBook::defaults();
}

} // namespace

Simulation::Simulation(const Program& program, const model::Scenario& scenario, std::uint64_t seed,
                       SimulationLimits limits, const model::PriceBook* prices)
    : m_program(program), m_scenario(scenario), m_limits(limits),
      m_expressBilling(bookOr(prices).at("stepfunctions.express.duration").rules), m_kernel(seed),
      m_metrics(program.stateNames()), m_workloadRandom(m_kernel.random("workload")),
      m_intrinsics(m_kernel.random("executions/intrinsics")),
      m_jitter(m_kernel.random("executions/retry-jitter")) {
    m_probe.subscribe(m_metrics);
    m_probe.subscribe(static_cast<Observer&>(*this));
    m_target = m_kernel.addComponent(*this);
    m_router = std::make_unique<ServiceRouter>(
        m_kernel, m_probe, program, scenario.section("services"), scenario.section("states"),
        scenario.section("outages"), scenario.baseDir(), bookOr(prices));
    m_workload = parseWorkload(scenario.section("workload"), "/workload", scenario.baseDir());
}

Simulation::~Simulation() = default;

bool Simulation::run(const std::atomic<bool>* stop) {
    scheduleArrival();
    const SimTime horizon =
        m_limits.horizon.value_or(SimTime{std::numeric_limits<std::int64_t>::max()});
    // Run in slices so that progress can be read while it runs; the slices do not change the
    // order of events, so results do not depend on them.
    const SimTime slice = m_limits.horizon ? SimTime{std::max<std::int64_t>(horizon.us / 200, 1)}
                                           : SimTime::fromSeconds(3600);
    bool stopped = false;
    // Without a horizon the run ends when the workload is done and every execution has ended,
    // plus a day for what services do after (a cluster nobody terminates bills until its idle
    // timeout): periodic service events (a cluster's daily schedule) would never drain.
    std::optional<SimTime> lastDay;
    std::optional<SimTime> resume; // the end of a slice that paused for a snapshot
    while (true) {
        SimTime until = std::min(horizon, SimTime{m_kernel.now().us + slice.us});
        if (lastDay) until = std::min(until, *lastDay);
        if (resume) until = *std::exchange(resume, std::nullopt);
        // A snapshot asked for mid-slice pauses the kernel between two events: a slice can take
        // minutes of wall time, live figures should not.
        const RunResult r = m_kernel.run(until, stop, &m_snapshotWanted);
        reap();
        updateProgress();
        if (m_snapshotWanted.exchange(false, std::memory_order_relaxed)) publishSnapshot(false);
        if (r.status == RunStatus::Paused) { // the same slice, from where it paused
            resume = until;
            continue;
        }
        if (r.status == RunStatus::Stopped) {
            stopped = true;
            break;
        }
        if (r.status == RunStatus::Drained || until >= horizon || (lastDay && until >= *lastDay))
            break;
        if (!m_limits.horizon && !lastDay && !m_next && m_live.empty())
            lastDay = SimTime{m_kernel.now().us + SimTime::fromSeconds(86'400).us};
    }
    m_end = m_limits.horizon && !stopped ? horizon : m_kernel.now();
    m_router->finish(m_end);
    m_metrics.finish(m_end, m_probe.seriesNames().size());
    publishSnapshot(true);
    if (!stopped) m_progress.store(1.0, std::memory_order_relaxed);
    return !stopped;
}

void Simulation::publishSnapshot(bool final) {
    std::shared_ptr<const Metrics> copy;
    if (final) {
        copy = std::make_shared<const Metrics>(m_metrics);
    } else {
        auto partial = std::make_shared<Metrics>(m_metrics);
        partial->finish(m_kernel.now(), m_probe.seriesNames().size());
        copy = std::move(partial);
    }
    const std::lock_guard lock(m_snapshotMutex);
    m_snapshot = std::move(copy);
}

std::shared_ptr<const Metrics> Simulation::snapshot() const {
    const std::lock_guard lock(m_snapshotMutex);
    return m_snapshot;
}

void Simulation::scheduleArrival() {
    if (m_limits.executions && m_started >= *m_limits.executions) return;
    m_next = m_workload->next(m_workloadRandom);
    if (!m_next) return;
    if (m_limits.horizon && m_next->time > *m_limits.horizon) return;
    m_kernel.scheduleAt(m_next->time, m_target, kArrival);
}

void Simulation::startArrival() {
    const std::uint64_t serial = ++m_started;
    ExecutionOptions options;
    options.name = "execution-" + std::to_string(serial);
    options.stateMachineName = m_scenario.stateMachineName;
    options.express = m_scenario.express;
    options.serial = serial;
    options.recordHistory = false;
    options.probe = &m_probe;
    options.listener = this;
    options.eventTarget = m_target;
    options.eventTag = serial;
    options.intrinsicRandom = &m_intrinsics;
    options.retryJitter = &m_jitter;
    options.expressBilling = &m_expressBilling;
    auto execution =
        std::make_unique<Execution>(m_kernel, m_program, *m_router, std::move(options));
    Execution& e = *execution;
    m_live.emplace(serial, std::move(execution));
    m_metrics.addRecords(static_cast<std::uint64_t>(std::max<std::int64_t>(m_next->records, 0)));
    e.start(m_next->input ? *m_next->input : model::Json::object());
    m_next.reset();
    scheduleArrival();
}

void Simulation::handle(const Event& event) {
    if (event.kind == kArrival) {
        startArrival();
    } else {
        auto it = m_live.find(event.payload >> 24);
        if (it != m_live.end()) it->second->handle(event);
    }
    reap();
}

void Simulation::taskFinished(const TaskTicket& ticket, TaskOutcome outcome) {
    auto it = m_live.find(ticket.execution);
    if (it != m_live.end()) it->second->taskFinished(ticket, std::move(outcome));
    reap();
}

void Simulation::executionEnded(const ExecutionEnded& record) {
    m_finished.push_back(record.serial);
}

// Executions end inside their own calls; they are freed here, once those calls have returned.
void Simulation::reap() {
    for (const std::uint64_t serial : m_finished) {
        m_live.erase(serial);
        m_router->forget(serial);
    }
    m_finished.clear();
}

void Simulation::updateProgress() {
    double p = 0;
    if (m_limits.horizon && m_limits.horizon->us > 0)
        p = static_cast<double>(m_kernel.now().us) / static_cast<double>(m_limits.horizon->us);
    if (m_limits.executions)
        p = std::max(p, static_cast<double>(m_started - m_live.size()) /
                            static_cast<double>(*m_limits.executions));
    m_progress.store(std::clamp(p, 0.0, 1.0), std::memory_order_relaxed);
}

} // namespace flowcast::sim
