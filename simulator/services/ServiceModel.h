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
#include <utility>

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

    /// Takes `other`'s job and leaves it this one's result and failure (a member added above
    /// must be added here). Cheaper than a move assignment, which takes the result through a
    /// temporary Json: a model that keeps jobs in reused slots can hand the spent job back to
    /// the caller, whose own job is destroyed anyway.
    void takeFrom(Job& other) noexcept {
        ticket = other.ticket;
        listener = other.listener;
        state = other.state;
        op = other.op;
        work = other.work;
        result.swap(other.result);
        failure.swap(other.failure);
        bytesScanned = other.bytesScanned;
    }
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
    /// The job's outcome: its result (taken from the job) or its injected failure, as
    /// TaskOutcome::success() and failure() make them. One object returned by name, so that a
    /// call like listener->taskFinished(ticket, outcomeOf(job)) builds it in the parameter: no
    /// Json moved through temporaries (a move and a destruction each), no zeroing of the whole
    /// aggregate as `TaskOutcome{...}` compiles to.
    static TaskOutcome outcomeOf(Job& job) {
        TaskOutcome outcome;
        if (job.failure) {
            outcome.failed = true;
            outcome.error = job.failure->first;
            outcome.cause = job.failure->second;
        } else {
            outcome.result.swap(job.result); // the job is spent
        }
        return outcome;
    }

    Kernel& m_kernel;
    Probe& m_probe;
    std::string m_name;
    std::uint32_t m_id;
    std::uint32_t m_target = 0; ///< this service's kernel target id for its own events
};

} // namespace flowcast::sim
