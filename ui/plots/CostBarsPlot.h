#pragma once
// CostBarsPlot: each deployment's monthly cost as a bar stacked by service (the largest service
// at the bottom, the total above), the services and colours the HTML report's chart uses
// (cost::report::drawnServices: services under a cent everywhere left out, the smallest merged
// into "other services" past ten colours).
#include "simulator/cost/Comparison.h"
#include "ui/plots/PlotWidget.h"

#include <vector>

namespace flowcast::ui {

class CostBarsPlot : public PlotWidget {
    Q_OBJECT
public:
    explicit CostBarsPlot(QWidget* parent = nullptr);

    /// Replaces the bars with the deployments of `comparison`; replots once.
    void setComparison(const cost::Comparison& comparison);

    /// The services drawn, bottom to top, and their bars (key: the deployment's index, value:
    /// USD a month).
    const QStringList& services() const { return m_services; }
    QCPBars* serviceBars(int service) const;
    /// The deployments, left to right.
    const QStringList& deployments() const { return m_deployments; }

protected:
    QString pointText(const QCPAbstractPlottable* plottable, int index) const override;

private:
    void addTotals();

    QStringList m_services;
    QStringList m_deployments;
    std::vector<double> m_totals; ///< per deployment, USD a month
};

} // namespace flowcast::ui
