#include "app/Version.h"
#include "app/cli/CliCommon.h"
#include "app/cli/ScenarioSetup.h"
#include "app/cli/SweepRun.h"

#include "model/pricing/PriceBook.h"
#include "model/pricing/PriceBookError.h"
#include "model/pricing/PriceFormat.h"
#include "model/scenario/Deployment.h"
#include "model/scenario/ScenarioError.h"
#include "simulator/cost/BreakEven.h"
#include "simulator/cost/Comparison.h"
#include "simulator/cost/SizingSweep.h"
#include "simulator/cost/StorageSpec.h"
#include "simulator/cost/SweepResult.h"
#include "simulator/exec/Program.h"
#include "simulator/run/Replications.h"

#include <atomic>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace flowcast::cli {

const char* const kSweepHelp =
    R"(Usage: flowcast-cli sweep [DEF] --scenario FILE --over AXIS [--points LIST|FROM:TO[:N]]
                          [--service NAME] [--deployment NAME] [--balanced-weight W]
                          [--rate PER_DAY] [--horizon TIME] [--seed S] [--replications R] [--threads T]
                          [--price-book FILE] [--shard I/N] [--json] [-o FILE] [--report DIR]

Simulates and prices the scenario's deployments at every point of a grid, like compare: each
point under the same seed, so any point can be computed alone and a large sweep can be split
into shards that run anywhere and are merged exactly (flowcast-cli merge).

Axes:
  runs-per-day       the workload at each rate, executions a day (Poisson arrivals, as in
                     compare --sweep); the crossings where one deployment overtakes another
  records-per-day    the same in records a day: a stream's record rate, or a batch workload's
                     executions (records a day / its "recordsPerExecution")
  lambda-memory      a Lambda function's memory, 128 to 10240 MB (default points: power-tuning's
                     128,256,512,1024,1536,3008); its durations scale with its CPU share, one
                     vCPU at 1769 MB
  glue-workers       a Glue job's workers; its durations follow Amdahl's law
  cluster-nodes      an always-on or per-run cluster's nodes; the job's slots grow with them
A sizing sweep (the last three) shows cost against latency per size and the best size per
strategy, as aws-lambda-power-tuning defines them: cost (the cheapest), speed (the lowest mean
latency), balanced (the least W x cost / max cost + (1 - W) x latency / max latency). Sizes
where a deployment fails more than 1 % of its executions are not chosen. The speed-up models
and how a scenario overrides them ("sizing"): README, "Sizing sweeps".

Options:
  --scenario FILE      the scenario (.scenario.json), with its "deployments"
  --over AXIS          what to sweep (above)
  --points POINTS      a list (128,512,2048) or FROM:TO[:N], N points evenly on a log scale
                       (default 7; sizes rounded to whole units); 2 to 1000 points
  --service NAME       the service to resize when a deployment has several of the kind
  --deployment NAME    sweep this deployment only
  --balanced-weight W  the balanced strategy's weight, 0 (speed) to 1 (cost); default 0.5
  --rate PER_DAY       a sizing sweep at this workload: PER_DAY executions a day (records a
                       day for a stream) with Poisson arrivals, each point simulated like a
                       workload sweep's; default: the scenario's own workload
  --horizon, --seed, --replications, --threads, --price-book: as for compare. A workload
                       point simulates about 20,000 executions (at least a day) with one
                       replication unless --replications is given; a sizing point simulates
                       the scenario's horizon and replications
  --shard I/N          compute only shard I of N (0 <= I < N): the points k with k mod N = I,
                       with the seeds of the whole sweep, written as a JSON part for merge
  --json               print the result as JSON (a shard always writes JSON)
  -o FILE              write the output to FILE (atomically) instead of standard output
  --report DIR         write sweep.json, sweep.csv and sweep.txt into DIR (not with --shard)
  -h, --help           show this help

Exit status: 0 swept, 1 invalid definition, scenario or price book (the message names the
file and the JSON Pointer), 2 usage error.
)";

