// Benchmark (issue 7 §4): the JSONata suite's expressions evaluated against their data, Flowcast
// against jsonata-js (Node) in the same run. Cases expecting an error and cases with a time or
// depth limit are left out, and so is any case either side cannot evaluate. Expressions are
// parsed once outside the timing; one warm-up round, then every case once per round until
// --seconds have passed and --min-rounds ran (or exactly --rounds rounds, for callgrind).
// Flowcast is timed through Expression::evaluate(Json), which includes turning the input into
// runtime values and the result back into JSON, as a caller pays. Prints figures; asserts
// nothing.
//
// Usage: BenchJsonataSuite [SUITE_DIR] [--seconds S] [--min-rounds N] [--rounds R]
//                          [--no-peers] [--tsv FILE] [--only ID_PART]
#include "PeerSupport.h"
#include "model/jsonata/Evaluator.h"
#include "tests/common/JsonataSuiteCases.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

using flowcast::model::Json;
using namespace flowcast::model::jsonata;
namespace fs = std::filesystem;

namespace {

struct BenchCase {
    std::string id;
    std::string expression;
    std::optional<Json> input;
    Json bindings;
    std::unique_ptr<Expression> compiled;
    double flowcastNs = 0;     ///< summed over the timed rounds
    double flowcastBestNs = 0; ///< the fastest round's
    double peerNs = -1;        ///< mean per round; negative when jsonata-js did not time it
    double peerBestNs = -1;
};

using Clock = std::chrono::steady_clock;

/// How long each side runs: rounds until `seconds` and `minRounds`, or exactly `fixedRounds`.
struct Budget {
    double seconds = 1.0;
    int minRounds = 5;
    int fixedRounds = 0;
    bool done(int rounds, double elapsedNs) const {
        if (fixedRounds > 0) return rounds >= fixedRounds;
        return rounds >= minRounds && elapsedNs >= seconds * 1e9;
    }
};

double nsSince(Clock::time_point start) {
    return std::chrono::duration<double, std::nano>(Clock::now() - start).count();
}

std::optional<Json> evaluateCase(const BenchCase& c) {
    return c.input ? c.compiled->evaluate(*c.input, c.bindings)
                   : c.compiled->evaluate(std::nullopt, c.bindings);
}

// The suite's cases that are expected to succeed, parsed, and that Flowcast evaluates without
// error (the conformance test checks their results; here only the time counts).
std::vector<BenchCase> loadCases(const std::string& root, const std::string& only, int& excluded) {
    std::vector<BenchCase> out;
    jsonata_suite::CaseReader reader(root);
    excluded = 0;
    for (const std::string& id : jsonata_suite::caseIds(root)) {
        if (id.find(only) == std::string::npos) continue; // --only: not counted as left out
        auto read = reader.read(id);
        if (!read || read->expectsError() || read->limited) {
            ++excluded;
            continue;
        }
        BenchCase c{id, read->expression, read->input, read->bindings, nullptr};
        try {
            c.compiled = std::make_unique<Expression>(c.expression);
            (void)evaluateCase(c);
        } catch (const std::exception&) {
            ++excluded;
            continue;
        }
        out.push_back(std::move(c));
    }
    return out;
}

// Returns the rounds timed.
int timeFlowcast(std::vector<BenchCase>& cases, const Budget& budget) {
    for (const BenchCase& c : cases)
        (void)evaluateCase(c); // warm-up
    const auto start = Clock::now();
    int rounds = 0;
    for (;;) {
        for (BenchCase& c : cases) {
            const auto t0 = Clock::now();
            (void)evaluateCase(c);
            const double ns = nsSince(t0);
            c.flowcastNs += ns;
            c.flowcastBestNs = rounds == 0 ? ns : std::min(c.flowcastBestNs, ns);
        }
        ++rounds;
        if (budget.done(rounds, nsSince(start))) break;
    }
    return rounds;
}

// Runs jsonata-timing.js on the same cases; fills peerNs; returns its rounds (0: not run).
int timePeer(std::vector<BenchCase>& cases, const Budget& budget) {
    const fs::path peers = peersDirectory();
    if (!fs::exists(peers / "node_modules/jsonata")) {
        std::cout << "jsonata-js: not installed (run ../shared/peers/peer once); skipped\n";
        return 0;
    }
    const fs::path list = fs::temp_directory_path() /
                          ("flowcast-jsonata-cases-" + std::to_string(::getpid()) + ".jsonl");
    {
        std::ofstream out(list, std::ios::binary);
        for (const BenchCase& c : cases) {
            Json line = {{"id", c.id}, {"expr", c.expression}, {"bindings", c.bindings}};
            if (c.input) line["input"] = *c.input;
            out << line.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
        }
    }
    std::ostringstream command;
    command << "NODE_PATH='" << (peers / "node_modules").string() << "' node '"
            << (fs::path(FLOWCAST_SOURCE_DIR) / "tests/bench/jsonata-timing.js").string() << "' '"
            << list.string() << "' --seconds " << budget.seconds << " --min-rounds "
            << budget.minRounds;
    if (budget.fixedRounds > 0) command << " --rounds " << budget.fixedRounds;
    const std::string output = runCommand(command.str());
    fs::remove(list);
    std::map<std::string, std::pair<double, double>> peerTimes; // total, best
    int rounds = 0;
    std::istringstream lines(output);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream fields(line);
        std::string kind, id, value, best;
        std::getline(fields, kind, '\t');
        std::getline(fields, id, '\t');
        std::getline(fields, value, '\t');
        std::getline(fields, best, '\t');
        if (kind == "rounds")
            rounds = std::atoi(id.c_str());
        else if (kind == "case")
            peerTimes[id] = {std::atof(value.c_str()), std::atof(best.c_str())};
        else if (kind == "skip")
            std::cout << "  jsonata-js skips " << id << ": " << value << "\n";
    }
    if (rounds == 0) {
        std::cout << "jsonata-js: no figures (node failed?)\n";
        return 0;
    }
    for (BenchCase& c : cases) {
        if (const auto found = peerTimes.find(c.id); found != peerTimes.end()) {
            c.peerNs = found->second.first / rounds;
            c.peerBestNs = found->second.second;
        }
    }
    return rounds;
}

