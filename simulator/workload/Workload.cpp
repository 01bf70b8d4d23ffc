#include "simulator/workload/Workload.h"

#include "simulator/core/SpecObject.h"
#include "simulator/workload/DurationText.h"
#include "simulator/workload/StreamWorkload.h"
#include "simulator/workload/TimedWorkload.h"
#include "simulator/workload/TraceWorkload.h"

namespace flowcast::sim {

using model::Json;

Workload::~Workload() = default;

namespace {

// "recordsPerExecution": the records each execution of a batch workload carries (the cost per
// million records needs them; a stream counts its batches' records itself).
class RecordsPerExecution final : public Workload {
public:
    RecordsPerExecution(std::unique_ptr<Workload> inner, std::int64_t records)
        : m_inner(std::move(inner)), m_records(records) {}
    std::optional<Arrival> next(RandomStream& random) override {
        auto arrival = m_inner->next(random);
        if (arrival) arrival->records = m_records;
        return arrival;
    }
    std::string describe() const override { return m_inner->describe(); }

private:
    std::unique_ptr<Workload> m_inner;
    std::int64_t m_records;
};

} // namespace

std::unique_ptr<Workload> parseWorkload(const Json& spec, const std::string& pointer,
                                        const std::filesystem::path& baseDir) {
    const SpecObject o(spec, pointer, "workload");
    constexpr std::string_view kKinds[] = {"schedule", "poisson", "profile",
                                           "burst",    "stream",  "trace"};
    std::string_view kind;
    for (std::string_view k : kKinds) {
        if (!o.has(k)) continue;
        if (!kind.empty())
            o.fail(k, "give one kind of workload, not both '" + std::string(kind) + "' and '" +
                          std::string(k) + "'");
        kind = k;
    }
    if (kind.empty()) o.fail("expected one of schedule, poisson, profile, burst, stream or trace");
    o.allowOnly({kind, "input", "start", "end", "recordsPerExecution"});

    ArrivalWindow window;
    if (o.has("start")) window.start = parseDuration(o.value("start"), o.pointer("start"));
    if (o.has("end")) {
        window.end = parseDuration(o.value("end"), o.pointer("end"));
        if (*window.end <= window.start)
            o.fail("end", "end (" + formatSimTime(*window.end) + ") must be after start (" +
                              formatSimTime(window.start) + ")");
    }
    if (kind == "stream") {
        if (o.has("recordsPerExecution"))
            o.fail("recordsPerExecution", "a stream's executions carry its batches: set "
                                          "stream.batchSize instead");
        if (o.has("input"))
            o.fail("input", "a stream's execution input is {\"Records\": [...]}: give the record "
                            "template as stream.record");
        return StreamWorkload::parse(o.value(kind), o.pointer(kind), baseDir, window);
    }
    InputTemplate input = o.has("input")
                              ? InputTemplate::parse(o.value("input"), o.pointer("input"), baseDir)
                              : InputTemplate();
    std::unique_ptr<Workload> workload;
    if (kind == "trace")
        workload =
            TraceWorkload::parse(o.value(kind), o.pointer(kind), baseDir, std::move(input), window);
    else
        workload = std::make_unique<TimedWorkload>(
            parseArrivalTimes(kind, o.value(kind), o.pointer(kind), window.start), std::move(input),
            window);
    if (o.has("recordsPerExecution"))
        workload = std::make_unique<RecordsPerExecution>(std::move(workload),
                                                         o.integer("recordsPerExecution", 1));
    return workload;
}

} // namespace flowcast::sim
