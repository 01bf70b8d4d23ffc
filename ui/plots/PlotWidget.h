#pragma once
// PlotWidget: the base of the simulation and cost plots, a QCustomPlot with what they share: a
// title, drag-to-pan and wheel-zoom (a double-click goes back to the data's own view), a tooltip
// with the values of the point under the mouse, a "No data yet" message while empty, and PNG /
// PDF export. A subclass's setter replaces all of its plottables and items between beginData()
// and endData(), which replots exactly once: cheap and repeatable, for a timer during a run.
// The plots only read the simulator's result objects; they keep no pointer to them.
#include <qcustomplot.h>

#include <QString>

namespace flowcast::ui {

/// A time axis's unit: how many seconds one unit holds, and its name ("min").
struct TimeUnit {
    double seconds = 1;
    QString name = QStringLiteral("s");
};

class PlotWidget : public QCustomPlot {
    Q_OBJECT
public:
    enum class TickFormat {
        Quantity, ///< "1,250", "0.25", "1e-05" (small numbers keep three significant digits)
        Count,    ///< whole numbers only: ticks never fall between two counts
        Usd,      ///< "$250", "$0.05", "$15k" when the axis reaches $10,000
    };

    explicit PlotWidget(const QString& title, QWidget* parent = nullptr);

    QString title() const;
    /// Takes effect at the next replot.
    void setTitle(const QString& title);
    /// True while the plot shows no data but its "No data yet" message.
    bool isEmpty() const;
    /// The message shown while empty.
    QString emptyMessage() const;

    /// Writes a width × height PNG; false, writing nothing, when the path cannot be written.
    bool exportPng(const QString& path, int width, int height);
    /// Writes a vector PDF (at the widget's size when width or height is 0); false when the
    /// path cannot be written.
    bool exportPdf(const QString& path, int width = 0, int height = 0);

    /// The tooltip for a widget position: the values of the nearest data point within the
    /// selection tolerance (8 px), "" when there is none. What mouse moves show.
    QString hoverTextAt(const QPointF& pos) const;
    /// Replots so far; each setter adds exactly one (updates replot in bulk).
    int replotCount() const { return m_replots; }
    /// Back to the view the data set, forgetting the user's pan and zoom (a double-click).
    void resetView();

    /// The palette (Okabe & Ito's colour-blind-safe set, as the HTML report), cycling.
    static QColor seriesColour(int index);
    /// The unit in which durations up to `maxSeconds` read as short numbers: ms, s, min, h.
    static TimeUnit timeUnitFor(double maxSeconds);
    /// A duration in the unit that fits it: "850 ms", "12.5 s", "27.3 min", "2.50 h".
    static QString durationText(double seconds);
    /// A count or amount as the price book writes it: "3,000,000", "416.6667".
    static QString quantityText(double value);
    static QString usdText(double usd);

protected:
    /// Right click: export the plot as PNG or PDF, or reset the view.
    void contextMenuEvent(QContextMenuEvent* event) override;
    /// Starts a data update: removes every plottable and item, remembering the user's view.
    void beginData();
    /// Ends it: the message shows when `hasData` is false (`why` replaces "No data yet"), the
    /// user's pan and zoom survive the update, and the plot replots once.
    void endData(bool hasData, const QString& why = {});
    /// The hover text of data point `index` of `plottable`; "" ignores the plottable.
    /// The default: its name, key and value.
    virtual QString pointText(const QCPAbstractPlottable* plottable, int index) const;

    /// Puts the legend under the axis rect, `columns` entries a row (call once, from the
    /// constructor, for plots with several series).
    void placeLegendBelow(int columns);
    /// Tick labels in `format`; on a log-10 axis when `log`.
    static void setTicks(QCPAxis* axis, TickFormat format, bool log = false);
    /// Category tick labels, one per integer key from 0.
    static void setCategoryTicks(QCPAxis* axis, const QStringList& names);
    /// A text at plot coordinate x and a fraction of the axis rect's height from its top (y),
    /// its top left corner there, on a half-transparent white ground.
    QCPItemText* addLabel(double x, double yRatio, const QString& text);
    /// A dashed vertical line at plot coordinate x across the axis rect.
    QCPItemLine* addVerticalLine(double x, const QColor& colour);

private:
    void onMouseMove(QMouseEvent* event);
    void showLegendBelow(bool show);
    void saveRanges(QList<QCPRange>& into) const;
    void restoreRanges(const QList<QCPRange>& from);

    QCPTextElement* m_title = nullptr;
    QCPItemText* m_empty = nullptr;
    bool m_legendBelow = false;
    bool m_userView = false; ///< the user panned or zoomed since the last resetView()
    QList<QCPRange> m_home;  ///< the ranges the data set
    QList<QCPRange> m_userSaved;
    QStringList m_labelsBefore; ///< the axis labels before an update
    int m_replots = 0;
};

} // namespace flowcast::ui
