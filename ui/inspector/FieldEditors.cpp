#include "ui/inspector/FieldEditors.h"

#include "model/asl/Validator.h"
#include "model/document/CopyPaste.h"
#include "model/document/StateEdits.h"
#include "ui/session/DefinitionSession.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace flowcast::ui {
namespace {

using model::Json;

bool isJsonataText(const QString& text) {
    return text.startsWith(QLatin1String("{%"));
}

// nlohmann's message without its "[json.exception.parse_error.101] " prefix.
QString jsonParseMessage(const std::exception& error) {
    QString message = QString::fromUtf8(error.what());
    const int at = message.indexOf(QLatin1String("] "));
    if (at >= 0) message = message.mid(at + 2);
    return QStringLiteral("not valid JSON: ") + message;
}

Conversion convertJson(const QString& text) {
    const QString trimmed = text.trimmed();
    if (isJsonataText(trimmed)) return {Json(trimmed.toStdString()), {}};
    try {
        return {Json::parse(trimmed.toStdString()), {}};
    } catch (const Json::parse_error& error) {
        return {std::nullopt, jsonParseMessage(error)};
    }
}

Conversion convertNumber(const QString& text, bool integer, model::QueryLanguage language) {
    if (language == model::QueryLanguage::Jsonata && isJsonataText(text))
        return {Json(text.toStdString()), {}};
    bool ok = false;
    const qlonglong whole = text.toLongLong(&ok);
    if (ok) return {Json(static_cast<std::int64_t>(whole)), {}};
    if (integer) return {std::nullopt, QStringLiteral("must be a whole number")};
    const double real = text.toDouble(&ok);
    if (!ok) return {std::nullopt, QStringLiteral("must be a number")};
    return {Json(real), {}};
}

Conversion convertErrorList(const QString& text) {
    Json names = Json::array();
    for (const QString& part : text.split(QLatin1Char(','))) {
        const QString name = part.trimmed();
        if (!name.isEmpty()) names.push_back(name.toStdString());
    }
    if (names.empty()) return {};
    return {names, {}};
}

bool isAtOrBelow(const std::string& location, const std::string& pointer) {
    return location == pointer ||
           (location.size() > pointer.size() && location.compare(0, pointer.size(), pointer) == 0 &&
            location[pointer.size()] == '/');
}

} // namespace

const Json* InspectorContext::value(const std::string& relative) const {
    // Read through the session's view of the state: for a template that is the embedded
    // definition, which the document's pointers do not reach.
    const model::State* state = session->stateAt(QString::fromStdString(statePointer));
    if (state == nullptr || state->raw == nullptr) return nullptr;
    try {
        const Json::json_pointer pointer(relative);
        return state->raw->contains(pointer) ? &state->raw->at(pointer) : nullptr;
    } catch (const Json::exception&) {
        return nullptr;
    }
}

bool InspectorContext::commit(const std::string& relative, const std::optional<Json>& newValue,
                              const QString& label) const {
    const std::string pointer = absolute(relative);
    if (!newValue && value(relative) == nullptr) return true;
    return session->edit([&](const model::Document& document) {
        return newValue ? model::edits::setValue(document, pointer, *newValue, label.toStdString())
                        : model::edits::removeValue(document, pointer, label.toStdString());
    });
}

Conversion convertText(FieldKind kind, const QString& text, model::QueryLanguage language) {
    if (kind == FieldKind::String) return {Json(text.toStdString()), {}};
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) return {};
    switch (kind) {
    case FieldKind::Path:
        if (trimmed == QLatin1String("null")) return {Json(nullptr), {}};
        return {Json(trimmed.toStdString()), {}};
    case FieldKind::Json:
        return convertJson(trimmed);
    case FieldKind::Integer:
        return convertNumber(trimmed, true, language);
    case FieldKind::Number:
        return convertNumber(trimmed, false, language);
    case FieldKind::Boolean:
        if (trimmed == QLatin1String("true") || trimmed == QLatin1String("false"))
            return {Json(trimmed == QLatin1String("true")), {}};
        return {std::nullopt, QStringLiteral("must be true or false")};
    case FieldKind::ErrorList:
        return convertErrorList(trimmed);
    case FieldKind::Jsonata:
        if (!isJsonataText(trimmed) || !trimmed.endsWith(QLatin1String("%}")))
            return {std::nullopt, QStringLiteral("must be a JSONata expression: {% ... %}")};
        return {Json(trimmed.toStdString()), {}};
    default:
        return {Json(text.toStdString()), {}};
    }
}

