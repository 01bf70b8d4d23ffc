#include "ui/plots/SignalsPlot.h"

#include <algorithm>

namespace flowcast::ui {

namespace {

using Signal = SignalsPlot::Signal;
using Counts = std::array<double, SignalsPlot::kSignals>;

constexpr double kRowFill = 0.8; // of a row's height, shared by its bars

constexpr std::size_t index(Signal signal) {
    return static_cast<std::size_t>(signal);
}

std::uint64_t errorCount(const sim::Metrics::StateStats& s) {
    std::uint64_t total = 0;
    for (const auto& [name, count] : s.errors.entries())
        total += count;
    return total;
}

std::uint64_t signalCount(const sim::Metrics::ServiceStats& s, sim::ServiceSignal signal) {
    return s.signalCounts[static_cast<std::size_t>(signal)];
}

bool anyOf(const Counts& counts) {
    return std::any_of(counts.begin(), counts.end(), [](double c) { return c > 0; });
}

// A row per state, then per service, with a signal to show; their names go to `names`. A
// state's errors are the visits whose last attempt ended in an error (caught or not); a
// service's are its failures.
std::vector<Counts> signalRows(const sim::Metrics& metrics,
                               const std::vector<std::string>& serviceNames, QStringList& names) {
    std::vector<Counts> rows;
    for (std::size_t i = 0; i < metrics.stateNames().size(); ++i) {
        const auto& s = metrics.state(i);
        Counts c{};
        c[index(Signal::Errors)] = static_cast<double>(errorCount(s));
        c[index(Signal::Retries)] = static_cast<double>(s.retries);
        c[index(Signal::Timeouts)] = static_cast<double>(s.timeouts);
        if (!anyOf(c)) continue;
        rows.push_back(c);
        names.push_back(QString::fromStdString(metrics.stateNames()[i]));
    }
    for (std::size_t id = 0; id < serviceNames.size(); ++id) {
        const auto& s = metrics.service(id);
        Counts c{};
        c[index(Signal::Errors)] = static_cast<double>(signalCount(s, sim::ServiceSignal::Failure));
        c[index(Signal::Throttles)] =
            static_cast<double>(signalCount(s, sim::ServiceSignal::Throttle));
        c[index(Signal::ColdStarts)] =
            static_cast<double>(signalCount(s, sim::ServiceSignal::ColdStart));
        if (!anyOf(c)) continue;
        rows.push_back(c);
        names.push_back(
            QStringLiteral("%1 (service)").arg(QString::fromStdString(serviceNames[id])));
    }
    return rows;
}

} // namespace

SignalsPlot::SignalsPlot(QWidget* parent)
    : PlotWidget(tr("Errors, retries, timeouts, throttles and cold starts"), parent) {
    placeLegendBelow(5);
    endData(false);
}

QString SignalsPlot::signalName(Signal signal) {
    static const char* const kNames[] = {"errors", "retries", "timeouts", "throttles",
                                         "cold starts"};
    return QString::fromLatin1(kNames[index(signal)]);
}

void SignalsPlot::setMetrics(const sim::Metrics& metrics,
                             const std::vector<std::string>& serviceNames) {
    beginData();
    m_rows.clear();
    for (auto& rowsOfBars : m_barRows)
        rowsOfBars.clear();

    const std::vector<Counts> rows = signalRows(metrics, serviceNames, m_rows);
    if (rows.empty()) return endData(false, tr("No errors, retries, throttles or cold starts"));

    const double highest = addBars(rows);

    // Axes: the first row at the top.
    setCategoryTicks(yAxis, m_rows);
    yAxis->setRangeReversed(true);
    yAxis->setRange(-0.6, static_cast<double>(m_rows.size()) - 0.4);
    yAxis->setLabel({});
    xAxis->setLabel(tr("count (all replications)"));
    setTicks(xAxis, TickFormat::Count);
    xAxis->setRange(0, highest * 1.12); // room for the counts
    endData(true);
}

// A bar series per signal that occurred. A row's bars are side by side and centred on it, only
// those of the signals it has (keys shifted by hand rather than by a QCPBarsGroup, which keeps a
// slot for every series in every row). Returns the largest count.
double SignalsPlot::addBars(const std::vector<std::array<double, kSignals>>& rows) {
    std::size_t widest = 1;
    double highest = 0;
    for (const Counts& c : rows) {
        widest = std::max<std::size_t>(
            widest, std::count_if(c.begin(), c.end(), [](double v) { return v > 0; }));
        highest = std::max(highest, *std::max_element(c.begin(), c.end()));
    }
    const double width = kRowFill / static_cast<double>(widest);
    std::array<QVector<double>, kSignals> keys, values;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto n =
            std::count_if(rows[r].begin(), rows[r].end(), [](double v) { return v > 0; });
        double at = static_cast<double>(r) - static_cast<double>(n - 1) / 2 * width;
        for (std::size_t k = 0; k < kSignals; ++k) {
            if (rows[r][k] <= 0) continue;
            keys[k].push_back(at);
            values[k].push_back(rows[r][k]);
            m_barRows[k].push_back(static_cast<int>(r));
            addCount(rows[r][k], at);
            at += width;
        }
    }
    for (std::size_t k = 0; k < kSignals; ++k) {
        if (keys[k].isEmpty()) continue;
        auto* bars = new QCPBars(yAxis, xAxis);
        bars->setName(signalName(static_cast<Signal>(k)));
        bars->setData(keys[k], values[k], true);
        bars->setWidth(width * 0.9);
        bars->setPen(Qt::NoPen);
        bars->setBrush(seriesColour(static_cast<int>(k)));
        bars->addToLegend();
        m_bars[k] = bars;
    }
    return highest;
}

void SignalsPlot::addCount(double count, double key) {
    auto* label = new QCPItemText(this);
    label->position->setCoords(count, key);
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    label->setPadding(QMargins(3, 0, 0, 0));
    label->setText(quantityText(count));
    label->setFont(QFont(font().family(), 8));
    label->setSelectable(false);
}

QString SignalsPlot::pointText(const QCPAbstractPlottable* plottable, int index) const {
    std::size_t k = 0;
    while (k < kSignals && m_bars[k].data() != plottable)
        ++k;
    if (k == kSignals || index < 0 || index >= m_barRows[k].size()) return {};
    return tr("%1\n%2 %3")
        .arg(m_rows[m_barRows[k][index]], quantityText(m_bars[k]->data()->at(index)->value),
             plottable->name());
}

} // namespace flowcast::ui
