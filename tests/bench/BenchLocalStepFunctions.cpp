// Benchmark (issue 3, section 7): executions per second of the flagship definition
// (samples/data-lake-etl) with every Task stubbed from tests/bench/data-lake-etl.mock.json, in
// Flowcast's interpreter and in aws-local-stepfunctions 3 (tests/bench/local-sfn-throughput.js),
// side by side in one run. Both engines run the same path: the benchmark prints each one's status
// and state transitions and whether their outputs agree. Goal from the issue: Flowcast at least
// 20 times the peer's executions per second. Prints figures; asserts nothing.
//
// Usage: BenchLocalStepFunctions [--executions N] [--peer-executions N] [--repeat R]
//                                [--concurrency K] [--no-peer]
// Node finds the peer in $FLOWCAST_PEERS_DIR, else ~/.cache/flowcast-peers (installed on first
// use by ../shared/peers/peer).
#include "PeerSupport.h"
#include "model/asl/AslReader.h"
#include "model/asl/MockConfig.h"
#include "simulator/core/Kernel.h"
#include "simulator/exec/Execution.h"
#include "simulator/exec/MockBackend.h"
#include "simulator/exec/Program.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <string>

using namespace flowcast::sim;
using flowcast::model::Json;
namespace fs = std::filesystem;

namespace {

const char* const kMachine = "data-lake-etl";
const char* const kExecutionName = "bench-execution";
const char* const kInput = R"({"ingestDate":"2026-01-01","sourceSystem":"crm"})";
// The success path goes once round the crawler polling loop; the failure path fails the Glue job
// twice (Retry on States.TaskFailed once, then Catch to the alert and the Fail state).
const std::array<const char*, 2> kCases{"HappyPath", "GlueFailsTwice"};

struct Options {
    int executions = 10'000;
    int peerExecutions = 3'000;
    int repeat = 3;
    int concurrency = 16;
    bool peer = true;
};

/// How Flowcast runs each execution.
enum class Mode {
    Simulation, ///< one Kernel and one Program for all, no history (as in a simulation)
    History,    ///< the same, recording the history
    Cli,        ///< a Kernel and a Program per execution, history recorded (as `flowcast-cli run`)
};

struct Outcome {
    std::string status;
    Json output;
    std::string error;
    std::string cause;
    std::int64_t transitions = 0;
    std::size_t historyEvents = 0;
};

struct Timing {
    double seconds = 0;    ///< wall
    double cpuSeconds = 0; ///< of the whole process
    int executions = 0;
    int unexpected = 0; ///< executions that did not end as the verified one (status, transitions)
    double perSecond() const { return seconds > 0 ? executions / seconds : 0; }
    double perCpuSecond() const { return cpuSeconds > 0 ? executions / cpuSeconds : 0; }
};

// Forwards the kernel's events to the execution in progress, so that executions run one after
// another on one Kernel without registering a component each (as a Simulation does).
class Forwarder final : public Component {
public:
    Execution* current = nullptr;
    void handle(const Event& event) override {
        if (current) current->handle(event);
    }
};

Outcome outcomeOf(const Execution& execution) {
    return {std::string(executionStatusName(execution.status())),
            execution.output(),
            execution.error(),
            execution.cause(),
            execution.stateTransitions(),
            execution.historyEventCount()};
}

// One case of the mock file, prepared once: the backend and everything shared by executions.
class Bench {
public:
    Bench(const Json& definition, const Program& program, const flowcast::model::MockConfig& mocks,
          const std::string& testCase)
        : m_definition(definition), m_program(program), m_backend(mocks, kMachine, testCase),
          m_input(Json::parse(kInput)) {}

    /// One execution exactly as `flowcast-cli run --mock-config ... --test-case ...` runs it.
    Outcome verify() {
        Kernel kernel(0);
        Execution execution(kernel, m_definition, m_backend, options(true));
        execution.start(m_input);
        kernel.run(SimTime{INT64_MAX});
        return outcomeOf(execution);
    }

    Timing time(Mode mode, int executions, const Outcome& expected) {
        const auto start = std::chrono::steady_clock::now();
        const std::clock_t cpuStart = std::clock();
        Timing t;
        t.executions = executions;
        if (mode == Mode::Cli) {
            for (int i = 0; i < executions; ++i) {
                Kernel kernel(0);
                Execution execution(kernel, m_definition, m_backend, options(true));
                execution.start(m_input);
                kernel.run(SimTime{INT64_MAX});
                t.unexpected += !same(execution, expected);
            }
        } else {
            Kernel kernel(0);
            Forwarder forwarder;
            ExecutionOptions shared = options(mode == Mode::History);
            shared.eventTarget = kernel.addComponent(forwarder);
            shared.intrinsicRandom = &kernel.random("intrinsics");
            shared.retryJitter = &kernel.random("retry-jitter");
            for (int i = 0; i < executions; ++i) {
                Execution execution(kernel, m_program, m_backend, shared);
                forwarder.current = &execution;
                execution.start(m_input);
                kernel.run(SimTime{INT64_MAX});
                forwarder.current = nullptr;
                t.unexpected += !same(execution, expected);
            }
        }
        t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        t.cpuSeconds = static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
        return t;
    }

private:
    static bool same(const Execution& execution, const Outcome& expected) {
        return executionStatusName(execution.status()) == expected.status &&
               execution.stateTransitions() == expected.transitions;
    }

