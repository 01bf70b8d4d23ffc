#include "simulator/cost/SweepResult.h"

#include "model/pricing/PriceFormat.h"
#include "simulator/cost/BreakEven.h"
#include "simulator/cost/ReportFormat.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <map>
#include <sstream>

namespace flowcast::cost {

using model::formatUsd;
using model::Json;

namespace {

// A point where a deployment fails more than this share of its executions is not a candidate:
// a pipeline that cannot keep up is not cheaper, it is broken (the break-even rule too).
constexpr double kMaxFailureRate = 0.01;

Json optionalJson(const std::optional<double>& v) {
    return v ? Json(*v) : Json();
}

std::optional<double> optionalDouble(const Json& v) {
    return v.is_null() ? std::nullopt : std::optional<double>(v.get<double>());
}

Json figuresJson(const std::string& name, const SweepFigures& f) {
    return {{"name", name},
            {"monthlyUsd", f.monthlyUsd},
            {"monthlyUsdP5", f.monthlyUsdP5},
            {"monthlyUsdP95", f.monthlyUsdP95},
            {"perExecutionUsd", optionalJson(f.perExecutionUsd)},
            {"latencySeconds",
             {{"mean", f.latencyMeanSeconds},
              {"p50", f.latencyP50Seconds},
              {"p95", f.latencyP95Seconds},
              {"p99", f.latencyP99Seconds}}},
            {"failureRate", f.failureRate},
            {"executions", {{"started", f.started}, {"ended", f.ended}}}};
}

SweepFigures figuresFromJson(const Json& j) {
    SweepFigures f;
    f.monthlyUsd = j.at("monthlyUsd").get<double>();
    f.monthlyUsdP5 = j.at("monthlyUsdP5").get<double>();
    f.monthlyUsdP95 = j.at("monthlyUsdP95").get<double>();
    f.perExecutionUsd = optionalDouble(j.at("perExecutionUsd"));
    const Json& l = j.at("latencySeconds");
    f.latencyMeanSeconds = l.at("mean").get<double>();
    f.latencyP50Seconds = l.at("p50").get<double>();
    f.latencyP95Seconds = l.at("p95").get<double>();
    f.latencyP99Seconds = l.at("p99").get<double>();
    f.failureRate = j.at("failureRate").get<double>();
    f.started = j.at("executions").at("started").get<std::uint64_t>();
    f.ended = j.at("executions").at("ended").get<std::uint64_t>();
    return f;
}

Json pointsJson(const SweepResult& r) {
    Json points = Json::array();
    for (const SweepRow& row : r.rows) {
        Json list = Json::array();
        for (std::size_t d = 0; d < row.deployments.size(); ++d)
            list.push_back(figuresJson(r.spec.deployments.at(d).name, row.deployments[d]));
        points.push_back(
            {{"index", row.index}, {"value", row.value}, {"deployments", std::move(list)}});
    }
    return points;
}

std::vector<SweepPoint> breakEvenPoints(const SweepResult& r) {
    std::vector<SweepPoint> points;
    for (const SweepRow& row : r.rows) {
        SweepPoint p;
        p.perDay = row.value;
        for (const SweepFigures& f : row.deployments) {
            p.monthlyUsd.push_back(f.monthlyUsd);
            p.failureRate.push_back(f.failureRate);
        }
        points.push_back(std::move(p));
    }
    return points;
}

std::string valueText(const SweepSpec& spec, double value) {
    if (isSizing(spec.axis)) {
        std::string unit = sweepUnit(spec.axis);
        if (value == 1 && unit.ends_with('s')) unit.pop_back(); // "1 node"
        return model::formatQuantity(value) + " " + unit;
    }
    return model::formatQuantity(value >= 100 ? std::round(value) : std::round(value * 100) / 100);
}

std::string crossingText(const SweepResult& r, const Crossing& c) {
    return r.spec.deployments[c.cheaperAbove].name + " becomes cheaper than " +
           r.spec.deployments[c.cheaperBelow].name + " above ≈ " + valueText(r.spec, c.perDay) +
           " " + sweepUnit(r.spec.axis);
}

constexpr std::array<SizingStrategy, 3> kStrategies{SizingStrategy::Cost, SizingStrategy::Speed,
                                                    SizingStrategy::Balanced};

// Per strategy, the row index of the best size for deployment `d` among the rows where it
// keeps up; nullopt when it keeps up nowhere.
std::array<std::optional<std::size_t>, 3> bestRows(const SweepResult& r, std::size_t d) {
    std::vector<SizingCandidate> candidates;
    std::vector<std::size_t> rowOf;
    for (std::size_t k = 0; k < r.rows.size(); ++k) {
        const SweepFigures& f = r.rows[k].deployments[d];
        if (f.failureRate > kMaxFailureRate) continue;
        candidates.push_back({f.monthlyUsd, f.latencyMeanSeconds});
        rowOf.push_back(k);
    }
    std::array<std::optional<std::size_t>, 3> out;
    for (std::size_t s = 0; s < kStrategies.size(); ++s)
        if (auto best = bestSize(kStrategies[s], candidates, r.spec.balancedWeight))
            out[s] = rowOf[*best];
    return out;
}

Json bestJson(const SweepResult& r) {
    Json list = Json::array();
    for (std::size_t d = 0; d < r.spec.deployments.size(); ++d) {
        Json entry = {{"deployment", r.spec.deployments[d].name},
                      {"service", r.spec.deployments[d].service}};
        const auto best = bestRows(r, d);
        for (std::size_t s = 0; s < kStrategies.size(); ++s) {
            Json choice;
            if (best[s]) {
                const SweepRow& row = r.rows[*best[s]];
                const SweepFigures& f = row.deployments[d];
                choice = {{"value", row.value},
                          {"monthlyUsd", f.monthlyUsd},
                          {"latencyMeanSeconds", f.latencyMeanSeconds}};
            }
            entry[sizingStrategyName(kStrategies[s])] = std::move(choice);
        }
        list.push_back(std::move(entry));
    }
    return list;
}

std::string cell(const std::string& text, std::size_t width) {
    return std::string(width > text.size() ? width - text.size() : 0, ' ') + text;
}

void sizingText(const SweepResult& r, std::ostringstream& s) {
    using report::percent;
    using report::secondsText;
    for (std::size_t d = 0; d < r.spec.deployments.size(); ++d) {
        const SweepSpec::Swept& dep = r.spec.deployments[d];
        s << "\n" << dep.name << " (" << dep.service;
        if (dep.configured) s << ", configured " << valueText(r.spec, *dep.configured);
        s << "):\n"
          << cell(sweepUnit(r.spec.axis), 10) << cell("monthly cost", 16)
          << cell("per execution", 16) << cell("latency mean", 14) << cell("P95", 12)
          << cell("failed", 10) << "\n";
        for (const SweepRow& row : r.rows) {
            const SweepFigures& f = row.deployments[d];
            const bool configured = dep.configured && *dep.configured == row.value;
            s << cell(model::formatQuantity(row.value) + (configured ? "*" : " "), 10)
              << cell(formatUsd(f.monthlyUsd), 16)
              << cell(f.perExecutionUsd
                          ? model::formatUnitPrice(std::round(*f.perExecutionUsd * 1e4) / 1e4)
                          : "-",
                      16)
              << cell(secondsText(f.latencyMeanSeconds), 14)
              << cell(secondsText(f.latencyP95Seconds), 12) << cell(percent(f.failureRate), 10)
              << "\n";
        }
        const auto best = bestRows(r, d);
        if (!best[0]) {
            s << "no size keeps failures under 1 %: no best size\n";
            continue;
        }
        s << "best:";
        for (std::size_t k = 0; k < kStrategies.size(); ++k) {
            const SweepRow& row = r.rows[*best[k]];
            s << (k ? ";" : "") << " " << sizingStrategyName(kStrategies[k]);
            if (kStrategies[k] == SizingStrategy::Balanced)
                s << " (weight " << model::formatQuantity(r.spec.balancedWeight) << ")";
            s << " " << valueText(r.spec, row.value) << " ("
              << formatUsd(row.deployments[d].monthlyUsd) << " a month, mean "
              << secondsText(row.deployments[d].latencyMeanSeconds) << ")";
        }
        s << "\n";
    }
}

void workloadText(const SweepResult& r, std::ostringstream& s) {
    std::size_t column = 16;
    for (const auto& d : r.spec.deployments)
        column = std::max(column, d.name.size() + 2);
    s << "\nmonthly cost by " << sweepUnit(r.spec.axis)
      << " (Poisson arrivals; failed executions in brackets when any):\n"
      << std::left << std::setw(24) << "per day" << std::right;
    for (const auto& d : r.spec.deployments)
        s << cell(d.name, column);
    s << "\n";
    for (const SweepRow& row : r.rows) {
        s << std::left << std::setw(24) << valueText(r.spec, row.value) << std::right;
        for (const SweepFigures& f : row.deployments) {
            std::string text = formatUsd(f.monthlyUsd);
            if (f.failureRate > 0.0005) text += " (" + report::percent(f.failureRate) + ")";
            s << cell(text, column);
        }
        s << "\n";
    }
    const std::vector<SweepPoint> points = breakEvenPoints(r);
    const std::vector<Crossing> found = crossings(points, kMaxFailureRate);
    if (found.empty()) s << "no deployment overtakes another where both keep up\n";
    for (const Crossing& c : found)
        s << crossingText(r, c) << "\n";
}

} // namespace

std::optional<Shard> parseShard(const std::string& text) {
    unsigned long long index = 0, count = 0;
    char slash = 0, extra = 0;
    if (std::sscanf(text.c_str(), "%llu%c%llu%c", &index, &slash, &count, &extra) != 3 ||
        slash != '/' || text.empty() || text[0] < '0' || text[0] > '9' ||
        text.find('-') != std::string::npos || count == 0 || index >= count)
        return std::nullopt;
    return Shard{static_cast<std::size_t>(index), static_cast<std::size_t>(count)};
}

std::string fnv1a64Hex(const std::string& text) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return hex;
}

