#pragma once
// A modelled AWS service that Task attempts run on (Lambda-like function pools, Glue-like jobs,
// EMR/Spark-like clusters, Athena-like queries). The ServiceRouter turns each attempt into a Job
// (how much work, what to return, whether it is doomed to fail) and submits it; the service adds
// what capacity does to it (cold starts, queues, throttles, start-up) in virtual time and ends
// it with job.listener->taskFinished(job.ticket, outcome) exactly once.
// Services report signals, levels (instances, queue length) and usage through the Probe.
#include "model/asl/Json.h"
#include "simulator/core/Kernel.h"
#include "simulator/core/Observer.h"
#include "simulator/exec/TaskBackend.h"

#include <cstdint>
#include <optional>
#include <string>

namespace flowcast::sim {

/// What a job asks of a per-run (transient) cluster; other services only see Run.
enum class JobOp : std::uint8_t {
    Run,       ///< do `work` on the service (the usual case)
    Create,    ///< provision this execution's own cluster (transient clusters)
    Terminate, ///< release this execution's own cluster
};

struct Job {
    TaskTicket ticket;
    TaskListener* listener = nullptr;
    std::uint32_t state = 0; ///< Program state index, for per-state figures
    JobOp op = JobOp::Run;
    SimTime work;       ///< service time once the job holds its capacity
    model::Json result; ///< returned on success
    /// Set when the attempt is doomed: the error is returned after `work` (an injected failure).
    std::optional<std::pair<std::string, std::string>> failure;
    double bytesScanned = 0; ///< query services
};

class ServiceModel : public Component {
public:
    ServiceModel(Kernel& kernel, Probe& probe, std::string name)
        : m_kernel(kernel), m_probe(probe), m_name(std::move(name)), m_id(probe.service(m_name)) {
        m_target = kernel.addComponent(*this);
    }

    const std::string& name() const { return m_name; }
    std::uint32_t id() const { return m_id; }
    /// Takes the job (moves from it; by reference, so that a job is not moved once more on its
    /// way in); ends it later (or at once, through the kernel) by calling its listener.
    virtual void submit(Job&& job) = 0;
    /// Called once when the simulation ends at `end`: close open intervals (idle node time,
    /// time-weighted levels) and report their usage.
    virtual void finish(SimTime /*end*/) {}

protected:
    /// Ends a job: hands the outcome to its listener (the interpreter).
    static void complete(Job& job, TaskOutcome outcome) {
        job.listener->taskFinished(job.ticket, std::move(outcome));
    }
    /// The job's outcome: its result (moved out of the job) or its injected failure. Built in
    /// place, so that a call like listener->taskFinished(ticket, outcomeOf(job)) moves the
    /// result once (a Json moved through parameters costs a move and a destruction each time).
    static TaskOutcome outcomeOf(Job& job) {
        if (job.failure) return TaskOutcome::failure(job.failure->first, job.failure->second);
        return TaskOutcome{false, std::move(job.result), {}, {}, {}};
    }

    Kernel& m_kernel;
    Probe& m_probe;
    std::string m_name;
    std::uint32_t m_id;
    std::uint32_t m_target = 0; ///< this service's kernel target id for its own events
};

} // namespace flowcast::sim
