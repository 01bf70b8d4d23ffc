#include "simulator/services/Cluster.h"
#include "simulator/services/ClusterTouch.h"

#include "simulator/core/Billing.h"

#include <algorithm>
#include <stdexcept>

namespace flowcast::sim {

namespace {

constexpr std::int64_t kDayUs = 86'400'000'000;

bool inWindow(const Cluster::DailySchedule& s, SimTime t) {
    const SimTime tod{t.us % kDayUs};
    return s.from < s.to ? (tod >= s.from && tod < s.to) : (tod >= s.from || tod < s.to);
}

// The first time strictly after `now` whose time of day is `tod`.
SimTime nextTimeOfDay(SimTime now, SimTime tod) {
    SimTime t{now.us - now.us % kDayUs + tod.us};
    return t > now ? t : SimTime{t.us + kDayUs};
}

} // namespace

Cluster::Cluster(Kernel& kernel, Probe& probe, std::string name, Config config)
    : ServiceModel(kernel, probe, std::move(name)), m_config(std::move(config)),
      m_nodesSeries(probe.series(m_name + "/nodes")),
      m_busySeries(probe.series(m_name + "/busySlots")),
      m_queueSeries(probe.series(m_name + "/queue")),
      m_provisioningRandom(kernel.random(m_name + "/provisioning")),
      m_terminationRandom(kernel.random(m_name + "/termination")) {
    if (m_config.mode == Mode::PerRun) return;
    Instance& in = m_instances[kAlwaysOn];
    in.accruedTo = kernel.now();
    m_open = !m_config.schedule || inWindow(*m_config.schedule, kernel.now());
    Touch touch(*this, in);
    if (m_open)
        for (int i = 0; i < m_config.nodes; ++i)
            in.nodes.push_back(newNode(kernel.now()));
    if (m_config.schedule) scheduleNextTransition();
}

SimTime Cluster::sample(const Distribution& d, RandomStream& random) {
    return SimTime::fromSeconds(std::max(0.0, d.sample(random)));
}

int Cluster::freeSlots(const Instance& in) const {
    return static_cast<int>(in.nodes.size()) * m_config.slotsPerNode - in.busySlots;
}

bool Cluster::accepting(const Instance& in) const {
    return in.phase == Phase::Ready && (in.id != kAlwaysOn || m_open);
}

Cluster::Instance* Cluster::findInstance(std::uint64_t id) {
    const auto it = m_instances.find(id);
    return it == m_instances.end() ? nullptr : &it->second;
}

Cluster::Instance* Cluster::instanceOf(std::uint64_t execution) {
    const auto it = m_byExecution.find(execution);
    return it == m_byExecution.end() ? nullptr : findInstance(it->second);
}

void Cluster::submit(Job&& job) {
    m_probe.serviceSignal(m_id, ServiceSignal::Request, m_kernel.now());
    const bool perRun = m_config.mode == Mode::PerRun;
    if (job.op == JobOp::Create && perRun) return createInstance(std::move(job));
    if (job.op == JobOp::Terminate && perRun) {
        if (Instance* in = instanceOf(job.ticket.execution))
            return beginTermination(*in, std::move(job));
    }
    if (job.op != JobOp::Run) {
        // Always-on: the cluster already exists, so create and terminate steps are free and
        // instant, and one definition can be priced against both deployments. Per-run
        // Terminate of a cluster already gone (auto-terminated) succeeds: Flowcast treats
        // TerminateJobFlows as idempotent.
        TaskOutcome outcome = outcomeOf(job);
        return answerSoon(std::move(job), std::move(outcome));
    }
    Instance* in = perRun ? instanceOf(job.ticket.execution) : &m_instances.at(kAlwaysOn);
    if (in) return enqueue(*in, std::move(job));
    // Flowcast's error name: we found no documented Step Functions error for a step sent to a
    // cluster that does not exist; EMR's AddJobFlowSteps only accepts clusters that are
    // STARTING, BOOTSTRAPPING, RUNNING or WAITING (EMR API reference, AddJobFlowSteps).
    const std::string cause = "No cluster of '" + m_name + "' for execution " +
                              std::to_string(job.ticket.execution) +
                              ": it was never created, or it has terminated";
    answerSoon(std::move(job), TaskOutcome::failure(kClusterNotFound, cause));
}

void Cluster::answerSoon(Job job, TaskOutcome outcome) {
    const std::uint64_t id = m_nextJob++;
    m_jobs.emplace(id, Held{std::move(job), kAlwaysOn, {}, {}, std::move(outcome)});
    m_kernel.schedule(SimTime{}, m_target, kAnswer, id);
}

void Cluster::enqueue(Instance& in, Job job) {
    const std::uint64_t id = m_nextJob++;
    Held& held = m_jobs.emplace(id, Held{std::move(job), in.id, {}, {}, {}}).first->second;
    Touch touch(*this, in);
    const int need = slotsFor(held.job);
    if (accepting(in) && in.queue.empty() && need <= freeSlots(in)) return start(in, id, held);
    in.queue.push_back(id);
    in.queuedSlots += need;
    m_probe.serviceSignal(m_id, ServiceSignal::Queued, m_kernel.now());
    scaleOut(in);
}

void Cluster::dispatch(Instance& in) {
    if (!accepting(in)) return;
    // Strict FIFO, as YARN's FIFO scheduler: a head that does not fit blocks the jobs behind it.
    while (!in.queue.empty()) {
        const std::uint64_t id = in.queue.front();
        Held& held = m_jobs.at(id);
        const int need = slotsFor(held.job);
        if (need > freeSlots(in)) break;
        in.queue.pop_front();
        in.queuedSlots -= need;
        start(in, id, held);
    }
    scaleOut(in);
}

void Cluster::start(Instance& in, std::uint64_t id, Held& held) {
    int need = slotsFor(held.job);
    in.busySlots += need;
    // Busiest nodes first (packing), so that idle nodes stay idle and can be scaled in.
    while (need > 0) {
        Node* best = nullptr;
        for (Node& n : in.nodes)
            if (n.busy < m_config.slotsPerNode && (!best || n.busy > best->busy)) best = &n;
        const int take = std::min(need, m_config.slotsPerNode - best->busy);
        best->busy += take;
        held.nodeSlots.emplace_back(best->id, take);
        need -= take;
    }
    in.running.push_back(id);
    held.end = m_kernel.schedule(held.job.work, m_target, kJobEnd, id);
}

void Cluster::release(Instance& in, Held& held) {
    for (const auto& [nodeId, slots] : held.nodeSlots) {
        const auto node = std::find_if(in.nodes.begin(), in.nodes.end(),
                                       [id = nodeId](const Node& n) { return n.id == id; });
        node->busy -= slots;
        in.busySlots -= slots;
        if (node->busy == 0) nodeFreed(in, *node);
    }
    held.nodeSlots.clear();
}

void Cluster::nodeFreed(Instance& in, Node& node) {
    node.idleSince = m_kernel.now();
    if (in.id != kAlwaysOn) return; // a transient cluster keeps its nodes until it terminates
    if (!m_open) {
        // Closing time: nodes stop as their last job ends.
        bill(node.requested);
        std::erase_if(in.nodes, [id = node.id](const Node& n) { return n.id == id; });
        return;
    }
    if (m_config.autoscaling && static_cast<int>(in.nodes.size()) > m_config.autoscaling->min)
        m_kernel.schedule(m_config.autoscaling->scaleInIdle, m_target, kScaleInCheck, node.id);
}

void Cluster::scaleOut(Instance& in) {
    if (in.id != kAlwaysOn || !m_config.autoscaling || !m_open) return;
    const Autoscaling& a = *m_config.autoscaling;
    const int spn = m_config.slotsPerNode;
    const int missing = in.queuedSlots - freeSlots(in) - in.provisioning * spn;
    if (missing <= 0) return;
    const int room = a.max - static_cast<int>(in.nodes.size()) - in.provisioning;
    const int add = std::min((missing + spn - 1) / spn, room);
    for (int i = 0; i < add; ++i) {
        ++in.provisioning;
        const std::uint64_t id = m_nextNode++;
        m_starting.emplace(id, m_kernel.now());
        m_kernel.schedule(sample(*a.provisioningSeconds, m_provisioningRandom), m_target,
                          kNodeReady, id);
    }
}

void Cluster::armIdle(Instance& in) {
    if (in.id == kAlwaysOn || !m_config.autoTerminateIdle || in.phase != Phase::Ready ||
        in.busySlots > 0 || !in.queue.empty())
        return;
    in.idleSince = m_kernel.now();
    m_kernel.schedule(*m_config.autoTerminateIdle, m_target, kIdleCheck, in.id);
}

void Cluster::accrue(Instance& in, SimTime to) {
    const std::int64_t dt = (to - in.accruedTo).us;
    if (dt <= 0) return;
    in.busySlotUs += in.busySlots * dt;
    in.nodeUs += static_cast<std::int64_t>(in.nodes.size()) * dt;
    in.provisioningNodeUs += in.provisioning * dt;
    in.accruedTo = to;
}

void Cluster::bill(SimTime requested, std::optional<SimTime> to) {
    const SimTime life = to.value_or(m_kernel.now()) - requested;
    m_probe.usage(m_id, UsageKind::NodeSecondsBilledEc2,
                  billedMilliseconds(m_config.instanceBilling, life) / 1000.0);
    m_probe.usage(m_id, UsageKind::NodeSecondsBilledEmr,
                  billedMilliseconds(m_config.upliftBilling, life) / 1000.0);
}

void Cluster::report(Instance& in) {
    // Idle is the rest of the node time, so busy + idle is ready nodes × time to the last bit
    // the integers carry.
    const double nodeSeconds = static_cast<double>(in.nodeUs) / 1e6;
    const double busy = static_cast<double>(in.busySlotUs) / (m_config.slotsPerNode * 1e6);
    if (in.nodeUs > 0) {
        m_probe.usage(m_id, UsageKind::NodeSecondsBusy, busy);
        m_probe.usage(m_id, UsageKind::NodeSecondsIdle, nodeSeconds - busy);
    }
    if (in.provisioningNodeUs > 0)
        m_probe.usage(m_id, UsageKind::ProvisioningSeconds,
                      static_cast<double>(in.provisioningNodeUs) / 1e6);
    in.busySlotUs = in.nodeUs = in.provisioningNodeUs = 0;
}

void Cluster::emitLevels() {
    const SimTime now = m_kernel.now();
    const auto emitLevel = [&](std::uint32_t series, double& last, double value) {
        if (value == last) return;
        last = value;
        m_probe.level(series, now, value);
    };
    emitLevel(m_nodesSeries, m_lastNodes, m_totalNodes);
    emitLevel(m_busySeries, m_lastBusy, m_totalBusy);
    emitLevel(m_queueSeries, m_lastQueue, static_cast<double>(m_totalQueued));
}

void Cluster::end(Job& job, TaskOutcome outcome) {
    if (outcome.failed) m_probe.serviceSignal(m_id, ServiceSignal::Failure, m_kernel.now());
    complete(job, std::move(outcome));
}

void Cluster::handle(const Event& event) {
    switch (event.kind) {
    case kJobEnd:
        return onJobEnd(event.payload);
    case kAnswer:
        return onAnswer(event.payload);
    case kNodeReady:
        return onNodeReady(event.payload);
    case kScaleInCheck:
        return onScaleInCheck(event.payload);
    case kOpen:
    case kClose:
        return onSchedule(event.kind == kOpen);
    case kInstanceReady:
        return onInstanceReady(event.payload);
    case kInstanceGone:
        return onInstanceGone(event.payload);
    case kIdleCheck:
        return onIdleCheck(event.payload);
    default:
        throw std::logic_error("Cluster: unknown event kind");
    }
}

// Listeners are called last in every handler, once the cluster's state is whole: the
// interpreter may submit its next job from inside taskFinished.
void Cluster::onJobEnd(std::uint64_t jobId) {
    auto node = m_jobs.extract(jobId);
    if (node.empty()) return;
    Held& held = node.mapped();
    {
        Instance& in = m_instances.at(held.instance);
        Touch touch(*this, in);
        std::erase(in.running, jobId);
        release(in, held);
        dispatch(in);
        armIdle(in);
    }
    end(held.job, outcomeOf(held.job));
}

void Cluster::onAnswer(std::uint64_t jobId) {
    auto node = m_jobs.extract(jobId);
    if (!node.empty()) end(node.mapped().job, std::move(*node.mapped().verdict));
}

void Cluster::onNodeReady(std::uint64_t nodeId) {
    Instance& in = m_instances.at(kAlwaysOn);
    Touch touch(*this, in);
    --in.provisioning;
    const SimTime requested = m_starting.extract(nodeId).mapped();
    if (!m_open) { // closed while it started: its start-up stays billed, it never joins
        bill(requested);
        return;
    }
    in.nodes.push_back(Node{nodeId, 0, m_kernel.now(), requested});
    dispatch(in); // never adds or removes ready nodes, so back() is still the new node
    if (in.nodes.back().busy == 0) nodeFreed(in, in.nodes.back());
}

void Cluster::onScaleInCheck(std::uint64_t nodeId) {
    Instance& in = m_instances.at(kAlwaysOn);
    const auto node = std::find_if(in.nodes.begin(), in.nodes.end(),
                                   [&](const Node& n) { return n.id == nodeId; });
    // Stale when the node has gone, worked since, or the cluster is at its minimum.
    if (node == in.nodes.end() || node->busy > 0 ||
        m_kernel.now() - node->idleSince < m_config.autoscaling->scaleInIdle ||
        static_cast<int>(in.nodes.size()) <= m_config.autoscaling->min)
        return;
    Touch touch(*this, in);
    bill(node->requested);
    in.nodes.erase(node);
}

void Cluster::onSchedule(bool open) {
    Instance& in = m_instances.at(kAlwaysOn);
    {
        Touch touch(*this, in);
        m_open = open;
        if (open) {
            // Started ahead of the opening by whoever keeps the schedule: no start-up modelled.
            // Nodes still finishing yesterday's last jobs count.
            for (auto i = static_cast<int>(in.nodes.size()); i < m_config.nodes; ++i)
                in.nodes.push_back(newNode(m_kernel.now()));
            dispatch(in);
            for (std::size_t i = 0; i < in.nodes.size(); ++i)
                if (in.nodes[i].busy == 0) nodeFreed(in, in.nodes[i]);
        } else {
            // Running jobs finish (their nodes stop with them); queued ones wait for the opening.
            for (const Node& n : in.nodes)
                if (n.busy == 0) bill(n.requested);
            std::erase_if(in.nodes, [](const Node& n) { return n.busy == 0; });
        }
    }
    scheduleNextTransition();
}

void Cluster::scheduleNextTransition() {
    const DailySchedule& s = *m_config.schedule;
    const SimTime now = m_kernel.now();
    if (m_open)
        m_kernel.scheduleAt(nextTimeOfDay(now, s.to), m_target, kClose);
    else
        m_kernel.scheduleAt(nextTimeOfDay(now, s.from), m_target, kOpen);
}

void Cluster::finish(SimTime end) {
    for (auto& [id, in] : m_instances) {
        accrue(in, end);
        report(in);
        // Nodes still alive bill their life so far: the run ends, their bill does not, and the
        // minimum applies whatever happens next.
        for (const Node& n : in.nodes)
            bill(n.requested, end);
        if (id != kAlwaysOn)
            for (int i = 0; i < in.provisioning; ++i)
                bill(in.created, end);
    }
    for (const auto& [node, requested] : m_starting)
        bill(requested, end);
}

} // namespace flowcast::sim
