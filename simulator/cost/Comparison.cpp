#include "simulator/cost/Comparison.h"

#include "model/pricing/PriceFormat.h"
#include "simulator/cost/CostEngine.h"
#include "simulator/cost/ReportFormat.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace flowcast::cost {

using model::formatUsd;
using model::Json;
using report::percent;
using report::secondsText;

namespace {

CostReport priced(const sim::Metrics& metrics, const std::vector<std::string>& serviceNames,
                  const sim::Program& program, const model::Scenario& scenario,
                  const model::PriceBook& book, MonthlyUsage* usageOut = nullptr) {
    MonthlyUsage usage = monthlyUsage(metrics, serviceNames, program, scenario, book);
    CostReport report = priceUsage(usage.lines, book, CostBasis{usage.executions, usage.records});
    if (usageOut) *usageOut = std::move(usage);
    return report;
}

Json optionalJson(const std::optional<double>& value) {
    return value ? Json(*value) : Json();
}

} // namespace

double percentile(std::vector<double> values, double q) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const double at = std::clamp(q, 0.0, 1.0) * static_cast<double>(values.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(at));
    const std::size_t above = std::min(below + 1, values.size() - 1);
    return values[below] + (values[above] - values[below]) * (at - static_cast<double>(below));
}

DeploymentResult evaluate(std::string name, std::string description, const sim::Replications& runs,
                          const sim::Program& program, const model::Scenario& scenario,
                          const model::PriceBook& book, std::optional<double> slaSeconds) {
    DeploymentResult r;
    r.name = std::move(name);
    r.description = std::move(description);
    const auto& names = runs.serviceNames();
    r.cost = priced(runs.merged(), names, program, scenario, book, &r.usage);
    for (std::size_t i = 0; i < runs.replicationCount(); ++i)
        if (runs.replication(i).runs() > 0 && runs.replication(i).simulated().us > 0)
            r.replicationMonthlyUsd.push_back(
                priced(runs.replication(i), names, program, scenario, book).monthlyUsd);
    r.p5MonthlyUsd = percentile(r.replicationMonthlyUsd, 0.05);
    r.p95MonthlyUsd = percentile(r.replicationMonthlyUsd, 0.95);
    const auto& e = runs.merged().executions();
    r.latencyP50Seconds = e.latency.quantile(0.50) / 1e6;
    r.latencyP95Seconds = e.latency.quantile(0.95) / 1e6;
    r.latencyP99Seconds = e.latency.quantile(0.99) / 1e6;
    r.started = e.started;
    r.ended = e.ended;
    r.succeeded = e.byStatus[static_cast<std::size_t>(sim::EndStatus::Succeeded)];
    r.slaSeconds = slaSeconds;
    if (slaSeconds)
        r.slaMisses = e.latency.countAbove(static_cast<std::int64_t>(*slaSeconds * 1e6));
    if (r.usage.clusterIdleShare) {
        double clusterUsd = 0;
        for (const CostLine& line : r.cost.lines)
            if (line.priceId.starts_with("ec2.") || line.priceId.starts_with("emr."))
                clusterUsd += line.quote.amountUsd;
        r.idleUsd = clusterUsd * *r.usage.clusterIdleShare;
    }
    return r;
}

std::string recommend(const std::vector<DeploymentResult>& results) {
    if (results.empty()) return {};
    if (results.size() == 1)
        return results.front().name + " costs " + formatUsd(results.front().cost.monthlyUsd) +
               " a month; declare deployments in the scenario to compare alternatives.";
    const auto cheapest = std::min_element(results.begin(), results.end(), [](auto& a, auto& b) {
        return a.cost.monthlyUsd < b.cost.monthlyUsd;
    });
    const auto fastest = std::min_element(results.begin(), results.end(), [](auto& a, auto& b) {
        return a.latencyP95Seconds < b.latencyP95Seconds;
    });
    double next = -1;
    std::string nextName;
    for (const auto& r : results)
        if (&r != &*cheapest && (next < 0 || r.cost.monthlyUsd < next)) {
            next = r.cost.monthlyUsd;
            nextName = r.name;
        }
    std::string s = "Choose " + cheapest->name + ": " + formatUsd(cheapest->cost.monthlyUsd) +
                    " a month, " + formatUsd(next - cheapest->cost.monthlyUsd) + " less than " +
                    nextName;
    if (next > 0) s += " (" + percent((next - cheapest->cost.monthlyUsd) / next) + " less)";
    if (&*fastest != &*cheapest && cheapest->latencyP95Seconds > 1.2 * fastest->latencyP95Seconds)
        s += "; it is slower, P95 " + secondsText(cheapest->latencyP95Seconds) + " against " +
             secondsText(fastest->latencyP95Seconds) + " for " + fastest->name;
    if (cheapest->failureRate() > 0 &&
        cheapest->failureRate() > 1.5 * fastest->failureRate() + 0.001)
        s += "; it fails more often (" + percent(cheapest->failureRate()) + " of executions)";
    if (cheapest->usage.clusterIdleShare && *cheapest->usage.clusterIdleShare > 0.5)
        s += "; its cluster is idle " + percent(*cheapest->usage.clusterIdleShare) + " of the time";
    return s + ".";
}