Json SweepSpec::toJson() const {
    const bool sizing = isSizing(axis);
    Json swept = Json::array();
    for (const Swept& d : deployments) {
        Json entry = {{"name", d.name}};
        if (sizing) entry["service"] = d.service, entry["configured"] = optionalJson(d.configured);
        swept.push_back(std::move(entry));
    }
    Json out = {{"axis", sweepAxisName(axis)},
                {"unit", sweepUnit(axis)},
                {"grid", grid},
                {"placement", sweepPlacementName(placement)},
                {"scenario", scenario},
                {"scenarioHash", scenarioHash},
                {"priceBook",
                 {{"region", priceBookRegion},
                  {"asOf", priceBookAsOf},
                  {"overridesHash", priceBookHash.empty() ? Json() : Json(priceBookHash)}}},
                {"seed", seed},
                {"replications", replications ? Json(*replications) : Json()},
                {"horizon", horizon.empty() ? Json() : Json(horizon)},
                {"flowcastVersion", flowcastVersion},
                {"deployments", std::move(swept)}};
    if (sizing) out["rate"] = optionalJson(rate), out["balancedWeight"] = balancedWeight;
    if (placement == SweepPlacement::Adaptive) out["predictedCrossings"] = predictedCrossings;
    Json left = Json::array();
    for (const auto& [name, why] : excluded)
        left.push_back({{"name", name}, {"reason", why}});
    out["excluded"] = std::move(left);
    return out;
}

