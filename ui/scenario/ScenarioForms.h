#pragma once
// ScenarioForms: the Scenario mode's form side, over one scenario JSON: run settings and the
// workload, the services (Lambda, Glue, Athena, EMR clusters), the per-state models and the
// deployments compared, one tab each. It holds a copy of the scenario, never the project's: a
// finished edit updates the copy and emits edited(); ScenarioView checks it and commits it to
// the Document as one undo step. setScenario() shows a scenario again, keeping the selections.
#include "model/asl/Json.h"

#include <QTabWidget>

#include <utility>
#include <vector>

class QLineEdit;
class QListWidget;

namespace flowcast::ui {

class DeploymentForm;
class ServiceForm;
class SpecFields;
class StateModelForm;
class WorkloadForm;

class ScenarioForms : public QTabWidget {
    Q_OBJECT
public:
    explicit ScenarioForms(QWidget* parent = nullptr);

    void setScenarioPath(const QString& path);
    /// The definition's states a scenario can model: (name, type), Tasks and distributed Maps.
    void setDefinitionStates(std::vector<std::pair<QString, QString>> states);
    /// Shows `scenario` without emitting edited().
    void setScenario(const model::Json& scenario);
    const model::Json& scenario() const { return m_scenario; }
    void setEditable(bool editable);

    bool selectService(const QString& name);
    bool selectState(const QString& name);

    SpecFields* runFields() const { return m_run; }
    WorkloadForm* workloadForm() const { return m_workload; }
    ServiceForm* serviceForm() const { return m_service; }
    StateModelForm* stateForm() const { return m_state; }
    QListWidget* serviceList() const { return m_services; }
    /// The selected service's name: editing it renames the service where states call it.
    QLineEdit* serviceNameField() const { return m_serviceName; }
    QListWidget* stateList() const { return m_states; }
    QListWidget* deploymentList() const { return m_deployments; }
    DeploymentForm* deploymentForm() const { return m_deployment; }

signals:
    /// The scenario changed by one gesture: `mergeKey` is the same for repeated edits of one
    /// field, `label` names the step for Undo.
    void edited(const QString& mergeKey, const QString& label);

private:
    QWidget* makeWorkloadTab();
    QWidget* makeServicesTab();
    QWidget* makeStatesTab();
    QWidget* makeDeploymentsTab();
    void fillServices();
    void fillStates();
    void fillDeployments();
    void showService();
    void showState();
    void showDeployment();
    void commit(const QString& mergeKey, const QString& label);
    void addService();
    void renameService();
    void removeService();
    void addDeployment();
    void removeDeployment();
    std::vector<std::pair<QString, QString>> serviceKinds() const;

    model::Json m_scenario = model::Json::object();
    QString m_path;
    std::vector<std::pair<QString, QString>> m_definitionStates;
    SpecFields* m_run = nullptr;
    WorkloadForm* m_workload = nullptr;
    QListWidget* m_services = nullptr;
    QLineEdit* m_serviceName = nullptr;
    ServiceForm* m_service = nullptr;
    QListWidget* m_states = nullptr;
    StateModelForm* m_state = nullptr;
    QListWidget* m_deployments = nullptr;
    DeploymentForm* m_deployment = nullptr;
};

} // namespace flowcast::ui
