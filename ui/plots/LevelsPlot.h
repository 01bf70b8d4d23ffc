#pragma once
// LevelsPlot: levels over simulated time (instances, busy instances, running jobs, queue
// lengths), one step line per sim::LevelSeries of a Metrics, at the series' bucket means; a
// queue is dashed. The time axis reads in minutes, hours or days as the run's span asks.
// Series names come from the Probe ("source-function/instances"): Metrics holds only ids.
#include "simulator/metrics/Metrics.h"
#include "ui/plots/PlotWidget.h"

#include <cstddef>
#include <string>
#include <vector>

namespace flowcast::ui {

class LevelsPlot : public PlotWidget {
    Q_OBJECT
public:
    explicit LevelsPlot(QWidget* parent = nullptr);

    /// Replaces the lines with the series of `metrics` that ever rose above 0, named by
    /// `seriesNames` (by Probe series id); replots once.
    void setLevels(const sim::Metrics& metrics, const std::vector<std::string>& seriesNames);

    /// The Probe series id of each graph, in graph order.
    const std::vector<std::size_t>& seriesIds() const { return m_ids; }
    /// The unit of the time axis.
    TimeUnit unit() const { return m_unit; }

protected:
    QString pointText(const QCPAbstractPlottable* plottable, int index) const override;

private:
    std::vector<std::size_t> m_ids;
    std::vector<std::vector<double>> m_bucketMax; ///< per graph, per bucket
    std::vector<double> m_bucketWidth;            ///< per graph, in m_unit
    TimeUnit m_unit;
};

} // namespace flowcast::ui
