#include "simulator/cost/SimulatedUsage.h"

#include "simulator/cost/StorageSpec.h"

#include "model/pricing/PriceFormat.h"
#include "simulator/services/Cluster.h"
#include "simulator/services/EmrServerless.h"
#include "simulator/services/FunctionPool.h"
#include "simulator/services/JobService.h"
#include "simulator/services/QueryService.h"

#include <cmath>
#include <initializer_list>
#include <stdexcept>

namespace flowcast::cost {

using model::formatQuantity;
using model::Json;
using model::Measure;
using sim::UsageKind;

namespace {

constexpr double kBytesPerMb = 1024.0 * 1024.0;
constexpr double kBytesPerTb = kBytesPerMb * 1024.0 * 1024.0;
constexpr double kDefaultLambdaMemoryGb = 0.125; // AWS: a new function gets 128 MB
constexpr const char* kExpressDuration = "stepfunctions.express.duration";

// "1 min", "100 ms", "64 MB": a rule's amount in the measure's unit.
std::string amountOf(Measure m, double v) {
    switch (m) {
    case Measure::DurationMs:
        if (v >= 60'000 && std::fmod(v, 60'000) == 0) return formatQuantity(v / 60'000) + " min";
        if (v >= 1000 && std::fmod(v, 1000) == 0) return formatQuantity(v / 1000) + " s";
        return formatQuantity(v) + " ms";
    case Measure::MemoryMb:
    case Measure::DataMb:
        return formatQuantity(v) + " MB";
    case Measure::DataKb:
        return formatQuantity(v) + " KB";
    }
    return formatQuantity(v);
}

// What the price book's rules did to every run, for the formula: ", each rounded up to 1 s,
// billed at least 1 min"; empty when the item has no rule for these measures.
std::string eachRun(const model::RequestRules& rules, std::initializer_list<Measure> measures) {
    std::string steps, minimums;
    for (Measure m : measures) {
        if (const auto step = rules.step(m))
            steps += (steps.empty() ? "" : " and ") + amountOf(m, *step);
        if (const auto floor = rules.minimum(m))
            minimums += (minimums.empty() ? "" : " and ") + amountOf(m, *floor);
    }
    std::string text;
    if (!steps.empty()) text = ", each rounded up to " + steps;
    if (!minimums.empty())
        text += (text.empty() ? ", each billed at least " : ", billed at least ") + minimums;
    return text;
}

class UsageBuilder {
public:
    UsageBuilder(const sim::Metrics& metrics, const sim::Program& program,
                 const model::Scenario& scenario, const model::PriceBook& book)
        : m_metrics(metrics), m_program(program), m_scenario(scenario), m_book(book) {
        const double runs = static_cast<double>(metrics.runs());
        const double seconds = metrics.simulated().seconds();
        if (runs <= 0 || seconds <= 0)
            throw std::invalid_argument("no simulated time to price (nothing was simulated)");
        m_perRun = 1.0 / runs;
        m_out.scale = kSecondsPerMonth / (seconds / runs);
        m_out.executions = monthly(static_cast<double>(metrics.executions().started));
        // Records mean something only when the workload says how many a run carries.
        const Json& workload = scenario.section("workload");
        if (workload.contains("stream") || workload.contains("recordsPerExecution"))
            m_out.records = monthly(static_cast<double>(metrics.executions().records));
    }

    /// A total of all replications, as a monthly quantity.
    double monthly(double total) const { return total * m_perRun * m_out.scale; }

    void add(std::string priceId, std::string consumer, double monthlyQuantity,
             std::string formula) {
        if (monthlyQuantity <= 0) return;
        m_out.lines.push_back(
            {std::move(priceId), std::move(consumer), monthlyQuantity, std::move(formula)});
    }

