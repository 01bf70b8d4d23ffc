#include "ui/inspector/RetryCatchEditor.h"

#include "model/document/StateEdits.h"
#include "ui/session/DefinitionSession.h"

#include <QComboBox>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace flowcast::ui {
namespace {

using model::Json;

QString pointerName(const std::string& pointer) {
    return QString::fromStdString(pointer);
}

QPushButton* smallButton(const QString& text, const QString& objectName, const QString& tip,
                         QWidget* parent) {
    auto* button = new QPushButton(text, parent);
    button->setObjectName(objectName);
    button->setToolTip(tip);
    button->setMaximumWidth(32);
    return button;
}

} // namespace

RetryCatchEditor::RetryCatchEditor(const InspectorContext& context, Kind kind, QWidget* parent)
    : QGroupBox(parent), m_context(context), m_kind(kind) {
    const QString name = QString::fromStdString(key());
    setTitle(name);
    setObjectName(QStringLiteral("section:") + name);
    auto* layout = new QVBoxLayout(this);
    const Json* rows = m_context.value("/" + key());
    const int count = rows != nullptr && rows->is_array() ? int(rows->size()) : 0;
    for (int i = 0; i < count; ++i)
        buildRow(i, (*rows)[std::size_t(i)]);
    auto* add =
        new QPushButton(m_kind == Kind::Retry ? tr("Add retrier") : tr("Add catcher"), this);
    add->setObjectName(QStringLiteral("add:/") + name);
    add->setEnabled(m_context.editable);
    connect(add, &QPushButton::clicked, this, [this] { addRow(); });
    layout->addWidget(add);
}

void RetryCatchEditor::buildRow(int index, const Json& row) {
    auto* frame = new QFrame(this);
    frame->setFrameShape(QFrame::StyledPanel);
    const std::string at = "/" + key() + "/" + std::to_string(index);
    frame->setObjectName(QStringLiteral("row:") + pointerName(at));
    auto* form = new QFormLayout(frame);
    form->addRow(tr("#%1").arg(index + 1), rowButtons(index));
    auto* errors = new FieldEditor(m_context, at + "/ErrorEquals", FieldKind::ErrorList, frame);
    errors->setRequired(true);
    form->addRow(tr("Errors"), errors);
    if (m_kind == Kind::Retry)
        addRetryFields(form, at, row);
    else
        addCatchFields(form, at, row);
    static_cast<QVBoxLayout*>(layout())->addWidget(frame);
}

void RetryCatchEditor::addRetryFields(QFormLayout* form, const std::string& at, const Json& row) {
    QWidget* frame = form->parentWidget();
    form->addRow(tr("Interval (s)"),
                 new FieldEditor(m_context, at + "/IntervalSeconds", FieldKind::Integer, frame));
    form->addRow(tr("Max attempts"),
                 new FieldEditor(m_context, at + "/MaxAttempts", FieldKind::Integer, frame));
    form->addRow(tr("Backoff rate"),
                 new FieldEditor(m_context, at + "/BackoffRate", FieldKind::Number, frame));
    form->addRow(tr("Max delay (s)"),
                 new FieldEditor(m_context, at + "/MaxDelaySeconds", FieldKind::Integer, frame));
    auto* jitter = new QComboBox(frame);
    jitter->setObjectName(QStringLiteral("field:") + pointerName(at + "/JitterStrategy"));
    jitter->addItem(tr("(default: NONE)"), QString());
    jitter->addItem(QStringLiteral("FULL"), QStringLiteral("FULL"));
    jitter->addItem(QStringLiteral("NONE"), QStringLiteral("NONE"));
    const auto it = row.find("JitterStrategy");
    const QString current =
        it != row.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : "";
    jitter->setCurrentIndex(std::max(0, jitter->findData(current)));
    jitter->setEnabled(m_context.editable);
    connect(jitter, &QComboBox::activated, this, [this, jitter, at](int index) {
        const QString value = jitter->itemData(index).toString();
        m_context.commit(at + "/JitterStrategy",
                         value.isEmpty() ? std::nullopt : std::optional<Json>(value.toStdString()),
                         tr("Set JitterStrategy"));
    });
    form->addRow(tr("Jitter"), jitter);
}

