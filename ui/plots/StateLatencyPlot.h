#pragma once
// StateLatencyPlot: one horizontal box per state that ran, from the per-state latency histograms
// of a sim::Metrics: the box spans P25 to P75 with the median inside, the whiskers reach P5 and
// P95, and a dot marks the slowest visit beyond P95. States read top to bottom in the program's
// order; the latency axis turns logarithmic when the states differ by more than 100×.
#include "simulator/metrics/Metrics.h"
#include "ui/plots/PlotWidget.h"

#include <QPointer>

#include <array>
#include <cstddef>
#include <vector>

namespace flowcast::ui {

class StateLatencyPlot : public PlotWidget {
    Q_OBJECT
public:
    explicit StateLatencyPlot(QWidget* parent = nullptr);

    /// Replaces the boxes with the states of `metrics` that were visited; replots once.
    void setMetrics(const sim::Metrics& metrics);

    /// The boxes (key: row from the top, figures in seconds); null while empty.
    QCPStatisticalBox* boxes() const { return m_boxes; }
    /// The state index of each row.
    const std::vector<std::size_t>& stateIndices() const { return m_states; }
    bool isLogarithmic() const;

protected:
    QString pointText(const QCPAbstractPlottable* plottable, int index) const override;

private:
    void addBoxes(double floor);

    QPointer<QCPStatisticalBox> m_boxes;
    std::vector<std::size_t> m_states;
    QStringList m_names;
    std::vector<std::uint64_t> m_visits;
    std::vector<std::array<double, 6>> m_seconds; ///< P5, P25, P50, P75, P95, max per row
};

} // namespace flowcast::ui
