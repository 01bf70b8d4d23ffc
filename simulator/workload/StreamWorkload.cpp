#include "simulator/workload/StreamWorkload.h"

#include "simulator/core/RandomVariates.h"
#include "simulator/core/SpecObject.h"

#include <algorithm>

namespace flowcast::sim {

using model::Json;

namespace {

// Partial batches of a static template are kept for reuse up to this many records in all
// (about 10 MB for small records); beyond it they are built per batch.
constexpr std::int64_t kCachedRecordLimit = 1 << 16;

} // namespace

StreamWorkload::StreamWorkload(RateProfile rate, std::int64_t batchSize, double windowSeconds,
                               InputTemplate record, ArrivalWindow window)
    : m_rate(std::move(rate)), m_batchSize(batchSize), m_windowSeconds(windowSeconds),
      m_record(std::move(record)), m_window(window),
      m_u(m_rate.cumulative(window.start.seconds())) {}

std::unique_ptr<StreamWorkload> StreamWorkload::parse(const Json& spec, const std::string& pointer,
                                                      const std::filesystem::path& baseDir,
                                                      ArrivalWindow window) {
    const SpecObject o(spec, pointer, "stream");
    o.allowOnly({"recordsPerSecond", "profile", "batchSize", "batchWindowSeconds", "record"});
    if (o.has("recordsPerSecond") == o.has("profile"))
        o.fail("give exactly one of recordsPerSecond and profile");
    RateProfile rate = o.has("profile")
                           ? RateProfile::parse(o.value("profile"), o.pointer("profile"))
                           : RateProfile::constant(o.positive("recordsPerSecond"));
    const std::int64_t batchSize = o.integer("batchSize", 1);
    const double windowSeconds = o.nonNegative("batchWindowSeconds", 0.0);
    InputTemplate record =
        o.has("record") ? InputTemplate::parse(o.value("record"), o.pointer("record"), baseDir)
                        : InputTemplate();
    return std::make_unique<StreamWorkload>(std::move(rate), batchSize, windowSeconds,
                                            std::move(record), window);
}

std::optional<Arrival> StreamWorkload::next(RandomStream& random) {
    if (m_done) return std::nullopt;
    std::optional<Arrival> arrival =
        m_record.isStatic() ? nextByBatch(random) : nextByRecord(random);
    // A batch still open at the end of the window never starts an execution.
    if (!arrival || m_window.isPastEnd(arrival->time)) {
        m_done = true;
        return std::nullopt;
    }
    return arrival;
}

std::optional<Arrival> StreamWorkload::nextByBatch(RandomStream& random) {
    const double u0 = m_u + random.exponential(1.0);
    const double t0 = m_rate.inverse(u0);
    std::int64_t count = 1;
    double close = t0;
    m_u = u0;
    if (m_batchSize > 1 && m_windowSeconds > 0) {
        const double uWindow = m_rate.cumulative(t0 + m_windowSeconds);
        const double toLast = gammaVariate(random, static_cast<double>(m_batchSize - 1));
        if (u0 + toLast <= uWindow) {
            count = m_batchSize;
            m_u = u0 + toLast;
            close = std::min(m_rate.inverse(m_u), t0 + m_windowSeconds);
        } else {
            // The window ran out first: fewer than B - 1 more records came within it.
            count = 1 + truncatedPoissonVariate(random, uWindow - u0, m_batchSize - 2);
            m_u = uWindow;
            close = t0 + m_windowSeconds;
        }
    }
    m_recordIndex += count;
    return Arrival{SimTime::fromSeconds(close), staticBatch(count), count};
}

std::optional<Arrival> StreamWorkload::nextByRecord(RandomStream& random) {
    double u = m_pending ? *m_pending : m_u + random.exponential(1.0);
    m_pending.reset();
    const double t0 = m_rate.inverse(u);
    if (m_window.isPastEnd(SimTime::fromSeconds(t0))) return std::nullopt;
    Json records = Json::array();
    records.push_back(m_record.instantiate(random, m_recordIndex++, SimTime::fromSeconds(t0)));
    double close = t0;
    while (static_cast<std::int64_t>(records.size()) < m_batchSize) {
        const double uNext = u + random.exponential(1.0);
        const double tNext = m_rate.inverse(uNext);
        if (tNext > t0 + m_windowSeconds) {
            m_pending = uNext;
            close = t0 + m_windowSeconds;
            break;
        }
        u = uNext;
        close = tNext;
        records.push_back(
            m_record.instantiate(random, m_recordIndex++, SimTime::fromSeconds(tNext)));
        // Stop drawing once the batch would close after the window's end anyway.
        if (m_window.isPastEnd(SimTime::fromSeconds(tNext))) break;
    }
    m_u = u;
    const auto count = static_cast<std::int64_t>(records.size());
    Json input = Json::object();
    input["Records"] = std::move(records);
    return Arrival{SimTime::fromSeconds(close), std::make_shared<const Json>(std::move(input)),
                   count};
}

std::shared_ptr<const Json> StreamWorkload::staticBatch(std::int64_t count) {
    const bool full = count == m_batchSize;
    if (full && m_fullBatch) return m_fullBatch;
    if (auto it = m_partialBatches.find(count); it != m_partialBatches.end()) return it->second;
    RandomStream unused(0); // a static template draws nothing
    const Json record = m_record.instantiate(unused, 0, {});
    Json records = Json::array();
    records.get_ref<Json::array_t&>().reserve(static_cast<std::size_t>(count));
    for (std::int64_t i = 0; i < count; ++i)
        records.push_back(record);
    Json input = Json::object();
    input["Records"] = std::move(records);
    auto batch = std::make_shared<const Json>(std::move(input));
    if (full) {
        m_fullBatch = batch;
    } else if (m_cachedRecords + count <= kCachedRecordLimit) {
        m_partialBatches.emplace(count, batch);
        m_cachedRecords += count;
    }
    return batch;
}

std::string StreamWorkload::describe() const {
    return "stream(records " + m_rate.describe() + ", batches of " + std::to_string(m_batchSize) +
           " within " + formatNumber(m_windowSeconds, 6) + " s)";
}

} // namespace flowcast::sim