namespace {

std::atomic<bool> g_stop{false};

void onInterrupt(int) {
    g_stop = true;
}

struct SweepArgs {
    std::string definition, scenario, over, points, service, deployment, weight, rate, priceBook;
    std::string shard, output, report;
    RunOptions run;
    bool json = false;
};

std::optional<int> parseArgs(const std::vector<std::string>& args, SweepArgs& out) {
    OptionSpec spec;
    spec.valued = {{"--scenario", &out.scenario},
                   {"--over", &out.over},
                   {"--points", &out.points},
                   {"--service", &out.service},
                   {"--deployment", &out.deployment},
                   {"--balanced-weight", &out.weight},
                   {"--rate", &out.rate},
                   {"--horizon", &out.run.horizon},
                   {"--seed", &out.run.seed},
                   {"--replications", &out.run.replications},
                   {"--threads", &out.run.threads},
                   {"--price-book", &out.priceBook},
                   {"--shard", &out.shard},
                   {"-o", &out.output},
                   {"--report", &out.report}};
    spec.flags = {{"--json", &out.json}};
    spec.positional = &out.definition;
    spec.help = kSweepHelp;
    if (auto stop = scanOptions("sweep", args, spec)) return stop;
    if (out.scenario.empty()) return usageError("sweep", "--scenario FILE is required");
    if (out.over.empty()) return usageError("sweep", "--over AXIS is required");
    return std::nullopt;
}

bool parseNumber(const std::string& text, double& value) {
    std::istringstream in(text);
    return static_cast<bool>(in >> value) && in.peek() == EOF && std::isfinite(value);
}

// The grid: a list, or FROM:TO[:N] on a log scale; sizes whole and within the service's limits.
std::optional<std::vector<double>> parsePoints(std::string text, cost::SweepAxis axis, int& error) {
    const bool sizing = cost::isSizing(axis);
    if (text.empty() && axis == cost::SweepAxis::LambdaMemory)
        text = "128,256,512,1024,1536,3008"; // power-tuning's default powerValues
    const auto fail = [&](const std::string& why) {
        error =
            usageError("sweep", "--points " + why + (text.empty() ? "" : ", got '" + text + "'"));
        return std::nullopt;
    };
    if (text.empty()) return fail("is required for --over " + cost::sweepAxisName(axis));
    std::vector<double> grid;
    if (text.find(':') != std::string::npos) {
        std::vector<std::string> fields;
        std::istringstream in(text);
        for (std::string f; std::getline(in, f, ':');)
            fields.push_back(f);
        double from = 0, to = 0, n = 7;
        if (fields.size() < 2 || fields.size() > 3 || !parseNumber(fields[0], from) ||
            !parseNumber(fields[1], to) || (fields.size() == 3 && !parseNumber(fields[2], n)) ||
            !(from > 0) || !(to > from) || n != std::floor(n) || n < 2 || n > 1000)
            return fail("needs FROM:TO[:N] with 0 < FROM < TO and 2 to 1000 points");
        grid = cost::logGrid(from, to, static_cast<int>(n));
        if (sizing)
            for (double& v : grid)
                v = std::round(v);
    } else {
        std::istringstream in(text);
        for (std::string f; std::getline(in, f, ',');) {
            double v = 0;
            if (!parseNumber(f, v) || !(v > 0)) return fail("needs positive numbers");
            grid.push_back(v);
        }
        if (grid.size() < 2 || grid.size() > 1000) return fail("needs 2 to 1000 points");
    }
    for (std::size_t i = 0; i < grid.size(); ++i) {
        if (i > 0 && !(grid[i] > grid[i - 1]))
            return fail("must increase (sizes rounded to whole " + cost::sweepUnit(axis) + ")");
        if (sizing && grid[i] != std::floor(grid[i]))
            return fail("needs whole " + cost::sweepUnit(axis));
        if (sizing &&
            (grid[i] < cost::sizeLimits(axis).first || grid[i] > cost::sizeLimits(axis).second))
            return fail("must stay within " + model::formatQuantity(cost::sizeLimits(axis).first) +
                        " to " + model::formatQuantity(cost::sizeLimits(axis).second) + " " +
                        cost::sweepUnit(axis));
    }
    return grid;
}

struct Target {
    const model::Deployment* deployment = nullptr;
    std::string service;
};

// The deployments the sweep covers; the others go to spec.excluded with the reason.
std::vector<Target> targetsOf(const std::vector<model::Deployment>& deployments, const SweepArgs& a,
                              cost::SweepSpec& spec) {
    std::vector<Target> out;
    for (const model::Deployment& d : deployments) {
        if (!a.deployment.empty() && d.name != a.deployment) continue;
        Target t{&d, {}};
        cost::SweepSpec::Swept swept{d.name, {}, {}};
        if (cost::isSizing(spec.axis)) {
            std::string why;
            const auto service = cost::sizingTarget(d.scenario, spec.axis, a.service, why);
            if (!service) {
                spec.excluded.emplace_back(d.name, why);
                continue;
            }
            t.service = swept.service = *service;
            swept.configured = cost::configuredSize(d.scenario, spec.axis, *service);
            (void)cost::sizingModelOf(d.scenario, spec.axis, *service); // its mistakes first
        }
        spec.deployments.push_back(std::move(swept));
        out.push_back(std::move(t));
    }
    return out;
}

// The executions a day of a workload point whose value is in the axis's unit.
double executionsPerDay(const model::Scenario& scenario, cost::SweepAxis axis, double value) {
    const bool stream = cost::sweepsRecords(scenario);
    if (axis == cost::SweepAxis::RunsPerDay) {
        if (stream)
            throw model::ScenarioError("/workload/stream",
                                       "a stream workload is swept in records a day: use --over "
                                       "records-per-day");
        return value;
    }
    if (stream) return value; // atDailyRate takes the record rate of a stream
    const model::Json& workload = scenario.section("workload");
    const auto per = workload.find("recordsPerExecution");
    if (per == workload.end() || !per->is_number() || !(per->get<double>() > 0))
        throw model::ScenarioError("/workload", "records-per-day needs a stream workload or a "
                                                "positive \"recordsPerExecution\"");
    return value / per->get<double>();
}

// What every point of the sweep shares.
struct SweepContext {
    cost::SweepAxis axis;
    std::optional<double> rate; ///< sizing at a workload rate (--rate)
    const sim::Program& program;
    const model::PriceBook& book;
    const RunCounts& counts;
};

// One deployment at one point: its scenario, simulated and priced.
std::optional<cost::SweepFigures> evaluatePoint(const Target& t, double value,
                                                const SweepContext& c) {
    const model::Scenario& base = t.deployment->scenario;
    model::Scenario scenario = base;
    sim::RunPlan plan;
    const bool sizing = cost::isSizing(c.axis);
    if (sizing) scenario = cost::sized(base, c.axis, t.service, value);
    if (sizing && !c.rate) {
        plan = makePlan(scenario, c.counts);
    } else {
        const double perDay = c.rate ? *c.rate : executionsPerDay(base, c.axis, value);
        scenario = cost::atDailyRate(scenario, perDay);
        const bool stream = cost::sweepsRecords(base); // a batch carries many records
        plan = workloadPointPlan(scenario, stream ? perDay / 100 : perDay, c.counts);
    }
    (void)cost::storageOf(scenario);
    sim::Replications runs(c.program, scenario, plan);
    if (isatty(STDERR_FILENO))
        std::cerr << t.deployment->name << " at " << model::formatQuantity(value) << " "
                  << cost::sweepUnit(c.axis) << "\n";
    if (!runs.run(&g_stop)) return std::nullopt;
    const cost::DeploymentResult r =
        cost::evaluate(t.deployment->name, "", runs, c.program, scenario, c.book);
    cost::SweepFigures f;
    f.monthlyUsd = r.cost.monthlyUsd;
    f.monthlyUsdP5 = r.p5MonthlyUsd;
    f.monthlyUsdP95 = r.p95MonthlyUsd;
    f.perExecutionUsd = r.cost.perExecutionUsd();
    f.latencyMeanSeconds = runs.merged().executions().latency.mean() / 1e6;
    f.latencyP50Seconds = r.latencyP50Seconds;
    f.latencyP95Seconds = r.latencyP95Seconds;
    f.latencyP99Seconds = r.latencyP99Seconds;
    f.failureRate = r.failureRate();
    f.started = r.started;
    f.ended = r.ended;
    return f;
}

// The shard's points (all of them without --shard), in grid order; false when cancelled.
bool computeRows(const std::vector<Target>& targets, const std::optional<cost::Shard>& shard,
                 const SweepContext& c, cost::SweepResult& result) {
    for (std::size_t k = 0; k < result.spec.grid.size(); ++k) {
        if (shard && !shard->owns(k)) continue;
        cost::SweepRow row{k, result.spec.grid[k], {}};
        for (const Target& t : targets) {
            std::optional<cost::SweepFigures> f;
            try {
                f = evaluatePoint(t, row.value, c);
            } catch (const model::ScenarioError& e) {
                throw model::ScenarioError(e.pointer(), std::string(e.what()) + " (deployment '" +
                                                            t.deployment->name + "')");
            }
            if (!f) return false;
            row.deployments.push_back(*f);
        }
        result.rows.push_back(std::move(row));
    }
    return true;
}

std::string fileText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The options that are not run options, checked before anything is read.
struct SweepChoices {
    cost::SweepAxis axis = cost::SweepAxis::RunsPerDay;
    std::vector<double> grid;
    std::optional<cost::Shard> shard;
    std::optional<double> rate;
    double weight = 0.5;
};

std::optional<int> checkChoices(const SweepArgs& a, SweepChoices& out) {
    const auto axis = cost::sweepAxisFromName(a.over);
    if (!axis)
        return usageError("sweep", "--over takes runs-per-day, records-per-day, lambda-memory, "
                                   "glue-workers or cluster-nodes, got '" +
                                       a.over + "'");
    out.axis = *axis;
    int usage = 0;
    auto grid = parsePoints(a.points, *axis, usage);
    if (!grid) return usage;
    out.grid = std::move(*grid);
    if (!a.shard.empty() && !(out.shard = cost::parseShard(a.shard)))
        return usageError("sweep", "--shard needs I/N with 0 <= I < N, got '" + a.shard + "'");
    if (out.shard && !a.report.empty())
        return usageError("sweep", "--report is for a whole sweep: merge the parts with --report");
    if (!a.weight.empty() &&
        (!parseNumber(a.weight, out.weight) || out.weight < 0 || out.weight > 1))
        return usageError("sweep",
                          "--balanced-weight needs a number from 0 to 1, got '" + a.weight + "'");
    if (!a.rate.empty()) {
        double rate = 0;
        if (!cost::isSizing(*axis))
            return usageError("sweep", "--rate is for the sizing sweeps (the workload sweeps "
                                       "set the rate at each point)");
        if (!parseNumber(a.rate, rate) || !(rate > 0))
            return usageError("sweep", "--rate needs a positive number of executions a day, got '" +
                                           a.rate + "'");
        out.rate = rate;
    }
    return std::nullopt;
}

cost::SweepSpec specOf(const SweepChoices& c, const SweepArgs& a, const model::Scenario& scenario,
                       const model::Json& definition, const model::PriceBook& book,
                       const RunCounts& counts) {
    cost::SweepSpec spec;
    spec.axis = c.axis;
    spec.grid = c.grid;
    spec.scenario = scenario.name;
    spec.scenarioHash = cost::fnv1a64Hex(scenario.document.dump() + "\n" + definition.dump());
    spec.priceBookRegion = book.region();
    spec.priceBookAsOf = book.asOf();
    if (!a.priceBook.empty()) spec.priceBookHash = cost::fnv1a64Hex(fileText(a.priceBook));
    spec.seed = makePlan(scenario, counts).seed;
    spec.replications = counts.replications;
    spec.horizon = a.run.horizon;
    spec.rate = c.rate;
    spec.balancedWeight = c.weight;
    spec.flowcastVersion = flowcast::kVersion;
    return spec;
}

} // namespace

