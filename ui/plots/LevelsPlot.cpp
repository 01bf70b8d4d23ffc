#include "ui/plots/LevelsPlot.h"

#include <algorithm>

namespace flowcast::ui {

LevelsPlot::LevelsPlot(QWidget* parent) : PlotWidget(tr("Levels over time"), parent) {
    placeLegendBelow(3);
    endData(false);
}

void LevelsPlot::setLevels(const sim::Metrics& metrics,
                           const std::vector<std::string>& seriesNames) {
    beginData();
    m_ids.clear();
    m_bucketMax.clear();
    m_bucketWidth.clear();

    // Data: the series that ever held a level; a series that stayed at 0 (a queue that never
    // formed) would only hide the others.
    std::vector<const sim::LevelSeries*> drawn;
    double spanSeconds = 0, highest = 0;
    for (std::size_t id = 0; metrics.levelSeries(id) || id < seriesNames.size(); ++id) {
        const sim::LevelSeries* s = metrics.levelSeries(id);
        if (!s || s->bucketCount() == 0 || s->max() <= 0) continue;
        drawn.push_back(s);
        m_ids.push_back(id);
        spanSeconds = std::max(spanSeconds,
                               s->bucketWidth().seconds() * static_cast<double>(s->bucketCount()));
    }
    if (drawn.empty()) return endData(false);
    m_unit = timeUnitFor(spanSeconds);

    // Plottables: a step line per series at its bucket means, closed at the last bucket's end.
    for (std::size_t g = 0; g < drawn.size(); ++g) {
        const sim::LevelSeries& s = *drawn[g];
        const double width = s.bucketWidth().seconds() / m_unit.seconds;
        QVector<double> keys, means;
        std::vector<double> maxima;
        for (std::size_t k = 0; k < s.bucketCount(); ++k) {
            keys.push_back(static_cast<double>(k) * width);
            means.push_back(s.bucketMean(k));
            maxima.push_back(s.bucketMax(k));
            highest = std::max(highest, means.back());
        }
        keys.push_back(static_cast<double>(s.bucketCount()) * width);
        means.push_back(means.back());
        const std::size_t id = m_ids[g];
        const std::string name =
            id < seriesNames.size() ? seriesNames[id] : "#" + std::to_string(id);
        auto* graph = new QCPGraph(xAxis, yAxis);
        graph->setName(QString::fromStdString(name));
        graph->setData(keys, means, true);
        graph->setLineStyle(QCPGraph::lsStepLeft);
        const bool queue = name.ends_with("/queue");
        graph->setPen(
            QPen(seriesColour(static_cast<int>(g)), 1.6, queue ? Qt::DashLine : Qt::SolidLine));
        graph->addToLegend();
        m_bucketMax.push_back(std::move(maxima));
        m_bucketWidth.push_back(width);
    }

    // Axes.
    xAxis->setLabel(tr("simulated time (%1)").arg(m_unit.name));
    setTicks(xAxis, TickFormat::Quantity);
    xAxis->setRange(0, spanSeconds / m_unit.seconds);
    yAxis->setLabel(
        tr("level (mean per %1)").arg(durationText(m_bucketWidth.front() * m_unit.seconds)));
    setTicks(yAxis, TickFormat::Quantity);
    yAxis->setRange(0, std::max(highest, 1e-9) * 1.1);
    endData(true);
}

QString LevelsPlot::pointText(const QCPAbstractPlottable* plottable, int index) const {
    std::size_t g = 0;
    while (g < m_bucketMax.size() && graph(static_cast<int>(g)) != plottable)
        ++g;
    if (g == m_bucketMax.size() || index < 0) return {};
    // The closing point (one past the last bucket) stands for the last bucket.
    const auto k = std::min(static_cast<std::size_t>(index), m_bucketMax[g].size() - 1);
    const double from = static_cast<double>(k) * m_bucketWidth[g];
    const auto time = [](double v) { return QString::number(v, 'f', v < 10 ? 2 : 1); };
    return tr("%1\n%2 – %3 %4\nmean %5, max %6")
        .arg(plottable->name(), time(from), time(from + m_bucketWidth[g]), m_unit.name,
             quantityText(graph(static_cast<int>(g))->data()->at(static_cast<int>(k))->value),
             quantityText(m_bucketMax[g][k]));
}

} // namespace flowcast::ui
