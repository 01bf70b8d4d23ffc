#include "ui/plots/TornadoPlot.h"

#include <algorithm>
#include <cmath>

namespace flowcast::ui {

namespace {

constexpr double kBarWidth = 0.36; // of a row, for each of its two bars

} // namespace

TornadoPlot::TornadoPlot(QWidget* parent) : PlotWidget(tr("Sensitivity"), parent) {
    placeLegendBelow(2);
    endData(false);
}

void TornadoPlot::setTornado(const cost::Tornado& tornado) {
    beginData();
    m_inputs.clear();
    m_lowCheapest.clear();
    m_highCheapest.clear();
    m_percent = tornado.percent;
    m_baseUsd = tornado.baseUsd;
    if (tornado.bars.empty()) {
        setTitle(tr("Sensitivity"));
        return endData(false, tr("No sensitivity analysis yet"));
    }
    setTitle(tr("Sensitivity: each input moved by ±%1 %").arg(tornado.percent));

    // Data, in the tornado's order (largest swing first).
    QVector<double> low, high;
    double lowest = tornado.baseUsd, highest = tornado.baseUsd;
    for (const cost::TornadoBar& bar : tornado.bars) {
        low.push_back(bar.lowUsd);
        high.push_back(bar.highUsd);
        lowest = std::min({lowest, bar.lowUsd, bar.highUsd});
        highest = std::max({highest, bar.lowUsd, bar.highUsd});
        m_inputs.push_back(QString::fromStdString(bar.input));
        m_lowCheapest.push_back(QString::fromStdString(bar.lowCheapest));
        m_highCheapest.push_back(QString::fromStdString(bar.highCheapest));
    }

    // Plottables: both series start at the baseline, drawn as a line.
    const QString percent = QString::number(tornado.percent);
    m_low = addBars(low, tr("input −%1 %").arg(percent), 0, -kBarWidth / 2);
    m_high = addBars(high, tr("input +%1 %").arg(percent), 1, kBarWidth / 2);
    addVerticalLine(tornado.baseUsd, QColor("#222"))->setPen(QPen(QColor("#222"), 1.5));

    // Axes: the largest swing at the top.
    const QString deployment = QString::fromStdString(tornado.deployment);
    setCategoryTicks(yAxis, rowLabels(deployment, percent));
    yAxis->setRangeReversed(true);
    yAxis->setRange(-0.6, static_cast<double>(m_inputs.size()) - 0.4);
    yAxis->setLabel({});
    xAxis->setLabel(tr("USD a month for %1, the cheapest (baseline %2)")
                        .arg(deployment, usdText(tornado.baseUsd)));
    setTicks(xAxis, TickFormat::Usd);
    const double pad = std::max(highest - lowest, tornado.baseUsd * 0.02 + 0.01) * 0.1;
    xAxis->setRange(lowest - pad, highest + pad);
    endData(true);
}

// The two bars of a row sit one above the other: a move that pushes the cost the same way both
// down and up would otherwise hide one bar behind the other.
QCPBars* TornadoPlot::addBars(const QVector<double>& usd, const QString& name, int colour,
                              double shift) {
    QVector<double> rows, fromBase; // QCPBars draws a value from its base value
    for (int i = 0; i < usd.size(); ++i) {
        rows.push_back(i + shift);
        fromBase.push_back(usd[i] - m_baseUsd);
    }
    auto* bars = new QCPBars(yAxis, xAxis);
    bars->setName(name);
    bars->setData(rows, fromBase, true);
    bars->setBaseValue(m_baseUsd);
    bars->setWidth(kBarWidth);
    bars->setPen(Qt::NoPen);
    bars->setBrush(seriesColour(colour));
    bars->addToLegend();
    return bars;
}

// The inputs' names, each with a note when a move makes another deployment the cheapest: in the
// tick label, where it is never clipped as a text beside the bar could be.
QStringList TornadoPlot::rowLabels(const QString& deployment, const QString& percent) const {
    QStringList labels = m_inputs;
    for (int i = 0; i < m_inputs.size(); ++i) {
        if (m_lowCheapest[i] != deployment)
            labels[i] += tr("\n−%1 %: %2 cheapest").arg(percent, m_lowCheapest[i]);
        if (m_highCheapest[i] != deployment)
            labels[i] += tr("\n+%1 %: %2 cheapest").arg(percent, m_highCheapest[i]);
    }
    return labels;
}

QString TornadoPlot::pointText(const QCPAbstractPlottable* plottable, int index) const {
    const bool isLow = plottable == m_low.data();
    if ((!isLow && plottable != m_high.data()) || index < 0 || index >= m_inputs.size()) return {};
    const double usd = m_baseUsd + static_cast<const QCPBars*>(plottable)->data()->at(index)->value;
    return tr("%1 %2 %3 %\n%4 a month (%5 against the baseline)\ncheapest: %6")
        .arg(m_inputs[index], isLow ? QStringLiteral("−") : QStringLiteral("+"),
             QString::number(m_percent), usdText(usd),
             (usd >= m_baseUsd ? QStringLiteral("+") : QStringLiteral("−")) +
                 usdText(std::abs(usd - m_baseUsd)),
             isLow ? m_lowCheapest[index] : m_highCheapest[index]);
}

} // namespace flowcast::ui