    static ExecutionOptions options(bool history) {
        ExecutionOptions o;
        o.name = kExecutionName;
        o.stateMachineName = kMachine;
        o.recordHistory = history;
        return o;
    }

    const Json& m_definition;
    const Program& m_program;
    MockBackend m_backend;
    const Json m_input;
};

std::string quoted(const fs::path& path) {
    return "'" + path.string() + "'";
}

// The peer's node_modules, installed by ../shared/peers/peer on first use; empty when missing.
fs::path peerModules() {
    const fs::path dir = peersDirectory();
    if (!fs::exists(dir / "node_modules/aws-local-stepfunctions"))
        runCommand(quoted(fs::path(FLOWCAST_SHARED_DIR) / "peers/peer") + " >/dev/null 2>&1");
    return fs::exists(dir / "node_modules/aws-local-stepfunctions") ? dir / "node_modules"
                                                                    : fs::path();
}

// The peer's JSON report for one case, or a discarded value when Node could not run it.
Json runPeer(const fs::path& modules, const fs::path& definition, const fs::path& mocks,
             const std::string& testCase, const Options& o) {
    const fs::path script = fs::path(FLOWCAST_SOURCE_DIR) / "tests/bench/local-sfn-throughput.js";
    const std::string command =
        "NODE_PATH=" + quoted(modules) + " node " + quoted(script) + " " + quoted(definition) +
        " " + quoted(mocks) + " " + kMachine + " " + testCase + " '" + kInput + "' --executions " +
        std::to_string(o.peerExecutions) + " --concurrency " + std::to_string(o.concurrency) +
        " --repeat " + std::to_string(o.repeat) + " --execution-name " + kExecutionName;
    return Json::parse(runCommand(command), nullptr, false);
}

// Outputs compared as JSON values (key order aside), then key order too.
const char* compareOutputs(const Json& ours, const Json& theirs) {
    if (ours == theirs) return "identical";
    if (nlohmann::json::parse(ours.dump()) == nlohmann::json::parse(theirs.dump()))
        return "equal (keys in another order)";
    return "DIFFERENT";
}

void printRow(const char* what, const Timing& t) {
    std::printf("  %-50s %7d %8.3f s %10.0f %9.1f %10.0f", what, t.executions, t.seconds,
                t.perSecond(), 1e6 * t.seconds / t.executions, t.perCpuSecond());
    if (t.unexpected) std::printf("   (%d ended otherwise!)", t.unexpected);
    std::printf("\n");
}

Timing peerTiming(const Json& j) {
    Timing t;
    t.executions = j.value("executions", 0);
    t.seconds = j.value("seconds", 0.0);
    t.cpuSeconds = j.value("cpuSeconds", 0.0);
    return t;
}

// Both engines' end of one execution, and whether they took the same path.
void printVerification(const Outcome& ours, const Json& peer) {
    std::printf("  Flowcast:  %s, %lld transitions, %zu history events", ours.status.c_str(),
                static_cast<long long>(ours.transitions), ours.historyEvents);
    if (!ours.error.empty()) std::printf(", error %s", ours.error.c_str());
    std::printf("\n");
    if (!peer.is_object()) return;
    const Json& v = peer["verify"];
    std::printf("  local-sfn: %s, %lld transitions", v.value("status", "?").c_str(),
                v.value("transitions", 0LL));
    if (v.contains("error")) std::printf(", error %s", v.value("error", "").c_str());
    const bool sameEnd =
        v.value("status", "") == ours.status && v.value("transitions", 0LL) == ours.transitions;
    std::printf("  -> %s", sameEnd ? "same status and transitions" : "NOT THE SAME PATH");
    if (ours.status == "SUCCEEDED")
        std::printf(", outputs %s\n", compareOutputs(ours.output, v.value("output", Json())));
    else
        std::printf(", errors and causes %s\n",
                    v.value("error", "") == ours.error && v.value("cause", "") == ours.cause
                        ? "identical"
                        : "DIFFERENT");
}

// Each mode: a warm-up of a tenth of the executions, then the best of R runs (the least
// disturbed by other processes).
std::array<Timing, 3> timeFlowcast(Bench& bench, const Outcome& expected, const Options& o) {
    static constexpr std::array<const char*, 3> kLabels{
        "Flowcast, no history (as a simulation)", "Flowcast, history recorded",
        "Flowcast, as flowcast-cli run (Kernel+Program each)"};
    std::array<Timing, 3> best;
    for (int m = 0; m < 3; ++m) {
        (void)bench.time(static_cast<Mode>(m), std::max(1, o.executions / 10), expected);
        for (int r = 0; r < o.repeat; ++r) {
            const Timing t = bench.time(static_cast<Mode>(m), o.executions, expected);
            if (r == 0 || t.seconds < best[m].seconds) best[m] = t;
        }
        printRow(kLabels[m], best[m]);
    }
    return best;
}

void printPeerAndRatios(const std::array<Timing, 3>& flowcast, const Json& peer, const Options& o) {
    const Timing sequential = peerTiming(peer["sequential"]);
    const Timing concurrent = peerTiming(peer["concurrent"]);
    printRow("aws-local-stepfunctions, one at a time", sequential);
    const std::string inFlight =
        "aws-local-stepfunctions, " + std::to_string(o.concurrency) + " in flight";
    printRow(inFlight.c_str(), concurrent);
    // The goal is read on wall time against the peer's better way of running; CPU time, less
    // disturbed by other processes on a busy machine, is printed beside it.
    const double peerBest = std::max(sequential.perSecond(), concurrent.perSecond());
    const double peerBestCpu = std::max(sequential.perCpuSecond(), concurrent.perCpuSecond());
    std::printf("  Flowcast / peer's best, wall (CPU):");
    static constexpr std::array<const char*, 3> kModes{"without history", "with history",
                                                       "as flowcast-cli run"};
    for (int m = 0; m < 3; ++m)
        std::printf("%s %.1fx (%.1fx) %s", m ? "," : "", flowcast[m].perSecond() / peerBest,
                    flowcast[m].perCpuSecond() / peerBestCpu, kModes[m]);
    const double ratio = flowcast[0].perSecond() / peerBest;
    std::printf("\n  goal >= 20x without history: %s\n", ratio >= 20 ? "met" : "NOT met");
}

void benchCase(Bench& bench, const std::string& testCase, const fs::path& modules,
               const fs::path& definition, const fs::path& mocks, const Options& o) {
    std::printf("\ncase %s\n", testCase.c_str());
    const Outcome ours = bench.verify();
    const Json peer = modules.empty() ? Json() : runPeer(modules, definition, mocks, testCase, o);
    printVerification(ours, peer);
    if (o.peer && !peer.is_object())
        std::printf("  local-sfn: did not run (node or the peer missing)\n");
    std::printf("  %-50s %7s %10s %10s %9s %10s\n", "", "runs", "wall", "exec/s", "us/exec",
                "exec/CPU s");
    const std::array<Timing, 3> flowcast = timeFlowcast(bench, ours, o);
    if (peer.is_object()) printPeerAndRatios(flowcast, peer, o);
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool value = i + 1 < argc;
        if (a == "--executions" && value)
            o.executions = std::max(1, std::atoi(argv[++i]));
        else if (a == "--peer-executions" && value)
            o.peerExecutions = std::max(1, std::atoi(argv[++i]));
        else if (a == "--repeat" && value)
            o.repeat = std::max(1, std::atoi(argv[++i]));
        else if (a == "--concurrency" && value)
            o.concurrency = std::max(1, std::atoi(argv[++i]));
        else if (a == "--no-peer")
            o.peer = false;
        else
            std::cerr << "ignored argument: " << a << "\n";
    }
    return o;
}

} // namespace

