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
#include "simulator/cost/ComparisonRun.h"
#include "simulator/cost/CostEngine.h"
#include "simulator/cost/HtmlReport.h"
#include "simulator/cost/StorageSpec.h"
#include "simulator/exec/Program.h"
#include "simulator/run/Replications.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
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
                            [--placement even|adaptive] [--json] [--report DIR]

Simulates each deployment the scenario declares ("deployments": serverless, an always-on EMR
cluster, a cluster per run, Express instead of Standard, ...) under the same workload and seed,
prices each with the price book, and prints them side by side: monthly cost with the P5-P95
spread over the replications, cost per execution and per million records, latency P50/P95/P99,
failed executions, SLA misses (with "slaSeconds" in the scenario), the idle share of cluster
time and what it costs, a one-line recommendation, and each deployment's services beside their
steady-state models where one applies ("simulation vs theory"). Costs are per month of 730
hours, scaled from the simulated time. A scenario without deployments is priced as written.

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
                       TO executions a day (records a day for a stream), placed as
                       --placement says, with Poisson arrivals, and report where one
                       overtakes another; each point simulates the scenario's horizon (shortened to about 20,000
                       executions) with one replication unless --replications is given
  --placement HOW      where the sweep's points go, as for sweep: adaptive (the default
                       from 5 points): each
                       deployment first simulated briefly at both ends (about 2,000
                       executions), its cost modelled in between (usage fitted in the rate,
                       the warm-pool chain for a Lambda function's cold starts, Erlang C's
                       limit for a queueing cluster), then the points put where those curves
                       bend and two either side of every crossing they predict; the output
                       lists the predicted crossings beside the simulated; or even (the
                       default below 5 points): equal steps of log(rate)
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
    std::string definition, scenario, priceBook, report, sweep, tornado, placement;
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
                   {"--placement", &out.placement},
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

std::optional<cost::SweepRange> parseSweep(const std::string& text, int& error) {
    cost::SweepRange r;
    char colon1 = 0, colon2 = 0;
    std::istringstream in(text);
    in >> r.from >> colon1 >> r.to;
    // Without ":POINTS" the stream is at its end: peeking there would fail it.
    if (in && !in.eof() && in.peek() == ':') in >> colon2 >> r.points;
    const bool ok = in && colon1 == ':' && in.peek() == EOF && r.from > 0 && r.to > r.from &&
                    r.points >= 2 && r.points <= 50;
    if (!ok)
        error = usageError("compare", "--sweep needs FROM:TO[:POINTS] with 0 < FROM < TO and 2 "
                                      "to 50 points, got '" +
                                          text + "'");
    return ok ? std::optional<cost::SweepRange>(r) : std::nullopt;
}

// On a terminal: each step's name on its own line, then its progress bar.
std::function<void(const cost::ComparisonProgress&)> terminalProgress() {
    struct State {
        std::string step;
        std::chrono::steady_clock::time_point began;
    };
    auto state = std::make_shared<State>();
    return [state](const cost::ComparisonProgress& p) {
        if (p.step != state->step) {
            if (!state->step.empty()) std::cerr << "\n";
            state->step = p.step;
            state->began = std::chrono::steady_clock::now();
            std::cerr << p.step << "\n";
        }
        drawProgress(p.stepFraction, state->began);
    };
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
    std::optional<cost::SweepRange> sweep;
    if (!a.sweep.empty() && !(sweep = parseSweep(a.sweep, usage))) return usage;
    const auto placement = parsePlacement(
        "compare", a.placement, cost::defaultSweepPlacement(sweep ? sweep->points : 0), usage);
    if (!placement) return usage;
    if (!a.placement.empty() && !sweep)
        return usageError("compare", "--placement places the points of --sweep FROM:TO[:POINTS]");
    if (sweep) sweep->placement = *placement;
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
        where = a.priceBook;
        const model::PriceBook book = model::PriceBook::load(
            a.priceBook.empty() ? std::nullopt : std::optional<std::filesystem::path>(a.priceBook));
        where = a.scenario;

        cost::ComparisonRun run(program, scenario, book, {*counts, sweep, tornadoPercent});
        std::signal(SIGINT, onInterrupt);
        const bool terminal = isatty(STDERR_FILENO) != 0;
        const std::optional<cost::Comparison> result =
            run.run(&g_stop, terminal ? terminalProgress() : nullptr);
        if (terminal) std::cerr << "\n";
        std::signal(SIGINT, SIG_DFL);
        if (!result) return (std::cerr << "compare: cancelled\n", kFailed);
        const cost::Comparison& comparison = *result;
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
