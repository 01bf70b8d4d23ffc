#include "simulator/analytic/StationaryDistribution.h"

#include <Eigen/SparseLU>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace flowcast::analytic {

namespace {

// Imbalance allowed, relative to the largest flow out of a state: the warm-pool chains, up to
// 10^4 states, balance to ~1e-16 (measured); a solve gone wrong is off by far more.
constexpr double kBalanceTolerance = 1e-8;

} // namespace

std::vector<double> stationaryDistribution(const Eigen::SparseMatrix<double>& generator,
                                           Eigen::Index anchor) {
    using Matrix = Eigen::SparseMatrix<double>;
    const Eigen::Index n = generator.rows();
    if (n == 0 || generator.cols() != n)
        throw std::invalid_argument(
            "stationaryDistribution: the generator must be square and non-empty");
    if (anchor < 0 || anchor >= n)
        throw std::invalid_argument("stationaryDistribution: anchor state " +
                                    std::to_string(anchor) + " is not in 0.." +
                                    std::to_string(n - 1));

    // Solve Qᵀ π = 0 with the anchor's balance equation replaced by π_anchor = 1, then scale.
    // The usual replacement, a row of ones (Σ π = 1), would be the one dense row of the matrix
    // and fill the LU factors; a unit row keeps them as sparse as Q. Qᵀ has rank n − 1 when the
    // chain has one closed class, and the anchor row restores full rank if the anchor is in it.
    std::vector<Eigen::Triplet<double>> entries;
    entries.reserve(static_cast<std::size_t>(generator.nonZeros()) + 1);
    for (Eigen::Index column = 0; column < generator.outerSize(); ++column)
        for (Matrix::InnerIterator it(generator, column); it; ++it)
            if (it.col() != anchor) entries.emplace_back(it.col(), it.row(), it.value());
    entries.emplace_back(anchor, anchor, 1.0);
    Matrix system(n, n);
    system.setFromTriplets(entries.begin(), entries.end());
    system.makeCompressed();

    Eigen::SparseLU<Matrix, Eigen::COLAMDOrdering<int>> lu;
    lu.compute(system);
    if (lu.info() != Eigen::Success)
        throw std::runtime_error("stationaryDistribution: singular system (" +
                                 lu.lastErrorMessage() + "): is the anchor state recurrent?");
    Eigen::VectorXd unit = Eigen::VectorXd::Zero(n);
    unit(anchor) = 1.0;
    const Eigen::VectorXd solution = lu.solve(unit);

    // Transient states come out as 0 up to rounding, which may be a tiny negative.
    std::vector<double> probabilities(static_cast<std::size_t>(n));
    double total = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
        probabilities[static_cast<std::size_t>(i)] = std::max(0.0, solution(i));
        total += probabilities[static_cast<std::size_t>(i)];
    }
    if (!std::isfinite(total) || total <= 0)
        throw std::runtime_error(
            "stationaryDistribution: no finite solution: is the anchor state recurrent?");
    for (double& p : probabilities)
        p /= total;

    // A singular system can still factor, with a pivot of rounding size, and return noise:
    // hold the answer to every balance equation, the anchor's too, against the largest flow.
    const Eigen::Map<const Eigen::VectorXd> pi(probabilities.data(), n);
    const Eigen::VectorXd outRates = generator.diagonal().cwiseAbs();
    const double largestFlow = outRates.cwiseProduct(pi).maxCoeff();
    const double imbalance = (generator.transpose() * pi).cwiseAbs().maxCoeff();
    if (!(imbalance <= kBalanceTolerance * largestFlow))
        throw std::runtime_error("stationaryDistribution: the solution does not balance (" +
                                 std::to_string(imbalance / largestFlow) +
                                 " of the largest flow): is the anchor state recurrent?");
    return probabilities;
}

} // namespace flowcast::analytic
