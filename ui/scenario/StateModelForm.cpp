#include "ui/scenario/StateModelForm.h"

#include "ui/scenario/NumberField.h"
#include "ui/scenario/SpecFields.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace flowcast::ui {

using model::Json;

namespace {

enum Column { ErrorColumn, ProbabilityColumn, CauseColumn };

// The keys of ServiceRouter::buildState this form edits; the others are kept as written.
const char* const kEdited[] = {"service", "duration", "bytesScanned", "failures"};

std::vector<FieldSpec> stateFields() {
    return {
        distributionField("duration", QObject::tr("Duration"), nullptr, "none (0 s)")
            .withTip("How long one attempt works, service start-up and cold start not included"),
        distributionField("bytesScanned", QObject::tr("Bytes scanned (Athena)"), nullptr,
                          "the service's default", "B"),
    };
}

} // namespace

StateModelForm::StateModelForm(QWidget* parent) : QWidget(parent) {
    m_title = new QLabel(this);
    m_title->setStyleSheet(QStringLiteral("font-weight: bold; font-size: 13pt"));
    m_service = new QComboBox(this);
    m_service->setObjectName(QStringLiteral("stateService"));
    m_service->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_service->setMinimumContentsLength(24);
    m_service->setToolTip(tr("The scenario's service this task calls: its concurrency, start-up "
                             "and price apply"));
    m_fields = new SpecFields(stateFields(), this);
    m_failures = new QTableWidget(0, 3, this);
    m_failures->setObjectName(QStringLiteral("stateFailures"));
    m_failures->setHorizontalHeaderLabels({tr("Error"), tr("Probability (0–1)"), tr("Cause")});
    m_failures->horizontalHeader()->setSectionResizeMode(ErrorColumn, QHeaderView::Interactive);
    m_failures->horizontalHeader()->setSectionResizeMode(CauseColumn, QHeaderView::Stretch);
    m_failures->setColumnWidth(ErrorColumn, 220);
    m_failures->setColumnWidth(ProbabilityColumn, 130);
    m_failures->verticalHeader()->setVisible(false);
    m_failures->setMinimumHeight(90);
    m_failures->setMaximumHeight(150);
    m_total = new QLabel(this);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_note->setStyleSheet(QStringLiteral("color: palette(mid)"));

    auto* add = new QPushButton(tr("Add failure"), this);
    auto* remove = new QPushButton(tr("Remove"), this);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addWidget(m_total, 1);
    auto* failures = new QGroupBox(tr("Injected failures (per attempt)"), this);
    auto* failuresLayout = new QVBoxLayout(failures);
    failuresLayout->addWidget(m_failures);
    failuresLayout->addLayout(buttons);

    auto* top = new QFormLayout;
    top->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    top->addRow(tr("Calls service"), m_service);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addLayout(top);
    layout->addWidget(m_fields);
    layout->addWidget(failures);
    layout->addWidget(m_note);
    layout->addStretch(1);

    connect(m_service, &QComboBox::activated, this, [this] {
        updateNote();
        updateBytesScanned();
        emit edited(QStringLiteral("service"));
    });
    connect(m_fields, &SpecFields::edited, this, &StateModelForm::edited);
    connect(m_failures, &QTableWidget::itemChanged, this, &StateModelForm::onFailuresEdited);
    connect(add, &QPushButton::clicked, this, [this] {
        addFailure(QStringLiteral("States.TaskFailed"), 0.01);
        onFailuresEdited();
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_failures->currentRow() < 0) return;
        m_failures->removeRow(m_failures->currentRow());
        onFailuresEdited();
    });
}

void StateModelForm::setBaseDir(const QString& dir) {
    m_fields->setBaseDir(dir);
}

void StateModelForm::setServices(const std::vector<std::pair<QString, QString>>& services) {
    const QSignalBlocker blocker(m_service);
    m_service->clear();
    m_service->addItem(tr("(none: the state's own duration only)"), QString());
    for (const auto& [name, kind] : services) {
        m_service->addItem(QStringLiteral("%1  (%2)").arg(name, kind), name);
        m_service->setItemData(m_service->count() - 1, kind, Qt::UserRole + 1);
    }
}

void StateModelForm::updateBytesScanned() {
    // Only a query scans bytes: shown for an Athena service, or when already set.
    const bool athena = m_service->currentData(Qt::UserRole + 1).toString() == "athena";
    const bool set = m_spec.is_object() && m_spec.contains("bytesScanned");
    if (QWidget* editor = m_fields->editor(QStringLiteral("bytesScanned")))
        editor->parentWidget()->setVisible(athena || set);
}

