#pragma once
// Records arriving as a Poisson stream (constant rate or a weekly profile), gathered into
// batches the way a Lambda event source mapping gathers them: a batch starts an execution when
// it holds BatchSize records or when MaximumBatchingWindowInSeconds have passed since its first
// record, whichever comes first (AWS Lambda developer guide, "Batching behavior"; the 6 MB
// payload limit is not modelled). A window of 0 makes every record its own batch. The input is
// {"Records": [record, ...]}.
//
// With a static record template no record is drawn one by one: the stream runs in operational
// time u = Lambda(t) where records come at rate 1, the B-th record of a batch comes Gamma(B - 1)
// after its first, and a batch cut by its window holds 1 + Poisson(Lambda over the window)
// records conditioned below B - 1. A day at 5,000 records/s costs one draw per batch, and full
// batches share one prebuilt input. A template with dynamic spots draws every record.
#include "simulator/workload/InputTemplate.h"
#include "simulator/workload/RateProfile.h"
#include "simulator/workload/Workload.h"

#include <map>

namespace flowcast::sim {

class StreamWorkload final : public Workload {
public:
    StreamWorkload(RateProfile rate, std::int64_t batchSize, double windowSeconds,
                   InputTemplate record, ArrivalWindow window);
    /// `spec` is the object under "stream". Throws model::ScenarioError.
    static std::unique_ptr<StreamWorkload> parse(const model::Json& spec,
                                                 const std::string& pointer,
                                                 const std::filesystem::path& baseDir,
                                                 ArrivalWindow window);

    std::optional<Arrival> next(RandomStream& random) override;
    std::string describe() const override;

private:
    std::optional<Arrival> nextByBatch(RandomStream& random);
    std::optional<Arrival> nextByRecord(RandomStream& random);
    std::shared_ptr<const model::Json> staticBatch(std::int64_t count);

    RateProfile m_rate;
    std::int64_t m_batchSize;
    double m_windowSeconds;
    InputTemplate m_record;
    ArrivalWindow m_window;
    double m_u = 0;                  ///< operational time of the last record or window end used
    std::optional<double> m_pending; ///< per-record: the next batch's first record, drawn
    std::int64_t m_recordIndex = 0;
    bool m_done = false;
    std::shared_ptr<const model::Json> m_fullBatch;
    std::map<std::int64_t, std::shared_ptr<const model::Json>> m_partialBatches;
    std::int64_t m_cachedRecords = 0;
};

} // namespace flowcast::sim