QString textOf(FieldKind kind, const Json* value) {
    if (value == nullptr) return {};
    if (value->is_string()) return QString::fromStdString(value->get<std::string>());
    if (kind == FieldKind::ErrorList && value->is_array()) {
        QStringList names;
        for (const auto& name : *value)
            names << (name.is_string() ? QString::fromStdString(name.get<std::string>())
                                       : QString::fromStdString(name.dump()));
        return names.join(QLatin1String(", "));
    }
    const bool multiLine = kind == FieldKind::Json && value->is_structured() && !value->empty();
    return QString::fromStdString(multiLine ? value->dump(2) : value->dump());
}

QString trialCheck(const Json& definition, const std::string& pointer,
                   const std::optional<Json>& value) {
    Json candidate = definition;
    try {
        const Json::json_pointer at(pointer);
        if (value) {
            candidate[at] = *value; // creates missing parents, as edits::setValue does
        } else if (candidate.contains(at)) {
            Json& parent = candidate.at(at.parent_pointer());
            if (parent.is_object())
                parent.erase(at.back());
            else
                parent.erase(parent.begin() + std::stol(at.back()));
        }
    } catch (const std::exception&) {
        return {};
    }
    for (const auto& diagnostic : model::Validator().validate(candidate)) {
        if (!diagnostic.isError() || !isAtOrBelow(diagnostic.location, pointer)) continue;
        QString message = QString::fromStdString(diagnostic.message);
        if (diagnostic.location != pointer)
            message = QStringLiteral("at %1: %2")
                          .arg(QString::fromStdString(diagnostic.location.substr(pointer.size())),
                               message);
        return message;
    }
    return {};
}

QComboBox* makeTargetCombo(const InspectorContext& context, const QString& objectName,
                           const QString& current, bool allowNone,
                           std::function<void(const QString&)> chosen, QWidget* parent) {
    auto* combo = new QComboBox(parent);
    combo->setObjectName(objectName);
    if (allowNone) combo->addItem(QStringLiteral("(none)"), QString());
    for (const QString& name : context.scopeStates)
        if (name != context.stateName) combo->addItem(name, name);
    if (!current.isEmpty() && combo->findData(current) < 0)
        combo->addItem(current + QStringLiteral(" (missing)"), current);
    combo->setCurrentIndex(std::max(0, combo->findData(current)));
    if (!allowNone && current.isEmpty()) combo->setCurrentIndex(-1);
    combo->setEnabled(context.editable);
    QObject::connect(combo, &QComboBox::activated, combo,
                     [combo, chosen](int index) { chosen(combo->itemData(index).toString()); });
    return combo;
}

QWidget* makeBranchesControl(const InspectorContext& context, QWidget* parent) {
    const Json* branches = context.value("/Branches");
    const bool isList = branches != nullptr && branches->is_array();
    const int count = isList ? int(branches->size()) : 0;
    auto* box = new QWidget(parent);
    auto* layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(QObject::tr("%n branch(es)", "", count), box);
    label->setObjectName(QStringLiteral("field:branchCount"));
    auto* add = new QPushButton(QObject::tr("Add branch"), box);
    add->setObjectName(QStringLiteral("add:/Branches"));
    add->setEnabled(context.editable && (isList || branches == nullptr));
    QObject::connect(add, &QPushButton::clicked, box, [context] {
        // ASL: state names are unique in the whole state machine, branches included.
        const std::set<std::string> taken =
            model::edits::allStateNames(context.session->document().definition());
        const Json* current = context.value("/Branches");
        Json list = current != nullptr && current->is_array() ? *current : Json::array();
        std::string name;
        for (std::size_t n = list.size() + 1; name.empty() || taken.count(name) > 0; ++n)
            name = "Branch " + std::to_string(n);
        Json branch = Json::object();
        branch["StartAt"] = name;
        branch["States"][name] = Json{{"Type", "Pass"}, {"End", true}};
        list.push_back(std::move(branch));
        context.commit("/Branches", list, QObject::tr("Add branch"));
    });
    layout->addWidget(label);
    layout->addWidget(add);
    layout->addStretch();
    return box;
}

