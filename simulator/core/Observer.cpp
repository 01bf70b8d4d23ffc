#include "simulator/core/Observer.h"

#include <array>

namespace flowcast::sim {

namespace {

// In UsageKind order; the names are the keys of usage in results JSON and price books.
constexpr std::array<std::string_view, static_cast<std::size_t>(UsageKind::Count_)> kUsageNames = {
    "requests",         "gbSecondsRaw",         "gbSecondsBilled",      "initSeconds",
    "dpuSeconds",       "nodeSecondsBusy",      "nodeSecondsIdle",      "provisioningSeconds",
    "bytesScanned",     "bytesBilled",          "vcpuSeconds",          "memoryGbSeconds",
    "storageGbSeconds", "nodeSecondsBilledEc2", "nodeSecondsBilledEmr",
};

} // namespace

std::string_view usageKindName(UsageKind kind) {
    const auto index = static_cast<std::size_t>(kind);
    return index < kUsageNames.size() ? kUsageNames[index] : std::string_view{};
}

} // namespace flowcast::sim
