#pragma once
// One AWS account's Lambda concurrency in one region, shared by the simulation's function pools:
// `limit` in-flight invocations in all (1,000 by default: AWS Lambda docs, "Lambda concurrency",
// REFERENCE-DATA). Functions with reserved concurrency set their share aside; every other
// function draws from the rest (the unreserved pool) first come, first served, and provisioned
// environments of such functions hold their units for the whole run (AWS: ClaimedAccountConcurrency
// = unreserved in use + reserved + provisioned). Owned by the simulation; pools hold a reference.
#include <stdexcept>

namespace flowcast::sim {

class ConcurrencyAccount {
public:
    static constexpr int kDefaultLimit = 1000;
    /// AWS lets reservations (and provisioned concurrency) leave no fewer than this unreserved
    /// ("You can reserve up to the Unreserved account concurrency value ... minus 100").
    static constexpr int kMinimumUnreserved = 100;

    explicit ConcurrencyAccount(int limit = kDefaultLimit) : m_limit(limit) {
        if (limit < 0) throw std::invalid_argument("ConcurrencyAccount: negative limit");
    }

    int limit() const { return m_limit; }
    int reserved() const { return m_reserved; }
    /// What functions without reserved concurrency share: limit - reserved.
    int unreservedLimit() const { return m_limit - m_reserved; }
    int unreservedInUse() const { return m_unreservedInUse; }
    int unreservedFree() const { return unreservedLimit() - m_unreservedInUse; }

    /// Sets `n` aside for one function; false (and nothing changes) when the free unreserved
    /// units cannot give it.
    bool reserve(int n) {
        if (n < 0 || n > unreservedFree()) return false;
        m_reserved += n;
        return true;
    }
    /// One more unreserved unit in use; false at the limit.
    bool tryAcquire() {
        if (m_unreservedInUse >= unreservedLimit()) return false;
        ++m_unreservedInUse;
        return true;
    }
    void release() {
        if (m_unreservedInUse > 0) --m_unreservedInUse;
    }

private:
    int m_limit;
    int m_reserved = 0;
    int m_unreservedInUse = 0;
};

} // namespace flowcast::sim