void RetryCatchEditor::addCatchFields(QFormLayout* form, const std::string& at, const Json& row) {
    QWidget* frame = form->parentWidget();
    if (m_context.language == model::QueryLanguage::Jsonata) {
        form->addRow(tr("Output"),
                     new FieldEditor(m_context, at + "/Output", FieldKind::Json, frame));
        form->addRow(tr("Assign"),
                     new FieldEditor(m_context, at + "/Assign", FieldKind::Json, frame));
    } else {
        form->addRow(tr("ResultPath"),
                     new FieldEditor(m_context, at + "/ResultPath", FieldKind::Path, frame));
        form->addRow(tr("Assign"),
                     new FieldEditor(m_context, at + "/Assign", FieldKind::Json, frame));
    }
    const auto it = row.find("Next");
    const QString next =
        it != row.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : "";
    const std::string pointer = m_context.absolute(at + "/Next");
    auto* combo = makeTargetCombo(
        m_context, QStringLiteral("field:") + pointerName(at + "/Next"), next, false,
        [this, pointer](const QString& target) {
            m_context.session->edit([&](const model::Document& document) {
                return model::edits::setTarget(document, pointer, target.toStdString());
            });
        },
        frame);
    form->addRow(tr("Next"), combo);
}

QWidget* RetryCatchEditor::rowButtons(int index) {
    const Json* rows = m_context.value("/" + key());
    const int count = rows != nullptr ? int(rows->size()) : 0;
    const QString at = QString::fromStdString("/" + key() + "/" + std::to_string(index));
    auto* box = new QWidget(this);
    auto* layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* up = smallButton(QStringLiteral("↑"), QStringLiteral("up:") + at, tr("Move up"), box);
    auto* down =
        smallButton(QStringLiteral("↓"), QStringLiteral("down:") + at, tr("Move down"), box);
    auto* remove =
        smallButton(QStringLiteral("✕"), QStringLiteral("remove:") + at, tr("Remove"), box);
    up->setEnabled(m_context.editable && index > 0);
    down->setEnabled(m_context.editable && index + 1 < count);
    remove->setEnabled(m_context.editable);
    connect(up, &QPushButton::clicked, this, [this, index] { moveRow(index, -1); });
    connect(down, &QPushButton::clicked, this, [this, index] { moveRow(index, +1); });
    connect(remove, &QPushButton::clicked, this, [this, index] { removeRow(index); });
    layout->addWidget(up);
    layout->addWidget(down);
    layout->addWidget(remove);
    layout->addStretch();
    return box;
}

bool RetryCatchEditor::rewrite(const std::function<void(Json&)>& change, const QString& label) {
    const Json* current = m_context.value("/" + key());
    Json rows = current != nullptr && current->is_array() ? *current : Json::array();
    change(rows);
    return m_context.commit("/" + key(), rows.empty() ? std::nullopt : std::optional<Json>(rows),
                            label);
}

bool RetryCatchEditor::addRow() {
    if (!m_context.editable) return false;
    if (m_kind == Kind::Retry) {
        // ASL's defaults written out, so the row shows what the retrier does.
        Json retrier = {{"ErrorEquals", {"States.ALL"}},
                        {"IntervalSeconds", 1},
                        {"MaxAttempts", 3},
                        {"BackoffRate", 2}};
        return rewrite([&](Json& rows) { rows.push_back(retrier); }, tr("Add retrier"));
    }
    QString target;
    for (const QString& name : m_context.scopeStates)
        if (name != m_context.stateName && target.isEmpty()) target = name;
    if (target.isEmpty()) {
        emit m_context.session->editFailed(tr("A catcher needs another state to go to"));
        return false;
    }
    Json catcher = {{"ErrorEquals", {"States.ALL"}}, {"Next", target.toStdString()}};
    return rewrite([&](Json& rows) { rows.push_back(catcher); }, tr("Add catcher"));
}

bool RetryCatchEditor::removeRow(int index) {
    if (!m_context.editable) return false;
    return rewrite(
        [&](Json& rows) {
            if (index >= 0 && index < int(rows.size())) rows.erase(rows.begin() + index);
        },
        m_kind == Kind::Retry ? tr("Remove retrier") : tr("Remove catcher"));
}

bool RetryCatchEditor::moveRow(int index, int offset) {
    if (!m_context.editable) return false;
    return rewrite(
        [&](Json& rows) {
            const int other = index + offset;
            if (index < 0 || other < 0 || index >= int(rows.size()) || other >= int(rows.size()))
                return;
            std::swap(rows[std::size_t(index)], rows[std::size_t(other)]);
        },
        m_kind == Kind::Retry ? tr("Move retrier") : tr("Move catcher"));
}

} // namespace flowcast::ui
