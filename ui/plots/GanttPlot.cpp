#include "ui/plots/GanttPlot.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace flowcast::ui {

namespace {

constexpr double kBarHalfHeight = 0.34; // of a lane
constexpr double kMinBarPixels = 3;     // a state that took no time still shows

/// The bars as one plottable: keys are times (in the plot's unit), values lanes. One plottable
/// for any number of visits (a Map's thousand iterations would be a thousand QCPBars).
class GanttBars : public QCPAbstractPlottable {
public:
    GanttBars(QCPAxis* keyAxis, QCPAxis* valueAxis, const std::vector<GanttPlot::Bar>& bars,
              double unitSeconds)
        : QCPAbstractPlottable(keyAxis, valueAxis), m_bars(bars), m_unit(unitSeconds) {}

    double selectTest(const QPointF& pos, bool onlySelectable, QVariant* details) const override {
        if (onlySelectable && !selectable()) return -1;
        for (int i = static_cast<int>(m_bars.size()) - 1; i >= 0; --i) { // the top one first
            if (!rectOf(m_bars[static_cast<std::size_t>(i)]).contains(pos)) continue;
            if (details) details->setValue(QCPDataSelection(QCPDataRange(i, i + 1)));
            return 0;
        }
        return -1;
    }

    QCPRange getKeyRange(bool& found, QCP::SignDomain) const override {
        found = !m_bars.empty();
        QCPRange range(std::numeric_limits<double>::max(), std::numeric_limits<double>::lowest());
        for (const GanttPlot::Bar& bar : m_bars) {
            range.lower = std::min(range.lower, bar.startSeconds / m_unit);
            range.upper = std::max(range.upper, bar.endSeconds / m_unit);
        }
        return found ? range : QCPRange();
    }

    QCPRange getValueRange(bool& found, QCP::SignDomain, const QCPRange&) const override {
        found = !m_bars.empty();
        int lanes = 0;
        for (const GanttPlot::Bar& bar : m_bars)
            lanes = std::max(lanes, bar.lane + 1);
        return QCPRange(-0.5, lanes - 0.5);
    }

protected:
    void draw(QCPPainter* painter) override {
        const QRect clip = clipRect();
        for (const GanttPlot::Bar& bar : m_bars) {
            const QRectF rect = rectOf(bar);
            if (!rect.intersects(clip)) continue;
            const QColor colour = GanttPlot::resultColour(bar.result);
            painter->setPen(QPen(colour.darker(125), 1));
            painter->setBrush(colour);
            painter->drawRect(rect);
        }
    }

    void drawLegendIcon(QCPPainter*, const QRectF&) const override {}

private:
    QRectF rectOf(const GanttPlot::Bar& bar) const {
        const double x1 = keyAxis()->coordToPixel(bar.startSeconds / m_unit);
        double x2 = keyAxis()->coordToPixel(bar.endSeconds / m_unit);
        if (x2 - x1 < kMinBarPixels) x2 = x1 + kMinBarPixels;
        const double y1 = valueAxis()->coordToPixel(bar.lane - kBarHalfHeight);
        const double y2 = valueAxis()->coordToPixel(bar.lane + kBarHalfHeight);
        return QRectF(QPointF(x1, std::min(y1, y2)), QPointF(x2, std::max(y1, y2)));
    }

    const std::vector<GanttPlot::Bar>& m_bars;
    double m_unit;
};

} // namespace

GanttPlot::GanttPlot(QWidget* parent) : PlotWidget(tr("Execution timeline"), parent) {
    placeLegendBelow(4);
    endData(false, tr("Load an execution to replay it"));
}

QColor GanttPlot::resultColour(sim::StateResult result) {
    switch (result) { // Okabe & Ito, as the other plots
    case sim::StateResult::Succeeded:
        return QColor("#009E73");
    case sim::StateResult::Caught:
        return QColor("#E69F00");
    case sim::StateResult::Failed:
        return QColor("#D55E00");
    case sim::StateResult::Aborted:
        break;
    }
    return QColor("#999999");
}

QString GanttPlot::resultName(sim::StateResult result) {
    switch (result) {
    case sim::StateResult::Succeeded:
        return tr("succeeded");
    case sim::StateResult::Caught:
        return tr("error caught");
    case sim::StateResult::Failed:
        return tr("failed");
    case sim::StateResult::Aborted:
        break;
    }
    return tr("aborted");
}

void GanttPlot::clearTimeline(const QString& why) {
    beginData();
    m_data.clear();
    m_lanes.clear();
    m_bars = nullptr;
    m_now = nullptr;
    endData(false, why);
}