Json Comparison::toJson() const {
    Json out = Json::object();
    out["scenario"] = scenario;
    out["seed"] = seed;
    out["priceBook"] = {{"region", priceBookRegion}, {"asOf", priceBookAsOf}};
    Json list = Json::array();
    for (const DeploymentResult& r : deployments) {
        Json d = Json::object();
        d["name"] = r.name;
        d["description"] = r.description;
        d["monthlyUsd"] = r.cost.monthlyUsd;
        d["monthlyUsdP5"] = r.p5MonthlyUsd;
        d["monthlyUsdP95"] = r.p95MonthlyUsd;
        d["replicationMonthlyUsd"] = r.replicationMonthlyUsd;
        d["perExecutionUsd"] = optionalJson(r.cost.perExecutionUsd());
        d["perMillionRecordsUsd"] = optionalJson(r.cost.perMillionRecordsUsd());
        d["monthlyExecutions"] = r.usage.executions;
        d["monthlyRecords"] = optionalJson(r.usage.records);
        d["latencySeconds"] = {{"p50", r.latencyP50Seconds},
                               {"p95", r.latencyP95Seconds},
                               {"p99", r.latencyP99Seconds}};
        d["executions"] = {{"started", r.started}, {"ended", r.ended}, {"succeeded", r.succeeded}};
        d["failureRate"] = r.failureRate();
        d["slaSeconds"] = optionalJson(r.slaSeconds);
        d["slaMisses"] = r.slaMisses;
        d["slaMissRate"] = r.slaMissRate();
        d["clusterIdleShare"] = optionalJson(r.usage.clusterIdleShare);
        d["idleUsd"] = r.idleUsd;
        d["cost"] = r.cost.toJson();
        d["unpriced"] = r.usage.unpriced;
        d["theory"] = r.theory.toJson();
        list.push_back(std::move(d));
    }
    out["deployments"] = std::move(list);
    out["recommendation"] = recommendation;
    if (tornado) out["tornado"] = tornado->toJson();
    if (sweep.empty()) return out;
    Json points = Json::array();
    for (const SweepPoint& p : sweep) {
        Json costs = Json::array();
        for (std::size_t i = 0; i < p.monthlyUsd.size(); ++i)
            costs.push_back({{"name", deployments[i].name},
                             {"monthlyUsd", p.monthlyUsd[i]},
                             {"failureRate", p.failureRate[i]}});
        points.push_back({{"perDay", p.perDay}, {"deployments", std::move(costs)}});
    }
    const auto crossingJson = [&](const Crossing& c) {
        return Json{{"perDay", c.perDay},
                    {"cheaperBelow", deployments[c.cheaperBelow].name},
                    {"cheaperAbove", deployments[c.cheaperAbove].name},
                    {"text", crossingText(c)}};
    };
    const bool adaptive = sweepPlacement == SweepPlacement::Adaptive;
    Json cross = Json::array();
    for (const Crossing& c : crossings) {
        cross.push_back(crossingJson(c));
        if (const auto predicted = matchingCrossing(c, predictedCrossings); adaptive && predicted)
            cross.back()["predictedPerDay"] = predicted->perDay;
    }
    out["sweep"] = {{"rate", sweepRecords ? "recordsPerDay" : "executionsPerDay"},
                    {"placement", sweepPlacementName(sweepPlacement)},
                    {"points", std::move(points)},
                    {"crossings", std::move(cross)}};
    if (!adaptive) return out;
    Json predicted = Json::array();
    for (const Crossing& c : predictedCrossings)
        predicted.push_back(crossingJson(c));
    out["sweep"]["predictedCrossings"] = std::move(predicted);
    return out;
}

