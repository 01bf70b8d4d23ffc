#pragma once
// DistributionPlot: what a scenario's distribution draws, before anything is simulated: a
// histogram of samples taken with the simulator's own Distribution code and a fixed seed (the
// same picture every time), its median and 99th percentile marked. Shown beside each latency
// field of the scenario forms (DistributionEditor).
#include "ui/plots/PlotWidget.h"

#include <vector>

namespace flowcast::sim {
class Distribution;
}

namespace flowcast::ui {

class DistributionPlot : public PlotWidget {
    Q_OBJECT
public:
    static constexpr int kSamples = 4000;

    explicit DistributionPlot(QWidget* parent = nullptr);

    /// Draws kSamples values of `distribution` in `unit` ("s": durations, shown in the unit that
    /// fits; anything else is a plain quantity). Null shows `why` instead. Replots once.
    void setDistribution(const sim::Distribution* distribution, const QString& unit,
                         const QString& why = {});

    /// The samples' median and 99th percentile, in the distribution's own unit; 0 when empty.
    double p50() const { return m_p50; }
    double p99() const { return m_p99; }
    QCPBars* bars() const { return m_bars; }

protected:
    QString pointText(const QCPAbstractPlottable* plottable, int index) const override;

private:
    QString valueText(double value) const;
    void addMarker(double value, double yRatio, const QString& name);

    QCPBars* m_bars = nullptr;
    QString m_unit;
    QString m_axisUnit; ///< the x axis's unit: "min", "GB"
    double m_scale = 1; ///< the distribution's unit per axis unit
    double m_binWidth = 1;
    double m_p50 = 0;
    double m_p99 = 0;
};

} // namespace flowcast::ui