FieldEditor::FieldEditor(const InspectorContext& context, std::string relative, FieldKind kind,
                         QWidget* parent)
    : QWidget(parent), m_context(context), m_relative(std::move(relative)), m_kind(kind) {
    const QString name = QString::fromStdString(m_relative);
    setObjectName(QStringLiteral("editor:") + name);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum); // the form's stretch gets the rest
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    const QString text = textOf(kind, m_context.value(m_relative));
    m_shown = text;
    if (kind == FieldKind::Json) {
        m_block = new QPlainTextEdit(this);
        m_block->setPlainText(text);
        m_block->setReadOnly(!m_context.editable);
        m_block->setTabChangesFocus(true);
        m_block->setLineWrapMode(QPlainTextEdit::NoWrap);
        const int lines = std::clamp(int(text.count(QLatin1Char('\n'))) + 2, 3, 12);
        m_block->setFixedHeight(m_block->fontMetrics().lineSpacing() * lines + 12);
        m_block->installEventFilter(this);
        connect(m_block, &QPlainTextEdit::textChanged, this, &FieldEditor::check);
    } else {
        m_line = new QLineEdit(text, this);
        m_line->setReadOnly(!m_context.editable);
        connect(m_line, &QLineEdit::textChanged, this, &FieldEditor::check);
        connect(m_line, &QLineEdit::editingFinished, this, [this] { commit(); });
    }
    input()->setObjectName(QStringLiteral("field:") + name);
    layout->addWidget(input());
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("error:") + name);
    m_message->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_message->setWordWrap(true);
    m_message->hide();
    layout->addWidget(m_message);
    if (m_context.editable && !text.isEmpty()) check();
}

QWidget* FieldEditor::input() const {
    return m_block != nullptr ? static_cast<QWidget*>(m_block) : m_line;
}

QString FieldEditor::text() const {
    return m_block != nullptr ? m_block->toPlainText() : m_line->text();
}

void FieldEditor::setText(const QString& text) {
    if (m_block != nullptr)
        m_block->setPlainText(text);
    else
        m_line->setText(text);
}

void FieldEditor::setCommitter(std::function<bool(const Json&)> committer) {
    m_committer = std::move(committer);
}

Conversion FieldEditor::evaluate() const {
    Conversion result = convertText(m_kind, text(), m_context.language);
    if (!result.error.isEmpty()) return result;
    if (m_required && !result.value) return {std::nullopt, QStringLiteral("required")};
    // The custom committers (a rename, an operator change) are checked by their edit.
    if (!m_context.editable || m_committer) return result;
    result.error = trialCheck(m_context.session->document().definition(),
                              m_context.absolute(m_relative), result.value);
    return result;
}

void FieldEditor::check() {
    m_error = m_context.editable ? evaluate().error : QString();
    m_message->setText(m_error);
    m_message->setVisible(!m_error.isEmpty());
}

bool FieldEditor::commit() {
    if (!m_context.editable) return false;
    const Conversion result = evaluate();
    if (!result.error.isEmpty()) {
        check();
        return false;
    }
    const Json* current = m_context.value(m_relative);
    if ((current == nullptr && !result.value) ||
        (current != nullptr && result.value && *current == *result.value))
        return true;
    const QString label = QStringLiteral("Set %1").arg(QString::fromStdString(m_relative));
    const bool done = m_committer && result.value
                          ? m_committer(*result.value)
                          : m_context.commit(m_relative, result.value, label);
    if (done) emit committed();
    return done;
}

bool FieldEditor::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_block && event->type() == QEvent::FocusOut && !m_block->signalsBlocked())
        commit();
    return QWidget::eventFilter(watched, event);
}

} // namespace flowcast::ui
