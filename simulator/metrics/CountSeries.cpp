#include "simulator/metrics/CountSeries.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace flowcast::sim {

CountSeries::CountSeries(std::size_t channels, SimTime bucketWidth, std::size_t maxBuckets)
    : m_channels(channels), m_baseWidth(bucketWidth), m_width(bucketWidth),
      m_maxBuckets(maxBuckets) {
    if (channels == 0 || bucketWidth.us <= 0 || maxBuckets == 0)
        throw std::invalid_argument(
            "CountSeries: the channels, the bucket width and the cap must be positive");
}

void CountSeries::add(std::size_t channel, SimTime t, std::uint64_t n) {
    if (m_finished) throw std::logic_error("CountSeries::add after finish()");
    if (channel >= m_channels) throw std::out_of_range("CountSeries::add: no such channel");
    if (t.us < 0) throw std::invalid_argument("CountSeries::add: negative time");
    while (static_cast<std::uint64_t>(t.us / m_width.us) >= m_maxBuckets)
        coarsen();
    const auto bucket = static_cast<std::size_t>(t.us / m_width.us);
    grow(bucket + 1);
    at(channel, bucket) += n;
}

void CountSeries::finish(SimTime end) {
    if (m_finished) throw std::logic_error("CountSeries::finish called twice");
    if (end.us > 0) {
        while (static_cast<std::uint64_t>((end.us - 1) / m_width.us) >= m_maxBuckets)
            coarsen();
        grow(static_cast<std::size_t>((end.us - 1) / m_width.us) + 1);
    }
    for (std::size_t i = 0; i < m_covered.size(); ++i) {
        const std::int64_t start = static_cast<std::int64_t>(i) * m_width.us;
        m_covered[i] = std::clamp<std::int64_t>(end.us - start, 0, m_width.us);
    }
    // Events at exactly `end` on a bucket boundary (the last execution ending the run) would
    // sit in a bucket the run never covered: they count in the bucket that ends there.
    const auto atEnd = static_cast<std::size_t>(end.us / m_width.us);
    if (end.us > 0 && end.us % m_width.us == 0 && atEnd < m_covered.size()) {
        for (std::size_t c = 0; c < m_channels; ++c)
            at(c, atEnd - 1) += at(c, atEnd);
        m_covered.resize(atEnd);
        m_counts.resize(atEnd * m_channels);
    }
    m_finished = true;
}

void CountSeries::grow(std::size_t buckets) {
    if (m_covered.size() >= buckets) return;
    m_covered.resize(buckets, 0);
    m_counts.resize(buckets * m_channels, 0);
}

void CountSeries::coarsen() {
    const std::size_t halves = (m_covered.size() + 1) / 2;
    std::vector<std::uint64_t> counts(halves * m_channels, 0);
    std::vector<std::int64_t> covered(halves, 0);
    for (std::size_t i = 0; i < m_covered.size(); ++i) {
        covered[i / 2] += m_covered[i];
        for (std::size_t c = 0; c < m_channels; ++c)
            counts[(i / 2) * m_channels + c] += at(c, i);
    }
    m_counts = std::move(counts);
    m_covered = std::move(covered);
    m_width = m_width + m_width;
}

void CountSeries::merge(const CountSeries& other) {
    if (m_finished != other.m_finished)
        throw std::logic_error("CountSeries::merge: finish() both series or neither");
    if (m_channels != other.m_channels || m_baseWidth != other.m_baseWidth ||
        m_maxBuckets != other.m_maxBuckets)
        throw std::invalid_argument("CountSeries::merge: different channels, widths or caps");
    // Widths are the base width times powers of two: bring both to the coarser one; each fitted
    // the cap at its own width, so both fit at the coarser one.
    CountSeries copy = other;
    while (copy.m_width < m_width)
        copy.coarsen();
    while (m_width < copy.m_width)
        coarsen();
    grow(copy.m_covered.size());
    for (std::size_t i = 0; i < copy.m_covered.size(); ++i) {
        m_covered[i] += copy.m_covered[i];
        for (std::size_t c = 0; c < m_channels; ++c)
            at(c, i) += copy.m_counts[i * m_channels + c];
    }
}

std::uint64_t CountSeries::count(std::size_t channel, std::size_t bucket) const {
    if (channel >= m_channels) throw std::out_of_range("CountSeries::count: no such channel");
    return m_counts.at(bucket * m_channels + channel);
}

std::uint64_t CountSeries::total(std::size_t channel) const {
    std::uint64_t sum = 0;
    for (std::size_t i = 0; i < m_covered.size(); ++i)
        sum += count(channel, i);
    return sum;
}

double CountSeries::ratePerSecond(std::size_t channel, std::size_t bucket) const {
    const std::int64_t covered = coveredUs(bucket);
    return covered > 0
               ? static_cast<double>(count(channel, bucket)) * 1e6 / static_cast<double>(covered)
               : 0.0;
}

model::Json CountSeries::toJson(const std::vector<std::string_view>& names) const {
    if (names.size() != m_channels)
        throw std::invalid_argument("CountSeries::toJson: one name per channel");
    model::Json covered = model::Json::array();
    for (const std::int64_t us : m_covered)
        covered.push_back(SimTime{us}.seconds());
    model::Json json = model::Json::object();
    json["bucketSeconds"] = m_width.seconds();
    json["coveredSeconds"] = std::move(covered);
    for (std::size_t c = 0; c < m_channels; ++c) {
        model::Json channel = model::Json::array();
        for (std::size_t i = 0; i < m_covered.size(); ++i)
            channel.push_back(count(c, i));
        json[std::string(names[c])] = std::move(channel);
    }
    return json;
}

} // namespace flowcast::sim
