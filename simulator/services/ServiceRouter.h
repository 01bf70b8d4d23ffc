#pragma once
// The TaskBackend of a simulation: turns each Task attempt into work on the state's service
// model, as the scenario's "states" section says, and answers the asynchronous job pattern
// (a submit task starts a job; a status task reports RUNNING / SUCCEEDED / FAILED as of now).
//
//   "states": {
//     "<state name>": {
//       "service": "<name in services>",   optional: without it the attempt just takes `duration`
//       "duration": <distribution or work model, seconds>,   default 0
//       "result": <JSON>,                  returned on success; default: the effective input
//       "failures": [{"error": "Lambda.ServiceException", "cause": "...", "probability": 0.001}],
//       "job": "submit" | {"statusOf": "<submit state>", "path": "Payload.status",
//                          "values": {"running": "RUNNING", "succeeded": "SUCCEEDED", "failed":
//                          "FAILED"}},
//       "op": "run" | "create" | "terminate",  per-run clusters (default from the Resource ARN)
//       "bytesScanned": <distribution of bytes>   query services
//       "itemReader": {"file": "objects.csv"} | {"items": <count or distribution>}
//                                          a distributed Map's items (its ItemReader's answer)
//     }
//   },
//   "outages": [{"service": "glue", "from": "2d", "to": "54h", "error": "Glue.AWSGlueException"}]
//
// A Task with no entry returns its effective input at once (issue 3: "A Task with no mock and no
// service model returns its effective input").
#include "model/asl/Json.h"
#include "model/pricing/PriceBook.h"
#include "simulator/core/Kernel.h"
#include "simulator/exec/Program.h"
#include "simulator/exec/TaskBackend.h"
#include "simulator/services/ConcurrencyAccount.h"
#include "simulator/services/Distribution.h"
#include "simulator/services/ServiceModel.h"
#include "simulator/services/WorkModel.h"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace flowcast::sim {

class ServiceRouter final : public TaskBackend, private TaskListener {
public:
    /// Builds the services, billed by the rules of `prices`, and the per-state models. Throws
    /// model::ScenarioError, model::PriceBookError when `prices` lacks a service's price.
    ServiceRouter(Kernel& kernel, Probe& probe, const Program& program, const model::Json& services,
                  const model::Json& states, const model::Json& outages,
                  const std::filesystem::path& baseDir, const model::PriceBook& prices);
    ~ServiceRouter() override;

    std::optional<TaskOutcome> start(const TaskCall& call) override;
    /// A state model reads the input for an input-dependent duration ("records"), or to echo it
    /// as the result (no "result" configured, and the result is used).
    bool readsInput(std::uint32_t stateIndex, bool resultUsed) const override;
    /// Echoed inputs, and configured results and status answers checked once when built; not a
    /// distributed Map's drawn listing.
    bool resultsFit(std::uint32_t stateIndex) const override;
    /// Forgets the jobs an execution submitted (called when it ends).
    void forget(std::uint64_t serial);
    /// Closes every service's open intervals at the end of the run.
    void finish(SimTime end);

private:
    enum class JobMode { None, Submit, Status };
    enum class JobStatus { Running, Succeeded, Failed };
    struct Failure {
        std::string error;
        std::string cause;
        double probability = 0;
    };
    struct StateModel {
        bool configured = false;
        ServiceModel* service = nullptr;
        std::optional<WorkModel> work;
        std::optional<model::Json> result;
        std::vector<Failure> failures;
        JobMode job = JobMode::None;
        std::uint32_t statusOf = 0;
        std::vector<std::string> statusPath; ///< object keys to the status field in the result
        std::string statusValues[3] = {"RUNNING", "SUCCEEDED", "FAILED"};
        JobOp op = JobOp::Run;
        std::shared_ptr<const Distribution> bytesScanned;
        std::shared_ptr<const Distribution> itemCount; ///< a distributed Map's synthetic items
        RandomStream* random = nullptr;
        bool resultsFit = true;       ///< every result it gives is within the payload quota
        model::Json statusResults[3]; ///< a status task's answer per JobStatus, built once
    };
    struct Outage {
        ServiceModel* service = nullptr;
        SimTime from;
        SimTime to;
        std::string error;
        std::string cause;
    };
    struct TrackedJob {
        std::uint32_t attempt = 0;
        JobStatus status = JobStatus::Running;
    };

    void taskFinished(const TaskTicket& ticket, TaskOutcome outcome) override;
    static bool resultsWithinQuota(const StateModel& m);
    static model::Json statusResult(const StateModel& m, int status);
    void buildServices(const model::Json& services, const std::filesystem::path& baseDir,
                       const model::PriceBook& prices);
    void buildState(StateModel& m, const model::Json& spec, const std::string& pointer,
                    const std::filesystem::path& baseDir);
    void readItemSource(StateModel& m, const model::Json& spec, const std::string& pointer,
                        const std::filesystem::path& baseDir);
    std::optional<TaskOutcome> statusOutcome(const StateModel& m, const TaskCall& call,
                                             SimTime duration) const;
    const Outage* outageOf(const ServiceModel* service) const;

    Kernel& m_kernel;
    Probe& m_probe;
    const Program& m_program;
    ConcurrencyAccount m_account; ///< the Lambda functions' shared account concurrency
    std::map<std::string, std::unique_ptr<ServiceModel>, std::less<>> m_services;
    std::vector<StateModel> m_models; ///< by Program state index
    std::vector<Outage> m_outages;
    std::map<std::pair<std::uint64_t, std::uint32_t>, TrackedJob> m_jobs;
    std::uint32_t m_jobSerial = 0;
};

/// Builds one service from its "services" entry by its "kind" (lambda, glue, glue-crawler,
/// cluster, emr-serverless, athena), billed per request or run by the rules of its price in
/// `prices`. Throws model::ScenarioError, model::PriceBookError.
std::unique_ptr<ServiceModel> makeService(Kernel& kernel, Probe& probe, const std::string& name,
                                          const model::Json& spec, const std::string& pointer,
                                          const std::filesystem::path& baseDir,
                                          ConcurrencyAccount& account,
                                          const model::PriceBook& prices);

} // namespace flowcast::sim
