#pragma once
// Test helpers for service models (simulator/services): tiny distributions, a listener that
// records when each job ended and how, an observer that sums usage and keeps levels and signals,
// and a component that submits prepared jobs at given virtual times.
#include "simulator/core/Kernel.h"
#include "simulator/core/Observer.h"
#include "simulator/services/Distribution.h"
#include "simulator/services/ServiceModel.h"

#include <array>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace servicetest {

using namespace flowcast::sim;

class ConstantDistribution final : public Distribution {
public:
    explicit ConstantDistribution(double value) : m_value(value) {}
    double sample(RandomStream&) const override { return m_value; }
    double mean() const override { return m_value; }
    std::string describe() const override { return "constant"; }

private:
    double m_value;
};

inline std::shared_ptr<const Distribution> constant(double value) {
    return std::make_shared<ConstantDistribution>(value);
}

struct Finished {
    double seconds;
    TaskTicket ticket;
    TaskOutcome outcome;
};

/// Records every end; `then`, when set, runs after recording (to submit the next step).
class RecordingListener final : public TaskListener {
public:
    explicit RecordingListener(Kernel& kernel) : m_kernel(kernel) {}
    void taskFinished(const TaskTicket& ticket, TaskOutcome outcome) override {
        finished.push_back({m_kernel.now().seconds(), ticket, std::move(outcome)});
        if (then) then(finished.back());
    }
    /// The end of the job whose ticket.attempt is `attempt`, or nullptr.
    const Finished* of(std::uint32_t attempt) const {
        for (const Finished& f : finished)
            if (f.ticket.attempt == attempt) return &f;
        return nullptr;
    }
    std::vector<Finished> finished;
    std::function<void(const Finished&)> then;

private:
    Kernel& m_kernel;
};

/// Sums usage per kind (and counts the records), keeps every level and counts signals.
class RecordingObserver final : public Observer {
public:
    void serviceSignal(std::uint32_t, ServiceSignal s, SimTime) override {
        ++signalCounts[static_cast<std::size_t>(s)];
    }
    void level(std::uint32_t series, SimTime t, double value) override {
        levels.push_back({series, t.seconds(), value});
    }
    void usage(std::uint32_t, UsageKind kind, double amount) override {
        total[static_cast<std::size_t>(kind)] += amount;
        records[static_cast<std::size_t>(kind)].push_back(amount);
    }
    double sum(UsageKind kind) const { return total[static_cast<std::size_t>(kind)]; }
    const std::vector<double>& of(UsageKind kind) const {
        return records[static_cast<std::size_t>(kind)];
    }
    int count(ServiceSignal s) const { return signalCounts[static_cast<std::size_t>(s)]; }
    /// (time, value) of one series, in order.
    std::vector<std::pair<double, double>> series(std::uint32_t id) const {
        std::vector<std::pair<double, double>> out;
        for (const auto& l : levels)
            if (l.series == id) out.emplace_back(l.seconds, l.value);
        return out;
    }

    struct Level {
        std::uint32_t series;
        double seconds;
        double value;
    };
    std::vector<Level> levels;
    std::array<double, static_cast<std::size_t>(UsageKind::Count_)> total{};
    std::array<std::vector<double>, static_cast<std::size_t>(UsageKind::Count_)> records;
    std::array<int, 8> signalCounts{};
};

inline Job makeJob(TaskListener& listener, std::uint64_t execution, std::uint32_t attempt,
                   double workSeconds, JobOp op = JobOp::Run) {
    Job job;
    job.ticket = TaskTicket{execution, 0, attempt};
    job.listener = &listener;
    job.op = op;
    job.work = SimTime::fromSeconds(workSeconds);
    job.result = flowcast::model::Json{{"attempt", attempt}};
    return job;
}

/// Submits prepared jobs to a service at given virtual times.
class Submitter final : public Component {
public:
    Submitter(Kernel& kernel, ServiceModel& service)
        : m_kernel(kernel), m_service(service), m_target(kernel.addComponent(*this)) {}
    void at(double seconds, Job job) {
        m_jobs.push_back(std::move(job));
        m_kernel.scheduleAt(SimTime::fromSeconds(seconds), m_target, 0, m_jobs.size() - 1);
    }
    void handle(const Event& e) override { m_service.submit(std::move(m_jobs[e.payload])); }

private:
    Kernel& m_kernel;
    ServiceModel& m_service;
    std::uint32_t m_target;
    std::vector<Job> m_jobs;
};

} // namespace servicetest
