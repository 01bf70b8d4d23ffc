#include "simulator/run/Replications.h"

#include <chrono>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>

namespace flowcast::sim {

using model::Json;

double studentT95(int df) {
    static constexpr double kTable[] = {0,     12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365,
                                        2.306, 2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
                                        2.120, 2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069,
                                        2.064, 2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
    if (df <= 0) return 0;
    if (df <= 30) return kTable[df];
    return 1.96 + 2.4 / df; // close to the exact value above 30 degrees of freedom
}

Replications::Replications(const Program& program, const model::Scenario& scenario, RunPlan plan,
                           Observer* trace)
    : m_program(program), m_scenario(scenario), m_plan(plan) {
    const int n = std::max(1, plan.replications);
    for (int i = 0; i < n; ++i) {
        m_runs.push_back(std::make_unique<Simulation>(program, scenario, seedOf(plan, i),
                                                      limitsOf(plan, i), plan.prices));
        if (i == 0 && trace) m_runs.back()->subscribe(*trace);
    }
}

Replications::~Replications() = default;

std::uint64_t Replications::seedOf(const RunPlan& plan, int index) {
    return std::max(1, plan.replications) == 1
               ? plan.seed
               : RandomStreams::streamSeed(plan.seed, "replication/" + std::to_string(index));
}

SimulationLimits Replications::limitsOf(const RunPlan& plan, int index) {
    const auto n = static_cast<std::uint64_t>(std::max(1, plan.replications));
    SimulationLimits limits;
    limits.horizon = plan.horizon;
    if (plan.executions)
        limits.executions =
            *plan.executions / n + (static_cast<std::uint64_t>(index) < *plan.executions % n);
    return limits;
}

std::unique_ptr<Metrics> Replications::snapshot() const {
    std::unique_ptr<Metrics> merged;
    for (const auto& r : m_runs) {
        const std::shared_ptr<const Metrics> copy = r->snapshot();
        r->requestSnapshot();
        if (!copy) continue;
        if (!merged) merged = std::make_unique<Metrics>(m_program.stateNames());
        merged->merge(*copy);
    }
    return merged;
}

bool Replications::run(const std::atomic<bool>* stop,
                       const std::function<void(double)>& onProgress) {
    std::atomic<std::size_t> nextRun{0};
    std::atomic<int> working{0};
    std::vector<char> completed(m_runs.size(), 0);
    // An exception in one replication is rethrown here once every thread has joined (thrown on
    // a worker thread it would end the process); no replication starts after it.
    std::atomic<bool> failed{false};
    std::exception_ptr error;
    std::mutex errorMutex;
    const auto worker = [&] {
        try {
            for (std::size_t i = nextRun++; i < m_runs.size() && !failed; i = nextRun++)
                completed[i] = m_runs[i]->run(stop) ? 1 : 0;
        } catch (...) {
            const std::lock_guard lock(errorMutex);
            if (!error) error = std::current_exception();
            failed = true;
        }
        --working;
    };
    const int threads = std::clamp<int>(m_plan.threads, 1, static_cast<int>(m_runs.size()));
    std::vector<std::thread> pool;
    working = threads;
    for (int t = 1; t < threads; ++t)
        pool.emplace_back(worker);
    if (!onProgress) {
        worker();
    } else {
        // This thread reports progress while `threads` others work.
        pool.emplace_back(worker);
        while (working.load() > 0) {
            double sum = 0;
            for (const auto& r : m_runs)
                sum += r->progress();
            onProgress(sum / static_cast<double>(m_runs.size()));
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    for (auto& t : pool)
        t.join();
    if (error) std::rethrow_exception(error);
    m_merged = std::make_unique<Metrics>(m_program.stateNames());
    for (const auto& r : m_runs)
        m_merged->merge(r->metrics());
    for (char c : completed)
        if (!c) return false;
    return true;
}

Json Replications::confidence() const {
    // Per replication: mean and P95 end-to-end latency, share of executions that succeeded,
    // executions ended per simulated day.
    const std::size_t n = m_runs.size();
    std::vector<std::array<double, 4>> samples;
    for (const auto& r : m_runs) {
        const auto& e = r->metrics().executions();
        const double days = std::max(r->endTime().seconds(), 1e-9) / 86400.0;
        samples.push_back({e.latency.count() ? e.latency.mean() / 1e6 : 0.0,
                           e.latency.count() ? e.latency.quantile(0.95) / 1e6 : 0.0,
                           e.ended ? static_cast<double>(e.byStatus[0]) / e.ended : 0.0,
                           static_cast<double>(e.ended) / days});
    }
    static constexpr const char* kNames[] = {"latencyMeanSeconds", "latencyP95Seconds",
                                             "successRatio", "executionsPerDay"};
    Json out = Json::object();
    for (std::size_t k = 0; k < 4; ++k) {
        double mean = 0;
        for (const auto& s : samples)
            mean += s[k];
        mean /= static_cast<double>(n);
        double var = 0;
        for (const auto& s : samples)
            var += (s[k] - mean) * (s[k] - mean);
        Json entry{{"mean", mean}};
        if (n > 1) {
            const double sd = std::sqrt(var / static_cast<double>(n - 1));
            entry["halfWidth"] = studentT95(static_cast<int>(n) - 1) * sd / std::sqrt(double(n));
        } else {
            entry["halfWidth"] = nullptr; // one replication: no interval
        }
        out[kNames[k]] = entry;
    }
    return out;
}

Json Replications::results(bool cancelled) const {
    Json out;
    out["flowcastResults"] = 1;
    out["scenario"] = m_scenario.name;
    out["definition"] = m_scenario.definition.filename().string();
    out["status"] = cancelled ? "cancelled" : "completed";
    out["seed"] = m_plan.seed;
    out["replications"] = m_runs.size();
    out["horizonSeconds"] = m_plan.horizon ? Json(m_plan.horizon->seconds()) : Json(nullptr);
    out["executionsRequested"] = m_plan.executions ? Json(*m_plan.executions) : Json(nullptr);
    out["confidence95"] = confidence();
    out["metrics"] = m_merged->toJson(m_runs.front()->probe());
    return out;
}

} // namespace flowcast::sim
