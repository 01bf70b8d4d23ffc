#include "simulator/cost/BreakEven.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace flowcast::cost {

using model::Json;

std::vector<double> logGrid(double from, double to, int points) {
    if (!(from > 0) || !(to >= from) || points < 1)
        throw std::invalid_argument("a sweep needs 0 < from <= to and at least one point");
    if (points == 1 || to == from) return {from};
    std::vector<double> grid;
    const double step = (std::log(to) - std::log(from)) / (points - 1);
    for (int i = 0; i < points; ++i)
        grid.push_back(i == points - 1 ? to : std::exp(std::log(from) + step * i));
    return grid;
}

bool sweepsRecords(const model::Scenario& scenario) {
    return scenario.section("workload").contains("stream");
}

model::Scenario atDailyRate(const model::Scenario& scenario, double perDay) {
    Json document = scenario.document;
    Json& workload = document["workload"];
    if (workload.contains("stream")) {
        Json& stream = workload["stream"];
        stream.erase("profile");
        stream["recordsPerSecond"] = perDay / 86'400.0;
    } else {
        Json swept = Json::object();
        swept["poisson"] = Json{{"ratePerDay", perDay}};
        for (const char* keep : {"input", "start", "end", "recordsPerExecution"})
            if (workload.contains(keep)) swept[keep] = workload[keep];
        workload = std::move(swept);
    }
    model::Scenario out = model::Scenario::fromJson(std::move(document), scenario.file);
    out.definition = scenario.definition;
    return out;
}

std::vector<double> firstFailingRates(const std::vector<SweepPoint>& points,
                                      double maxFailureRate) {
    std::vector<double> out(points.empty() ? 0 : points.front().failureRate.size(), -1.0);
    for (const SweepPoint& p : points)
        for (std::size_t i = 0; i < out.size(); ++i)
            if (out[i] < 0 && p.failureRate[i] > maxFailureRate) out[i] = p.perDay;
    return out;
}

std::optional<Crossing> matchingCrossing(const Crossing& found,
                                         const std::vector<Crossing>& predicted) {
    std::optional<Crossing> best;
    const auto distance = [&](const Crossing& c) {
        return std::abs(std::log(c.perDay) - std::log(found.perDay));
    };
    for (const Crossing& c : predicted)
        if (c.cheaperBelow == found.cheaperBelow && c.cheaperAbove == found.cheaperAbove &&
            (!best || distance(c) < distance(*best)))
            best = c;
    return best;
}

std::vector<Crossing> crossings(const std::vector<SweepPoint>& points, double maxFailureRate) {
    std::vector<Crossing> out;
    if (points.empty()) return out;
    const std::size_t n = points.front().monthlyUsd.size();
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = a + 1; b < n; ++b)
            for (std::size_t k = 0; k + 1 < points.size(); ++k) {
                const auto fails = [&](std::size_t at) {
                    return at < points.size() && (points[at].failureRate[a] > maxFailureRate ||
                                                  points[at].failureRate[b] > maxFailureRate);
                };
                if (fails(k) || fails(k + 1)) continue;
                const double d0 = points[k].monthlyUsd[a] - points[k].monthlyUsd[b];
                const double d1 = points[k + 1].monthlyUsd[a] - points[k + 1].monthlyUsd[b];
                if (d0 == 0 || (d1 != 0 && (d0 < 0) == (d1 < 0))) continue;
                if (d1 == 0) { // equal at the point: a crossing only if the order flips there
                    const bool last = k + 2 >= points.size();
                    const double d2 =
                        last ? 0 : points[k + 2].monthlyUsd[a] - points[k + 2].monthlyUsd[b];
                    if (!last && (d2 == 0 || (d2 < 0) == (d0 < 0))) continue;
                    if (last) continue;
                    out.push_back({points[k + 1].perDay, d0 < 0 ? a : b, d0 < 0 ? b : a});
                    continue;
                }
                const double x0 = std::log(points[k].perDay);
                const double x1 = std::log(points[k + 1].perDay);
                const double x = x0 + (x1 - x0) * d0 / (d0 - d1);
                out.push_back({std::exp(x), d0 < 0 ? a : b, d0 < 0 ? b : a});
            }
    std::sort(out.begin(), out.end(),
              [](const Crossing& l, const Crossing& r) { return l.perDay < r.perDay; });
    return out;
}

} // namespace flowcast::cost
