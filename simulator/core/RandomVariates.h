#pragma once
// Variates beyond RandomStream's uniform and exponential, built only on a RandomStream so that
// runs stay reproducible: each call consumes a fixed recipe of the stream's numbers and keeps no
// state of its own (the polar method's second normal is discarded rather than cached).
#include "simulator/core/RandomStream.h"

#include <cstdint>

namespace flowcast::sim {

/// Standard normal N(0, 1), Marsaglia's polar method.
double standardNormal(RandomStream& random);

/// Gamma with the given shape (> 0) and scale 1: Marsaglia and Tsang (2000), with the
/// U^(1/shape) boost below shape 1. The sum of n exponentials of mean 1 is Gamma(n).
double gammaVariate(RandomStream& random, double shape);

/// Poisson with the given mean (>= 0): multiplication of uniforms below mean 10, Hörmann's
/// transformed rejection with squeeze (PTRS, 1993) above.
std::int64_t poissonVariate(RandomStream& random, double mean);

/// Poisson with the given mean, conditioned on the value being at most `most` (>= 0).
std::int64_t truncatedPoissonVariate(RandomStream& random, double mean, std::int64_t most);

} // namespace flowcast::sim
