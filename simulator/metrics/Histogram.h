#pragma once
// Histogram: a streaming, mergeable distribution of non-negative integers, in the spirit of
// HdrHistogram (log-linear buckets). Values are microseconds (SimTime::us, so latencies need no
// conversion); toJson() reports seconds. Each value lands in a bucket: 0..127 µs exactly, above
// that 64 equal buckets per power of two, so a quantile is off by at most 1/128 (0.78 %) of the
// sample it stands for. Counts and the sum are integers: merge() is exact, and any merge order
// or split of the samples gives the same histogram, bucket for bucket. Memory: only the buckets
// between the smallest and the largest sample, never more than kMaxBuckets (29 KiB).
#include "model/asl/Json.h"
#include "simulator/metrics/ExactSum.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace flowcast::sim {

class Histogram {
public:
    /// Buckets that cover 0 .. 2^63 - 1 µs (the whole int64 range).
    static constexpr std::size_t kMaxBuckets = 3712;

    /// Adds `count` samples of `valueUs`; negative values count as 0.
    void add(std::int64_t valueUs, std::uint64_t count = 1) {
        if (count == 0) return;
        const std::uint64_t v = valueUs < 0 ? 0 : static_cast<std::uint64_t>(valueUs);
        const std::size_t index = bucketOf(v);
        if (index - m_offset >= m_counts.size()) cover(index); // also when index < m_offset
        m_counts[index - m_offset] += count;
        if (m_count == 0 || v < m_min) m_min = v;
        if (v > m_max) m_max = v;
        m_count += count;
        m_sum += static_cast<Uint128>(v) * count;
    }
    /// Adds every sample of `other`, exactly.
    void merge(const Histogram& other);

    std::uint64_t count() const { return m_count; }
    bool isEmpty() const { return m_count == 0; }
    /// Sum of the samples in µs (exact internally; rounded to double here).
    double sum() const { return static_cast<double>(m_sum); }
    /// Mean in µs; 0 when empty.
    double mean() const;
    /// Exact smallest and largest sample in µs; 0 when empty.
    std::int64_t min() const { return static_cast<std::int64_t>(m_min); }
    std::int64_t max() const { return static_cast<std::int64_t>(m_max); }
    /// The sample of rank ceil(q·count) (q = 0: the smallest), within 0.78 %, in µs; q is
    /// clamped to [0, 1]; 0 when empty.
    double quantile(double q) const;
    /// Samples above `valueUs`: exact for the buckets wholly above it; the bucket holding it
    /// (at most 0.78 % wide) is not counted.
    std::uint64_t countAbove(std::int64_t valueUs) const;

    /// Buckets held now (the memory used is this × 8 bytes).
    std::size_t bucketCount() const { return m_counts.size(); }

    /// {"count","mean","p50","p90","p95","p99","max"}, times in seconds. With `withBuckets`,
    /// also "minUs", "sumUs" (a string when it exceeds 2^64 - 1) and "buckets": [[lower bound
    /// µs, count], ...] for the non-empty buckets, which is what fromJson() reads back.
    model::Json toJson(bool withBuckets = false) const;
    /// The inverse of toJson(true); throws std::invalid_argument on anything else.
    static Histogram fromJson(const model::Json& json);

    /// Bucket arithmetic, public for tests: the bucket of a value, its bounds in µs.
    static constexpr std::size_t bucketOf(std::uint64_t valueUs) {
        if (valueUs < kLinear) return static_cast<std::size_t>(valueUs);
        const int octave = 63 - __builtin_clzll(valueUs); // ≥ 7
        const auto sub = static_cast<std::size_t>(valueUs >> (octave - kSubBits)) - kSubBuckets;
        return kLinear + static_cast<std::size_t>(octave - 7) * kSubBuckets + sub;
    }
    static std::uint64_t lowerBound(std::size_t bucket);
    static std::uint64_t width(std::size_t bucket);

    friend bool operator==(const Histogram&, const Histogram&) = default;

private:
    static constexpr int kSubBits = 6;
    static constexpr std::size_t kSubBuckets = std::size_t{1} << kSubBits; // per power of two
    static constexpr std::size_t kLinear = 2 * kSubBuckets;                // 0..127 exact

    /// Grows the window of buckets so that it holds `index`.
    void cover(std::size_t index);
    /// The value a bucket stands for: its middle, clamped to the samples' range.
    double representative(std::size_t bucket) const;

    std::size_t m_offset = 0;            ///< bucket index of m_counts[0]
    std::vector<std::uint64_t> m_counts; ///< exactly the buckets from min's to max's
    std::uint64_t m_count = 0;
    Uint128 m_sum = 0;
    std::uint64_t m_min = 0;
    std::uint64_t m_max = 0;
};

} // namespace flowcast::sim
