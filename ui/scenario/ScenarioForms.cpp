#include "ui/scenario/ScenarioForms.h"

#include "ui/scenario/DeploymentForm.h"
#include "ui/scenario/ServiceForm.h"
#include "ui/scenario/SpecFields.h"
#include "ui/scenario/StateModelForm.h"
#include "ui/scenario/WorkloadForm.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

namespace flowcast::ui {

using model::Json;

namespace {

// The scenario's own settings (Scenario.h), as model::Scenario reads them.
std::vector<FieldSpec> runSettings() {
    return {
        textField("name", "Scenario name"),
        textField("horizon", "Horizon", {}, "virtual time simulated: 30d, 2h, 3600"),
        numberField("executions", "Stop after", 1, 1e12, 1, "executions")
            .absentAs("no limit (the horizon)"),
        numberField("replications", "Replications", 1, 1000, 1, "runs")
            .withTip("Independent runs, each with its own seed: confidence intervals"),
        numberField("seed", "Seed", 0, 9e15, 1, QString()),
        numberField("slaSeconds", "SLA", 0.001, 1e8, 3600, "s", 3)
            .absentAs("none")
            .withTip("Executions slower than this count as SLA misses"),
        booleanField("express", "Express workflow"),
    };
}

QScrollArea* scrolled(QWidget* content, QWidget* parent) {
    auto* area = new QScrollArea(parent);
    area->setWidget(content);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    return area;
}

QWidget* listWithButtons(QListWidget* list, std::initializer_list<QPushButton*> buttons,
                         QWidget* parent) {
    auto* box = new QWidget(parent);
    auto* row = new QHBoxLayout;
    for (QPushButton* b : buttons)
        row->addWidget(b);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(list, 1);
    layout->addLayout(row);
    return box;
}

QString nameOf(const QListWidgetItem* item) {
    return item ? item->data(Qt::UserRole).toString() : QString();
}

} // namespace

ScenarioForms::ScenarioForms(QWidget* parent) : QTabWidget(parent) {
    setObjectName(QStringLiteral("scenarioForms"));
    addTab(makeWorkloadTab(), tr("Run && workload"));
    addTab(makeServicesTab(), tr("Services"));
    addTab(makeStatesTab(), tr("States"));
    addTab(makeDeploymentsTab(), tr("Deployments"));
}

QWidget* ScenarioForms::makeWorkloadTab() {
    auto* content = new QWidget(this);
    m_run = new SpecFields(runSettings(), content);
    m_workload = new WorkloadForm(content);
    auto* run = new QGroupBox(tr("Run"), content);
    (new QVBoxLayout(run))->addWidget(m_run);
    auto* workload = new QGroupBox(tr("Workload: how executions arrive"), content);
    (new QVBoxLayout(workload))->addWidget(m_workload);
    auto* layout = new QVBoxLayout(content);
    layout->addWidget(run);
    layout->addWidget(workload);
    layout->addStretch(1);
    connect(m_run, &SpecFields::edited, this, [this](const QString& key) {
        m_scenario = m_run->valueOver(m_scenario);
        commit(QStringLiteral("run/") + key, tr("Set the scenario's %1").arg(key));
    });
    connect(m_workload, &WorkloadForm::edited, this, [this](const QString& key) {
        m_scenario["workload"] = m_workload->value();
        commit(QStringLiteral("workload/") + key, tr("Edit the workload"));
    });
    return scrolled(content, this);
}

QWidget* ScenarioForms::makeServicesTab() {
    m_services = new QListWidget(this);
    m_services->setObjectName(QStringLiteral("serviceList"));
    auto* add = new QPushButton(tr("Add"), this);
    auto* remove = new QPushButton(tr("Remove"), this);
    remove->setObjectName(QStringLiteral("removeService"));
    auto* content = new QWidget(this);
    m_serviceName = new QLineEdit(content);
    m_serviceName->setToolTip(tr("Renaming updates the states that call the service"));
    m_service = new ServiceForm(content);
    auto* name = new QHBoxLayout;
    name->addWidget(new QLabel(tr("Service name"), content));
    name->addWidget(m_serviceName, 1);
    auto* layout = new QVBoxLayout(content);
    layout->addLayout(name);
    layout->addWidget(m_service, 1);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(listWithButtons(m_services, {add, remove}, this));
    split->addWidget(scrolled(content, this));
    split->setSizes({190, 600});
    split->setStretchFactor(1, 1);

    connect(m_services, &QListWidget::currentItemChanged, this, &ScenarioForms::showService);
    connect(add, &QPushButton::clicked, this, &ScenarioForms::addService);
    connect(remove, &QPushButton::clicked, this, &ScenarioForms::removeService);
    connect(m_serviceName, &QLineEdit::editingFinished, this, &ScenarioForms::renameService);
    connect(m_service, &ServiceForm::edited, this, [this](const QString& key) {
        const QString service = nameOf(m_services->currentItem());
        if (service.isEmpty()) return;
        m_scenario["services"][service.toStdString()] = m_service->value();
        commit(QStringLiteral("services/%1/%2").arg(service, key),
               tr("Edit service %1").arg(service));
        if (key == QLatin1String("kind")) fillServices();
    });
    return split;
}

QWidget* ScenarioForms::makeStatesTab() {
    m_states = new QListWidget(this);
    m_states->setObjectName(QStringLiteral("stateList"));
    m_state = new StateModelForm(this);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_states);
    split->addWidget(scrolled(m_state, this));
    split->setSizes({280, 600});
    split->setStretchFactor(1, 1);
    connect(m_states, &QListWidget::currentItemChanged, this, &ScenarioForms::showState);
    connect(m_state, &StateModelForm::edited, this, [this](const QString& key) {
        const std::string state = m_state->stateName().toStdString();
        if (state.empty()) return;
        const std::optional<Json> model = m_state->value();
        if (model)
            m_scenario["states"][state] = *model;
        else if (m_scenario.contains("states"))
            m_scenario["states"].erase(state);
        commit(QStringLiteral("states/%1/%2").arg(m_state->stateName(), key),
               tr("Edit the model of %1").arg(m_state->stateName()));
    });
    return split;
}

