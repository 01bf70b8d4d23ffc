#include "simulator/cost/TheoryCheck.h"

#include "simulator/analytic/Erlang.h"
#include "simulator/analytic/WarmPoolModel.h"
#include "simulator/services/Cluster.h"
#include "simulator/services/ConcurrencyAccount.h"
#include "simulator/services/FunctionPool.h"
#include "simulator/services/JobService.h"
#include "simulator/services/QueryService.h"
#include "simulator/workload/DurationText.h"

#include <algorithm>
#include <exception>
#include <iomanip>
#include <sstream>

namespace flowcast::cost {

namespace {

using model::Json;
using sim::ServiceSignal;

const char* const kNotCalled = "not called in this run";

// Four significant digits: rates of a few a day stay readable ("2.315e-05").
std::string number(double value) {
    std::ostringstream s;
    s << std::setprecision(4) << value;
    return s.str();
}

// The executions' arrivals, as the workload states them. The models need a Poisson stream at a
// steady rate: a schedule is deterministic, profiles and bursts change the rate over the day.
struct Arrivals {
    std::optional<double> perSecond; ///< executions a second; nullopt: no model applies
    std::string text;                ///< what they are, or why no model applies
    bool exact = true;               ///< a Poisson stream as simulated
    std::string caveat;              ///< why not, when they are not
};

Arrivals noArrivals(std::string why) {
    return {std::nullopt, std::move(why), false, ""};
}

std::optional<std::string> partialWindow(const Json& w, double runSeconds) {
    if (w.contains("start") && sim::parseDuration(w["start"], "/workload/start").us > 0)
        return "no model applies: arrivals start late, so the run does not see a steady rate";
    if (w.contains("end") && sim::parseDuration(w["end"], "/workload/end").seconds() < runSeconds)
        return "no model applies: arrivals end before the run does, so it does not see a steady "
               "rate";
    return std::nullopt;
}

Arrivals arrivalsOf(const model::Scenario& scenario, const sim::Metrics& metrics) {
    const Json& w = scenario.section("workload");
    const double runSeconds =
        metrics.runs() ? metrics.simulated().seconds() / static_cast<double>(metrics.runs()) : 0;
    if (!w.is_object()) return noArrivals("no model applies: no workload");
    if (auto why = partialWindow(w, runSeconds)) return noArrivals(*why);
    if (w.contains("poisson")) {
        const Json& p = w["poisson"];
        const double rate = p.contains("ratePerSecond") ? p["ratePerSecond"].get<double>()
                            : p.contains("ratePerHour") ? p["ratePerHour"].get<double>() / 3600
                                                        : p.value("ratePerDay", 0.0) / 86'400;
        return {rate, "Poisson arrivals at " + number(rate) + " executions/s", true, ""};
    }
    if (w.contains("stream") && w["stream"].contains("recordsPerSecond")) {
        const Json& s = w["stream"];
        const double records = s["recordsPerSecond"].get<double>();
        const auto& e = metrics.executions();
        if (e.started == 0 || e.records == 0)
            return noArrivals("no model applies: the stream started no execution");
        const double perExecution = static_cast<double>(e.records) / static_cast<double>(e.started);
        const bool single = s.value("batchSize", 1) == 1 || s.value("batchWindowSeconds", 0.0) == 0;
        const double rate = records / perExecution;
        // A batch that waits for its window or its size arrives more regularly than Poisson.
        return {rate,
                "a stream of " + number(records) + " records/s in batches of " +
                    number(perExecution) + " (measured): " + number(rate) + " executions/s",
                single, single ? "" : "batches are not a Poisson stream (approximate)"};
    }
    for (const auto& [kind, why] : std::initializer_list<std::pair<const char*, const char*>>{
             {"schedule", "arrivals follow a schedule, not a Poisson stream"},
             {"profile", "arrivals follow a daily profile, not a steady rate"},
             {"stream", "the stream follows a daily profile, not a steady rate"},
             {"burst", "arrivals come in bursts, not as a steady Poisson stream"},
             {"trace", "arrivals replay a recorded trace"}})
        if (w.contains(kind)) return noArrivals(std::string("no model applies: ") + why);
    return noArrivals("no model applies: unknown workload");
}

// A state that calls the service, with what the simulation counted of it.
struct Caller {
    const Json* spec = nullptr;
    std::string pointer;
    std::uint64_t attempts = 0;
};

std::optional<std::size_t> indexIn(const std::vector<std::string>& names, const std::string& name) {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) return std::nullopt;
    return static_cast<std::size_t>(it - names.begin());
}

// The states that send work to `service`: status polls send none, and an always-on cluster
// answers create and terminate steps at once without holding a slot.
std::vector<Caller> callersOf(const std::string& service, const model::Scenario& scenario,
                              const sim::Program& program, const sim::Metrics& metrics,
                              std::uint64_t& controlAttempts) {
    std::vector<Caller> callers;
    const Json& states = scenario.section("states");
    if (!states.is_object()) return callers;
    for (auto it = states.begin(); it != states.end(); ++it) {
        const Json& spec = it.value();
        if (!spec.is_object() || spec.value("service", std::string()) != service) continue;
        if (spec.contains("job") && spec["job"].is_object()) continue;
        const auto index = indexIn(program.stateNames(), it.key());
        if (!index) continue;
        const auto& stats = metrics.state(*index);
        const std::uint64_t attempts = stats.visits() + stats.retries;
        const std::string& resource = program.state(static_cast<std::uint32_t>(*index)).resource;
        const std::string op = spec.value("op", std::string());
        if (op == "create" || op == "terminate" ||
            (op.empty() && (resource.find(":createCluster") != std::string::npos ||
                            resource.find(":terminateCluster") != std::string::npos))) {
            controlAttempts += attempts;
            continue;
        }
        callers.push_back({&spec, "/states/" + it.key(), attempts});
    }
    return callers;
}

// Mean seconds of `key` (a distribution) in a caller, 0 when absent.
double meanOf(const Caller& c, const char* key, const std::filesystem::path& baseDir) {
    if (!c.spec->contains(key)) return 0;
    return sim::parseDistribution((*c.spec)[key], c.pointer + "/" + key, baseDir)->mean();
}

// `value` of each caller averaged with the weight of its attempts (equal weights when none
// were counted): how the simulation mixed the callers' work on the service.
template <typename Value>
double weightedMean(const std::vector<Caller>& callers, const Value& value) {
    std::uint64_t attempts = 0;
    for (const Caller& c : callers)
        attempts += c.attempts;
    double sum = 0, weights = 0;
    for (const Caller& c : callers) {
        const double w = attempts > 0 ? static_cast<double>(c.attempts) : 1.0;
        sum += w * value(c);
        weights += w;
    }
    return weights > 0 ? sum / weights : 0;
}

// The callers' mean work, or why it cannot be known before the run.
std::optional<std::string> unknownWork(const std::vector<Caller>& callers) {
    for (const Caller& c : callers) {
        const Json* d = c.spec->contains("duration") ? &(*c.spec)["duration"] : nullptr;
        if (d && d->is_object() &&
            (d->contains("records") || d->contains("recordsPerSecondPerWorker")))
            return "no model applies: " + c.pointer + " works on the records in its input";
    }
    return std::nullopt;
}

bool exponentialWork(const std::vector<Caller>& callers) {
    if (callers.size() != 1) return false;
    const Json& d = callers[0].spec->value("duration", Json());
    return d.is_object() && d.size() == 1 && d.contains("exponential");
}

struct Context {
    const model::Scenario& scenario;
    const sim::Metrics& metrics;
    const std::vector<std::string>& seriesNames;
    double callsPerSecondSimulated = 0; ///< calls / simulated seconds, for Little's law
    double calls = 0;
    const sim::Metrics::ServiceStats* stats = nullptr;

