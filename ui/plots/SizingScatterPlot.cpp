#include "ui/plots/SizingScatterPlot.h"

#include "simulator/cost/ReportFormat.h"

#include <algorithm>
#include <limits>

namespace flowcast::ui {

namespace {

constexpr double kFailing = 0.01; // as the sweep's best sizes: above this a size is not chosen

} // namespace

SizingScatterPlot::SizingScatterPlot(QWidget* parent)
    : PlotWidget(tr("Sizing: monthly cost against latency"), parent) {
    placeLegendBelow(3);
    endData(false);
}

QCPCurve* SizingScatterPlot::curve(int deployment) const {
    return deployment >= 0 && static_cast<std::size_t>(deployment) < m_curves.size()
               ? m_curves[static_cast<std::size_t>(deployment)]
               : nullptr;
}

void SizingScatterPlot::setSweep(const cost::SweepResult& sweep) {
    beginData();
    m_curves.clear();
    m_points.clear();
    m_deployments.clear();
    m_labels.clear();
    if (!cost::isSizing(sweep.spec.axis))
        return endData(false, tr("Not a sizing sweep: see the break-even plot"));
    m_sizeUnit = QString::fromStdString(cost::sweepUnit(sweep.spec.axis));

    // Data: per deployment, the sizes at which it ended executions.
    double slowest = 0, lowest = std::numeric_limits<double>::max(), highest = 0;
    for (std::size_t d = 0; d < sweep.spec.deployments.size(); ++d) {
        std::vector<Point> points;
        for (const cost::SweepRow& row : sweep.rows) {
            if (d >= row.deployments.size() || row.deployments[d].ended == 0) continue;
            const cost::SweepFigures& f = row.deployments[d];
            points.push_back({row.value, f.latencyMeanSeconds, f.monthlyUsd, f.failureRate});
            slowest = std::max(slowest, f.latencyMeanSeconds);
            lowest = std::min(lowest, f.monthlyUsd);
            highest = std::max(highest, f.monthlyUsd);
        }
        m_points.push_back(std::move(points));
        m_deployments.push_back(QString::fromStdString(sweep.spec.deployments[d].name));
    }
    if (highest <= 0 && slowest <= 0) return endData(false);
    m_unit = timeUnitFor(slowest);

    for (std::size_t d = 0; d < m_points.size(); ++d)
        addDeployment(d);

    // Axes, with room right and above for the labels.
    xAxis->setLabel(tr("mean end-to-end latency (%1)").arg(m_unit.name));
    setTicks(xAxis, TickFormat::Quantity);
    xAxis->setRange(0, slowest / m_unit.seconds * 1.15);
    yAxis->setLabel(tr("USD a month"));
    setTicks(yAxis, TickFormat::Usd);
    const double pad = std::max(highest - lowest, highest * 0.05 + 0.01) * 0.15;
    yAxis->setRange(std::max(0.0, lowest - pad), highest + 2 * pad);
    endData(true);
}

// A curve through the deployment's sizes, in grid order, and a label at each point.
void SizingScatterPlot::addDeployment(std::size_t d) {
    const QColor colour = seriesColour(static_cast<int>(d));
    auto* curve = new QCPCurve(xAxis, yAxis);
    curve->setName(m_deployments[static_cast<int>(d)]);
    curve->setPen(QPen(colour, 1.5));
    curve->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, 8));
    curve->addToLegend();
    for (std::size_t i = 0; i < m_points[d].size(); ++i) {
        const Point& p = m_points[d][i];
        const double x = p.latencySeconds / m_unit.seconds;
        curve->addData(static_cast<double>(i), x, p.usd);
        QString text = QStringLiteral("%1 %2").arg(quantityText(p.size), m_sizeUnit);
        if (p.failureRate > kFailing)
            text +=
                tr(" (fails %1)").arg(QString::fromStdString(cost::report::percent(p.failureRate)));
        auto* label = new QCPItemText(this);
        label->position->setCoords(x, p.usd);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        label->setPadding(QMargins(6, 0, 0, 4));
        label->setText(text);
        label->setColor(colour.darker(140));
        label->setFont(QFont(font().family(), 8));
        label->setSelectable(false);
        m_labels.push_back(text);
    }
    m_curves.push_back(curve);
}

QString SizingScatterPlot::pointText(const QCPAbstractPlottable* plottable, int index) const {
    const auto it = std::find(m_curves.begin(), m_curves.end(), plottable);
    if (it == m_curves.end() || index < 0) return {};
    const auto d = static_cast<std::size_t>(it - m_curves.begin());
    // A curve's data is sorted by t, the size's place in the grid: index i is point i.
    if (static_cast<std::size_t>(index) >= m_points[d].size()) return {};
    const Point& p = m_points[d][static_cast<std::size_t>(index)];
    return tr("%1 at %2 %3\n%4 a month, mean latency %5\n%6 of executions failed")
        .arg(m_deployments[static_cast<int>(d)], quantityText(p.size), m_sizeUnit, usdText(p.usd),
             durationText(p.latencySeconds),
             QString::fromStdString(cost::report::percent(p.failureRate)));
}

} // namespace flowcast::ui
