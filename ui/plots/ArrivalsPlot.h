#pragma once
// ArrivalsPlot: the workload's arrivals over its first day (or its first hour when it is a
// stream or arrives that fast), as bars per hour (per minute): the preview the scenario editor
// shows before anything is simulated, drawn from the workload's own generator (ScenarioView).
#include "ui/plots/PlotWidget.h"

#include <vector>

namespace flowcast::ui {

class ArrivalsPlot : public PlotWidget {
    Q_OBJECT
public:
    explicit ArrivalsPlot(QWidget* parent = nullptr);

    /// Replaces the bars: `counts[i]` executions (records for a stream) in bucket i of
    /// `bucketSeconds`; `why` is shown instead when counts is empty. Replots once.
    void setArrivals(const std::vector<double>& counts, double bucketSeconds, bool records,
                     const QString& why = {});

    QCPBars* bars() const { return m_bars; }
    double total() const { return m_total; }

protected:
    QString pointText(const QCPAbstractPlottable* plottable, int index) const override;

private:
    QCPBars* m_bars = nullptr;
    double m_bucketSeconds = 3600;
    double m_total = 0;
    bool m_records = false;
};

} // namespace flowcast::ui
