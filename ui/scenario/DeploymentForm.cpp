#include "ui/scenario/DeploymentForm.h"

#include "ui/scenario/OverridePatch.h"
#include "ui/scenario/ServiceForm.h"
#include "ui/scenario/SpecFields.h"
#include "ui/scenario/StateModelForm.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace flowcast::ui {

using model::Json;

namespace {

enum Page { NonePage, ServicePage, StatePage };

const QString kServices = QStringLiteral("services");
const QString kStates = QStringLiteral("states");

std::vector<FieldSpec> deploymentFields() {
    return {textField("name", "Name"), textField("description", "Description"),
            booleanField("express", "Express workflow")};
}

const Json& sectionOf(const Json& owner, const QString& section) {
    static const Json none;
    if (!owner.is_object()) return none;
    const auto it = owner.find(section.toStdString());
    return it != owner.end() && it->is_object() ? *it : none;
}

// Bold when the deployment sets it, grey when it is inherited: the same marks as SpecFields.
void markInherited(QWidget* editor, bool inherited) {
    QPalette palette = inherited ? editor->palette() : QPalette();
    if (inherited) palette.setColor(QPalette::ButtonText, palette.color(QPalette::PlaceholderText));
    editor->setPalette(palette);
    editor->setToolTip(inherited ? QObject::tr("Inherited from the scenario")
                                 : QObject::tr("Set by this deployment"));
}

} // namespace

DeploymentForm::DeploymentForm(QWidget* parent) : QWidget(parent) {
    m_fields = new SpecFields(deploymentFields(), this);
    auto* about = new QLabel(tr("A deployment is the scenario with its overrides merged over it "
                                "(a JSON merge patch); the workload is the same for all. Bold "
                                "fields are set by the deployment, grey ones inherited from the "
                                "scenario. Outages and storage are edited in the JSON text."),
                             this);
    about->setWordWrap(true);
    about->setStyleSheet(QStringLiteral("color: palette(mid)"));

    m_overrides = new QListWidget(this);
    m_overrides->setObjectName(QStringLiteral("deploymentOverrides"));
    m_overrides->setMaximumHeight(96);
    m_add = new QComboBox(this);
    m_add->setObjectName(QStringLiteral("addOverride"));
    m_add->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_add->setMinimumContentsLength(20);
    auto* add = new QPushButton(tr("Override"), this);
    add->setObjectName(QStringLiteral("addOverrideButton"));
    add->setToolTip(tr("Add an override of this service or state: every field inherited until "
                       "you change it"));
    m_remove = new QPushButton(tr("Remove override"), this);
    auto* addRow = new QHBoxLayout;
    addRow->addWidget(m_add, 1);
    addRow->addWidget(add);
    addRow->addWidget(m_remove);

    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    m_title->setStyleSheet(QStringLiteral("font-weight: bold"));
    m_clearKey = new QComboBox(this);
    m_clearKey->setObjectName(QStringLiteral("overrideClearKey"));
    m_clear = new QPushButton(tr("Clear"), this);
    m_clear->setToolTip(tr("Drop this field from the override: the scenario's value applies"));
    auto* clearRow = new QHBoxLayout;
    clearRow->addWidget(new QLabel(tr("Inherit again:"), this));
    clearRow->addWidget(m_clearKey, 1);
    clearRow->addWidget(m_clear);

    m_pages = new QStackedWidget(this);
    auto* none = new QLabel(tr("Nothing overridden: the scenario as written. Add an override "
                               "for one of its services or states above."),
                            m_pages);
    none->setWordWrap(true);
    none->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_service = new ServiceForm(m_pages);
    m_state = new StateModelForm(m_pages);
    m_pages->addWidget(none);
    m_pages->addWidget(m_service);
    m_pages->addWidget(m_state);

    auto* group = new QGroupBox(tr("Overrides of the scenario's services and states"), this);
    auto* inner = new QVBoxLayout(group);
    inner->addWidget(m_overrides);
    inner->addLayout(addRow);
    inner->addWidget(m_title);
    inner->addLayout(clearRow);
    inner->addWidget(m_pages);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_fields);
    layout->addWidget(about);
    layout->addWidget(group);
    layout->addStretch(1);

    connect(m_fields, &SpecFields::edited, this, [this](const QString& key) {
        if (!m_deployment.is_object()) return;
        m_deployment = m_fields->valueOver(m_deployment);
        emit edited(key, tr("Edit deployment %1").arg(textIn(m_deployment, "name")));
    });
    connect(m_overrides, &QListWidget::currentItemChanged, this, &DeploymentForm::showOverride);
    connect(add, &QPushButton::clicked, this, [this] {
        const QString target = m_add->currentData().toString();
        if (!target.isEmpty())
            addOverride(target.section(QLatin1Char('/'), 0, 0),
                        target.section(QLatin1Char('/'), 1));
    });
    connect(m_remove, &QPushButton::clicked, this, &DeploymentForm::removeOverride);
    connect(m_clear, &QPushButton::clicked, this,
            [this] { clearField(m_clearKey->currentText()); });
    connect(m_service, &ServiceForm::edited, this, &DeploymentForm::onOverrideEdited);
    connect(m_state, &StateModelForm::edited, this, &DeploymentForm::onOverrideEdited);
    setDeployment(Json::object(), Json());
}

