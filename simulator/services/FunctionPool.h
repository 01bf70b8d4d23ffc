#pragma once
// A Lambda function's execution environments (issue 3, section 3). An invocation runs on the
// newest idle environment, else on a new one after a cold start, else it is throttled at once:
// Lambda has no queue for synchronous invocations. Idle on-demand environments expire after the
// keep-alive; provisioned ones stay warm for the whole run. Limits: reserved concurrency or the
// shared account's unreserved pool, and the per-function scaling rate (a token bucket).
// Owned by the simulation; the Kernel, Probe and ConcurrencyAccount must outlive it.
//
// Reports: signals Request (every submit), ColdStart, Throttle, Failure (an injected error);
// levels "<name>/instances", "<name>/busy" and "<name>/queue" (always 0); usage Requests (started
// invocations: throttled ones are free), InitSeconds (at the cold start), GbSecondsRaw and
// GbSecondsBilled (memory × (INIT + work), billed as Config::billing rounds each invocation: the
// price book's lambda.duration rule, 1 ms in the built-in book; at the invocation's end, so
// invocations still running when the run ends are not counted). Work on provisioned environments
// is reported like on-demand work; provisioned capacity itself only through provisionedGbSeconds.
// A cold start adds its INIT time before the work (SimFaaS's "cold service time replaces warm"
// is an INIT distribution away: see tests/common/PoolWorkload.h, SimFaasColdStart).
#include "model/pricing/PriceBook.h"
#include "simulator/services/ConcurrencyAccount.h"
#include "simulator/services/Distribution.h"
#include "simulator/services/ServiceModel.h"

#include <deque>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

namespace flowcast::sim {

class FunctionPool final : public ServiceModel {
public:
    enum class Architecture : std::uint8_t { X86_64, Arm64 };
    /// At most `environments` new environments per `per` (AWS, 2023-11: 1,000 per 10 s).
    struct ScalingRate {
        int environments = 1000;
        SimTime per = SimTime::fromSeconds(10);
    };
    struct Config {
        int memoryMb = 1024;
        std::shared_ptr<const Distribution> coldStart; ///< INIT seconds; null = no INIT time
        SimTime keepAlive = SimTime::fromSeconds(600);
        std::optional<int> reservedConcurrency;                 ///< nullopt: the unreserved pool
        int provisionedConcurrency = 0;                         ///< environments warm from t = 0
        std::optional<ScalingRate> scalingRate = ScalingRate{}; ///< nullopt: no limit
        Architecture architecture = Architecture::X86_64;       ///< kept for the cost engine
        /// How one invocation's duration is billed: the rules of durationPriceId(architecture).
        model::RequestRules billing = model::PriceBook::defaults().at("lambda.duration.x86").rules;
    };

    /// What a throttled invocation fails with: Step Functions' name for Lambda's HTTP 429.
    static constexpr const char* kThrottleError = "Lambda.TooManyRequestsException";
    static constexpr const char* kThrottleCause = "Rate Exceeded.";

    /// Takes the reservation and the provisioned units from `account`; throws
    /// std::invalid_argument when it cannot give them (fromJson checks first, with pointers).
    FunctionPool(Kernel& kernel, Probe& probe, std::string name, Config config,
                 ConcurrencyAccount& account);

    /// {"kind": "lambda", "memoryMb", "coldStart", "keepAliveSeconds", "reservedConcurrency",
    /// "provisionedConcurrency", "scalingRate": {"environments", "perSeconds"} or null,
    /// "architecture"}; `defaultColdStart` is used when "coldStart" is absent; the billing rule
    /// comes from `prices`. Throws model::ScenarioError at the offending value, including limits
    /// the account cannot give, model::PriceBookError when `prices` lacks the duration price.
    static std::unique_ptr<FunctionPool>
    fromJson(Kernel& kernel, Probe& probe, std::string name, const model::Json& spec,
             const std::string& pointer, ConcurrencyAccount& account,
             std::shared_ptr<const Distribution> defaultColdStart = nullptr,
             const std::filesystem::path& baseDir = {},
             const model::PriceBook& prices = model::PriceBook::defaults());
    /// The config with the built-in book's billing rule.
    static Config parseConfig(const model::Json& spec, const std::string& pointer,
                              std::shared_ptr<const Distribution> defaultColdStart = nullptr,
                              const std::filesystem::path& baseDir = {});

    /// The price book id of a function's billed duration ("lambda.duration.x86").
    static const char* durationPriceId(Architecture architecture);

    void submit(Job&& job) override;
    void handle(const Event& event) override;
    void finish(SimTime end) override;

    const Config& config() const { return m_config; }
    int instances() const { return m_alive; } ///< environments that exist: starting, busy, idle
    int busy() const { return m_busy; }       ///< environments running an invocation (or INIT)
    std::uint64_t requests() const { return m_requests; } ///< invocations accepted
    std::uint64_t coldStarts() const { return m_coldStarts; }
    std::uint64_t throttles() const { return m_throttles; }
    /// Provisioned concurrency's configured GB-seconds from 0 to `end` (AWS prices it apart
    /// from duration; Observer has no UsageKind for it yet, so it is not reported as usage).
    double provisionedGbSeconds(SimTime end) const;

private:
    static constexpr std::uint32_t kNone = ~0u;
    struct Instance {
        Job job;         ///< the invocation it runs
        SimTime started; ///< of that invocation (its INIT, when cold, runs first)
        SimTime idleSince;
        std::uint32_t older = kNone; ///< idle list links (on-demand environments only)
        std::uint32_t newer = kNone;
        bool provisioned = false;
    };

    bool acquireConcurrency();
    void releaseConcurrency();
    bool takeScalingToken();
    std::uint32_t newInstance(bool provisioned);
    void run(std::uint32_t index, Job&& job, SimTime init);
    void finishInvocation(std::uint32_t index);
    void makeIdle(std::uint32_t index);
    std::uint32_t takeNewestIdle();
    void expireIdle();
    void reject(Job job);
    void setLevels();

    Config m_config;
    ConcurrencyAccount& m_account;
    RandomStream& m_coldRandom;
    double m_memoryGb;
    std::uint32_t m_instancesSeries;
    std::uint32_t m_busySeries;
    std::uint32_t m_queueSeries; // always 0, for dashboards that show every service's queue

    std::vector<Instance> m_instances; // by index; slots of expired ones are reused
    std::vector<std::uint32_t> m_freeSlots;
    std::vector<std::uint32_t> m_provisionedIdle; // a stack: newest on top
    std::uint32_t m_oldestIdle = kNone;           // on-demand idle list, oldest .. newest
    std::uint32_t m_newestIdle = kNone;
    bool m_expiryPending = false; // one timer, at or before the oldest idle one's expiry
    std::deque<Job> m_rejected;   // throttled jobs waiting for their zero-delay event

    std::int64_t m_scalingCredit = 0; // tokens × ScalingRate::per in microseconds
    SimTime m_scalingCreditAt;

    int m_alive = 0;
    int m_busy = 0;
    int m_busyOnDemand = 0;
    int m_reportedAlive = -1;
    int m_reportedBusy = -1;
    std::uint64_t m_requests = 0;
    std::uint64_t m_coldStarts = 0;
    std::uint64_t m_throttles = 0;
};

} // namespace flowcast::sim