std::string Comparison::crossingText(const Crossing& c) const {
    const double rate = c.perDay >= 100 ? std::round(c.perDay) : std::round(c.perDay * 100) / 100;
    return deployments[c.cheaperAbove].name + " becomes cheaper than " +
           deployments[c.cheaperBelow].name + " above ≈ " + model::formatQuantity(rate) +
           (sweepRecords ? " records" : " executions") + " a day";
}

std::string Comparison::crossingWithPrediction(const Crossing& c) const {
    const auto predicted = sweepPlacement == SweepPlacement::Adaptive
                               ? matchingCrossing(c, predictedCrossings)
                               : std::nullopt;
    if (!predicted) return crossingText(c);
    const double rate = predicted->perDay >= 100 ? std::round(predicted->perDay)
                                                 : std::round(predicted->perDay * 100) / 100;
    return crossingText(c) + " (predicted ≈ " + model::formatQuantity(rate) + ")";
}

std::vector<std::string> Comparison::unmatchedPredictions() const {
    std::vector<std::string> out;
    if (sweepPlacement != SweepPlacement::Adaptive) return out;
    for (const Crossing& p : predictedCrossings) {
        bool matched = false;
        for (const Crossing& c : crossings)
            if (const auto m = matchingCrossing(c, predictedCrossings))
                matched = matched || m->perDay == p.perDay;
        if (!matched) out.push_back(crossingText(p));
    }
    return out;
}

std::string Comparison::sweepCsv() const {
    std::ostringstream s;
    s << (sweepRecords ? "records_per_day" : "executions_per_day");
    for (const DeploymentResult& r : deployments)
        s << ",\"" << r.name << " monthly_usd\",\"" << r.name << " failure_rate\"";
    s << "\n" << std::setprecision(10);
    for (const SweepPoint& p : sweep) {
        s << p.perDay;
        for (std::size_t i = 0; i < p.monthlyUsd.size(); ++i)
            s << "," << p.monthlyUsd[i] << "," << p.failureRate[i];
        s << "\n";
    }
    return s.str();
}

std::string Comparison::toCsv() const {
    std::ostringstream s;
    s << "deployment,monthly_usd,monthly_usd_p5,monthly_usd_p95,per_execution_usd,"
         "per_million_records_usd,latency_p50_s,latency_p95_s,latency_p99_s,failure_rate,"
         "sla_miss_rate,cluster_idle_share,idle_usd\n";
    s << std::setprecision(10);
    for (const DeploymentResult& r : deployments) {
        std::string name = r.name;
        std::string quoted = "\"";
        for (char c : name)
            quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        quoted += "\"";
        s << quoted << "," << r.cost.monthlyUsd << "," << r.p5MonthlyUsd << "," << r.p95MonthlyUsd
          << "," << r.cost.perExecutionUsd().value_or(0) << ","
          << r.cost.perMillionRecordsUsd().value_or(0) << "," << r.latencyP50Seconds << ","
          << r.latencyP95Seconds << "," << r.latencyP99Seconds << "," << r.failureRate() << ","
          << r.slaMissRate() << "," << r.usage.clusterIdleShare.value_or(0) << "," << r.idleUsd
          << "\n";
    }
    return s.str();
}

