#pragma once
// The Config mode: a form over the state machine's top-level fields (Comment, TimeoutSeconds,
// QueryLanguage, Version) and its name and type (Standard or Express), as Workflow Studio's. The
// name and the type are not ASL: they are kept in the project (Document::project()) and go to AWS
// beside the definition. It observes a DefinitionSession and holds no
// data of its own: a committed field (editingFinished, or a choice) is one session.apply(), and
// the form is rebuilt from the document on contentChanged(). Input that is not valid shows a
// message beside its field and changes nothing.
#include "model/asl/Json.h"

#include <QWidget>

#include <optional>
#include <string>

class QComboBox;
class QLabel;
class QLineEdit;

namespace flowcast::ui {

class DefinitionSession;

class ConfigView : public QWidget {
    Q_OBJECT
public:
    /// The largest TimeoutSeconds accepted; the ASL schema of AWS's tooling allows 1..99999999.
    static constexpr long long kMaxTimeoutSeconds = 99999999;

    explicit ConfigView(DefinitionSession& session, QWidget* parent = nullptr);

    QLineEdit* commentField() const { return m_comment; }
    QLineEdit* timeoutField() const { return m_timeout; }
    QComboBox* queryLanguageField() const { return m_queryLanguage; }
    QLineEdit* versionField() const { return m_version; }
    QLineEdit* nameField() const { return m_name; }
    QComboBox* typeField() const { return m_type; }
    /// Why the name was refused; empty when it was not.
    QString nameMessage() const;
    /// Why the TimeoutSeconds text was refused; empty when it was not.
    QString timeoutMessage() const;

    /// TimeoutSeconds from the field's text, in seconds. Nullopt for an empty text (no timeout),
    /// and nullopt with `error` set when the text is not a whole number in 1..kMaxTimeoutSeconds.
    static std::optional<long long> parseTimeout(const QString& text, QString* error);

private slots:
    void refresh();
    void commitComment();
    void commitTimeout();
    void commitQueryLanguage(int index);
    void commitVersion();
    void commitName();
    void commitType(int index);

private:
    /// Sets the top-level `key` to `value`, or removes it for nullopt; one undo step.
    void commitValue(const std::string& key, std::optional<model::Json> value,
                     const QString& label);
    const model::Json* topLevel(const char* key) const;
    const model::Json* projectValue(const char* key) const;

    DefinitionSession& m_session;
    QLineEdit* m_comment = nullptr;
    QLineEdit* m_timeout = nullptr;
    QLabel* m_timeoutMessage = nullptr;
    QComboBox* m_queryLanguage = nullptr;
    QLineEdit* m_version = nullptr;
    QLineEdit* m_name = nullptr;
    QLabel* m_nameMessage = nullptr;
    QComboBox* m_type = nullptr;
};

} // namespace flowcast::ui
