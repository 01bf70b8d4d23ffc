#include "ui/config/ConfigView.h"

#include "model/document/ProjectEdits.h"
#include "model/document/StateEdits.h"
#include "ui/session/DefinitionSession.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>

namespace flowcast::ui {
namespace {

// ASL: a definition without QueryLanguage is JSONPath.
const QString kJsonPath = QStringLiteral("JSONPath");
const QString kJsonata = QStringLiteral("JSONata");
// AWS CreateStateMachine's type; STANDARD when not given.
const QString kStandard = QStringLiteral("STANDARD");
const QString kExpress = QStringLiteral("EXPRESS");

// What a field shows for a top-level value: a string as it is, any other value as JSON.
QString fieldText(const model::Json* value) {
    if (!value) return {};
    if (value->is_string()) return QString::fromStdString(value->get<std::string>());
    return QString::fromStdString(value->dump());
}

} // namespace

ConfigView::ConfigView(DefinitionSession& session, QWidget* parent)
    : QWidget(parent), m_session(session), m_comment(new QLineEdit(this)),
      m_timeout(new QLineEdit(this)), m_timeoutMessage(new QLabel(this)),
      m_queryLanguage(new QComboBox(this)), m_version(new QLineEdit(this)),
      m_name(new QLineEdit(this)), m_nameMessage(new QLabel(this)), m_type(new QComboBox(this)) {
    m_name->setPlaceholderText(tr("Untitled"));
    m_nameMessage->setStyleSheet(QStringLiteral("color: #d32f2f"));
    m_nameMessage->setVisible(false);
    m_nameMessage->setWordWrap(true);
    m_type->addItem(tr("Standard (default)"), kStandard);
    m_type->addItem(tr("Express"), kExpress);
    m_comment->setPlaceholderText(tr("No comment"));
    m_timeout->setPlaceholderText(tr("None"));
    m_timeout->setMaximumWidth(160);
    m_timeoutMessage->setStyleSheet(QStringLiteral("color: #d32f2f"));
    m_timeoutMessage->setVisible(false);
    m_timeoutMessage->setWordWrap(true);
    m_queryLanguage->addItem(tr("JSONPath (default)"), kJsonPath);
    m_queryLanguage->addItem(kJsonata, kJsonata);
    m_version->setPlaceholderText(QStringLiteral("1.0"));
    m_version->setMaximumWidth(160);

    auto* timeoutRow = new QHBoxLayout;
    timeoutRow->addWidget(m_timeout);
    timeoutRow->addWidget(m_timeoutMessage, 1);
    auto* nameRow = new QHBoxLayout;
    nameRow->addWidget(m_name);
    nameRow->addWidget(m_nameMessage, 1);
    auto* form = new QFormLayout;
    form->addRow(tr("Name"), nameRow);
    form->addRow(tr("Type"), m_type);
    form->addRow(tr("Comment"), m_comment);
    form->addRow(tr("Timeout (seconds)"), timeoutRow);
    form->addRow(tr("Query language"), m_queryLanguage);
    form->addRow(tr("Version"), m_version);

    // ASL has no field for the name and the type: they are saved in the project, not exported.
    auto* note = new QLabel(tr("The name and the type are saved in the project (.flowcast.json); "
                               "AWS takes them beside the definition, so an exported .asl.json "
                               "does not hold them."),
                            this);
    note->setWordWrap(true);
    note->setEnabled(false);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addStretch(1);

    connect(m_comment, &QLineEdit::editingFinished, this, &ConfigView::commitComment);
    connect(m_timeout, &QLineEdit::editingFinished, this, &ConfigView::commitTimeout);
    connect(m_queryLanguage, &QComboBox::activated, this, &ConfigView::commitQueryLanguage);
    connect(m_version, &QLineEdit::editingFinished, this, &ConfigView::commitVersion);
    connect(m_name, &QLineEdit::editingFinished, this, &ConfigView::commitName);
    connect(m_type, &QComboBox::activated, this, &ConfigView::commitType);
    connect(&m_session, &DefinitionSession::projectChanged, this, &ConfigView::refresh);
    connect(&m_session, &DefinitionSession::contentChanged, this, &ConfigView::refresh);
    connect(&m_session, &DefinitionSession::loadFailed, this, &ConfigView::refresh);
    refresh();
}

QString ConfigView::nameMessage() const {
    return m_nameMessage->isHidden() ? QString() : m_nameMessage->text();
}

QString ConfigView::timeoutMessage() const {
    return m_timeoutMessage->isHidden() ? QString() : m_timeoutMessage->text();
}

std::optional<long long> ConfigView::parseTimeout(const QString& text, QString* error) {
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,12}$"));
    const QString trimmed = text.trimmed();
    if (error) error->clear();
    if (trimmed.isEmpty()) return std::nullopt;
    const long long seconds = digits.match(trimmed).hasMatch() ? trimmed.toLongLong() : 0;
    if (seconds >= 1 && seconds <= kMaxTimeoutSeconds) return seconds;
    if (error)
        *error = tr("a whole number of seconds from 1 to %1, or empty for no timeout")
                     .arg(kMaxTimeoutSeconds);
    return std::nullopt;
}

const model::Json* ConfigView::topLevel(const char* key) const {
    const model::Json& definition = m_session.document().definition();
    if (!definition.is_object()) return nullptr;
    const auto it = definition.find(key);
    return it == definition.end() ? nullptr : &*it;
}

const model::Json* ConfigView::projectValue(const char* key) const {
    const model::Json& project = m_session.document().project();
    const auto it = project.find(key);
    return it == project.end() ? nullptr : &*it;
}

