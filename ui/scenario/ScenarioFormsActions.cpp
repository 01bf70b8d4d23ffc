// ScenarioForms' list gestures: adding, renaming and removing services and deployments. Each is
// one edit of the scenario; a service's name is also changed (or dropped) where states call it.
#include "ui/scenario/ScenarioForms.h"

#include "ui/scenario/SpecFields.h"

#include <QLineEdit>
#include <QListWidget>

namespace flowcast::ui {

using model::Json;

namespace {

// Every state model that calls `from`, in the scenario and in its deployments' overrides.
std::vector<Json*> callersOf(Json& scenario, const std::string& from) {
    std::vector<Json*> out;
    auto scan = [&](Json& owner) {
        if (!owner.is_object() || !owner.contains("states") || !owner["states"].is_object()) return;
        for (auto& [name, model] : owner["states"].items())
            if (textIn(model, "service").toStdString() == from) out.push_back(&model);
    };
    scan(scenario);
    if (scenario.contains("deployments") && scenario["deployments"].is_array())
        for (Json& d : scenario["deployments"])
            scan(d);
    return out;
}

} // namespace

void ScenarioForms::addService() {
    Json& services = m_scenario["services"];
    if (!services.is_object()) services = Json::object();
    int n = 1;
    while (services.contains("function-" + std::to_string(n)))
        ++n;
    const std::string name = "function-" + std::to_string(n);
    services[name] = Json{{"kind", "lambda"}};
    commit(QStringLiteral("services/add"), tr("Add service %1").arg(QString::fromStdString(name)));
    fillServices();
    selectService(QString::fromStdString(name));
}

void ScenarioForms::renameService() {
    const QString from = m_services->currentItem()
                             ? m_services->currentItem()->data(Qt::UserRole).toString()
                             : QString();
    const QString to = m_serviceName->text().trimmed();
    Json& services = m_scenario["services"];
    if (from.isEmpty() || to == from || to.isEmpty() || services.contains(to.toStdString())) {
        m_serviceName->setText(from);
        return;
    }
    // Rebuilt key by key: the renamed service keeps its place in the file.
    Json renamed = Json::object();
    for (auto it = services.begin(); it != services.end(); ++it)
        renamed[it.key() == from.toStdString() ? to.toStdString() : it.key()] = it.value();
    services = std::move(renamed);
    for (Json* caller : callersOf(m_scenario, from.toStdString()))
        (*caller)["service"] = to.toStdString();
    commit(QStringLiteral("services/rename"), tr("Rename service %1 to %2").arg(from, to));
    fillServices();
    selectService(to);
    fillStates();
}

void ScenarioForms::removeService() {
    const QString name = m_services->currentItem()
                             ? m_services->currentItem()->data(Qt::UserRole).toString()
                             : QString();
    if (name.isEmpty() || !m_scenario.contains("services")) return;
    m_scenario["services"].erase(name.toStdString());
    // The states that called it run on their own duration: "service" names no service else.
    for (Json* caller : callersOf(m_scenario, name.toStdString()))
        caller->erase("service");
    commit(QStringLiteral("services/remove"), tr("Remove service %1").arg(name));
    fillServices();
    fillStates();
}

void ScenarioForms::addDeployment() {
    Json& list = m_scenario["deployments"];
    if (!list.is_array()) list = Json::array();
    // Without deployments the scenario is compared as written: keep that as the first one.
    if (list.empty()) list.push_back(Json{{"name", "as written"}});
    list.push_back(Json{{"name", "deployment " + std::to_string(list.size() + 1)}});
    commit(QStringLiteral("deployments/add"), tr("Add a deployment"));
    fillDeployments();
    m_deployments->setCurrentRow(m_deployments->count() - 1);
}

void ScenarioForms::removeDeployment() {
    const int row = m_deployments->currentRow();
    if (row < 0 || !m_scenario.contains("deployments")) return;
    Json& list = m_scenario["deployments"];
    if (!list.is_array() || static_cast<std::size_t>(row) >= list.size()) return;
    list.erase(static_cast<std::size_t>(row));
    if (list.empty()) m_scenario.erase("deployments"); // an empty list is refused
    commit(QStringLiteral("deployments/remove"), tr("Remove a deployment"));
    fillDeployments();
}

} // namespace flowcast::ui
