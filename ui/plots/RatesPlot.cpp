#include "ui/plots/RatesPlot.h"

#include <algorithm>

namespace flowcast::ui {

namespace {

using Activity = sim::Metrics::Activity;

struct ChannelStyle {
    const char* name;
    int colour;
    bool signal; ///< on the right axis, dashed
};
// Indexed by Activity. Green for success, vermillion for failure, as the other plots.
constexpr ChannelStyle kChannels[] = {
    {"started", 0, false},         {"succeeded", 2, false},
    {"did not succeed", 5, false}, {"retries (at the visit's end)", 1, true},
    {"throttles", 3, true},        {"cold starts", 8, true},
};
static_assert(std::size(kChannels) == sim::Metrics::kActivities);

// A point holds about this many started executions, with 10 to 200 points across the run.
constexpr std::size_t kEventsPerPoint = 5;
constexpr std::size_t kMinPoints = 10;
constexpr std::size_t kMaxPoints = 200;

/// Buckets per point: about `desired`, moved up (at most ×4) to span a whole number of days
/// (or hours, or minutes, as the run's length asks), so that a pipeline that runs once a day
/// counts the same runs in every point instead of alternating between one and two.
std::size_t alignedGroup(std::size_t desired, sim::SimTime width, double spanSeconds) {
    const std::int64_t period = spanSeconds >= 3 * 86400  ? std::int64_t{86'400'000'000}
                                : spanSeconds >= 3 * 3600 ? std::int64_t{3'600'000'000}
                                                          : std::int64_t{60'000'000};
    for (std::size_t g = desired; g <= 4 * desired; ++g)
        if ((static_cast<std::int64_t>(g) * width.us) % period == 0) return g;
    return desired;
}

/// "day" for an axis in days: rates read "per day", "per h".
QString perUnit(const TimeUnit& unit) {
    return unit.name == QLatin1String("days") ? QStringLiteral("day") : unit.name;
}

} // namespace

RatesPlot::RatesPlot(QWidget* parent) : PlotWidget(tr("Rates over time"), parent) {
    placeLegendBelow(3);
    endData(false);
}

void RatesPlot::setMetrics(const sim::Metrics& metrics) {
    beginData();
    for (auto& g : m_graphs)
        g = nullptr;
    for (auto& c : m_counts)
        c.clear();
    yAxis2->setVisible(false);

    // Data: the series' buckets grouped so that a point holds a handful of executions (a
    // rate read from one or two events is noise), as events per unit of the time axis.
    const sim::CountSeries& series = metrics.activity();
    const std::size_t buckets = series.bucketCount();
    if (buckets == 0 || !series.isFinished()) return endData(false);
    const std::size_t points = std::clamp<std::size_t>(
        series.total(static_cast<std::size_t>(Activity::Started)) / kEventsPerPoint, kMinPoints,
        kMaxPoints);
    const double spanSeconds = series.bucketWidth().seconds() * static_cast<double>(buckets);
    m_group = alignedGroup(std::max<std::size_t>(1, (buckets + points - 1) / points),
                           series.bucketWidth(), spanSeconds);
    m_unit = timeUnitFor(spanSeconds);
    m_bucketWidth = series.bucketWidth().seconds() * static_cast<double>(m_group) / m_unit.seconds;

    double highest[2] = {0, 0};
    bool any = false;
    for (std::size_t c = 0; c < sim::Metrics::kActivities; ++c) {
        if (series.total(c) == 0) continue;
        const ChannelStyle& style = kChannels[c];
        const QCPGraphDataContainer data = channelData(series, c);
        if (data.isEmpty()) continue;
        for (auto d = data.constBegin(); d != data.constEnd(); ++d)
            highest[style.signal] = std::max(highest[style.signal], d->value);
        auto* graph = new QCPGraph(xAxis, style.signal ? yAxis2 : yAxis);
        graph->setName(tr(style.name));
        *graph->data() = data;
        graph->setLineStyle(QCPGraph::lsStepLeft);
        graph->setPen(
            QPen(seriesColour(style.colour), 1.6, style.signal ? Qt::DashLine : Qt::SolidLine));
        graph->addToLegend();
        m_graphs[c] = graph;
        any = true;
    }
    if (!any) return endData(false);
    setAxes(spanSeconds, highest[0], highest[1]);
    endData(true);
}

// One channel's points: per group of buckets the run covered, its count over its covered time
// in events per unit, closed by a last point at the end of the last group. Fills m_counts.
QCPGraphDataContainer RatesPlot::channelData(const sim::CountSeries& series, std::size_t c) {
    QCPGraphDataContainer data;
    const std::size_t buckets = series.bucketCount();
    for (std::size_t first = 0; first < buckets; first += m_group) {
        std::uint64_t count = 0;
        std::int64_t covered = 0;
        for (std::size_t k = first; k < std::min(buckets, first + m_group); ++k) {
            count += series.count(c, k);
            covered += series.coveredUs(k);
        }
        if (covered == 0) continue;
        const double key = static_cast<double>(first / m_group) * m_bucketWidth;
        data.add(QCPGraphData(key, static_cast<double>(count) * 1e6 / static_cast<double>(covered) *
                                       m_unit.seconds));
        m_counts[c].push_back(count);
    }
    if (!data.isEmpty())
        data.add(
            QCPGraphData((data.constEnd() - 1)->key + m_bucketWidth, (data.constEnd() - 1)->value));
    return data;
}

void RatesPlot::setAxes(double spanSeconds, double highest, double highestSignal) {
    xAxis->setLabel(tr("simulated time (%1)").arg(m_unit.name));
    setTicks(xAxis, TickFormat::Quantity);
    xAxis->setRange(0, spanSeconds / m_unit.seconds);
    yAxis->setLabel(tr("executions per %1").arg(perUnit(m_unit)));
    setTicks(yAxis, TickFormat::Quantity);
    yAxis->setRange(0, std::max(highest, 1e-9) * 1.1);
    if (highestSignal > 0) {
        yAxis2->setVisible(true);
        yAxis2->setLabel(tr("retries, throttles, cold starts per %1").arg(perUnit(m_unit)));
        setTicks(yAxis2, TickFormat::Quantity);
        yAxis2->setRange(0, highestSignal * 1.1);
    }
}

QString RatesPlot::pointText(const QCPAbstractPlottable* plottable, int index) const {
    std::size_t c = 0;
    while (c < m_graphs.size() && m_graphs[c].data() != plottable)
        ++c;
    if (c == m_graphs.size() || index < 0 || m_counts[c].empty()) return {};
    // The closing point stands for the last bucket.
    const auto k = std::min(static_cast<std::size_t>(index), m_counts[c].size() - 1);
    const double from = m_graphs[c]->data()->at(static_cast<int>(k))->key;
    const auto time = [](double v) { return QString::number(v, 'f', v < 10 ? 2 : 1); };
    return tr("%1\n%2 – %3 %4\n%5 per %6 (%7 counted)")
        .arg(plottable->name(), time(from), time(from + m_bucketWidth), m_unit.name,
             quantityText(m_graphs[c]->data()->at(static_cast<int>(k))->value), perUnit(m_unit),
             quantityText(static_cast<double>(m_counts[c][k])));
}

} // namespace flowcast::ui
