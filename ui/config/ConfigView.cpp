#include "ui/config/ConfigView.h"

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
      m_queryLanguage(new QComboBox(this)), m_version(new QLineEdit(this)) {
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
    auto* form = new QFormLayout;
    form->addRow(tr("Comment"), m_comment);
    form->addRow(tr("Timeout (seconds)"), timeoutRow);
    form->addRow(tr("Query language"), m_queryLanguage);
    form->addRow(tr("Version"), m_version);

    // Standard or Express and the name are chosen where the state machine is deployed (and
    // priced by the project's scenarios); ASL has no field for them, so the form does not either.
    auto* note = new QLabel(tr("The type (Standard or Express) and the name of the state machine "
                               "are not part of its definition: they are set where it is "
                               "deployed."),
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
    connect(&m_session, &DefinitionSession::contentChanged, this, &ConfigView::refresh);
    connect(&m_session, &DefinitionSession::loadFailed, this, &ConfigView::refresh);
    refresh();
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

void ConfigView::refresh() {
    const bool editable = m_session.isEditable() && m_session.document().definition().is_object();
    m_comment->setText(fieldText(topLevel("Comment")));
    m_comment->setCursorPosition(0);
    m_comment->setToolTip(m_comment->text());
    m_timeout->setText(fieldText(topLevel("TimeoutSeconds")));
    m_timeoutMessage->clear();
    m_timeoutMessage->setVisible(false);
    m_version->setText(fieldText(topLevel("Version")));
    for (QLineEdit* field : {m_comment, m_timeout, m_version})
        field->setReadOnly(!editable);
    m_queryLanguage->setEnabled(editable);

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

} // namespace flowcast::ui
