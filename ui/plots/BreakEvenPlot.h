#pragma once
// BreakEvenPlot: each deployment's monthly cost against the workload's rate from a break-even
// sweep (cost::Comparison::sweep), log-scaled, with the crossings ringed and numbered where one
// deployment becomes cheaper than another. Between sweep points a line follows the
// interpolation cost::crossings uses (linear in cost, logarithmic in rate), so the rings sit
// exactly where the lines meet; points where a deployment fails more than 1 % are hollow.
#include "simulator/cost/Comparison.h"
#include "ui/plots/PlotWidget.h"

#include <vector>

namespace flowcast::ui {

class BreakEvenPlot : public PlotWidget {
    Q_OBJECT
public:
    explicit BreakEvenPlot(QWidget* parent = nullptr);

    /// Replaces the curves with the sweep of `comparison`; replots once. Without a sweep the
    /// plot shows its empty message.
    void setComparison(const cost::Comparison& comparison);

    /// Deployment d's line (densified between the sweep points) and its sweep points (key: rate
    /// a day, value: USD a month); null when out of range.
    QCPGraph* curve(int deployment) const;
    QCPGraph* points(int deployment) const;
    /// The crossings' rings (key: rate a day, value: USD a month); null while empty.
    QCPGraph* crossingMarks() const { return m_crossings; }

protected:
    QString pointText(const QCPAbstractPlottable* plottable, int index) const override;

private:
    /// Deployment d's line and points; returns its failing points' rings, null without any.
    QCPGraph* addDeployment(const std::vector<cost::SweepPoint>& sweep, std::size_t d);
    void addCrossings(const cost::Comparison& comparison);

    std::vector<QCPGraph*> m_curves, m_points;
    QCPGraph* m_crossings = nullptr;
    QStringList m_deployments;
    QStringList m_crossingTexts;
    std::vector<std::vector<double>> m_failureRates; ///< per deployment, per sweep point
    bool m_records = false;
};

} // namespace flowcast::ui
