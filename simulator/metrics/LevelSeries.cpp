#include "simulator/metrics/LevelSeries.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace flowcast::sim {

namespace {

void addBucket(auto& into, const auto& from) {
    into.integral.add(from.integral);
    into.coveredUs += from.coveredUs;
    into.max = std::max(into.max, from.max);
}

} // namespace

LevelSeries::LevelSeries(SimTime bucketWidth, std::size_t maxBuckets)
    : m_baseWidth(bucketWidth), m_width(bucketWidth), m_maxBuckets(maxBuckets) {
    if (bucketWidth.us <= 0 || maxBuckets == 0)
        throw std::invalid_argument("LevelSeries: the bucket width and the cap must be positive");
}

void LevelSeries::set(SimTime t, double value) {
    if (m_finished) throw std::logic_error("LevelSeries::set after finish()");
    if (t < m_last)
        throw std::invalid_argument("LevelSeries::set: time " + formatSimTime(t) +
                                    " is before the previous change at " + formatSimTime(m_last));
    if (!std::isfinite(value))
        throw std::invalid_argument("LevelSeries::set: the level is not finite");
    close(t);
    m_value = value;
}

void LevelSeries::finish(SimTime end) {
    if (m_finished) throw std::logic_error("LevelSeries::finish called twice");
    if (end < m_last)
        throw std::invalid_argument("LevelSeries::finish: end " + formatSimTime(end) +
                                    " is before the last change at " + formatSimTime(m_last));
    close(end);
    m_finished = true;
}

void LevelSeries::close(SimTime until) {
    const std::int64_t from = m_last.us;
    const std::int64_t to = until.us;
    m_last = until;
    if (to <= from) return; // no time passed: the previous value was never held
    while (static_cast<std::uint64_t>((to - 1) / m_width.us) >= m_maxBuckets)
        coarsen();
    const auto first = static_cast<std::size_t>(from / m_width.us);
    const auto last = static_cast<std::size_t>((to - 1) / m_width.us);
    if (m_buckets.size() <= last) m_buckets.resize(last + 1);
    for (std::size_t i = first; i <= last; ++i) {
        const std::int64_t start = static_cast<std::int64_t>(i) * m_width.us;
        const std::int64_t held = std::min(to, start + m_width.us) - std::max(from, start);
        Bucket& bucket = m_buckets[i];
        bucket.integral.add(m_value * static_cast<double>(held));
        bucket.coveredUs += held;
        bucket.max = std::max(bucket.max, m_value);
    }
    m_integral.add(m_value * static_cast<double>(to - from));
    m_observedUs += to - from;
    m_max = std::max(m_max, m_value);
}

void LevelSeries::coarsen() {
    std::vector<Bucket> merged((m_buckets.size() + 1) / 2);
    for (std::size_t i = 0; i < m_buckets.size(); ++i)
        addBucket(merged[i / 2], m_buckets[i]);
    m_buckets = std::move(merged);
    m_width = m_width + m_width;
}

void LevelSeries::merge(const LevelSeries& other) {
    if (!m_finished || !other.m_finished)
        throw std::logic_error("LevelSeries::merge: finish() both series first");
    if (m_baseWidth != other.m_baseWidth || m_maxBuckets != other.m_maxBuckets)
        throw std::invalid_argument("LevelSeries::merge: different bucket widths or caps");
    // Widths are the base width times powers of two: bring both to the coarser one. Each fitted
    // the cap at its own width, so both fit at the coarser one and no further doubling is due.
    LevelSeries copy = other;
    while (copy.m_width < m_width)
        copy.coarsen();
    while (m_width < copy.m_width)
        coarsen();
    if (m_buckets.size() < copy.m_buckets.size()) m_buckets.resize(copy.m_buckets.size());
    for (std::size_t i = 0; i < copy.m_buckets.size(); ++i)
        addBucket(m_buckets[i], copy.m_buckets[i]);
    m_integral.add(copy.m_integral);
    m_observedUs += copy.m_observedUs;
    m_max = std::max(m_max, copy.m_max);
    m_last = std::max(m_last, copy.m_last);
    m_value = 0.0;
}

double LevelSeries::average() const {
    return m_observedUs > 0 ? m_integral.value() / static_cast<double>(m_observedUs) : 0.0;
}

double LevelSeries::bucketMean(std::size_t i) const {
    const Bucket& bucket = m_buckets.at(i);
    return bucket.coveredUs > 0 ? bucket.integral.value() / static_cast<double>(bucket.coveredUs)
                                : 0.0;
}

model::Json LevelSeries::toJson() const {
    model::Json means = model::Json::array();
    model::Json maxes = model::Json::array();
    for (std::size_t i = 0; i < m_buckets.size(); ++i) {
        means.push_back(bucketMean(i));
        maxes.push_back(bucketMax(i));
    }
    model::Json json = model::Json::object();
    json["average"] = average();
    json["max"] = max();
    json["observedSeconds"] = observed().seconds();
    json["bucketSeconds"] = m_width.seconds();
    json["bucketMean"] = std::move(means);
    json["bucketMax"] = std::move(maxes);
    return json;
}

} // namespace flowcast::sim
