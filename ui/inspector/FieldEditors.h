#pragma once
// The building blocks of the inspector's form: how a field's text becomes JSON, the check run on
// every keystroke (the Validator's own verdict on the definition as it would be with the value),
// and FieldEditor, one text field bound to one JSON Pointer of the selected state. A FieldEditor
// owns no data: it shows what the document holds and commits through the session, only when the
// text is valid, so an invalid value never reaches the document.
#include "model/asl/Json.h"
#include "model/asl/StateMachine.h"

#include <QStringList>
#include <QWidget>

#include <functional>
#include <optional>
#include <string>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace flowcast::ui {

class DefinitionSession;

/// What the inspector is looking at: the state, its scope and whether it may change.
struct InspectorContext {
    DefinitionSession* session = nullptr;
    std::string statePointer; ///< "/States/A", "/States/P/Branches/0/States/B"
    model::QueryLanguage language = model::QueryLanguage::JsonPath;
    bool editable = true;
    QStringList scopeStates; ///< the names of the states of the state's scope, in file order
    QString stateName;

    std::string absolute(const std::string& relative) const { return statePointer + relative; }
    /// The value at `relative` below the state in the document, or nullptr.
    const model::Json* value(const std::string& relative) const;
    /// Sets (or, for nullopt, removes) the value at `relative`: one undo step. False if refused.
    bool commit(const std::string& relative, const std::optional<model::Json>& value,
                const QString& label) const;
};

/// How a field's text reads as JSON.
enum class FieldKind {
    Text,      ///< a string; empty text removes the field
    String,    ///< a string, empty allowed (a Choice operand)
    Path,      ///< a JSONPath string, or null for the text "null"; empty removes the field
    Json,      ///< any JSON text; "{% ... %}" stands for that JSONata string
    Integer,   ///< a whole number (JSONata states: or "{% ... %}")
    Number,    ///< any number (JSONata states: or "{% ... %}")
    Boolean,   ///< true or false
    ErrorList, ///< "States.Timeout, States.TaskFailed": an array of strings
    Jsonata,   ///< a "{% ... %}" string
};

struct Conversion {
    std::optional<model::Json> value; ///< nullopt: the field is to be removed (or is invalid)
    QString error;                    ///< empty when the text converts
};

/// Text to JSON for `kind`; an empty text converts to nullopt (remove) except for String.
Conversion convertText(FieldKind kind, const QString& text, model::QueryLanguage language);
/// The text a field shows for `value` (nullptr: the field is absent).
QString textOf(FieldKind kind, const model::Json* value);

/// The Validator's first error at or below `pointer` once the definition holds `value` there
/// (nullopt: the field removed), as "message" or "at /sub/pointer: message". Empty when none.
QString trialCheck(const model::Json& definition, const std::string& pointer,
                   const std::optional<model::Json>& value);

/// A state target combo: the scope's states (not the state itself), plus "(none)" when
/// `allowNone`. Activating an entry calls `chosen` with the name ("" for none).
QComboBox* makeTargetCombo(const InspectorContext& context, const QString& objectName,
                           const QString& current, bool allowNone,
                           std::function<void(const QString&)> chosen, QWidget* parent);

/// A Parallel's branch count and an "Add branch" button: the new branch holds one Pass state,
/// "Branch N" free in the whole state machine, as the palette's Parallel does. One undo step.
QWidget* makeBranchesControl(const InspectorContext& context, QWidget* parent);

class FieldEditor : public QWidget {
    Q_OBJECT
public:
    /// A field for the value at `relative` below the state. Multi-line for FieldKind::Json.
    FieldEditor(const InspectorContext& context, std::string relative, FieldKind kind,
                QWidget* parent = nullptr);

    const std::string& relativePointer() const { return m_relative; }
    QString text() const;
    void setText(const QString& text);
    /// The text the field showed when it was built from the document.
    const QString& shownText() const { return m_shown; }
    /// Why the current text cannot be committed; empty when it can.
    QString error() const { return m_error; }
    /// An empty text is refused instead of removing the field.
    void setRequired(bool required) { m_required = required; }
    /// Replaces the default commit (a setValue at the field's pointer).
    void setCommitter(std::function<bool(const model::Json&)> committer);
    /// Commits the text when valid and different from the document; false when refused.
    bool commit();
    QWidget* input() const;

signals:
    void committed();

private slots:
    void check();

private:
    /// The text's value and, when it does not convert or fails the check, why.
    Conversion evaluate() const;
    bool eventFilter(QObject* watched, QEvent* event) override;

    InspectorContext m_context;
    std::string m_relative;
    FieldKind m_kind;
    bool m_required = false;
    std::function<bool(const model::Json&)> m_committer;
    QLineEdit* m_line = nullptr;
    QPlainTextEdit* m_block = nullptr;
    QLabel* m_message = nullptr;
    QString m_error;
    QString m_shown;
};

} // namespace flowcast::ui