SweepSpec SweepSpec::fromJson(const Json& j) {
    SweepSpec s;
    try {
        const auto axis = sweepAxisFromName(j.at("axis").get<std::string>());
        if (!axis)
            throw std::invalid_argument("its \"sweep\" has an unknown axis " + j.at("axis").dump());
        s.axis = *axis;
        s.grid = j.at("grid").get<std::vector<double>>();
        // Parts written before placement was recorded placed their grid evenly.
        const std::string placement = j.value("placement", std::string("even"));
        const auto placed = sweepPlacementFromName(placement);
        if (!placed)
            throw std::invalid_argument("its \"sweep\" has an unknown placement \"" + placement +
                                        "\"");
        s.placement = *placed;
        if (j.contains("predictedCrossings"))
            s.predictedCrossings = j.at("predictedCrossings").get<std::vector<double>>();
        s.scenario = j.at("scenario").get<std::string>();
        s.scenarioHash = j.at("scenarioHash").get<std::string>();
        const Json& book = j.at("priceBook");
        s.priceBookRegion = book.at("region").get<std::string>();
        s.priceBookAsOf = book.at("asOf").get<std::string>();
        if (!book.at("overridesHash").is_null())
            s.priceBookHash = book.at("overridesHash").get<std::string>();
        s.seed = j.at("seed").get<std::uint64_t>();
        if (!j.at("replications").is_null())
            s.replications = j.at("replications").get<std::uint64_t>();
        if (!j.at("horizon").is_null()) s.horizon = j.at("horizon").get<std::string>();
        s.flowcastVersion = j.at("flowcastVersion").get<std::string>();
        if (isSizing(s.axis)) {
            s.rate = optionalDouble(j.at("rate"));
            s.balancedWeight = j.at("balancedWeight").get<double>();
        }
        for (const Json& d : j.at("deployments")) {
            Swept swept{d.at("name").get<std::string>(), {}, {}};
            if (isSizing(s.axis)) {
                swept.service = d.at("service").get<std::string>();
                swept.configured = optionalDouble(d.at("configured"));
            }
            s.deployments.push_back(std::move(swept));
        }
        for (const Json& e : j.at("excluded"))
            s.excluded.emplace_back(e.at("name").get<std::string>(),
                                    e.at("reason").get<std::string>());
    } catch (const Json::exception& e) {
        throw std::invalid_argument(std::string("its \"sweep\" is malformed: ") + e.what());
    }
    return s;
}

