#pragma once
// WorkloadForm: the scenario's "workload", how executions arrive (Workload.h): a schedule
// expression, a Poisson rate, a daily profile of 24 hourly rates, bursts, a stream of records
// in batches, or a trace file; plus the window and the records each execution carries. Shows a
// workload and gives it back written in place; a new kind starts from the current day's volume.
#include "model/asl/Json.h"

#include <QWidget>

#include <map>
#include <vector>

class QComboBox;
class QStackedWidget;

namespace flowcast::ui {

class NumberField;
class SpecFields;

class WorkloadForm : public QWidget {
    Q_OBJECT
public:
    explicit WorkloadForm(QWidget* parent = nullptr);

    /// The scenario's file (or project), for relative trace files and volume estimates.
    void setScenarioPath(const QString& path);
    /// Shows `workload` without emitting edited().
    void setValue(const model::Json& workload);
    model::Json value() const;

    QComboBox* kindCombo() const { return m_kind; }
    /// The kind shown: "schedule", "poisson", ..., or "" for none the form knows.
    QString kind() const;
    /// Selects `kind` as a user would (emits edited()).
    void chooseKind(const QString& kind);
    NumberField* poissonRate() const { return m_rate; }
    NumberField* hourlyRate(int hour) const { return m_hours.at(static_cast<std::size_t>(hour)); }
    SpecFields* fields(const QString& kind) const;

signals:
    void edited(const QString& key);

private:
    QWidget* makePoissonPage();
    QWidget* makeProfilePage();
    void addFieldsPage(const QString& kind, SpecFields* fields);
    void onKindChosen();
    void onRateUnitChosen();
    void onEdited(const QString& key);
    model::Json seededBody(const QString& kind) const;
    model::Json poissonBody() const;
    model::Json profileBody() const;
    void showPoisson(const model::Json& body);
    void showProfile(const model::Json& body);

    QString m_path;
    model::Json m_spec = model::Json::object();
    QComboBox* m_kind = nullptr;
    QStackedWidget* m_pages = nullptr;
    std::map<QString, SpecFields*> m_fields; ///< the kinds made of plain fields
    SpecFields* m_common = nullptr;
    NumberField* m_rate = nullptr;
    QComboBox* m_rateUnit = nullptr;
    double m_ratePer = 3600; ///< seconds in the rate unit shown
    std::vector<NumberField*> m_hours;
    std::vector<NumberField*> m_days;
};

} // namespace flowcast::ui
