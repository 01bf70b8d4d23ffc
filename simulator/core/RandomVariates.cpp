#include "simulator/core/RandomVariates.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace flowcast::sim {

double standardNormal(RandomStream& random) {
    for (;;) {
        const double u = 2.0 * random.uniform() - 1.0;
        const double v = 2.0 * random.uniform() - 1.0;
        const double s = u * u + v * v;
        if (s > 0.0 && s < 1.0) return u * std::sqrt(-2.0 * std::log(s) / s);
    }
}

double gammaVariate(RandomStream& random, double shape) {
    if (shape < 1.0) {
        // Gamma(a) = Gamma(a + 1) * U^(1/a) (Marsaglia and Tsang, section 6).
        const double boost = std::pow(random.uniformPositive(), 1.0 / shape);
        return gammaVariate(random, shape + 1.0) * boost;
    }
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
        const double x = standardNormal(random);
        double v = 1.0 + c * x;
        if (v <= 0.0) continue;
        v = v * v * v;
        const double u = random.uniformPositive();
        if (u < 1.0 - 0.0331 * x * x * x * x) return d * v; // the squeeze
        if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
    }
}

namespace {

std::int64_t poissonByMultiplication(RandomStream& random, double mean) {
    const double limit = std::exp(-mean);
    std::int64_t k = 0;
    double product = random.uniform();
    while (product > limit) {
        ++k;
        product *= random.uniform();
    }
    return k;
}

// Hörmann, "The transformed rejection method for generating Poisson random variables" (1993),
// algorithm PTRS, valid for mean >= 10; constants as in the paper.
std::int64_t poissonPtrs(RandomStream& random, double mean) {
    const double slam = std::sqrt(mean);
    const double loglam = std::log(mean);
    const double b = 0.931 + 2.53 * slam;
    const double a = -0.059 + 0.02483 * b;
    const double invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const double vr = 0.9277 - 3.6224 / (b - 2.0);
    for (;;) {
        const double u = random.uniform() - 0.5;
        const double v = random.uniformPositive();
        const double us = 0.5 - std::abs(u);
        const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
        if (us >= 0.07 && v <= vr) return static_cast<std::int64_t>(k);
        if (k < 0.0 || (us < 0.013 && v > us)) continue;
        if (std::log(v) + std::log(invalpha) - std::log(a / (us * us) + b) <=
            -mean + k * loglam - std::lgamma(k + 1.0))
            return static_cast<std::int64_t>(k);
    }
}

} // namespace

std::int64_t poissonVariate(RandomStream& random, double mean) {
    if (!(mean > 0.0)) return 0;
    return mean < 10.0 ? poissonByMultiplication(random, mean) : poissonPtrs(random, mean);
}

std::int64_t truncatedPoissonVariate(RandomStream& random, double mean, std::int64_t most) {
    if (!(mean > 0.0) || most <= 0) return 0;
    if (mean <= static_cast<double>(most)) {
        // The bound is at or above the mean: at least about half the draws fall under it,
        // so rejection is cheap.
        for (;;) {
            const std::int64_t k = poissonVariate(random, mean);
            if (k <= most) return k;
        }
    }
    // The bound is below the mean: the mass piles up at `most` and falls off geometrically
    // below it (ratio k / mean), so inversion downwards from `most` needs few terms.
    std::vector<double> weights;
    double total = 0.0;
    double w = 1.0;
    for (std::int64_t k = most; k >= 0; --k) {
        weights.push_back(w);
        total += w;
        if (w < 1e-17 * total) break;
        w *= static_cast<double>(k) / mean;
    }
    double target = random.uniform() * total;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        target -= weights[i];
        if (target < 0.0) return most - static_cast<std::int64_t>(i);
    }
    return most - static_cast<std::int64_t>(weights.size()) + 1;
}

} // namespace flowcast::sim
