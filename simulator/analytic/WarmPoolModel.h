#pragma once
// Steady state of one serverless function's warm pool, after Mahmoudi & Khazaei, "Performance
// Modeling of Serverless Computing Platforms" (IEEE Transactions on Cloud Computing, 2020; their
// reference implementation is pacsltk's perfmodel). A stateless solver: it keeps nothing between
// calls, and its answer depends on the parameters alone.
//
// The model: a birth-death chain over n, the number of instances. With n instances the requests
// see an Erlang loss system with n servers (offered load a = λ × warm service); an arrival that
// finds all n busy is a cold start and adds instance n + 1, at rate λ B(a, n). Instances expire
// through the paper's approximation of the keep-alive (see WarmPoolModel.cpp). At the
// concurrency cap the arrivals that find every instance busy are rejected instead.
#include <vector>

namespace flowcast::analytic {

struct WarmPoolParams {
    double arrivalsPerSecond = 0;  ///< Poisson arrival rate λ, > 0
    double warmServiceSeconds = 0; ///< mean service time of a warm request, > 0
    double coldServiceSeconds = 0; ///< mean service time of a cold request (start + work), > 0
    /// Idle time before an instance expires, > 0. 600 s: the figure of the paper's examples
    /// (pacsltk's and SimFaaS's), measured on AWS Lambda in 2020.
    double keepAliveSeconds = 600;
    /// Most instances at once, 1 .. 1,000,000 (states of the chain). 1,000: AWS Lambda's default
    /// account concurrency quota.
    int maxConcurrency = 1000;
};

/// Running counts cold requests too, and idle is what is left, as SimFaaS and Flowcast's
/// FunctionPool count them (pacsltk's idle and utilisation use warm running only).
struct WarmPoolResult {
    double averageInstances = 0;
    double averageRunning = 0;         ///< busy instances: warm and cold requests in service
    double averageRunningWarm = 0;     ///< warm requests in service only
    double averageIdle = 0;            ///< instances − running
    double utilisation = 0;            ///< running / instances
    double coldStartProbability = 0;   ///< share of all arrivals
    double rejectionProbability = 0;   ///< share of all arrivals, refused at the concurrency cap
    double averageResponseSeconds = 0; ///< over accepted requests

    /// Per state n = 0 .. size − 1: its probability, and the chain's rates out of it (per
    /// second): a cold start (n → n + 1) and an expiration (n → n − 1). States above the last one
    /// hold less than e^-40 of the mass of the likeliest and are left out.
    std::vector<double> probabilities;
    std::vector<double> coldStartRates;
    std::vector<double> expiryRates;
    bool reachesCap = false; ///< the chain runs up to maxConcurrency
};

class WarmPoolModel {
public:
    /// Throws std::invalid_argument naming the first parameter out of range.
    static WarmPoolResult solve(const WarmPoolParams& params);
};

} // namespace flowcast::analytic
