#pragma once
// The definition file open in a window: its path, what DefinitionFile::check reported, and a
// StateMachine view of every definition in it. The views (state tree, diagnostics, later the
// canvas) only observe the session and ask it for data; the session is the one place that loads
// and the one place that holds the selection, a JSON Pointer into the file.
#include "model/asl/DefinitionFile.h"
#include "model/asl/StateMachine.h"

#include <QObject>
#include <QString>

#include <memory>
#include <vector>

namespace flowcast::ui {

/// One state machine in the file: the whole file for a bare definition, one resource of a
/// CloudFormation / SAM template otherwise.
struct DefinitionView {
    QString title;               ///< the template resource name; empty for a bare definition
    model::StateMachine machine; ///< pointers are relative to the file
};

class DefinitionSession : public QObject {
    Q_OBJECT
public:
    explicit DefinitionSession(QObject* parent = nullptr);
    ~DefinitionSession() override;

    /// Reads and checks `path`. Emits documentLoaded() when the file parsed, loadFailed() when it
    /// did not; either way the file stays current (reload() retries it) and its diagnostics are
    /// available. The selection is cleared (views rebuild from the signal). Returns true when
    /// the file parsed. Never throws.
    bool open(const QString& path);
    /// Opens the current file again and keeps the selection when it still exists.
    bool reload();

    const QString& path() const { return m_path; }
    QString fileName() const;
    /// True when a file parsed; false before the first open and after a failed one.
    bool hasDocument() const;
    bool isTemplate() const;

    const model::Diagnostics& diagnostics() const;
    int errorCount() const;
    int warningCount() const;
    const std::vector<DefinitionView>& definitions() const;
    std::size_t stateCount() const;

    /// The state whose pointer is exactly `pointer`, or nullptr.
    const model::State* stateAt(const QString& pointer) const;
    /// The nearest node at or above `pointer`: a state, a Parallel branch, a Map processor or a
    /// template's definition. Empty when none holds it (the file's top level).
    QString ownerOf(const QString& pointer) const;

    const QString& selection() const { return m_selection; }
    /// Selects whatever `pointer` names (a state, or any field below one); emits
    /// selectionChanged() when it differs from the current selection.
    void select(const QString& pointer);

signals:
    void documentLoaded();
    void loadFailed(const QString& message);
    void selectionChanged(const QString& pointer);

private:
    struct Loaded;
    std::unique_ptr<Loaded> m_loaded;
    QString m_path;
    QString m_selection;
};

} // namespace flowcast::ui
