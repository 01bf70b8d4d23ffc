#pragma once
// Qt-free helpers for driving a FunctionPool without the interpreter (TestFunctionPool,
// TestFunctionPoolReference, BenchWarmPool): stand-in distributions (parseDistribution belongs
// to the scenario layer), a Poisson source that is also the jobs' listener, and an observer that
// integrates levels and counts signals in batches (batch means give the confidence intervals).
#include "simulator/services/FunctionPool.h"

#include <cmath>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace flowcast::testing {

class ExponentialSeconds final : public sim::Distribution {
public:
    explicit ExponentialSeconds(double mean) : m_mean(mean) {}
    double sample(sim::RandomStream& random) const override { return random.exponential(m_mean); }
    double mean() const override { return m_mean; }
    std::string describe() const override { return "exponential"; }

private:
    double m_mean;
};

/// SimFaaS draws a cold request's whole service time from Exp(cold) instead of Exp(warm);
/// Flowcast runs INIT + work. With work ~ Exp(warm), an INIT that is 0 with probability
/// warm/cold and Exp(cold) otherwise makes INIT + work ~ Exp(cold) exactly: the Laplace
/// transforms multiply to (1 + warm s)/((1 + warm s)(1 + cold s)) = 1/(1 + cold s).
class SimFaasColdStart final : public sim::Distribution {
public:
    SimFaasColdStart(double warmMean, double coldMean)
        : m_zero(warmMean / coldMean), m_cold(coldMean) {}
    double sample(sim::RandomStream& random) const override {
        return random.uniform() < m_zero ? 0.0 : random.exponential(m_cold);
    }
    double mean() const override { return (1 - m_zero) * m_cold; }
    std::string describe() const override { return "SimFaaS cold start"; }

private:
    double m_zero;
    double m_cold;
};

/// Time-weighted levels and signal counts from `from` on, split into batches of `batch`.
class BatchedObserver final : public sim::Observer {
public:
    BatchedObserver(sim::SimTime from, sim::SimTime batch) : m_from(from), m_batch(batch) {}

    unsigned reports() const override { return kLevels | kServiceSignals | kUsage; }

    void level(std::uint32_t series, sim::SimTime t, double value) override {
        if (series >= m_series.size()) m_series.resize(series + 1);
        Series& s = m_series[series];
        integrate(s, t);
        s.value = value;
        s.since = t;
    }
    void serviceSignal(std::uint32_t, sim::ServiceSignal signal, sim::SimTime t) override {
        if (t < m_from) return;
        auto& counts = m_signals[static_cast<int>(signal)];
        const std::size_t batch = static_cast<std::size_t>((t - m_from).us / m_batch.us);
        if (batch >= counts.size()) counts.resize(batch + 1);
        ++counts[batch];
    }
    void usage(std::uint32_t, sim::UsageKind kind, double amount) override {
        m_usage[static_cast<int>(kind)] += amount;
    }

    /// Per-batch time averages of a series over `batches` batches (the run must have been
    /// closed at from + batches × batch, e.g. by FunctionPool::finish).
    std::vector<double> batchAverages(std::uint32_t series, std::size_t batches) const {
        std::vector<double> out(batches, 0.0);
        if (series < m_series.size())
            for (std::size_t i = 0; i < batches && i < m_series[series].area.size(); ++i)
                out[i] = m_series[series].area[i] / static_cast<double>(m_batch.us);
        return out;
    }
    std::vector<double> batchCounts(sim::ServiceSignal signal, std::size_t batches) const {
        std::vector<double> out(batches, 0.0);
        const auto& counts = m_signals[static_cast<int>(signal)];
        for (std::size_t i = 0; i < batches && i < counts.size(); ++i)
            out[i] = static_cast<double>(counts[i]);
        return out;
    }
    double usage(sim::UsageKind kind) const { return m_usage[static_cast<int>(kind)]; }

private:
    struct Series {
        double value = 0;
        sim::SimTime since;
        std::size_t batch = kNoBatch; // the batch of `since`, once known
        sim::SimTime batchEnd;
        std::vector<double> area; // value × microseconds, per batch
    };
    static constexpr std::size_t kNoBatch = ~std::size_t{0};

