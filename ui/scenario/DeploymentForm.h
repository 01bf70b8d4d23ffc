#pragma once
// DeploymentForm: one deployment of the scenario: its name, description and Express flag, and
// its overrides of the scenario's services and state models. An override is edited in the same
// form as the entry it overrides (ServiceForm, StateModelForm), showing the merged result: the
// fields the deployment sets in bold, the ones it inherits grey; an edit writes only the fields
// it changed into the override (OverridePatch). Holds a copy of the deployment; each finished
// edit emits edited() and the owner (ScenarioForms) takes deployment().
#include "model/asl/Json.h"

#include <QWidget>

#include <utility>
#include <vector>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace flowcast::ui {

class ServiceForm;
class SpecFields;
class StateModelForm;

class DeploymentForm : public QWidget {
    Q_OBJECT
public:
    explicit DeploymentForm(QWidget* parent = nullptr);

    void setBaseDir(const QString& dir);
    /// The definition's modelled states (name, type): what a state override can name.
    void setDefinitionStates(std::vector<std::pair<QString, QString>> states);
    /// Shows `deployment` (null: none) over `scenario` without emitting edited(); keeps the
    /// selected override when it is still there.
    void setDeployment(const model::Json& scenario, const model::Json& deployment);
    const model::Json& deployment() const { return m_deployment; }

    SpecFields* fields() const { return m_fields; }
    QListWidget* overrideList() const { return m_overrides; }
    /// The scenario's services and states an override can be added for ("services/athena").
    QComboBox* addCombo() const { return m_add; }
    ServiceForm* serviceForm() const { return m_service; }
    StateModelForm* stateForm() const { return m_state; }

    /// Selects the override of `section` ("services", "states") entry `name`.
    bool selectOverride(const QString& section, const QString& name);
    /// Adds an empty override (everything inherited) and selects it; selects an existing one.
    void addOverride(const QString& section, const QString& name);
    /// The selected override's field `key` ("nodes", "autoscaling/min") inherited again.
    void clearField(const QString& key);
    void removeOverride();
    /// The fields the selected override sets.
    QStringList setFields() const;

signals:
    /// One finished edit: `key` ("services/spark-cluster/nodes") for merging repeats.
    void edited(const QString& key, const QString& label);

private:
    void fillOverrides();
    void fillAddCombo();
    void showOverride();
    void updateMarks();
    void onOverrideEdited(const QString& key);
    std::pair<QString, QString> selected() const;
    model::Json baseOf(const QString& section, const QString& name) const;
    const model::Json* patchOf(const QString& section, const QString& name) const;
    model::Json* patchOf(const QString& section, const QString& name);
    QStringList groups() const;

    model::Json m_scenario;   ///< the scenario the deployment is merged over
    model::Json m_deployment; ///< null when none is shown
    model::Json m_shown;      ///< the selected override's merged entry, as the form shows it
    std::vector<std::pair<QString, QString>> m_definitionStates;
    SpecFields* m_fields = nullptr;
    QListWidget* m_overrides = nullptr;
    QComboBox* m_add = nullptr;
    QPushButton* m_remove = nullptr;
    QLabel* m_title = nullptr;
    QString m_heading; ///< what the selected override is, above what it sets
    QComboBox* m_clearKey = nullptr;
    QPushButton* m_clear = nullptr;
    QStackedWidget* m_pages = nullptr;
    ServiceForm* m_service = nullptr;
    StateModelForm* m_state = nullptr;
};

} // namespace flowcast::ui