QWidget* ScenarioForms::makeDeploymentsTab() {
    m_deployments = new QListWidget(this);
    m_deployments->setObjectName(QStringLiteral("deploymentList"));
    auto* add = new QPushButton(tr("Add"), this);
    auto* remove = new QPushButton(tr("Remove"), this);
    m_deployment = new DeploymentForm(this);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(listWithButtons(m_deployments, {add, remove}, this));
    split->addWidget(scrolled(m_deployment, this));
    split->setSizes({170, 620});
    split->setStretchFactor(1, 1);
    connect(m_deployments, &QListWidget::currentItemChanged, this, &ScenarioForms::showDeployment);
    connect(add, &QPushButton::clicked, this, &ScenarioForms::addDeployment);
    connect(remove, &QPushButton::clicked, this, &ScenarioForms::removeDeployment);
    connect(
        m_deployment, &DeploymentForm::edited, this,
        [this](const QString& key, const QString& label) {
            const int row = m_deployments->currentRow();
            if (row < 0) return;
            m_scenario["deployments"][static_cast<std::size_t>(row)] = m_deployment->deployment();
            commit(QStringLiteral("deployments/%1/%2").arg(row).arg(key), label);
            if (key == QLatin1String("name")) // the list shows it; the form keeps its state
                m_deployments->currentItem()->setText(textIn(m_deployment->deployment(), "name"));
        });
    return split;
}

void ScenarioForms::setScenarioPath(const QString& path) {
    m_path = path;
    m_workload->setScenarioPath(path);
    const QString dir = path.isEmpty() ? QString() : path.section(QLatin1Char('/'), 0, -2);
    m_service->setBaseDir(dir);
    m_state->setBaseDir(dir);
    m_deployment->setBaseDir(dir);
}

void ScenarioForms::setDefinitionStates(std::vector<std::pair<QString, QString>> states) {
    m_definitionStates = std::move(states);
    m_deployment->setDefinitionStates(m_definitionStates);
    fillStates();
}

void ScenarioForms::setScenario(const Json& scenario) {
    m_scenario = scenario.is_object() ? scenario : Json::object();
    m_run->setValue(m_scenario);
    m_workload->setValue(m_scenario.value("workload", Json::object()));
    fillServices();
    fillStates();
    fillDeployments();
}

void ScenarioForms::setEditable(bool editable) {
    for (int i = 0; i < count(); ++i)
        widget(i)->setEnabled(editable);
}

void ScenarioForms::commit(const QString& mergeKey, const QString& label) {
    emit edited(mergeKey, label);
}

