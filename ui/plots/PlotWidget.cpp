#include "ui/plots/PlotWidget.h"

#include <QContextMenuEvent>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>

#include "model/pricing/PriceFormat.h"
#include "simulator/cost/ReportFormat.h"

#include <QFileInfo>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <type_traits>

namespace flowcast::ui {

namespace {

// Okabe & Ito's colour-blind-safe set and two of Paul Tol's muted colours, the order the HTML
// report's charts use (simulator/cost/ReportCharts.cpp), so a deployment or a service keeps its
// colour from the app to the report. Grey last, for "other".
const char* const kPalette[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9",
                                "#D55E00", "#F0E442", "#882255", "#44AA99", "#999999"};

constexpr int kTickFontPt = 9;
constexpr int kLabelFontPt = 10;
constexpr int kTitleFontPt = 11;

// A ticker whose labels come from one of PlotWidget's formats; it learns the axis's upper end
// while generating, because a dollar label depends on it ("$15k" only on a wide axis). On a log
// axis of a few decades, 2 and 5 are labelled too (as the HTML report does): one label a decade
// leaves most of such an axis unread.
template <typename Base> class FormattedTicker : public Base {
public:
    explicit FormattedTicker(PlotWidget::TickFormat format) : m_format(format) {}

    void generate(const QCPRange& range, const QLocale& locale, QChar formatChar, int precision,
                  QVector<double>& ticks, QVector<double>* subTicks,
                  QVector<QString>* tickLabels) override {
        m_axisMax = range.upper;
        Base::generate(range, locale, formatChar, precision, ticks, subTicks, tickLabels);
    }

protected:
    QVector<double> createTickVector(double tickStep, const QCPRange& range) override {
        m_fine = false;
        if constexpr (std::is_same_v<Base, QCPAxisTickerLog>) {
            if (range.lower > 0 && std::log10(range.upper / range.lower) <= kFineDecades) {
                m_fine = true;
                QVector<double> ticks;
                const int from = static_cast<int>(std::floor(std::log10(range.lower)));
                for (int k = from; k <= static_cast<int>(std::ceil(std::log10(range.upper))); ++k)
                    for (const double m : {1.0, 2.0, 5.0})
                        if (const double v = m * std::pow(10.0, k);
                            v >= range.lower && v <= range.upper)
                            ticks.push_back(v);
                return ticks;
            }
        }
        return Base::createTickVector(tickStep, range);
    }
    QVector<double> createSubTickVector(int subTickCount, const QVector<double>& ticks) override {
        return m_fine ? QVector<double>() : Base::createSubTickVector(subTickCount, ticks);
    }
    double getTickStep(const QCPRange& range) override {
        const double step = Base::getTickStep(range);
        return m_format == PlotWidget::TickFormat::Count ? std::max(1.0, std::round(step)) : step;
    }
    QString getTickLabel(double tick, const QLocale&, QChar, int) override {
        if (std::abs(tick) < 1e-12 * std::max(1.0, std::abs(m_axisMax))) tick = 0; // -0, 1e-17
        if (m_format == PlotWidget::TickFormat::Usd)
            return QString::fromStdString(cost::report::usdTick(tick, m_axisMax));
        return PlotWidget::quantityText(tick);
    }

private:
    static constexpr double kFineDecades = 3.2;
    PlotWidget::TickFormat m_format;
    double m_axisMax = 0;
    bool m_fine = false;
};

bool canWrite(const QString& path) {
    const QFileInfo file(path);
    const QFileInfo dir(file.absolutePath());
    return !path.isEmpty() && dir.isDir() && dir.isWritable() &&
           (!file.exists() || (file.isFile() && file.isWritable()));
}

} // namespace

PlotWidget::PlotWidget(const QString& title, QWidget* parent) : QCustomPlot(parent) {
    setAutoAddPlottableToLegend(false); // each plot decides what its legend lists
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    setMinimumSize(320, 200);

    const QString family = font().family();
    plotLayout()->insertRow(0);
    m_title = new QCPTextElement(this, title, QFont(family, kTitleFontPt, QFont::Bold));
    plotLayout()->addElement(0, 0, m_title);
    for (QCPAxis* axis : {xAxis, yAxis, xAxis2, yAxis2}) {
        axis->setTickLabelFont(QFont(family, kTickFontPt));
        axis->setLabelFont(QFont(family, kLabelFontPt));
    }
    legend->setFont(QFont(family, kTickFontPt));

    m_empty = new QCPItemText(this);
    m_empty->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_empty->position->setCoords(0.5, 0.5);
    m_empty->setClipToAxisRect(false);
    m_empty->setFont(QFont(family, kTitleFontPt + 1));
    m_empty->setColor(QColor("#666"));
    m_empty->setText(tr("No data yet"));
    m_empty->setSelectable(false);

    connect(this, &QCustomPlot::afterReplot, this, [this] { ++m_replots; });
    connect(this, &QCustomPlot::mouseMove, this, &PlotWidget::onMouseMove);
    connect(this, &QCustomPlot::mouseWheel, this, [this] { m_userView = true; });
    connect(this, &QCustomPlot::mouseDoubleClick, this, [this] { resetView(); });
    saveRanges(m_home);
}

QString PlotWidget::title() const {
    return m_title->text();
}

void PlotWidget::setTitle(const QString& title) {
    m_title->setText(title);
}

bool PlotWidget::isEmpty() const {
    return m_empty->visible();
}

QString PlotWidget::emptyMessage() const {
    return m_empty->text();
}

bool PlotWidget::exportPng(const QString& path, int width, int height) {
    return canWrite(path) && savePng(path, width, height);
}

bool PlotWidget::exportPdf(const QString& path, int width, int height) {
    return canWrite(path) && savePdf(path, width, height);
}

QString PlotWidget::hoverTextAt(const QPointF& pos) const {
    QString best;
    double bestDistance = selectionTolerance();
    auto* self = const_cast<PlotWidget*>(this); // QCustomPlot::plottable(int) is not const
    for (int i = 0; i < plottableCount(); ++i) {
        QCPAbstractPlottable* p = self->plottable(i);
        QVariant details;
        const double distance = p->visible() ? p->selectTest(pos, false, &details) : -1;
        if (distance < 0 || distance > bestDistance) continue;
        const auto selection = details.value<QCPDataSelection>();
        if (selection.isEmpty()) continue;
        const QString text = pointText(p, selection.dataRange().begin());
        if (text.isEmpty()) continue;
        best = text;
        bestDistance = distance;
    }
    return best;
}

void PlotWidget::resetView() {
    m_userView = false;
    restoreRanges(m_home);
    replot();
}

QColor PlotWidget::seriesColour(int index) {
    const int n = static_cast<int>(std::size(kPalette));
    return QColor(kPalette[((index % n) + n) % n]);
}

TimeUnit PlotWidget::timeUnitFor(double maxSeconds) {
    if (maxSeconds < 1) return {0.001, QStringLiteral("ms")};
    if (maxSeconds < 120) return {1, QStringLiteral("s")};
    if (maxSeconds < 2 * 3600) return {60, QStringLiteral("min")};
    if (maxSeconds < 3 * 86400) return {3600, QStringLiteral("h")};
    return {86400, QStringLiteral("days")};
}

QString PlotWidget::durationText(double seconds) {
    const TimeUnit unit = timeUnitFor(std::abs(seconds));
    const double v = seconds / unit.seconds;
    const int decimals = std::abs(v) >= 100 ? 0 : std::abs(v) >= 10 ? 1 : 2;
    return QStringLiteral("%1 %2").arg(QString::number(v, 'f', decimals), unit.name);
}

QString PlotWidget::quantityText(double value) {
    // formatQuantity keeps four decimals: below 0.001 that would drop the figure.
    if (value != 0 && std::abs(value) < 0.001) return QString::number(value, 'g', 3);
    return QString::fromStdString(model::formatQuantity(value));
}

QString PlotWidget::usdText(double usd) {
    return QString::fromStdString(model::formatUsd(usd));
}

void PlotWidget::beginData() {
    if (m_userView) saveRanges(m_userSaved);
    m_labelsBefore = {xAxis->label(), yAxis->label()};
    clearPlottables();
    for (int i = itemCount() - 1; i >= 0; --i)
        if (item(i) != m_empty) removeItem(i);
    // The axes as a plot finds them, whatever the last update (or the empty state) left.
    for (QCPAxis* axis : {xAxis, yAxis}) {
        axis->setTickLabels(true);
        axis->setLabel({});
        axis->setRangeReversed(false);
        axis->setSubTicks(true);
        axis->grid()->setVisible(true);
    }
    yAxis2->setVisible(false);
}

void PlotWidget::endData(bool hasData, const QString& why) {
    m_empty->setText(why.isEmpty() ? tr("No data yet") : why);
    m_empty->setVisible(!hasData);
    if (!hasData) { // no figures on the axes, nor a grid, around the message
        for (QCPAxis* axis : {xAxis, yAxis}) {
            axis->setTickLabels(false);
            axis->grid()->setVisible(false);
        }
    }
    bool anyEntry = false; // itemCount() counts the grid's empty cells too
    for (int i = 0; i < legend->itemCount() && !anyEntry; ++i)
        anyEntry = legend->item(i) != nullptr;
    legend->setVisible(hasData && anyEntry);
    if (m_legendBelow) showLegendBelow(legend->visible());
    saveRanges(m_home);
    // A refresh keeps what the user zoomed into, unless the axes changed their unit meanwhile
    // (seconds became minutes): the old ranges would then show something else.
    if (m_labelsBefore != QStringList{xAxis->label(), yAxis->label()}) m_userView = false;
    if (m_userView) restoreRanges(m_userSaved);
    replot();
}

QString PlotWidget::pointText(const QCPAbstractPlottable* plottable, int index) const {
    auto* data = const_cast<QCPAbstractPlottable*>(plottable)->interface1D();
    if (!data || index < 0 || index >= data->dataCount()) return {};
    return QStringLiteral("%1\n%2: %3")
        .arg(plottable->name(), quantityText(data->dataMainKey(index)),
             quantityText(data->dataMainValue(index)));
}

void PlotWidget::placeLegendBelow(int columns) {
    axisRect()->insetLayout()->take(legend); // endData() puts it under the axis rect
    m_legendBelow = true;
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setWrap(columns);
    legend->setBorderPen(Qt::NoPen);
    legend->setMargins(QMargins(8, 0, 8, 4));
}

void PlotWidget::showLegendBelow(bool show) {
    // Only a legend with entries may stay in the plot's layout: an empty one has a maximum width
    // of its margins, and QCPLayoutGrid gives a column the least maximum of its elements.
    const bool placed = legend->layout() == plotLayout();
    if (show && !placed) {
        const int row = plotLayout()->rowCount();
        plotLayout()->addElement(row, 0, legend);
        plotLayout()->setRowStretchFactor(row, 0.001);
    } else if (!show && placed) {
        plotLayout()->take(legend);
        plotLayout()->simplify();
    }
}

void PlotWidget::setTicks(QCPAxis* axis, TickFormat format, bool log) {
    if (log) {
        auto ticker = QSharedPointer<FormattedTicker<QCPAxisTickerLog>>::create(format);
        ticker->setLogBase(10);
        ticker->setSubTickCount(8);
        axis->setScaleType(QCPAxis::stLogarithmic);
        axis->setTicker(ticker);
    } else {
        axis->setScaleType(QCPAxis::stLinear);
        axis->setTicker(QSharedPointer<FormattedTicker<QCPAxisTicker>>::create(format));
    }
}

void PlotWidget::setCategoryTicks(QCPAxis* axis, const QStringList& names) {
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int i = 0; i < names.size(); ++i)
        ticker->addTick(i, names[i]);
    ticker->setSubTickCount(0);
    axis->setScaleType(QCPAxis::stLinear);
    axis->setTicker(ticker);
    axis->setSubTicks(false);
    axis->grid()->setVisible(false);
}

