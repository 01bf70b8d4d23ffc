// makeService: the "services" section's kinds, each to its model.
#include "model/scenario/ScenarioError.h"
#include "simulator/services/Cluster.h"
#include "simulator/services/EmrServerless.h"
#include "simulator/services/FunctionPool.h"
#include "simulator/services/JobService.h"
#include "simulator/services/QueryService.h"
#include "simulator/services/ServiceRouter.h"

namespace flowcast::sim {

std::unique_ptr<ServiceModel> makeService(Kernel& kernel, Probe& probe, const std::string& name,
                                          const model::Json& spec, const std::string& pointer,
                                          const std::filesystem::path& baseDir,
                                          ConcurrencyAccount& account,
                                          const model::PriceBook& prices) {
    if (!spec.is_object()) throw model::ScenarioError(pointer, "a service must be an object");
    auto kind = spec.find("kind");
    if (kind == spec.end() || !kind->is_string())
        throw model::ScenarioError(pointer + "/kind",
                                   "a service needs a \"kind\": lambda, glue, glue-crawler, "
                                   "cluster, emr-serverless or athena");
    const std::string k = kind->get<std::string>();
    if (k == "lambda")
        return FunctionPool::fromJson(kernel, probe, name, spec, pointer, account, nullptr, baseDir,
                                      prices);
    if (k == "glue" || k == "glue-crawler")
        return JobService::fromJson(kernel, probe, name, spec, pointer, baseDir, prices);
    if (k == "cluster")
        return Cluster::fromJson(kernel, probe, name, spec, pointer, baseDir, prices);
    if (k == "emr-serverless")
        return EmrServerless::fromJson(kernel, probe, name, spec, pointer, baseDir, prices);
    if (k == "athena")
        return QueryService::fromJson(kernel, probe, name, spec, pointer, baseDir, prices);
    throw model::ScenarioError(pointer + "/kind", "unknown service kind \"" + k +
                                                      "\" (lambda, glue, glue-crawler, cluster, "
                                                      "emr-serverless, athena)");
}

} // namespace flowcast::sim
