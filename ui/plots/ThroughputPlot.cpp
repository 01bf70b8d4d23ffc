#include "ui/plots/ThroughputPlot.h"

#include <algorithm>
#include <numeric>

namespace flowcast::ui {

namespace {

constexpr double kSecondsPerDay = 86400;
constexpr int kNamedBars = 12; // beyond, the ticks are numbers only

// Indexed by sim::EndStatus.
const char* const kStatusNames[] = {"succeeded", "failed", "timed out", "aborted"};
// Green for success, vermillion and orange for the failures, grey for aborted.
constexpr int kStatusColours[] = {2, 5, 1, 9};

} // namespace

ThroughputPlot::ThroughputPlot(QWidget* parent)
    : PlotWidget(tr("Throughput per replication"), parent) {
    placeLegendBelow(4);
    endData(false);
}

void ThroughputPlot::setReplications(const std::vector<const sim::Metrics*>& replications) {
    beginData();
    m_counts.clear();
    m_days.clear();
    m_replication.clear();
    m_mean = 0;

    // Data: per finished run, its executions by status and its simulated days.
    for (std::size_t r = 0; r < replications.size(); ++r) {
        const sim::Metrics* m = replications[r];
        if (!m || m->simulated().us <= 0) continue;
        m_counts.push_back(m->executions().byStatus);
        m_days.push_back(m->simulated().seconds() / kSecondsPerDay);
        m_replication.push_back(r);
    }
    if (m_days.empty()) return endData(false);

    const QVector<double> totals = addStatusBars();
    m_mean = std::accumulate(totals.begin(), totals.end(), 0.0) / totals.size();
    const double highest = *std::max_element(totals.begin(), totals.end());

    // The mean, dashed across the bars.
    auto* mean = new QCPItemStraightLine(this);
    mean->point1->setCoords(0, m_mean);
    mean->point2->setCoords(1, m_mean);
    mean->setPen(QPen(QColor("#444"), 1.2, Qt::DashLine));
    mean->setSelectable(false);
    const double right = static_cast<double>(m_days.size()) - 0.4;
    QCPItemText* label = addLabel(right, 0, tr("mean %1 a day").arg(quantityText(m_mean)));
    label->position->setTypeY(QCPItemPosition::ptPlotCoords);
    label->position->setCoords(right, m_mean);
    label->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);

    // Axes.
    QStringList names;
    for (const std::size_t r : m_replication)
        names.push_back(m_days.size() > kNamedBars ? QString::number(r + 1)
                                                   : tr("replication %1").arg(r + 1));
    setCategoryTicks(xAxis, names);
    xAxis->setRange(-0.6, right);
    xAxis->setLabel(m_days.size() > kNamedBars ? tr("replication") : QString());
    yAxis->setLabel(tr("executions ended a day"));
    setTicks(yAxis, TickFormat::Quantity);
    yAxis->setRange(0, std::max(highest, 1e-9) * 1.15);
    endData(true);
}

// A bar series per status that occurred, stacked in status order; returns each bar's height.
QVector<double> ThroughputPlot::addStatusBars() {
    QCPBars* below = nullptr;
    QVector<double> keys(static_cast<int>(m_days.size()));
    std::iota(keys.begin(), keys.end(), 0.0);
    QVector<double> totals(keys.size(), 0.0);
    for (std::size_t s = 0; s < sim::Metrics::kStatuses; ++s) {
        QVector<double> perDay;
        bool any = false;
        for (std::size_t b = 0; b < m_days.size(); ++b) {
            perDay.push_back(static_cast<double>(m_counts[b][s]) / m_days[b]);
            totals[static_cast<int>(b)] += perDay.back();
            any = any || m_counts[b][s] > 0;
        }
        if (!any) continue;
        auto* bars = new QCPBars(xAxis, yAxis);
        bars->setName(QString::fromLatin1(kStatusNames[s]));
        bars->setData(keys, perDay, true);
        bars->setWidth(0.6);
        bars->setPen(QPen(Qt::white, 0.5));
        bars->setBrush(seriesColour(kStatusColours[s]));
        bars->setStackingGap(0);
        if (below) bars->moveAbove(below);
        bars->addToLegend();
        m_bars[s] = bars;
        below = bars;
    }
    return totals;
}

QString ThroughputPlot::pointText(const QCPAbstractPlottable* plottable, int index) const {
    std::size_t s = 0;
    while (s < m_bars.size() && m_bars[s].data() != plottable)
        ++s;
    if (s == m_bars.size() || index < 0 || static_cast<std::size_t>(index) >= m_days.size())
        return {};
    const auto b = static_cast<std::size_t>(index);
    const std::uint64_t ended =
        std::accumulate(m_counts[b].begin(), m_counts[b].end(), std::uint64_t{0});
    return tr("replication %1, %2 simulated days\n%3: %4 of %5 ended (%6 a day)")
        .arg(QString::number(m_replication[b] + 1), quantityText(m_days[b]), plottable->name(),
             quantityText(static_cast<double>(m_counts[b][s])),
             quantityText(static_cast<double>(ended)),
             quantityText(static_cast<double>(m_counts[b][s]) / m_days[b]));
}

} // namespace flowcast::ui