void writeTsv(const std::string& path, const std::vector<BenchCase>& cases, int rounds) {
    std::ofstream out(path);
    out << "id\tflowcast_mean_us\tflowcast_best_us\tjsonata_js_mean_us\tjsonata_js_best_us\texpr\n";
    for (const BenchCase& c : cases) {
        std::string expression = c.expression.substr(0, 80);
        std::replace(expression.begin(), expression.end(), '\n', ' ');
        out << c.id << '\t' << c.flowcastNs / rounds / 1e3 << '\t' << c.flowcastBestNs / 1e3 << '\t'
            << c.peerNs / 1e3 << '\t' << c.peerBestNs / 1e3 << '\t' << expression << '\n';
    }
}

// Per case, each side's best round (a single evaluation takes microseconds, so a mean is at the
// mercy of one preemption on this shared machine).
void printPerCase(const std::vector<BenchCase>& cases) {
    std::vector<const BenchCase*> both;
    for (const BenchCase& c : cases)
        if (c.peerBestNs > 0 && c.flowcastBestNs > 0) both.push_back(&c);
    if (both.empty()) return;
    const auto relative = [](const BenchCase* c) { return c->flowcastBestNs / c->peerBestNs; };
    std::sort(both.begin(), both.end(),
              [&](const BenchCase* a, const BenchCase* b) { return relative(a) > relative(b); });
    // The per-round figure is dominated by the two groups/performance cases; the spread of the
    // per-case speed-ups shows the small expressions too.
    double logSum = 0;
    std::size_t tenfold = 0;
    for (const BenchCase* c : both) {
        logSum += std::log(1.0 / relative(c));
        tenfold += relative(c) <= 0.1;
    }
    std::cout << std::setprecision(1)
              << "  per case (best rounds), jsonata-js time / Flowcast time: median "
              << 1.0 / relative(both[both.size() / 2]) << "x, geometric mean "
              << std::exp(logSum / static_cast<double>(both.size())) << "x; " << tenfold << " of "
              << both.size() << " cases at least 10x\n"
              << "  slowest relative to jsonata-js (best rounds, Flowcast us / jsonata-js us):\n";
    for (std::size_t i = 0; i < std::min<std::size_t>(10, both.size()); ++i) {
        const BenchCase& c = *both[i];
        std::string expression = c.expression.substr(0, 60);
        std::replace(expression.begin(), expression.end(), '\n', ' ');
        std::cout << std::setprecision(2) << "    " << c.id << "  " << c.flowcastBestNs / 1e3
                  << " / " << c.peerBestNs / 1e3 << " = " << relative(&c) << "  " << expression
                  << "\n";
    }
}

} // namespace