void DeploymentForm::setBaseDir(const QString& dir) {
    m_service->setBaseDir(dir);
    m_state->setBaseDir(dir);
}

void DeploymentForm::setDefinitionStates(std::vector<std::pair<QString, QString>> states) {
    m_definitionStates = std::move(states);
    fillAddCombo();
}

void DeploymentForm::setDeployment(const Json& scenario, const Json& deployment) {
    m_scenario = scenario.is_object() ? scenario : Json::object();
    m_scenario.erase("deployments");
    m_deployment = deployment.is_object() ? deployment : Json();
    setEnabled(m_deployment.is_object());
    m_fields->setValue(m_deployment);
    fillAddCombo();
    fillOverrides();
}

std::pair<QString, QString> DeploymentForm::selected() const {
    const QListWidgetItem* item = m_overrides->currentItem();
    if (!item) return {};
    return {item->data(Qt::UserRole).toString(), item->data(Qt::UserRole + 1).toString()};
}

Json DeploymentForm::baseOf(const QString& section, const QString& name) const {
    const Json& entries = sectionOf(m_scenario, section);
    const auto it = entries.is_object() ? entries.find(name.toStdString()) : entries.end();
    return entries.is_object() && it != entries.end() ? *it : Json();
}

const Json* DeploymentForm::patchOf(const QString& section, const QString& name) const {
    const Json& entries = sectionOf(m_deployment, section);
    const auto it = entries.is_object() ? entries.find(name.toStdString()) : entries.end();
    return entries.is_object() && it != entries.end() ? &*it : nullptr;
}

Json* DeploymentForm::patchOf(const QString& section, const QString& name) {
    return const_cast<Json*>(std::as_const(*this).patchOf(section, name));
}

QStringList DeploymentForm::groups() const {
    QStringList out;
    if (selected().first != kServices) return out;
    for (const QString& key : m_service->fields()->keys())
        if (key.contains(QLatin1Char('/'))) out << key.section(QLatin1Char('/'), 0, 0);
    out.removeDuplicates();
    return out;
}

void DeploymentForm::fillAddCombo() {
    m_add->clear();
    const Json& services = sectionOf(m_scenario, kServices);
    for (auto it = services.begin(); it != services.end(); ++it) {
        const QString name = QString::fromStdString(it.key());
        m_add->addItem(tr("Service %1  (%2)").arg(name, textIn(*it, "kind")),
                       kServices + QLatin1Char('/') + name);
    }
    QStringList states;
    for (const auto& [name, type] : m_definitionStates)
        states << name;
    const Json& models = sectionOf(m_scenario, kStates);
    for (auto it = models.begin(); it != models.end(); ++it)
        if (!states.contains(QString::fromStdString(it.key())))
            states << QString::fromStdString(it.key());
    for (const QString& name : states)
        m_add->addItem(tr("State %1").arg(name), kStates + QLatin1Char('/') + name);
}

void DeploymentForm::fillOverrides() {
    const auto [section, name] = selected();
    {
        const QSignalBlocker blocker(m_overrides);
        m_overrides->clear();
        for (const QString& s : {kServices, kStates}) {
            const Json& entries = sectionOf(m_deployment, s);
            for (auto it = entries.begin(); it != entries.end(); ++it) {
                const QString entry = QString::fromStdString(it.key());
                const bool added = baseOf(s, entry).is_null();
                auto* item = new QListWidgetItem(
                    (s == kServices ? tr("Service %1") : tr("State %1")).arg(entry) +
                    (added ? tr("  (added by this deployment)") : QString()));
                item->setData(Qt::UserRole, s);
                item->setData(Qt::UserRole + 1, entry);
                m_overrides->addItem(item);
            }
        }
    }
    if (!selectOverride(section, name) && m_overrides->count() > 0) m_overrides->setCurrentRow(0);
    showOverride();
}