void GanttPlot::setTimeline(const sim::ExecutionTimeline& timeline) {
    beginData();
    // Data: a bar per visit, from the execution's start.
    m_data.clear();
    m_lanes.clear();
    for (const sim::StateVisit& visit : timeline.visits())
        m_data.push_back(barOf(visit, timeline.started()));
    for (const std::string& name : timeline.laneNames())
        m_lanes << QString::fromStdString(name);
    const double span = std::max((timeline.ended() - timeline.started()).seconds(), 1e-3);
    m_unit = timeUnitFor(span);
    addPlottables();
    setAxes(span);
    endData(!m_data.empty(), tr("The execution entered no state"));
}

GanttPlot::Bar GanttPlot::barOf(const sim::StateVisit& visit, sim::SimTime executionStarted) {
    Bar bar{(visit.entered - executionStarted).seconds(),
            (visit.exited - executionStarted).seconds(),
            visit.lane,
            visit.result,
            {}};
    bar.text = tr("%1\nentered at %2\ntook %3")
                   .arg(QString::fromStdString(visit.name), durationText(bar.startSeconds),
                        durationText(bar.endSeconds - bar.startSeconds));
    if (visit.result != sim::StateResult::Succeeded) bar.text += "\n" + resultName(visit.result);
    if (!visit.error.empty()) bar.text += tr(": %1").arg(QString::fromStdString(visit.error));
    if (visit.retries > 0) bar.text += tr("\n%n retry(ies)", "", visit.retries);
    return bar;
}

// The bars, an empty entry per result shown for the legend, the current time.
void GanttPlot::addPlottables() {
    auto* bars = new GanttBars(xAxis, yAxis, m_data, m_unit.seconds);
    bars->setName(tr("visits"));
    m_bars = bars;
    std::array<bool, 4> seen{};
    for (const Bar& bar : m_data)
        seen[static_cast<std::size_t>(bar.result)] = true;
    for (std::size_t r = 0; r < seen.size(); ++r) {
        if (!seen[r]) continue;
        const auto result = static_cast<sim::StateResult>(r);
        auto* key = new QCPBars(yAxis, xAxis);
        key->setName(resultName(result));
        key->setBrush(resultColour(result));
        key->setPen(QPen(resultColour(result).darker(125)));
        key->addToLegend();
    }
    m_now = addVerticalLine(m_nowSeconds / m_unit.seconds, QColor(0x7c, 0x3a, 0xed));
    m_now->setPen(QPen(QColor(0x7c, 0x3a, 0xed), 1.6, Qt::DashLine));
}

// Time across, lanes down from the first state entered.
void GanttPlot::setAxes(double spanSeconds) {
    xAxis->setLabel(tr("time since the execution started (%1)").arg(m_unit.name));
    setTicks(xAxis, TickFormat::Quantity);
    xAxis->setRange(0, spanSeconds / m_unit.seconds * 1.02);
    setCategoryTicks(yAxis, m_lanes);
    yAxis->setRangeReversed(true);
    // As many lanes as read well at the plot's height (the title, the time axis and the legend
    // take about 100 px); drag to see the others.
    yAxis->setRange(-0.5, -0.5 + lanesThatFit());
}

int GanttPlot::lanesThatFit() const {
    const int fit = std::clamp((height() - 100) / kLanePixels, 3, kLanesShown);
    return std::min(static_cast<int>(m_lanes.size()), fit);
}

// A taller or shorter panel shows more or fewer lanes, from the top lane shown.
void GanttPlot::resizeEvent(QResizeEvent* event) {
    PlotWidget::resizeEvent(event);
    if (m_lanes.isEmpty()) return;
    const double top = yAxis->range().lower;
    yAxis->setRange(top, top + lanesThatFit());
    replot(QCustomPlot::rpQueuedReplot);
}

void GanttPlot::setCurrentTime(double seconds) {
    m_nowSeconds = seconds;
    if (!m_now) return;
    m_now->start->setCoords(seconds / m_unit.seconds, 1);
    m_now->end->setCoords(seconds / m_unit.seconds, 0);
    replot();
}

double GanttPlot::currentLineKey() const {
    return m_now ? m_now->start->key() : std::numeric_limits<double>::quiet_NaN();
}

QString GanttPlot::pointText(const QCPAbstractPlottable* plottable, int index) const {
    if (plottable != m_bars || index < 0 || index >= static_cast<int>(m_data.size())) return {};
    return m_data[static_cast<std::size_t>(index)].text;
}

} // namespace flowcast::ui