    double signal(ServiceSignal s) const {
        return static_cast<double>(stats->signalCounts[static_cast<std::size_t>(s)]);
    }
    double share(ServiceSignal s) const { return calls > 0 ? signal(s) / calls : 0; }
    std::optional<double> level(const std::string& series) const {
        const auto id = indexIn(seriesNames, series);
        const sim::LevelSeries* s = id ? metrics.levelSeries(*id) : nullptr;
        return s ? std::optional<double>(s->average()) : std::nullopt;
    }
};

// No model for this service, and why: the check shows the reason instead of a number.
void noModel(ServiceTheory& t, std::string why) {
    t.model.clear();
    t.figures.clear();
    t.warmPool.reset();
    t.reason = std::move(why);
}

void addFigure(ServiceTheory& t, std::string quantity, const std::optional<double>& simulated,
               double theory) {
    if (simulated) t.figures.push_back({std::move(quantity), *simulated, theory});
}

// Lambda: the warm-pool chain, with Erlang B for the throttled share under a concurrency cap.
// Erlang B's loss probability holds for any holding-time distribution (insensitivity), so the
// cold starts' longer calls only enter through the mean.
void lambdaTheory(ServiceTheory& t, const Context& x, const Json& spec, const std::string& pointer,
                  double work, int accountCap, bool sharedPool) {
    const auto config =
        sim::FunctionPool::parseConfig(spec, pointer, nullptr, x.scenario.baseDir());
    if (config.provisionedConcurrency > 0)
        return noModel(t, "no model applies: provisioned environments are not in the "
                          "warm-pool chain");
    if (work <= 0) return noModel(t, "no model applies: its calls do no work (0 s)");
    if (config.keepAlive.us <= 0)
        return noModel(t, "no model applies: a keep-alive of 0 starts every call cold");
    const double init = config.coldStart ? config.coldStart->mean() : 0;
    const int cap = config.reservedConcurrency.value_or(accountCap);
    if (cap < 1) return noModel(t, "no model applies: no concurrency to run on");
    analytic::WarmPoolParams p;
    p.arrivalsPerSecond = t.arrivalsPerSecond;
    p.warmServiceSeconds = work;
    p.coldServiceSeconds = work + init;
    p.keepAliveSeconds = config.keepAlive.seconds();
    p.maxConcurrency = cap;
    const analytic::WarmPoolResult r = analytic::WarmPoolModel::solve(p);
    t.model = "warm-pool CTMC (Mahmoudi & Khazaei 2020)";
    t.warmPool = p;
    t.meanServiceSeconds = work + r.coldStartProbability * init;
    t.basis += "; warm " + number(work) + " s, cold " + number(work + init) + " s, keep-alive " +
               number(p.keepAliveSeconds) +
               " s; the chain approximates the pool (instances in a fixed order, renewal "
               "expiry): long runs hold 1-2 % more instances and 12-19 % more cold starts than "
               "it at keep-alives of 1 to 10 min (8 % and 5 % at 10 s); running is Little's law";
    t.exact = false;
    addFigure(t, "average instances", x.level(t.service + "/instances"), r.averageInstances);
    addFigure(t, "average running", x.level(t.service + "/busy"), r.averageRunning);
    addFigure(t, "P(cold start)", x.share(ServiceSignal::ColdStart), r.coldStartProbability);
    const bool capped =
        config.reservedConcurrency || r.reachesCap || x.signal(ServiceSignal::Throttle) > 0;
    if (!capped) return;
    t.model += " + Erlang B at " + std::to_string(cap);
    t.servers = cap;
    if (sharedPool && !config.reservedConcurrency)
        t.basis += "; the cap is shared with other functions (approximate)";
    const double offered = t.arrivalsPerSecond * t.meanServiceSeconds;
    addFigure(t, "P(throttled)", x.share(ServiceSignal::Throttle), analytic::erlangB(cap, offered));
}

// A FIFO queue in front of c servers: Erlang C (exact for exponential service); or, for Glue runs
// refused over their limit, Erlang B. "busy servers" is Little's law, a = λ × mean service.
void queueTheory(ServiceTheory& t, const Context& x, int servers, bool queues,
                 const std::string& busySeries, double busyPerServer, bool exponential) {
    t.servers = servers;
    const double offered = t.arrivalsPerSecond * t.meanServiceSeconds;
    std::optional<double> busyServers = x.level(t.service + busySeries);
    if (busyServers) *busyServers /= busyPerServer;
    if (!queues) {
        t.model = "Erlang B (M/G/c/c)";
        t.basis += "; Erlang B holds for any service-time distribution";
        const double blocked = analytic::erlangB(servers, offered);
        addFigure(t, "busy servers", busyServers, offered * (1 - blocked));
        addFigure(t, "P(refused)", x.share(ServiceSignal::Throttle), blocked);
        return;
    }
    if (offered >= servers)
        return noModel(t, "no steady state: an offered load of " + number(offered) +
                              " Erlangs is not below the " + std::to_string(servers) +
                              " servers, so the queue grows without bound");
    t.model = "Erlang C (M/M/c)";
    t.exact = t.exact && exponential;
    if (!exponential) t.basis += "; service is not exponential, so M/M/c is an approximation";
    addFigure(t, "busy servers", busyServers, offered);
    addFigure(t, "P(wait)", x.share(ServiceSignal::Queued), analytic::erlangC(servers, offered));
    const auto queue = x.level(t.service + "/queue");
    if (queue && x.callsPerSecondSimulated > 0) // Little's law: Wq = Lq / λ
        addFigure(t, "mean wait (s)", *queue / x.callsPerSecondSimulated,
                  analytic::mmcMeanWaitSeconds(servers, t.arrivalsPerSecond, t.meanServiceSeconds));
}

// The service kinds with a model; `work` is the callers' mean work, `exponential` whether it is
// one exponential distribution.
void modelTheory(ServiceTheory& t, const Context& x, const Json& spec, const std::string& pointer,
                 const std::vector<Caller>& callers, const std::pair<int, bool>& account) {
    const auto& baseDir = x.scenario.baseDir();
    const double work =
        weightedMean(callers, [&](const Caller& c) { return meanOf(c, "duration", baseDir); });
    const bool exponential = exponentialWork(callers);
    if (t.kind == "lambda")
        return lambdaTheory(t, x, spec, pointer, work, account.first, account.second);
    if (t.kind == "cluster") {
        const auto c = sim::Cluster::parseConfig(spec, pointer, baseDir);
        if (c.mode == sim::Cluster::Mode::PerRun)
            return noModel(t, "no model applies: a cluster per run serves one execution");
        if (c.schedule || c.autoscaling)
            return noModel(t, "no model applies: its capacity changes over the day "
                              "(schedule or autoscaling)");
        t.meanServiceSeconds = work;
        return queueTheory(t, x, c.nodes * c.slotsPerNode / c.slotsPerJob, true, "/busySlots",
                           c.slotsPerJob, exponential);
    }
    if (t.kind == "glue" || t.kind == "glue-crawler") {
        const auto c = sim::JobService::parseConfig(spec, pointer, baseDir);
        const double before =
            c.startupSeconds->mean() + (c.flex ? c.flexDelaySeconds->mean() : 0.0);
        t.meanServiceSeconds = before + work;
        return queueTheory(t, x, c.maxConcurrentRuns, c.onLimit == sim::JobService::OnLimit::Queue,
                           "/running", 1, exponential && before == 0);
    }
    if (t.kind == "athena") {
        const auto c = sim::QueryService::parseConfig(spec, pointer, baseDir);
        const double bytes = weightedMean(callers, [&](const Caller& caller) {
            if (caller.spec->contains("bytesScanned"))
                return meanOf(caller, "bytesScanned", baseDir);
            return c.bytesScanned ? c.bytesScanned->mean() : 0.0;
        });
        const double before = c.planningSeconds->mean() + bytes / c.scanBytesPerSecond;
        t.meanServiceSeconds = before + work;
        return queueTheory(t, x, c.concurrentQueries, true, "/running", 1,
                           exponential && before == 0);
    }
    t.reason = "no model applies: no closed form for the service kind \"" + t.kind + "\"";
}

ServiceTheory serviceTheory(const std::string& name, const Json& spec, const Arrivals& arrivals,
                            Context x, const sim::Program& program,
                            const std::vector<std::string>& serviceNames,
                            const std::pair<int, bool>& account) {
    ServiceTheory t;
    t.service = name;
    t.kind = spec.value("kind", std::string());
    if (!arrivals.perSecond) {
        t.reason = arrivals.text;
        return t;
    }
    std::uint64_t control = 0;
    const auto callers = callersOf(name, x.scenario, program, x.metrics, control);
    const auto id = indexIn(serviceNames, name);
    const double started = static_cast<double>(x.metrics.executions().started);
    if (id) {
        x.stats = &x.metrics.service(*id);
        x.calls = x.signal(ServiceSignal::Request) - static_cast<double>(control);
    }
    if (callers.empty() || x.calls <= 0 || started <= 0) {
        t.reason = kNotCalled;
        return t;
    }
    if (auto why = unknownWork(callers)) {
        t.reason = *why;
        return t;
    }
    const double perExecution = x.calls / started;
    t.arrivalsPerSecond = *arrivals.perSecond * perExecution;
    x.callsPerSecondSimulated = x.calls / x.metrics.simulated().seconds();
    t.exact = arrivals.exact;
    t.basis = arrivals.text + ", " + number(perExecution) +
              " call(s) to it per execution (measured): " + number(t.arrivalsPerSecond) +
              " calls/s";
    if (!arrivals.caveat.empty()) t.basis += "; " + arrivals.caveat;
    // Retries, loops and Maps call a service several times per execution: those calls come in
    // clusters, not as a Poisson stream.
    if (perExecution > 1.01) {
        t.exact = false;
        t.basis += "; several calls per execution are not a Poisson stream (approximate)";
    }
    try {
        modelTheory(t, x, spec, "/services/" + name, callers, account);
    } catch (const std::exception& e) {
        noModel(t, std::string("no model applies: ") + e.what());
    }
    if (!t.applies()) t.exact = false;
    return t;
}

} // namespace

