#pragma once
// Erlang's loss and delay formulas, for clusters and concurrency caps: closed forms that the cost
// and comparison code set beside the simulation ("simulation vs theory"). Each is computed by a
// recurrence that stays in [0, 1], so thousands of servers neither overflow nor lose precision.
// Offered load a = λ × mean service time, in Erlangs. Bad arguments throw std::invalid_argument.

namespace flowcast::analytic {

/// Erlang B: the probability that an arrival finds all `servers` busy in an M/G/c/c loss system
/// (blocked arrivals leave). servers >= 0; offeredErlangs finite and >= 0.
double erlangB(int servers, double offeredErlangs);

/// Erlang C: the probability that an arrival waits in an M/M/c queue. servers >= 1; the queue
/// must be stable: 0 <= offeredErlangs < servers.
double erlangC(int servers, double offeredErlangs);

/// M/M/c mean wait in the queue, Wq = C / (c μ − λ), in seconds (service not included).
/// arrivalsPerSecond >= 0, meanServiceSeconds > 0, and λ × service < servers.
double mmcMeanWaitSeconds(int servers, double arrivalsPerSecond, double meanServiceSeconds);

} // namespace flowcast::analytic