void StateModelForm::setValue(const QString& name, const QString& type, const Json* spec) {
    m_name = name;
    m_spec = spec ? *spec : Json();
    m_title->setText(type.isEmpty() ? name : QStringLiteral("%1  ·  %2").arg(name, type));
    const QString service =
        spec && spec->is_object() && spec->contains("service") && spec->at("service").is_string()
            ? QString::fromStdString(spec->at("service").get<std::string>())
            : QString();
    {
        const QSignalBlocker blocker(m_service);
        if (m_service->findData(service) < 0) m_service->addItem(service, service);
        m_service->setCurrentIndex(m_service->findData(service));
    }
    m_fields->setValue(m_spec.is_object() ? m_spec : Json::object());
    showFailures(m_spec.is_object() && m_spec.contains("failures") ? &m_spec["failures"] : nullptr);
    updateNote();
}

void StateModelForm::addFailure(const QString& error, double probability) {
    const QSignalBlocker blocker(m_failures);
    const int row = m_failures->rowCount();
    m_failures->insertRow(row);
    m_failures->setItem(row, ErrorColumn, new QTableWidgetItem(error));
    m_failures->setItem(row, CauseColumn, new QTableWidgetItem());
    auto* p = new NumberField(0, 1, 6, QString(), m_failures);
    p->setQuietly(probability);
    p->setSingleStep(0.001);
    connect(p, &QDoubleSpinBox::valueChanged, this, &StateModelForm::onFailuresEdited);
    m_failures->setCellWidget(row, ProbabilityColumn, p);
}

void StateModelForm::showFailures(const Json* failures) {
    m_failures->setRowCount(0);
    if (!failures || !failures->is_array()) return;
    for (const Json& f : *failures) {
        const bool object = f.is_object();
        addFailure(textIn(f, "error"),
                   object && f.contains("probability") && f["probability"].is_number()
                       ? f["probability"].get<double>()
                       : 0);
        const QSignalBlocker blocker(m_failures);
        m_failures->item(m_failures->rowCount() - 1, CauseColumn)->setText(textIn(f, "cause"));
    }
}

void StateModelForm::writeFailures(Json& out) const {
    const Json* original = out.contains("failures") ? &out["failures"] : nullptr;
    if (m_failures->rowCount() == 0) {
        if (original && !(original->is_array() && original->empty())) out.erase("failures");
        return;
    }
    Json list = Json::array();
    for (int row = 0; row < m_failures->rowCount(); ++row) {
        const auto i = static_cast<std::size_t>(row);
        Json f =
            original && original->is_array() && i < original->size() && (*original)[i].is_object()
                ? (*original)[i]
                : Json::object();
        f["error"] = m_failures->item(row, ErrorColumn)->text().toStdString();
        const QString cause = m_failures->item(row, CauseColumn)->text();
        if (!cause.isEmpty())
            f["cause"] = cause.toStdString();
        else
            f.erase("cause");
        const auto* p = static_cast<NumberField*>(m_failures->cellWidget(row, ProbabilityColumn));
        const Json* was = f.contains("probability") ? &f["probability"] : nullptr;
        f["probability"] = numberJson(p->value(), was);
        list.push_back(std::move(f));
    }
    out["failures"] = std::move(list);
}

void StateModelForm::onFailuresEdited() {
    updateNote();
    emit edited(QStringLiteral("failures"));
}

std::optional<Json> StateModelForm::value() const {
    Json out = m_fields->value();
    const QString service = m_service->currentData().toString();
    if (service.isEmpty())
        out.erase("service");
    else
        out["service"] = service.toStdString();
    writeFailures(out);
    if (out.empty() && m_spec.is_null()) return std::nullopt;
    return out;
}

void StateModelForm::updateNote() {
    double total = 0;
    for (int row = 0; row < m_failures->rowCount(); ++row)
        total += static_cast<NumberField*>(m_failures->cellWidget(row, ProbabilityColumn))->value();
    m_total->setText(m_failures->rowCount() == 0
                         ? tr("No injected failures: every attempt succeeds")
                         : tr("%1 % of attempts fail").arg(100 * total, 0, 'g', 4));
    m_total->setStyleSheet(total > 1 ? QStringLiteral("color: #d32f2f") : QString());
    QStringList kept;
    if (m_spec.is_object())
        for (auto it = m_spec.begin(); it != m_spec.end(); ++it)
            if (std::find(std::begin(kEdited), std::end(kEdited), it.key()) == std::end(kEdited))
                kept << QString::fromStdString(it.key());
    m_note->setText(kept.isEmpty() ? QString()
                                   : tr("Also modelled, edited in the JSON text: %1")
                                         .arg(kept.join(QStringLiteral(", "))));
    m_note->setVisible(!kept.isEmpty());
}

} // namespace flowcast::ui