bool DeploymentForm::selectOverride(const QString& section, const QString& name) {
    for (int i = 0; i < m_overrides->count(); ++i) {
        const QListWidgetItem* item = m_overrides->item(i);
        if (item->data(Qt::UserRole).toString() == section &&
            item->data(Qt::UserRole + 1).toString() == name) {
            m_overrides->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

void DeploymentForm::showOverride() {
    const auto [section, name] = selected();
    const Json* patch = patchOf(section, name);
    m_remove->setEnabled(patch != nullptr);
    m_title->setVisible(patch != nullptr);
    if (!patch) {
        showPage(m_pages, NonePage);
        updateMarks();
        return;
    }
    const Json base = baseOf(section, name);
    m_shown = overrides::merged(base, *patch);
    if (section == kServices) {
        m_heading =
            (base.is_null() ? tr("%1: a service the scenario does not have").arg(name)
                            : tr("%1: the scenario's %2 service, as this deployment runs it")
                                  .arg(name, textIn(base, "kind")));
        m_service->setValue(m_shown);
        showPage(m_pages, ServicePage);
    } else {
        std::vector<std::pair<QString, QString>> services;
        const Json all =
            overrides::merged(sectionOf(m_scenario, kServices), sectionOf(m_deployment, kServices));
        for (auto it = all.begin(); it != all.end(); ++it)
            services.emplace_back(QString::fromStdString(it.key()), textIn(*it, "kind"));
        m_state->setServices(services);
        const auto type = std::find_if(m_definitionStates.begin(), m_definitionStates.end(),
                                       [&](const auto& s) { return s.first == name; });
        m_heading = tr("%1: its model in this deployment").arg(name);
        m_state->setValue(name, type != m_definitionStates.end() ? type->second : QString(),
                          &m_shown);
        showPage(m_pages, StatePage);
    }
    updateMarks();
}

QStringList DeploymentForm::setFields() const {
    const auto [section, name] = selected();
    const Json* patch = patchOf(section, name);
    return patch ? overrides::setKeys(*patch, groups()) : QStringList();
}

void DeploymentForm::updateMarks() {
    const auto [section, name] = selected();
    const Json* patch = patchOf(section, name);
    const QStringList set = setFields();
    m_title->setText(set.isEmpty()
                         ? m_heading + tr("\nSets nothing yet: every field inherited")
                         : m_heading + tr("\nSets %1").arg(set.join(QStringLiteral(", "))));
    m_clearKey->clear();
    m_clearKey->addItems(set);
    m_clearKey->setEnabled(!set.isEmpty());
    m_clear->setEnabled(!set.isEmpty());
    if (!patch) return;
    SpecFields* fields = section == kServices ? m_service->fields() : m_state->fields();
    for (const QString& key : fields->keys())
        fields->setInherited(key, !overrides::sets(*patch, key));
    if (section == kServices)
        markInherited(m_service->kindCombo(), !overrides::sets(*patch, QStringLiteral("kind")));
    else
        markInherited(m_state->serviceCombo(), !overrides::sets(*patch, QStringLiteral("service")));
}

void DeploymentForm::onOverrideEdited(const QString& key) {
    const auto [section, name] = selected();
    Json* patch = patchOf(section, name);
    if (!patch) return;
    const Json after =
        section == kServices ? m_service->value() : m_state->value().value_or(Json::object());
    overrides::writeChange(*patch, baseOf(section, name), m_shown, after, groups());
    m_shown = after;
    updateMarks();
    emit edited(
        QStringLiteral("%1/%2/%3").arg(section, name, key),
        tr("Override %1 of %2 in deployment %3").arg(key, name, textIn(m_deployment, "name")));
}

void DeploymentForm::addOverride(const QString& section, const QString& name) {
    if (!m_deployment.is_object() || name.isEmpty()) return;
    if (!patchOf(section, name)) {
        Json& entries = m_deployment[section.toStdString()];
        if (!entries.is_object()) entries = Json::object();
        entries[name.toStdString()] = Json::object();
        fillOverrides();
        selectOverride(section, name);
        emit edited(section + QStringLiteral("/add"),
                    tr("Override %1 in deployment %2").arg(name, textIn(m_deployment, "name")));
        return;
    }
    selectOverride(section, name);
}

void DeploymentForm::clearField(const QString& key) {
    const auto [section, name] = selected();
    Json* patch = patchOf(section, name);
    if (!patch || !overrides::clear(*patch, key)) return;
    showOverride();
    emit edited(
        QStringLiteral("%1/%2/%3/clear").arg(section, name, key),
        tr("Inherit %1 of %2 in deployment %3").arg(key, name, textIn(m_deployment, "name")));
}

void DeploymentForm::removeOverride() {
    const auto [section, name] = selected();
    if (!patchOf(section, name)) return;
    Json& entries = m_deployment[section.toStdString()];
    entries.erase(name.toStdString());
    if (entries.empty()) m_deployment.erase(section.toStdString());
    fillOverrides();
    emit edited(
        section + QStringLiteral("/remove"),
        tr("Remove the override of %1 from deployment %2").arg(name, textIn(m_deployment, "name")));
}

} // namespace flowcast::ui
