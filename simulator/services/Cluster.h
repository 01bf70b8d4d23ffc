#pragma once
// An EMR-on-EC2 / Spark / YARN-like cluster: nodes × slotsPerNode slots; a Run job holds
// slotsPerJob slots for job.work, and jobs that do not fit wait in a strict FIFO queue. Either
// always-on (one cluster for the whole run, optionally on a daily schedule and autoscaled) or
// per-run (each execution creates, uses and terminates its own, which bills until terminated or
// auto-terminated when idle). Owned by the simulation. Node time is billed from the moment a
// node is asked for: ProvisioningSeconds while it starts, then NodeSecondsBusy (slot-seconds in
// use / slotsPerNode) and NodeSecondsIdle (the rest), so busy + idle = ready nodes × time.
// AWS bills every instance on its own, from request to termination, by the price book's rules
// for the EC2 instance and the EMR uplift (per second, 1-minute minimum): each node's life is
// billed as it ends (NodeSecondsBilledEc2, NodeSecondsBilledEmr), or at the end of the run.
#include "model/pricing/PriceBook.h"
#include "simulator/services/Distribution.h"
#include "simulator/services/ServiceModel.h"

#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

namespace flowcast::sim {

class Cluster final : public ServiceModel {
public:
    enum class Mode : std::uint8_t { AlwaysOn, PerRun };
    /// Times of day (UTC) the cluster runs: t = 0 is midnight, as on the workloads' virtual
    /// calendar (2026-01-01T00:00Z). `from` > `to` spans midnight.
    struct DailySchedule {
        SimTime from;
        SimTime to;
    };
    struct Autoscaling {
        int min = 2;
        int max = 10;
        std::shared_ptr<const Distribution> provisioningSeconds; ///< per added node
        SimTime scaleInIdle = SimTime::fromSeconds(300);
    };
    /// The price items of the default instance type, whose rules a Config starts with.
    static constexpr const char* kEc2Default = "ec2.m5.xlarge";
    static constexpr const char* kEmrDefault = "emr.m5.xlarge";
    struct Config {
        Mode mode = Mode::AlwaysOn;
        int nodes = 4; ///< always-on with autoscaling: the count at start (and at each opening)
        int slotsPerNode = 4;
        int slotsPerJob = 1;
        std::string instanceType = "m5.xlarge";                  ///< kept for the cost engine
        std::optional<DailySchedule> schedule;                   ///< always-on only
        std::optional<Autoscaling> autoscaling;                  ///< always-on only
        std::shared_ptr<const Distribution> provisioningSeconds; ///< per-run: Create
        std::shared_ptr<const Distribution> terminationSeconds;  ///< per-run: Terminate
        std::optional<SimTime> autoTerminateIdle;                ///< per-run; nullopt = never
        /// Each node's billing rules: the EC2 instance's and the EMR uplift's price items.
        model::RequestRules instanceBilling = model::PriceBook::defaults().at(kEc2Default).rules;
        model::RequestRules upliftBilling = model::PriceBook::defaults().at(kEmrDefault).rules;
    };

    /// Error of a Run job for an execution without a cluster (Flowcast's name, see Cluster.cpp).
    static constexpr const char* kClusterNotFound = "EMR.ClusterNotFound";
    /// Error of the jobs still on a cluster when it terminates (Flowcast's name).
    static constexpr const char* kClusterTerminated = "EMR.ClusterTerminated";

    /// The config's distributions must be set (fromJson fills the defaults).
    Cluster(Kernel& kernel, Probe& probe, std::string name, Config config);

    /// {"kind": "cluster", "mode", "nodes", "slotsPerNode", "slotsPerJob", "instanceType",
    /// "schedule", "autoscaling", "provisioningSeconds", "terminationSeconds",
    /// "autoTerminateIdleSeconds"}; throws model::ScenarioError at the offending value.
    /// `baseDir` resolves empirical distributions' files; the billing rules come from the
    /// "ec2.TYPE" and "emr.TYPE" items of `prices` (none when it lacks them: the cost engine
    /// names the missing price when it prices the run).
    static std::unique_ptr<Cluster>
    fromJson(Kernel& kernel, Probe& probe, std::string name, const model::Json& spec,
             const std::string& pointer, const std::filesystem::path& baseDir = {},
             const model::PriceBook& prices = model::PriceBook::defaults());
    static Config parseConfig(const model::Json& spec, const std::string& pointer,
                              const std::filesystem::path& baseDir = {});

    void submit(Job&& job) override;
    void handle(const Event& event) override;
    void finish(SimTime end) override;

