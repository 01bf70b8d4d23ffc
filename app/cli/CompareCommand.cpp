#include "app/Version.h"
#include "app/cli/CliCommon.h"
#include "app/cli/ScenarioSetup.h"
#include "app/cli/SweepRun.h"

#include "model/pricing/PriceBook.h"
#include "model/pricing/PriceBookError.h"
#include "model/pricing/PriceFormat.h"
#include "model/scenario/Deployment.h"
#include "model/scenario/ScenarioError.h"
#include "simulator/cost/Comparison.h"
#include "simulator/cost/CostEngine.h"
#include "simulator/cost/HtmlReport.h"
#include "simulator/cost/StorageSpec.h"
#include "simulator/exec/Program.h"
#include "simulator/run/Replications.h"

#include <atomic>
#include <csignal>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>
#include <unistd.h>

namespace flowcast::cli {

const char* const kCompareHelp =
    R"(Usage: flowcast-cli compare [DEF] --scenario FILE [--horizon TIME]
                            [--seed S] [--replications R] [--threads T]
                            [--price-book FILE] [--sweep FROM:TO[:POINTS]]
                            [--json] [--report DIR]

Simulates each deployment the scenario declares ("deployments": serverless, an always-on EMR
cluster, a cluster per run, Express instead of Standard, ...) under the same workload and seed,
prices each with the price book, and prints them side by side: monthly cost with the P5-P95
spread over the replications, cost per execution and per million records, latency P50/P95/P99,
failed executions, SLA misses (with "slaSeconds" in the scenario), the idle share of cluster
time and what it costs, and a one-line recommendation. Costs are per month of 730 hours, scaled
from the simulated time. A scenario without deployments is priced as written.

Options:
  --scenario FILE      the scenario (.scenario.json), with its "deployments"
  --horizon TIME       simulate this much virtual time per deployment: 12h, 30d, ...
  --seed S             the seed (default: the scenario's); the same for every deployment
  --replications R     independent replications per deployment (the P5-P95 spread)
  --threads T          worker threads (default: the number of cores)
  --price-book FILE    prices that override or extend the built-in us-east-1 book
  --tornado PERCENT    sensitivity: move each input (every price in use, state durations,
                       failure probabilities, cold starts, cluster nodes) PERCENT down and up
                       and show how the cheapest deployment's monthly cost moves, largest
                       swing first, and when another deployment becomes the cheapest
  --sweep FROM:TO[:N]  break-even: price every deployment at N rates (default 7) from FROM to
                       TO executions a day (records a day for a stream), evenly on a log
                       scale, with Poisson arrivals, and report where one overtakes another;
                       each point simulates the scenario's horizon (shortened to about 20,000
                       executions) with one replication unless --replications is given
  --json               print the comparison as JSON (with every cost line and its formula)
  --report DIR         write compare.json, compare.csv, compare.txt and compare.html (a
                       self-contained page with charts), and sweep.csv, into DIR
  -h, --help           show this help

Exit status: 0 compared, 1 invalid definition, scenario or price book (the message names the
file and the JSON Pointer), 2 usage error.
)";

namespace {

std::atomic<bool> g_stop{false};

void onInterrupt(int) {
    g_stop = true;
}

struct CompareArgs {
    std::string definition, scenario, priceBook, report, sweep, tornado;
    RunOptions run;
    bool json = false;
};

std::optional<int> parseArgs(const std::vector<std::string>& args, CompareArgs& out) {
    OptionSpec spec;
    spec.valued = {{"--scenario", &out.scenario},
                   {"--executions", &out.run.executions},
                   {"--horizon", &out.run.horizon},
                   {"--seed", &out.run.seed},
                   {"--replications", &out.run.replications},
                   {"--threads", &out.run.threads},
                   {"--price-book", &out.priceBook},
                   {"--report", &out.report},
                   {"--sweep", &out.sweep},
                   {"--tornado", &out.tornado}};
    spec.flags = {{"--json", &out.json}};
    spec.positional = &out.definition;
    spec.help = kCompareHelp;
    if (auto stop = scanOptions("compare", args, spec)) return stop;
    if (out.scenario.empty()) return usageError("compare", "--scenario FILE is required");
    return std::nullopt;
}

bool writeFile(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path);
    out << text;
    out.close();
    if (!out) std::cerr << path.string() << ": cannot write the report\n";
    return static_cast<bool>(out);
}

// Today in UTC, "2025-11-21": the report's date is the same wherever it is generated.
std::string todayUtc() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[16];
    return std::string(text, std::strftime(text, sizeof text, "%Y-%m-%d", &utc));
}

