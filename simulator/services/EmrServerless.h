#pragma once
// An EMR Serverless application running Spark job runs. The application is STOPPED until a job
// (or a Create step: StartApplication) starts it (auto-start), and stops again after autoStopIdle
// without work (auto-stop, 15 min by default) or at a Terminate step (StopApplication) when idle.
// Each job run needs a driver and `executors` executors; it takes them from the application's
// pre-initialized capacity when free (starting in seconds), else gets them on demand (a worker
// start-up). With maxVcpu, runs whose on-demand workers would take the application over that many
// vCPU wait in a FIFO queue. Billing follows the price book's emrserverless.* items: on-demand
// workers per run (vCPU-, GB- and storage-GB-seconds above the 20 GB free per worker, each rounded
// up and raised to the item's minimum), pre-initialized workers for as long as the application is
// started. Owned by the simulation.
#include "model/pricing/PriceBook.h"
#include "simulator/services/Distribution.h"
#include "simulator/services/ServiceModel.h"

#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace flowcast::sim {

class EmrServerless final : public ServiceModel {
public:
    /// One worker's size: 1-16 vCPU, memory in the range AWS allows for it, 20-200 GB of disk.
    struct Worker {
        int vcpu = 4;
        double memoryGb = 16;
        double diskGb = 20;
    };
    struct Config {
        Worker driver;
        Worker executor;
        int executors = 3;          ///< per job run, besides its driver
        int initialDrivers = 0;     ///< pre-initialized capacity, held while the app is started
        int initialExecutors = 0;   ///< likewise
        std::optional<int> maxVcpu; ///< the application's maximum capacity; none: no limit
        std::shared_ptr<const Distribution> applicationStartSeconds; ///< STOPPED -> STARTED
        std::shared_ptr<const Distribution> workerStartSeconds;      ///< on-demand workers of a run
        std::shared_ptr<const Distribution> preInitializedStartSeconds;  ///< a run on the pool
        std::optional<SimTime> autoStopIdle = SimTime::fromSeconds(900); ///< none: never stops
        model::RequestRules vcpuBilling = model::PriceBook::defaults().at(kVcpuPrice).rules;
        model::RequestRules memoryBilling = model::PriceBook::defaults().at(kMemoryPrice).rules;
        model::RequestRules storageBilling = model::PriceBook::defaults().at(kStoragePrice).rules;

        int runWorkers() const { return 1 + executors; }
        int runVcpu() const { return driver.vcpu + executors * executor.vcpu; }
        int initialVcpu() const {
            return initialDrivers * driver.vcpu + initialExecutors * executor.vcpu;
        }
    };

    static constexpr const char* kVcpuPrice = "emrserverless.vcpuHours";
    static constexpr const char* kMemoryPrice = "emrserverless.memoryGbHours";
    static constexpr const char* kStoragePrice = "emrserverless.storageGbHours";
    /// Ephemeral storage included with every worker (EMR Serverless pricing).
    static constexpr double kFreeDiskGb = 20;

    /// The config's distributions must be set (fromJson fills the defaults).
    EmrServerless(Kernel& kernel, Probe& probe, std::string name, Config config);

    /// {"kind": "emr-serverless", "executors", "driverVcpu", "driverMemoryGb", "driverDiskGb",
    /// "executorVcpu", "executorMemoryGb", "executorDiskGb", "initialDrivers",
    /// "initialExecutors", "maxVcpu", "applicationStartSeconds", "workerStartSeconds",
    /// "preInitializedStartSeconds", "autoStopIdleSeconds" (null: never)}, billed by the rules
    /// of `prices`; throws model::ScenarioError at the offending value.
    static std::unique_ptr<EmrServerless>
    fromJson(Kernel& kernel, Probe& probe, std::string name, const model::Json& spec,
             const std::string& pointer, const std::filesystem::path& baseDir = {},
             const model::PriceBook& prices = model::PriceBook::defaults());
    /// The config with the built-in book's billing rules.
    static Config parseConfig(const model::Json& spec, const std::string& pointer,
                              const std::filesystem::path& baseDir = {});

    void submit(Job&& job) override;
    void handle(const Event& event) override;
    void finish(SimTime end) override;

    const Config& config() const { return m_config; }
    bool isStarted() const { return m_state == State::Started; }
    int running() const { return m_running; }
    std::size_t queueLength() const { return m_queue.size(); }
    /// vCPU the application holds now: its pre-initialized workers and the runs' on-demand ones.
    int vcpuInUse() const;

private:
    enum EventKind : std::uint32_t { kStarted, kRunEnd, kAnswer, kIdleCheck };
    enum class State : std::uint8_t { Stopped, Starting, Started };
    struct Held {
        Job job;
        int pooledDrivers = 0; ///< taken from the pre-initialized capacity
        int pooledExecutors = 0;
        int onDemandVcpu = 0;
        double vcpuSeconds = 0; ///< billed for the on-demand workers
        double memoryGbSeconds = 0;
        double storageGbSeconds = 0;
        std::optional<TaskOutcome> verdict; ///< answered through the kernel, not run
        bool queued = false;                ///< has waited for capacity (signalled once)
    };

    void answerSoon(std::uint64_t id);
    void startApplication();
    void onStarted();
    void dispatch();
    /// On-demand vCPU a run would need now, after what the free pool gives it.
    int onDemandVcpuFor() const;
    void start(Held& held, std::uint64_t id);
    void onRunEnd(std::uint64_t id);
    void armIdle();
    void onIdleCheck();
    void stop();
    void billPool(SimTime to);
    void emitLevels();

    Config m_config;
    State m_state = State::Stopped;
    std::map<std::uint64_t, Held> m_jobs;
    std::deque<std::uint64_t> m_queue;         ///< runs waiting for the app or for capacity
    std::vector<std::uint64_t> m_startWaiters; ///< Create steps waiting for the app
    std::uint64_t m_nextJob = 1;
    int m_running = 0;
    int m_freeDrivers = 0; ///< pre-initialized workers not in use
    int m_freeExecutors = 0;
    int m_onDemandVcpu = 0;
    SimTime m_startedAt;
    SimTime m_idleSince;
    std::uint32_t m_runningSeries;
    std::uint32_t m_queueSeries;
    std::uint32_t m_vcpuSeries;
    RandomStream& m_appStartRandom;
    RandomStream& m_workerStartRandom;
};

} // namespace flowcast::sim
