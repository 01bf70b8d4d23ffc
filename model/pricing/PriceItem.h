#pragma once
// One price of a price book and its billing rules, as plain data: the monthly volume tiers, the
// free tier, and how a single request or run is rounded up and raised to a minimum before it is
// counted. PriceBook owns the items; PriceItemReader builds and checks them.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowcast::model {

/// One monthly volume range [from, upTo) of an item's unit and its price per `per` units.
struct PriceTier {
    double from = 0;
    std::optional<double> upTo; ///< none: no upper bound (only the last tier)
    double price = 0;
};

/// What one request or run measures before it is counted: its duration, its memory, its data.
enum class Measure { DurationMs, MemoryMb, DataKb, DataMb };
inline constexpr std::array<Measure, 4> kMeasures{Measure::DurationMs, Measure::MemoryMb,
                                                  Measure::DataKb, Measure::DataMb};
/// The JSON key of a measure: "durationMs", "memoryMb", "dataKb", "dataMb".
std::string_view measureKey(Measure measure);

/// Per-request rounding steps and minimums ("Lambda bills 1 ms steps", "Glue 1 minute minimum").
class RequestRules {
public:
    std::optional<double> step(Measure m) const { return m_step[index(m)]; }
    std::optional<double> minimum(Measure m) const { return m_minimum[index(m)]; }
    void setStep(Measure m, std::optional<double> value) { m_step[index(m)] = value; }
    void setMinimum(Measure m, std::optional<double> value) { m_minimum[index(m)] = value; }
    bool isEmpty() const;

    /// What one request is billed for: `actual` rounded up to the step, then raised to the
    /// minimum; `actual` itself when the item has neither for this measure.
    double billed(Measure m, double actual) const;

private:
    static std::size_t index(Measure m) { return static_cast<std::size_t>(m); }
    std::array<std::optional<double>, 4> m_step;
    std::array<std::optional<double>, 4> m_minimum;
};

/// vCPU and memory of an instance type (EC2, EMR, SageMaker).
struct InstanceSize {
    int vcpu = 0;
    double memoryGiB = 0;
};

struct PriceItem {
    std::string id; ///< stable, e.g. "lambda.duration.x86"
    std::string service;
    std::string description;
    std::string unit;             ///< singular: "request", "GB-s", "DPU-hour", "GB-month"
    double per = 1;               ///< prices are per this many units ($0.20 per 1,000,000)
    std::vector<PriceTier> tiers; ///< a flat price is one tier from 0 without bound
    double freeQuantity = 0;      ///< monthly free tier, in units
    std::string freePool;         ///< items with the same pool share one free tier
    RequestRules rules;           ///< rounding and minimum of one request or run
    std::optional<InstanceSize> instance;
    bool initBilled = false; ///< Lambda: INIT (cold start) time is billed duration
    bool weak = false;       ///< "confidence": "weak": the figure could not be confirmed
    std::string source;      ///< where the price comes from (a URL for the built-in book)
    std::string note;
    std::string origin; ///< the file this item's price was last set by

    bool isTiered() const { return tiers.size() > 1; }
    /// The price of the first tier (the only one for a flat price), per `per` units.
    double basePrice() const { return tiers.empty() ? 0 : tiers.front().price; }
};

} // namespace flowcast::model
