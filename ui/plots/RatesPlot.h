#pragma once
// RatesPlot: what happened over simulated time, from a Metrics' activity series: executions
// started, succeeded and not (failed, timed out or aborted) on the left axis; retries (counted
// when their visit ends), throttles and cold starts dashed on the right; each a step line of
// events per unit of the time axis (per minute on an axis in minutes, per hour in hours...).
// Merged replications read as the mean of the runs that reached a bucket: a bucket's count over
// the time the runs covered in it. Buckets are grouped so that a point holds about five started
// executions (10 to 200 points) and spans whole days (hours, minutes): a once-a-day pipeline
// reads as 1 a day, not as spikes.
#include "simulator/metrics/Metrics.h"
#include "ui/plots/PlotWidget.h"

#include <array>
#include <vector>

namespace flowcast::ui {

class RatesPlot : public PlotWidget {
    Q_OBJECT
public:
    explicit RatesPlot(QWidget* parent = nullptr);

    /// Replaces the lines with the activity of `metrics` (channels that never counted are left
    /// out); replots once.
    void setMetrics(const sim::Metrics& metrics);

    /// The graph of a channel; null when it is not drawn.
    QCPGraph* channelGraph(sim::Metrics::Activity channel) const {
        return m_graphs[static_cast<std::size_t>(channel)];
    }
    /// The unit of the time axis (rates are events per this unit).
    TimeUnit unit() const { return m_unit; }
    /// How many buckets of the activity series one point of a line holds.
    std::size_t bucketsPerPoint() const { return m_group; }

protected:
    QString pointText(const QCPAbstractPlottable* plottable, int index) const override;

private:
    QCPGraphDataContainer channelData(const sim::CountSeries& series, std::size_t channel);
    void setAxes(double spanSeconds, double highest, double highestSignal);

    std::array<QPointer<QCPGraph>, sim::Metrics::kActivities> m_graphs;
    std::array<std::vector<std::uint64_t>, sim::Metrics::kActivities> m_counts; ///< per bucket
    std::size_t m_group = 1;  ///< buckets per point
    double m_bucketWidth = 0; ///< of a point, in m_unit
    TimeUnit m_unit;
};

} // namespace flowcast::ui
