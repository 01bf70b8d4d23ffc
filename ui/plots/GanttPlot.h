#pragma once
// GanttPlot: one simulated execution (sim::ExecutionTimeline) as a Gantt chart: a bar per state
// visit over the time since the execution started, a row per lane labelled with its state,
// coloured by how the visit ended; the hover tells the state, when it was entered, how long it
// took and its error; a dashed line marks the replay's current time. Keeps a copy of what it
// draws, no pointer to the timeline.
#include "simulator/run/ExecutionTimeline.h"
#include "ui/plots/PlotWidget.h"

#include <vector>

namespace flowcast::ui {

class GanttPlot : public PlotWidget {
    Q_OBJECT
public:
    /// One visit's bar, in seconds since the execution started.
    struct Bar {
        double startSeconds = 0;
        double endSeconds = 0;
        int lane = 0;
        sim::StateResult result = sim::StateResult::Succeeded;
        QString text; ///< the hover text
    };

    explicit GanttPlot(QWidget* parent = nullptr);

    /// Replaces the bars with the timeline's visits; replots once.
    void setTimeline(const sim::ExecutionTimeline& timeline);
    /// No bars: the message `why` ("No data yet" when empty) instead.
    void clearTimeline(const QString& why = {});
    /// Moves the current-time line (seconds since the execution started); replots.
    void setCurrentTime(double seconds);
    double currentTime() const { return m_nowSeconds; }

    const std::vector<Bar>& bars() const { return m_data; }
    const QStringList& laneNames() const { return m_lanes; }
    TimeUnit unit() const { return m_unit; }
    /// Where the current-time line is drawn, in the x axis's unit; NaN without a timeline.
    double currentLineKey() const;
    static QColor resultColour(sim::StateResult result);
    static QString resultName(sim::StateResult result);

protected:
    void resizeEvent(QResizeEvent* event) override;
    QString pointText(const QCPAbstractPlottable* plottable, int index) const override;

private:
    /// Lanes shown at the plot's height: at least 16 px each, 3 to kLanesShown, at most all.
    int lanesThatFit() const;
    /// A visit's bar, its times from the execution's start, with its hover text.
    static Bar barOf(const sim::StateVisit& visit, sim::SimTime executionStarted);
    void addPlottables();
    void setAxes(double spanSeconds);

    static constexpr int kLanesShown = 24; ///< at most; more lanes: drag to see them
    static constexpr int kLanePixels = 16; ///< at least, for a legible label

    std::vector<Bar> m_data;
    QStringList m_lanes;
    QCPAbstractPlottable* m_bars = nullptr;
    QCPItemLine* m_now = nullptr;
    TimeUnit m_unit;
    double m_nowSeconds = 0;
};

} // namespace flowcast::ui