    const Config& config() const { return m_config; }
    int nodes() const { return m_totalNodes; } ///< billed nodes now: starting, ready, stopping
    int busySlots() const { return m_totalBusy; }
    std::size_t queueLength() const { return m_totalQueued; }
    std::size_t liveClusters() const { return m_instances.size(); }

private:
    enum EventKind : std::uint32_t {
        kJobEnd,
        kAnswer,
        kNodeReady,
        kScaleInCheck,
        kOpen,
        kClose,
        kInstanceReady,
        kInstanceGone,
        kIdleCheck,
    };
    static constexpr std::uint64_t kAlwaysOn = 0; ///< the always-on cluster's instance id
    enum class Phase : std::uint8_t { Provisioning, Ready, Terminating };
    struct Node {
        std::uint64_t id = 0;
        int busy = 0; ///< slots in use
        SimTime idleSince;
        SimTime requested; ///< when it was asked for: its bill starts there
    };
    // One cluster: the always-on one (id 0), or one execution's transient cluster.
    struct Instance {
        std::uint64_t id = 0;
        std::uint64_t execution = 0;
        Phase phase = Phase::Ready;
        std::vector<Node> nodes; ///< ready (or stopping) nodes
        int provisioning = 0;    ///< nodes starting
        SimTime created;         ///< per-run: when its nodes were asked for
        int busySlots = 0;
        std::vector<std::uint64_t> running; ///< jobs holding slots, in start order
        std::deque<std::uint64_t> queue;    ///< waiting jobs, FIFO
        int queuedSlots = 0;
        std::optional<std::uint64_t> pendingOp; ///< the Create or Terminate job in progress
        SimTime idleSince;
        // Billing since the last report, in node- or slot-microseconds (exact integers).
        SimTime accruedTo;
        std::int64_t busySlotUs = 0;
        std::int64_t nodeUs = 0;
        std::int64_t provisioningNodeUs = 0;
    };
    struct Held {
        Job job;
        std::uint64_t instance = 0;
        std::vector<std::pair<std::uint64_t, int>> nodeSlots; ///< (node id, slots) while running
        EventId end;
        std::optional<TaskOutcome> verdict; ///< answered through the kernel, not run
    };
    class Touch;

    static SimTime sample(const Distribution& d, RandomStream& random);
    int slotsFor(const Job&) const { return m_config.slotsPerJob; }
    int freeSlots(const Instance& in) const;
    bool accepting(const Instance& in) const;
    Instance* findInstance(std::uint64_t id);
    Instance* instanceOf(std::uint64_t execution);

    void answerSoon(Job job, TaskOutcome outcome);
    void enqueue(Instance& in, Job job);
    void dispatch(Instance& in);
    void start(Instance& in, std::uint64_t jobId, Held& held);
    void release(Instance& in, Held& held);
    void nodeFreed(Instance& in, Node& node);
    void scaleOut(Instance& in);
    void armIdle(Instance& in);
    void createInstance(Job job);
    void beginTermination(Instance& in, std::optional<Job> terminate);
    std::vector<Job> dropJobs(Instance& in);
    void removeInstance(std::uint64_t id);
    void accrue(Instance& in, SimTime to);
    Node newNode(SimTime requested) { return Node{m_nextNode++, 0, m_kernel.now(), requested}; }
    /// Bills one node's life from `requested` to now (or `to`) by both rules.
    void bill(SimTime requested, std::optional<SimTime> to = std::nullopt);
    void report(Instance& in);
    void emitLevels();
    void end(Job& job, TaskOutcome outcome);

    void onJobEnd(std::uint64_t jobId);
    void onAnswer(std::uint64_t jobId);
    void onNodeReady(std::uint64_t nodeId);
    void onScaleInCheck(std::uint64_t nodeId);
    void onSchedule(bool open);
    void onInstanceReady(std::uint64_t id);
    void onInstanceGone(std::uint64_t id);
    void onIdleCheck(std::uint64_t id);
    void scheduleNextTransition();

    Config m_config;
    std::map<std::uint64_t, Instance> m_instances; ///< ordered: reports come in a stable order
    std::unordered_map<std::uint64_t, std::uint64_t> m_byExecution; ///< execution -> instance
    std::map<std::uint64_t, Held> m_jobs;
    std::map<std::uint64_t, SimTime> m_starting; ///< always-on: nodes starting, by id: asked at
    std::uint64_t m_nextJob = 1;
    std::uint64_t m_nextInstance = 1;
    std::uint64_t m_nextNode = 1;
    bool m_open = true; ///< inside the daily schedule (always true without one)
    int m_totalNodes = 0;
    int m_totalBusy = 0;
    std::size_t m_totalQueued = 0;
    std::uint32_t m_nodesSeries;
    std::uint32_t m_busySeries;
    std::uint32_t m_queueSeries;
    double m_lastNodes = -1;
    double m_lastBusy = -1;
    double m_lastQueue = -1;
    RandomStream& m_provisioningRandom;
    RandomStream& m_terminationRandom;
};

} // namespace flowcast::sim