int main(int argc, char** argv) {
    const Options o = parse(argc, argv);
    const fs::path definitionFile =
        fs::path(FLOWCAST_SOURCE_DIR) / "samples/data-lake-etl/data-lake-etl.asl.json";
    const fs::path mockFile = fs::path(FLOWCAST_SOURCE_DIR) / "tests/bench/data-lake-etl.mock.json";
    const auto read = flowcast::model::AslReader::readFile(definitionFile);
    flowcast::model::Diagnostics diagnostics;
    const auto mocks = flowcast::model::MockConfig::readFile(mockFile, diagnostics);
    if (!read.json || !diagnostics.empty()) {
        std::cerr << "cannot read " << definitionFile << " or " << mockFile << "\n";
        return 2;
    }
    const Json& definition = *read.json;
    const Program program(definition);
    const fs::path modules = o.peer ? peerModules() : fs::path();
    std::printf("Data-lake ETL (%s), every Task stubbed from %s;\nFlowcast best of %d x %d "
                "executions, single thread, virtual time; peer best of %d x %d after a warm-up\n",
                definitionFile.filename().c_str(), mockFile.filename().c_str(), o.repeat,
                o.executions, o.repeat, o.peerExecutions);
    for (const char* testCase : kCases) {
        Bench bench(definition, program, mocks, testCase);
        benchCase(bench, testCase, modules, definitionFile, mockFile, o);
    }
    return 0;
}
