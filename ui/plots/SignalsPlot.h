#pragma once
// SignalsPlot: what went wrong, and where, as grouped horizontal bars: errors, retries and
// timeouts per state (from the states' figures), failures (as errors), throttles and cold starts
// per service (from the services' signal counts). Only the states and services with something
// to show get a row, and only the signals that occurred get a bar series; a row shows the bars
// of its own signals, centred on it, with their counts.
#include "simulator/metrics/Metrics.h"
#include "ui/plots/PlotWidget.h"

#include <QPointer>

#include <array>
#include <string>
#include <vector>

namespace flowcast::ui {

class SignalsPlot : public PlotWidget {
    Q_OBJECT
public:
    enum class Signal { Errors, Retries, Timeouts, Throttles, ColdStarts, Count_ };
    static constexpr std::size_t kSignals = static_cast<std::size_t>(Signal::Count_);

    explicit SignalsPlot(QWidget* parent = nullptr);

    /// Replaces the bars with the signals of `metrics`; `serviceNames` by Probe service id
    /// (sim::Replications::serviceNames()). Replots once.
    void setMetrics(const sim::Metrics& metrics, const std::vector<std::string>& serviceNames);

    /// The rows from the top: "ConvertToParquet", "parquet-job (service)".
    const QStringList& rowNames() const { return m_rows; }
    /// One signal's bars, one per row that has the signal (key: about the row, value: the
    /// count); null when it never occurred.
    QCPBars* signalBars(Signal signal) const { return m_bars[static_cast<std::size_t>(signal)]; }
    /// The row of each of a signal's bars.
    const QVector<int>& barRows(Signal signal) const {
        return m_barRows[static_cast<std::size_t>(signal)];
    }
    static QString signalName(Signal signal);

protected:
    QString pointText(const QCPAbstractPlottable* plottable, int index) const override;

private:
    double addBars(const std::vector<std::array<double, kSignals>>& rows);
    /// The count at the end of its bar.
    void addCount(double count, double key);

    QStringList m_rows;
    std::array<QPointer<QCPBars>, kSignals> m_bars;
    std::array<QVector<int>, kSignals> m_barRows;
};

} // namespace flowcast::ui
