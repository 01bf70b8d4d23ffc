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

    // Data: the channels that counted something, as events per unit of the time axis.
    const sim::CountSeries& series = metrics.activity();
    const std::size_t buckets = series.bucketCount();
    const double spanSeconds = series.bucketWidth().seconds() * static_cast<double>(buckets);
    if (buckets == 0 || !series.isFinished()) return endData(false);
    m_unit = timeUnitFor(spanSeconds);
    m_bucketWidth = series.bucketWidth().seconds() / m_unit.seconds;

    double highest[2] = {0, 0};
    bool any = false;
    for (std::size_t c = 0; c < sim::Metrics::kActivities; ++c) {
        if (series.total(c) == 0) continue;
        const ChannelStyle& style = kChannels[c];
        QVector<double> keys, rates;
        for (std::size_t k = 0; k < buckets; ++k) {
            if (series.coveredUs(k) == 0) continue;
            keys.push_back(static_cast<double>(k) * m_bucketWidth);
            rates.push_back(series.ratePerSecond(c, k) * m_unit.seconds);
            highest[style.signal] = std::max(highest[style.signal], rates.back());
            m_counts[c].push_back(series.count(c, k));
        }
        if (keys.isEmpty()) continue;
        keys.push_back(keys.back() + m_bucketWidth); // close the last step
        rates.push_back(rates.back());
        auto* graph = new QCPGraph(xAxis, style.signal ? yAxis2 : yAxis);
        graph->setName(tr(style.name));
        graph->setData(keys, rates, true);
        graph->setLineStyle(QCPGraph::lsStepLeft);
        graph->setPen(
            QPen(seriesColour(style.colour), 1.6, style.signal ? Qt::DashLine : Qt::SolidLine));
        graph->addToLegend();
        m_graphs[c] = graph;
        any = true;
    }
    if (!any) return endData(false);

    // Axes.
    xAxis->setLabel(tr("simulated time (%1)").arg(m_unit.name));
    setTicks(xAxis, TickFormat::Quantity);
    xAxis->setRange(0, spanSeconds / m_unit.seconds);
    yAxis->setLabel(tr("executions per %1").arg(perUnit(m_unit)));
    setTicks(yAxis, TickFormat::Quantity);
    yAxis->setRange(0, std::max(highest[0], 1e-9) * 1.1);
    if (highest[1] > 0) {
        yAxis2->setVisible(true);
        yAxis2->setLabel(tr("retries, throttles, cold starts per %1").arg(perUnit(m_unit)));
        setTicks(yAxis2, TickFormat::Quantity);
        yAxis2->setRange(0, highest[1] * 1.1);
    }
    endData(true);
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
