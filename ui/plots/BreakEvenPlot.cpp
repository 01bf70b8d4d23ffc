#include "ui/plots/BreakEvenPlot.h"

#include "simulator/cost/ReportFormat.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace flowcast::ui {

namespace {

constexpr int kSteps = 16;           // line segments between two sweep points
constexpr double kFailing = 0.01;    // as cost::crossings: above this a point cannot keep up
constexpr double kLogCostAbove = 30; // highest / lowest cost beyond which the cost axis is log
constexpr double kLabelRowHeight = 0.075;

// Deployment d's cost at `perDay`, linear in cost and in log(rate) between sweep points, as
// cost::crossings interpolates.
double costAt(const std::vector<cost::SweepPoint>& sweep, std::size_t d, double perDay) {
    for (std::size_t i = 0; i + 1 < sweep.size(); ++i) {
        const cost::SweepPoint &a = sweep[i], &b = sweep[i + 1];
        if (perDay < a.perDay || perDay > b.perDay) continue;
        const double t = std::log(perDay / a.perDay) / std::log(b.perDay / a.perDay);
        return a.monthlyUsd[d] + t * (b.monthlyUsd[d] - a.monthlyUsd[d]);
    }
    return sweep.back().monthlyUsd[d];
}

QString rateText(double perDay) {
    return QString::fromStdString(cost::report::rateText(perDay));
}

} // namespace

BreakEvenPlot::BreakEvenPlot(QWidget* parent)
    : PlotWidget(tr("Break-even: monthly cost against the workload"), parent) {
    placeLegendBelow(3);
    endData(false);
}

QCPGraph* BreakEvenPlot::curve(int deployment) const {
    return deployment >= 0 && static_cast<std::size_t>(deployment) < m_curves.size()
               ? m_curves[static_cast<std::size_t>(deployment)]
               : nullptr;
}

QCPGraph* BreakEvenPlot::points(int deployment) const {
    return deployment >= 0 && static_cast<std::size_t>(deployment) < m_points.size()
               ? m_points[static_cast<std::size_t>(deployment)]
               : nullptr;
}

void BreakEvenPlot::setComparison(const cost::Comparison& comparison) {
    beginData();
    m_curves.clear();
    m_points.clear();
    m_crossings = nullptr;
    m_deployments.clear();
    m_crossingTexts.clear();
    m_failureRates.clear();
    m_records = comparison.sweepRecords;
    const auto& sweep = comparison.sweep;
    const std::size_t n = comparison.deployments.size();
    if (sweep.size() < 2 || n == 0) return endData(false, tr("No break-even sweep yet"));

    // Plottables: per deployment a line, its points, and hollow rings on its failing points;
    // the first deployment with failing points stands for them in the legend.
    double lowest = std::numeric_limits<double>::max(), highest = 0;
    QCPGraph* failingEntry = nullptr;
    for (std::size_t d = 0; d < n; ++d) {
        m_deployments.push_back(QString::fromStdString(comparison.deployments[d].name));
        QCPGraph* failing = addDeployment(sweep, d);
        if (!failingEntry) failingEntry = failing;
        for (const cost::SweepPoint& p : sweep) {
            lowest = std::min(lowest, p.monthlyUsd[d]);
            highest = std::max(highest, p.monthlyUsd[d]);
        }
    }
    if (failingEntry) {
        failingEntry->addToLegend();
        if (auto* item = legend->itemWithPlottable(failingEntry))
            item->setTextColor(QColor("#444"));
    }
    addCrossings(comparison);

    // Axes: rates over decades, log-scaled; costs too when they span more than 30×.
    const bool logCost = lowest > 0 && highest / lowest > kLogCostAbove;
    xAxis->setLabel(m_records ? tr("records a day (log scale)")
                              : tr("executions a day (log scale)"));
    setTicks(xAxis, TickFormat::Quantity, true);
    xAxis->setRange(sweep.front().perDay / 1.4, sweep.back().perDay * 1.4);
    yAxis->setLabel(logCost ? tr("USD a month (log scale)") : tr("USD a month"));
    setTicks(yAxis, TickFormat::Usd, logCost);
    if (logCost)
        yAxis->setRange(lowest / 1.6, highest * 1.6);
    else
        yAxis->setRange(0, std::max(highest, 0.01) * 1.15);
    endData(true);
}