bool writeReport(const std::string& dir, const cost::Comparison& comparison) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
        return (std::cerr << dir << ": cannot create the report folder: " << ec.message() << "\n",
                false);
    const std::filesystem::path root(dir);
    return writeFile(root / "compare.json", comparison.toJson().dump(2) + "\n") &&
           writeFile(root / "compare.csv", comparison.toCsv()) &&
           writeFile(root / "compare.txt", comparison.toText()) &&
           writeFile(root / "compare.html",
                     cost::htmlReport(comparison, {flowcast::kVersion, todayUtc()})) &&
           (comparison.sweep.empty() || writeFile(root / "sweep.csv", comparison.sweepCsv()));
}

// A mistake in a deployment's merged scenario, pointed at the deployment when the value came
// from it, and named after it either way.
model::ScenarioError inDeployment(const model::Scenario& scenario, const model::Deployment& d,
                                  const model::ScenarioError& e) {
    std::string pointer = e.pointer();
    if (!d.pointer.empty() && !pointer.empty()) {
        try {
            if (scenario.document.contains(model::Json::json_pointer(d.pointer + pointer)))
                pointer = d.pointer + pointer;
        } catch (const std::exception&) {
        }
    }
    return model::ScenarioError(pointer, std::string(e.what()) + " (deployment '" + d.name + "')");
}

struct SweepRange {
    double from = 0, to = 0;
    int points = 7;
};

std::optional<SweepRange> parseSweep(const std::string& text, int& error) {
    SweepRange r;
    char colon1 = 0, colon2 = 0;
    std::istringstream in(text);
    in >> r.from >> colon1 >> r.to;
    if (in && in.peek() == ':') in >> colon2 >> r.points;
    const bool ok = in && colon1 == ':' && in.peek() == EOF && r.from > 0 && r.to > r.from &&
                    r.points >= 2 && r.points <= 50;
    if (!ok)
        error = usageError("compare", "--sweep needs FROM:TO[:POINTS] with 0 < FROM < TO and 2 "
                                      "to 50 points, got '" +
                                          text + "'");
    return ok ? std::optional<SweepRange>(r) : std::nullopt;
}

// Runs one deployment's replications; false when cancelled.
bool simulate(sim::Replications& runs, const std::string& label, bool terminal) {
    if (terminal) std::cerr << label << "\n";
    const auto began = std::chrono::steady_clock::now();
    const bool completed =
        runs.run(&g_stop, terminal ? [began](double f) { drawProgress(f, began); }
                                   : std::function<void(double)>());
    if (terminal) std::cerr << "\n";
    return completed;
}

// The break-even sweep: every deployment at every rate of the grid. A point simulates the
// scenario's horizon, shortened so that it starts about 20,000 executions (at least a day), with
// one replication unless the user asked for more.
bool runSweep(const SweepRange& range, const std::vector<model::Deployment>& deployments,
              const sim::Program& program, const model::PriceBook& book, RunCounts counts,
              bool terminal, cost::Comparison& comparison) {
    comparison.sweepRecords = cost::sweepsRecords(deployments.front().scenario);
    for (const double perDay : cost::logGrid(range.from, range.to, range.points)) {
        cost::SweepPoint point;
        point.perDay = perDay;
        for (const model::Deployment& d : deployments) {
            const model::Scenario swept = cost::atDailyRate(d.scenario, perDay);
            const double executionsPerDay =
                comparison.sweepRecords ? perDay / 100 : perDay; // a batch carries many records
            sim::Replications runs(program, swept,
                                   workloadPointPlan(swept, executionsPerDay, counts));
            if (!simulate(runs, d.name + " at " + model::formatQuantity(perDay) + " a day",
                          terminal))
                return false;
            const auto result = cost::evaluate(d.name, d.description, runs, program, swept, book);
            point.monthlyUsd.push_back(result.cost.monthlyUsd);
            point.failureRate.push_back(result.failureRate());
        }
        comparison.sweep.push_back(std::move(point));
    }
    comparison.crossings = cost::crossings(comparison.sweep);
    return true;
}

