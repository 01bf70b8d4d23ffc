#pragma once
// The definition open in a window: its path, the model::Document being edited, what validation
// reports on it after every edit, and a StateMachine view of every definition in it. The views
// (state tree, diagnostics, canvas, code) only observe the session and ask it for data; they
// change the definition only through apply(), and the session is the one place that loads, saves
// and holds the selection, a JSON Pointer into the file.
#include "model/asl/DefinitionFile.h"
#include "model/asl/StateMachine.h"
#include "model/document/Document.h"
#include "model/document/ProjectFile.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

namespace flowcast::ui {

/// One state machine in the file: the whole file for a bare definition, one resource of a
/// CloudFormation / SAM template otherwise.
struct DefinitionView {
    QString title;               ///< the template resource name; empty for a bare definition
    model::StateMachine machine; ///< pointers are relative to the file
};

class DefinitionSession : public QObject, private model::DocumentObserver {
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
    /// A new, empty state machine without a file.
    void newDocument();
    /// Work recovered after a crash: the project at `recoveryFile` shown as `sourcePath` (empty:
    /// untitled), modified until saved. False, with loadFailed(), when it cannot be read.
    bool openRecovered(const QString& recoveryFile, const QString& sourcePath);
    /// The text of a JSON definition file that failed to open with a syntax error, kept so the
    /// code view can show it for repair; empty otherwise (and once a document is loaded).
    const QString& unreadText() const { return m_unreadText; }
    /// Adopts `definition`, the repaired text of the file that failed to open, as the document:
    /// the same path, modified until saved. False (nothing changes) when no file awaits repair.
    bool adoptRepairedDefinition(model::Json definition);
    /// Saves to `path` (the current path when empty): a project for *.flowcast.json, else the ASL
    /// definition alone (layout is lost there). Atomic. Emits saveFailed() and returns false when
    /// the file cannot be written.
    bool save(const QString& path = {});
    /// Writes the definition alone as ASL JSON, whatever the current file is; atomic.
    bool exportAsl(const QString& path);

    model::Document& document() { return m_document; }
    const model::Document& document() const { return m_document; }
    /// A bare definition or a project: editable. A template's definitions are read-only.
    bool isEditable() const;
    /// Applies one gesture. When it is refused (model::EditError, or a read-only file) nothing
    /// changes, editFailed() says why and the result is false.
    bool apply(const model::Edit& edit);
    /// Builds a gesture from the current document and applies it; an EditError thrown while
    /// building (a duplicate name, a Fail given a Next) is reported like a refused edit.
    bool edit(const std::function<model::Edit(const model::Document&)>& build);
    bool isModified() const { return m_document.isModified(); }
    /// The document as a project: definition, layout and the other sections read with it.
    model::Project project() const;
    /// Why the scenario beside the opened definition could not be read; empty when it could or
    /// there is none.
    const QString& scenarioProblem() const { return m_scenarioProblem; }

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
    /// After a load and after every change of the definition: views rebuild from the session.
    void contentChanged();
    /// Only the layout changed (a move, a collapse): the canvas repositions, nothing else.
    void layoutChanged();
    /// The project's own sections changed (name, type, scenario): see Document::project().
    void projectChanged();
    void editFailed(const QString& message);
    void saveFailed(const QString& message);
    /// The document was written to `path` (a project or ASL).
    void saved(const QString& path);
    void modifiedChanged(bool modified);
    void loadFailed(const QString& message);
    void selectionChanged(const QString& pointer);

private:
    std::string definitionText(const std::string& file) const;
    struct Loaded;
    void documentChanged(const model::DocumentChange& change) override;
    /// Validates the document's current definition (as it would be exported) into m_loaded.
    void recheck();
    /// Makes `definition` the document, modified and with nothing of it saved (recovered work,
    /// a repaired file), and tells the views.
    void loadUnsaved(model::Json definition, model::Json layout, model::Json other);
    void finishLoad(bool parsed);

    std::unique_ptr<Loaded> m_loaded;
    model::Document m_document;
    bool m_wasModified = false;
    QString m_path;
    QString m_unreadText; ///< see unreadText()
    QString m_selection;
    QString m_scenarioProblem;
    model::Json m_savedProject = model::Json::object(); ///< the project's sections as last saved
};

} // namespace flowcast::ui
