#pragma once
// A Glue-like job service: every run gets its own workers (no shared capacity), after a start-up
// delay (and, for Flex, a wait for spare capacity). Runs above maxConcurrentRuns fail at once, as
// Glue does, or wait in a FIFO queue. Each run reports its billed DPU-seconds: workers × DPU per
// worker × (start-up + work), rounded up and raised to the minimum per run as the price book's
// item says (built-in book: per second, ETL 1 minute, crawlers 10 minutes). Glue crawlers are the
// same model with other defaults. Owned by the simulation.
#include "model/pricing/PriceBook.h"
#include "simulator/services/Distribution.h"
#include "simulator/services/ServiceModel.h"

#include <deque>
#include <filesystem>
#include <map>
#include <memory>

namespace flowcast::sim {

class JobService final : public ServiceModel {
public:
    enum class Kind : std::uint8_t { Etl, Crawler };
    enum class OnLimit : std::uint8_t { Fail, Queue };
    struct Config {
        Kind kind = Kind::Etl;
        int workers = 10;
        std::string workerType = "G.1X"; ///< kept for the cost engine
        double dpuPerWorker = 1;
        std::shared_ptr<const Distribution> startupSeconds;
        bool flex = false; ///< Flex execution class: cheaper, starts when capacity is spare
        std::shared_ptr<const Distribution> flexDelaySeconds;
        int maxConcurrentRuns = 1;
        OnLimit onLimit = OnLimit::Fail;
        /// How one run's duration is billed: the rules of priceId(config).
        model::RequestRules billing = model::PriceBook::defaults().at("glue.etl.dpuHours").rules;
    };

    /// The config's distributions must be set (fromJson fills the defaults).
    JobService(Kernel& kernel, Probe& probe, std::string name, Config config);

    /// {"kind": "glue" | "glue-crawler", "workers", "workerType", "startupSeconds", "flex",
    /// "flexDelaySeconds", "maxConcurrentRuns", "onLimit": "fail" | "queue"}, billed by the
    /// rules of `prices`; throws model::ScenarioError at the offending value,
    /// model::PriceBookError when `prices` lacks the run's price.
    static std::unique_ptr<JobService>
    fromJson(Kernel& kernel, Probe& probe, std::string name, const model::Json& spec,
             const std::string& pointer, const std::filesystem::path& baseDir = {},
             const model::PriceBook& prices = model::PriceBook::defaults());
    /// The config with the built-in book's billing rule.
    static Config parseConfig(const model::Json& spec, const std::string& pointer,
                              const std::filesystem::path& baseDir = {});
    /// DPUs of one worker of a Glue worker type, or 0 when the type is unknown.
    static double dpuPerWorker(std::string_view workerType);
    /// The price book id of a run's DPU-hours: crawler, Flex or standard ETL.
    static const char* priceId(const Config& config);

    void submit(Job&& job) override;
    void handle(const Event& event) override;

    const Config& config() const { return m_config; }
    int running() const { return m_running; }
    std::size_t queueLength() const { return m_queue.size(); }
    /// The error of a run over the limit when onLimit is "fail".
    const char* limitError() const;

private:
    enum EventKind : std::uint32_t { kRunEnd, kAnswer };
    struct Held {
        Job job;
        double billedDpuSeconds = 0;
        std::optional<TaskOutcome> verdict; ///< answered through the kernel, not run
    };

    void start(std::uint64_t id, Held& held);
    void emitLevels();

    Config m_config;
    std::map<std::uint64_t, Held> m_jobs;
    std::deque<std::uint64_t> m_queue;
    std::uint64_t m_nextJob = 1;
    int m_running = 0;
    std::uint32_t m_runningSeries;
    std::uint32_t m_queueSeries;
    RandomStream& m_startupRandom;
    RandomStream& m_flexRandom;
};

} // namespace flowcast::sim