    void stepFunctions();
    void service(std::size_t id, const std::string& name);
    void unmodelledTasks();
    void storage();
    MonthlyUsage take() {
        if (m_busyNodeSeconds + m_idleNodeSeconds > 0)
            m_out.clusterIdleShare = m_idleNodeSeconds / (m_busyNodeSeconds + m_idleNodeSeconds);
        return std::move(m_out);
    }

private:
    void lambda(const std::string& name, const sim::Metrics::ServiceStats& s, const Json& spec);
    void glue(const std::string& name, const sim::Metrics::ServiceStats& s, const Json& spec);
    void cluster(const std::string& name, const sim::Metrics::ServiceStats& s, const Json& spec);
    void emrServerless(const std::string& name, const sim::Metrics::ServiceStats& s,
                       const Json& spec);
    void athena(const std::string& name, const sim::Metrics::ServiceStats& s);
    void task(const model::State& state, const sim::Metrics::StateStats& stats);
    std::string pointerOf(const std::string& name) const { return "/services/" + name; }
    double requestsOf(const sim::Metrics::ServiceStats& s) const {
        return monthly(static_cast<double>(
            s.signalCounts[static_cast<std::size_t>(sim::ServiceSignal::Request)]));
    }

    const sim::Metrics& m_metrics;
    const sim::Program& m_program;
    const model::Scenario& m_scenario;
    const model::PriceBook& m_book;
    double m_perRun = 1;
    double m_busyNodeSeconds = 0;
    double m_idleNodeSeconds = 0;
    MonthlyUsage m_out;
};

void UsageBuilder::stepFunctions() {
    const auto& e = m_metrics.executions();
    const double executions = monthly(static_cast<double>(e.started));
    const std::string runs = formatQuantity(executions) + " executions";
    // Express: duration × memory, each execution's rounded up by the price book's rule (100 ms
    // and 64 MB) as it ended. Memory is 50 MB + the definition's size (AWS's formula, payloads
    // not counted here), so it is the same for every execution and multiplies their sum.
    const model::RequestRules& express = m_book.at(kExpressDuration).rules;
    const double definitionMb =
        static_cast<double>(m_program.definition().dump().size()) / kBytesPerMb;
    const double memoryMb = express.billed(Measure::MemoryMb, 50.0 + definitionMb);
    const std::string memory = formatQuantity(memoryMb / 1024.0) + " GB";
    const std::string rounded = eachRun(express, {Measure::DurationMs, Measure::MemoryMb});
    if (!m_scenario.express) {
        // Standard: every state entered and every retry is a billed transition (a distributed
        // Map's Standard children's too).
        const double transitions = monthly(static_cast<double>(e.stateTransitions));
        add("stepfunctions.standard.transitions", "state machine", transitions,
            runs + " × " + formatQuantity(transitions / executions) + " transitions");
    } else {
        add("stepfunctions.express.requests", "state machine", executions, runs);
        const double billedSeconds = e.expressBilledSeconds.value();
        const double perExecution = e.ended ? billedSeconds / static_cast<double>(e.ended) : 0;
        add(kExpressDuration, "state machine", monthly(billedSeconds) * memoryMb / 1024.0 / 3600.0,
            runs + " × " + formatQuantity(perExecution) + " s × " + memory + rounded);
    }
    if (e.expressChildExecutions == 0) return;
    // Distributed Maps' Express children: each a request, its own duration rounded up to 100 ms.
    const double children = monthly(static_cast<double>(e.expressChildExecutions));
    const double childSeconds = monthly(e.expressChildBilledSeconds.value());
    add("stepfunctions.express.requests", "distributed Map children", children,
        formatQuantity(children) + " child executions");
    add(kExpressDuration, "distributed Map children", childSeconds * memoryMb / 1024.0 / 3600.0,
        formatQuantity(children) + " child executions × " +
            formatQuantity(childSeconds / children) + " s × " + memory + rounded);
}

void UsageBuilder::service(std::size_t id, const std::string& name) {
    const Json& services = m_scenario.section("services");
    if (!services.is_object() || !services.contains(name)) return;
    const Json& spec = services.at(name);
    const std::string kind = spec.value("kind", "");
    const auto& stats = m_metrics.service(id);
    if (kind == "lambda") return lambda(name, stats, spec);
    if (kind == "glue" || kind == "glue-crawler") return glue(name, stats, spec);
    if (kind == "cluster") return cluster(name, stats, spec);
    if (kind == "emr-serverless") return emrServerless(name, stats, spec);
    if (kind == "athena") return athena(name, stats);
}

void UsageBuilder::lambda(const std::string& name, const sim::Metrics::ServiceStats& s,
                          const Json& spec) {
    const auto config =
        sim::FunctionPool::parseConfig(spec, pointerOf(name), nullptr, m_scenario.baseDir());
    const double requests = monthly(s.usageOf(UsageKind::Requests));
    const double gbSeconds = monthly(s.usageOf(UsageKind::GbSecondsBilled));
    const double memoryGb = config.memoryMb / 1024.0;
    add("lambda.requests", name, requests, formatQuantity(requests) + " invocations");
    // Billed duration: each invocation rounded up by the pool as it ended (the price book's
    // 1 ms), INIT included (billed since 2025-08).
    const std::string id = sim::FunctionPool::durationPriceId(config.architecture);
    add(id, name, gbSeconds,
        formatQuantity(requests) + " invocations × " +
            formatQuantity(requests > 0 ? gbSeconds / memoryGb / requests : 0) + " s × " +
            formatQuantity(memoryGb) + " GB" + eachRun(m_book.at(id).rules, {Measure::DurationMs}));
}

void UsageBuilder::glue(const std::string& name, const sim::Metrics::ServiceStats& s,
                        const Json& spec) {
    const auto config = sim::JobService::parseConfig(spec, pointerOf(name), m_scenario.baseDir());
    const double dpuHours = monthly(s.usageOf(UsageKind::DpuSeconds)) / 3600.0;
    // Runs refused over the concurrency limit were never billed.
    const double runs =
        requestsOf(s) -
        monthly(static_cast<double>(
            s.signalCounts[static_cast<std::size_t>(sim::ServiceSignal::Throttle)]));
    const char* id = sim::JobService::priceId(config);
    // DPU-seconds as the job service billed them, each run by the price book's rule.
    add(id, name, dpuHours,
        (runs > 0 ? formatQuantity(runs) + " runs × " : std::string()) +
            formatQuantity(config.workers * config.dpuPerWorker) + " DPU" +
            eachRun(m_book.at(id).rules, {Measure::DurationMs}));
}

void UsageBuilder::cluster(const std::string& name, const sim::Metrics::ServiceStats& s,
                           const Json& spec) {
    const auto config = sim::Cluster::parseConfig(spec, pointerOf(name), m_scenario.baseDir());
    const double busy = s.usageOf(UsageKind::NodeSecondsBusy);
    const double idle = s.usageOf(UsageKind::NodeSecondsIdle);
    const double starting = s.usageOf(UsageKind::ProvisioningSeconds);
    m_busyNodeSeconds += busy;
    m_idleNodeSeconds += idle;
    const double asRun = busy + idle + starting;
    const std::string parts = formatQuantity(monthly(busy) / 3600.0) + " busy + " +
                              formatQuantity(monthly(idle) / 3600.0) + " idle + " +
                              formatQuantity(monthly(starting) / 3600.0) + " starting";
    // EMR on EC2: the EC2 instance and the EMR uplift, both per instance-hour, each node billed
    // by the price's own rule as the cluster billed it (metrics without billed seconds, from
    // before the rules, count the time as run).
    const std::pair<const char*, UsageKind> lines[] = {{"ec2.", UsageKind::NodeSecondsBilledEc2},
                                                       {"emr.", UsageKind::NodeSecondsBilledEmr}};
    for (const auto& [service, kind] : lines) {
        const std::string id = service + config.instanceType;
        const double billed = s.usageOf(kind) > 0 ? s.usageOf(kind) : asRun;
        std::string formula = parts;
        // Sums of doubles differ in their last bits: only a real rounding is shown.
        if (const double extra = monthly(billed - asRun) / 3600.0; extra > 1e-9 * billed)
            formula += " + " + formatQuantity(extra) + " rounded-up";
        formula += " node-hours of " + config.instanceType;
        if (const model::PriceItem* item = m_book.find(id))
            if (!item->rules.isEmpty())
                formula += ", instance by instance from request to termination" +
                           eachRun(item->rules, {Measure::DurationMs});
        add(id, name, monthly(billed) / 3600.0, formula);
    }
}

// EMR Serverless: vCPU, memory and storage as the application billed them, worker by worker.
void UsageBuilder::emrServerless(const std::string& name, const sim::Metrics::ServiceStats& s,
                                 const Json& spec) {
    using sim::EmrServerless;
    const auto c = EmrServerless::parseConfig(spec, pointerOf(name), m_scenario.baseDir());
    const double runGb = c.driver.memoryGb + c.executors * c.executor.memoryGb;
    std::string shape = "1 driver + " + formatQuantity(c.executors) + " executors a run (" +
                        formatQuantity(c.runVcpu()) + " vCPU, " + formatQuantity(runGb) + " GB)";
    if (const int pool = c.initialDrivers + c.initialExecutors; pool > 0)
        shape += " + " + formatQuantity(pool) + " pre-initialized workers while started";
    const std::pair<const char*, UsageKind> lines[] = {
        {EmrServerless::kVcpuPrice, UsageKind::VcpuSeconds},
        {EmrServerless::kMemoryPrice, UsageKind::MemoryGbSeconds},
        {EmrServerless::kStoragePrice, UsageKind::StorageGbSeconds}};
    for (const auto& [id, kind] : lines)
        add(id, name, monthly(s.usageOf(kind)) / 3600.0,
            shape + ", per worker" + eachRun(m_book.at(id).rules, {Measure::DurationMs}));
}

void UsageBuilder::athena(const std::string& name, const sim::Metrics::ServiceStats& s) {
    const double queries = requestsOf(s);
    const double bytes = monthly(s.usageOf(UsageKind::BytesScanned));
    // Each successful query's bytes as the query service billed them: rounded up and raised to
    // the minimum one by one (the price book's 1 MB and 10 MB); failed queries are free.
    const double billedBytes = monthly(s.usageOf(UsageKind::BytesBilled));
    const char* id = sim::QueryService::kPriceId;
    add(id, name, billedBytes / kBytesPerTb,
        formatQuantity(queries) + " queries, " + formatQuantity(bytes / 1e9) + " GB scanned" +
            eachRun(m_book.at(id).rules, {Measure::DataMb}) + " (failed queries free)");
}

// Steady state of a dataset kept for its retention: executions a day × size × days stored.
void UsageBuilder::storage() {
    const double perDay = m_out.executions / (kSecondsPerMonth / 86'400.0);
    for (const StorageSpec& s : storageOf(m_scenario)) {
        const double gbMonths = perDay * s.gbPerExecution * s.retentionDays;
        add(s.priceId, "storage " + s.name, gbMonths,
            formatQuantity(perDay) + " executions a day × " + formatQuantity(s.gbPerExecution) +
                " GB × " + formatQuantity(s.retentionDays) + " days kept");
        const std::string runs = formatQuantity(m_out.executions) + " executions × ";
        add("s3.standard.putRequests", "storage " + s.name, m_out.executions * s.putsPerExecution,
            runs + formatQuantity(s.putsPerExecution) + " PUT");
        add("s3.standard.getRequests", "storage " + s.name, m_out.executions * s.getsPerExecution,
            runs + formatQuantity(s.getsPerExecution) + " GET");
    }
}

void UsageBuilder::unmodelledTasks() {
    const Json& states = m_scenario.section("states");
    for (std::uint32_t i = 0; i < m_program.stateCount(); ++i) {
        const model::State& state = m_program.state(i);
        if (state.type != model::StateType::Task) continue;
        const bool modelled = states.is_object() && states.contains(state.name) &&
                              states.at(state.name).contains("service");
        if (!modelled) task(state, m_metrics.state(i));
    }
}

// Priced by what the Task calls: one request per attempt (retries call again).
void UsageBuilder::task(const model::State& state, const sim::Metrics::StateStats& stats) {
    const double attempts = monthly(static_cast<double>(stats.visits() + stats.retries));
    if (attempts <= 0) return;
    const std::string& r = state.resource;
    const std::string who = "state " + state.name;
    const std::string calls = formatQuantity(attempts) + " calls";
    const auto has = [&r](const char* api) { return r.find(api) != std::string::npos; };
    if (has(":dynamodb:putItem") || has(":dynamodb:updateItem") || has(":dynamodb:deleteItem"))
        return add("dynamodb.ondemand.writes", who, attempts, calls + " × 1 WRU (items ≤ 1 KB)");
    if (has(":dynamodb:getItem"))
        return add("dynamodb.ondemand.reads", who, attempts * 0.5,
                   calls + " × 0.5 RRU (eventually consistent, ≤ 4 KB)");
    if (has(":s3:getObject") || has(":s3:headObject"))
        return add("s3.standard.getRequests", who, attempts, calls);
    if (has(":s3:putObject") || has(":s3:copyObject") || has(":s3:listObjects"))
        return add("s3.standard.putRequests", who, attempts, calls + " (LIST is billed as PUT)");
    if (has(":sns:publish")) return add("sns.publishes", who, attempts, calls);
    if (has(":sqs:sendMessage")) return add("sqs.standard.requests", who, attempts, calls);
    const double seconds = monthly(stats.latency.sum() / 1e6);
    if (has(":sagemaker:createTransformJob")) {
        // The instance type and count from the Parameters, when they are written out.
        std::string type;
        double count = 1;
        if (state.raw) {
            const Json parameters = state.raw->value("Parameters", Json::object());
            const Json tr = parameters.is_object()
                                ? parameters.value("TransformResources", Json::object())
                                : Json::object();
            if (tr.is_object()) {
                if (auto t = tr.find("InstanceType"); t != tr.end() && t->is_string())
                    type = t->get<std::string>();
                if (auto c = tr.find("InstanceCount"); c != tr.end() && c->is_number())
                    count = c->get<double>();
            }
        }
        if (type.empty() || type.find('$') != std::string::npos) {
            m_out.unpriced.push_back(who + ": TransformResources.InstanceType is not a literal");
            return;
        }
        const double hours = seconds / 3600.0 * count;
        return add("sagemaker." + type, who, hours,
                   formatQuantity(seconds / 3600.0) + " hours × " + formatQuantity(count) +
                       " instances");
    }
    if (has(":lambda:invoke") || has(":lambda:") || has("function:")) {
        add("lambda.requests", who, attempts, calls);
        return add("lambda.duration.x86", who, seconds * kDefaultLambdaMemoryGb,
                   formatQuantity(seconds) + " s × 0.125 GB (no service model: 128 MB)");
    }
    // AWS SDK reads of a control plane (glue:getCrawler, emr:describeCluster, ...) are free;
    // the state's transition is what they cost.
    if (const auto sdk = r.find(":aws-sdk:"); sdk != std::string::npos) {
        const std::string action = r.substr(r.find(':', sdk + 9) + 1);
        if (action.starts_with("get") || action.starts_with("describe") ||
            action.starts_with("list"))
            return;
    }
    m_out.unpriced.push_back(who + " (" + r + "): no service model and no price rule");
}

} // namespace

MonthlyUsage monthlyUsage(const sim::Metrics& metrics, const std::vector<std::string>& serviceNames,
                          const sim::Program& program, const model::Scenario& scenario,
                          const model::PriceBook& book) {
    UsageBuilder builder(metrics, program, scenario, book);
    builder.stepFunctions();
    for (std::size_t id = 0; id < serviceNames.size(); ++id)
        builder.service(id, serviceNames[id]);
    builder.unmodelledTasks();
    builder.storage();
    return builder.take();
}

} // namespace flowcast::cost
