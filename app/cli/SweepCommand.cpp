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
#include "simulator/cost/SizingSweep.h"
#include "simulator/cost/SweepPlacement.h"
#include "simulator/cost/SweepResult.h"
#include "simulator/cost/SweepRun.h"
#include "simulator/exec/Program.h"

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
                          [--placement even|adaptive]
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
  --placement HOW      where a workload sweep's FROM:TO:N points go: adaptive (the default
                       from 5 points, as compare --sweep) or even (equal steps of log(rate)).
                       Adaptive: each deployment first simulated briefly at both ends (about
                       2,000 executions), its usage fitted as a line in the rate (a Lambda
                       function's billed duration along the warm-pool chain's cold-start
                       share) and priced over 241 rates (free tiers, tiers, Erlang C's limit
                       for a queueing cluster), then the N points put where those curves bend
                       and two either side of every crossing they predict, both ends kept
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
    std::string shard, output, report, placement;
    RunOptions run;
    bool json = false;
};

std::optional<int> parseArgs(const std::vector<std::string>& args, SweepArgs& out) {
    OptionSpec spec;
    spec.valued = {{"--scenario", &out.scenario},
                   {"--over", &out.over},
                   {"--points", &out.points},
                   {"--placement", &out.placement},
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

// The grid (cost::parseSweepPoints), or a usage error naming --points.
std::optional<std::vector<double>> parsePoints(const std::string& text, cost::SweepAxis axis,
                                               int& error) {
    if (text.empty() && axis != cost::SweepAxis::LambdaMemory) {
        error = usageError("sweep", "--points is required for --over " + cost::sweepAxisName(axis));
        return std::nullopt;
    }
    std::string why;
    auto grid = cost::parseSweepPoints(text, axis, why);
    if (!grid) error = usageError("sweep", "--points " + why);
    return grid;
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
    cost::SweepPlacement placement = cost::SweepPlacement::Even;
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
    // Adaptive by default where it applies (a workload sweep's range) and has room.
    const bool range = !cost::isSizing(*axis) && a.points.find(':') != std::string::npos;
    const auto placement =
        parsePlacement("sweep", a.placement,
                       range ? cost::defaultSweepPlacement(static_cast<int>(out.grid.size()))
                             : cost::SweepPlacement::Even,
                       usage);
    if (!placement) return usage;
    out.placement = *placement;
    if (out.placement == cost::SweepPlacement::Adaptive && !range)
        return usageError("sweep", "--placement adaptive places the points of a workload sweep's "
                                   "range: it needs --over runs-per-day or records-per-day and "
                                   "--points FROM:TO[:N]");
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
        std::vector<cost::SweepTarget> targets;
        try {
            targets = cost::sweepTargets(deployments, a.deployment, a.service, result.spec);
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
        cost::SweepPointContext context;
        context.axis = choices.axis;
        context.rate = choices.rate;
        context.program = &program;
        context.book = &book;
        context.counts = *counts;
        context.stop = &g_stop;
        if (isatty(STDERR_FILENO))
            context.onPoint = [axis = choices.axis](const std::string& deployment, double value) {
                std::cerr << deployment << " at " << model::formatQuantity(value) << " "
                          << cost::sweepUnit(axis) << "\n";
            };
        if (choices.placement == cost::SweepPlacement::Adaptive) {
            // Every shard runs the same pilots under the same seed, so all place the same grid.
            const auto curves =
                cost::pilotCostCurves(targets, choices.grid.front(), choices.grid.back(), context);
            if (!curves) return (std::cerr << "sweep: cancelled\n", kFailed);
            const cost::PlacedGrid placed =
                cost::placeSweepPoints(choices.grid.front(), choices.grid.back(),
                                       static_cast<int>(choices.grid.size()), *curves);
            result.spec.grid = placed.grid;
            result.spec.placement = choices.placement;
            result.spec.predictedCrossings = placed.predictedCrossings;
        }
        const bool completed = cost::computeSweepRows(targets, choices.shard, context, result);
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
