#pragma once
// The Compare mode: every deployment of the project's scenario simulated and priced, side by
// side: the recommendation sentence, a table (monthly cost with its P5–P95 spread, per execution,
// per million records, latency, failures, SLA misses, idle cluster cost), the cost breakdown as
// stacked bars, each deployment's services beside their closed-form models ("simulation vs
// theory", as the HTML report words it), and — when asked — the break-even curves of a rate
// sweep and the tornado of the inputs that move the answer most. The report exports as HTML, PDF,
// CSV and JSON. A Sizing tab runs a sizing sweep (Lambda memory, Glue workers or cluster nodes)
// like aws-lambda-power-tuning and plots cost against latency per size, with the best size per
// strategy.
#include "ui/simulate/SimulationRunner.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTabWidget;
class QTextBrowser;

namespace flowcast::ui {

class BreakEvenPlot;
class CostBarsPlot;
class DefinitionSession;
class SizingScatterPlot;
class TornadoPlot;

class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(DefinitionSession& session, QWidget* parent = nullptr);

    /// Qt rich text's style for the report's theory tables, in the view and in the PDF.
    static constexpr const char* kTheoryCss =
        "h2 { font-size: 12pt; margin-top: 0; } h3 { font-size: 10pt; margin-bottom: 2px; } "
        "table { border-collapse: collapse; } th, td { border: 1px solid #c8c8c8; padding: 2px "
        "6px; text-align: right; } th.text, td.text { text-align: left; } .note { color: #555; }";

    SimulationRunner& runner() { return m_runner; }
    /// Starts the comparison with the form's settings, of `scenario` when given (a scenario file
    /// read apart from the project) or else the project's; false (and a message) when it cannot.
    bool run(const model::Scenario* scenario = nullptr);
    /// Starts a sizing sweep with the Sizing tab's axis and sizes; false (and a message) when
    /// it cannot.
    bool runSizing();
    void cancel() { m_runner.cancel(); }
    QString statusText() const;
    QString recommendationText() const;
    QTableWidget* table() const { return m_table; }
    /// "Simulation vs theory" for every deployment: the HTML report's section.
    QTextBrowser* theoryView() const { return m_theory; }
    CostBarsPlot* costPlot() const { return m_costBars; }
    BreakEvenPlot* breakEvenPlot() const { return m_breakEven; }
    TornadoPlot* tornadoPlot() const { return m_tornado; }
    SizingScatterPlot* sizingPlot() const { return m_sizingPlot; }
    QComboBox* sizingAxisField() const { return m_sizingAxis; }
    QLineEdit* sizingPointsField() const { return m_sizingPoints; }
    /// The best sizes per strategy of the last sizing sweep, one line per deployment.
    QString sizingSummaryText() const;
    QCheckBox* sweepField() const { return m_sweep; }
    QLineEdit* sweepRangeField() const { return m_sweepRange; }
    /// Where the sweep's points go: "even" or "adaptive" (the item's data), as --placement.
    QComboBox* sweepPlacementField() const { return m_sweepPlacement; }
    QCheckBox* tornadoField() const { return m_tornadoOn; }
    QLineEdit* horizonField() const { return m_horizon; }
    /// The comparison shown (the last one run); null before the first.
    const cost::Comparison* comparison() const;

    /// Writes the report: "html", "pdf", "csv" or "json" by the file's suffix. False (and a
    /// message in statusText()) when there is nothing to export or the file cannot be written.
    bool exportReport(const QString& path);

signals:
    void runFinished(bool completed);

private slots:
    void onProgress(double fraction, const QString& step, double etaSeconds);
    void onFinished(bool completed);
    void onFailed(const QString& message);
    void chooseExport();

private:
    void setStatus(const QString& text, bool error = false);
    void createCharts();
    QWidget* createSizingTab();
    void showSizing(const cost::SweepResult& sweep);
    void setRunning(bool running);
    void updateCharts(const cost::Comparison& comparison);
    void showComparison(const cost::Comparison& comparison);
    void fillTable(const cost::Comparison& comparison);
    void showTheory(const cost::Comparison* comparison);
    bool exportPdf(const QString& path, const cost::Comparison& comparison);

    DefinitionSession& m_session;
    SimulationRunner m_runner;
    QLineEdit* m_horizon = nullptr;
    QCheckBox* m_sweep = nullptr;
    QLineEdit* m_sweepRange = nullptr;
    QComboBox* m_sweepPlacement = nullptr;
    QCheckBox* m_tornadoOn = nullptr;
    QSpinBox* m_tornadoPercent = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_export = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_eta = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_recommendation = nullptr;
    QTableWidget* m_table = nullptr;
    QTextBrowser* m_theory = nullptr;
    QTabWidget* m_charts = nullptr;
    CostBarsPlot* m_costBars = nullptr;
    BreakEvenPlot* m_breakEven = nullptr;
    TornadoPlot* m_tornado = nullptr;
    QComboBox* m_sizingAxis = nullptr;
    QLineEdit* m_sizingPoints = nullptr;
    QPushButton* m_sizingRun = nullptr;
    QLabel* m_sizingSummary = nullptr;
    SizingScatterPlot* m_sizingPlot = nullptr;
    std::optional<cost::Comparison> m_shown; ///< what the table, charts and export show
};

} // namespace flowcast::ui
