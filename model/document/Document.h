#pragma once
// The one mutator of a pipeline being edited (ARCHITECTURE: "Document and its edits"): it owns the
// ASL definition and the canvas layout, applies Edits atomically, keeps the undo history and tells
// its observers what changed. Views never change the JSON themselves; they build an Edit
// (model/document/StateEdits.h) and hand it here. Qt-free, so the whole editing behaviour is
// testable without a window.
#include "model/asl/Json.h"
#include "model/document/JsonEdit.h"

#include <cstdint>
#include <string>
#include <vector>

namespace flowcast::model {

/// One user gesture: the ops it is made of, applied in order, undone as one step.
struct Edit {
    std::string label; ///< "Add state Transform": what Undo / Redo name
    std::vector<JsonOp> ops;
    /// Consecutive edits with the same non-empty key merge into one undo step (the moves of one
    /// drag), until Document::closeMerge().
    std::string mergeKey;

    bool empty() const { return ops.empty(); }
};

struct DocumentChange {
    enum class Cause { Edit, Undo, Redo, Reset };
    Cause cause = Cause::Edit;
    std::string label;
    bool definitionChanged = false;
    bool layoutChanged = false;
    bool projectChanged = false; ///< the project's own sections: name, type, scenario, ...
};

class DocumentObserver {
public:
    virtual ~DocumentObserver() = default;
    virtual void documentChanged(const DocumentChange& change) = 0;
};

class Document {
public:
    /// A new, empty state machine: {"StartAt": "", "States": {}}.
    Document();
    explicit Document(Json definition, Json layout = Json::object(), Json project = Json::object());

    static Json emptyDefinition();

    const Json& definition() const { return m_definition; }
    /// {"positions": {"<state pointer>": {"x": .., "y": ..}}, "collapsed": [...]}, or {}.
    const Json& layout() const { return m_layout; }
    /// The project file's other top-level sections, in file order ("name", "type", "scenario",
    /// ...): edited through DocumentPart::Project ops like the rest, so they undo too.
    const Json& project() const { return m_project; }
    /// Grows by one on every change (edit, undo, redo, reset): views compare it to their copy.
    std::uint64_t revision() const { return m_revision; }

    /// Applies every op of `edit`, or none: on an EditError the ops already applied are undone
    /// and the error is rethrown. An empty edit does nothing and is not recorded.
    void apply(const Edit& edit);
    /// Ends the merging of the current undo step (the end of a drag).
    void closeMerge() { m_mergeOpen = false; }

    bool canUndo() const { return m_done > 0; }
    bool canRedo() const { return m_done < m_steps.size(); }
    std::string undoLabel() const;
    std::string redoLabel() const;
    std::size_t undoCount() const { return m_done; }
    std::size_t redoCount() const { return m_steps.size() - m_done; }
    void undo();
    void redo();

    /// True when the content differs from what was last saved (or opened).
    bool isModified() const { return m_done != m_savedAt; }
    void markSaved() { m_savedAt = m_done; }
    /// The content is not what the file holds (recovered work): modified until saved.
    void markUnsaved();

    /// New content (a file opened, a recovered autosave); the history is cleared.
    void reset(Json definition, Json layout = Json::object(), Json project = Json::object());

    void addObserver(DocumentObserver* observer);
    void removeObserver(DocumentObserver* observer);

private:
    struct Step {
        std::string label;
        std::string mergeKey;
        std::vector<JsonOp> forward; ///< as applied
        std::vector<JsonOp> inverse; ///< in the order that undoes them
    };

    Json& part(DocumentPart which) {
        switch (which) {
        case DocumentPart::Layout:
            return m_layout;
        case DocumentPart::Project:
            return m_project;
        case DocumentPart::Definition:
            break;
        }
        return m_definition;
    }
    std::vector<JsonOp> applyAll(const std::vector<JsonOp>& ops);
    void notify(DocumentChange::Cause cause, const std::string& label,
                const std::vector<JsonOp>& ops);

    Json m_definition;
    Json m_layout;
    Json m_project;
    std::vector<Step> m_steps;
    std::size_t m_done = 0;    ///< steps applied; the rest can be redone
    std::size_t m_savedAt = 0; ///< m_done when last saved; never equal when that step is gone
    bool m_mergeOpen = false;
    std::uint64_t m_revision = 0;
    std::vector<DocumentObserver*> m_observers;
};

} // namespace flowcast::model
