#include "ui/plots/LatencyPlot.h"

#include <algorithm>
#include <cmath>

namespace flowcast::ui {

namespace {

constexpr double kUsPerSecond = 1e6;
constexpr double kHeadroom = 1.3; // above the tallest bar, for the percentile labels

struct Bins {
    double fromUs = 0;
    double widthUs = 1;
    std::vector<double> counts;
};

// Rice's rule, 2·∛n bins: the shape of a few hundred executions without a bar per execution.
int binCountFor(std::uint64_t samples) {
    const int rice = static_cast<int>(std::ceil(2 * std::cbrt(static_cast<double>(samples))));
    return std::clamp(rice, 1, LatencyPlot::kMaxBins);
}

// Equal-width bins from the fastest to the slowest execution. Each of the histogram's buckets
// (at most 0.78 % of its value wide) counts in the bin holding its middle, kept within the
// samples' range, so the first and the last bin hold the extremes.
Bins binned(const sim::Histogram& h) {
    const auto lo = static_cast<double>(h.min());
    const auto hi = static_cast<double>(h.max());
    Bins b;
    const int n = hi > lo ? binCountFor(h.count()) : 1;
    b.widthUs = hi > lo ? (hi - lo) / n : std::max(1.0, lo * 0.02);
    b.fromUs = hi > lo ? lo : lo - b.widthUs / 2;
    b.counts.assign(static_cast<std::size_t>(n), 0.0);
    const model::Json json = h.toJson(true);
    for (const auto& bucket : json["buckets"]) {
        const auto lower = bucket[0].get<std::uint64_t>();
        const double width =
            static_cast<double>(sim::Histogram::width(sim::Histogram::bucketOf(lower)));
        const double middle = std::clamp(static_cast<double>(lower) + width / 2, lo, hi);
        const int k = std::clamp(static_cast<int>((middle - b.fromUs) / b.widthUs), 0, n - 1);
        b.counts[static_cast<std::size_t>(k)] += bucket[1].get<double>();
    }
    return b;
}

} // namespace

LatencyPlot::LatencyPlot(QWidget* parent) : PlotWidget(tr("End-to-end latency"), parent) {
    endData(false);
}

void LatencyPlot::setHistogram(const sim::Histogram& latencyUs) {
    beginData();
    m_count = latencyUs.count();
    m_markers = {};
    if (latencyUs.isEmpty()) return endData(false);

    // Data: bins in the axis's unit, the cumulative share at each bin's upper edge.
    const Bins b = binned(latencyUs);
    m_unit = timeUnitFor(static_cast<double>(latencyUs.max()) / kUsPerSecond);
    const double usPerUnit = kUsPerSecond * m_unit.seconds;
    m_binWidth = b.widthUs / usPerUnit;
    QVector<double> keys, counts, edges{b.fromUs / usPerUnit}, shares{0.0};
    double cumulative = 0, tallest = 0;
    for (std::size_t k = 0; k < b.counts.size(); ++k) {
        keys.push_back((b.fromUs + (static_cast<double>(k) + 0.5) * b.widthUs) / usPerUnit);
        counts.push_back(b.counts[k]);
        cumulative += b.counts[k];
        tallest = std::max(tallest, b.counts[k]);
        edges.push_back((b.fromUs + static_cast<double>(k + 1) * b.widthUs) / usPerUnit);
        shares.push_back(100.0 * cumulative / static_cast<double>(m_count));
    }

    // Plottables and style.
    m_bars = new QCPBars(xAxis, yAxis);
    m_bars->setName(tr("executions"));
    m_bars->setData(keys, counts, true);
    m_bars->setWidth(m_binWidth);
    m_bars->setPen(QPen(Qt::white, 0.8));
    m_bars->setBrush(seriesColour(0));
    const QColor cdfColour = seriesColour(5);
    m_cdf = new QCPGraph(xAxis, yAxis2);
    m_cdf->setName(tr("cumulative %"));
    m_cdf->setData(edges, shares, true);
    m_cdf->setPen(QPen(cdfColour, 2));

    // Axes: counts on the left, the share on the right (its ticks up to 100 % only).
    xAxis->setLabel(tr("end-to-end latency (%1)").arg(m_unit.name));
    setTicks(xAxis, TickFormat::Quantity);
    xAxis->setRange(edges.front() - 0.6 * m_binWidth, edges.back() + 0.6 * m_binWidth);
    yAxis->setLabel(tr("executions"));
    setTicks(yAxis, TickFormat::Count);
    yAxis->setRange(0, std::max(1.0, tallest) * kHeadroom);
    setShareAxis(cdfColour);
    addMarkers(latencyUs);
    endData(true);
}

void LatencyPlot::setShareAxis(const QColor& colour) {
    auto ticks = QSharedPointer<QCPAxisTickerText>::create();
    for (int p = 0; p <= 100; p += 25)
        ticks->addTick(p, QString::number(p));
    yAxis2->setTicker(ticks);
    yAxis2->setVisible(true);
    yAxis2->setLabel(tr("cumulative %"));
    yAxis2->setLabelColor(colour);
    yAxis2->setTickLabelColor(colour);
    yAxis2->setRange(0, 100 * kHeadroom);
}

// P50, P95, P99: a dashed line each, labels a row apart so that close ones stay legible, left
// of their line in the right third of the axis.
void LatencyPlot::addMarkers(const sim::Histogram& latencyUs) {
    const std::array<std::pair<double, const char*>, 3> marks{
        {{0.50, "P50"}, {0.95, "P95"}, {0.99, "P99"}}};
    const double rightThird = xAxis->range().lower + xAxis->range().size() * 0.65;
    for (std::size_t i = 0; i < marks.size(); ++i) {
        const double us = latencyUs.quantile(marks[i].first);
        m_markers[i] = us / kUsPerSecond / m_unit.seconds;
        addVerticalLine(m_markers[i], QColor("#444"));
        QCPItemText* label =
            addLabel(m_markers[i], 0.02 + 0.075 * static_cast<double>(i),
                     QStringLiteral("%1 %2").arg(QString::fromLatin1(marks[i].second),
                                                 durationText(us / kUsPerSecond)));
        if (m_markers[i] > rightThird) label->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    }
}

QString LatencyPlot::pointText(const QCPAbstractPlottable* plottable, int index) const {
    if (plottable == m_bars.data() && index < m_bars->dataCount()) {
        const double middle = m_bars->data()->at(index)->key;
        const double count = m_bars->data()->at(index)->value;
        const double share =
            100.0 * count / static_cast<double>(std::max<std::uint64_t>(m_count, 1));
        return tr("%1 – %2 %3\n%4 executions (%5 %)")
            .arg(quantityText(middle - m_binWidth / 2), quantityText(middle + m_binWidth / 2),
                 m_unit.name, quantityText(count), QString::number(share, 'f', 1));
    }
    if (plottable == m_cdf.data() && index < m_cdf->dataCount()) {
        return tr("≤ %1 %2\n%3 % of executions")
            .arg(quantityText(m_cdf->data()->at(index)->key), m_unit.name,
                 QString::number(m_cdf->data()->at(index)->value, 'f', 1));
    }
    return {};
}

} // namespace flowcast::ui