QCPItemText* PlotWidget::addLabel(double x, double yRatio, const QString& text) {
    auto* label = new QCPItemText(this);
    label->position->setTypeX(QCPItemPosition::ptPlotCoords);
    label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    label->position->setCoords(x, yRatio);
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    label->setText(text);
    label->setFont(QFont(font().family(), kTickFontPt));
    label->setBrush(QColor(255, 255, 255, 210)); // legible over bars and lines
    label->setPadding(QMargins(3, 1, 3, 1));
    label->setSelectable(false);
    return label;
}

QCPItemLine* PlotWidget::addVerticalLine(double x, const QColor& colour) {
    auto* line = new QCPItemLine(this);
    for (QCPItemPosition* end : {line->start, line->end}) {
        end->setTypeX(QCPItemPosition::ptPlotCoords);
        end->setTypeY(QCPItemPosition::ptAxisRectRatio);
    }
    line->start->setCoords(x, 1);
    line->end->setCoords(x, 0);
    line->setPen(QPen(colour, 1.2, Qt::DashLine));
    line->setSelectable(false);
    return line;
}

void PlotWidget::onMouseMove(QMouseEvent* event) {
    if (event->buttons() != Qt::NoButton) { // a drag pans: the user now owns the view
        m_userView = true;
        return;
    }
    const QString text = hoverTextAt(event->position());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

void PlotWidget::saveRanges(QList<QCPRange>& into) const {
    into = {xAxis->range(), yAxis->range(), xAxis2->range(), yAxis2->range()};
}

void PlotWidget::restoreRanges(const QList<QCPRange>& from) {
    const QList<QCPAxis*> axes = {xAxis, yAxis, xAxis2, yAxis2};
    for (int i = 0; i < axes.size() && i < from.size(); ++i)
        axes[i]->setRange(from[i]);
}

void PlotWidget::contextMenuEvent(QContextMenuEvent* event) {
    QMenu menu(this);
    const auto exportAs = [this](const QString& filter, const QString& suffix) {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export the plot"), title().simplified().replace(' ', '-') + suffix, filter);
        if (path.isEmpty()) return;
        const bool ok = suffix == QLatin1String(".pdf") ? exportPdf(path) : exportPng(path, 0, 0);
        if (!ok)
            QMessageBox::warning(this, tr("Not exported"),
                                 tr("%1: cannot write the file").arg(path));
    };
    menu.addAction(tr("Export PNG…"), this,
                   [exportAs] { exportAs(QObject::tr("PNG image (*.png)"), ".png"); });
    menu.addAction(tr("Export PDF…"), this,
                   [exportAs] { exportAs(QObject::tr("PDF (*.pdf)"), ".pdf"); });
    menu.addSeparator();
    menu.addAction(tr("Reset view"), this, &PlotWidget::resetView);
    menu.exec(event->globalPos());
}

} // namespace flowcast::ui
