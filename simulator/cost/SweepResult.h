#pragma once
// A sweep's result (flowcast-cli sweep): every deployment simulated and priced at every point
// of a grid (a workload rate, or a service's size), and what follows from the points (crossings
// for a workload sweep, the best size per strategy for a sizing sweep). A sweep may be split
// into shards: shard i of N computes the points k with k mod N == i, under exactly the seeds of
// the whole sweep, and writes a part; merging the parts gives the same document, byte for byte,
// as the whole sweep run at once. Plain data, Qt-free.
#include "model/asl/Json.h"
#include "simulator/cost/SizingSweep.h"
#include "simulator/cost/SweepPlacement.h"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace flowcast::cost {

/// What defines a sweep: parts belong together when these are equal.
struct SweepSpec {
    SweepAxis axis = SweepAxis::RunsPerDay;
    std::vector<double> grid; ///< the points' values, increasing
    /// How the grid was placed (SweepPlacement.h); adaptive: the crossings its model predicted.
    SweepPlacement placement = SweepPlacement::Even;
    std::vector<double> predictedCrossings;
    std::string scenario;     ///< the scenario's name
    std::string scenarioHash; ///< of the scenario and its definition (fnv1a64Hex)
    std::string priceBookRegion, priceBookAsOf;
    std::string priceBookHash; ///< of the --price-book file, "" for the built-in book
    std::uint64_t seed = 0;
    std::optional<std::uint64_t> replications; ///< as given (--replications), else the default
    std::string horizon;                       ///< as given (--horizon), "" for the default
    std::optional<double> rate; ///< sizing: the workload's rate a day (--rate), else its own
    double balancedWeight = 0.5;
    std::string flowcastVersion;
    struct Swept {
        std::string name;
        std::string service;              ///< sizing: the service resized
        std::optional<double> configured; ///< sizing: its size in the scenario
    };
    std::vector<Swept> deployments;
    std::vector<std::pair<std::string, std::string>> excluded; ///< deployment, why

    model::Json toJson() const;
    /// Throws std::invalid_argument naming the field.
    static SweepSpec fromJson(const model::Json& json);
};

/// One deployment at one point.
struct SweepFigures {
    double monthlyUsd = 0, monthlyUsdP5 = 0, monthlyUsdP95 = 0;
    std::optional<double> perExecutionUsd;
    double latencyMeanSeconds = 0, latencyP50Seconds = 0, latencyP95Seconds = 0,
           latencyP99Seconds = 0;
    double failureRate = 0;
    std::uint64_t started = 0, ended = 0;
};

struct SweepRow {
    std::size_t index = 0; ///< in the grid
    double value = 0;
    std::vector<SweepFigures> deployments; ///< in SweepSpec::deployments order
};

/// "i/N": shard i (0 to N − 1) of N.
struct Shard {
    std::size_t index = 0, count = 1;
    bool owns(std::size_t point) const { return point % count == index; }
};
/// "2/5" → {2, 5}; nullopt unless 0 <= i < N.
std::optional<Shard> parseShard(const std::string& text);

/// FNV-1a 64 of `text`, 16 hex digits.
std::string fnv1a64Hex(const std::string& text);

/// A part that does not fit the others: the message names the file.
class SweepPartError : public std::runtime_error {
public:
    /// `file` empty: a mistake of the set of parts (a shard that no file holds).
    SweepPartError(std::string file, const std::string& message)
        : std::runtime_error(message), m_file(std::move(file)) {}
    const std::string& file() const { return m_file; }

private:
    std::string m_file;
};

struct SweepResult {
    SweepSpec spec;
    std::vector<SweepRow> rows; ///< increasing index

    /// The whole sweep: {"kind": "flowcast-sweep", "sweep", "points", and "crossings" for a
    /// workload sweep or "best" for a sizing sweep}.
    model::Json toJson() const;
    /// One shard's part: {"kind": "flowcast-sweep-part", "sweep", "shard", "points"}.
    model::Json partJson(const Shard& shard) const;
    /// The table per deployment and the crossings or the best sizes.
    std::string toText() const;
    /// One row per point and deployment.
    std::string toCsv() const;
};

/// A point of a part or of a result read back. Throws model::Json::exception.
SweepRow sweepRowFromJson(const model::Json& point);

/// The whole sweep from its parts, given as (file name, parsed JSON). Throws SweepPartError
/// naming the file when a part is not a part, belongs to another sweep, repeats a shard, holds
/// points that are not its shard's, or when a shard is missing.
SweepResult mergeSweepParts(const std::vector<std::pair<std::string, model::Json>>& parts);

} // namespace flowcast::cost
