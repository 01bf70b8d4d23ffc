#include "model/pricing/PriceItem.h"

#include <algorithm>
#include <cmath>

namespace flowcast::model {

std::string_view measureKey(Measure measure) {
    switch (measure) {
    case Measure::DurationMs:
        return "durationMs";
    case Measure::MemoryMb:
        return "memoryMb";
    case Measure::DataKb:
        return "dataKb";
    case Measure::DataMb:
        return "dataMb";
    }
    return "";
}

bool RequestRules::isEmpty() const {
    for (Measure m : kMeasures)
        if (step(m) || minimum(m)) return false;
    return true;
}

double RequestRules::billed(Measure m, double actual) const {
    double value = actual;
    if (const auto s = step(m)) {
        // A measured 300 ms can arrive as 300.0000000001 after unit conversions; one part in a
        // billion below the step boundary still counts as on it, so it bills 300, not 400.
        const double steps = actual / *s;
        value = std::ceil(steps - 1e-9 * std::max(1.0, steps)) * *s;
        value = std::max(value, 0.0);
    }
    if (const auto floor = minimum(m)) value = std::max(value, *floor);
    return value;
}

} // namespace flowcast::model
