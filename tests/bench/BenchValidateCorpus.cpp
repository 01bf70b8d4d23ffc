// Benchmark: read + validate the whole shared corpus in memory, then the two peer tools on the
// same files in the same run. Prints figures; asserts nothing (timing goals live here, never in
// tests). Usage: BenchValidateCorpus [CORPUS_DIR] [--rounds N] [--no-peers]
#include "PeerSupport.h"
#include "model/asl/AslReader.h"
#include "model/asl/DefinitionFile.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using namespace flowcast::model;
namespace fs = std::filesystem;

namespace {

struct Input {
    std::string path;
    std::string text;
    TextFormat format;
};

std::vector<Input> loadCorpus(const fs::path& root) {
    std::vector<Input> out;
    std::ifstream manifest(root / "MANIFEST.tsv");
    std::string line;
    std::getline(manifest, line); // header
    while (std::getline(manifest, line)) {
        const std::string rel = line.substr(0, line.find('\t'));
        std::ifstream in(root / rel, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        out.push_back({(root / rel).string(), text.str(), AslReader::formatFor(rel)});
    }
    return out;
}

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Prints each peer figure beside Flowcast's time per definition, as "N× faster".
void printRatios(const std::string& timing, double flowcastMsPerDefinition) {
    std::istringstream lines(timing);
    for (std::string line; std::getline(lines, line);) {
        const auto tab = line.find('\t');
        if (tab == std::string::npos) continue;
        const double peerMs = std::atof(line.c_str() + tab + 1);
        std::cout << "  " << line.substr(0, tab) << ": " << peerMs << " ms per definition; Flowcast "
                  << peerMs / flowcastMsPerDefinition << "x faster\n";
    }
}

void benchPeers(const std::vector<Input>& inputs, const fs::path& peerScript, const fs::path& timingScript,
                double flowcastMsPerDefinition) {
    const fs::path peersDir = peersDirectory();
    std::string files;
    for (const auto& in : inputs) files += " '" + in.path + "'";
    // First use installs the tools from npm; not timed.
    runCommand("'" + peerScript.string() + "' validate '" + inputs.front().path + "' >/dev/null 2>&1");
    if (!fs::exists(peersDir / "node_modules/asl-validator")) {
        std::cout << "peers: not installed (npm unavailable?); skipped\n";
        return;
    }
    const auto start = std::chrono::steady_clock::now();
    runCommand("'" + peerScript.string() + "' validate" + files + " >/dev/null 2>&1");
    const double wall = secondsSince(start);
    std::cout << "peer validate (asl-validator + statelint, one node process, " << inputs.size()
              << " files): " << wall << " s wall\n";
    const std::string timing = runCommand("NODE_PATH='" + (peersDir / "node_modules").string() + "' node '" +
                                   timingScript.string() + "'" + files + " 2>/dev/null");
    std::cout << "in-process, per definition (Node start-up excluded):\n";
    printRatios(timing, flowcastMsPerDefinition);
}

} // namespace

int main(int argc, char** argv) {
    fs::path root = fs::path(FLOWCAST_SHARED_DIR) / "corpus";
    int rounds = 50;
    bool peers = true;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--rounds" && i + 1 < argc) rounds = std::max(1, std::atoi(argv[++i]));
        else if (a == "--no-peers") peers = false;
        else root = a;
    }
    if (const char* env = std::getenv("FLOWCAST_CORPUS"); env && argc == 1) root = env;
    if (!fs::exists(root / "MANIFEST.tsv")) {
        std::cerr << "corpus not found at " << root << " (pass CORPUS_DIR or set FLOWCAST_CORPUS)\n";
        return 2;
    }
    const std::vector<Input> inputs = loadCorpus(root);
    std::size_t bytes = 0;
    for (const auto& in : inputs) bytes += in.text.size();

    std::vector<double> times;
    std::size_t errors = 0;
    for (int r = 0; r < rounds + 1; ++r) {
        const auto start = std::chrono::steady_clock::now();
        std::size_t invalid = 0;
        for (const auto& in : inputs) invalid += !DefinitionFile::checkText(in.text, in.format, in.path).valid();
        if (r > 0) times.push_back(secondsSince(start)); // round 0 warms caches
        errors = invalid;
    }
    std::sort(times.begin(), times.end());
    const double median = times[times.size() / 2];
    std::cout << "Flowcast read+validate: " << inputs.size() << " files, " << bytes / 1024.0 / 1024.0
              << " MB, " << errors << " invalid\n"
              << "  whole corpus: median " << median * 1000 << " ms, best " << times.front() * 1000
              << " ms over " << rounds << " rounds\n"
              << "  " << inputs.size() / median << " files/s, " << bytes / median / 1024 / 1024 << " MB/s, "
              << median * 1000 / inputs.size() << " ms per definition\n";
    // Where the time goes: reading alone, by format.
    for (const TextFormat format : {TextFormat::Json, TextFormat::Yaml}) {
        std::vector<double> readTimes;
        std::size_t n = 0;
        for (int r = 0; r < rounds; ++r) {
            const auto start = std::chrono::steady_clock::now();
            n = 0;
            for (const auto& in : inputs) {
                if (in.format != format) continue;
                ++n;
                (void)AslReader::readText(in.text, in.format);
            }
            readTimes.push_back(secondsSince(start));
        }
        std::sort(readTimes.begin(), readTimes.end());
        std::cout << "  of which reading " << n << (format == TextFormat::Json ? " JSON" : " YAML")
                  << " files: median " << readTimes[readTimes.size() / 2] * 1000 << " ms\n";
    }
    if (peers)
        benchPeers(inputs, fs::path(FLOWCAST_SHARED_DIR) / "peers/peer",
                   fs::path(FLOWCAST_SOURCE_DIR) / "tests/bench/peer-timing.js", median * 1000 / inputs.size());
    return 0;
}
