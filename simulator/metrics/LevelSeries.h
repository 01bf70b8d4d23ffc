#pragma once
// LevelSeries: a piecewise-constant level over virtual time (instances, busy instances, queue
// length), kept as its time-weighted average, its maximum and a downsampled series for plots.
// The level is 0 from t = 0 until the first set(); set() times never go back; finish(end) closes
// the last interval. Only values held for some time count: several changes at one instant are
// one change (a job queued and served at the same microsecond never made the queue 1 long).
// Buckets are [i·w, (i+1)·w); when a run outgrows maxBuckets, w doubles and pairs of buckets
// merge, so memory is bounded whatever the horizon. Integrals are ExactSums: merge() is exact and
// order-independent.
#include "model/asl/Json.h"
#include "simulator/core/SimTime.h"
#include "simulator/metrics/ExactSum.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace flowcast::sim {

class LevelSeries {
public:
    static constexpr SimTime kDefaultBucketWidth{60'000'000}; // one minute
    static constexpr std::size_t kDefaultMaxBuckets = 1024;

    /// Throws std::invalid_argument unless bucketWidth > 0 and maxBuckets ≥ 1.
    explicit LevelSeries(SimTime bucketWidth = kDefaultBucketWidth,
                         std::size_t maxBuckets = kDefaultMaxBuckets);

    /// The level is `value` (finite) from `t` on. Throws std::invalid_argument when t is before
    /// the previous set() (or negative), std::logic_error after finish().
    void set(SimTime t, double value);
    /// Closes the last interval at `end` (≥ the last set()); the series is then read-only.
    void finish(SimTime end);
    bool isFinished() const { return m_finished; }

    /// Merges another replication of the same series (same time origin). Both must be finished
    /// and built with the same bucket width and cap. The result covers the sum of the observed
    /// times: average() becomes the average of the runs' averages weighted by their observed
    /// time, each bucket's mean the mean over the runs that reached it, max the largest.
    void merge(const LevelSeries& other);

    /// Time-weighted average over the observed time; 0 when nothing was observed.
    double average() const;
    /// Largest level held for some time; 0 when nothing was observed.
    double max() const { return m_observedUs > 0 ? m_max : 0.0; }
    /// The level now (until finish(); 0 after a merge).
    double value() const { return m_value; }
    /// Time covered by closed intervals (summed over merged runs).
    SimTime observed() const { return {m_observedUs}; }

    SimTime bucketWidth() const { return m_width; }
    std::size_t bucketCount() const { return m_buckets.size(); }
    /// Bucket i's time-weighted mean and largest level.
    double bucketMean(std::size_t i) const;
    double bucketMax(std::size_t i) const { return m_buckets.at(i).max; }

    /// {"average", "max", "observedSeconds", "bucketSeconds", "bucketMean": [...],
    ///  "bucketMax": [...]}; bucket k starts at k × bucketSeconds.
    model::Json toJson() const;

    friend bool operator==(const LevelSeries&, const LevelSeries&) = default;

private:
    struct Bucket {
        ExactSum integral;          ///< level × µs
        std::int64_t coveredUs = 0; ///< time observed in this bucket (summed over runs)
        double max = std::numeric_limits<double>::lowest();
        friend bool operator==(const Bucket&, const Bucket&) = default;
    };

    /// Accounts the current level over [m_last, until).
    void close(SimTime until);
    /// Doubles the bucket width, merging pairs of buckets.
    void coarsen();

    SimTime m_baseWidth;
    SimTime m_width;
    std::size_t m_maxBuckets;
    SimTime m_last;
    double m_value = 0.0;
    bool m_finished = false;
    ExactSum m_integral; ///< level × µs over all observed time
    std::int64_t m_observedUs = 0;
    double m_max = std::numeric_limits<double>::lowest();
    std::vector<Bucket> m_buckets;
};

} // namespace flowcast::sim