int runSweep(const std::vector<std::string>& args) {
    SweepArgs a;
    if (auto stop = parseArgs(args, a)) return *stop;
    int usage = 0;
    const auto counts = parseRunOptions(a.run, "sweep", usage);
    if (!counts) return usage;
    SweepChoices choices;
    if (auto stop = checkChoices(a, choices)) return *stop;

    std::string where = a.scenario;
    try {
        model::Scenario scenario = model::Scenario::read(a.scenario);
        if (!a.definition.empty()) scenario.definition = a.definition;
        const auto definition = loadDefinition(scenario);
        if (!definition) return kFailed;
        const sim::Program program(*definition);
        const auto deployments = model::deploymentsOf(scenario);
        where = a.priceBook;
        const model::PriceBook book = model::PriceBook::load(
            a.priceBook.empty() ? std::nullopt : std::optional<std::filesystem::path>(a.priceBook));
        where = a.scenario;
        if (scenario.executions && scenario.horizon.is_null() && !counts->horizon)
            throw model::ScenarioError("/executions",
                                       "sweep scales costs from the simulated time to a month: "
                                       "give the scenario a \"horizon\" (or --horizon)");
        cost::SweepResult result;
        result.spec = specOf(choices, a, scenario, *definition, book, *counts);
        std::vector<Target> targets;
        try {
            targets = targetsOf(deployments, a, result.spec);
        } catch (const std::invalid_argument& e) {
            return usageError("sweep", e.what());
        }
        if (targets.empty()) {
            std::cerr << a.scenario << ": error: no deployment to sweep";
            for (const auto& [name, why] : result.spec.excluded)
                std::cerr << "; " << name << " " << why;
            std::cerr << (a.deployment.empty() ? "" : " (--deployment " + a.deployment + ")")
                      << "\n";
            return kFailed;
        }
        std::signal(SIGINT, onInterrupt);
        const bool completed = computeRows(
            targets, choices.shard, {choices.axis, choices.rate, program, book, *counts}, result);
        std::signal(SIGINT, SIG_DFL);
        if (!completed) return (std::cerr << "sweep: cancelled\n", kFailed);
        return writeSweepOutput(result, choices.shard, {a.json, a.output, a.report});
    } catch (const model::ScenarioError& e) {
        std::cerr << where << (e.pointer().empty() ? "" : ":" + e.pointer())
                  << ": error: " << e.what() << "\n";
        return kFailed;
    } catch (const model::PriceBookError& e) {
        std::cerr << e.what() << "\n";
        return kFailed;
    }
}

} // namespace flowcast::cli