std::vector<ComparisonRow> Comparison::tableRows() const {
    std::vector<ComparisonRow> rows;
    const auto row = [&](std::string label, auto cell) {
        ComparisonRow r{std::move(label), {}};
        for (const auto& d : deployments)
            r.cells.push_back(cell(d));
        rows.push_back(std::move(r));
    };
    row("monthly cost", [](const DeploymentResult& r) { return formatUsd(r.cost.monthlyUsd); });
    row("  P5 - P95", [](const DeploymentResult& r) {
        return formatUsd(r.p5MonthlyUsd) + "-" + formatUsd(r.p95MonthlyUsd).substr(1);
    });
    row("per execution", [](const DeploymentResult& r) {
        auto v = r.cost.perExecutionUsd();
        return v ? model::formatUnitPrice(std::round(*v * 1e4) / 1e4) : std::string("-");
    });
    row("per million records", [](const DeploymentResult& r) {
        auto v = r.cost.perMillionRecordsUsd();
        return v ? formatUsd(*v) : std::string("-");
    });
    row("latency P50", [](const DeploymentResult& r) { return secondsText(r.latencyP50Seconds); });
    row("latency P95", [](const DeploymentResult& r) { return secondsText(r.latencyP95Seconds); });
    row("latency P99", [](const DeploymentResult& r) { return secondsText(r.latencyP99Seconds); });
    row("failed executions", [](const DeploymentResult& r) { return percent(r.failureRate()); });
    if (!deployments.empty() && deployments.front().slaSeconds)
        row("SLA misses", [](const DeploymentResult& r) { return percent(r.slaMissRate()); });
    row("cluster idle", [](const DeploymentResult& r) {
        return r.usage.clusterIdleShare
                   ? percent(*r.usage.clusterIdleShare) + " " + formatUsd(r.idleUsd)
                   : std::string("-");
    });
    return rows;
}

std::string Comparison::toText() const {
    const std::size_t labelWidth = 24;
    const std::vector<ComparisonRow> rows = tableRows();
    std::size_t column = 16; // wide enough for every deployment's name and widest figure
    for (const auto& r : deployments)
        column = std::max(column, r.name.size() + 2);
    for (const ComparisonRow& r : rows)
        for (const std::string& cell : r.cells)
            column = std::max(column, cell.size() + 2);
    std::ostringstream s;
    const auto line = [&](const std::string& label, const std::vector<std::string>& cells) {
        s << std::left << std::setw(static_cast<int>(labelWidth)) << label;
        for (const std::string& cell : cells)
            s << std::right << std::setw(static_cast<int>(column)) << cell;
        s << "\n";
    };
    std::vector<std::string> names;
    for (const auto& r : deployments)
        names.push_back(r.name);
    line("", names);
    for (const ComparisonRow& r : rows)
        line(r.label, r.cells);
    s << "\n" << recommendation << "\n";
    for (const DeploymentResult& r : deployments)
        if (!r.theory.services.empty())
            s << "\nsimulation vs theory, " << r.name << ":\n" << r.theory.toText();
    if (tornado) s << "\n" << tornado->toText();
    if (sweep.empty()) return s.str();
    s << "\nmonthly cost by " << (sweepRecords ? "records" : "executions")
      << " a day (Poisson arrivals; failed executions in brackets when any"
      << (sweepPlacement == SweepPlacement::Adaptive
              ? "; points placed adaptively, where the pilots' cost model bends and crosses"
              : "")
      << "):\n";
    s << std::left << std::setw(static_cast<int>(labelWidth)) << "per day";
    for (const auto& r : deployments)
        s << std::right << std::setw(static_cast<int>(column)) << r.name;
    s << "\n";
    for (const SweepPoint& p : sweep) {
        s << std::left << std::setw(static_cast<int>(labelWidth))
          << model::formatQuantity(std::round(p.perDay * 100) / 100);
        for (std::size_t i = 0; i < p.monthlyUsd.size(); ++i) {
            std::string cell = formatUsd(p.monthlyUsd[i]);
            if (p.failureRate[i] > 0.0005) cell += " (" + percent(p.failureRate[i]) + ")";
            s << std::right << std::setw(static_cast<int>(column)) << cell;
        }
        s << "\n";
    }
    const std::vector<double> failing = firstFailingRates(sweep);
    for (std::size_t i = 0; i < failing.size(); ++i)
        if (failing[i] > 0)
            s << deployments[i].name << " fails more than 1 % of its executions from "
              << model::formatQuantity(std::round(failing[i] * 100) / 100)
              << " a day on (queues, throttles, timeouts): no crossing is counted there\n";
    if (crossings.empty()) s << "no deployment overtakes another where both keep up\n";
    for (const Crossing& c : crossings)
        s << crossingWithPrediction(c) << "\n";
    for (const std::string& text : unmatchedPredictions())
        s << "the placement's model predicted, not found by the sweep: " << text << "\n";
    return s.str();
}

} // namespace flowcast::cost