std::vector<std::pair<QString, QString>> ScenarioForms::serviceKinds() const {
    std::vector<std::pair<QString, QString>> out;
    const Json services = m_scenario.value("services", Json::object());
    for (auto it = services.begin(); it != services.end(); ++it)
        out.emplace_back(QString::fromStdString(it.key()), textIn(*it, "kind"));
    return out;
}

bool ScenarioForms::selectService(const QString& name) {
    for (int i = 0; i < m_services->count(); ++i)
        if (nameOf(m_services->item(i)) == name) {
            m_services->setCurrentRow(i);
            return true;
        }
    return false;
}

bool ScenarioForms::selectState(const QString& name) {
    for (int i = 0; i < m_states->count(); ++i)
        if (nameOf(m_states->item(i)) == name) {
            m_states->setCurrentRow(i);
            return true;
        }
    return false;
}

void ScenarioForms::fillServices() {
    const QString current = nameOf(m_services->currentItem());
    {
        const QSignalBlocker blocker(m_services);
        m_services->clear();
        for (const auto& [name, kind] : serviceKinds()) {
            auto* item = new QListWidgetItem(QStringLiteral("%1   (%2)").arg(name, kind));
            item->setData(Qt::UserRole, name);
            m_services->addItem(item);
        }
    }
    if (!selectService(current) && m_services->count() > 0) m_services->setCurrentRow(0);
    showService();
    m_state->setServices(serviceKinds());
}

void ScenarioForms::showService() {
    const QString name = nameOf(m_services->currentItem());
    m_service->setEnabled(!name.isEmpty());
    m_serviceName->setText(name);
    const Json services = m_scenario.value("services", Json::object());
    const auto it = services.find(name.toStdString());
    m_service->setValue(it != services.end() ? *it : Json{{"kind", "lambda"}});
}

void ScenarioForms::fillStates() {
    const QString current = nameOf(m_states->currentItem());
    const Json models = m_scenario.value("states", Json::object());
    const QSignalBlocker blocker(m_states);
    m_states->clear();
    auto add = [&](const QString& name, const QString& type) {
        const auto it = models.find(name.toStdString());
        const bool modelled = it != models.end();
        const QString service = modelled ? textIn(*it, "service") : QString();
        auto* item = new QListWidgetItem(
            service.isEmpty() ? name : QStringLiteral("%1  →  %2").arg(name, service));
        item->setToolTip(!modelled ? tr("%1: not modelled, it takes no time").arg(type) : type);
        item->setData(Qt::UserRole, name);
        item->setData(Qt::UserRole + 1, type);
        if (!modelled) item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
        m_states->addItem(item);
    };
    for (const auto& [name, type] : m_definitionStates)
        add(name, type);
    for (auto it = models.begin(); it != models.end(); ++it) {
        const QString name = QString::fromStdString(it.key());
        const bool known = std::any_of(m_definitionStates.begin(), m_definitionStates.end(),
                                       [&](const auto& s) { return s.first == name; });
        if (!known) add(name, tr("not in the definition"));
    }
    if (!selectState(current) && m_states->count() > 0) m_states->setCurrentRow(0);
    showState();
}

void ScenarioForms::showState() {
    const QListWidgetItem* item = m_states->currentItem();
    const QString name = nameOf(item);
    m_state->setEnabled(!name.isEmpty());
    const Json models = m_scenario.value("states", Json::object());
    const auto it = models.find(name.toStdString());
    m_state->setValue(name, item ? item->data(Qt::UserRole + 1).toString() : QString(),
                      it != models.end() ? &*it : nullptr);
}

void ScenarioForms::fillDeployments() {
    const int current = m_deployments->currentRow();
    const Json list = m_scenario.value("deployments", Json::array());
    {
        const QSignalBlocker blocker(m_deployments);
        m_deployments->clear();
        if (list.is_array())
            for (const Json& d : list)
                m_deployments->addItem(textIn(d, "name").isEmpty() ? tr("(unnamed)")
                                                                   : textIn(d, "name"));
        m_deployments->setCurrentRow(std::min(std::max(current, 0), m_deployments->count() - 1));
    }
    showDeployment();
}

void ScenarioForms::showDeployment() {
    const int row = m_deployments->currentRow();
    const Json list = m_scenario.value("deployments", Json::array());
    const Json d = row >= 0 && list.is_array() && static_cast<std::size_t>(row) < list.size()
                       ? list[static_cast<std::size_t>(row)]
                       : Json();
    m_deployment->setDeployment(m_scenario, d);
}

} // namespace flowcast::ui
