#pragma once
// The Retry or the Catch rows of a Task, Parallel or Map state in the inspector: one framed row
// per retrier or catcher with its fields, and buttons to add, remove and reorder rows. Built from
// the document each time the inspector refreshes; every button is one edit of the whole array.
#include "ui/inspector/FieldEditors.h"

#include <QGroupBox>

class QFormLayout;

namespace flowcast::ui {

class RetryCatchEditor : public QGroupBox {
    Q_OBJECT
public:
    enum class Kind { Retry, Catch };

    RetryCatchEditor(const InspectorContext& context, Kind kind, QWidget* parent = nullptr);

    /// The key edited: "Retry" or "Catch".
    std::string key() const { return m_kind == Kind::Retry ? "Retry" : "Catch"; }

    /// Appends a row with AWS's defaults (a Catch targets the first other state of the scope).
    bool addRow();
    bool removeRow(int index);
    /// Swaps row `index` with row `index + offset` (offset -1 or +1).
    bool moveRow(int index, int offset);

private:
    void buildRow(int index, const model::Json& row);
    void addRetryFields(QFormLayout* form, const std::string& at, const model::Json& row);
    void addCatchFields(QFormLayout* form, const std::string& at, const model::Json& row);
    QWidget* rowButtons(int index);
    /// Writes the array changed by `change`, or removes the key when it becomes empty.
    bool rewrite(const std::function<void(model::Json&)>& change, const QString& label);

    InspectorContext m_context;
    Kind m_kind;
};

} // namespace flowcast::ui
