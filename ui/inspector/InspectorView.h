#pragma once
// The inspector: a form over every field of the selected state, as Workflow Studio's inspector
// panel, offline. It observes a DefinitionSession and owns no data: the form is rebuilt from the
// document on every selection or content change (the focused field keeps its focus, cursor and
// unfinished text when its value did not change), each committed field is one session edit and
// one undo step, and a field's text is checked on every keystroke with the Validator's own
// verdict, so an invalid value never reaches the document.
#include "ui/inspector/FieldEditors.h"

#include <QScrollArea>

class QFormLayout;
class QLineEdit;
class QVBoxLayout;

namespace flowcast::ui {

class InspectorView : public QScrollArea {
    Q_OBJECT
public:
    explicit InspectorView(DefinitionSession& session, QWidget* parent = nullptr);
    ~InspectorView() override;

    /// The pointer of the state shown; empty when the form shows no state.
    QString statePointer() const { return QString::fromStdString(m_context.statePointer); }
    /// The field bound to `relative` ("/TimeoutSeconds", "/Retry/0/MaxAttempts"), or nullptr.
    FieldEditor* fieldEditor(const QString& relative) const;

public slots:
    void refresh();

private:
    QWidget* buildMessage(const QString& text);
    QWidget* buildForm(const model::State& state);
    void addHeader(QVBoxLayout* layout, const model::State& state);
    /// The fields of the table below that apply to the state, in `section`.
    void addTableFields(QFormLayout* form, const model::State& state, bool inputOutput);
    /// Takes the form out of the view, its signals blocked so that it commits nothing on the way
    /// out (a focus-out is an editingFinished). The caller deletes it.
    QWidget* takeForm();
    void addWaitFields(QFormLayout* form);
    void addMapFields(QFormLayout* form, const model::State& state);
    void addTransition(QFormLayout* form, const model::State& state);
    FieldEditor* addField(QFormLayout* form, const std::string& key, FieldKind kind,
                          const QString& label = {});
    bool setEnd(bool end);
    /// Renames the state and keeps it selected under its new name.
    bool rename(const QString& name);
    QString nameError(const QString& name) const;
    QStringList scopeStates(const std::string& statePointer) const;

    DefinitionSession& m_session;
    InspectorContext m_context;
};

} // namespace flowcast::ui