// Each input moved down and up; the baseline and price moves re-price the usage already
// simulated, the other moves simulate every deployment again under the same seed.
std::optional<cost::Tornado> runTornado(double percent,
                                        const std::vector<model::Deployment>& deployments,
                                        const sim::Program& program, const model::PriceBook& book,
                                        const RunCounts& counts,
                                        const cost::Comparison& comparison) {
    std::vector<std::string> names;
    std::set<std::string> ids;
    for (const cost::DeploymentResult& r : comparison.deployments) {
        names.push_back(r.name);
        for (const cost::CostLine& line : r.cost.lines)
            if (line.quote.amountUsd > 0) ids.insert(line.priceId);
    }
    bool cancelled = false;
    const cost::DeploymentCosts costs = [&](const std::function<void(model::Json&)>& transform,
                                            const model::PriceBook& prices) {
        std::vector<double> out;
        for (std::size_t i = 0; i < deployments.size(); ++i) {
            const cost::DeploymentResult& r = comparison.deployments[i];
            if (!transform || cancelled) {
                out.push_back(cost::priceUsage(r.usage.lines, prices).monthlyUsd);
                continue;
            }
            model::Json document = deployments[i].scenario.document;
            transform(document);
            model::Scenario moved =
                model::Scenario::fromJson(std::move(document), deployments[i].scenario.file);
            moved.definition = deployments[i].scenario.definition;
            sim::Replications runs(program, moved, makePlan(moved, counts));
            cancelled = !runs.run(&g_stop);
            out.push_back(cost::evaluate(r.name, "", runs, program, moved, prices).cost.monthlyUsd);
        }
        return out;
    };
    cost::Tornado t = cost::tornado(names, book, std::vector<std::string>(ids.begin(), ids.end()),
                                    percent, costs);
    if (cancelled) return std::nullopt;
    return t;
}

} // namespace

int runCompare(const std::vector<std::string>& args) {
    CompareArgs a;
    if (auto stop = parseArgs(args, a)) return *stop;
    int usage = 0;
    const auto counts = parseRunOptions(a.run, "compare", usage);
    if (!counts) return usage;
    // Costs are scaled from the simulated time to a month: a run cut short by an execution count
    // ends with its last execution, which is not a whole period of the workload.
    if (counts->executions)
        return usageError("compare", "--executions cannot be priced per month: give --horizon");
    std::optional<SweepRange> sweep;
    if (!a.sweep.empty() && !(sweep = parseSweep(a.sweep, usage))) return usage;
    std::optional<double> tornadoPercent;
    if (!a.tornado.empty()) {
        const auto value = countOption(a.tornado, "--tornado", "compare", usage);
        if (!value) return usage;
        if (*value >= 100)
            return usageError("compare", "--tornado needs a percentage from 1 to 99");
        tornadoPercent = static_cast<double>(*value);
    }

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

        cost::Comparison comparison;
        comparison.scenario = scenario.name;
        comparison.priceBookRegion = book.region();
        comparison.priceBookAsOf = book.asOf();
        std::signal(SIGINT, onInterrupt);
        const bool terminal = isatty(STDERR_FILENO) != 0;
        if (scenario.executions && scenario.horizon.is_null())
            throw model::ScenarioError("/executions",
                                       "compare scales costs from the simulated time to a month: "
                                       "give the scenario a \"horizon\" (or --horizon)");
        for (const model::Deployment& d : deployments) {
            const sim::RunPlan plan = makePlan(d.scenario, *counts);
            comparison.seed = plan.seed;
            std::unique_ptr<sim::Replications> built;
            try {
                (void)cost::storageOf(d.scenario); // its mistakes before any simulation
                built = std::make_unique<sim::Replications>(program, d.scenario, plan);
            } catch (const model::ScenarioError& e) {
                throw inDeployment(scenario, d, e);
            }
            sim::Replications& runs = *built;
            if (!simulate(runs, d.name, terminal)) {
                std::signal(SIGINT, SIG_DFL);
                std::cerr << "compare: cancelled during deployment '" << d.name << "'\n";
                return kFailed;
            }
            comparison.deployments.push_back(cost::evaluate(
                d.name, d.description, runs, program, d.scenario, book, d.scenario.slaSeconds));
        }
        comparison.recommendation = cost::recommend(comparison.deployments);
        if (sweep && !runSweep(*sweep, deployments, program, book, *counts, terminal, comparison))
            return (std::cerr << "compare: sweep cancelled\n", kFailed);
        if (tornadoPercent) {
            if (terminal) std::cerr << "sensitivity at ±" << *tornadoPercent << " %\n";
            comparison.tornado =
                runTornado(*tornadoPercent, deployments, program, book, *counts, comparison);
            if (!comparison.tornado)
                return (std::cerr << "compare: sensitivity analysis cancelled\n", kFailed);
        }
        std::signal(SIGINT, SIG_DFL);
        if (!a.report.empty() && !writeReport(a.report, comparison)) return kFailed;
        if (a.json)
            std::cout << comparison.toJson().dump(2) << "\n";
        else
            std::cout << comparison.toText();
        return kOk;
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
