#include "ui/plots/DistributionPlot.h"

#include "simulator/core/RandomStream.h"
#include "simulator/services/Distribution.h"

#include <algorithm>
#include <cmath>

namespace flowcast::ui {

namespace {

// Any fixed seed will do: the preview must not change between two looks at the same numbers.
constexpr std::uint64_t kSeed = 20260101;
constexpr int kBins = 40;
// The axis ends at the 99.9th percentile: a heavy tail would squash the body into one bar.
constexpr double kAxisQuantile = 0.999;

// Bytes read best in the decimal unit that fits the 99th percentile (Athena bills per MB/TB).
std::pair<double, QString> bytesUnitFor(double bytes) {
    const std::pair<double, const char*> units[] = {
        {1e12, "TB"}, {1e9, "GB"}, {1e6, "MB"}, {1e3, "kB"}};
    for (const auto& [size, name] : units)
        if (bytes >= size) return {size, QString::fromLatin1(name)};
    return {1, QStringLiteral("B")};
}

double quantile(const std::vector<double>& sorted, double q) {
    const auto i = static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1));
    return sorted[i];
}

} // namespace

DistributionPlot::DistributionPlot(QWidget* parent) : PlotWidget(tr("Preview"), parent) {
    setMinimumHeight(150);
    // A small plot beside a form: its title (the distribution's description) in a small font.
    if (auto* title = qobject_cast<QCPTextElement*>(plotLayout()->element(0, 0)))
        title->setFont(QFont(title->font().family(), 9, QFont::Bold));
    endData(false, tr("Nothing to preview"));
}

void DistributionPlot::setDistribution(const sim::Distribution* distribution, const QString& unit,
                                       const QString& why) {
    beginData();
    m_bars = nullptr;
    m_p50 = m_p99 = 0;
    m_unit = unit;
    if (!distribution) return endData(false, why.isEmpty() ? tr("Nothing to preview") : why);
    sim::RandomStream random(kSeed);
    std::vector<double> values(kSamples);
    for (double& v : values)
        v = distribution->sample(random);
    std::sort(values.begin(), values.end());
    m_p50 = quantile(values, 0.5);
    m_p99 = quantile(values, 0.99);
    const bool seconds = unit == QLatin1String("s");
    const TimeUnit time = timeUnitFor(m_p99);
    const auto [bytes, bytesName] = bytesUnitFor(m_p99);
    m_scale = seconds ? time.seconds : unit == QLatin1String("B") ? bytes : 1.0;
    m_axisUnit = seconds ? time.name : unit == QLatin1String("B") ? bytesName : unit;

    // Data: equal bins from the smallest sample to the axis quantile, in the axis unit.
    const double lo = values.front() / m_scale;
    const double hi = std::max(quantile(values, kAxisQuantile) / m_scale, lo + 1e-9);
    m_binWidth = (hi - lo) / kBins;
    QVector<double> keys(kBins), counts(kBins, 0.0);
    for (int k = 0; k < kBins; ++k)
        keys[k] = lo + (k + 0.5) * m_binWidth;
    for (double v : values) {
        const int k = static_cast<int>((v / m_scale - lo) / m_binWidth);
        if (k >= 0 && k <= kBins) counts[std::min(k, kBins - 1)] += 1;
    }

    m_bars = new QCPBars(xAxis, yAxis);
    m_bars->setName(tr("samples"));
    m_bars->setData(keys, counts, true);
    m_bars->setWidth(m_binWidth);
    m_bars->setPen(QPen(Qt::white, 0.5));
    m_bars->setBrush(seriesColour(0));

    xAxis->setLabel(m_axisUnit);
    setTicks(xAxis, TickFormat::Quantity);
    xAxis->setRange(lo - m_binWidth, hi + m_binWidth);
    yAxis->setLabel(QString());
    yAxis->setTickLabels(false);
    yAxis->setRange(0, *std::max_element(counts.begin(), counts.end()) * 1.35);
    addMarker(m_p50, 0.03, QStringLiteral("P50"));
    addMarker(m_p99, 0.3, QStringLiteral("P99"));
    // The simulator's description speaks of seconds: other quantities get their percentiles.
    setTitle(seconds ? QString::fromStdString(distribution->describe())
                     : tr("median %1, p99 %2").arg(valueText(m_p50), valueText(m_p99)));
    endData(true);
}

void DistributionPlot::addMarker(double value, double yRatio, const QString& name) {
    const double x = value / m_scale;
    addVerticalLine(x, QColor("#444"));
    QCPItemText* label = addLabel(x, yRatio, name + QLatin1Char(' ') + valueText(value));
    const QCPRange range = xAxis->range();
    if (x > range.lower + 0.6 * range.size())
        label->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
}

QString DistributionPlot::valueText(double value) const {
    if (m_unit == QLatin1String("s")) return durationText(value);
    const QString number = QString::number(value / m_scale, 'g', 3);
    return m_axisUnit.isEmpty() ? number : number + QLatin1Char(' ') + m_axisUnit;
}

QString DistributionPlot::pointText(const QCPAbstractPlottable* plottable, int index) const {
    if (plottable != m_bars || index < 0 || index >= m_bars->dataCount()) return {};
    const double middle = m_bars->data()->at(index)->key;
    const double count = m_bars->data()->at(index)->value;
    return tr("%1 – %2\n%3 % of samples")
        .arg(valueText((middle - m_binWidth / 2) * m_scale),
             valueText((middle + m_binWidth / 2) * m_scale))
        .arg(100.0 * count / kSamples, 0, 'f', 1);
}

} // namespace flowcast::ui
