#include "simulator/cost/SweepPlacement.h"

#include "simulator/cost/BreakEven.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace flowcast::cost {

namespace {

// The model on the dense grid, rate by rate; a deployment that does not keep up has no cost.
struct DenseCurves {
    double u0 = 0, width = 0, step = 0; ///< log(from), log(to / from), the grid's step
    std::vector<double> rates;
    std::vector<std::vector<double>> costs; ///< [rate][deployment]
    bool valid(std::size_t j, std::size_t d) const { return std::isfinite(costs[j][d]); }
};

DenseCurves evaluate(double from, double to, int dense, const CostCurves& model) {
    DenseCurves c;
    c.u0 = std::log(from);
    c.width = std::log(to) - c.u0;
    c.step = c.width / (dense - 1);
    for (int j = 0; j < dense; ++j) {
        const double rate = j == 0 ? from : j == dense - 1 ? to : std::exp(c.u0 + c.step * j);
        c.rates.push_back(rate);
        c.costs.push_back(model(rate));
        if (c.costs.back().size() != c.costs.front().size())
            throw std::invalid_argument("the cost model changed its number of deployments");
    }
    return c;
}

std::vector<Crossing> predictedCrossings(const DenseCurves& c) {
    std::vector<SweepPoint> points;
    for (std::size_t j = 0; j < c.rates.size(); ++j) {
        SweepPoint p{c.rates[j], {}, {}};
        for (std::size_t d = 0; d < c.costs[j].size(); ++d) {
            p.monthlyUsd.push_back(c.valid(j, d) ? c.costs[j][d] : 0.0);
            p.failureRate.push_back(c.valid(j, d) ? 0.0 : 1.0);
        }
        points.push_back(std::move(p));
    }
    // Two curves within 0.5 % of each other on both sides of a crossing (a cluster that only
    // autoscales above some rate against the same cluster always on) do not cross: they touch
    // and part. Nothing there to bracket or to report.
    std::vector<Crossing> found = crossings(points, 0.5);
    const auto close = [&c](std::size_t j, const Crossing& x) {
        const double a = c.costs[j][x.cheaperBelow], b = c.costs[j][x.cheaperAbove];
        return std::abs(a - b) <= 0.005 * std::max(std::abs(a), std::abs(b));
    };
    std::erase_if(found, [&](const Crossing& x) {
        const auto above = std::lower_bound(c.rates.begin(), c.rates.end(), x.perDay);
        const std::size_t j = above == c.rates.end()
                                  ? c.rates.size() - 1
                                  : static_cast<std::size_t>(above - c.rates.begin());
        const std::size_t below = j == 0 ? 0 : j - 1;
        return close(below, x) && close(j, x);
    });
    return found;
}

// Where a curve starts or stops being defined: between the two dense rates around the change.
std::vector<double> predictedLimits(const DenseCurves& c) {
    std::vector<double> out;
    for (std::size_t j = 0; j + 1 < c.rates.size(); ++j)
        for (std::size_t d = 0; d < c.costs[j].size(); ++d)
            if (c.valid(j, d) != c.valid(j + 1, d))
                out.push_back(std::sqrt(c.rates[j] * c.rates[j + 1]));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// The model is a guess: a pilot-fitted curve can put a crossing a quarter off (the flagship's
// were 15 % and 30 % off). Points gather around each predicted event within about that much.
constexpr double kEventSpread = 0.25; // in log(rate): a factor of 1.28

// The cumulative placement density at each dense rate: equal parts even in log(rate), where
// log(cost + floor) turns, and around the predicted events (crossings, limits; `events` in
// log(rate / from)); a part that is empty (straight curves, no event) is left out. The floor (a
// thousandth of the largest cost) keeps a free tier's zero cost finite, so the rate where a curve
// rises off it counts as a bend.
std::vector<double> cumulativeDensity(const DenseCurves& c, int points,
                                      const std::vector<double>& events) {
    const std::size_t n = c.rates.size();
    double largest = 0;
    for (const auto& row : c.costs)
        for (double usd : row)
            if (std::isfinite(usd)) largest = std::max(largest, usd);
    const double floorUsd = largest > 0 ? largest * 1e-3 : 1.0;
    std::vector<double> turning(n, 0.0);
    for (std::size_t j = 1; j + 1 < n; ++j)
        for (std::size_t d = 0; d < c.costs[j].size(); ++d) {
            if (!c.valid(j - 1, d) || !c.valid(j, d) || !c.valid(j + 1, d)) continue;
            const auto y = [&](std::size_t k) { return std::log(c.costs[k][d] + floorUsd); };
            turning[j] += std::abs(y(j + 1) - 2 * y(j) + y(j - 1)) / c.step;
        }
    // A kink turns within one dense step: spread it over half an even step either side, so
    // that several points can land around it rather than on one spot.
    const int half = std::max(1, static_cast<int>(std::lround((n - 1.0) / (points - 1) / 2)));
    std::vector<double> smooth(n, 0.0);
    for (std::size_t j = 0; j < n; ++j) {
        double sum = 0, weights = 0;
        for (int k = -half; k <= half; ++k) {
            const long at = static_cast<long>(j) + k;
            if (at < 0 || at >= static_cast<long>(n)) continue;
            const double w = half + 1.0 - std::abs(k);
            sum += w * turning[static_cast<std::size_t>(at)];
            weights += w;
        }
        smooth[j] = sum / weights;
    }
    double total = 0;
    for (std::size_t j = 0; j + 1 < n; ++j)
        total += c.step * (smooth[j] + smooth[j + 1]) / 2;
    std::vector<double> near(n, 0.0);
    for (std::size_t j = 0; j < n; ++j)
        for (double e : events) {
            const double z = (c.step * static_cast<double>(j) - e) / kEventSpread;
            near[j] += std::exp(-z * z / 2);
        }
    double nearTotal = 0;
    for (std::size_t j = 0; j + 1 < n; ++j)
        nearTotal += c.step * (near[j] + near[j + 1]) / 2;
    const double parts = 1.0 + (total > 0 ? 1 : 0) + (nearTotal > 0 ? 1 : 0);
    std::vector<double> density(n);
    for (std::size_t j = 0; j < n; ++j)
        density[j] = (1.0 / c.width + (total > 0 ? smooth[j] / total : 0) +
                      (nearTotal > 0 ? near[j] / nearTotal : 0)) /
                     parts;
    std::vector<double> cumulative(n, 0.0);
    for (std::size_t j = 1; j < n; ++j)
        cumulative[j] = cumulative[j - 1] + c.step * (density[j - 1] + density[j]) / 2;
    return cumulative;
}

// The cumulative density at u (log(rate / from)), and its inverse, by linear interpolation.
double cumulativeAt(const std::vector<double>& f, double step, double u) {
    const double at = std::clamp(u / step, 0.0, static_cast<double>(f.size() - 1));
    const auto k = std::min(static_cast<std::size_t>(at), f.size() - 2);
    return f[k] + (f[k + 1] - f[k]) * (at - static_cast<double>(k));
}

double inverseAt(const std::vector<double>& f, double step, double share) {
    const auto it = std::upper_bound(f.begin(), f.end(), share);
    const std::size_t k =
        std::clamp<std::size_t>(static_cast<std::size_t>(it - f.begin()), 1, f.size() - 1) - 1;
    const double t = f[k + 1] > f[k] ? (share - f[k]) / (f[k + 1] - f[k]) : 0;
    return step * (static_cast<double>(k) + std::clamp(t, 0.0, 1.0));
}

double roundSignificant(double value, int digits) {
    const double scale = std::pow(10.0, digits - 1 - std::floor(std::log10(value)));
    return std::round(value * scale) / scale;
}

} // namespace

std::string sweepPlacementName(SweepPlacement placement) {
    return placement == SweepPlacement::Adaptive ? "adaptive" : "even";
}

std::optional<SweepPlacement> sweepPlacementFromName(const std::string& name) {
    if (name == "even") return SweepPlacement::Even;
    if (name == "adaptive") return SweepPlacement::Adaptive;
    return std::nullopt;
}

SweepPlacement defaultSweepPlacement(int points) {
    return points >= 5 ? SweepPlacement::Adaptive : SweepPlacement::Even;
}

PlacedGrid placeSweepPoints(double from, double to, int points, const CostCurves& model,
                            int dense) {
    if (!(from > 0) || !(to > from) || points < 2 || dense < 3 || !std::isfinite(to))
        throw std::invalid_argument("adaptive placement needs 0 < from < to, at least two points "
                                    "and three model evaluations");
    const DenseCurves c = evaluate(from, to, dense, model);
    PlacedGrid out;
    out.predicted = predictedCrossings(c);
    for (const Crossing& x : out.predicted)
        out.predictedCrossings.push_back(x.perDay);
    out.predictedLimits = predictedLimits(c);
    if (points == 2) {
        out.grid = {from, to};
        return out;
    }
    // Anchors, in log(rate / from): the ends, then a bracket around each predicted crossing and
    // limit while the budget lasts (crossings first: they are what the sweep reports).
    const double tolerance = 1e-6 * c.width;
    const double delta = c.width / (points - 1) / 4;
    std::vector<double> anchors{0.0, c.width};
    std::vector<double> events;
    for (double r : out.predictedCrossings)
        events.push_back(std::log(r) - c.u0);
    for (double r : out.predictedLimits)
        events.push_back(std::log(r) - c.u0);
    for (double u : events) {
        std::vector<double> added;
        for (double b : {u - delta, u + delta}) {
            const bool near = std::any_of(anchors.begin(), anchors.end(),
                                          [&](double a) { return std::abs(a - b) <= tolerance; });
            if (b > tolerance && b < c.width - tolerance && !near) added.push_back(b);
        }
        if (anchors.size() + added.size() > static_cast<std::size_t>(points)) break;
        anchors.insert(anchors.end(), added.begin(), added.end());
    }
    std::sort(anchors.begin(), anchors.end());
    // The other points go to the gaps between anchors in proportion to the density each holds
    // (largest remainders, ties to the lower rate), equally spaced in density within a gap.
    const std::vector<double> f = cumulativeDensity(c, points, events);
    const std::size_t free = static_cast<std::size_t>(points) - anchors.size();
    std::vector<double> mass;
    for (std::size_t g = 0; g + 1 < anchors.size(); ++g)
        mass.push_back(cumulativeAt(f, c.step, anchors[g + 1]) -
                       cumulativeAt(f, c.step, anchors[g]));
    const double totalMass = f.back();
    std::vector<std::size_t> count(mass.size());
    std::vector<std::pair<double, std::size_t>> remainders;
    std::size_t given = 0;
    for (std::size_t g = 0; g < mass.size(); ++g) {
        const double quota = static_cast<double>(free) * mass[g] / totalMass;
        count[g] = static_cast<std::size_t>(std::floor(quota));
        given += count[g];
        remainders.emplace_back(quota - std::floor(quota), g);
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& l, const auto& r) { return l.first > r.first; });
    for (std::size_t i = 0; given < free && i < remainders.size(); ++i, ++given)
        ++count[remainders[i].second];
    std::vector<double> u = anchors;
    for (std::size_t g = 0; g < mass.size(); ++g) {
        const double f0 = cumulativeAt(f, c.step, anchors[g]);
        for (std::size_t i = 1; i <= count[g]; ++i)
            u.push_back(inverseAt(f, c.step,
                                  f0 + mass[g] * static_cast<double>(i) /
                                           static_cast<double>(count[g] + 1)));
    }
    std::sort(u.begin(), u.end());
    out.grid.push_back(from);
    for (std::size_t i = 1; i + 1 < u.size(); ++i) {
        const double exact = std::exp(c.u0 + u[i]);
        const double next = std::exp(c.u0 + u[i + 1]);
        const double rounded = roundSignificant(exact, 4);
        out.grid.push_back(rounded > out.grid.back() && rounded < next ? rounded : exact);
    }
    out.grid.push_back(to);
    return out;
}

} // namespace flowcast::cost
