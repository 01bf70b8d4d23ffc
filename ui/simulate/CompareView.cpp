#include "ui/simulate/CompareView.h"

#include "model/pricing/PriceFormat.h"
#include "simulator/cost/HtmlReport.h"
#include "simulator/cost/SweepRun.h"
#include "simulator/workload/DurationText.h"
#include "ui/plots/BreakEvenPlot.h"
#include "ui/plots/CostBarsPlot.h"
#include "ui/plots/SizingScatterPlot.h"
#include "ui/plots/TornadoPlot.h"
#include "ui/session/DefinitionSession.h"
#include "ui/simulate/ScenarioSource.h"
#include "ui/simulate/SimulateView.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <cmath>

namespace flowcast::ui {

namespace {

// "30:30000:9" -> 9 daily rates from 30 to 30,000; POINTS defaults to 7.
std::optional<cost::SweepRange> parseSweepText(const QString& text) {
    const QStringList parts = text.split(QLatin1Char(':'));
    if (parts.size() < 2 || parts.size() > 3) return std::nullopt;
    bool ok1 = false, ok2 = false, ok3 = true;
    cost::SweepRange range;
    range.from = parts[0].trimmed().toDouble(&ok1);
    range.to = parts[1].trimmed().toDouble(&ok2);
    if (parts.size() == 3) range.points = parts[2].trimmed().toInt(&ok3);
    if (!ok1 || !ok2 || !ok3 || range.from <= 0 || range.to <= range.from || range.points < 2 ||
        range.points > 50)
        return std::nullopt;
    return range;
}

// The sizing axes, with the sizes a first sweep tries.
struct SizingAxisChoice {
    const char* label;
    cost::SweepAxis axis;
    const char* points;
};
const SizingAxisChoice kSizingAxes[] = {
    {QT_TRANSLATE_NOOP("CompareView", "Lambda memory (MB)"), cost::SweepAxis::LambdaMemory,
     "128,256,512,1024,1536,3008"}, // power-tuning's default powerValues
    {QT_TRANSLATE_NOOP("CompareView", "Glue workers"), cost::SweepAxis::GlueWorkers,
     "2,5,10,20,40"},
    {QT_TRANSLATE_NOOP("CompareView", "Cluster nodes"), cost::SweepAxis::ClusterNodes, "2,4,8,16"},
};

// "parquet-job (10 workers as configured): cheapest 5, fastest 40, balanced 20 workers".
// After a sweep placed adaptively: what its model predicted, beside the crossings plotted.
QString placementText(const cost::Comparison& c) {
    if (c.sweep.empty() || c.sweepPlacement != cost::SweepPlacement::Adaptive) return {};
    QStringList predicted;
    for (const cost::Crossing& k : c.predictedCrossings)
        predicted << QString::fromStdString(model::formatQuantity(
            k.perDay >= 100 ? std::round(k.perDay) : std::round(k.perDay * 100) / 100));
    return QCoreApplication::translate("CompareView",
                                       " The sweep's %n point(s) were placed adaptively; its "
                                       "model predicted crossings at %1 a day.",
                                       "", static_cast<int>(c.sweep.size()))
        .arg(predicted.isEmpty() ? QCoreApplication::translate("CompareView", "none")
                                 : predicted.join(QStringLiteral(", ")));
}

QString bestSizesText(const cost::SweepResult& sweep) {
    const model::Json best = sweep.toJson().value("best", model::Json::array());
    const QString unit = QString::fromStdString(cost::sweepUnit(sweep.spec.axis));
    QStringList lines;
    for (std::size_t d = 0; d < best.size(); ++d) {
        const model::Json& b = best[d];
        const auto size = [&](const char* strategy) {
            const model::Json& choice = b.value(strategy, model::Json());
            return choice.is_object() ? QString::fromStdString(
                                            model::formatQuantity(choice["value"].get<double>()))
                                      : CompareView::tr("none");
        };
        const auto& swept = sweep.spec.deployments[d];
        lines << CompareView::tr("%1, %2%3: cheapest %4, fastest %5, balanced %6 %7")
                     .arg(QString::fromStdString(swept.name), QString::fromStdString(swept.service),
                          swept.configured ? CompareView::tr(" (%1 as configured)")
                                                 .arg(QString::fromStdString(
                                                     model::formatQuantity(*swept.configured)))
                                           : QString(),
                          size("cost"), size("speed"), size("balanced"), unit);
    }
    for (const auto& [name, why] : sweep.spec.excluded)
        lines << CompareView::tr("%1: not sized (%2)")
                     .arg(QString::fromStdString(name), QString::fromStdString(why));
    return lines.join(QLatin1Char('\n'));
}

} // namespace

CompareView::CompareView(DefinitionSession& session, QWidget* parent)
    : QWidget(parent), m_session(session) {
    m_horizon = new QLineEdit(this);
    m_horizon->setObjectName(QStringLiteral("compareHorizon"));
    m_horizon->setPlaceholderText(tr("scenario's"));
    m_horizon->setToolTip(tr("Virtual time each deployment simulates (costs are scaled to a "
                             "month): 7d, 30d. Empty: the scenario's horizon."));
    m_horizon->setMaximumWidth(110);
    m_sweep = new QCheckBox(tr("Break-even sweep"), this);
    m_sweep->setObjectName(QStringLiteral("sweep"));
    m_sweepRange = new QLineEdit(QStringLiteral("1:10000:7"), this);
    m_sweepRange->setToolTip(tr("FROM:TO[:POINTS]: the daily rates (executions, or records for a "
                                "stream) to price every deployment at, on a log grid"));
    m_sweepRange->setMaximumWidth(120);
    m_sweepPlacement = new QComboBox(this);
    m_sweepPlacement->setObjectName(QStringLiteral("sweepPlacement"));
    m_sweepPlacement->addItem(tr("adaptive"), QStringLiteral("adaptive")); // the CLI's default
    m_sweepPlacement->addItem(tr("even"), QStringLiteral("even"));
    m_sweepPlacement->setToolTip(
        tr("Where the sweep's points go. Even: equal steps on the log scale. Adaptive: each "
           "deployment first simulated briefly at both ends, its cost modelled in between, and "
           "the points put where the curves bend and either side of each crossing they predict "
           "(as flowcast-cli compare --placement adaptive)"));
    m_tornadoOn = new QCheckBox(tr("Sensitivity ±"), this);
    m_tornadoOn->setObjectName(QStringLiteral("tornado"));
    m_tornadoPercent = new QSpinBox(this);
    m_tornadoPercent->setRange(1, 99);
    m_tornadoPercent->setValue(20);
    m_tornadoPercent->setSuffix(QStringLiteral(" %"));
    m_run = new QPushButton(tr("Compare deployments"), this);
    m_run->setObjectName(QStringLiteral("runComparison"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);
    m_export = new QPushButton(tr("Export report…"), this);
    m_export->setObjectName(QStringLiteral("exportReport"));
    m_export->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_eta = new QLabel(this);
    m_eta->setMinimumWidth(260);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_recommendation = new QLabel(this);
    m_recommendation->setObjectName(QStringLiteral("recommendation"));
    m_recommendation->setWordWrap(true);
    m_recommendation->setStyleSheet(QStringLiteral("font-size: 13pt; font-weight: 600"));
    m_recommendation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table = new QTableWidget(this);
    m_table->setObjectName(QStringLiteral("comparisonTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_theory = new QTextBrowser(this);
    m_theory->setObjectName(QStringLiteral("theory"));
    m_theory->document()->setDefaultStyleSheet(QString::fromLatin1(kTheoryCss));
    showTheory(nullptr);

    auto* settings = new QHBoxLayout;
    settings->addWidget(new QLabel(tr("Horizon"), this));
    settings->addWidget(m_horizon);
    settings->addWidget(m_sweep);
    settings->addWidget(m_sweepRange);
    settings->addWidget(m_sweepPlacement);
    settings->addWidget(m_tornadoOn);
    settings->addWidget(m_tornadoPercent);
    settings->addSpacing(12);
    settings->addWidget(m_run);
    settings->addWidget(m_cancel);
    settings->addWidget(m_progress, 1);
    settings->addWidget(m_eta);
    settings->addWidget(m_export);

    m_charts = new QTabWidget(this);
    m_charts->setDocumentMode(true);
    createCharts();

    // The tables over the charts: every figure of every deployment readable at once, the
    // models beside the figures they predict.
    auto* tables = new QSplitter(Qt::Horizontal, this);
    tables->addWidget(m_table);
    tables->addWidget(m_theory);
    tables->setSizes({600, 800});
    auto* body = new QSplitter(Qt::Vertical, this);
    body->addWidget(tables);
    body->addWidget(m_charts);
    body->setStretchFactor(0, 0);
    body->setStretchFactor(1, 1);
    body->setSizes({250, 600});
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(settings);
    layout->addWidget(m_status);
    layout->addWidget(m_recommendation);
    layout->addWidget(body, 1);

    connect(m_run, &QPushButton::clicked, this, [this] { run(); });
    connect(m_cancel, &QPushButton::clicked, this, &CompareView::cancel);
    connect(m_export, &QPushButton::clicked, this, &CompareView::chooseExport);
    connect(&m_runner, &SimulationRunner::progressChanged, this, &CompareView::onProgress);
    connect(&m_runner, &SimulationRunner::finished, this, &CompareView::onFinished);
    connect(&m_runner, &SimulationRunner::failed, this, &CompareView::onFailed);
    connect(&m_session, &DefinitionSession::documentLoaded, this, [this] {
        // Another pipeline: nothing of the last comparison may be exported as its report.
        m_runner.clearOutcome();
        m_shown.reset();
        m_sizingSummary->clear();
        cost::SweepResult none; // a sizing sweep without points: the plot's "No data yet"
        none.spec.axis = cost::SweepAxis::LambdaMemory;
        m_sizingPlot->setSweep(none);
        m_export->setEnabled(false);
        m_recommendation->clear();
        m_table->clear();
        m_table->setRowCount(0);
        m_table->setColumnCount(0);
        showTheory(nullptr);
        setStatus(QString());
    });
}

void CompareView::createCharts() {
    m_costBars = new CostBarsPlot(m_charts);
    m_breakEven = new BreakEvenPlot(m_charts);
    m_tornado = new TornadoPlot(m_charts);
    m_charts->addTab(m_costBars, tr("Cost breakdown"));
    m_charts->addTab(m_breakEven, tr("Break-even"));
    m_charts->addTab(m_tornado, tr("Sensitivity"));
    m_charts->addTab(createSizingTab(), tr("Sizing"));
}

QWidget* CompareView::createSizingTab() {
    auto* tab = new QWidget(m_charts);
    m_sizingAxis = new QComboBox(tab);
    m_sizingAxis->setObjectName(QStringLiteral("sizingAxis"));
    for (const SizingAxisChoice& choice : kSizingAxes)
        m_sizingAxis->addItem(tr(choice.label));
    m_sizingPoints = new QLineEdit(QString::fromLatin1(kSizingAxes[0].points), tab);
    m_sizingPoints->setObjectName(QStringLiteral("sizingPoints"));
    m_sizingPoints->setToolTip(tr("The sizes to try: a list (128,512,2048) or FROM:TO[:N], N "
                                  "sizes on a log scale"));
    m_sizingRun = new QPushButton(tr("Run sizing sweep"), tab);
    m_sizingRun->setObjectName(QStringLiteral("runSizing"));
    m_sizingSummary = new QLabel(tab);
    m_sizingSummary->setObjectName(QStringLiteral("sizingSummary"));
    m_sizingSummary->setWordWrap(true);
    m_sizingSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_sizingPlot = new SizingScatterPlot(tab);

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Resize"), tab));
    bar->addWidget(m_sizingAxis);
    bar->addWidget(new QLabel(tr("to"), tab));
    bar->addWidget(m_sizingPoints, 1);
    bar->addWidget(m_sizingRun);
    auto* layout = new QVBoxLayout(tab);
    layout->addLayout(bar);
    layout->addWidget(m_sizingSummary);
    layout->addWidget(m_sizingPlot, 1);

    connect(m_sizingAxis, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0 && index < static_cast<int>(std::size(kSizingAxes)))
            m_sizingPoints->setText(QString::fromLatin1(kSizingAxes[index].points));
    });
    connect(m_sizingRun, &QPushButton::clicked, this, [this] { runSizing(); });
    return tab;
}

bool CompareView::runSizing() {
    if (m_runner.isRunning()) return false;
    QString why;
    std::optional<SimulationRunner::Request> prepared = SimulationRunner::requestFor(
        m_session, SimulationRunner::Kind::Sizing, m_horizon->text(), why);
    if (!prepared) {
        setStatus(why, true);
        return false;
    }
    SimulationRunner::Request request = std::move(*prepared);
    const int index = std::max(0, m_sizingAxis->currentIndex());
    request.sizing.axis = kSizingAxes[index].axis;
    std::string error;
    const auto grid =
        cost::parseSweepPoints(m_sizingPoints->text().toStdString(), request.sizing.axis, error);
    if (!grid) {
        setStatus(tr("Sizes: %1").arg(QString::fromStdString(error)), true);
        return false;
    }
    request.sizing.grid = *grid;
    setStatus(tr("Sizing…"));
    if (!m_runner.start(std::move(request))) return false;
    setRunning(true);
    return true;
}

void CompareView::showSizing(const cost::SweepResult& sweep) {
    m_sizingPlot->setSweep(sweep);
    m_sizingSummary->setText(bestSizesText(sweep));
    m_charts->setCurrentWidget(m_sizingPlot->parentWidget());
}

QString CompareView::sizingSummaryText() const {
    return m_sizingSummary->text();
}

void CompareView::setRunning(bool running) {
    m_run->setEnabled(!running);
    m_sizingRun->setEnabled(!running);
    m_cancel->setEnabled(running);
    if (running)
        m_export->setEnabled(false);
    else
        m_export->setEnabled(m_shown.has_value());
    if (running) m_progress->setValue(0);
}

void CompareView::updateCharts(const cost::Comparison& comparison) {
    m_costBars->setComparison(comparison);
    m_breakEven->setComparison(comparison);
    if (!comparison.sweep.empty()) m_charts->setCurrentWidget(m_breakEven); // what was asked for
    if (comparison.tornado)
        m_tornado->setTornado(*comparison.tornado);
    else
        m_tornado->setTornado(cost::Tornado{});
}

QString CompareView::statusText() const {
    return m_status->text();
}

QString CompareView::recommendationText() const {
    return m_recommendation->text();
}

const cost::Comparison* CompareView::comparison() const {
    return m_shown ? &*m_shown : nullptr;
}

void CompareView::setStatus(const QString& text, bool error) {
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #d32f2f") : QString());
}

bool CompareView::run(const model::Scenario* scenario) {
    if (m_runner.isRunning()) return false;
    QString why;
    std::optional<SimulationRunner::Request> prepared = SimulationRunner::requestFor(
        m_session, SimulationRunner::Kind::Compare, m_horizon->text(), why, scenario);
    if (!prepared) {
        setStatus(why, true);
        return false;
    }
    SimulationRunner::Request request = std::move(*prepared);
    if (m_sweep->isChecked()) {
        request.compare.sweep = parseSweepText(m_sweepRange->text());
        if (!request.compare.sweep) {
            setStatus(tr("Sweep: FROM:TO[:POINTS] with 0 < FROM < TO and 2 to 50 points"), true);
            return false;
        }
        request.compare.sweep->placement =
            cost::sweepPlacementFromName(m_sweepPlacement->currentData().toString().toStdString())
                .value_or(cost::SweepPlacement::Even);
    }
    if (m_tornadoOn->isChecked()) request.compare.tornadoPercent = m_tornadoPercent->value();
    setStatus(tr("Comparing…"));
    if (!m_runner.start(std::move(request))) return false;
    setRunning(true);
    return true;
}

void CompareView::onProgress(double fraction, const QString& step, double etaSeconds) {
    m_progress->setValue(static_cast<int>(fraction * 1000));
    QString text = tr("%1 %").arg(static_cast<int>(fraction * 100));
    if (etaSeconds >= 0) text += tr("  ETA %1").arg(humanDuration(etaSeconds));
    if (!step.isEmpty()) text += QStringLiteral("  ·  ") + step;
    m_eta->setText(text);
}

void CompareView::onFinished(bool completed) {
    const SimulationOutcome* finished = m_runner.outcome();
    if (finished)
        m_eta->setText(
            tr("%1 in %2")
                .arg(completed ? tr("done") : tr("stopped"), humanDuration(finished->wallSeconds)));
    if (finished && finished->comparison) m_shown = finished->comparison;
    setRunning(false);
    // What was computed is shown even when a mistake or a cancel stopped the run; the status
    // says which.
    const bool sized = finished && finished->sweep && !finished->sweep->rows.empty();
    if (finished && finished->comparison) showComparison(*m_shown);
    if (sized) showSizing(*finished->sweep);
    if (finished && !finished->error.isEmpty())
        setStatus(finished->error + (sized ? tr(" (the sizes done before it are plotted)") : ""),
                  true);
    else if (!completed)
        setStatus(sized ? tr("Cancelled: the sizes done so far are plotted.") : tr("Cancelled."));
    else if (finished && finished->comparison)
        setStatus(tr("Done: %n deployment(s) compared.", "",
                     static_cast<int>(m_shown->deployments.size())) +
                  placementText(*m_shown));
    else if (sized)
        setStatus(tr("Done: %n size(s) simulated and priced.", "",
                     static_cast<int>(finished->sweep->rows.size())));
    emit runFinished(completed);
}

void CompareView::onFailed(const QString& message) {
    setStatus(message, true);
    m_run->setEnabled(!m_runner.isRunning());
    m_cancel->setEnabled(m_runner.isRunning());
}

void CompareView::fillTable(const cost::Comparison& comparison) {
    const std::vector<cost::ComparisonRow> rows = comparison.tableRows();
    m_table->clear();
    m_table->setColumnCount(static_cast<int>(comparison.deployments.size()));
    m_table->setRowCount(static_cast<int>(rows.size()));
    QStringList names;
    for (const auto& d : comparison.deployments)
        names << QString::fromStdString(d.name);
    m_table->setHorizontalHeaderLabels(names);
    for (int c = 0; c < names.size(); ++c) {
        const auto& d = comparison.deployments[static_cast<std::size_t>(c)];
        if (auto* header = m_table->horizontalHeaderItem(c))
            header->setToolTip(QString::fromStdString(d.description));
    }
    QStringList labels;
    for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
        const cost::ComparisonRow& row = rows[static_cast<std::size_t>(r)];
        labels << QString::fromStdString(row.label).trimmed();
        for (int c = 0; c < static_cast<int>(row.cells.size()); ++c) {
            auto* item = new QTableWidgetItem(
                QString::fromStdString(row.cells[static_cast<std::size_t>(c)]));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(r, c, item);
        }
    }
    m_table->setVerticalHeaderLabels(labels);
}

void CompareView::showTheory(const cost::Comparison* comparison) {
    const std::string html = comparison ? cost::theorySectionHtml(*comparison) : std::string();
    if (!html.empty())
        m_theory->setHtml(QString::fromStdString(html));
    else
        m_theory->setHtml(comparison ? tr("<p>Simulation vs theory: no deployment calls a service "
                                          "a model could describe.</p>")
                                     : tr("<p>Simulation vs theory: run the comparison to set each "
                                          "service beside its closed-form model.</p>"));
}

void CompareView::showComparison(const cost::Comparison& comparison) {
    m_recommendation->setText(QString::fromStdString(comparison.recommendation));
    fillTable(comparison);
    showTheory(&comparison);
    updateCharts(comparison);
}

} // namespace flowcast::ui