void ConfigView::refresh() {
    const bool editable = m_session.isEditable() && m_session.document().definition().is_object();
    m_comment->setText(fieldText(topLevel("Comment")));
    m_comment->setCursorPosition(0);
    m_comment->setToolTip(m_comment->text());
    m_timeout->setText(fieldText(topLevel("TimeoutSeconds")));
    m_timeoutMessage->clear();
    m_timeoutMessage->setVisible(false);
    m_version->setText(fieldText(topLevel("Version")));
    m_name->setText(fieldText(projectValue(model::edits::kProjectName)));
    m_nameMessage->clear();
    m_nameMessage->setVisible(false);
    for (QLineEdit* field : {m_comment, m_timeout, m_version, m_name})
        field->setReadOnly(!editable);
    m_queryLanguage->setEnabled(editable);
    m_type->setEnabled(editable);
    const QString type = fieldText(projectValue(model::edits::kProjectType));
    while (m_type->count() > 2)
        m_type->removeItem(2);
    int typeIndex = m_type->findData(type.isEmpty() ? kStandard : type);
    if (typeIndex < 0) {
        m_type->addItem(type, type);
        typeIndex = 2;
    }
    m_type->setCurrentIndex(typeIndex);

    // A value the form does not offer (a typo in the file) is shown as written.
    const QString language = fieldText(topLevel("QueryLanguage"));
    while (m_queryLanguage->count() > 2)
        m_queryLanguage->removeItem(2);
    int index = m_queryLanguage->findData(language.isEmpty() ? kJsonPath : language);
    if (index < 0) {
        m_queryLanguage->addItem(language, language);
        index = 2;
    }
    m_queryLanguage->setCurrentIndex(index);
}

void ConfigView::commitValue(const std::string& key, std::optional<model::Json> value,
                             const QString& label) {
    if (!m_session.isEditable() || !m_session.document().definition().is_object()) return;
    const std::string pointer = "/" + key; // top-level ASL keys hold no '/' or '~'
    const model::Document& document = m_session.document();
    // Both builders give an empty edit, which changes nothing, when the value is already there.
    m_session.apply(
        value ? model::edits::setValue(document, pointer, std::move(*value), label.toStdString())
              : model::edits::removeValue(document, pointer, label.toStdString()));
}

void ConfigView::commitComment() {
    // editingFinished also comes when the focus merely leaves the field.
    if (!m_comment->isModified()) return;
    m_comment->setModified(false);
    const QString text = m_comment->text();
    commitValue("Comment",
                text.isEmpty() ? std::nullopt : std::optional<model::Json>(text.toStdString()),
                tr("Edit the comment"));
}

void ConfigView::commitTimeout() {
    if (!m_timeout->isModified()) return;
    QString error;
    const std::optional<long long> seconds = parseTimeout(m_timeout->text(), &error);
    if (!error.isEmpty()) {
        m_timeoutMessage->setText(error);
        m_timeoutMessage->setVisible(true);
        return;
    }
    m_timeout->setModified(false);
    m_timeoutMessage->clear();
    m_timeoutMessage->setVisible(false);
    commitValue("TimeoutSeconds", seconds ? std::optional<model::Json>(*seconds) : std::nullopt,
                tr("Set the timeout"));
}

void ConfigView::commitQueryLanguage(int index) {
    const QString chosen = m_queryLanguage->itemData(index).toString();
    const QString current = fieldText(topLevel("QueryLanguage"));
    if (chosen == (current.isEmpty() ? kJsonPath : current)) return;
    // JSONPath is the default: choosing it again removes the field rather than spelling it out.
    commitValue("QueryLanguage",
                chosen == kJsonPath ? std::nullopt
                                    : std::optional<model::Json>(chosen.toStdString()),
                tr("Set the query language"));
}

void ConfigView::commitVersion() {
    if (!m_version->isModified()) return;
    m_version->setModified(false);
    const QString text = m_version->text().trimmed();
    commitValue("Version",
                text.isEmpty() ? std::nullopt : std::optional<model::Json>(text.toStdString()),
                tr("Set the version"));
}

void ConfigView::commitName() {
    if (!m_name->isModified() || !m_session.isEditable()) return;
    const QString text = m_name->text().trimmed();
    const std::string error = model::edits::stateMachineNameError(text.toStdString());
    if (!text.isEmpty() && !error.empty()) {
        m_nameMessage->setText(QString::fromStdString(error));
        m_nameMessage->setVisible(true);
        return;
    }
    m_name->setModified(false);
    m_nameMessage->clear();
    m_nameMessage->setVisible(false);
    const std::optional<model::Json> value =
        text.isEmpty() ? std::nullopt : std::optional<model::Json>(text.toStdString());
    m_session.edit([&](const model::Document& document) {
        return model::edits::setProjectValue(document,
                                             std::string("/") + model::edits::kProjectName, value,
                                             tr("Rename the state machine").toStdString());
    });
}

void ConfigView::commitType(int index) {
    if (!m_session.isEditable()) return;
    const QString chosen = m_type->itemData(index).toString();
    const QString current = fieldText(projectValue(model::edits::kProjectType));
    if (chosen == (current.isEmpty() ? kStandard : current)) return;
    // Standard is the default: choosing it again removes the key rather than spelling it out.
    const std::optional<model::Json> value =
        chosen == kStandard ? std::nullopt : std::optional<model::Json>(chosen.toStdString());
    m_session.edit([&](const model::Document& document) {
        return model::edits::setProjectValue(document,
                                             std::string("/") + model::edits::kProjectType, value,
                                             tr("Set the type").toStdString());
    });
}

} // namespace flowcast::ui
