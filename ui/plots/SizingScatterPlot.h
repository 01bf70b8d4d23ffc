#pragma once
// SizingScatterPlot: a sizing sweep (cost::SweepResult over Lambda memory, Glue workers or
// cluster nodes) as monthly cost against mean end-to-end latency, aws-lambda-power-tuning's
// view: one line per deployment through its sizes in order, each point labelled with its size.
// Sizes whose deployment ended no execution have no latency and are left out.
#include "simulator/cost/SweepResult.h"
#include "ui/plots/PlotWidget.h"

#include <vector>

namespace flowcast::ui {

class SizingScatterPlot : public PlotWidget {
    Q_OBJECT
public:
    explicit SizingScatterPlot(QWidget* parent = nullptr);

    /// Replaces the points with `sweep`'s; a workload sweep shows a message instead.
    /// Replots once.
    void setSweep(const cost::SweepResult& sweep);

    /// Deployment d's sizes in grid order (t: the size, key: mean latency in unit(), value:
    /// USD a month); null when out of range.
    QCPCurve* curve(int deployment) const;
    /// The size labels, in the order the points were added.
    const QStringList& pointLabels() const { return m_labels; }
    TimeUnit unit() const { return m_unit; }

protected:
    QString pointText(const QCPAbstractPlottable* plottable, int index) const override;

private:
    struct Point {
        double size, latencySeconds, usd, failureRate;
    };
    void addDeployment(std::size_t d);

    std::vector<QCPCurve*> m_curves;
    std::vector<std::vector<Point>> m_points; ///< per deployment
    QStringList m_deployments;
    QStringList m_labels;
    QString m_sizeUnit;
    TimeUnit m_unit;
};

} // namespace flowcast::ui
