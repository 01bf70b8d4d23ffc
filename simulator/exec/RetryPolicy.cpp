#include "simulator/exec/RetryPolicy.h"

#include <algorithm>
#include <cmath>

namespace flowcast::sim {

bool errorMatches(const std::vector<std::string>& errorEquals, std::string_view error) {
    if (error == "States.Runtime") return false;
    // AWS, "Error names": States.ALL "can't catch the States.DataLimitExceeded terminal error
    // type and runtime error types"; only its own name does.
    const bool wildcards = error != "States.DataLimitExceeded";
    return std::any_of(errorEquals.begin(), errorEquals.end(), [&](const std::string& name) {
        return name == error || (wildcards && name == "States.ALL") ||
               (wildcards && name == "States.TaskFailed" && error != "States.Timeout");
    });
}

SimTime retryDelay(const model::Retrier& retrier, int retriesDone, RandomStream& jitter) {
    // Retry: BackoffRate applies from the second attempt on (retry #1 waits IntervalSeconds).
    double seconds = retrier.intervalSeconds * std::pow(retrier.backoffRate, retriesDone);
    if (retrier.maxDelaySeconds)
        seconds = std::min(seconds, static_cast<double>(*retrier.maxDelaySeconds));
    if (retrier.fullJitter) seconds *= jitter.uniform();
    return SimTime::fromSeconds(seconds);
}

} // namespace flowcast::sim
