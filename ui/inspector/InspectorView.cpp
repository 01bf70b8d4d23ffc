#include "ui/inspector/InspectorView.h"

#include "model/document/StateEdits.h"
#include "ui/common/StatePresentation.h"
#include "ui/inspector/ChoiceRulesEditor.h"
#include "ui/inspector/RetryCatchEditor.h"
#include "ui/session/DefinitionSession.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QVBoxLayout>

namespace flowcast::ui {
namespace {

using model::Json;
using model::JsonOp;
using model::StateType;

enum class Lang { Both, JsonPathOnly, JsonataOnly };

constexpr unsigned bit(StateType type) {
    return 1u << unsigned(type);
}
constexpr unsigned kTask = bit(StateType::Task);
constexpr unsigned kPass = bit(StateType::Pass);
constexpr unsigned kMap = bit(StateType::Map);
constexpr unsigned kParallel = bit(StateType::Parallel);
constexpr unsigned kFail = bit(StateType::Fail);
constexpr unsigned kAll = 0xffu;
constexpr unsigned kWork = kTask | kMap | kParallel; // the states that retry, catch and select

// The fields of each state type, in the order AWS's documentation lists them. Wait's duration,
// Map's processor mode and the transition have their own widgets.
struct FieldSpec {
    const char* key;
    FieldKind kind;
    unsigned types;
    Lang lang;
    bool inputOutput;
    bool distributedOnly = false;
};

const FieldSpec kFields[] = {
    {"Resource", FieldKind::Text, kTask, Lang::Both, false},
    {"Parameters", FieldKind::Json, kTask | kPass | kParallel, Lang::JsonPathOnly, false},
    {"Arguments", FieldKind::Json, kTask | kParallel, Lang::JsonataOnly, false},
    {"Result", FieldKind::Json, kPass, Lang::JsonPathOnly, false},
    {"TimeoutSeconds", FieldKind::Integer, kTask, Lang::Both, false},
    {"TimeoutSecondsPath", FieldKind::Path, kTask, Lang::JsonPathOnly, false},
    {"HeartbeatSeconds", FieldKind::Integer, kTask, Lang::Both, false},
    {"HeartbeatSecondsPath", FieldKind::Path, kTask, Lang::JsonPathOnly, false},
    {"Credentials", FieldKind::Json, kTask, Lang::Both, false},
    {"Error", FieldKind::Text, kFail, Lang::Both, false},
    {"ErrorPath", FieldKind::Path, kFail, Lang::JsonPathOnly, false},
    {"Cause", FieldKind::Text, kFail, Lang::Both, false},
    {"CausePath", FieldKind::Path, kFail, Lang::JsonPathOnly, false},
    {"ItemsPath", FieldKind::Path, kMap, Lang::JsonPathOnly, false},
    {"Items", FieldKind::Json, kMap, Lang::JsonataOnly, false},
    {"ItemReader", FieldKind::Json, kMap, Lang::Both, false, true},
    {"ItemSelector", FieldKind::Json, kMap, Lang::Both, false},
    {"ItemBatcher", FieldKind::Json, kMap, Lang::Both, false, true},
    {"MaxConcurrency", FieldKind::Integer, kMap, Lang::Both, false},
    {"MaxConcurrencyPath", FieldKind::Path, kMap, Lang::JsonPathOnly, false},
    {"ToleratedFailureCount", FieldKind::Integer, kMap, Lang::Both, false, true},
    {"ToleratedFailureCountPath", FieldKind::Path, kMap, Lang::JsonPathOnly, false, true},
    {"ToleratedFailurePercentage", FieldKind::Number, kMap, Lang::Both, false, true},
    {"ToleratedFailurePercentagePath", FieldKind::Path, kMap, Lang::JsonPathOnly, false, true},
    {"Label", FieldKind::Text, kMap, Lang::Both, false, true},
    {"ResultWriter", FieldKind::Json, kMap, Lang::Both, false, true},
    {"InputPath", FieldKind::Path, kAll & ~kFail, Lang::JsonPathOnly, true},
    {"ResultSelector", FieldKind::Json, kWork, Lang::JsonPathOnly, true},
    {"ResultPath", FieldKind::Path, kWork | kPass, Lang::JsonPathOnly, true},
    {"OutputPath", FieldKind::Path, kAll & ~kFail, Lang::JsonPathOnly, true},
    {"Output", FieldKind::Json, kAll & ~kFail, Lang::JsonataOnly, true},
    {"Assign", FieldKind::Json, kAll & ~kFail & ~bit(StateType::Succeed), Lang::Both, true},
};

bool appliesTo(const FieldSpec& spec, const model::State& state) {
    if ((spec.types & bit(state.type)) == 0) return false;
    if (spec.distributedOnly && !state.isDistributedMap) return false;
    const bool jsonata = state.queryLanguage == model::QueryLanguage::Jsonata;
    return spec.lang == Lang::Both || (spec.lang == Lang::JsonataOnly) == jsonata;
}

// Wait: exactly one of these says how long (AWS developer guide, Wait state).
struct WaitChoice {
    const char* key;
    FieldKind kind;
    Json initial;
};
const WaitChoice kWaitChoices[] = {{"Seconds", FieldKind::Integer, 10},
                                   {"SecondsPath", FieldKind::Path, "$.seconds"},
                                   {"Timestamp", FieldKind::Text, "2030-01-01T00:00:00Z"},
                                   {"TimestampPath", FieldKind::Path, "$.timestamp"}};

QGroupBox* section(const QString& title, const QString& name, QWidget* parent) {
    auto* box = new QGroupBox(title, parent);
    box->setObjectName(QStringLiteral("section:") + name);
    return box;
}

void collectScope(const model::StateMachine& machine, const std::string& scope, QStringList& out) {
    if (machine.pointer() == scope) {
        for (const auto& state : machine.states())
            out << QString::fromStdString(state.name);
        return;
    }
    for (const auto& state : machine.states())
        for (const auto& branch : state.branches)
            collectScope(branch, scope, out);
}

} // namespace

InspectorView::InspectorView(DefinitionSession& session, QWidget* parent)
    : QScrollArea(parent), m_session(session) {
    setObjectName(QStringLiteral("inspector"));
    setWidgetResizable(true);
    m_context.session = &m_session;
    connect(&m_session, &DefinitionSession::selectionChanged, this, &InspectorView::refresh);
    connect(&m_session, &DefinitionSession::contentChanged, this, &InspectorView::refresh);
    connect(&m_session, &DefinitionSession::documentLoaded, this, &InspectorView::refresh);
    refresh();
}

InspectorView::~InspectorView() {
    disconnect(&m_session, nullptr, this, nullptr);
    delete takeForm();
}

QWidget* InspectorView::takeForm() {
    QWidget* old = widget();
    if (old == nullptr) return nullptr;
    for (auto* child : old->findChildren<QObject*>())
        child->blockSignals(true);
    return takeWidget();
}

FieldEditor* InspectorView::fieldEditor(const QString& relative) const {
    return widget() != nullptr
               ? widget()->findChild<FieldEditor*>(QStringLiteral("editor:") + relative)
               : nullptr;
}

void InspectorView::refresh() {
    // What the user is typing survives a rebuild when the document's value under it is the same.
    QString focusName, focusText, shownText;
    int cursor = -1;
    QWidget* focus = QApplication::focusWidget();
    if (widget() != nullptr && focus != nullptr && widget()->isAncestorOf(focus)) {
        focusName = focus->objectName();
        if (auto* editor = qobject_cast<FieldEditor*>(focus->parentWidget())) {
            focusText = editor->text();
            shownText = editor->shownText();
        }
        if (auto* line = qobject_cast<QLineEdit*>(focus)) cursor = line->cursorPosition();
        if (auto* block = qobject_cast<QPlainTextEdit*>(focus))
            cursor = block->textCursor().position();
    }
    const int scroll = verticalScrollBar()->value();
    // Later: refresh() may run inside a signal of one of the old form's widgets.
    if (QWidget* old = takeForm()) old->deleteLater();
    const QString owner = m_session.ownerOf(m_session.selection());
    const model::State* state = owner.isEmpty() ? nullptr : m_session.stateAt(owner);
    m_context.statePointer = state != nullptr ? state->pointer : std::string();
    setWidget(state != nullptr ? buildForm(*state)
                               : buildMessage(tr("Select a state to see its fields.")));
    verticalScrollBar()->setValue(scroll);
    if (focusName.isEmpty()) return;
    QWidget* again = widget()->findChild<QWidget*>(focusName);
    if (again == nullptr) return;
    if (auto* editor = qobject_cast<FieldEditor*>(again->parentWidget());
        editor != nullptr && editor->text() == shownText)
        editor->setText(focusText);
    again->setFocus();
    if (auto* line = qobject_cast<QLineEdit*>(again); line != nullptr && cursor >= 0)
        line->setCursorPosition(cursor);
    if (auto* block = qobject_cast<QPlainTextEdit*>(again); block != nullptr && cursor >= 0) {
        QTextCursor text = block->textCursor();
        text.setPosition(std::min(cursor, int(block->toPlainText().size())));
        block->setTextCursor(text);
    }
}

QWidget* InspectorView::buildMessage(const QString& text) {
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    auto* label = new QLabel(text, page);
    label->setObjectName(QStringLiteral("inspector:empty"));
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    layout->addWidget(label);
    return page;
}

QWidget* InspectorView::buildForm(const model::State& state) {
    m_context.language = state.queryLanguage;
    m_context.editable = m_session.isEditable();
    m_context.stateName = QString::fromStdString(state.name);
    m_context.scopeStates = scopeStates(state.pointer);

    auto* page = new QWidget;
    page->setObjectName(QStringLiteral("inspector:form"));
    auto* layout = new QVBoxLayout(page);
    addHeader(layout, state);

    auto* fields =
        section(tr("%1 fields").arg(QString::fromUtf8(model::stateTypeName(state.type).data())),
                QStringLiteral("Fields"), page);
    auto* form = new QFormLayout(fields);
    addTableFields(form, state, false);
    if (state.type == StateType::Wait) addWaitFields(form);
    if (state.type == StateType::Map) addMapFields(form, state);
    if (state.type == StateType::Parallel)
        form->addRow(tr("Branches"), makeBranchesControl(m_context, fields));
    addTransition(form, state);
    if (form->rowCount() > 0)
        layout->addWidget(fields);
    else
        delete fields;

    if (state.type == StateType::Choice) layout->addWidget(new ChoiceRulesEditor(m_context, page));

    auto* io = section(state.queryLanguage == model::QueryLanguage::Jsonata
                           ? tr("Input and output (JSONata)")
                           : tr("Input and output (JSONPath)"),
                       QStringLiteral("InputOutput"), page);
    auto* ioForm = new QFormLayout(io);
    addTableFields(ioForm, state, true);
    if (ioForm->rowCount() > 0)
        layout->addWidget(io);
    else
        delete io;

    if ((bit(state.type) & kWork) != 0) {
        layout->addWidget(new RetryCatchEditor(m_context, RetryCatchEditor::Kind::Retry, page));
        layout->addWidget(new RetryCatchEditor(m_context, RetryCatchEditor::Kind::Catch, page));
    }
    layout->addStretch();
    return page;
}

void InspectorView::addHeader(QVBoxLayout* layout, const model::State& state) {
    auto* header = section(tr("State"), QStringLiteral("Header"), layout->parentWidget());
    auto* form = new QFormLayout(header);
    auto* name = new QLineEdit(QString::fromStdString(state.name), header);
    name->setObjectName(QStringLiteral("field:name"));
    name->setReadOnly(!m_context.editable);
    auto* message = new QLabel(header);
    message->setObjectName(QStringLiteral("error:name"));
    message->setStyleSheet(QStringLiteral("color: #c62828;"));
    message->hide();
    connect(name, &QLineEdit::textChanged, message, [this, message](const QString& text) {
        message->setText(nameError(text));
        message->setVisible(!message->text().isEmpty());
    });
    connect(name, &QLineEdit::editingFinished, this, [this, name] { rename(name->text()); });
    auto* nameBox = new QWidget(header);
    auto* nameLayout = new QVBoxLayout(nameBox);
    nameLayout->setContentsMargins(0, 0, 0, 0);
    nameLayout->addWidget(name);
    nameLayout->addWidget(message);
    form->addRow(tr("Name"), nameBox);

    auto* type = new QLabel(typeLabel(state), header);
    type->setObjectName(QStringLiteral("field:type"));
    type->setStyleSheet(QStringLiteral("QLabel { border-left: 6px solid %1; padding-left: 6px; }")
                            .arg(typeColour(state.type).name()));
    form->addRow(tr("Type"), type);
    addField(form, "Comment", FieldKind::Text);
    layout->addWidget(header);
}

FieldEditor* InspectorView::addField(QFormLayout* form, const std::string& key, FieldKind kind,
                                     const QString& label) {
    auto* editor = new FieldEditor(m_context, "/" + key, kind, form->parentWidget());
    form->addRow(label.isEmpty() ? QString::fromStdString(key) : label, editor);
    return editor;
}

void InspectorView::addTableFields(QFormLayout* form, const model::State& state, bool inputOutput) {
    for (const auto& spec : kFields) {
        if (spec.inputOutput != inputOutput || !appliesTo(spec, state)) continue;
        auto* editor = addField(form, spec.key, spec.kind);
        if (std::string_view(spec.key) == "Resource") editor->setRequired(true);
    }
}

void InspectorView::addWaitFields(QFormLayout* form) {
    const bool jsonata = m_context.language == model::QueryLanguage::Jsonata;
    auto* which = new QComboBox(form->parentWidget());
    which->setObjectName(QStringLiteral("field:waitKind"));
    const WaitChoice* current = nullptr;
    for (const auto& choice : kWaitChoices) {
        if (jsonata && QByteArray(choice.key).endsWith("Path")) continue;
        which->addItem(QString::fromLatin1(choice.key));
        if (current == nullptr && m_context.value(std::string("/") + choice.key) != nullptr)
            current = &choice;
    }
    which->setCurrentIndex(current != nullptr ? which->findText(current->key) : -1);
    which->setEnabled(m_context.editable);
    connect(which, &QComboBox::activated, this, [this, which, current](int index) {
        const std::string key = which->itemText(index).toStdString();
        const auto* chosen = std::find_if(std::begin(kWaitChoices), std::end(kWaitChoices),
                                          [&](const auto& c) { return key == c.key; });
        if (current != nullptr && key == current->key) return;
        const std::string to = m_context.absolute("/" + key);
        if (current == nullptr) {
            m_context.commit("/" + key, chosen->initial, tr("Set %1").arg(which->itemText(index)));
            return;
        }
        // One step: the old key becomes the new one in place, with a value of its kind.
        const std::string from = m_context.absolute(std::string("/") + current->key);
        m_session.apply({tr("Wait with %1").arg(which->itemText(index)).toStdString(),
                         {JsonOp::renameKey(model::DocumentPart::Definition, from, key),
                          JsonOp::replace(model::DocumentPart::Definition, to, chosen->initial)},
                         {}});
    });
    form->addRow(tr("Wait with"), which);
    if (current != nullptr) addField(form, current->key, current->kind, tr("Value"));
}

void InspectorView::addMapFields(QFormLayout* form, const model::State& state) {
    const std::string processor =
        m_context.value("/Iterator") != nullptr ? "/Iterator" : "/ItemProcessor";
    const std::string config = processor + "/ProcessorConfig";
    auto* mode = new QComboBox(form->parentWidget());
    mode->setObjectName(QStringLiteral("field:") + QString::fromStdString(config + "/Mode"));
    mode->addItems({QStringLiteral("INLINE"), QStringLiteral("DISTRIBUTED")});
    mode->setCurrentIndex(state.isDistributedMap ? 1 : 0);
    mode->setEnabled(m_context.editable);
    connect(mode, &QComboBox::activated, this, [this, config](int index) {
        const Json value = index == 1 ? Json{{"Mode", "DISTRIBUTED"}, {"ExecutionType", "STANDARD"}}
                                      : Json{{"Mode", "INLINE"}};
        m_context.commit(config, value, tr("Set Map mode"));
    });
    form->addRow(tr("Processing mode"), mode);
    if (!state.isDistributedMap) return;
    const Json* type = m_context.value(config + "/ExecutionType");
    auto* execution = new QComboBox(form->parentWidget());
    execution->setObjectName(QStringLiteral("field:") +
                             QString::fromStdString(config + "/ExecutionType"));
    execution->addItems({QStringLiteral("STANDARD"), QStringLiteral("EXPRESS")});
    execution->setCurrentIndex(type != nullptr && *type == "EXPRESS" ? 1 : 0);
    execution->setEnabled(m_context.editable);
    connect(execution, &QComboBox::activated, this, [this, config, execution](int index) {
        m_context.commit(config + "/ExecutionType", execution->itemText(index).toStdString(),
                         tr("Set ExecutionType"));
    });
    form->addRow(tr("Child executions"), execution);
}

void InspectorView::addTransition(QFormLayout* form, const model::State& state) {
    if (state.type == StateType::Choice || state.type == StateType::Succeed ||
        state.type == StateType::Fail || state.type == StateType::Unknown)
        return;
    const Json* next = m_context.value("/Next");
    const QString current = next != nullptr && next->is_string()
                                ? QString::fromStdString(next->get<std::string>())
                                : QString();
    const std::string pointer = m_context.absolute("/Next");
    auto* combo = makeTargetCombo(
        m_context, QStringLiteral("field:/Next"), current, false,
        [this, pointer](const QString& target) {
            if (m_context.value("/Next") == nullptr) {
                m_session.edit([&](const model::Document& document) {
                    return model::edits::connect(document, m_context.statePointer,
                                                 target.toStdString());
                });
                return;
            }
            m_session.edit([&](const model::Document& document) {
                return model::edits::setTarget(document, pointer, target.toStdString());
            });
        },
        form->parentWidget());
    combo->setEnabled(m_context.editable && !state.end);
    auto* end = new QCheckBox(tr("End"), form->parentWidget());
    end->setObjectName(QStringLiteral("field:/End"));
    end->setChecked(state.end);
    end->setEnabled(m_context.editable);
    connect(end, &QCheckBox::clicked, this, [this](bool checked) { setEnd(checked); });
    form->addRow(tr("Next"), combo);
    form->addRow(QString(), end);
}

bool InspectorView::setEnd(bool end) {
    const char* from = end ? "/Next" : "/End";
    const std::string to = m_context.absolute(end ? "/End" : "/Next");
    QString target;
    for (const QString& name : m_context.scopeStates)
        if (name != m_context.stateName && target.isEmpty()) target = name;
    if (!end && target.isEmpty()) {
        emit m_session.editFailed(tr("There is no other state to go to"));
        return false;
    }
    const Json value = end ? Json(true) : Json(target.toStdString());
    if (m_context.value(from) == nullptr)
        return m_context.commit(end ? "/End" : "/Next", value, {});
    // Next and End take the same place in the state: one becomes the other, in one step.
    return m_session.apply({end ? "Make end state" : "Continue to " + target.toStdString(),
                            {JsonOp::renameKey(model::DocumentPart::Definition,
                                               m_context.absolute(from), end ? "End" : "Next"),
                             JsonOp::replace(model::DocumentPart::Definition, to, value)},
                            {}});
}

QString InspectorView::nameError(const QString& name) const {
    // ASL: a state name is at most 80 Unicode characters and unique in its scope.
    if (name.isEmpty()) return tr("a state needs a name");
    if (name.size() > 80) return tr("at most 80 characters");
    if (name != m_context.stateName && m_context.scopeStates.contains(name))
        return tr("\"%1\" is already a state of this scope").arg(name);
    return {};
}

bool InspectorView::rename(const QString& name) {
    if (!m_context.editable || name == m_context.stateName || !nameError(name).isEmpty())
        return false;
    const std::string pointer = m_context.statePointer;
    const auto scope = model::edits::splitStatePointer(pointer).first;
    const bool done = m_session.edit([&](const model::Document& document) {
        return model::edits::renameState(document, pointer, name.toStdString());
    });
    if (done)
        m_session.select(
            QString::fromStdString(model::edits::statePointer(scope, name.toStdString())));
    return done;
}

QStringList InspectorView::scopeStates(const std::string& statePointer) const {
    QStringList names;
    const std::string scope = model::edits::splitStatePointer(statePointer).first;
    for (const auto& definition : m_session.definitions())
        collectScope(definition.machine, scope, names);
    return names;
}

} // namespace flowcast::ui
