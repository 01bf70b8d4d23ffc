#pragma once
// ThroughputPlot: executions ended per simulated day, one stacked bar per replication split by
// how the executions ended (succeeded, failed, timed out, aborted), with the mean over the
// replications dashed across. Metrics keeps no executions-per-time-bucket series, only totals
// per run, so this is the throughput of each replication as a whole.
#include "simulator/metrics/Metrics.h"
#include "ui/plots/PlotWidget.h"

#include <QPointer>

#include <array>
#include <vector>

namespace flowcast::ui {

class ThroughputPlot : public PlotWidget {
    Q_OBJECT
public:
    explicit ThroughputPlot(QWidget* parent = nullptr);

    /// Replaces the bars with one per replication (each a finished run's own Metrics, as
    /// sim::Replications::replication(i) gives them); runs without simulated time are left out.
    /// Replots once.
    void setReplications(const std::vector<const sim::Metrics*>& replications);

    /// The bars of one status (key: the bar's position, value: executions a day); null when
    /// no replication ended an execution that way.
    QCPBars* statusBars(sim::EndStatus status) const {
        return m_bars[static_cast<std::size_t>(status)];
    }
    /// Mean over the replications drawn, executions ended a day.
    double meanPerDay() const { return m_mean; }
    /// Bars drawn (replications with simulated time).
    int replicationCount() const { return static_cast<int>(m_days.size()); }

protected:
    QString pointText(const QCPAbstractPlottable* plottable, int index) const override;

private:
    QVector<double> addStatusBars();

    std::array<QPointer<QCPBars>, sim::Metrics::kStatuses> m_bars;
    std::vector<std::array<std::uint64_t, sim::Metrics::kStatuses>> m_counts; ///< per bar
    std::vector<double> m_days;                                               ///< per bar
    std::vector<std::size_t> m_replication;                                   ///< per bar
    double m_mean = 0;
};

} // namespace flowcast::ui
