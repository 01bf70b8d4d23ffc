#include "ui/plots/CostBarsPlot.h"

#include "simulator/cost/ReportCharts.h"

#include <algorithm>

namespace flowcast::ui {

namespace {

constexpr int kWrapChars = 18; // a deployment's name wraps on words past this

QString wrapped(const QString& name) {
    QStringList lines;
    for (const QString& word : name.split(' ', Qt::SkipEmptyParts)) {
        if (!lines.isEmpty() && lines.back().size() + 1 + word.size() <= kWrapChars)
            lines.back() += ' ' + word;
        else
            lines.push_back(word);
    }
    return lines.join('\n');
}

} // namespace

CostBarsPlot::CostBarsPlot(QWidget* parent)
    : PlotWidget(tr("Monthly cost per deployment, by service"), parent) {
    placeLegendBelow(4);
    endData(false);
}

QCPBars* CostBarsPlot::serviceBars(int service) const {
    auto* self = const_cast<CostBarsPlot*>(this); // QCustomPlot::plottable(int) is not const
    return service >= 0 && service < plottableCount()
               ? qobject_cast<QCPBars*>(self->plottable(service))
               : nullptr;
}

void CostBarsPlot::setComparison(const cost::Comparison& comparison) {
    beginData();
    m_services.clear();
    m_deployments.clear();
    m_totals.clear();

    // Data: the report's totals per service and deployment.
    std::vector<std::string> notDrawn;
    const auto drawn = cost::report::drawnServices(cost::report::byService(comparison), notDrawn);
    for (const auto& d : comparison.deployments) {
        m_deployments.push_back(QString::fromStdString(d.name));
        m_totals.push_back(d.cost.monthlyUsd);
    }
    if (m_deployments.isEmpty() || drawn.services.empty()) return endData(false);

    // Plottables: a bar series per service, each stacked on the one before.
    QVector<double> keys;
    for (int d = 0; d < m_deployments.size(); ++d)
        keys.push_back(d);
    QCPBars* below = nullptr;
    for (std::size_t s = 0; s < drawn.services.size(); ++s) {
        auto* bars = new QCPBars(xAxis, yAxis);
        m_services.push_back(QString::fromStdString(drawn.services[s]));
        bars->setName(m_services.back());
        bars->setData(keys, QVector<double>(drawn.usd[s].begin(), drawn.usd[s].end()), true);
        bars->setWidth(0.55);
        bars->setStackingGap(0);
        bars->setPen(QPen(Qt::white, 0.5));
        bars->setBrush(seriesColour(static_cast<int>(s)));
        if (below) bars->moveAbove(below);
        bars->addToLegend();
        below = bars;
    }

    addTotals();

    // Axes.
    QStringList names;
    for (const QString& name : m_deployments)
        names.push_back(wrapped(name));
    setCategoryTicks(xAxis, names);
    xAxis->setRange(-0.6, static_cast<double>(m_deployments.size()) - 0.4);
    yAxis->setLabel(tr("USD a month"));
    setTicks(yAxis, TickFormat::Usd);
    const double highest = *std::max_element(m_totals.begin(), m_totals.end());
    yAxis->setRange(0, std::max(highest, 0.01) * 1.12);
    endData(true);
}

// The total above each bar, in cents.
void CostBarsPlot::addTotals() {
    for (int d = 0; d < m_deployments.size(); ++d) {
        const double usd = m_totals[static_cast<std::size_t>(d)];
        auto* total = new QCPItemText(this);
        total->position->setCoords(d, usd);
        total->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        total->setText(usdText(usd));
        total->setFont(QFont(font().family(), 9, QFont::DemiBold));
        total->setPadding(QMargins(0, 0, 0, 3));
        total->setSelectable(false);
    }
}

QString CostBarsPlot::pointText(const QCPAbstractPlottable* plottable, int index) const {
    const auto* bars = qobject_cast<const QCPBars*>(plottable);
    if (!bars || index < 0 || index >= m_deployments.size()) return {};
    const double usd = bars->data()->at(index)->value;
    const double total = m_totals[static_cast<std::size_t>(index)];
    return tr("%1\n%2: %3 a month (%4 % of %5)")
        .arg(m_deployments[index], bars->name(), usdText(usd),
             QString::number(total > 0 ? 100 * usd / total : 0, 'f', 1), usdText(total));
}

} // namespace flowcast::ui
