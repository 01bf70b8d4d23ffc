#include "ui/plots/StateLatencyPlot.h"

#include <algorithm>
#include <limits>

namespace flowcast::ui {

namespace {

constexpr double kUsPerSecond = 1e6;
constexpr double kLogAbove = 100; // slowest P95 / fastest figure beyond which the axis is log

// P5, P25, P50, P75, P95 and the slowest, in seconds.
std::array<double, 6> figuresOf(const sim::Histogram& h) {
    const auto s = [&h](double q) { return h.quantile(q) / kUsPerSecond; };
    return {s(0.05), s(0.25), s(0.5),
            s(0.75), s(0.95), static_cast<double>(h.max()) / kUsPerSecond};
}

} // namespace

StateLatencyPlot::StateLatencyPlot(QWidget* parent)
    : PlotWidget(tr("Latency per state (P5, P25, median, P75, P95; dot: slowest)"), parent) {
    endData(false);
}

bool StateLatencyPlot::isLogarithmic() const {
    return xAxis->scaleType() == QCPAxis::stLogarithmic;
}

void StateLatencyPlot::setMetrics(const sim::Metrics& metrics) {
    beginData();
    m_states.clear();
    m_names.clear();
    m_visits.clear();
    m_seconds.clear();

    // Data: the states that ran, in program order.
    double lowest = std::numeric_limits<double>::max(), highest = 0;
    for (std::size_t i = 0; i < metrics.stateNames().size(); ++i) {
        const auto& stats = metrics.state(i);
        if (stats.latency.isEmpty()) continue;
        const auto figures = figuresOf(stats.latency);
        for (const double v : figures)
            if (v > 0) lowest = std::min(lowest, v);
        highest = std::max(highest, figures[5]);
        m_seconds.push_back(figures);
        m_states.push_back(i);
        m_names.push_back(QString::fromStdString(metrics.stateNames()[i]));
        m_visits.push_back(stats.visits());
    }
    if (m_states.empty()) return endData(false);
    // A log axis cannot show 0: instant states (Choice, Pass) sit at half the fastest figure.
    const bool log = highest > 0 && lowest < highest / kLogAbove;
    const double floor = log ? lowest / 2 : 0;

    addBoxes(floor);

    // Axes: the first state at the top; a state that never takes time says so, as its box
    // shrinks to the axis's left end.
    QStringList labels = m_names;
    for (std::size_t k = 0; k < m_seconds.size(); ++k)
        if (m_seconds[k][4] <= 0) labels[static_cast<int>(k)] += tr(" (0 s)");
    setCategoryTicks(yAxis, labels);
    yAxis->setRangeReversed(true);
    yAxis->setRange(-0.7, static_cast<double>(m_states.size()) - 0.3);
    yAxis->setLabel({});
    xAxis->setLabel(log ? tr("state latency (s, log scale)") : tr("state latency (s)"));
    setTicks(xAxis, TickFormat::Quantity, log);
    if (log)
        xAxis->setRange(floor / 1.5, highest * 1.5);
    else
        xAxis->setRange(0, std::max(highest, 1e-3) * 1.05);
    endData(true);
}

// One box per row, every figure at least `floor` (the log axis's stand-in for 0).
void StateLatencyPlot::addBoxes(double floor) {
    m_boxes = new QCPStatisticalBox(yAxis, xAxis);
    m_boxes->setName(tr("state latency"));
    for (std::size_t k = 0; k < m_seconds.size(); ++k) {
        std::array<double, 6> f = m_seconds[k];
        for (double& v : f)
            v = std::max(v, floor);
        QVector<double> slowest;
        if (m_seconds[k][5] > m_seconds[k][4]) slowest.push_back(f[5]);
        m_boxes->addData(static_cast<double>(k), f[0], f[1], f[2], f[3], f[4], slowest);
    }
    const QColor colour = seriesColour(0);
    m_boxes->setPen(QPen(colour.darker(130), 1));
    m_boxes->setBrush(QColor(colour.red(), colour.green(), colour.blue(), 70));
    m_boxes->setMedianPen(QPen(QColor("#222"), 2.5));
    m_boxes->setWhiskerPen(QPen(colour.darker(130), 1));
    m_boxes->setWidth(0.6);
    m_boxes->setWhiskerWidth(0.3);
    m_boxes->setOutlierStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, seriesColour(5), 5));
}

QString StateLatencyPlot::pointText(const QCPAbstractPlottable* plottable, int index) const {
    if (plottable != m_boxes.data() || index < 0 || index >= m_names.size()) return {};
    const auto i = static_cast<std::size_t>(index);
    const auto& f = m_seconds[i];
    return tr("%1: %2 visits\nP5 %3, P25 %4, median %5\nP75 %6, P95 %7, slowest %8")
        .arg(m_names[index], quantityText(static_cast<double>(m_visits[i])), durationText(f[0]),
             durationText(f[1]), durationText(f[2]), durationText(f[3]), durationText(f[4]),
             durationText(f[5]));
}

} // namespace flowcast::ui