    // Levels arrive in time order, so the batch of the last change is cached and the division
    // that finds a batch runs only when a change crosses into a new one.
    void integrate(Series& s, sim::SimTime to) {
        sim::SimTime a = s.since < m_from ? m_from : s.since;
        while (a < to) {
            if (s.batch == kNoBatch || a >= s.batchEnd) {
                s.batch = static_cast<std::size_t>((a - m_from).us / m_batch.us);
                s.batchEnd = {m_from.us + static_cast<std::int64_t>(s.batch + 1) * m_batch.us};
                if (s.batch >= s.area.size()) s.area.resize(s.batch + 1, 0.0);
            }
            const sim::SimTime b = to < s.batchEnd ? to : s.batchEnd;
            s.area[s.batch] += s.value * static_cast<double>((b - a).us);
            a = b;
        }
    }

    sim::SimTime m_from;
    sim::SimTime m_batch;
    std::vector<Series> m_series;
    std::vector<std::uint64_t> m_signals[5];
    double m_usage[static_cast<int>(sim::UsageKind::Count_)] = {};
};

/// Poisson arrivals of jobs with random work to one pool; it is the jobs' listener too, and
/// measures the service time (submit to end) of the requests that started cold.
class PoissonSource final : public sim::Component, public sim::TaskListener {
public:
    PoissonSource(sim::Kernel& kernel, sim::FunctionPool& pool, double ratePerSecond,
                  std::shared_ptr<const sim::Distribution> work)
        : m_kernel(kernel), m_pool(pool), m_meanGap(1.0 / ratePerSecond), m_work(std::move(work)),
          m_arrivals(kernel.random("arrivals")), m_workRandom(kernel.random("work")) {
        m_self = kernel.addComponent(*this);
        scheduleNext();
    }

    void handle(const sim::Event&) override {
        sim::Job job;
        job.ticket.execution = m_submitted++;
        job.listener = this;
        job.work = sim::SimTime::fromSeconds(m_work->sample(m_workRandom));
        const std::uint64_t coldBefore = m_pool.coldStarts();
        m_pool.submit(std::move(job));
        if (m_pool.coldStarts() != coldBefore) m_coldSubmitted[m_submitted - 1] = m_kernel.now();
        scheduleNext();
    }
    void taskFinished(const sim::TaskTicket& ticket, sim::TaskOutcome outcome) override {
        ++m_finished;
        if (outcome.failed) ++m_failed;
        if (m_coldSubmitted.empty()) return; // the usual case: no cold request in flight
        if (const auto it = m_coldSubmitted.find(ticket.execution); it != m_coldSubmitted.end()) {
            m_coldServiceSeconds += (m_kernel.now() - it->second).seconds();
            ++m_coldServed;
            m_coldSubmitted.erase(it);
        }
    }

    std::uint64_t submitted() const { return m_submitted; }
    std::uint64_t finished() const { return m_finished; }
    std::uint64_t failed() const { return m_failed; }
    std::uint64_t coldServed() const { return m_coldServed; }
    double meanColdServiceSeconds() const { return m_coldServiceSeconds / m_coldServed; }

private:
    void scheduleNext() {
        m_kernel.schedule(sim::SimTime::fromSeconds(m_arrivals.exponential(m_meanGap)), m_self, 0);
    }

    sim::Kernel& m_kernel;
    sim::FunctionPool& m_pool;
    double m_meanGap;
    std::shared_ptr<const sim::Distribution> m_work;
    sim::RandomStream& m_arrivals;
    sim::RandomStream& m_workRandom;
    std::uint32_t m_self = 0;
    std::uint64_t m_submitted = 0;
    std::uint64_t m_finished = 0;
    std::uint64_t m_failed = 0;
    std::unordered_map<std::uint64_t, sim::SimTime> m_coldSubmitted;
    double m_coldServiceSeconds = 0;
    std::uint64_t m_coldServed = 0;
};

/// Mean and 95 % confidence half-width of batch values (Student's t; n >= 2).
struct BatchMean {
    double mean = 0;
    double halfWidth = 0;
};
inline BatchMean batchMean(const std::vector<double>& values) {
    const double n = static_cast<double>(values.size());
    double sum = 0, squares = 0;
    for (double v : values)
        sum += v;
    const double mean = sum / n;
    for (double v : values)
        squares += (v - mean) * (v - mean);
    // t(0.975, n - 1) for the batch counts used here; 2.0 is close enough above 60 batches.
    const int dof = static_cast<int>(n) - 1;
    const double t = dof >= 60 ? 2.0 : dof >= 19 ? 2.093 : dof >= 9 ? 2.262 : 2.776;
    return {mean, t * std::sqrt(squares / (n - 1) / n)};
}

} // namespace flowcast::testing
