// Cluster, per-run (transient) mode: each execution creates its own cluster, runs its steps on
// it and terminates it. Step Functions does not terminate an EMR cluster when an execution stops
// ("your cluster may continue running indefinitely, and can accrue additional charges", Step
// Functions developer guide, "Create and manage Amazon EMR clusters"), so a cluster whose
// execution failed before its Terminate step bills until the auto-termination policy's idle
// timeout ends it, or to the end of the simulation when there is none.
#include "simulator/services/Cluster.h"
#include "simulator/services/ClusterTouch.h"

namespace flowcast::sim {

void Cluster::createInstance(Job job) {
    const std::uint64_t id = m_nextInstance++;
    Instance& in = m_instances[id];
    in.id = id;
    in.execution = job.ticket.execution;
    in.phase = Phase::Provisioning;
    in.accruedTo = m_kernel.now();
    in.created = m_kernel.now();
    {
        Touch touch(*this, in);
        in.provisioning = m_config.nodes;
    }
    // A second Create in one execution leaves the first cluster running, unreachable, until its
    // idle timeout: as on AWS, nothing else would stop it.
    m_byExecution[in.execution] = id;
    const std::uint64_t jobId = m_nextJob++;
    m_jobs.emplace(jobId, Held{std::move(job), id, {}, {}, {}});
    in.pendingOp = jobId;
    m_kernel.schedule(sample(*m_config.provisioningSeconds, m_provisioningRandom), m_target,
                      kInstanceReady, id);
}

std::vector<Job> Cluster::dropJobs(Instance& in) {
    std::vector<Job> dropped;
    const auto take = [&](std::uint64_t jobId) {
        auto node = m_jobs.extract(jobId);
        m_kernel.cancel(node.mapped().end);
        dropped.push_back(std::move(node.mapped().job));
    };
    if (in.pendingOp) take(*in.pendingOp);
    in.pendingOp.reset();
    for (std::uint64_t jobId : in.running)
        take(jobId);
    for (std::uint64_t jobId : in.queue)
        take(jobId);
    in.running.clear();
    in.queue.clear();
    in.queuedSlots = 0;
    in.busySlots = 0;
    for (Node& n : in.nodes)
        n.busy = 0;
    return dropped;
}

void Cluster::removeInstance(std::uint64_t id) {
    Instance& in = m_instances.at(id);
    // Every node of a transient cluster was asked for with it and ends with it.
    for (const Node& n : in.nodes)
        bill(n.requested);
    for (int i = 0; i < in.provisioning; ++i)
        bill(in.created);
    {
        Touch touch(*this, in);
        in.nodes.clear();
        in.provisioning = 0;
    }
    report(in);
    const auto mapped = m_byExecution.find(in.execution);
    if (mapped != m_byExecution.end() && mapped->second == id) m_byExecution.erase(mapped);
    m_instances.erase(id);
}

void Cluster::beginTermination(Instance& in, std::optional<Job> terminate) {
    std::vector<Job> dropped;
    {
        Touch touch(*this, in);
        // EMR stops the steps still running or pending when a cluster terminates.
        dropped = dropJobs(in);
        // Nodes still starting stop too; until the cluster is gone they bill as idle time.
        for (; in.provisioning > 0; --in.provisioning)
            in.nodes.push_back(newNode(in.created));
        in.phase = Phase::Terminating;
    }
    const auto mapped = m_byExecution.find(in.execution);
    if (mapped != m_byExecution.end() && mapped->second == in.id) m_byExecution.erase(mapped);
    if (terminate) {
        const std::uint64_t jobId = m_nextJob++;
        m_jobs.emplace(jobId, Held{std::move(*terminate), in.id, {}, {}, {}});
        in.pendingOp = jobId;
    }
    m_kernel.schedule(sample(*m_config.terminationSeconds, m_terminationRandom), m_target,
                      kInstanceGone, in.id);
    const std::string cause = "The cluster of '" + m_name + "' for execution " +
                              std::to_string(in.execution) + " terminated under this step";
    for (Job& job : dropped)
        end(job, TaskOutcome::failure(kClusterTerminated, cause));
}

void Cluster::onInstanceReady(std::uint64_t id) {
    Instance* in = findInstance(id);
    if (!in || in->phase != Phase::Provisioning) return; // terminated while it started
    Job create = std::move(m_jobs.extract(*in->pendingOp).mapped().job);
    in->pendingOp.reset();
    if (create.failure) {
        // Failed to start (EMR's TERMINATED_WITH_ERRORS): the start-up is billed, nothing after;
        // steps already sent to it fail with it.
        std::vector<Job> dropped;
        {
            Touch touch(*this, *in);
            dropped = dropJobs(*in);
        }
        const std::string cause = "The cluster of '" + m_name + "' for execution " +
                                  std::to_string(in->execution) + " failed to start";
        removeInstance(id);
        end(create, outcomeOf(create));
        for (Job& job : dropped)
            end(job, TaskOutcome::failure(kClusterTerminated, cause));
        return;
    }
    {
        Touch touch(*this, *in);
        for (; in->provisioning > 0; --in->provisioning)
            in->nodes.push_back(newNode(in->created));
        in->phase = Phase::Ready;
        dispatch(*in); // steps sent while it was starting
        armIdle(*in);
    }
    end(create, outcomeOf(create));
}

void Cluster::onInstanceGone(std::uint64_t id) {
    Instance* in = findInstance(id);
    if (!in) return;
    std::optional<Job> terminate;
    if (in->pendingOp) terminate = std::move(m_jobs.extract(*in->pendingOp).mapped().job);
    removeInstance(id);
    if (terminate) end(*terminate, outcomeOf(*terminate));
}

void Cluster::onIdleCheck(std::uint64_t id) {
    Instance* in = findInstance(id);
    // Stale when the cluster has gone, worked since, or became idle again later.
    if (!in || in->phase != Phase::Ready || in->busySlots > 0 || !in->queue.empty() ||
        m_kernel.now() - in->idleSince < *m_config.autoTerminateIdle)
        return;
    beginTermination(*in, std::nullopt);
}

} // namespace flowcast::sim
