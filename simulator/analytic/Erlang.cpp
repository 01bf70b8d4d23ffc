#include "simulator/analytic/Erlang.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace flowcast::analytic {

namespace {

std::string number(double value) {
    std::string text = std::to_string(value);
    text.erase(text.find_last_not_of('0') + 1);
    if (!text.empty() && text.back() == '.') text.pop_back();
    return text;
}

void requireLoad(const char* function, double offeredErlangs) {
    if (!std::isfinite(offeredErlangs) || offeredErlangs < 0)
        throw std::invalid_argument(std::string(function) +
                                    ": offered load must be finite and >= 0 Erlangs");
}

void requireStable(const char* function, int servers, double offeredErlangs) {
    if (servers < 1) throw std::invalid_argument(std::string(function) + ": servers must be >= 1");
    requireLoad(function, offeredErlangs);
    // At a >= c the queue grows without bound: there is no steady state to report.
    if (offeredErlangs >= servers)
        throw std::invalid_argument(std::string(function) + ": offered load " +
                                    number(offeredErlangs) + " Erlangs is not below the " +
                                    std::to_string(servers) + " servers (the queue is unstable)");
}

} // namespace

double erlangB(int servers, double offeredErlangs) {
    if (servers < 0) throw std::invalid_argument("erlangB: servers must be >= 0");
    requireLoad("erlangB", offeredErlangs);
    // B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)) (e.g. Kleinrock, Queueing Systems vol. 1, 1975):
    // every step stays in [0, 1], unlike a^c / c!, which overflows past c = 170.
    double blocking = 1.0;
    for (int k = 1; k <= servers; ++k)
        blocking = offeredErlangs * blocking / (k + offeredErlangs * blocking);
    return blocking;
}

double erlangC(int servers, double offeredErlangs) {
    requireStable("erlangC", servers, offeredErlangs);
    // C from B (same source): C = c B / (c − a (1 − B)), positive whenever a < c.
    const double blocking = erlangB(servers, offeredErlangs);
    return servers * blocking / (servers - offeredErlangs * (1.0 - blocking));
}

double mmcMeanWaitSeconds(int servers, double arrivalsPerSecond, double meanServiceSeconds) {
    if (!std::isfinite(arrivalsPerSecond) || arrivalsPerSecond < 0)
        throw std::invalid_argument(
            "mmcMeanWaitSeconds: arrival rate must be finite and >= 0 per second");
    if (!std::isfinite(meanServiceSeconds) || meanServiceSeconds <= 0)
        throw std::invalid_argument(
            "mmcMeanWaitSeconds: mean service time must be finite and > 0 seconds");
    const double offered = arrivalsPerSecond * meanServiceSeconds;
    requireStable("mmcMeanWaitSeconds", servers, offered);
    // Wq = C / (c μ − λ) = C × service / (c − a).
    return erlangC(servers, offered) * meanServiceSeconds / (servers - offered);
}

} // namespace flowcast::analytic
