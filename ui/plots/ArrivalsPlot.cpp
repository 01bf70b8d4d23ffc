#include "ui/plots/ArrivalsPlot.h"

#include <numeric>

namespace flowcast::ui {

ArrivalsPlot::ArrivalsPlot(QWidget* parent) : PlotWidget(tr("Arrivals, first day"), parent) {
    endData(false, tr("No workload to preview"));
}

void ArrivalsPlot::setArrivals(const std::vector<double>& counts, double bucketSeconds,
                               bool records, const QString& why) {
    beginData();
    m_bars = nullptr;
    m_bucketSeconds = bucketSeconds;
    m_records = records;
    m_total = std::accumulate(counts.begin(), counts.end(), 0.0);
    if (counts.empty()) return endData(false, why);
    const bool hours = bucketSeconds >= 3600;
    setTitle(hours ? tr("Arrivals, first day") : tr("Arrivals, first hour"));
    m_bars = new QCPBars(xAxis, yAxis);
    m_bars->setName(records ? tr("records") : tr("executions"));
    m_bars->setBrush(seriesColour(0));
    m_bars->setPen(QPen(seriesColour(0).darker(120)));
    m_bars->setWidth(0.9);
    QVector<double> keys, values;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        keys << static_cast<double>(i) + 0.5;
        values << counts[i];
    }
    m_bars->setData(keys, values, true);
    xAxis->setLabel(hours ? tr("hour of the day (UTC)") : tr("minute"));
    yAxis->setLabel(records ? tr("records per %1").arg(hours ? tr("hour") : tr("minute"))
                            : tr("executions per %1").arg(hours ? tr("hour") : tr("minute")));
    setTicks(yAxis, records ? TickFormat::Quantity : TickFormat::Count);
    xAxis->setRange(0, static_cast<double>(counts.size()));
    const double highest = *std::max_element(values.begin(), values.end());
    yAxis->setRange(0, highest > 0 ? highest * 1.15 : 1);
    endData(m_total > 0, tr("No arrivals in the first day"));
}

QString ArrivalsPlot::pointText(const QCPAbstractPlottable* plottable, int index) const {
    if (plottable != m_bars || index < 0 || index >= m_bars->data()->size()) return {};
    const double value = (m_bars->data()->constBegin() + index)->value;
    const bool hours = m_bucketSeconds >= 3600;
    return tr("%1 %2 in %3 %4")
        .arg(quantityText(value), m_records ? tr("records") : tr("executions"),
             hours ? tr("hour") : tr("minute"))
        .arg(index);
}

} // namespace flowcast::ui
