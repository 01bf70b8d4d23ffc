#pragma once
// The Scenario mode: the project's scenario (workload, services, per-state models, clusters,
// deployments, horizon, seed) as forms and as JSON text side by side, checked as the simulator
// reads it, and a preview of the workload's arrivals over a day. A finished form edit, or Apply
// of the text, writes it into the project as one undoable step (repeated steps of one field
// merge); the forms and the text always show what the project holds. A project without a
// scenario gets a starting template.
#include "model/asl/Json.h"

#include <QWidget>

#include <vector>

class QLabel;
class QPushButton;

namespace flowcast::ui {

class ArrivalsPlot;
class CodeEditor;
class DefinitionSession;
class ScenarioForms;

/// Arrivals of a scenario's workload over its first day, bucketed: per hour, or per minute over
/// the first hour when the day holds more than `maxArrivals`. Records instead of executions for
/// a stream. Throws model::ScenarioError for a bad workload.
struct ArrivalPreview {
    std::vector<double> counts;
    double bucketSeconds = 3600;
    bool records = false;
};
ArrivalPreview previewArrivals(const model::Json& scenario, const QString& scenarioPath,
                               std::size_t maxArrivals = 200000);

class ScenarioView : public QWidget {
    Q_OBJECT
public:
    explicit ScenarioView(DefinitionSession& session, QWidget* parent = nullptr);

    CodeEditor* editor() const { return m_editor; }
    ArrivalsPlot* arrivalsPlot() const { return m_arrivals; }
    ScenarioForms* forms() const { return m_forms; }
    /// Checks the text and, when it reads as a scenario, writes it into the project (one undo
    /// step). False, with the reason in statusText(), when it does not.
    bool apply();
    QString statusText() const;
    bool hasUnappliedText() const;

private slots:
    void refresh();

private:
    void setStatus(const QString& text, bool error);
    void updatePreview(const model::Json& scenario);
    /// Why the simulator would refuse `scenario` in this project ("/scenario/...: ..."); empty
    /// when it reads.
    QString checkScenario(const model::Json& scenario) const;
    void onFormEdited(const QString& mergeKey, const QString& label);
    void updateDefinitionStates();
    void onSelectionChanged(const QString& pointer);

    DefinitionSession& m_session;
    CodeEditor* m_editor = nullptr;
    QPushButton* m_apply = nullptr;
    QPushButton* m_revert = nullptr;
    QLabel* m_status = nullptr;
    ArrivalsPlot* m_arrivals = nullptr;
    ScenarioForms* m_forms = nullptr;
    QString m_shown;            ///< the text the document holds, as shown
    model::Json m_formScenario; ///< what the forms show: reloaded only when it differs
};

} // namespace flowcast::ui
