#pragma once
// TornadoPlot: the sensitivity analysis (cost::Tornado) as horizontal bars around the baseline
// cost, one row per input, the largest swing at the top: a bar for the input moved down (upper
// half of the row) and one for it moved up (lower half), each from the baseline to the monthly
// cost it gives. A note under the input's name says when a move makes another deployment the
// cheapest.
#include "simulator/cost/Sensitivity.h"
#include "ui/plots/PlotWidget.h"

#include <QPointer>

namespace flowcast::ui {

class TornadoPlot : public PlotWidget {
    Q_OBJECT
public:
    explicit TornadoPlot(QWidget* parent = nullptr);

    /// Replaces the bars with `tornado`'s; replots once.
    void setTornado(const cost::Tornado& tornado);

    /// The bars of the inputs moved down and up (key: the row from the top ∓ 0.18, value: USD a
    /// month above the baseline, their base value); null while empty.
    QCPBars* lowBars() const { return m_low; }
    QCPBars* highBars() const { return m_high; }
    /// The inputs, top to bottom.
    const QStringList& inputs() const { return m_inputs; }

protected:
    QString pointText(const QCPAbstractPlottable* plottable, int index) const override;

private:
    QCPBars* addBars(const QVector<double>& usd, const QString& name, int colour, double shift);
    QStringList rowLabels(const QString& deployment, const QString& percent) const;

    QPointer<QCPBars> m_low, m_high;
    QStringList m_inputs;
    QStringList m_lowCheapest, m_highCheapest;
    double m_percent = 0;
    double m_baseUsd = 0;
};

} // namespace flowcast::ui