QCPGraph* BreakEvenPlot::addDeployment(const std::vector<cost::SweepPoint>& sweep, std::size_t d) {
    const QColor colour = seriesColour(static_cast<int>(d));
    QVector<double> lineX, lineY, x, y, failX, failY;
    std::vector<double> failureRates;
    for (std::size_t i = 0; i < sweep.size(); ++i) {
        const double rate = sweep[i].perDay, usd = sweep[i].monthlyUsd[d];
        x.push_back(rate);
        y.push_back(usd);
        failureRates.push_back(sweep[i].failureRate[d]);
        if (sweep[i].failureRate[d] > kFailing) {
            failX.push_back(rate);
            failY.push_back(usd);
        }
        for (int k = 0; k < (i + 1 < sweep.size() ? kSteps : 1); ++k) {
            const double at =
                i + 1 < sweep.size()
                    ? rate * std::pow(sweep[i + 1].perDay / rate, static_cast<double>(k) / kSteps)
                    : rate;
            lineX.push_back(at);
            lineY.push_back(costAt(sweep, d, at));
        }
    }
    auto* line = addGraph(xAxis, yAxis);
    line->setName(m_deployments.back());
    line->setData(lineX, lineY, true);
    line->setPen(QPen(colour, 2.2));
    line->addToLegend();
    auto* dots = addGraph(xAxis, yAxis);
    dots->setName(m_deployments.back());
    dots->setData(x, y, true);
    dots->setLineStyle(QCPGraph::lsNone);
    dots->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, 7));
    m_curves.push_back(line);
    m_points.push_back(dots);
    m_failureRates.push_back(std::move(failureRates));
    if (failX.isEmpty()) return nullptr;
    auto* failing = addGraph(xAxis, yAxis);
    failing->setName(tr("fails more than 1 % of its executions"));
    failing->setData(failX, failY, true);
    failing->setLineStyle(QCPGraph::lsNone);
    failing->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(colour, 2), Qt::white, 9));
    return failing;
}

void BreakEvenPlot::addCrossings(const cost::Comparison& comparison) {
    if (comparison.crossings.empty()) return;
    QVector<double> x, y;
    for (const cost::Crossing& k : comparison.crossings) {
        x.push_back(k.perDay);
        y.push_back(costAt(comparison.sweep, k.cheaperBelow, k.perDay));
        m_crossingTexts.push_back(QString::fromStdString(comparison.crossingWithPrediction(k)));
    }
    m_crossings = addGraph(xAxis, yAxis);
    m_crossings->setName(tr("crossing"));
    m_crossings->setData(x, y, true);
    m_crossings->setLineStyle(QCPGraph::lsNone);
    m_crossings->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 2), Qt::NoBrush, 14));
    m_crossings->addToLegend();

    // A dashed guide and a numbered label per crossing, at the bottom: costs grow with the rate,
    // so the lower right stays clear of lines. Labels that would overlap (on the log rate axis,
    // at about 7 px a character over 800 px) go up a row.
    const double from = std::log(comparison.sweep.front().perDay / 1.4);
    const double to = std::log(comparison.sweep.back().perDay * 1.4);
    std::vector<double> rowEnds;
    for (int i = 0; i < x.size(); ++i) {
        QString text = tr("%1: ≈ %2 a day").arg(i + 1).arg(rateText(x[i]));
        const auto predicted =
            comparison.sweepPlacement == cost::SweepPlacement::Adaptive
                ? cost::matchingCrossing(comparison.crossings[static_cast<std::size_t>(i)],
                                         comparison.predictedCrossings)
                : std::nullopt;
        if (predicted) text += tr(" (predicted %1)").arg(rateText(predicted->perDay));
        const double at = (std::log(x[i]) - from) / (to - from);
        const double width = (static_cast<double>(text.size()) * 7 + 16) / 800;
        const bool leftOfLine = at + width > 0.98; // near the right edge: the text ends there
        const double left = leftOfLine ? at - width : at;
        std::size_t row = 0;
        while (row < rowEnds.size() && rowEnds[row] > left)
            ++row;
        if (row == rowEnds.size()) rowEnds.push_back(0);
        rowEnds[row] = left + width;
        addVerticalLine(x[i], QColor("#666"));
        QCPItemText* label =
            addLabel(x[i], 0.98 - kLabelRowHeight * static_cast<double>(row), text);
        label->setPositionAlignment((leftOfLine ? Qt::AlignRight : Qt::AlignLeft) |
                                    Qt::AlignBottom);
    }
}

QString BreakEvenPlot::pointText(const QCPAbstractPlottable* plottable, int index) const {
    if (plottable == m_crossings && index >= 0 && index < m_crossingTexts.size())
        return tr("Crossing %1\n%2").arg(index + 1).arg(m_crossingTexts[index]);
    const auto it = std::find(m_points.begin(), m_points.end(), plottable);
    if (it == m_points.end() || index < 0) return {};
    const auto d = static_cast<std::size_t>(it - m_points.begin());
    if (static_cast<std::size_t>(index) >= m_failureRates[d].size()) return {};
    const auto point = m_points[d]->data()->at(index);
    return tr("%1 at %2 %3 a day\n%4 a month, %5 of executions failed")
        .arg(m_deployments[static_cast<int>(d)], rateText(point->key),
             m_records ? tr("records") : tr("executions"), usdText(point->value),
             QString::fromStdString(
                 cost::report::percent(m_failureRates[d][static_cast<std::size_t>(index)])));
}

} // namespace flowcast::ui
