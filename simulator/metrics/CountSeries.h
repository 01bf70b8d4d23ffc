#pragma once
// CountSeries: how many times each of a few things happened per bucket of virtual time
// (executions started, ended, retries, throttles...), for plots of rates over a run. Buckets are
// [i·w, (i+1)·w); when a run outgrows maxBuckets, w doubles and pairs of buckets merge, so memory
// is bounded whatever the horizon (the LevelSeries rule). finish(end) records how much of each
// bucket the run covered, so a rate is a count over covered time even for the last, partial
// bucket and for merged runs of different lengths. Counts are integers: merge() is exact.
#include "model/asl/Json.h"
#include "simulator/core/SimTime.h"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace flowcast::sim {

class CountSeries {
public:
    /// Throws std::invalid_argument unless channels, bucketWidth and maxBuckets are positive.
    CountSeries(std::size_t channels, SimTime bucketWidth, std::size_t maxBuckets);

    /// Counts `n` events of `channel` at `t` (≥ 0; any order). Throws std::out_of_range for a
    /// channel outside the series, std::logic_error after finish().
    void add(std::size_t channel, SimTime t, std::uint64_t n = 1);
    /// The run covered [0, end]: the buckets up to `end` count as observed (an event at exactly
    /// `end` counts in the bucket that ends there). Read-only after.
    void finish(SimTime end);
    bool isFinished() const { return m_finished; }
    /// Adds another run of the same series (same channels, width and cap; both finished, or
    /// neither: counts merged without covered time).
    /// Throws std::invalid_argument or std::logic_error otherwise.
    void merge(const CountSeries& other);

    std::size_t channels() const { return m_channels; }
    SimTime bucketWidth() const { return m_width; }
    std::size_t bucketCount() const { return m_covered.size(); }
    std::uint64_t count(std::size_t channel, std::size_t bucket) const;
    std::uint64_t total(std::size_t channel) const;
    /// Time the runs covered in a bucket, summed over merged runs (µs).
    std::int64_t coveredUs(std::size_t bucket) const { return m_covered.at(bucket); }
    /// Events a second in a bucket: its count over its covered time; 0 for an uncovered one.
    double ratePerSecond(std::size_t channel, std::size_t bucket) const;

    /// {"bucketSeconds", "coveredSeconds": [per bucket], names[c]: [per bucket], ...}; one
    /// name per channel.
    model::Json toJson(const std::vector<std::string_view>& names) const;

    friend bool operator==(const CountSeries&, const CountSeries&) = default;

private:
    std::uint64_t& at(std::size_t channel, std::size_t bucket) {
        return m_counts[bucket * m_channels + channel];
    }
    void grow(std::size_t buckets);
    void coarsen();

    std::size_t m_channels;
    SimTime m_baseWidth;
    SimTime m_width;
    std::size_t m_maxBuckets;
    std::vector<std::uint64_t> m_counts; ///< bucket-major: m_channels counts per bucket
    std::vector<std::int64_t> m_covered; ///< per bucket, filled by finish()
    bool m_finished = false;
};

} // namespace flowcast::sim
