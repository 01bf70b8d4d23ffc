#include "simulator/analytic/WarmPoolModel.h"

#include "simulator/analytic/StationaryDistribution.h"

#include <Eigen/SparseCore>

#include <cmath>
#include <stdexcept>
#include <string>

namespace flowcast::analytic {

namespace {

// The chain's size bounds memory and time (both linear in it); Lambda's concurrency quotas are
// in the thousands to tens of thousands.
constexpr int kMostStates = 1'000'000;

// Past the likeliest state, the chain stops at the first state weighing less than e^-40 (4e-18)
// of it: cold starts only fall and expirations only rise from there, so every later state
// weighs less again and no average moves in its 15th digit.
constexpr double kTailLog = 40;

void requirePositive(const char* name, double value) {
    if (!std::isfinite(value) || value <= 0)
        throw std::invalid_argument(std::string("WarmPoolModel: ") + name +
                                    " must be finite and > 0");
}

void validate(const WarmPoolParams& params) {
    requirePositive("arrivalsPerSecond", params.arrivalsPerSecond);
    requirePositive("warmServiceSeconds", params.warmServiceSeconds);
    requirePositive("coldServiceSeconds", params.coldServiceSeconds);
    requirePositive("keepAliveSeconds", params.keepAliveSeconds);
    if (params.maxConcurrency < 1 || params.maxConcurrency > kMostStates)
        throw std::invalid_argument("WarmPoolModel: maxConcurrency must be in 1.." +
                                    std::to_string(kMostStates));
}

// Expiration rate of one instance that receives requests at rate `rate` (per second), by the
// paper's renewal argument. Its requests are taken as Poisson; it expires at the first gap
// longer than the keep-alive T. Each gap is that long with probability p = e^(−rate T), so on
// average 1/p − 1 shorter gaps come first. Its lifetime is T + (1/p − 1) G, where G is the paper's
// mean short gap: E[X; X < T + warm], a partial (not conditional) expectation over a window
// widened by the warm service, kept as published (pacsltk). The rate 1 / lifetime is written
// p / (p T + (1 − p) G) so that it goes to 0, not to 1/∞, when p underflows.
double expiryRate(double rate, double keepAlive, double warmService) {
    if (rate <= 0) return 1 / keepAlive; // never chosen: it expires T after it was last busy
    const double p = std::exp(-rate * keepAlive);
    const double window = keepAlive + warmService;
    const double shortGaps = -std::expm1(-rate * window) / rate - window * std::exp(-rate * window);
    return p / (p * keepAlive + (1 - p) * shortGaps);
}

struct Chain {
    std::vector<double> blocking; // Erlang B with n instances: the share of arrivals they miss
    std::vector<double> births;   // cold starts n → n + 1, per second
    std::vector<double> deaths;   // expirations n → n − 1, per second
    Eigen::Index likeliest = 0;
    bool reachesCap = false;
};

Chain buildChain(const WarmPoolParams& params) {
    const double lambda = params.arrivalsPerSecond;
    const double offered = lambda * params.warmServiceSeconds;
    Chain chain;
    chain.blocking.push_back(1.0);
    chain.births.push_back(lambda);
    chain.deaths.push_back(0.0);
    double expirations = 0; // summed over instances 1..n
    double logWeight = 0;   // log of the state's weight in the product form, to find the tail
    double bestLog = 0;
    for (int n = 1;; ++n) {
        const double before = chain.blocking.back();
        const double blocking = offered * before / (n + offered * before); // Erlang B recurrence
        // Requests are offered to instances in a fixed order (the paper's assumption): instance
        // n serves what overflows instances 1..n−1 and is not lost by n.
        expirations += expiryRate(lambda * (before - blocking), params.keepAliveSeconds,
                                  params.warmServiceSeconds);
        const bool atCap = n == params.maxConcurrency;
        chain.blocking.push_back(blocking);
        chain.births.push_back(atCap ? 0.0 : lambda * blocking);
        chain.deaths.push_back(expirations);
        if (expirations > 0) {
            logWeight += std::log(chain.births[n - 1]) - std::log(expirations);
        } else { // nothing expires yet: the states below are never seen again
            logWeight = 0;
            bestLog = 0;
        }
        if (logWeight >= bestLog) {
            bestLog = logWeight;
            chain.likeliest = n;
        }
        if (atCap) {
            chain.reachesCap = true;
            break;
        }
        if (chain.births[n] < expirations && logWeight < bestLog - kTailLog) break;
    }
    return chain;
}

Eigen::SparseMatrix<double> generatorOf(const Chain& chain) {
    const auto size = static_cast<Eigen::Index>(chain.births.size());
    std::vector<Eigen::Triplet<double>> entries;
    entries.reserve(static_cast<std::size_t>(3 * size));
    for (Eigen::Index n = 0; n < size; ++n) {
        const auto i = static_cast<std::size_t>(n);
        double out = 0;
        if (n + 1 < size) { // the last state's cold starts leave the truncated chain
            entries.emplace_back(n, n + 1, chain.births[i]);
            out += chain.births[i];
        }
        if (n > 0) {
            entries.emplace_back(n, n - 1, chain.deaths[i]);
            out += chain.deaths[i];
        }
        entries.emplace_back(n, n, -out);
    }
    Eigen::SparseMatrix<double> generator(size, size);
    generator.setFromTriplets(entries.begin(), entries.end());
    return generator;
}

} // namespace

WarmPoolResult WarmPoolModel::solve(const WarmPoolParams& params) {
    validate(params);
    const Chain chain = buildChain(params);
    WarmPoolResult result;
    result.probabilities = stationaryDistribution(generatorOf(chain), chain.likeliest);
    result.coldStartRates = chain.births;
    result.expiryRates = chain.deaths;
    result.reachesCap = chain.reachesCap;

    // Within state n the instances are the Erlang loss system: a share B of the arrivals is
    // cold-started (or, at the cap, rejected), the rest is warm; by Little's law each stream
    // keeps λ × share × its service time instances busy.
    const double lambda = params.arrivalsPerSecond;
    double runningCold = 0;
    for (std::size_t n = 0; n < result.probabilities.size(); ++n) {
        const double weight = result.probabilities[n];
        const double blocked = chain.blocking[n];
        result.averageInstances += weight * static_cast<double>(n);
        result.averageRunningWarm += weight * lambda * (1 - blocked) * params.warmServiceSeconds;
        if (static_cast<int>(n) == params.maxConcurrency) {
            result.rejectionProbability += weight * blocked;
        } else {
            result.coldStartProbability += weight * blocked;
            runningCold += weight * lambda * blocked * params.coldServiceSeconds;
        }
    }
    result.averageRunning = result.averageRunningWarm + runningCold;
    result.averageIdle = result.averageInstances - result.averageRunning;
    result.utilisation =
        result.averageInstances > 0 ? result.averageRunning / result.averageInstances : 0;
    const double accepted = 1 - result.rejectionProbability;
    const double warm = accepted - result.coldStartProbability;
    result.averageResponseSeconds = (result.coldStartProbability * params.coldServiceSeconds +
                                     warm * params.warmServiceSeconds) /
                                    accepted;
    return result;
}

} // namespace flowcast::analytic
