#include "simulator/core/Billing.h"

#include <algorithm>
#include <cmath>

namespace flowcast::sim {

double billedMilliseconds(const model::RequestRules& rules, SimTime duration) {
    using model::Measure;
    const std::int64_t us = std::max<std::int64_t>(duration.us, 0);
    const auto step = rules.step(Measure::DurationMs);
    // Virtual time is whole microseconds, and so is every step a price book gives (1 ms,
    // 100 ms, 1 s): rounding in integers needs none of the tolerance RequestRules::billed allows
    // for measured doubles, whose relative slack would swallow a microsecond past a boundary
    // in an hour-long run. A step that is not whole microseconds takes the double path.
    const double stepUs = step ? *step * 1000.0 : 0;
    if (step && stepUs >= 1 && stepUs <= 1e15 && stepUs == std::floor(stepUs)) {
        const auto s = static_cast<std::int64_t>(stepUs);
        double ms = static_cast<double>((us + s - 1) / s * s) / 1000.0;
        if (const auto floor = rules.minimum(Measure::DurationMs)) ms = std::max(ms, *floor);
        return ms;
    }
    return rules.billed(Measure::DurationMs, static_cast<double>(us) / 1000.0);
}

} // namespace flowcast::sim