TheoryCheck checkTheory(const model::Scenario& scenario, const sim::Program& program,
                        const sim::Metrics& metrics, const std::vector<std::string>& serviceNames,
                        const std::vector<std::string>& seriesNames) {
    TheoryCheck check;
    const Json& services = scenario.section("services");
    if (!services.is_object()) return check;
    Arrivals arrivals;
    try {
        arrivals = arrivalsOf(scenario, metrics);
    } catch (const std::exception& e) {
        arrivals = noArrivals(std::string("no model applies: ") + e.what());
    }
    // Functions without a reservation share what the reservations leave of the account.
    int reserved = 0, unreserved = 0;
    for (const auto& [name, spec] : services.items())
        if (spec.is_object() && spec.value("kind", std::string()) == "lambda") {
            if (spec.contains("reservedConcurrency") && spec["reservedConcurrency"].is_number())
                reserved += spec["reservedConcurrency"].get<int>();
            else
                ++unreserved;
        }
    const std::pair<int, bool> account{sim::ConcurrencyAccount::kDefaultLimit - reserved,
                                       unreserved > 1};
    const Context base{scenario, metrics, seriesNames};
    // A service the run never called has nothing to compare (another deployment uses it).
    for (const auto& [name, spec] : services.items())
        if (ServiceTheory t =
                serviceTheory(name, spec, arrivals, base, program, serviceNames, account);
            t.reason != kNotCalled)
            check.services.push_back(std::move(t));
    return check;
}

} // namespace flowcast::cost
