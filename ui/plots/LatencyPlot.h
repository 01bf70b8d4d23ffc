#pragma once
// LatencyPlot: the end-to-end latency distribution of a run, as a histogram of executions (left
// axis) with its cumulative share (right axis, 0 to 100 %) and P50 / P95 / P99 marked. Reads a
// sim::Histogram (µs) and keeps only what it draws; the time unit follows the slowest execution.
#include "simulator/metrics/Histogram.h"
#include "ui/plots/PlotWidget.h"

#include <QPointer>

#include <array>
#include <vector>

namespace flowcast::ui {

class LatencyPlot : public PlotWidget {
    Q_OBJECT
public:
    /// At most this many bins, however many executions.
    static constexpr int kMaxBins = 60;

    explicit LatencyPlot(QWidget* parent = nullptr);

    /// Replaces the distribution (end-to-end latencies in µs) and replots once.
    void setHistogram(const sim::Histogram& latencyUs);

    /// The bars (key: a bin's middle, value: executions in it) and the cumulative line (key: a
    /// bin's upper edge, value: % of executions at or below it); null while empty.
    QCPBars* bars() const { return m_bars; }
    QCPGraph* cdf() const { return m_cdf; }
    /// The unit of the x axis.
    TimeUnit unit() const { return m_unit; }
    /// P50, P95 and P99 in the x axis's unit, where the markers stand.
    std::array<double, 3> percentileMarkers() const { return m_markers; }

protected:
    QString pointText(const QCPAbstractPlottable* plottable, int index) const override;

private:
    void setShareAxis(const QColor& colour);
    void addMarkers(const sim::Histogram& latencyUs);

    QPointer<QCPBars> m_bars;
    QPointer<QCPGraph> m_cdf;
    TimeUnit m_unit;
    double m_binWidth = 0; ///< in m_unit
    std::uint64_t m_count = 0;
    std::array<double, 3> m_markers{};
};

} // namespace flowcast::ui