Json SweepResult::toJson() const {
    Json out = {
        {"kind", "flowcast-sweep"}, {"sweep", spec.toJson()}, {"points", pointsJson(*this)}};
    if (isSizing(spec.axis)) {
        out["best"] = bestJson(*this);
        return out;
    }
    Json cross = Json::array();
    for (const Crossing& c : crossings(breakEvenPoints(*this), kMaxFailureRate))
        cross.push_back({{"value", c.perDay},
                         {"cheaperBelow", spec.deployments[c.cheaperBelow].name},
                         {"cheaperAbove", spec.deployments[c.cheaperAbove].name},
                         {"text", crossingText(*this, c)}});
    out["crossings"] = std::move(cross);
    return out;
}

Json SweepResult::partJson(const Shard& shard) const {
    return {{"kind", "flowcast-sweep-part"},
            {"sweep", spec.toJson()},
            {"shard", {{"index", shard.index}, {"count", shard.count}}},
            {"points", pointsJson(*this)}};
}

std::string SweepResult::toText() const {
    std::ostringstream s;
    s << sweepAxisName(spec.axis) << " sweep of \"" << spec.scenario << "\": " << rows.size()
      << " points, seed " << spec.seed << ", price book " << spec.priceBookRegion << " as of "
      << spec.priceBookAsOf << ", Flowcast " << spec.flowcastVersion << "\n";
    if (spec.placement == SweepPlacement::Adaptive) {
        s << "points placed where the analytic model's curves bend and around its crossings";
        for (std::size_t i = 0; i < spec.predictedCrossings.size(); ++i)
            s << (i ? ", " : " (predicted at ≈ ") << valueText(spec, spec.predictedCrossings[i])
              << (i + 1 == spec.predictedCrossings.size() ? " " + sweepUnit(spec.axis) + ")" : "");
        s << (spec.predictedCrossings.empty() ? " (it predicts none)\n" : "\n");
    }
    if (spec.rate)
        s << "the workload at " << model::formatQuantity(*spec.rate)
          << " a day, Poisson arrivals\n";
    for (const auto& [name, why] : spec.excluded)
        s << "not swept: " << name << " (" << why << ")\n";
    if (isSizing(spec.axis))
        sizingText(*this, s);
    else
        workloadText(*this, s);
    return s.str();
}

std::string SweepResult::toCsv() const {
    std::ostringstream s;
    s << "value,unit,deployment,monthly_usd,monthly_usd_p5,monthly_usd_p95,per_execution_usd,"
         "latency_mean_s,latency_p50_s,latency_p95_s,latency_p99_s,failure_rate,started,ended\n"
      << std::setprecision(10);
    for (const SweepRow& row : rows)
        for (std::size_t d = 0; d < row.deployments.size(); ++d) {
            const SweepFigures& f = row.deployments[d];
            std::string name;
            for (char c : spec.deployments[d].name)
                name += c == '"' ? std::string("\"\"") : std::string(1, c);
            s << row.value << "," << sweepUnit(spec.axis) << ",\"" << name << "\"," << f.monthlyUsd
              << "," << f.monthlyUsdP5 << "," << f.monthlyUsdP95 << ","
              << (f.perExecutionUsd ? *f.perExecutionUsd : 0) << "," << f.latencyMeanSeconds << ","
              << f.latencyP50Seconds << "," << f.latencyP95Seconds << "," << f.latencyP99Seconds
              << "," << f.failureRate << "," << f.started << "," << f.ended << "\n";
        }
    return s.str();
}

SweepRow sweepRowFromJson(const Json& point) {
    SweepRow row;
    row.index = point.at("index").get<std::size_t>();
    row.value = point.at("value").get<double>();
    for (const Json& d : point.at("deployments"))
        row.deployments.push_back(figuresFromJson(d));
    return row;
}

} // namespace flowcast::cost