int main(int argc, char** argv) {
    std::string root = std::string(FLOWCAST_SHARED_DIR) + "/jsonata-suite";
    if (const char* env = std::getenv("FLOWCAST_JSONATA_SUITE")) root = env;
    Budget budget;
    bool peers = true;
    std::string tsv;  // per-case figures, for looking closer
    std::string only; // the cases whose id contains it, for profiling a few
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--seconds" && i + 1 < argc)
            budget.seconds = std::atof(argv[++i]);
        else if (a == "--min-rounds" && i + 1 < argc)
            budget.minRounds = std::max(1, std::atoi(argv[++i]));
        else if (a == "--rounds" && i + 1 < argc)
            budget.fixedRounds = std::max(1, std::atoi(argv[++i]));
        else if (a == "--no-peers")
            peers = false;
        else if (a == "--tsv" && i + 1 < argc)
            tsv = argv[++i];
        else if (a == "--only" && i + 1 < argc)
            only = argv[++i];
        else
            root = a;
    }
    if (!fs::exists(fs::path(root) / "INDEX.tsv")) {
        std::cerr << "JSONata suite not found at " << root
                  << " (pass SUITE_DIR or set FLOWCAST_JSONATA_SUITE)\n";
        return 2;
    }
    int excluded = 0;
    std::vector<BenchCase> cases = loadCases(root, only, excluded);
    const int rounds = timeFlowcast(cases, budget);
    const int peerRounds = peers ? timePeer(cases, budget) : 0;

    // Totals over the cases both sides timed (all of Flowcast's when the peer did not run).
    double flowcastRound = 0, peerRound = 0;
    std::size_t common = 0;
    for (const BenchCase& c : cases) {
        if (peerRounds > 0 && c.peerNs < 0) continue;
        ++common;
        flowcastRound += c.flowcastNs / rounds;
        peerRound += std::max(0.0, c.peerNs);
    }
    if (!tsv.empty()) writeTsv(tsv, cases, rounds);
    std::cout << std::fixed << std::setprecision(3);
    std::cout << "JSONata suite: " << cases.size() << " cases timed (" << excluded
              << " left out: expected errors, time/depth limits, or failing in Flowcast)";
    if (peerRounds > 0) std::cout << ", " << common << " timed by both";
    std::cout << "\n  Flowcast:   " << rounds << " rounds, " << flowcastRound / 1e6
              << " ms per round, " << flowcastRound / common / 1e3 << " us per evaluation\n";
    if (peerRounds == 0) return 0;
    std::cout << "  jsonata-js: " << peerRounds << " rounds, " << peerRound / 1e6
              << " ms per round, " << peerRound / common / 1e3 << " us per evaluation\n"
              << "  Flowcast is " << std::setprecision(1) << peerRound / flowcastRound
              << "x faster than jsonata-js per round\n";
    printPerCase(cases);
    return 0;
}
