#include "simulator/metrics/Histogram.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace flowcast::sim {

static_assert(Histogram::bucketOf(std::numeric_limits<std::int64_t>::max()) + 1 ==
              Histogram::kMaxBuckets);

namespace {

constexpr double kUsPerSecond = 1e6;

std::string toDecimal(Uint128 value) {
    std::string digits;
    do {
        digits.push_back(static_cast<char>('0' + static_cast<int>(value % 10)));
        value /= 10;
    } while (value != 0);
    return {digits.rbegin(), digits.rend()};
}

Uint128 fromDecimal(const std::string& text) {
    if (text.empty() || text.size() > 39) throw std::invalid_argument("Histogram: bad sumUs");
    Uint128 value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') throw std::invalid_argument("Histogram: bad sumUs");
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    return value;
}

std::uint64_t readCount(const model::Json& json, const char* key) {
    const auto it = json.find(key);
    if (it == json.end() || !it->is_number_unsigned())
        throw std::invalid_argument(std::string("Histogram: \"") + key +
                                    "\" must be a non-negative integer");
    return it->get<std::uint64_t>();
}

} // namespace

std::uint64_t Histogram::lowerBound(std::size_t bucket) {
    if (bucket < kLinear) return bucket;
    const std::size_t k = bucket - kLinear;
    const int shift = static_cast<int>(k / kSubBuckets) + 7 - kSubBits;
    return static_cast<std::uint64_t>(kSubBuckets + k % kSubBuckets) << shift;
}

std::uint64_t Histogram::width(std::size_t bucket) {
    if (bucket < kLinear) return 1;
    return std::uint64_t{1} << (static_cast<int>((bucket - kLinear) / kSubBuckets) + 7 - kSubBits);
}

void Histogram::cover(std::size_t index) {
    if (m_counts.empty()) {
        m_offset = index;
        m_counts.assign(1, 0);
    } else if (index < m_offset) {
        m_counts.insert(m_counts.begin(), m_offset - index, 0);
        m_offset = index;
    } else if (index - m_offset >= m_counts.size()) {
        m_counts.resize(index - m_offset + 1, 0);
    }
}

void Histogram::merge(const Histogram& other) {
    if (other.m_count == 0) return;
    cover(other.m_offset);
    cover(other.m_offset + other.m_counts.size() - 1);
    const std::size_t shift = other.m_offset - m_offset;
    for (std::size_t i = 0; i < other.m_counts.size(); ++i)
        m_counts[shift + i] += other.m_counts[i];
    m_min = m_count == 0 ? other.m_min : std::min(m_min, other.m_min);
    m_max = std::max(m_max, other.m_max);
    m_count += other.m_count;
    m_sum += other.m_sum;
}

double Histogram::mean() const {
    return m_count == 0 ? 0.0 : static_cast<double>(m_sum) / static_cast<double>(m_count);
}

double Histogram::representative(std::size_t bucket) const {
    // The middle of the integers the bucket holds: lower + (width - 1) / 2. A sample v in the
    // bucket is at least 64 widths, so |middle - v| / v < 1/128. Clamping to [min, max] only
    // moves the answer towards the samples.
    const double middle =
        static_cast<double>(lowerBound(bucket)) + static_cast<double>(width(bucket) - 1) / 2.0;
    return std::clamp(middle, static_cast<double>(m_min), static_cast<double>(m_max));
}

double Histogram::quantile(double q) const {
    if (m_count == 0) return 0.0;
    if (!(q > 0.0)) return static_cast<double>(m_min); // also NaN
    if (q >= 1.0) return static_cast<double>(m_max);
    // Nearest rank: the smallest sample with at least q·count samples at or below it.
    const double wanted = std::ceil(q * static_cast<double>(m_count));
    const std::uint64_t rank =
        std::clamp<std::uint64_t>(static_cast<std::uint64_t>(wanted), 1, m_count);
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < m_counts.size(); ++i) {
        seen += m_counts[i];
        if (seen >= rank) return representative(m_offset + i);
    }
    return static_cast<double>(m_max); // unreachable: the counts add up to m_count
}

std::uint64_t Histogram::countAbove(std::int64_t valueUs) const {
    const std::size_t first = bucketOf(valueUs < 0 ? 0 : static_cast<std::uint64_t>(valueUs)) + 1;
    std::uint64_t above = 0;
    for (std::size_t i = 0; i < m_counts.size(); ++i)
        if (m_offset + i >= first) above += m_counts[i];
    return above;
}

model::Json Histogram::toJson(bool withBuckets) const {
    model::Json json = model::Json::object();
    json["count"] = m_count;
    json["mean"] = mean() / kUsPerSecond;
    json["p50"] = quantile(0.50) / kUsPerSecond;
    json["p90"] = quantile(0.90) / kUsPerSecond;
    json["p95"] = quantile(0.95) / kUsPerSecond;
    json["p99"] = quantile(0.99) / kUsPerSecond;
    json["max"] = static_cast<double>(m_max) / kUsPerSecond;
    if (!withBuckets) return json;
    json["minUs"] = m_min;
    json["maxUs"] = m_max;
    if (m_sum <= std::numeric_limits<std::uint64_t>::max())
        json["sumUs"] = static_cast<std::uint64_t>(m_sum);
    else
        json["sumUs"] = toDecimal(m_sum);
    model::Json buckets = model::Json::array();
    for (std::size_t i = 0; i < m_counts.size(); ++i)
        if (m_counts[i] != 0) buckets.push_back({lowerBound(m_offset + i), m_counts[i]});
    json["buckets"] = std::move(buckets);
    return json;
}

Histogram Histogram::fromJson(const model::Json& json) {
    if (!json.is_object() || !json.contains("buckets") || !json["buckets"].is_array())
        throw std::invalid_argument("Histogram: expected an object with \"buckets\"");
    Histogram h;
    for (const auto& entry : json["buckets"]) {
        if (!entry.is_array() || entry.size() != 2 || !entry[0].is_number_unsigned() ||
            !entry[1].is_number_unsigned())
            throw std::invalid_argument("Histogram: a bucket must be [lower bound, count]");
        const auto lower = entry[0].get<std::uint64_t>();
        const auto count = entry[1].get<std::uint64_t>();
        if (lower > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) ||
            lowerBound(bucketOf(lower)) != lower || count == 0)
            throw std::invalid_argument("Histogram: bucket " + std::to_string(lower) +
                                        " is not a bucket's lower bound with a count");
        const std::size_t index = bucketOf(lower);
        h.cover(index);
        h.m_counts[index - h.m_offset] += count;
        h.m_count += count;
    }
    if (h.m_count != readCount(json, "count"))
        throw std::invalid_argument("Histogram: \"count\" differs from the buckets' total");
    if (h.m_count == 0) return h;
    h.m_min = readCount(json, "minUs");
    h.m_max = readCount(json, "maxUs");
    const auto& sum = json.value("sumUs", model::Json());
    if (sum.is_number_unsigned())
        h.m_sum = sum.get<std::uint64_t>();
    else if (sum.is_string())
        h.m_sum = fromDecimal(sum.get<std::string>());
    else
        throw std::invalid_argument("Histogram: \"sumUs\" must be an integer or its digits");
    if (bucketOf(h.m_min) != h.m_offset || bucketOf(h.m_max) != h.m_offset + h.bucketCount() - 1)
        throw std::invalid_argument("Histogram: \"minUs\"/\"maxUs\" disagree with the buckets");
    return h;
}

} // namespace flowcast::sim
