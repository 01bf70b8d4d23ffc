#pragma once
// The steady state of a finite continuous-time Markov chain, solved with Eigen's sparse LU: the
// analytic models build a generator and hand it here. The matrix stays as sparse as the
// generator (no dense normalisation row), so chains of 10^5 states solve in milliseconds.
#include <Eigen/SparseCore>

#include <vector>

namespace flowcast::analytic {

/// π with π Q = 0 and Σ π = 1, for the generator Q (square; off-diagonal rates >= 0, each row
/// summing to 0). `anchor` must be a recurrent state (one the chain keeps returning to); states
/// outside its closed class get 0. Throws std::invalid_argument for a non-square matrix or an
/// anchor out of range, std::runtime_error when the system is singular (anchor not recurrent
/// or more than one closed class).
std::vector<double> stationaryDistribution(const Eigen::SparseMatrix<double>& generator,
                                           Eigen::Index anchor);

} // namespace flowcast::analytic
